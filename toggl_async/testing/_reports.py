"""The Reports API v3 of the fake (under /reports/api/v3), answered from the same state as
the time entries: every account's ``time_entries`` in the workspace asked about.

What it does as the service does: detailed rows in pages of 50 (``page_size``) with the
``X-Next-*`` cursor headers on every page but the last, grouped rows, ``[null]`` in an
``*_ids`` filter for "without", the end date defaulting to the start date plus six days,
400s for bad filters, summary groups with their CapitalCase keys, and exports with the
right content types. CSV exports are real; PDF and XLSX exports are small valid
placeholders (a one-page PDF naming the report; a one-sheet workbook holding the CSV's
cells as text), not Toggl's layouts.

Running entries are left out of reports. Results are computed once per body and kept
until the time entries change (an entry added or removed, or any write through the API;
an entry edited in place by a test is not noticed), so paging through a large report
costs each page its slice only.
"""

from __future__ import annotations

import csv
import io
import json
import re
import weakref
import zipfile
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from aiohttp import web

from ._data import FakeAccount, JsonObject, timestamp_to_unix
from ._endpoints import ApiError, Call, Endpoint, json_response

BASE_PATH = "/reports/api/v3"
DEFAULT_PAGE_SIZE = 50

_DATE_RE = re.compile(r"\d{4}-\d\d-\d\d")
_ROUNDING_MINUTES = (0, 1, 5, 6, 10, 12, 15, 30, 60, 240)
_DETAILED_ORDERS = ("date", "user", "duration", "description", "last_update")
_GROUPINGS = ("projects", "clients", "users")
_SUB_GROUPINGS = ("time_entries", "tasks", "projects", "clients", "users")
_ID_FILTERS = (
    "user_ids", "project_ids", "client_ids", "tag_ids", "task_ids", "group_ids",
    "time_entry_ids",
)
_COMMON = frozenset({
    *_ID_FILTERS, "start_date", "end_date", "description", "billable", "rounding",
    "rounding_minutes", "min_duration_seconds", "max_duration_seconds", "startTime",
    "endTime",
})
_CURSOR = ("first_row_number", "first_id", "first_timestamp")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# -- the filters ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Entry:
    """A stopped time entry with what reports need of its owner and project."""

    data: JsonObject
    account: FakeAccount
    start: datetime  # in the user's zone
    stop: datetime
    project: JsonObject | None

    @property
    def seconds(self) -> int:
        return int(self.data["duration"])


def _invalid(name: str, allowed: Iterable[Any]) -> ApiError:
    values = ", ".join(str(value) for value in allowed)
    return ApiError(400, f"Invalid '{name}' value, allowed values are: '{values}'")


def _body(call: Call) -> JsonObject:
    body = call.json
    if not isinstance(body, dict) or not body:
        raise ApiError(400, "At least one parameter must be set")
    return body


def _date_range(body: JsonObject) -> tuple[date, date]:
    parsed = {}
    for name in ("start_date", "end_date"):
        value = body.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
            raise ApiError(400, f"Invalid {name} format")
        try:
            parsed[name] = date.fromisoformat(value)
        except ValueError:
            raise ApiError(400, f"Invalid {name} format") from None
    if "start_date" not in parsed:
        raise ApiError(400, "The start_date parameter is required")
    start = parsed["start_date"]
    end = parsed.get("end_date", start + timedelta(days=6))
    if end < start:
        raise ApiError(400, "end_date must not be earlier than start_date")
    return start, end


def _check_filters(body: JsonObject) -> None:
    for name in _ID_FILTERS:
        ids = body.get(name)
        if ids is not None and not (
            isinstance(ids, list)
            and all(i is None or (isinstance(i, int) and not isinstance(i, bool)) for i in ids)
        ):
            raise ApiError(400, f"Invalid '{name}' value")
    minutes = body.get("rounding_minutes")
    if minutes is not None and minutes not in _ROUNDING_MINUTES:
        raise _invalid("rounding_minutes", _ROUNDING_MINUTES)
    low, high = body.get("min_duration_seconds"), body.get("max_duration_seconds")
    if low is not None and high is not None and not low < high:
        raise ApiError(400, "min_duration_seconds must be below max_duration_seconds")


def _workspace_id(call: Call) -> int:
    workspace_id = int(call.params["workspace_id"])
    if workspace_id not in call.account.workspace_ids:
        raise ApiError(403, "Workspace not found/accessible")
    return workspace_id


def _matches(entry: _Entry, body: JsonObject, start: date, end: date) -> bool:
    data = entry.data
    if not start <= entry.start.date() <= end:
        return False
    client_id = entry.project.get("client_id") if entry.project else None
    tag_ids = data.get("tag_ids") or []
    selected = {
        "user_ids": [data["user_id"]],
        "project_ids": [data.get("project_id")],
        "client_ids": [client_id],
        "task_ids": [data.get("task_id")],
        "time_entry_ids": [data["id"]],
        "tag_ids": tag_ids or [None],
        "group_ids": [None],  # nobody belongs to a group on the fake
    }
    for name, values in selected.items():
        wanted = body.get(name)
        if wanted is not None and not set(values) & set(wanted):
            return False
    description = body.get("description")
    if description and description.lower() not in (data.get("description") or "").lower():
        return False
    if body.get("billable") is not None and bool(data.get("billable")) != body["billable"]:
        return False
    low, high = body.get("min_duration_seconds"), body.get("max_duration_seconds")
    return (low is None or entry.seconds >= low) and (high is None or entry.seconds <= high)


def _entries(call: Call, workspace_id: int, body: JsonObject) -> list[_Entry]:
    """The stopped, live entries of every account in the workspace that the filters keep."""
    start, end = _date_range(body)
    _check_filters(body)
    kept = []
    for account in call.world.accounts:
        zone = zoneinfo.ZoneInfo(account.user.get("timezone") or "UTC")
        projects = {p["id"]: p for p in account.projects}
        for data in account.time_entries:
            if (
                data.get("workspace_id") != workspace_id
                or data.get("stop") is None
                or data.get("server_deleted_at") is not None
            ):
                continue
            entry = _Entry(
                data, account, _local(data["start"], zone), _local(data["stop"], zone),
                projects.get(data.get("project_id")),
            )
            if _matches(entry, body, start, end):
                kept.append(entry)
    return kept


def _local(stamp: str, zone: zoneinfo.ZoneInfo) -> datetime:
    return datetime.fromtimestamp(timestamp_to_unix(stamp), zone)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


# -- results kept between pages ----------------------------------------------------------
class _Cache:
    """One computed result per (endpoint, workspace, body without cursor), dropped when
    an entry is added or removed, or anything is written through the API (every write
    moves the fake's clock). An entry changed in place by other means is not noticed."""

    def __init__(self) -> None:
        self._version: Any = None
        self._results: dict[tuple[str, int, str], Any] = {}

    def get(self, call: Call, kind: str, workspace_id: int, body: JsonObject,
            compute: Callable[[], Any]) -> Any:
        version = (call.world.clock.now, [
            (id(account.time_entries), len(account.time_entries))
            for account in call.world.accounts
        ])
        if version != self._version:
            self._version, self._results = version, {}
        key = (kind, workspace_id, json.dumps(
            {k: v for k, v in body.items() if k not in _CURSOR}, sort_keys=True
        ))
        if key not in self._results:
            self._results[key] = compute()
        return self._results[key]


_CACHES: dict[int, _Cache] = {}


def _cached(call: Call, kind: str, workspace_id: int, body: JsonObject,
            compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it returned for the same request while nothing changed."""
    key = id(call.world)
    if key not in _CACHES:
        _CACHES[key] = _Cache()
        weakref.finalize(call.world, _CACHES.pop, key, None)
    return _CACHES[key].get(call, kind, workspace_id, body, compute)


# -- detailed ------------------------------------------------------------------------------
def _order(entries: list[_Entry], body: JsonObject) -> list[_Entry]:
    order_by = body.get("order_by", "date")
    if order_by not in _DETAILED_ORDERS:
        raise _invalid("order_by", _DETAILED_ORDERS)
    order_dir = body.get("order_dir", "ASC")
    if order_dir not in ("ASC", "DESC"):
        raise _invalid("order_dir", ("ASC", "DESC"))
    key: Callable[[_Entry], Any] = {
        "date": lambda e: e.start,
        "user": lambda e: (e.account.user["fullname"], e.start),
        "duration": lambda e: (e.seconds, e.start),
        "description": lambda e: (e.data.get("description") or "", e.start),
        "last_update": lambda e: (timestamp_to_unix(e.data["at"]), e.start),
    }[order_by]
    return sorted(entries, key=key, reverse=order_dir == "DESC")


def _rate(entry: _Entry) -> float | None:
    rate = entry.project.get("rate") if entry.project else None
    return float(rate) if rate is not None and entry.data.get("billable") else None


def _row(group: list[_Entry], body: JsonObject, row_number: int) -> JsonObject:
    first = group[0]
    data, rate = first.data, _rate(first)
    hide = bool(body.get("hide_amounts"))
    seconds = sum(e.seconds for e in group)
    row: JsonObject = {
        "user_id": data["user_id"],
        "username": first.account.user["fullname"],
        "project_id": data.get("project_id"),
        "task_id": data.get("task_id"),
        "billable": bool(data.get("billable")),
        "description": data.get("description") or "",
        "tag_ids": data.get("tag_ids") or [],
        "billable_amount_in_cents": (
            None if rate is None or hide else round(seconds * rate / 36)
        ),
        "hourly_rate_in_cents": None if rate is None or hide else round(rate * 100),
        "currency": "USD",
        "time_entries": [
            {
                "id": e.data["id"],
                "seconds": e.seconds,
                "start": _iso(e.start),
                "stop": _iso(e.stop),
                "at": _iso(datetime.fromtimestamp(timestamp_to_unix(e.data["at"]), timezone.utc)),
            }
            for e in group
        ],
        "row_number": row_number,
    }
    if body.get("enrich_response"):
        project = first.project
        row["project_name"] = project["name"] if project else None
        row["project_color"] = project["color"] if project else None
        row["tags"] = data.get("tags") or []
        row["user_email"] = first.account.email
    return row


def _group_key(entry: _Entry) -> tuple[Any, ...]:
    data = entry.data
    return (
        data["user_id"], data.get("project_id"), data.get("task_id"),
        data.get("description") or "", bool(data.get("billable")),
        tuple(data.get("tag_ids") or ()),
    )


def _detailed_rows(call: Call, workspace_id: int, body: JsonObject) -> list[JsonObject]:
    entries = _order(_entries(call, workspace_id, body), body)
    if body.get("grouped"):
        groups: dict[tuple[Any, ...], list[_Entry]] = {}
        for entry in entries:
            groups.setdefault(_group_key(entry), []).append(entry)
        grouped = list(groups.values())
    else:
        grouped = [[entry] for entry in entries]
    return [_row(group, body, n) for n, group in enumerate(grouped, 1)]


def _positive(body: JsonObject, name: str, default: int) -> int:
    value = body.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ApiError(400, f"Invalid '{name}' value")
    return value


def _range_headers(body: JsonObject) -> dict[str, str]:
    start, end = _date_range(body)
    return {"X-Range-Start": start.isoformat(), "X-Range-End": end.isoformat()}


def search_time_entries(call: Call) -> web.Response:
    body = _body(call)
    workspace_id = _workspace_id(call)
    rows = _cached(call, "detailed", workspace_id, body,
                   lambda: _detailed_rows(call, workspace_id, body))
    size = _positive(body, "page_size", DEFAULT_PAGE_SIZE)
    first = _positive(body, "first_row_number", 1)
    for name in ("first_id", "first_timestamp"):
        if name in body:
            _positive(body, name, 1)
    page = rows[first - 1 : first - 1 + size]
    response = json_response(page)
    response.headers.update(_range_headers(body))
    response.headers["X-Page-Size"] = str(size)
    if first - 1 + size < len(rows):
        following = rows[first - 1 + size]
        entry = following["time_entries"][0]
        response.headers["X-Next-ID"] = str(entry["id"])
        response.headers["X-Next-Row-Number"] = str(following["row_number"])
        response.headers["X-Next-Timestamp"] = str(int(timestamp_to_unix(entry["start"])))
    return response


def search_totals(call: Call) -> web.Response:
    body = _body(call)
    workspace_id = _workspace_id(call)
    entries = _entries(call, workspace_id, body)
    granularity = body.get("granularity", "day")
    if granularity not in ("day", "week", "month"):
        raise _invalid("granularity", ("day", "week", "month"))
    rates: dict[float | None, int] = {}
    for entry in entries:
        if entry.data.get("billable"):
            rate = _rate(entry)
            rates[rate] = rates.get(rate, 0) + entry.seconds
    totals: JsonObject = {
        "seconds": sum(e.seconds for e in entries),
        "billable_amount_in_cents": round(
            sum(e.seconds * (_rate(e) or 0) / 36 for e in entries)
        ),
        "labour_cost_in_cents": None,
        "tracked_days": len({e.start.date() for e in entries}),
        "resolution": granularity,
        "rates": [
            {
                "billable_seconds": seconds,
                "hourly_rate_in_cents": None if rate is None else round(rate * 100),
                "currency": "USD",
            }
            for rate, seconds in rates.items()
        ],
    }
    if body.get("with_graph"):
        periods: dict[date, int] = {}
        for entry in entries:
            day = entry.start.date()
            period = {
                "day": day,
                "week": day - timedelta(days=day.weekday()),
                "month": day.replace(day=1),
            }[granularity]
            periods[period] = periods.get(period, 0) + entry.seconds
        totals["graph"] = [
            {"seconds": seconds, "by_rate": {}} for _, seconds in sorted(periods.items())
        ]
    return json_response(totals)


# -- summary and weekly --------------------------------------------------------------------
def _attribute(entry: _Entry, grouping: str) -> tuple[Any, str]:
    """The (id, title) an entry is grouped under."""
    data, project = entry.data, entry.project
    if grouping == "projects":
        return data.get("project_id"), project["name"] if project else ""
    if grouping == "clients":
        client_id = project.get("client_id") if project else None
        names = {c["id"]: c["name"] for c in entry.account.clients}
        return client_id, names.get(client_id, "")
    if grouping == "users":
        return data["user_id"], entry.account.user["fullname"]
    if grouping == "tasks":
        names = {t["id"]: t["name"] for t in entry.account.tasks}
        return data.get("task_id"), names.get(data.get("task_id"), "")
    return None, data.get("description") or ""  # time entries: by description


def _summary_groups(call: Call, workspace_id: int, body: JsonObject) -> list[JsonObject]:
    grouping = body.get("grouping", "projects")
    if grouping not in _GROUPINGS:
        raise _invalid("grouping", _GROUPINGS)
    sub_grouping = body.get("sub_grouping", "time_entries")
    if sub_grouping not in _SUB_GROUPINGS or sub_grouping == grouping:
        raise _invalid("sub_grouping", [s for s in _SUB_GROUPINGS if s != grouping])
    groups: dict[Any, dict[tuple[Any, str], list[_Entry]]] = {}
    for entry in _order(_entries(call, workspace_id, body), {}):
        group_id, _ = _attribute(entry, grouping)
        groups.setdefault(group_id, {}).setdefault(
            _attribute(entry, sub_grouping), []
        ).append(entry)
    result = []
    for group_id, subs in groups.items():
        sub_groups = []
        for (sub_id, title), members in subs.items():
            sub: JsonObject = {
                "id": sub_id,
                "title": title,
                "seconds": sum(e.seconds for e in members),
                "local_start": _iso(members[0].start),
                "project_color": "0",
                "project_hex_color": _color(members[0]),
                "ForExport": False,
                "DistinguishRates": bool(body.get("distinguish_rates")),
                "Grouping": grouping,
                "SubGrouping": sub_grouping,
            }
            if body.get("include_time_entry_ids"):
                sub["ids"] = [e.data["id"] for e in members]
            sub_groups.append(sub)
        first = next(iter(subs.values()))[0]
        result.append({
            "id": group_id, "project_color": "0", "project_hex_color": _color(first),
            "sub_groups": sub_groups,
        })
    return result


def _color(entry: _Entry) -> str:
    return str(entry.project["color"]) if entry.project else "#000000"


def summary_time_entries(call: Call) -> web.Response:
    body = _body(call)
    groups = _summary_groups(call, _workspace_id(call), body)
    response = json_response({"groups": groups})
    response.headers.update(_range_headers(body))
    response.headers["X-Grouping"] = body.get("grouping", "projects")
    response.headers["X-Sub-Grouping"] = body.get("sub_grouping", "time_entries")
    return response


def _weekly_rows(call: Call, workspace_id: int, body: JsonObject) -> list[JsonObject]:
    start, _ = _date_range(body)
    rows: dict[tuple[int, int | None], JsonObject] = {}
    for entry in _order(_entries(call, workspace_id, body), {}):
        day = (entry.start.date() - start).days
        if day >= 7:
            continue
        key = (entry.data["user_id"], entry.data.get("project_id"))
        row = rows.setdefault(key, {
            "user_id": key[0],
            "project_id": key[1],
            "client_id": entry.project.get("client_id") if entry.project else None,
            "seconds": [0] * 7,
            "billable_amounts_in_cents": [0] * 7,
            "hourly_rate_in_cents": None,
            "currency": "USD",
        })
        row["seconds"][day] += entry.seconds
        rate = _rate(entry)
        if rate is not None:
            row["billable_amounts_in_cents"][day] += round(entry.seconds * rate / 36)
            row["hourly_rate_in_cents"] = round(rate * 100)
    return list(rows.values())


def weekly_time_entries(call: Call) -> web.Response:
    body = _body(call)
    unsupported = sorted(set(body) - _COMMON)
    if unsupported:
        raise ApiError(400, f"The '{unsupported[0]}' parameter is not supported")
    response = json_response(_weekly_rows(call, _workspace_id(call), body))
    response.headers.update(_range_headers(body))
    return response


# -- exports -------------------------------------------------------------------------------
def _detailed_table(call: Call, workspace_id: int, body: JsonObject) -> list[list[str]]:
    table = [[
        "User", "Email", "Project", "Task", "Description", "Billable", "Start date",
        "Start time", "End date", "End time", "Duration", "Tags",
    ]]
    for row in _detailed_rows(call, workspace_id, body):
        for entry in row["time_entries"]:
            start, stop = entry["start"], entry["stop"]
            table.append([
                row["username"], "", str(row["project_id"] or ""), str(row["task_id"] or ""),
                row["description"], "Yes" if row["billable"] else "No", start[:10],
                start[11:19], stop[:10], stop[11:19], _duration(entry["seconds"]),
                ", ".join(map(str, row["tag_ids"])),
            ])
    return table


def _summary_table(call: Call, workspace_id: int, body: JsonObject) -> list[list[str]]:
    table = [["Group", "Title", "Duration"]]
    for group in _summary_groups(call, workspace_id, body):
        for sub in group["sub_groups"]:
            table.append([str(group["id"] or ""), sub["title"], _duration(sub["seconds"])])
    return table


def _weekly_table(call: Call, workspace_id: int, body: JsonObject) -> list[list[str]]:
    start, _ = _date_range(body)
    days = [(start + timedelta(days=n)).isoformat() for n in range(7)]
    table = [["User", "Project", *days, "Total"]]
    for row in _weekly_rows(call, workspace_id, body):
        seconds = row["seconds"]
        table.append([
            str(row["user_id"]), str(row["project_id"] or ""),
            *map(_duration, seconds), _duration(sum(seconds)),
        ])
    return table


def _duration(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _export(
    table: Callable[[Call, int, JsonObject], list[list[str]]], formats: tuple[str, ...]
) -> Endpoint:
    def endpoint(call: Call) -> web.Response:
        extension = call.params["extension"]
        if extension not in formats:
            raise ApiError(404, "Resource can not be found")
        body = _body(call)
        cells = table(call, _workspace_id(call), body)
        content = {"csv": _csv, "pdf": _pdf, "xlsx": _xlsx}[extension](cells)
        response = web.Response(body=content, headers={
            "Content-Type": CONTENT_TYPES[extension],
            "Content-Disposition": f'attachment; filename="report.{extension}"',
        })
        response.headers.update(_range_headers(body))
        return response

    return endpoint


def _csv(cells: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(cells)
    return out.getvalue().encode()


def _pdf(cells: list[list[str]]) -> bytes:
    """A one-page PDF saying how many rows the report has."""
    text = f"Toggl report ({len(cells) - 1} rows)".encode()
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref,
    )
    return bytes(out)


def _xlsx(cells: list[list[str]]) -> bytes:
    """A workbook of one sheet holding ``cells`` as inline strings."""
    from xml.sax.saxutils import escape

    rows = "".join(
        f'<row r="{r}">' + "".join(
            f'<c t="inlineStr"><is><t>{escape(value)}</t></is></c>' for value in row
        ) + "</row>"
        for r, row in enumerate(cells, 1)
    )
    main = "http://schemas.openxmlformats.org"
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{main}/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{main}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{main}/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}/spreadsheetml/2006/main" '
            f'xmlns:r="{main}/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Report" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{main}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{main}/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}/spreadsheetml/2006/main">'
            f"<sheetData>{rows}</sheetData></worksheet>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + xml)
    return out.getvalue()


_WORKSPACE = "/workspace/(?P<workspace_id>[0-9]+)"
_EXTENSION = r"\.(?P<extension>[a-z]+)"

PATHS: tuple[tuple[str, dict[str, Endpoint]], ...] = (
    (f"{_WORKSPACE}/search/time_entries", {"POST": search_time_entries}),
    (f"{_WORKSPACE}/search/time_entries/totals", {"POST": search_totals}),
    (f"{_WORKSPACE}/search/time_entries{_EXTENSION}",
     {"POST": _export(_detailed_table, ("csv", "pdf", "xlsx"))}),
    (f"{_WORKSPACE}/summary/time_entries", {"POST": summary_time_entries}),
    (f"{_WORKSPACE}/summary/time_entries{_EXTENSION}",
     {"POST": _export(_summary_table, ("csv", "pdf", "xlsx"))}),
    (f"{_WORKSPACE}/weekly/time_entries", {"POST": weekly_time_entries}),
    (f"{_WORKSPACE}/weekly/time_entries{_EXTENSION}",
     {"POST": _export(_weekly_table, ("csv", "pdf"))}),
)
