"""The Reports API v3 (``/reports/api/v3``): detailed, summary and weekly reports of one
workspace, any date range, any size, and their CSV/PDF/XLSX exports.

Every endpoint is a POST with a JSON body of filters; none changes anything on the
service. The root sits beside the API's: ``.../api/v9`` gives ``.../reports/api/v3``.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import IO, Annotated, Any, Literal, Protocol, Union, get_args

import msgspec
from multidict import CIMultiDictProxy

from .. import _params as p
from .._errors import DecodeError, InvalidTypeError, InvalidValueError, ResponseTooLargeError
from .._transport import Sink, Transport
from ..models.reports import (
    DetailedReportPage,
    DetailedReportRow,
    DetailedReportTotals,
    ReportCursor,
    SummaryReport,
    WeeklyReportRow,
)
from ._base import Resource

API_SUFFIX = "/api/v9"
REPORTS_SUFFIX = "/reports/api/v3"

ReportDate = date | str
"""A ``datetime.date``, or an ISO date string ``"YYYY-MM-DD"``."""
Ids = Sequence[int | None]
"""Ids to filter by; ``None`` among them selects entries without that attribute."""
ReportKind = Literal["detailed", "summary", "weekly"]
ExportFormat = Literal["csv", "pdf", "xlsx"]


class Writable(Protocol):
    """A binary file object, or anything else that takes bytes through ``write``."""

    def write(self, data: bytes, /) -> object: ...


Destination = Union[str, "os.PathLike[str]", Writable]

# What each report's JSON and export endpoints are called, and the formats it exports to.
_REPORT_PATHS: dict[str, str] = {
    "detailed": "search/time_entries",
    "summary": "summary/time_entries",
    "weekly": "weekly/time_entries",
}
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "detailed": ("csv", "pdf", "xlsx"),
    "summary": ("csv", "pdf", "xlsx"),
    "weekly": ("csv", "pdf"),
}
# The export() arguments beyond the common filters that each report takes.
_EXPORT_OPTIONS: dict[str, frozenset[str]] = {
    "detailed": frozenset({"grouped", "hide_amounts", "order_by", "order_dir", "duration_format"}),
    "summary": frozenset({
        "grouping", "sub_grouping", "distinguish_rates", "hide_amounts", "order_by",
        "order_dir", "duration_format",
    }),
    "weekly": frozenset({"grouping", "duration_format"}),
}

_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_NEXT_ROW_NUMBER = "X-Next-Row-Number"
_NEXT_ID = "X-Next-ID"
_NEXT_TIMESTAMP = "X-Next-Timestamp"

DetailedOrder = Literal["date", "user", "duration", "description", "last_update"]
OrderDir = Literal["ASC", "DESC"]
DETAILED_ORDERS: tuple[str, ...] = get_args(DetailedOrder)
_Id = Annotated[int, msgspec.Meta(gt=0)]
_Seconds = Annotated[int, msgspec.Meta(ge=0)]


class _ReportQuery(msgspec.Struct, kw_only=True, omit_defaults=True, forbid_unknown_fields=True):
    """The body of every reports request: the filters the caller named, and only those."""

    start_date: date
    end_date: date
    user_ids: list[_Id | None] | None = None
    project_ids: list[_Id | None] | None = None
    client_ids: list[_Id | None] | None = None
    tag_ids: list[_Id | None] | None = None
    task_ids: list[_Id | None] | None = None
    group_ids: list[_Id | None] | None = None
    time_entry_ids: list[_Id | None] | None = None
    description: str | None = None
    billable: bool | None = None
    min_duration_seconds: _Seconds | None = None
    max_duration_seconds: _Seconds | None = None
    rounding: int | None = None
    rounding_minutes: Literal[0, 1, 5, 6, 10, 12, 15, 30, 60, 240] | None = None
    # detailed
    grouped: bool | None = None
    hide_amounts: bool | None = None
    enrich_response: bool | None = None
    order_by: str | None = None
    order_dir: OrderDir | None = None
    page_size: _Id | None = None
    first_row_number: _Id | None = None
    first_id: _Id | None = None
    first_timestamp: _Seconds | None = None
    # detailed totals
    granularity: Literal["day", "week", "month"] | None = None
    resolution: str | None = None
    with_graph: bool | None = None
    # summary
    grouping: str | None = None
    sub_grouping: str | None = None
    distinguish_rates: bool | None = None
    include_time_entry_ids: bool | None = None
    # exports
    duration_format: Literal["classic", "decimal", "improved"] | None = None


class ReportsResource(Resource):
    """``toggl.reports``: the Reports API v3 of the client's account, through the same
    pipeline (retries, rate limit, quota) as every other call.

    Dates are ``datetime.date`` objects or ``"YYYY-MM-DD"`` strings, both ends included.
    ``end_date`` is required: without it the service reports on ``start_date`` plus six
    days, which is rarely what a script meant. Filters left as ``None`` are not sent;
    ``None`` inside an ``*_ids`` list selects entries without that attribute
    (``project_ids=[None]``: entries without a project).
    """

    __slots__ = ()

    def detailed(
        self,
        workspace_id: int,
        *,
        start_date: ReportDate,
        end_date: ReportDate,
        user_ids: Ids | None = None,
        project_ids: Ids | None = None,
        client_ids: Ids | None = None,
        tag_ids: Ids | None = None,
        task_ids: Ids | None = None,
        group_ids: Ids | None = None,
        time_entry_ids: Ids | None = None,
        description: str | None = None,
        billable: bool | None = None,
        min_duration_seconds: int | None = None,
        max_duration_seconds: int | None = None,
        rounding: int | None = None,
        rounding_minutes: int | None = None,
        grouped: bool | None = None,
        hide_amounts: bool | None = None,
        enrich_response: bool | None = None,
        order_by: DetailedOrder | None = None,
        order_dir: OrderDir | None = None,
        page_size: int | None = None,
    ) -> AsyncIterator[DetailedReportRow]:
        """POST .../search/time_entries: every row of the detailed report, one page
        (``page_size`` rows, 50 by default) fetched at a time as the iteration reaches it,
        following the ``X-Next-*`` cursors; stopping early fetches nothing more.

        The arguments are checked at the call, before anything is sent.
        """
        query = _query("reports.detailed()", locals())
        if order_by is not None:
            p.choice(order_by, "order_by", DETAILED_ORDERS)
        return self._rows(_report_path(workspace_id, "detailed"), query)

    async def _rows(self, path: str, query: _ReportQuery) -> AsyncIterator[DetailedReportRow]:
        cursor: ReportCursor | None = None
        while True:
            page = await self._page(path, query, cursor)
            for row in page.rows:
                yield row
            if page.next is None:
                return
            cursor = page.next

    async def detailed_page(
        self,
        workspace_id: int,
        *,
        start_date: ReportDate,
        end_date: ReportDate,
        user_ids: Ids | None = None,
        project_ids: Ids | None = None,
        client_ids: Ids | None = None,
        tag_ids: Ids | None = None,
        task_ids: Ids | None = None,
        group_ids: Ids | None = None,
        time_entry_ids: Ids | None = None,
        description: str | None = None,
        billable: bool | None = None,
        min_duration_seconds: int | None = None,
        max_duration_seconds: int | None = None,
        rounding: int | None = None,
        rounding_minutes: int | None = None,
        grouped: bool | None = None,
        hide_amounts: bool | None = None,
        enrich_response: bool | None = None,
        order_by: DetailedOrder | None = None,
        order_dir: OrderDir | None = None,
        page_size: int | None = None,
        first_row_number: int | None = None,
        first_id: int | None = None,
        first_timestamp: int | None = None,
    ) -> DetailedReportPage:
        """POST .../search/time_entries: one page of the detailed report, and the cursor
        of the next (``page.next``, None on the last page). Pass the cursor's
        ``row_number``, ``id`` and ``timestamp`` back as ``first_row_number``,
        ``first_id`` and ``first_timestamp`` with the same filters to get the next page;
        ``detailed()`` does that for you."""
        query = _query("reports.detailed_page()", locals())
        if order_by is not None:
            p.choice(order_by, "order_by", DETAILED_ORDERS)
        return await self._page(_report_path(workspace_id, "detailed"), query, None)

    async def _page(
        self, path: str, query: _ReportQuery, cursor: ReportCursor | None
    ) -> DetailedReportPage:
        if cursor is not None:
            query = msgspec.structs.replace(
                query, first_row_number=cursor.row_number, first_id=cursor.id,
                first_timestamp=cursor.timestamp,
            )
        rows, headers = await self._transport.request(
            "POST", path, list[DetailedReportRow], body=msgspec.json.encode(query),
            with_headers=True,
        )
        try:
            return _checked_page(rows, headers, query.first_row_number)
        except ValueError as exc:
            raise DecodeError(
                str(exc), method="POST", url=self._transport.base_url + path, status=200
            ) from None

    async def detailed_totals(
        self,
        workspace_id: int,
        *,
        start_date: ReportDate,
        end_date: ReportDate,
        user_ids: Ids | None = None,
        project_ids: Ids | None = None,
        client_ids: Ids | None = None,
        tag_ids: Ids | None = None,
        task_ids: Ids | None = None,
        group_ids: Ids | None = None,
        time_entry_ids: Ids | None = None,
        description: str | None = None,
        billable: bool | None = None,
        min_duration_seconds: int | None = None,
        max_duration_seconds: int | None = None,
        rounding: int | None = None,
        rounding_minutes: int | None = None,
        grouped: bool | None = None,
        granularity: Literal["day", "week", "month"] | None = None,
        resolution: str | None = None,
        with_graph: bool | None = None,
    ) -> DetailedReportTotals:
        """POST .../search/time_entries/totals: the detailed report's sums (seconds,
        amounts, rates), and per ``granularity`` period with ``with_graph=True``."""
        body = msgspec.json.encode(_query("reports.detailed_totals()", locals()))
        path = _report_path(workspace_id, "detailed") + "/totals"
        return await self._transport.request("POST", path, DetailedReportTotals, body=body)

    async def summary(
        self,
        workspace_id: int,
        *,
        start_date: ReportDate,
        end_date: ReportDate,
        user_ids: Ids | None = None,
        project_ids: Ids | None = None,
        client_ids: Ids | None = None,
        tag_ids: Ids | None = None,
        task_ids: Ids | None = None,
        group_ids: Ids | None = None,
        time_entry_ids: Ids | None = None,
        description: str | None = None,
        billable: bool | None = None,
        min_duration_seconds: int | None = None,
        max_duration_seconds: int | None = None,
        rounding: int | None = None,
        rounding_minutes: int | None = None,
        grouping: str | None = None,
        sub_grouping: str | None = None,
        distinguish_rates: bool | None = None,
        include_time_entry_ids: bool | None = None,
    ) -> SummaryReport:
        """POST .../summary/time_entries: time per ``grouping`` (projects by default) and
        within it per ``sub_grouping`` (time entries, that is descriptions, by default).
        Other groupings: ``"clients"``, ``"users"``; sub-groupings also ``"tasks"``,
        ``"projects"``, ``"users"`` (the service's 400 lists what it takes)."""
        body = msgspec.json.encode(_query("reports.summary()", locals()))
        path = _report_path(workspace_id, "summary")
        return await self._transport.request("POST", path, SummaryReport, body=body)

    async def weekly(
        self,
        workspace_id: int,
        *,
        start_date: ReportDate,
        end_date: ReportDate,
        user_ids: Ids | None = None,
        project_ids: Ids | None = None,
        client_ids: Ids | None = None,
        tag_ids: Ids | None = None,
        task_ids: Ids | None = None,
        group_ids: Ids | None = None,
        time_entry_ids: Ids | None = None,
        description: str | None = None,
        billable: bool | None = None,
        min_duration_seconds: int | None = None,
        max_duration_seconds: int | None = None,
        rounding: int | None = None,
        rounding_minutes: int | None = None,
    ) -> list[WeeklyReportRow]:
        """POST .../weekly/time_entries: each user's time per project, day by day."""
        body = msgspec.json.encode(_query("reports.weekly()", locals()))
        path = _report_path(workspace_id, "weekly")
        return await self._transport.request("POST", path, list[WeeklyReportRow], body=body)

    async def export(
        self,
        workspace_id: int,
        report: ReportKind,
        format: ExportFormat,
        *,
        start_date: ReportDate,
        end_date: ReportDate,
        user_ids: Ids | None = None,
        project_ids: Ids | None = None,
        client_ids: Ids | None = None,
        tag_ids: Ids | None = None,
        task_ids: Ids | None = None,
        group_ids: Ids | None = None,
        time_entry_ids: Ids | None = None,
        description: str | None = None,
        billable: bool | None = None,
        min_duration_seconds: int | None = None,
        max_duration_seconds: int | None = None,
        rounding: int | None = None,
        rounding_minutes: int | None = None,
        grouped: bool | None = None,
        hide_amounts: bool | None = None,
        order_by: str | None = None,
        order_dir: OrderDir | None = None,
        grouping: str | None = None,
        sub_grouping: str | None = None,
        distinguish_rates: bool | None = None,
        duration_format: Literal["classic", "decimal", "improved"] | None = None,
        to: Destination | None = None,
    ) -> bytes | int:
        """POST .../{report}.{format}: the ``"detailed"``, ``"summary"`` or ``"weekly"``
        report as a ``"csv"``, ``"pdf"`` or ``"xlsx"`` file (weekly: csv or pdf).

        Returns the file's bytes (up to the client's ``max_response_size``: a larger file is
        a ``ResponseTooLargeError``); with ``to=`` (a path, or a binary file object) the body
        is streamed there chunk by chunk, never held whole in memory, whatever its size, and
        the number of bytes written is returned. A path is written only once the service
        has answered successfully, and removed again if the download breaks off; a download
        that has written anything there is never retried (without ``to=``, it starts over).
        The client's timeout then bounds each wait for data rather than the whole download.

        Filters are those of the report (``grouped`` for detailed, ``grouping`` for summary
        and weekly, ...); one the report does not take is refused before sending.
        """
        given = {
            k: v for k, v in locals().items() if k not in ("self", "report", "format", "to")
        }
        kind = p.choice(report, "report", tuple(_REPORT_PATHS))
        extension = p.choice(format, "format", EXPORT_FORMATS[kind])
        foreign = sorted(
            name for name in set(given) - _COMMON_FIELDS - _EXPORT_OPTIONS[kind]
            if given[name] is not None
        )
        if foreign:
            raise InvalidTypeError(
                f"reports.export(): the {kind} report takes no {', '.join(foreign)}"
            )
        if kind == "detailed" and order_by is not None:
            p.choice(order_by, "order_by", DETAILED_ORDERS)
        path = f"{_report_path(workspace_id, kind)}.{extension}"
        body = msgspec.json.encode(_query("reports.export()", given))
        if to is None:
            return await self._download(path, body)
        if isinstance(to, (str, os.PathLike)):
            return await self._download_to_path(path, body, os.fspath(to))
        write = getattr(to, "write", None)
        if not callable(write):
            raise InvalidTypeError(
                f"to must be a path or a binary file object, not {type(to).__name__}"
            )
        return await self._transport.request("POST", path, None, body=body, sink=Sink(write))

    async def _download(self, path: str, body: bytes) -> bytes:
        """The file in memory, as large as the client's ``max_response_size`` at most."""
        limit = self._transport.options.max_response_size
        chunks: list[bytes] = []
        size = 0

        def keep(chunk: bytes) -> None:
            nonlocal size
            size += len(chunk)
            if size > limit:
                raise ResponseTooLargeError(
                    limit=limit, status=200, method="POST", url=self._transport.base_url + path
                )
            chunks.append(chunk)

        def forget() -> None:  # in memory, a download broken off may start over
            nonlocal size
            size = 0
            chunks.clear()

        await self._transport.request("POST", path, None, body=body, sink=Sink(keep, rewind=forget))
        return b"".join(chunks)

    async def _download_to_path(self, path: str, body: bytes, target: str) -> int:
        file = LazyFile(target)
        try:
            written = await self._transport.request(
                "POST", path, None, body=body, sink=Sink(file.write)
            )
        except BaseException:
            file.discard()
            raise
        file.finish()
        return written


class LazyFile:
    """A file opened on the first write: an error answer leaves the target untouched.
    ``finish()`` after success, ``discard()`` after a failure (it removes what was
    written)."""

    __slots__ = ("_file", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def write(self, chunk: bytes) -> None:
        if self._file is None:
            self._file = open(self.path, "wb")  # noqa: SIM115 (closed by finish/discard)
        self._file.write(chunk)

    def finish(self) -> None:
        if self._file is None:  # an empty body: still an (empty) file
            self._file = open(self.path, "wb")  # noqa: SIM115
        self._file.close()

    def discard(self) -> None:
        """Close and remove what was written (never anything but a regular file)."""
        if self._file is None:
            return
        self._file.close()
        if os.path.isfile(self.path):
            os.remove(self.path)


def reports_transport(transport: Transport) -> Transport:
    """``transport`` sending to the Reports API root (same session, limiter and quota),
    its POSTs retried as reads: they are searches, and change nothing."""
    return replace(transport, base_url=reports_base_url(transport.base_url), reads_only=True)


def reports_base_url(base_url: str) -> str:
    """The Reports API root beside the API root: ``.../api/v9`` -> ``.../reports/api/v3``;
    any other root gets ``/reports/api/v3`` appended at its host."""
    if base_url.endswith(API_SUFFIX):
        return base_url[: -len(API_SUFFIX)] + REPORTS_SUFFIX
    scheme, _, rest = base_url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}{REPORTS_SUFFIX}"


def _report_path(workspace_id: int, kind: str) -> str:
    return f"/workspace/{p.identifier(workspace_id, 'workspace_id')}/{_REPORT_PATHS[kind]}"


def _report_date(value: object, name: str) -> date:
    if isinstance(value, datetime):
        raise InvalidTypeError(
            f"{name} must be a date, not a datetime (reports cover whole days)"
        )
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{name} must be a date or a 'YYYY-MM-DD' string, not {type(value).__name__}"
        )
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidValueError(
            f"{name} must be a date in the form 'YYYY-MM-DD', got {value!r}"
        ) from None


def _query(call: str, arguments: Mapping[str, Any]) -> _ReportQuery:
    """The checked request body from a method's arguments (its ``locals()``): every
    argument but ``self`` and ``workspace_id`` is a field; those left as None are not sent."""
    fields = {
        name: value for name, value in arguments.items()
        if value is not None and name not in ("self", "workspace_id")
    }
    start = fields["start_date"] = _report_date(fields.get("start_date"), "start_date")
    end = fields["end_date"] = _report_date(fields.get("end_date"), "end_date")
    if end < start:
        raise InvalidValueError(f"{call}: end_date {end} is before start_date {start}")
    low, high = fields.get("min_duration_seconds"), fields.get("max_duration_seconds")
    if isinstance(low, int) and isinstance(high, int) and not low < high:
        raise InvalidValueError(
            f"{call}: min_duration_seconds ({low}) must be below max_duration_seconds ({high})"
        )
    if isinstance(fields.get("order_dir"), str):
        fields["order_dir"] = fields["order_dir"].upper()
    for name, value in fields.items():
        if name.endswith("_ids") and isinstance(value, (str, bytes)):
            raise InvalidTypeError(f"{call}: {name} must be a list of ids, not a string")
    return p.convert(fields, _ReportQuery, call=call)


def _checked_page(
    rows: list[DetailedReportRow], headers: CIMultiDictProxy[str], first_row: int | None
) -> DetailedReportPage:
    """The page with its cursor, after checking that the rows continue where asked and the
    cursor continues where the rows end (ValueError naming the problem otherwise)."""
    expected = first_row or 1
    numbers = [row.row_number for row in rows if row.row_number is not None]
    if numbers and numbers[0] != expected:
        raise ValueError(
            f"the page starts at row {numbers[0]} where row {expected} was asked for"
        )
    row_number = _int_header(headers, _NEXT_ROW_NUMBER)
    cursor_id = _int_header(headers, _NEXT_ID)
    timestamp = _int_header(headers, _NEXT_TIMESTAMP)
    if row_number is None:
        if cursor_id is not None or timestamp is not None:
            raise ValueError(
                f"the answer has {_NEXT_ID}/{_NEXT_TIMESTAMP} but no {_NEXT_ROW_NUMBER}: "
                "cannot tell where the next page starts"
            )
        return DetailedReportPage(rows, None, *_range(headers))
    if not rows:
        raise ValueError(f"an empty page has a {_NEXT_ROW_NUMBER} of {row_number}")
    if row_number != expected + len(rows):
        raise ValueError(
            f"{_NEXT_ROW_NUMBER} is {row_number}, but this page holds rows "
            f"{expected}-{expected + len(rows) - 1}: the next page would skip or repeat rows"
        )
    return DetailedReportPage(
        rows, ReportCursor(row_number, cursor_id, timestamp), *_range(headers)
    )


def _int_header(headers: CIMultiDictProxy[str], name: str) -> int | None:
    value = headers.get(name)
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit() or not text.isascii() or int(text) == 0:
        raise ValueError(f"the {name} header is {value!r}, not a positive integer")
    return int(text)


def _range(headers: CIMultiDictProxy[str]) -> tuple[date | None, date | None]:
    dates = []
    for name in ("X-Range-Start", "X-Range-End"):
        value = headers.get(name)
        try:
            dates.append(None if value is None else date.fromisoformat(value.strip()))
        except ValueError:
            raise ValueError(f"the {name} header is {value!r}, not a date") from None
    return dates[0], dates[1]


_COMMON_FIELDS = frozenset({
    "workspace_id", "start_date", "end_date", "user_ids", "project_ids", "client_ids",
    "tag_ids", "task_ids", "group_ids", "time_entry_ids", "description", "billable",
    "min_duration_seconds", "max_duration_seconds", "rounding", "rounding_minutes",
})
