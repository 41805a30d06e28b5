"""The time-entry endpoints, in both client styles: the request sent and the answer decoded,
against mocks and the fake (``tests/resources/_harness.py`` runs the cases); then what
the cases cannot show: paging past the 1000-entry cap, bulk edits in chunks, a lost answer
to a create, stopping twice, and arguments refused before anything is sent.
"""

from __future__ import annotations

import itertools
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from tests import bodies
from tests.conftest import MockAPI, invoke
from tests.resources._harness import (
    MOCK_VALUES,
    WORKSPACE_ID,
    Case,
    Ref,
    is_list_of,
    run_mocked,
    run_on_fake,
)
from toggl_async import (
    BadRequestError,
    BulkEditFailure,
    BulkEditResult,
    ConflictError,
    TimeEntry,
    TogglError,
)
from toggl_async._constants import CREATED_WITH
from toggl_async.resources import time_entries as time_entries_resource
from toggl_async.testing import BlockingFakeToggl, FakeAccount
from toggl_async.testing._data import format_timestamp, time_entry

UTC = timezone.utc
ENTRY_ID = Ref("entry_id")  # a stopped entry of the workspace
OTHER_ID = Ref("other_id")  # another one
RUNNING_ID = Ref("running_id")  # a running one
VALUES = {**MOCK_VALUES, "entry_id": 3000000000, "other_id": 3000000003,
          "running_id": 3000000002}
ENTRIES = "/workspaces/{workspace_id}/time_entries"
START = datetime(2026, 9, 21, 9, 30, tzinfo=timezone(timedelta(hours=2)))


def check_listed(entries: list[TimeEntry]) -> None:
    running, stopped = entries
    assert running.is_running and running.duration == -1734035351
    assert running.elapsed(datetime(2024, 12, 12, 20, 49, 11, tzinfo=UTC)) == timedelta(hours=1)
    assert not stopped.is_running and stopped.elapsed() == timedelta(seconds=2538)
    assert stopped.pid == stopped.project_id == 201234567 and stopped.tags == ["deep-work"]


def check_deleted(entries: list[TimeEntry]) -> None:
    assert entries[0].server_deleted_at == datetime(2024, 12, 16, 1, 38, 2, tzinfo=UTC)


def check_meta(entry: TimeEntry) -> None:
    assert entry.project_name == "Difference Engine" and entry.project_active is True
    assert entry.uid is None and entry.wid is None and entry.pid is None
    assert entry.client_name is None and entry.user_name is None


def check_created_running(entry: TimeEntry) -> None:
    assert entry.duration == -1 and entry.is_running and entry.stop is None
    assert entry.tags == [] and entry.tag_ids is None
    assert entry.elapsed(datetime(2024, 12, 16, 2, 20, 20, tzinfo=UTC)) == timedelta(minutes=2)


def check_stopped(entry: TimeEntry) -> None:
    assert not entry.is_running and entry.duration == 994
    assert entry.stop == datetime(2024, 12, 16, 2, 34, 54, tzinfo=UTC)
    assert entry.at == datetime(2024, 12, 16, 2, 34, 54, 924437, tzinfo=UTC)


CASES = [
    Case("time_entries.list", "GET", "/me/time_entries", list[TimeEntry],
         [bodies.RUNNING_ENTRY, bodies.STOPPED_ENTRY], check_listed),
    Case("time_entries.list", "GET", "/me/time_entries", list[TimeEntry],
         [bodies.DELETED_ENTRY], check_deleted,
         kwargs={"since": datetime(2024, 12, 1, tzinfo=UTC), "meta": False},
         query={"since": "1733011200", "meta": "false"}),
    Case("time_entries.list", "GET", "/me/time_entries", list[TimeEntry], [],
         is_list_of(TimeEntry, 0),
         kwargs={"start_date": date(2026, 9, 1), "end_date": START, "meta": True,
                 "include_sharing": True},
         query={"start_date": "2026-09-01", "end_date": "2026-09-21T07:30:00Z",
                "meta": "true", "include_sharing": "true"}),
    Case("time_entries.list", "GET", "/me/time_entries", list[TimeEntry], [],
         kwargs={"before": date(2026, 9, 1)}, query={"before": "2026-09-01"}),
    Case("time_entries.iter", "GET", "/me/time_entries", list[TimeEntry],
         [bodies.STOPPED_ENTRY], is_list_of(TimeEntry, 1),
         kwargs={"start_date": START, "end_date": date(2026, 9, 28), "meta": True},
         query={"start_date": "2026-09-21T07:30:00Z", "end_date": "2026-09-28", "meta": "true"}),
    Case("time_entries.current", "GET", "/me/time_entries/current", TimeEntry | None,
         bodies.RUNNING_ENTRY, lambda entry: entry.is_running),
    Case("time_entries.current", "GET", "/me/time_entries/current", TimeEntry | None,
         b"null", lambda entry: entry is None),
    Case("time_entries.get", "GET", "/me/time_entries/{entry_id}", TimeEntry,
         bodies.ENTRY_WITH_META, check_meta, args=(ENTRY_ID,),
         kwargs={"meta": True, "include_sharing": True},
         query={"meta": "true", "include_sharing": "true"}),
    Case("time_entries.create", "POST", ENTRIES, TimeEntry, bodies.STOPPED_ENTRY,
         args=(WORKSPACE_ID,),
         kwargs={"start": START, "duration": 3600, "description": "Sprint review",
                 "tags": ("review", "brand-new tag"), "billable": True},
         sent_json={"workspace_id": WORKSPACE_ID, "created_with": CREATED_WITH,
                    "start": "2026-09-21T07:30:00Z", "duration": 3600,
                    "description": "Sprint review", "tags": ["review", "brand-new tag"],
                    "billable": True}),
    Case("time_entries.create", "POST", ENTRIES, TimeEntry, bodies.STOPPED_ENTRY,
         args=(WORKSPACE_ID,),
         kwargs={"start": START, "stop": START + timedelta(minutes=45), "description": None,
                 "created_with": "my-app", "meta": True},
         query={"meta": "true"},
         sent_json={"workspace_id": WORKSPACE_ID, "created_with": "my-app",
                    "start": "2026-09-21T07:30:00Z", "stop": "2026-09-21T08:15:00Z",
                    "description": None}),
    Case("time_entries.start", "POST", ENTRIES, TimeEntry, bodies.CREATED_RUNNING_ENTRY,
         check_created_running, args=(WORKSPACE_ID,),
         kwargs={"description": "Writing notes", "tags": [], "start": START},
         sent_json={"workspace_id": WORKSPACE_ID, "created_with": CREATED_WITH,
                    "start": "2026-09-21T07:30:00Z", "duration": -1,
                    "description": "Writing notes", "tags": []}),
    Case("time_entries.update", "PUT", ENTRIES + "/{entry_id}", TimeEntry,
         bodies.STOPPED_ENTRY, args=(WORKSPACE_ID, ENTRY_ID),
         kwargs={"description": "Renamed", "tags": ["urgent"], "tag_action": "add",
                 "project_id": None},
         sent_json={"description": "Renamed", "tags": ["urgent"], "tag_action": "add",
                    "project_id": None}),
    Case("time_entries.patch", "PATCH", ENTRIES + "/{entry_id},{other_id}", BulkEditResult,
         bodies.BULK_EDIT, lambda result: result.success == [3398443148, 3398445220],
         args=(WORKSPACE_ID, [ENTRY_ID, OTHER_ID],
               [{"op": "replace", "path": "/description", "value": "Bulk"},
                {"op": "replace", "path": "/billable", "value": True}]),
         sent_json=[{"op": "replace", "path": "/description", "value": "Bulk"},
                    {"op": "replace", "path": "/billable", "value": True}]),
    Case("time_entries.stop", "PATCH", ENTRIES + "/{running_id}/stop", TimeEntry,
         bodies.STOPPED_NOW_ENTRY, check_stopped, args=(WORKSPACE_ID, RUNNING_ID)),
    Case("time_entries.delete", "DELETE", ENTRIES + "/{entry_id}", None, b"",
         args=(WORKSPACE_ID, ENTRY_ID)),
]


def test_the_cases_cover_every_endpoint() -> None:
    endpoints = {(case.method, case.path.replace("{other_id}", "").rstrip(","))
                 for case in CASES}
    assert len(endpoints) == 8


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_endpoint(case: Case, api: MockAPI, client: Any) -> None:
    await run_mocked(case, api, client, VALUES)


# -- against the fake ---------------------------------------------------------------------

_ids = itertools.count(3_950_000_000)


def add_entries(
    account: FakeAccount, count: int, *, last_start: datetime, running: bool = False,
    step: timedelta = timedelta(minutes=10), workspace_id: int | None = None,
) -> list[int]:
    """Put ``count`` entries straight into the fake's state, the newest starting at
    ``last_start`` and each one ``step`` before the next; ids of the new entries."""
    workspace_id = workspace_id or account.workspace_ids[0]
    ids = []
    for n in range(count):
        start = last_start - n * step
        is_running = running and n == 0
        entry_id = next(_ids)
        account.time_entries.append(time_entry(
            entry_id, workspace_id=workspace_id, project_id=None, task_id=None,
            user_id=account.user_id, billable=False, start=format_timestamp(start, 3),
            stop=None if is_running else format_timestamp(start + step / 2, 3),
            duration=-int(start.timestamp()) if is_running else int(step.total_seconds() / 2),
            description=f"entry {n}", tags=None, at=format_timestamp(start + step, 2),
        ))
        ids.append(entry_id)
    return ids


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_endpoint_against_the_fake(
    case: Case, entity_fake: BlockingFakeToggl, make_client: Any
) -> None:
    """The same cases against the embedded fake service instead of mocks."""
    account = entity_fake.accounts[0]
    entry_id, other_id = add_entries(account, 2, last_start=START)
    [running_id] = add_entries(account, 1, last_start=START + timedelta(hours=1), running=True)
    values = {"workspace_id": account.workspace_ids[0], "entry_id": entry_id,
              "other_id": other_id, "running_id": running_id}
    await run_on_fake(case, entity_fake, make_client, values)


def raw_request(
    fake: BlockingFakeToggl, method: str, path: str, body: Any = None
) -> tuple[int, bytes]:
    """Status and body of a request sent to the fake as its first account, not by the SDK."""
    request = urllib.request.Request(
        fake.url + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": fake.accounts[0].authorization,
                 "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def own_fake() -> Iterator[BlockingFakeToggl]:
    with BlockingFakeToggl(accounts=1) as fake:
        yield fake


async def test_iter_walks_past_the_cap_and_returns_every_entry_once(
    own_fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = own_fake.accounts[0]
    # 2,500 entries, two starting in each second, so that pages end inside a second; after
    # the demo data's.
    last = datetime(2026, 11, 5, 12, tzinfo=UTC)
    ids = [entry_id
           for pair in range(1250)
           for entry_id in add_entries(account, 2, last_start=last - pair * timedelta(seconds=1),
                                       step=timedelta(0))]
    client = make_client(account.token, base_url=own_fake.url)
    own_fake.reset_stats()

    entries = await invoke(client, "time_entries.iter", start_date=date(2026, 11, 1),
                           end_date=date(2026, 11, 6))

    assert sorted(entry.id for entry in entries) == sorted(ids)
    starts = [entry.start for entry in entries]
    assert starts == sorted(starts, reverse=True)
    ends = [request.query["end_date"] for request in own_fake.requests]
    assert ends[0] == "2026-11-06" and len(ends) == 3


@pytest.fixture
def cap_of_3(monkeypatch: pytest.MonkeyPatch) -> None:
    """A list cap of 3 instead of 1000, to keep mocked pages small."""
    monkeypatch.setattr(time_entries_resource, "LIST_CAP", 3)


@pytest.mark.usefixtures("cap_of_3")
async def test_iter_ends_after_a_page_short_of_the_cap(api: MockAPI, client: Any) -> None:
    api.add("GET", "/me/time_entries", body=[bodies.STOPPED_ENTRY, bodies.RUNNING_ENTRY])
    entries = await invoke(client, "time_entries.iter", start_date=date(2024, 12, 1))
    assert len(entries) == 2 and len(api.sent) == 1
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    assert api.sent[0].query == {"start_date": "2024-12-01", "end_date": tomorrow.isoformat()}


@pytest.mark.usefixtures("cap_of_3")
async def test_iter_walks_back_from_the_earliest_start_and_skips_entries_seen(
    api: MockAPI, client: Any
) -> None:
    def entry(entry_id: int, start: str) -> dict[str, Any]:
        return {**bodies.STOPPED_ENTRY, "id": entry_id, "start": start}

    api.add("GET", "/me/time_entries", body=[
        entry(5, "2024-12-03T10:00:00+00:00"), entry(4, "2024-12-02T10:00:00+00:00"),
        entry(3, "2024-12-02T10:00:00+00:00"),
    ])
    api.add("GET", "/me/time_entries", body=[
        entry(4, "2024-12-02T10:00:00+00:00"), entry(3, "2024-12-02T10:00:00+00:00"),
        entry(2, "2024-12-02T10:00:00+00:00"),
    ])
    api.add("GET", "/me/time_entries", body=[
        entry(3, "2024-12-02T10:00:00+00:00"), entry(2, "2024-12-02T10:00:00+00:00"),
        entry(1, "2024-12-01T10:00:00+00:00"),
    ])
    api.add("GET", "/me/time_entries", body=[entry(1, "2024-12-01T10:00:00+00:00")])

    entries = await invoke(client, "time_entries.iter", start_date=date(2024, 12, 1),
                           end_date=date(2024, 12, 4))

    assert [e.id for e in entries] == [5, 4, 3, 2, 1]
    assert [r.query["end_date"] for r in api.sent] == [
        "2024-12-04", "2024-12-02T10:00:01Z", "2024-12-02T10:00:01Z", "2024-12-01T10:00:01Z",
    ]


@pytest.mark.usefixtures("cap_of_3")
async def test_iter_refuses_to_loop_on_a_full_page_it_cannot_get_past(
    api: MockAPI, client: Any
) -> None:
    full = [{**bodies.STOPPED_ENTRY, "id": n} for n in range(3)]
    api.add("GET", "/me/time_entries", body=full, repeat=True)
    with pytest.raises(TogglError, match="cannot page past"):
        await invoke(client, "time_entries.iter", start_date=date(2024, 12, 1))
    assert len(api.sent) == 2


async def test_bulk_patch_of_250_ids_makes_3_requests_and_merges_partial_failures(
    api: MockAPI, client: Any
) -> None:
    ids = list(range(1, 251))
    api.add("PATCH", "/workspaces/7/time_entries/" + ",".join(map(str, ids[:100])),
            body={"success": ids[:99], "failure": [{"id": 100, "message": "Not found"}]})
    api.add("PATCH", "/workspaces/7/time_entries/" + ",".join(map(str, ids[100:200])),
            body={"success": ids[100:200], "failure": []})
    api.add("PATCH", "/workspaces/7/time_entries/" + ",".join(map(str, ids[200:])),
            body={"success": ids[200:249], "failure": [{"id": 250, "message": "Locked"}]})

    result = await invoke(client, "time_entries.patch", 7, ids,
                          [{"op": "add", "path": "/tags", "value": ["x"]}])

    assert len(api.sent) == 3
    assert [len(r.path.rsplit("/", 1)[1].split(",")) for r in api.sent] == [100, 100, 50]
    assert result.success == [n for n in ids if n not in (100, 250)]
    assert result.failure == [BulkEditFailure(id=100, message="Not found"),
                              BulkEditFailure(id=250, message="Locked")]


async def test_bulk_patch_reports_the_ids_of_a_failed_later_request_as_failures(
    api: MockAPI, client: Any
) -> None:
    ids = list(range(1, 251))
    api.add("PATCH", "/workspaces/7/time_entries/" + ",".join(map(str, ids[:100])),
            body={"success": ids[:100], "failure": None})
    api.add("PATCH", "/workspaces/7/time_entries/" + ",".join(map(str, ids[100:200])),
            status=403, body='"User does not have access to this resource"')

    result = await invoke(client, "time_entries.patch", 7, ids,
                          [{"op": "remove", "path": "/project_id"}])

    assert result.success == ids[:100] and len(api.sent) == 2
    assert [f.id for f in result.failure] == ids[100:]
    assert "does not have access" in (result.failure[0].message or "")
    assert result.failure[-1].message == "not sent: an earlier request failed"


async def test_bulk_patch_on_the_fake_changes_the_entries_and_reports_unknown_ids(
    own_fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = own_fake.accounts[0]
    ids = add_entries(account, 150, last_start=START)
    client = make_client(account.token, base_url=own_fake.url)

    result = await invoke(client, "time_entries.patch", account.workspace_ids[0],
                          [*ids, 1], [{"op": "replace", "path": "/description", "value": "B"}])

    assert sorted(result.success) == sorted(ids)
    assert result.failure == [BulkEditFailure(id=1, message="Time entry not found")]
    listed = await invoke(client, "time_entries.list", start_date=date(2026, 9, 1),
                          end_date=date(2026, 9, 22))
    assert {e.description for e in listed if e.id in ids} == {"B"}


async def test_create_is_sent_once_even_when_its_answer_is_lost(
    own_fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = own_fake.accounts[0]
    workspace_id = account.workspace_ids[0]
    client = make_client(account.token, base_url=own_fake.url, max_retries=3)
    own_fake.inject(method="POST", path=f"/workspaces/{workspace_id}/time_entries", drop=True)

    with pytest.raises(TogglError) as caught:
        await invoke(client, "time_entries.create", workspace_id, start=START, duration=60)

    posts = [r for r in own_fake.requests if r.method == "POST"]
    assert len(posts) == 1
    assert getattr(caught.value, "may_have_been_applied", None) is True
    assert "the outcome is unknown" in str(caught.value)


async def test_stop_twice_raises_conflict_naming_the_entry(
    own_fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = own_fake.accounts[0]
    workspace_id = account.workspace_ids[0]
    client = make_client(account.token, base_url=own_fake.url)
    started = await invoke(client, "time_entries.start", workspace_id, description="Timer")
    assert started.is_running and started.duration == -1
    current = await invoke(client, "time_entries.current")
    assert current.id == started.id and current.duration == -int(started.start.timestamp())

    stopped = await invoke(client, "time_entries.stop", workspace_id, started.id)
    with pytest.raises(ConflictError, match=f"time entry {started.id}: Time entry already"):
        await invoke(client, "time_entries.stop", workspace_id, started.id)

    assert stopped.stop is not None and not stopped.is_running
    assert await invoke(client, "time_entries.current") is None


async def test_the_fake_keeps_what_was_written(
    own_fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = own_fake.accounts[0]
    workspace_id = account.workspace_ids[0]
    client = make_client(account.token, base_url=own_fake.url)
    since = datetime.now(UTC) - timedelta(minutes=1)

    created = await invoke(client, "time_entries.create", workspace_id, start=START,
                           duration=1800, tags=["fresh-tag"])
    assert created.tags == ["fresh-tag"] and created.tag_ids and created.duration == 1800
    assert created.stop == START + timedelta(minutes=30)
    updated = await invoke(client, "time_entries.update", workspace_id, created.id,
                           description="Edited", tags=["fresh-tag"], tag_action="delete")
    assert updated.description == "Edited" and updated.tags == []
    assert (await invoke(client, "time_entries.get", created.id)).description == "Edited"
    await invoke(client, "time_entries.delete", workspace_id, created.id)

    changed = await invoke(client, "time_entries.list", since=since)
    [deleted] = [entry for entry in changed if entry.id == created.id]
    assert deleted.server_deleted_at is not None
    assert created.id not in {e.id for e in await invoke(client, "time_entries.list")}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"created_with": "t", "workspace_id": 0}, "start is required for time entry creation"),
        ({"created_with": "t", "start": "0001-01-01T00:00:00Z"},
         "Start time year must be between 2006 and 2030"),
    ],
)
def test_the_fake_refuses_creates_as_the_service_does(
    body: dict[str, Any], message: str, own_fake: BlockingFakeToggl
) -> None:
    account = own_fake.accounts[0]
    body = {**body, "workspace_id": account.workspace_ids[0]}
    status, answer = raw_request(own_fake, "POST",
                                 f"/workspaces/{account.workspace_ids[0]}/time_entries", body)
    assert status == 400 and json.loads(answer) == message


async def test_the_fake_refuses_a_start_date_older_than_three_months(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    client = make_client(fake.token, base_url=fake.url)
    with pytest.raises(BadRequestError, match="start_date must not be earlier than 2026-07-03"):
        await invoke(client, "time_entries.list", start_date=date(2026, 7, 2))


async def test_the_fake_lists_at_most_1000_newest_first(
    own_fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = own_fake.accounts[0]
    newest = datetime(2026, 11, 20, tzinfo=UTC)  # after the demo data
    add_entries(account, 1200, last_start=newest)
    client = make_client(account.token, base_url=own_fake.url)

    entries = await invoke(client, "time_entries.list")

    assert len(entries) == 1000 and entries[0].start == newest
    assert [e.start for e in entries] == sorted((e.start for e in entries), reverse=True)


def test_the_fake_answers_get_on_the_workspace_collection_405_with_no_body(
    own_fake: BlockingFakeToggl,
) -> None:
    path = f"/workspaces/{own_fake.accounts[0].workspace_ids[0]}/time_entries"
    assert raw_request(own_fake, "GET", path) == (405, b"")


# -- arguments refused before sending -----------------------------------------------------

NAIVE = datetime(2024, 12, 1, 9, 0)


@pytest.mark.parametrize(
    ("call", "args", "kwargs", "error", "words"),
    [
        ("list", (), {"since": 1, "before": date(2024, 1, 1)}, ValueError, "since or before"),
        ("list", (), {"start_date": NAIVE}, ValueError, "start_date must be a timezone-aware"),
        ("list", (), {"end_date": "2024-12-01"}, TypeError, "end_date must be a date"),
        ("create", (7,), {"start": NAIVE}, ValueError, "start must be a timezone-aware"),
        ("create", (7,), {"start": "2024-12-01T09:00:00Z"}, TypeError, "start must be a datetime"),
        ("create", (7,), {"start": START, "stop": START + timedelta(hours=1), "duration": 60},
         ValueError, "stop is 3600 s after start but duration is 60 s"),
        ("create", (7,), {"start": START, "tags": "urgent"}, TypeError, "tags"),
        ("create", (0,), {"start": START}, ValueError, "workspace_id must be a positive id"),
        ("start", (7,), {"project_id": "12"}, TypeError, "project_id"),
        ("update", (7, 1), {}, ValueError, "nothing to update"),
        ("update", (7, 1), {"tag_action": "add"}, ValueError, "tag_action needs tags"),
        ("update", (7, 1), {"tags": ["a"], "tag_action": "remove"}, ValueError, "tag_action"),
        ("update", (7, 1), {"stop": NAIVE}, ValueError, "stop must be a timezone-aware"),
        ("patch", (7, [], [{"op": "remove", "path": "/tags"}]), {}, ValueError, "no time_entry"),
        ("patch", (7, [1], []), {}, ValueError, "no operations"),
        ("patch", (7, [1], [{"op": "move", "path": "/x"}]), {}, ValueError, "op must be one of"),
        ("patch", (7, [1], [{"op": "add", "path": "tags", "value": 1}]), {}, ValueError,
         "path must be a pointer"),
        ("patch", (7, [1], [{"op": "replace", "path": "/billable"}]), {}, ValueError,
         "replace needs a value"),
        ("patch", (7, ["1"], [{"op": "remove", "path": "/tags"}]), {}, TypeError,
         r"time_entry_ids\[\] must be an int"),
        ("get", (-1,), {}, ValueError, "time_entry_id must be a positive id"),
        ("stop", (7, True), {}, TypeError, "time_entry_id must be an int"),
    ],
)
async def test_bad_arguments_are_refused_before_sending(
    call: str, args: tuple[Any, ...], kwargs: dict[str, Any], error: type[Exception],
    words: str, api: MockAPI, client: Any,
) -> None:
    with pytest.raises(error, match=words) as caught:
        await invoke(client, f"time_entries.{call}", *args, **kwargs)
    assert isinstance(caught.value, TogglError)
    assert api.sent == []


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [({"start_date": NAIVE}, "timezone-aware"), ({"start_date": None}, "start_date is required")],
)
async def test_iter_checks_its_arguments_when_called(
    kwargs: dict[str, Any], words: str, api: MockAPI, client: Any
) -> None:
    with pytest.raises((TypeError, ValueError), match=words):
        client.time_entries.iter(**kwargs)
    assert api.sent == []


async def test_current_is_none_on_the_documented_404_too(api: MockAPI, client: Any) -> None:
    api.add("GET", "/me/time_entries/current", status=404, body='"Resource can not be found"')
    assert await invoke(client, "time_entries.current") is None


async def test_a_400_answer_keeps_the_service_s_words(api: MockAPI, client: Any) -> None:
    api.add("GET", "/me/time_entries", status=400,
            body='"start_date must not be earlier than 2024-09-16"')
    with pytest.raises(BadRequestError, match="start_date must not be earlier than 2024-09-16"):
        await invoke(client, "time_entries.list", start_date=date(2024, 1, 1))
