"""The Reports API v3 (``toggl.reports``), in both client styles: the requests sent and the
answers decoded against mocks and the fake, paging across pages, exports streamed to a
destination, and the fake's reports answered from the time-entry state.
"""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aioresponses import aioresponses

from tests.conftest import MockAPI, invoke
from tests.resources._harness import MOCK_VALUES, WORKSPACE_ID, Case, run_mocked, run_on_fake
from toggl_async import (
    APIConnectionError,
    AsyncToggl,
    BadRequestError,
    DecodeError,
    DetailedReportPage,
    DetailedReportRow,
    DetailedReportTotals,
    ReportCursor,
    ResponseTooLargeError,
    ServerError,
    SummaryReport,
    WeeklyReportRow,
)
from toggl_async.resources.reports import reports_base_url
from toggl_async.testing import BlockingFakeToggl

REPORTS_URL = "https://api.track.toggl.com/reports/api/v3"
SEARCH = "/workspace/{workspace_id}/search/time_entries"
# The fake's generated entries lie in the two weeks before 2026-10-03.
START, END = date(2026, 9, 15), date(2026, 10, 5)
RANGE = {"start_date": START, "end_date": END}
SENT_RANGE = {"start_date": "2026-09-15", "end_date": "2026-10-05"}


def row(number: int, *, entry_id: int | None = None) -> dict[str, Any]:
    """A detailed-report row as the service sends it (recorded shape, Apr 2024)."""
    return {
        "user_id": 30000001, "username": "Ada Lovelace", "project_id": None, "task_id": None,
        "billable": False, "description": "Sprint planning ☕", "tag_ids": [],
        "billable_amount_in_cents": None, "hourly_rate_in_cents": None, "currency": "USD",
        "time_entries": [{
            "id": entry_id or 3405903900 + number, "seconds": 3600,
            "start": "2024-04-08T21:19:52-07:00", "stop": "2024-04-08T22:19:52-07:00",
            "at": "2024-04-09T05:20:01+00:00",
        }],
        "row_number": number,
    }


def next_headers(row_number: int, *, entry_id: int = 3405903924) -> dict[str, str]:
    return {
        "X-Next-ID": str(entry_id), "X-Next-Row-Number": str(row_number),
        "X-Next-Timestamp": "1702202400", "X-Page-Size": "50",
        "X-Range-Start": "2024-04-07", "X-Range-End": "2024-04-13",
    }


SUMMARY = {"groups": [{
    "id": None, "project_color": "0", "project_hex_color": "#c9806b",
    "sub_groups": [{
        "id": None, "title": "Sprint planning", "seconds": 5400,
        "local_start": "2024-04-08T21:19:52-07:00", "project_color": "0",
        "project_hex_color": "#c9806b", "ForExport": False, "DistinguishRates": False,
        "Grouping": "projects", "SubGrouping": "time_entries",
    }],
}]}


def check_rows(rows: list[DetailedReportRow]) -> None:
    [first] = rows
    assert first.row_number == 1 and first.project_id is None and first.tag_ids == []
    assert first.billable_amount_in_cents is None and first.seconds == 3600
    [entry] = first.time_entries or []
    # Each timestamp keeps its own offset: local for start/stop, UTC for at.
    assert entry.start == datetime(2024, 4, 8, 21, 19, 52, tzinfo=timezone(timedelta(hours=-7)))
    assert entry.start is not None and entry.start.utcoffset() == timedelta(hours=-7)
    assert entry.at == datetime(2024, 4, 9, 5, 20, 1, tzinfo=timezone.utc)


def check_summary(report: SummaryReport) -> None:
    [group] = report.groups or []
    assert group.id is None and group.seconds == 5400
    [sub] = group.sub_groups or []
    assert (sub.grouping, sub.sub_grouping, sub.for_export) == ("projects", "time_entries", False)


CASES = [
    Case("reports.detailed", "POST", SEARCH, list[DetailedReportRow], [row(1)], check_rows,
         args=(WORKSPACE_ID,),
         kwargs={**RANGE, "project_ids": [None], "order_dir": "desc", "page_size": 100},
         sent_json={**SENT_RANGE, "project_ids": [None], "order_dir": "DESC",
                    "page_size": 100}),
    Case("reports.detailed_page", "POST", SEARCH, DetailedReportPage,
         [row(51)], lambda page: page.rows[0].row_number == 51 and page.next is None,
         args=(WORKSPACE_ID,), kwargs={**RANGE, "first_row_number": 51},
         sent_json={**SENT_RANGE, "first_row_number": 51}),
    Case("reports.detailed_totals", "POST", SEARCH + "/totals", DetailedReportTotals,
         {"seconds": 5400, "rates": [{"billable_seconds": 0, "currency": "USD"}]},
         lambda totals: totals.seconds == 5400,
         args=(WORKSPACE_ID,), kwargs={**RANGE, "with_graph": True, "granularity": "week"},
         sent_json={**SENT_RANGE, "with_graph": True, "granularity": "week"}),
    Case("reports.summary", "POST", "/workspace/{workspace_id}/summary/time_entries",
         SummaryReport, SUMMARY, check_summary,
         args=(WORKSPACE_ID,), kwargs={**RANGE, "grouping": "projects", "tag_ids": [None, 7]},
         sent_json={**SENT_RANGE, "grouping": "projects", "tag_ids": [None, 7]}),
    Case("reports.weekly", "POST", "/workspace/{workspace_id}/weekly/time_entries",
         list[WeeklyReportRow], [{"user_id": 1, "project_id": None, "seconds": [0] * 7}],
         lambda rows: rows[0].seconds == [0] * 7,
         args=(WORKSPACE_ID,), kwargs={"start_date": "2026-09-28", "end_date": "2026-10-04"},
         sent_json={"start_date": "2026-09-28", "end_date": "2026-10-04"}),
    Case("reports.export", "POST", SEARCH + ".csv", bytes, b"User,Project\r\nAda,\r\n",
         lambda body: body == b"User,Project\r\nAda,\r\n",
         args=(WORKSPACE_ID, "detailed", "csv"), kwargs={**RANGE, "billable": False},
         sent_json={**SENT_RANGE, "billable": False}),
]


@pytest.fixture
def reports_api() -> Iterator[MockAPI]:
    with aioresponses() as mock:
        yield MockAPI(mock, REPORTS_URL)


def test_the_cases_cover_every_kind_of_call() -> None:
    assert {case.call for case in CASES} == {
        "reports." + name for name in (
            "detailed", "detailed_page", "detailed_totals", "summary", "weekly", "export"
        )
    }


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_endpoint(case: Case, reports_api: MockAPI, client: Any) -> None:
    await run_mocked(case, reports_api, client, MOCK_VALUES)


def add_entries(account: Any, workspace_id: int, count: int) -> None:
    """``count`` more stopped entries in ``workspace_id``, a few hours apart from 2026-09-16
    on, repeating a few (project, description) pairs so that grouping has work to do."""
    projects = [p["id"] for p in account.projects if p["workspace_id"] == workspace_id][:2]
    first = datetime(2026, 9, 16, 8, tzinfo=timezone.utc)
    for n in range(count):
        start = first + timedelta(hours=7 * n)
        project = [None, *projects][n % 3]
        account.time_entries.append({
            "id": 4_100_000_000 + n, "workspace_id": workspace_id, "project_id": project,
            "task_id": None, "user_id": account.user_id, "billable": False,
            "description": ("Reading", "Writing")[n % 2], "tags": None, "tag_ids": None,
            "start": start.isoformat(), "stop": (start + timedelta(minutes=45)).isoformat(),
            "duration": 2700, "at": (start + timedelta(hours=1)).isoformat(),
            "server_deleted_at": None,
        })


@pytest.fixture(scope="module")
def reports_fake() -> Iterator[BlockingFakeToggl]:
    """A fake of its own, with 60 more entries in the first workspace of the first account
    (some tests add more and take them away again)."""
    with BlockingFakeToggl(accounts=2) as fake:
        account = fake.accounts[0]
        add_entries(account, account.workspace_ids[0], 60)
        yield fake


@pytest.fixture
def fake_reports(reports_fake: BlockingFakeToggl) -> BlockingFakeToggl:
    reports_fake.clear_injections()
    reports_fake.reset_stats()
    return reports_fake


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_endpoint_against_the_fake(
    case: Case, fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    values = {"workspace_id": fake_reports.accounts[0].workspace_ids[0]}
    await run_on_fake(case, fake_reports, make_client, values)


def test_the_reports_root_sits_beside_the_api_root() -> None:
    assert reports_base_url("https://api.track.toggl.com/api/v9") == REPORTS_URL
    assert reports_base_url("http://[::1]:8123/api/v9") == "http://[::1]:8123/reports/api/v3"
    assert reports_base_url("https://proxy.example/toggl") == (
        "https://proxy.example/reports/api/v3"
    )


async def test_reports_share_the_clients_pipeline() -> None:
    toggl = AsyncToggl("token", base_url="http://localhost:9/api/v9", rate_limit=2.0)
    for client in (toggl, toggl.with_options(timeout=5)):
        reports, api = client.reports._transport, client._transport
        assert reports.base_url == "http://localhost:9/reports/api/v3"
        assert reports.reads_only and not api.reads_only  # searches: retried as reads
        assert (reports.session, reports.state, reports.options) == (
            api.session, api.state, api.options
        )
    await toggl.aclose()


@pytest.mark.parametrize("fault", [{"status": 503}, {"drop": True}], ids=["503", "dropped"])
async def test_reports_are_retried_like_reads(
    fault: dict[str, Any], fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    """Their POSTs are searches: a lost or failed answer is asked for again, unlike a
    write's, and no error says the outcome is unknown."""
    toggl, workspace_id = client_on(fake_reports, make_client, max_retries=1)
    fake_reports.inject(path=f"/workspace/{workspace_id}/summary/time_entries", **fault)

    report = await invoke(toggl, "reports.summary", workspace_id, **RANGE)

    assert report.groups and fake_reports.request_count == 2


# -- paging ----------------------------------------------------------------------------------
async def test_detailed_follows_the_cursors_across_pages(
    reports_api: MockAPI, client: Any
) -> None:
    path = SEARCH.format(workspace_id=7)
    reports_api.add("POST", path, body=[row(1), row(2)], headers=next_headers(3, entry_id=903))
    reports_api.add("POST", path, body=[row(3), row(4)], headers=next_headers(5, entry_id=905))
    reports_api.add("POST", path, body=[row(5)], headers={"X-Page-Size": "2"})

    rows = await invoke(client, "reports.detailed", 7, **RANGE, page_size=2)

    assert [r.row_number for r in rows] == [1, 2, 3, 4, 5]
    assert [r.time_entries[0].id for r in rows] == [3405903900 + n for n in range(1, 6)]
    sent = [r.json for r in reports_api.sent]
    assert sent[0] == {**SENT_RANGE, "page_size": 2}
    assert sent[1] == {**SENT_RANGE, "page_size": 2, "first_row_number": 3, "first_id": 903,
                       "first_timestamp": 1702202400}
    assert sent[2]["first_row_number"] == 5 and sent[2]["first_id"] == 905


async def test_leaving_the_loop_early_fetches_nothing_more(
    reports_api: MockAPI, make_client: Any
) -> None:
    path = SEARCH.format(workspace_id=7)
    reports_api.add("POST", path, body=[row(1), row(2)], headers=next_headers(3))
    reports_api.add("POST", path, body=[row(3)])
    client = make_client()

    rows = client.reports.detailed(7, **RANGE, page_size=2)
    if hasattr(rows, "__aiter__"):
        first = await anext(rows)
        await rows.aclose()
    else:
        first = next(rows)
        rows.close()

    assert first.row_number == 1
    assert len(reports_api.sent) == 1


@pytest.mark.parametrize(
    ("headers", "words"),
    [
        pytest.param({"X-Next-ID": "903", "X-Next-Timestamp": "1702202400"},
                     "no X-Next-Row-Number", id="row-number-missing"),
        pytest.param({"X-Next-Row-Number": "fifty-one"}, "'fifty-one', not a positive integer",
                     id="row-number-garbled"),
        pytest.param({"X-Next-Row-Number": "5", "X-Next-ID": "9e3"}, "X-Next-ID",
                     id="id-garbled"),
        pytest.param({"X-Next-Row-Number": "9"}, "would skip or repeat rows",
                     id="row-number-skips"),
        pytest.param({"X-Next-Row-Number": "5", "X-Range-End": "soon"}, "X-Range-End",
                     id="range-garbled"),
    ],
)
async def test_a_broken_cursor_mid_way_is_a_decode_error(
    headers: dict[str, str], words: str, reports_api: MockAPI, client: Any
) -> None:
    path = SEARCH.format(workspace_id=7)
    reports_api.add("POST", path, body=[row(1), row(2)], headers=next_headers(3))
    reports_api.add("POST", path, body=[row(3), row(4)], headers=headers)
    seen = []

    async def read_all() -> None:
        rows = client.reports.detailed(7, **RANGE, page_size=2)
        if hasattr(rows, "__aiter__"):
            async for item in rows:
                seen.append(item.row_number)
        else:
            seen.extend(item.row_number for item in rows)  # extends item by item

    with pytest.raises(DecodeError, match=words) as caught:
        await read_all()

    assert seen == [1, 2]  # the good page was delivered; the broken one was not
    assert caught.value.url == REPORTS_URL + path and caught.value.method == "POST"


async def test_a_page_not_starting_at_the_cursor_is_a_decode_error(
    reports_api: MockAPI, client: Any
) -> None:
    path = SEARCH.format(workspace_id=7)
    reports_api.add("POST", path, body=[row(1), row(2)], headers=next_headers(3))
    reports_api.add("POST", path, body=[row(1), row(2)], headers=next_headers(3))

    with pytest.raises(DecodeError, match="starts at row 1 where row 3 was asked for"):
        await invoke(client, "reports.detailed", 7, **RANGE, page_size=2)


async def test_detailed_page_returns_the_cursor(reports_api: MockAPI, client: Any) -> None:
    reports_api.add("POST", SEARCH.format(workspace_id=7), body=[row(1)],
                    headers=next_headers(2, entry_id=77))

    page = await invoke(client, "reports.detailed_page", 7, **RANGE, page_size=1)

    assert page.next == ReportCursor(row_number=2, id=77, timestamp=1702202400)
    assert (page.range_start, page.range_end) == (date(2024, 4, 7), date(2024, 4, 13))


async def test_paging_on_the_fake_yields_every_row_once(
    fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake_reports.accounts[0]
    toggl = make_client(account.token, base_url=fake_reports.url)
    workspace_id = account.workspace_ids[0]
    whole = await invoke(toggl, "reports.detailed_page", workspace_id, **RANGE, page_size=1000)
    assert whole.next is None and len(whole.rows) > 10
    fake_reports.reset_stats()

    rows = await invoke(toggl, "reports.detailed", workspace_id, **RANGE, page_size=3)

    assert rows == whole.rows
    assert [r.row_number for r in rows] == list(range(1, len(rows) + 1))
    assert fake_reports.request_count == -(-len(rows) // 3)


# -- arguments -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "kwargs", "error", "words"),
    [
        ("detailed", {"start_date": "2024-04-10", "end_date": "2024-04-09"}, ValueError,
         "end_date 2024-04-09 is before start_date 2024-04-10"),
        ("summary", {"start_date": datetime(2024, 4, 1), "end_date": date(2024, 4, 2)},
         TypeError, "not a datetime"),
        ("weekly", {"start_date": "1/4/2024", "end_date": "2024-04-02"}, ValueError,
         "'YYYY-MM-DD'"),
        ("detailed_totals", {**RANGE, "rounding_minutes": 7}, ValueError, "rounding_minutes"),
        ("detailed_page", {**RANGE, "project_ids": [0]}, ValueError, r"project_ids\[0\]"),
        ("detailed", {**RANGE, "user_ids": "12"}, TypeError, "user_ids must be a list"),
        ("detailed", {**RANGE, "order_by": "fun"}, ValueError, "order_by"),
        ("detailed", {**RANGE, "page_size": 0}, ValueError, "page_size"),
        ("summary", {**RANGE, "min_duration_seconds": 60, "max_duration_seconds": 60},
         ValueError, "must be below max_duration_seconds"),
        ("detailed", {**RANGE, "billable": "yes"}, TypeError, "billable"),
    ],
)
async def test_bad_arguments_are_refused_before_sending(
    call: str, kwargs: dict[str, Any], error: type[Exception], words: str,
    reports_api: MockAPI, client: Any,
) -> None:
    with pytest.raises(error, match=words):
        await invoke(client, "reports." + call, 7, **kwargs)
    assert reports_api.sent == []


def test_detailed_checks_its_arguments_when_called(reports_api: MockAPI, client: Any) -> None:
    with pytest.raises(ValueError, match="rounding_minutes"):
        client.reports.detailed(7, **RANGE, rounding_minutes=3)  # not even iterated
    assert reports_api.sent == []


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "words"),
    [
        (("weekly", "xlsx"), {}, ValueError, "format must be one of 'csv', 'pdf'"),
        (("monthly", "csv"), {}, ValueError, "report must be one of"),
        (("summary", "csv"), {"grouped": True}, TypeError, "the summary report takes no grouped"),
        (("weekly", "csv"), {"sub_grouping": "tasks", "order_by": "title"}, TypeError,
         "takes no order_by, sub_grouping"),
        (("detailed", "csv"), {"to": 12}, TypeError, "to must be a path or a binary file"),
    ],
)
async def test_bad_export_arguments_are_refused_before_sending(
    args: tuple[str, str], kwargs: dict[str, Any], error: type[Exception], words: str,
    reports_api: MockAPI, client: Any,
) -> None:
    with pytest.raises(error, match=words):
        await invoke(client, "reports.export", 7, *args, **RANGE, **kwargs)
    assert reports_api.sent == []


# -- exports ---------------------------------------------------------------------------------
def export_on(fake: BlockingFakeToggl) -> tuple[Any, int]:
    account = fake.accounts[0]
    return account, account.workspace_ids[0]


def client_on(fake: BlockingFakeToggl, make_client: Any, **options: Any) -> tuple[Any, int]:
    """A client (of the style under test) of the fake's first account, and its workspace."""
    account, workspace_id = export_on(fake)
    return make_client(account.token, base_url=fake.url, **options), workspace_id


async def test_export_streams_to_a_path_and_a_file_object(
    fake_reports: BlockingFakeToggl, make_client: Any, tmp_path: Path
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client)
    whole = await invoke(toggl, "reports.export", workspace_id, "detailed", "csv", **RANGE)
    assert whole.startswith(b"User,Email,Project") and whole.count(b"\r\n") > 10

    target = tmp_path / "report.csv"
    written = await invoke(toggl, "reports.export", workspace_id, "detailed", "csv", **RANGE,
                           to=target)
    buffer = io.BytesIO()
    written_too = await invoke(toggl, "reports.export", workspace_id, "detailed", "csv",
                               **RANGE, to=buffer)

    assert target.read_bytes() == buffer.getvalue() == whole
    assert written == written_too == len(whole)


async def test_a_download_broken_off_is_not_retried_and_leaves_no_file(
    fake_reports: BlockingFakeToggl, make_client: Any, tmp_path: Path
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client, max_retries=2)
    fake_reports.inject(path=SEARCH.format(workspace_id=workspace_id) + ".csv", truncate=True)
    target = tmp_path / "report.csv"

    with pytest.raises(APIConnectionError, match=r"broke off after [\d,]+ bytes had been written"):
        await invoke(toggl, "reports.export", workspace_id, "detailed", "csv", **RANGE,
                     to=target)

    assert fake_reports.request_count == 1
    assert not target.exists()


async def test_a_download_into_memory_broken_off_starts_over(
    fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client, max_retries=1)
    whole = await invoke(toggl, "reports.export", workspace_id, "detailed", "csv", **RANGE)
    fake_reports.reset_stats()
    fake_reports.inject(path=SEARCH.format(workspace_id=workspace_id) + ".csv", truncate=True)

    again = await invoke(toggl, "reports.export", workspace_id, "detailed", "csv", **RANGE)

    assert again == whole  # not the broken start followed by the whole body
    assert fake_reports.request_count == 2


async def test_an_export_into_memory_is_bounded_but_one_to_a_file_is_not(
    fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client, max_response_size=1000)
    buffer = io.BytesIO()

    with pytest.raises(ResponseTooLargeError, match="max_response_size=1000"):
        await invoke(toggl, "reports.export", workspace_id, "detailed", "csv", **RANGE)
    written = await invoke(toggl, "reports.export", workspace_id, "detailed", "csv", **RANGE,
                           to=buffer)

    assert written == len(buffer.getvalue()) > 1000
    assert fake_reports.request_count == 2  # the refused one was not retried


async def test_an_error_before_the_body_is_retried_and_leaves_the_target_alone(
    fake_reports: BlockingFakeToggl, make_client: Any, tmp_path: Path
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client, max_retries=1)
    path = SEARCH.format(workspace_id=workspace_id) + ".pdf"
    target = tmp_path / "report.pdf"
    target.write_bytes(b"keep me")
    fake_reports.inject(path=path, status=503, times=2)

    with pytest.raises(ServerError):
        await invoke(toggl, "reports.export", workspace_id, "detailed", "pdf", **RANGE,
                     to=target)
    assert target.read_bytes() == b"keep me"  # opened only once an answer succeeds

    fake_reports.inject(path=path, status=503)
    written = await invoke(toggl, "reports.export", workspace_id, "detailed", "pdf", **RANGE,
                           to=target)
    assert target.read_bytes().startswith(b"%PDF-") and written == target.stat().st_size


async def test_a_failing_destination_raises_its_own_error_unretried(
    fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client, max_retries=2)

    class FullDisk(io.RawIOBase):
        def write(self, data: Any) -> int:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        await invoke(toggl, "reports.export", workspace_id, "summary", "csv", **RANGE,
                     to=FullDisk())
    assert fake_reports.request_count == 1


@pytest.mark.parametrize(
    ("report", "extension", "content_type", "magic"),
    [
        ("search", "csv", "text/csv", b"User,"),
        ("summary", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         b"PK\x03\x04"),
        ("weekly", "pdf", "application/pdf", b"%PDF-1.4"),
    ],
)
async def test_the_fake_exports_with_the_right_content_types(
    report: str, extension: str, content_type: str, magic: bytes,
    fake_reports: BlockingFakeToggl,
) -> None:
    answer = await post(fake_reports, f"/{report}/time_entries.{extension}", SENT_RANGE)
    assert answer.status == 200
    assert answer.headers["Content-Type"].split(";")[0] == content_type
    assert answer.body.startswith(magic)


# -- the fake's reports ------------------------------------------------------------------------
@dataclass
class Answer:
    status: int
    headers: Any
    body: bytes


async def post(fake: BlockingFakeToggl, path: str, body: Any) -> Answer:
    """POST ``body`` to the fake's ``/reports/api/v3/workspace/{first workspace}{path}``."""
    account, workspace_id = export_on(fake)
    url = f"{reports_base_url(fake.url)}/workspace/{workspace_id}{path}"
    headers = {"Authorization": account.authorization}
    async with aiohttp.ClientSession(headers=headers) as s, s.post(url, json=body) as response:
        return Answer(response.status, response.headers, await response.read())


@pytest.mark.parametrize(
    ("path", "body", "status", "message"),
    [
        ("/search/time_entries", {}, 400, "At least one parameter must be set"),
        ("/search/time_entries", {**SENT_RANGE, "rounding_minutes": 7}, 400,
         "Invalid 'rounding_minutes' value, allowed values are: '0, 1, 5, 6, 10, 12, 15, "
         "30, 60, 240'"),
        ("/search/time_entries", {**SENT_RANGE, "order_by": "fun"}, 400,
         "Invalid 'order_by' value, allowed values are: 'date, user, duration, description, "
         "last_update'"),
        ("/summary/time_entries", {**SENT_RANGE, "grouping": "tags"}, 400,
         "Invalid 'grouping' value, allowed values are: 'projects, clients, users'"),
        ("/weekly/time_entries", {**SENT_RANGE, "grouped": True}, 400,
         "The 'grouped' parameter is not supported"),
    ],
)
async def test_the_fake_refuses_bad_filters_as_the_service_does(
    path: str, body: Any, status: int, message: str, fake_reports: BlockingFakeToggl
) -> None:
    answer = await post(fake_reports, path, body)
    assert (answer.status, json.loads(answer.body)) == (status, message)


async def test_the_fake_reports_a_week_when_end_date_is_omitted(
    fake_reports: BlockingFakeToggl,
) -> None:
    answer = await post(fake_reports, "/search/time_entries", {"start_date": "2024-04-07"})
    assert answer.status == 200
    assert (answer.headers["X-Range-Start"], answer.headers["X-Range-End"]) == (
        "2024-04-07", "2024-04-13"
    )


async def test_a_bad_filter_is_a_bad_request_error(
    fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client)
    with pytest.raises(BadRequestError, match="Invalid 'sub_grouping' value"):
        await invoke(toggl, "reports.summary", workspace_id, **RANGE, grouping="projects",
                     sub_grouping="projects")


async def test_none_in_an_ids_filter_selects_entries_without_it(
    fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client)

    everything = await invoke(toggl, "reports.detailed", workspace_id, **RANGE)
    without = await invoke(toggl, "reports.detailed", workspace_id, **RANGE, project_ids=[None])
    project_id = next(r.project_id for r in everything if r.project_id)
    with_some = await invoke(toggl, "reports.detailed", workspace_id, **RANGE,
                             project_ids=[None, project_id])

    assert without and all(r.project_id is None for r in without)
    assert len(without) < len(everything)
    assert {r.project_id for r in with_some} == {None, project_id}
    assert len(with_some) > len(without)


async def test_grouped_rows_hold_the_entries_they_group(
    fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client)

    single = await invoke(toggl, "reports.detailed", workspace_id, **RANGE)
    grouped = await invoke(toggl, "reports.detailed", workspace_id, **RANGE, grouped=True)

    assert len(grouped) < len(single)
    ids = sorted(e.id for r in grouped for e in r.time_entries or [])
    assert ids == sorted(e.id for r in single for e in r.time_entries or [])
    assert sum(r.seconds for r in grouped) == sum(r.seconds for r in single)


async def test_an_entry_added_to_the_state_appears_in_the_report(
    fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client)
    account = fake_reports.accounts[0]
    before = await invoke(toggl, "reports.detailed", workspace_id, **RANGE)
    entry = copy.deepcopy(next(e for e in account.time_entries if e["stop"]))
    entry.update(id=4_000_000_001, description="Added after the first report",
                 start="2026-09-30T10:00:00Z", stop="2026-09-30T11:30:00Z", duration=5400,
                 at="2026-09-30T11:30:05Z", workspace_id=workspace_id)
    account.time_entries.append(entry)
    try:
        after = await invoke(toggl, "reports.detailed", workspace_id, **RANGE,
                             description="added after")
    finally:
        account.time_entries.remove(entry)

    assert 4_000_000_001 not in {e.id for r in before for e in r.time_entries or []}
    [added] = after
    assert added.seconds == 5400 and added.time_entries
    assert added.time_entries[0].stop == datetime(2026, 9, 30, 11, 30, tzinfo=timezone.utc)


async def test_an_entry_created_through_the_api_appears_in_the_report(
    fake_reports: BlockingFakeToggl, make_client: Any
) -> None:
    toggl, workspace_id = client_on(fake_reports, make_client)
    start = datetime(2026, 9, 29, 13, 0, tzinfo=timezone.utc)
    created = await invoke(toggl, "time_entries.create", workspace_id, start=start,
                           stop=start + timedelta(minutes=50), description="Report me")
    try:
        rows = await invoke(toggl, "reports.detailed", workspace_id, **RANGE,
                            description="report me")
    finally:
        await invoke(toggl, "time_entries.delete", workspace_id, created.id)
    after = await invoke(toggl, "reports.detailed", workspace_id, **RANGE,
                         description="report me")

    [row] = rows
    assert [e.id for e in row.time_entries or []] == [created.id]
    assert row.seconds == 3000 and row.description == "Report me"
    assert after == []  # deleted through the API: gone from the report too


def test_rows_decode_what_the_service_may_add_or_leave_out() -> None:
    from toggl_async._transport import decoder_for

    body = row(1)
    body["time_entries"][0].update(stop=None, at_tz="2024-04-08T22:20:01-07:00",
                                   workspace_id=7, time_start=1712636392)
    body["undocumented"] = {"nested": [1, 2]}
    del body["username"]
    summary = copy.deepcopy(SUMMARY)
    summary["groups"][0]["sub_groups"][0]["local_start"] = "2024-04-08T21:19:52"

    [decoded] = decoder_for(list[DetailedReportRow]).decode(json.dumps([body]).encode())
    report = decoder_for(SummaryReport).decode(json.dumps(summary).encode())

    [entry] = decoded.time_entries or []
    assert entry.stop is None and entry.workspace_id == 7 and decoded.username is None
    assert entry.at_tz == "2024-04-08T22:20:01-07:00"
    [group] = report.groups or []
    assert (group.sub_groups or [])[0].local_start == datetime(2024, 4, 8, 21, 19, 52)
