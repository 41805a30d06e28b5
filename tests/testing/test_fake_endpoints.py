"""Shapes, statuses and read-side quirks of every endpoint of the fake."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest

from toggl_async.testing._data import timestamp_to_unix

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|\+00:00)")
DATE = re.compile(r"\d{4}-\d\d-\d\d")

# path -> documented keys every item (or the object) must have
LIST_ENDPOINTS = {
    "/me/clients": {"id", "wid", "archived", "name", "at", "creator_id", "notes"},
    "/me/features": {"workspace_id", "features"},
    "/me/organizations": {"id", "name", "admin", "owner", "trial_info", "user_count"},
    "/me/projects": {"id", "workspace_id", "wid", "name", "active", "at", "start_date", "rate"},
    "/me/projects/paginated": {"id", "workspace_id", "name", "status", "fixed_fee"},
    "/me/tags": {"id", "workspace_id", "name", "at", "deleted_at", "creator_id"},
    "/me/tasks": {"id", "name", "project_id", "workspace_id", "active", "tracked_seconds"},
    "/me/track_reminders": {"reminder_id", "workspace_id", "frequency", "threshold", "user_ids"},
    "/me/workspaces": {"id", "name", "admin", "api_token", "te_constraints", "organization_id"},
}
ME_KEYS = {
    "id", "api_token", "email", "fullname", "timezone", "default_workspace_id",
    "beginning_of_week", "image_url", "created_at", "updated_at", "at", "country_id",
    "has_password", "openid_email", "openid_enabled", "intercom_hash", "oauth_providers",
    "authorization_updated_at", "toggl_accounts_id",
}  # fmt: skip
RELATED = ("clients", "projects", "tags", "tasks", "time_entries", "workspaces")


@pytest.mark.asyncio
@pytest.mark.parametrize(("path", "keys"), LIST_ENDPOINTS.items())
async def test_list_endpoints_answer_bare_arrays(api, path, keys):
    reply = await api.get(path)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
    items = reply.json()
    assert isinstance(items, list)
    assert items
    for item in items:
        assert keys <= item.keys()


@pytest.mark.asyncio
async def test_me(api):
    reply = await api.get("/me")
    me = reply.json()
    account = api.fake.accounts[0]
    assert me.keys() >= ME_KEYS
    assert me["api_token"] == account.token == api.fake.token
    assert me["email"] == account.email
    assert me["id"] == account.user_id
    assert me["default_workspace_id"] in account.workspace_ids
    assert me["openid_email"] is None
    assert me["options"] == []  # documented as an object
    assert not RELATED & me.keys()
    # One small body already mixes timestamp styles.
    styles = {TIMESTAMP.fullmatch(me[key]).groups() for key in ("created_at", "updated_at", "at")}
    assert len(styles) == 3


@pytest.mark.asyncio
async def test_me_quirks_vary_between_accounts(api):
    second = (await api.get("/me", account=1)).json()
    third = (await api.get("/me", account=2)).json()
    assert second["country_id"] is None
    assert second["oauth_providers"] is None
    assert "options" not in second
    assert isinstance(third["options"], dict)


@pytest.mark.asyncio
async def test_me_with_related_data(api):
    me = (await api.get("/me", params={"with_related_data": "true"})).json()
    assert set(RELATED) <= me.keys()
    assert all(isinstance(me[key], list) and me[key] for key in RELATED)
    running = [entry for entry in me["time_entries"] if entry["stop"] is None]
    assert len(running) == 1
    assert running[0]["duration"] < 0
    assert not (await api.get("/me", params={"with_related_data": "false"})).json().keys() & set(
        RELATED
    )


@pytest.mark.asyncio
async def test_related_data_omits_empty_lists(api):
    sparse = len(api.fake.accounts) - 1  # the last account has no clients
    me = (await api.get("/me", account=sparse, params={"with_related_data": "true"})).json()
    assert "clients" not in me
    assert {"projects", "tasks", "workspaces"} <= me.keys()
    assert (await api.get("/me/clients", account=sparse)).json() == []


@pytest.mark.asyncio
async def test_timestamps_come_in_mixed_formats(api):
    projects = (await api.get("/me/projects", params={"include_archived": "true"})).json()
    stamps = [project[key] for project in projects for key in ("at", "created_at")]
    shapes = Counter()
    for stamp in stamps:
        match = TIMESTAMP.fullmatch(stamp)
        assert match, stamp
        fraction, suffix = match.groups()
        shapes[(suffix, len(fraction or "."))] += 1
    assert {suffix for suffix, _ in shapes} == {"Z", "+00:00"}
    assert {digits - 1 for _, digits in shapes} >= {0, 3, 6}
    assert all(DATE.fullmatch(project["start_date"]) for project in projects)


@pytest.mark.asyncio
async def test_numbers_nulls_and_absent_keys(api):
    projects = (await api.get("/me/projects", params={"include_archived": "true"})).json()
    rates = [project["rate"] for project in projects]
    assert None in rates
    assert any(isinstance(rate, float) and not rate.is_integer() for rate in rates)
    assert any(isinstance(rate, int) for rate in rates)  # whole amounts lose their fraction
    assert any(isinstance(p["actual_hours"], float) for p in projects)
    assert any(isinstance(p["estimated_hours"], float) for p in projects)
    assert any(p["fixed_fee"] is not None for p in projects)
    assert any("tasks_count" not in p for p in projects)
    assert any(p.get("tasks_count", 0) is None for p in projects)
    assert len({p["id"] for p in projects}) == len(projects)
    ids = [p["id"] for p in projects]
    assert ids == sorted(ids)
    assert any(b - a > 1 for a, b in itertools.pairwise(ids))  # ascending, not contiguous

    workspaces = (await api.get("/me/workspaces")).json()
    assert 2 <= len(workspaces) <= 3
    assert 42.5 in [ws["default_hourly_rate"] for ws in workspaces]
    assert None in [ws["default_hourly_rate"] for ws in workspaces]
    assert all(isinstance(ws["active_project_count"], int) for ws in workspaces)
    assert all(set(ws["te_constraints"]) >= {"project_present", "tag_present"} for ws in workspaces)

    tasks = (await api.get("/me/tasks", params={"include_not_active": "true"})).json()
    assert any(isinstance(t["rate"], float) for t in tasks)
    assert any(t["estimated_seconds"] is None for t in tasks)


@pytest.mark.asyncio
async def test_location_object_or_empty_body(api):
    reply = await api.get("/me/location")
    assert reply.status == 200
    assert set(reply.json()) == {"city", "city_lat_long", "country_code", "country_name", "state"}
    sparse = await api.get("/me/location", account=len(api.fake.accounts) - 1)
    assert (sparse.status, sparse.body) == (200, b"")


@pytest.mark.asyncio
async def test_logged_answers_an_empty_body(api):
    reply = await api.get("/me/logged")
    assert (reply.status, reply.body) == (200, b"")


@pytest.mark.asyncio
async def test_web_timer(api):
    timer = (await api.get("/me/web-timer")).json()
    assert set(timer) == {"clients", "projects", "tags", "tasks", "time_entries"}
    for key in ("clients", "projects", "tags", "tasks"):
        assert timer[key] is None or isinstance(timer[key], list)
    entry_keys = {
        "utc_start", "utc_stop", "duration_in_seconds", "updated_at", "project_id", "task_id",
        "tag_ids", "workspace_id", "user_id", "description", "billable",
    }  # fmt: skip
    entries = timer["time_entries"]
    assert all(entry_keys <= entry.keys() for entry in entries)
    assert entries[-1]["utc_stop"] is None
    assert entries[-1]["duration_in_seconds"] < 0


@pytest.mark.asyncio
async def test_organizations_features_reminders(api):
    organizations = (await api.get("/me/organizations")).json()
    assert all(
        {"trial", "trial_available", "trial_end_date"} <= org["trial_info"].keys()
        for org in organizations
    )
    features = (await api.get("/me/features")).json()
    assert {f["workspace_id"] for f in features} == set(api.fake.accounts[0].workspace_ids)
    assert all({"feature_id", "name", "enabled"} == set(f) for f in features[0]["features"])
    sparse = len(api.fake.accounts) - 1
    assert (await api.get("/me/track_reminders", account=sparse)).json() == []


@pytest.mark.asyncio
async def test_projects_archived_and_since(api):
    active = (await api.get("/me/projects")).json()
    everything = (await api.get("/me/projects", params={"include_archived": "true"})).json()
    assert all(p["active"] for p in active)
    assert len(everything) > len(active)
    assert not any(p["server_deleted_at"] for p in everything)
    assert (await api.get("/me/projects", params={"include_archived": "false"})).json() == active

    changed = await api.get("/me/projects", params={"since": "0", "include_archived": "true"})
    assert {p["status"] for p in changed.json()} >= {"deleted", "archived", "active"}

    since = sorted(timestamp_to_unix(p["at"]) for p in everything)[len(everything) // 2]
    recent = (await api.get("/me/projects", params={"since": str(int(since))})).json()
    assert recent
    assert all(timestamp_to_unix(p["at"]) >= int(since) for p in recent)
    assert len(recent) < len(active)


@pytest.mark.asyncio
async def test_paginated_projects_walk_more_than_two_pages(api):
    expected = (await api.get("/me/projects", params={"include_archived": "true"})).json()
    pages, start = [], 0
    while True:
        page = (
            await api.get("/me/projects/paginated", params={"start_project_id": str(start)})
        ).json()
        if not page:
            break
        pages.append(page)
        start = page[-1]["id"] + 1
    assert [len(page) for page in pages] == [201, 201, len(expected) - 402]
    assert [p["id"] for page in pages for p in page] == [p["id"] for p in expected]

    small = await api.get("/me/projects/paginated", params={"per_page": "7"})
    assert [p["id"] for p in small.json()] == [p["id"] for p in expected[:7]]
    from_middle = await api.get(
        "/me/projects/paginated", params={"start_project_id": str(expected[300]["id"])}
    )
    assert from_middle.json()[0]["id"] == expected[300]["id"]


@pytest.mark.asyncio
async def test_tasks_filters_and_paging(api):
    active = (await api.get("/me/tasks")).json()
    everything = (await api.get("/me/tasks", params={"include_not_active": "true"})).json()
    assert 100 <= len(everything) <= 150
    assert all(t["active"] for t in active)
    assert len(everything) > len(active)
    assert "project_name" not in everything[0]

    page = await api.get("/me/tasks", params={"offset": "10", "per_page": "5"})
    assert page.json() == active[10:15]
    assert (await api.get("/me/tasks", params={"offset": "10"})).json() == active[10:]

    with_meta = (await api.get("/me/tasks", params={"meta": "true", "inbox": "false"})).json()
    assert {"project_name", "project_color", "client_name"} <= with_meta[0].keys()

    by_task = await api.get("/me/tasks", params={"search": "REVIEW", "include_hidden": "true"})
    assert by_task.json()
    assert all(
        "review" in t["name"].lower() or "review" in t["project_name"].lower()
        for t in (await api.get("/me/tasks", params={"search": "review", "meta": "true"})).json()
    )
    project_name = with_meta[0]["project_name"]
    by_project = (await api.get("/me/tasks", params={"search": project_name})).json()
    assert with_meta[0]["id"] in [t["id"] for t in by_project]


@pytest.mark.asyncio
async def test_tags_and_clients_hide_deleted_until_since(api):
    tags = (await api.get("/me/tags")).json()
    assert all(tag["deleted_at"] is None for tag in tags)
    synced = (await api.get("/me/tags", params={"since": "0"})).json()
    assert [tag for tag in synced if tag["deleted_at"]] != []
    assert len(synced) == len(tags) + 1

    clients = (await api.get("/me/clients")).json()
    assert any(client["archived"] for client in clients)
    synced_clients = (await api.get("/me/clients", params={"since": "0"})).json()
    assert len(synced_clients) == len(clients) + 1


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/me/projects", {"include_archived": "yes"}, "Invalid include_archived"),
        ("/me/tasks", {"include_not_active": "1"}, "Invalid include_not_active"),
        ("/me/tasks", {"per_page": "0"}, "Invalid per_page"),
        ("/me/projects/paginated", {"per_page": "many"}, "Invalid per_page"),
        ("/me/tags", {"since": "yesterday"}, "Invalid since"),
    ],
)
async def test_invalid_query_parameters(api, path, params, message):
    reply = await api.get(path, params=params)
    assert (reply.status, reply.json()) == (400, message)


@pytest.mark.asyncio
@pytest.mark.parametrize("account", [0, None])
async def test_unknown_paths_and_methods(api, account):
    for path in ("/me/nothing", "/workspaces/abc/preferences", "/../v8/me"):
        reply = await api.get(path, account=account)
        assert reply.status == 404
        assert isinstance(reply.json(), str)
    wrong_method = await api.call("DELETE", "/me", account=account)
    assert wrong_method.status == 405
    assert wrong_method.headers["Allow"] == "GET, PUT"


@pytest.mark.asyncio
async def test_paths_outside_the_api_are_not_found(api):
    async with api.session.get(api.fake.url.removesuffix("/api/v9") + "/me") as response:
        assert response.status == 404
