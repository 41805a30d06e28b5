"""toggl.projects in both client styles: the cases against mocks and the fake, paging,
bulk edits, deletion modes, premium-only fields, and creates never sent twice."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

import aiohttp
import pytest

from tests import bodies
from tests.conftest import MockAPI, invoke
from tests.resources._entities import (
    CLIENT_ID,
    OTHER_PROJECT_ID,
    PROJECT_ID,
    endpoint_tests,
    refusal_test,
)
from tests.resources._harness import WORKSPACE_ID, Case, is_list_of
from toggl_async import (
    BulkEditFailure,
    BulkEditResult,
    PaymentRequiredError,
    Project,
    TogglError,
)
from toggl_async.testing import BlockingFakeToggl

UTC = timezone.utc
PROJECTS = "/workspaces/{workspace_id}/projects"
PROJECT = PROJECTS + "/{project_id}"


def check_recorded(project: Project) -> None:
    assert project.id == 201876878 and project.workspace_id == project.wid == 1234567
    assert project.status == "active" and project.active is True
    assert project.actual_hours == 0 and type(project.actual_hours) is int
    assert project.actual_seconds == 202 and project.recurring_parameters is None
    assert project.created_at == datetime(2024, 4, 9, 4, 23, 27, tzinfo=UTC)
    assert project.start_date == date(2024, 4, 9)


def check_created(project: Project) -> None:
    # Created without "active": archived, and without status or created_at.
    assert project.active is False and project.status is None and project.created_at is None
    assert project.color == "#0b83d9"


def check_bulk_edit(result: BulkEditResult) -> None:
    assert result.success == [201899518]
    assert result.failure == [BulkEditFailure(id=201876878, message="Not found")]


CASES = [
    Case("projects.list", "GET", PROJECTS, list[Project], [bodies.PROJECT],
         lambda projects: check_recorded(projects[0]), args=(WORKSPACE_ID,)),
    Case("projects.list", "GET", PROJECTS, list[Project], [], is_list_of(Project, 0),
         args=(WORKSPACE_ID,),
         kwargs={"active": "both", "since": date(2024, 12, 1), "billable": False,
                 "user_ids": [5, 6], "client_ids": (CLIENT_ID,), "group_ids": [7],
                 "project_ids": [PROJECT_ID, OTHER_PROJECT_ID],
                 "statuses": ["active", "archived"], "name": "x", "search": "y",
                 "only_templates": False, "only_me": True, "only_editable": False,
                 "sort_field": "name", "sort_order": "desc", "sort_pinned": True,
                 "page": 2, "per_page": 200},
         query={"active": "both", "since": "1733011200", "billable": "false",
                "user_ids": "5,6", "client_ids": CLIENT_ID, "group_ids": "7",
                "project_ids": (PROJECT_ID, OTHER_PROJECT_ID),
                "statuses": "active,archived", "name": "x", "search": "y",
                "only_templates": "false", "only_me": "true", "only_editable": "false",
                "sort_field": "name", "sort_order": "desc", "sort_pinned": "true",
                "page": "2", "per_page": "200"}),
    Case("projects.get", "GET", PROJECT, Project, bodies.PROJECT, check_recorded,
         args=(WORKSPACE_ID, PROJECT_ID)),
    Case("projects.create", "POST", PROJECTS, Project, bodies.PROJECT_CREATED, check_created,
         args=(WORKSPACE_ID,), kwargs={"name": "Analytical Engine", "active": False},
         sent_json={"name": "Analytical Engine", "active": False}),
    Case("projects.create", "POST", PROJECTS, Project, bodies.PROJECT,
         args=(WORKSPACE_ID,),
         kwargs={"name": "Engine", "client_id": CLIENT_ID, "color": "#06aaf5",
                 "is_private": False, "rate": 87.5, "start_date": date(2024, 5, 1)},
         sent_json={"name": "Engine", "active": True, "client_id": CLIENT_ID,
                    "color": "#06aaf5", "is_private": False, "rate": 87.5,
                    "start_date": "2024-05-01"}),
    Case("projects.update", "PUT", PROJECT, Project, bodies.PROJECT, check_recorded,
         args=(WORKSPACE_ID, PROJECT_ID),
         kwargs={"name": "Renamed", "client_id": None, "end_date": "2025-01-31"},
         sent_json={"name": "Renamed", "client_id": None, "end_date": "2025-01-31"}),
    Case("projects.patch", "PATCH", PROJECTS + "/{project_id},{other_project_id}",
         BulkEditResult, bodies.PROJECTS_BULK_EDIT, check_bulk_edit,
         args=(WORKSPACE_ID, [PROJECT_ID, OTHER_PROJECT_ID],
               [{"op": "replace", "path": "/color", "value": "#000000"},
                {"op": "remove", "path": "/client_id"}]),
         sent_json=[{"op": "replace", "path": "/color", "value": "#000000"},
                    {"op": "remove", "path": "/client_id"}]),
    Case("projects.delete", "DELETE", PROJECT, None, b"201876878",
         args=(WORKSPACE_ID, PROJECT_ID)),
    Case("projects.delete", "DELETE", PROJECT, None, b"201876878",
         args=(WORKSPACE_ID, PROJECT_ID), kwargs={"time_entries": "unassign"},
         query={"teDeletionMode": "unassign"}),
]


test_the_cases_cover_every_endpoint, test_endpoint, test_endpoint_against_the_fake = (
    endpoint_tests(CASES, endpoints=6)
)


def live_projects(account: Any, workspace_id: int) -> list[int]:
    return [
        p["id"] for p in account.projects
        if p["workspace_id"] == workspace_id and p["server_deleted_at"] is None
    ]


async def test_iter_walks_450_projects_each_once(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake.accounts[0]
    client = make_client(account.token, base_url=fake.url)

    seen = []
    for workspace_id in account.workspace_ids:
        seen += [p.id for p in await invoke(
            client, "projects.iter", workspace_id, per_page=40, active="both"
        )]

    assert len(seen) == len(set(seen)) == 450
    assert set(seen) == {
        project_id for wid in account.workspace_ids for project_id in live_projects(account, wid)
    }
    pages = [r for r in fake.requests if r.path.endswith("/projects")]
    assert {r.query["per_page"] for r in pages} == {"40"}
    assert all(r.query["active"] == "both" for r in pages)


async def test_iter_stops_on_a_short_page(api: MockAPI, client: Any) -> None:
    path = "/workspaces/1/projects"
    api.add("GET", path, body=[{"id": n} for n in range(1, 3)])
    api.add("GET", path, body=[{"id": 3}])

    projects = await invoke(client, "projects.iter", 1, per_page=2, only_me=True)

    assert [p.id for p in projects] == [1, 2, 3]
    assert [r.query for r in api.sent] == [
        {"only_me": "true", "per_page": "2", "page": "1"},
        {"only_me": "true", "per_page": "2", "page": "2"},
    ]


async def test_a_create_whose_answer_is_lost_is_sent_once(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake.accounts[0]
    workspace_id = account.workspace_ids[0]
    client = make_client(account.token, base_url=fake.url, max_retries=3)
    fake.inject(method="POST", path=f"/workspaces/{workspace_id}/projects", drop=True)

    with pytest.raises(TogglError) as caught:
        await invoke(client, "projects.create", workspace_id, name="Sent once")

    assert [r.method for r in fake.requests] == ["POST"]
    assert caught.value.may_have_been_applied is True


async def test_a_premium_colour_on_a_free_workspace_is_payment_required(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake.accounts[0]
    free = next(ws["id"] for ws in account.workspaces if not ws["premium"])
    project_id = live_projects(account, free)[0]
    client = make_client(account.token, base_url=fake.url)

    with pytest.raises(PaymentRequiredError) as caught:
        await invoke(client, "projects.update", free, project_id, color="#FFFFFF")

    assert type(caught.value) is PaymentRequiredError  # not the hourly quota
    assert "Custom project colors available only for premium plans" in str(caught.value)


async def test_bulk_edit_reports_each_id(fake: BlockingFakeToggl, make_client: Any) -> None:
    account = fake.accounts[0]
    workspace_id = account.workspace_ids[0]
    first, second = live_projects(account, workspace_id)[:2]
    client = make_client(account.token, base_url=fake.url)

    result = await invoke(
        client, "projects.patch", workspace_id, [first, 999999999, second],
        [{"op": "replace", "path": "/color", "value": "#2da608"}],
    )

    assert result.success == [first, second]
    assert [failure.id for failure in result.failure] == [999999999]
    assert {p["color"] for p in account.projects if p["id"] in (first, second)} == {"#2da608"}


async def test_created_projects_show_in_me_projects_and_deleting_removes_entries(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake.accounts[1]
    workspace_id = account.workspace_ids[0]
    client = make_client(account.token, base_url=fake.url)

    created = await invoke(client, "projects.create", workspace_id, name="Shared state")
    assert created.active is True and created.status is None  # not in a create's answer
    mine = {p.id: p for p in await invoke(client, "me.projects")}
    assert mine[created.id].status == "active" and mine[created.id].created_at is not None

    entry = next(e for e in account.time_entries if e["project_id"] is not None)
    await invoke(client, "projects.delete", entry["workspace_id"], entry["project_id"],
                 time_entries="delete")
    assert entry not in account.time_entries
    found = await invoke(client, "projects.list", workspace_id, name="shared STATE")
    assert created.id in [p.id for p in found]


async def test_the_fake_reads_id_lists_comma_separated_only(fake: BlockingFakeToggl) -> None:
    account = fake.accounts[0]
    url = f"{fake.url}/workspaces/{account.workspace_ids[0]}/projects"
    async with aiohttp.ClientSession(headers={"Authorization": account.authorization}) as http:
        for query, status in (("client_ids=1,2", 200), ("client_ids=1&client_ids=2", 400),
                              ("client_ids[]=1", 400), ("client_ids=a", 400)):
            async with http.get(f"{url}?{query}") as response:
                assert response.status == status, query


test_bad_arguments_are_refused_before_sending = refusal_test(
    [
        ("projects.list", (1,), {"client_ids": "1,2"}, TypeError, "client_ids"),
        ("projects.list", (1,), {"user_ids": [1, 0]}, ValueError, r"user_ids\[1\]"),
        ("projects.list", (1,), {"active": "yes"}, ValueError, "'both'"),
        ("projects.list", (1,), {"per_page": 500}, ValueError, "at most 200"),
        ("projects.create", (1,), {"name": "x", "color": "red"}, ValueError, "color"),
        ("projects.create", (1,), {"name": "x", "colour": "#000000"}, TypeError, "'color'"),
        ("projects.update", (1, 2), {}, ValueError, "nothing to update"),
        ("projects.update", (0, 2), {"name": "x"}, ValueError, "workspace_id"),
        ("projects.patch", (1, [], [{"op": "add", "path": "/a"}]), {}, ValueError,
         "project_ids"),
        ("projects.patch", (1, [2], {"op": "add", "path": "/a"}), {}, TypeError, "a list"),
        ("projects.patch", (1, [2], [{"op": "add", "path": "a"}]), {}, ValueError, "path"),
        ("projects.patch", (1, [2], [{"op": "add", "path": "/a", "x": 1}]), {}, ValueError,
         "unknown key"),
        ("projects.patch", (1, [2], [{"op": "move", "path": "/a"}]), {}, ValueError, "op"),
        ("projects.delete", (1, 2), {"time_entries": "keep"}, ValueError, "time_entries"),
        ("projects.iter", (1,), {"page": 2}, TypeError, "page"),
        ("projects.iter", (1,), {"statuses": "active"}, TypeError, "statuses"),
        ("projects.iter", (1,), {"clients_ids": [1]}, TypeError, "did you mean 'client_ids'"),
    ]
)
