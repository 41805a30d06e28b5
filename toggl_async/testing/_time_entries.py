"""The 8 time-entry endpoints, answered from ``FakeAccount.time_entries`` with the real
service's quirks (see the reference's "real service" notes):

- GET bodies write start/stop as ``+00:00``, and a running entry's duration as minus its
  start in UNIX seconds; create, update and stop answers write ``Z``, and a create that
  sent ``duration: -1`` gets ``-1`` back.
- GET current answers ``null`` when nothing runs; DELETE answers 200 with an empty body.
- tags: ``[]`` on GET and stop answers, null in a create's answer when none were sent, and
  ``tags: []`` with ``tag_ids: null`` when ``[]`` was sent.
- 400s as JSON strings (``since`` with ``before``; a ``start_date`` older than three
  months; no start; a start year outside 2006-2030), 409 on stopping a stopped entry, 405
  with an empty body on GET of the workspace's collection; at most 1000 entries a list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any

from aiohttp import web

from ._data import JsonObject, format_timestamp, time_entry, timestamp_to_unix
from ._endpoints import ApiError, Call, Endpoint, _is_int, _workspace, json_response

LIST_CAP = 1000
BULK_EDIT_CAP = 100
START_YEARS = (2006, 2030)
STORED_STYLE = 3  # "+00:00", no fraction: how GET bodies write times
_WRITE_TIME_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
_DATE_RE = re.compile(r"\d{4}-\d\d-\d\d")
_META = ("client_id", "client_name", "project_name", "project_color", "project_active",
         "project_billable", "task_name", "user_name", "user_avatar_url")
_LEGACY = ("uid", "wid", "pid", "tid")


# -- time ---------------------------------------------------------------------------------
def _now(call: Call) -> datetime:
    """The fake's present for writes: its clock's, or this machine's when that is later
    (a timer a client starts now must not stop before it started)."""
    call.world.clock.tick()
    return max(call.world.clock.now, datetime.now(timezone.utc)).replace(microsecond=0)


def _parse_time(text: Any, name: str) -> datetime:
    if not isinstance(text, str) or not _WRITE_TIME_RE.fullmatch(text):
        raise ApiError(400, f"Invalid {name}")
    try:
        return datetime.fromtimestamp(int(timestamp_to_unix(text)), timezone.utc)
    except ValueError:  # more than 6 fractional digits
        raise ApiError(400, f"Invalid {name}") from None


def _query_moment(query: Mapping[str, str], name: str) -> datetime | None:
    """A date (its midnight, UTC) or an RFC 3339 time from the query string."""
    value = query.get(name)
    if value is None:
        return None
    if _DATE_RE.fullmatch(value):
        day = date.fromisoformat(value)
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return _parse_time(value, name)


def _start_floor(call: Call) -> date:
    """The oldest start_date the service takes: three months before its today."""
    today = call.world.clock.now.date()
    month = today.month - 3
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return today.replace(year=year, month=month, day=min(today.day, 28))


def _z(moment: str | None) -> str | None:
    """A stored time as create/stop answers write it: ``Z``, whole seconds."""
    if moment is None:
        return None
    return format_timestamp(_stored(moment), 0)


# -- rendering ----------------------------------------------------------------------------
def _as_listed(entry: JsonObject, call: Call, *, legacy: bool = True) -> JsonObject:
    """How GET shows an entry: tags as [] when none; meta fields when asked for."""
    body = {key: value for key, value in entry.items() if legacy or key not in _LEGACY}
    body["tags"] = body["tags"] or []
    body["tag_ids"] = body["tag_ids"] or []
    if call.query.get("meta") == "true":
        body.update(_meta(entry, call))
    if call.query.get("include_sharing") != "true":
        body.pop("shared_with", None)
    return body


def _meta(entry: JsonObject, call: Call) -> JsonObject:
    account = call.account
    meta: JsonObject = {}
    project = next((p for p in account.projects if p["id"] == entry["project_id"]), None)
    if project is not None:
        client = next((c for c in account.clients if c["id"] == project["client_id"]), None)
        if client is not None:
            meta.update(client_id=client["id"], client_name=client["name"])
        meta.update(
            project_name=project["name"], project_color=project["color"],
            project_active=project["active"], project_billable=project["billable"],
        )
    task = next((t for t in account.tasks if t["id"] == entry["task_id"]), None)
    if task is not None:
        meta["task_name"] = task["name"]
    meta.update(user_name=account.user["fullname"], user_avatar_url="")
    return meta


def _as_written(entry: JsonObject, call: Call, *, sent_duration: Any = None) -> JsonObject:
    """How create, update and stop answers show an entry: times in ``Z`` form, ``at``
    with microseconds, a running entry's duration as it was sent."""
    body = dict(entry)
    body["start"], body["stop"] = _z(entry["start"]), _z(entry["stop"])
    if sent_duration is not None and entry["stop"] is None and sent_duration < 0:
        body["duration"] = sent_duration
    if call.query.get("meta") == "true":
        body.update(_meta(entry, call))
    return body


# -- lookups ------------------------------------------------------------------------------
def _own_entry(call: Call, entry_id: int) -> JsonObject:
    for entry in call.account.time_entries:
        if entry["id"] == entry_id and entry["server_deleted_at"] is None:
            return entry
    raise ApiError(404, "Time entry not found")


def _workspace_entry(call: Call, key: str = "time_entry_id") -> JsonObject:
    workspace = _workspace(call)
    entry = _own_entry(call, int(call.params[key]))
    if entry["workspace_id"] != workspace["id"]:
        raise ApiError(404, "Time entry not found")
    return entry


def _running(call: Call) -> JsonObject | None:
    return next(
        (e for e in reversed(call.account.time_entries)
         if e["stop"] is None and e["duration"] < 0 and e["server_deleted_at"] is None),
        None,
    )


def _tags(call: Call, workspace_id: int, names: Any) -> list[JsonObject]:
    """The workspace's tags of these names, unknown names created as the service does."""
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise ApiError(400, "Invalid tags")
    account = call.account
    found = []
    for name in names:
        tag = next((t for t in account.tags if t["name"] == name and t["deleted_at"] is None
                    and t["workspace_id"] == workspace_id), None)
        if tag is None:
            tag = {"id": _next_id(call, "tags"), "workspace_id": workspace_id, "name": name,
                   "at": format_timestamp(_now(call), 0), "creator_id": account.user_id,
                   "deleted_at": None, "permissions": None}
            account.tags.append(tag)
        found.append(tag)
    return found


def _next_id(call: Call, kind: str) -> int:
    """A fresh id above every id of that kind (``tags``, ``time_entries``) on the fake."""
    return 1 + max(
        (item["id"] for account in call.world.accounts for item in getattr(account, kind)),
        default=0,
    )


# -- writes -------------------------------------------------------------------------------
def _apply(call: Call, entry: JsonObject, data: JsonObject) -> None:
    """Set the fields of a create or update body on ``entry`` (checked first)."""
    workspace_id = entry["workspace_id"]
    project_id = data.get("project_id", data.get("pid", entry["project_id"]))
    if project_id is not None:
        project = next((p for p in call.account.projects
                        if p["id"] == project_id and p["server_deleted_at"] is None), None)
        if project is None or project["workspace_id"] != workspace_id:
            raise ApiError(400, "Invalid project_id")
    task_id = data.get("task_id", data.get("tid", entry["task_id"]))
    if task_id is not None and not any(
        t["id"] == task_id and t["project_id"] == project_id for t in call.account.tasks
    ):
        raise ApiError(400, "Invalid task_id")
    for key, kind in (("description", str), ("billable", bool)):
        if key in data and data[key] is not None and not isinstance(data[key], kind):
            raise ApiError(400, f"Invalid {key}")
    entry.update(project_id=project_id, task_id=task_id)
    entry.update({key: data[key] for key in ("description", "billable") if key in data})
    _apply_tags(call, entry, data)
    _apply_times(entry, data)
    _legacy(entry)


def _apply_tags(call: Call, entry: JsonObject, data: JsonObject) -> None:
    action = data.get("tag_action")
    if action not in (None, "add", "delete"):
        raise ApiError(400, "Invalid tag_action")
    if "tag_ids" in data:
        ids = data["tag_ids"]
        if not isinstance(ids, list) or not all(_is_int(i) for i in ids):
            raise ApiError(400, "Invalid tag_ids")
        names = [t["name"] for t in call.account.tags if t["id"] in ids]
        data = {**data, "tags": [*data.get("tags", ()), *names]}
    if "tags" not in data:
        return
    given = _tags(call, entry["workspace_id"], data["tags"])
    current = [t for t in call.account.tags if t["id"] in (entry["tag_ids"] or ())]
    if action == "add":
        given = current + [t for t in given if t not in current]
    elif action == "delete":
        given = [t for t in current if t not in given]
    entry["tags"] = [t["name"] for t in given]
    entry["tag_ids"] = [t["id"] for t in given] or None  # tags [] with tag_ids null


def _apply_times(entry: JsonObject, data: JsonObject) -> None:
    start = _parse_time(data["start"], "start") if "start" in data else _stored(entry["start"])
    if not START_YEARS[0] <= start.year <= START_YEARS[1]:
        raise ApiError(400, "Start time year must be between 2006 and 2030")
    stop = None if entry["stop"] is None else _stored(entry["stop"])
    if "stop" in data:
        stop = None if data["stop"] is None else _parse_time(data["stop"], "stop")
    duration = data.get("duration")
    if duration is not None and not _is_int(duration):
        raise ApiError(400, "Invalid duration")
    if duration is not None and duration >= 0:
        if "stop" in data and stop is not None and stop != start + timedelta(seconds=duration):
            raise ApiError(400, "Stop and duration do not match")
        stop = start + timedelta(seconds=duration)
    elif duration is not None:
        stop = None
    if stop is not None and stop < start:
        raise ApiError(400, "Stop time must be after start time")
    running = stop is None and ((duration is not None and duration < 0) or entry["duration"] < 0)
    entry["start"] = format_timestamp(start, STORED_STYLE)
    entry["stop"] = None if stop is None else format_timestamp(stop, STORED_STYLE)
    if running:
        entry["duration"] = -int(start.timestamp())
    elif stop is not None:
        entry["duration"] = int((stop - start).total_seconds())
    else:
        entry["duration"] = 0  # neither stop nor duration: a zero-length entry


def _stored(text: str) -> datetime:
    return datetime.fromtimestamp(int(timestamp_to_unix(text)), timezone.utc)


def _legacy(entry: JsonObject) -> None:
    """Keep the legacy aliases in step, leaving out those of unset ids."""
    for alias, key in (("pid", "project_id"), ("tid", "task_id")):
        entry.pop(alias, None)
        if entry[key] is not None:
            entry[alias] = entry[key]
    # Keep permissions last, where the service writes it.
    entry["permissions"] = entry.pop("permissions", None)


def _touch(call: Call, entry: JsonObject) -> None:
    entry["at"] = format_timestamp(_now(call), 2)


def _body(call: Call) -> JsonObject:
    if not isinstance(call.json, dict):
        raise ApiError(400, "Invalid JSON input")
    return call.json


# -- endpoints ----------------------------------------------------------------------------
def list_entries(call: Call) -> web.Response:
    query = call.query
    if "since" in query and "before" in query:
        raise ApiError(400, "'since' and 'before' can not be present simultaneously")
    start_date = _query_moment(query, "start_date")
    floor = _start_floor(call)
    if start_date is not None and start_date.date() < floor:
        raise ApiError(400, f"start_date must not be earlier than {floor.isoformat()}")
    end_date, before = _query_moment(query, "end_date"), _query_moment(query, "before")
    since = query.get("since")
    if since is not None and not since.isdigit():
        raise ApiError(400, "Invalid since")
    entries = [
        entry for entry in call.account.time_entries
        if (entry["server_deleted_at"] is None if since is None
            else timestamp_to_unix(entry["at"]) >= int(since))
        and (start_date is None or _stored(entry["start"]) >= start_date)
        and (end_date is None or _stored(entry["start"]) <= end_date)
        and (before is None or _stored(entry["start"]) < before)
    ]
    entries.sort(key=lambda entry: timestamp_to_unix(entry["start"]), reverse=True)
    return json_response([_as_listed(entry, call) for entry in entries[:LIST_CAP]])


def current_entry(call: Call) -> web.Response:
    entry = _running(call)
    return json_response(None if entry is None else _as_listed(entry, call))


def get_entry(call: Call) -> web.Response:
    entry = _own_entry(call, int(call.params["time_entry_id"]))
    return json_response(_as_listed(entry, call, legacy=False))


def create_entry(call: Call) -> web.Response:
    workspace = _workspace(call)
    data = _body(call)
    if data.get("workspace_id", data.get("wid", workspace["id"])) != workspace["id"]:
        raise ApiError(400, "Workspace ID in the body does not match the path")
    if "start" not in data:
        raise ApiError(400, "start is required for time entry creation")
    if not isinstance(data.get("created_with"), str) or not data["created_with"]:
        raise ApiError(400, "created_with needs to be provided a valid value")
    now = _now(call)
    entry = time_entry(
        _next_id(call, "time_entries"), workspace_id=workspace["id"], project_id=None,
        task_id=None, user_id=call.account.user_id, billable=False,
        start=format_timestamp(now, STORED_STYLE), stop=None, duration=0, description=None,
        tags=None, at=format_timestamp(now, 2),
    )
    _apply(call, entry, data)
    running = _running(call)
    if entry["stop"] is None and entry["duration"] < 0 and running is not None:
        _stop(call, running)  # one timer per user: starting one stops the other
    call.account.time_entries.append(entry)
    return json_response(_as_written(entry, call, sent_duration=data.get("duration")))


def update_entry(call: Call) -> web.Response:
    entry = _workspace_entry(call)
    changed = dict(entry)
    _apply(call, changed, _body(call))
    entry.clear()
    entry.update(changed)
    _touch(call, entry)
    return json_response(_as_written(entry, call))


def delete_entry(call: Call) -> web.Response:
    entry = _workspace_entry(call)
    moment = _now(call)
    entry["server_deleted_at"] = format_timestamp(moment, STORED_STYLE)
    entry["at"] = format_timestamp(moment, 2)
    return web.Response(status=200, content_type="application/json")


def stop_entry(call: Call) -> web.Response:
    entry = _workspace_entry(call)
    if entry["stop"] is not None or entry["duration"] >= 0:
        raise ApiError(409, "Time entry already stopped")
    _stop(call, entry)
    body = _as_written(entry, call)
    body["tags"], body["tag_ids"] = body["tags"] or [], body["tag_ids"] or []
    return json_response(body)


def _stop(call: Call, entry: JsonObject) -> None:
    start = _stored(entry["start"])
    stop = max(_now(call), start)
    entry["stop"] = format_timestamp(stop, STORED_STYLE)
    entry["duration"] = int((stop - start).total_seconds())
    _touch(call, entry)


def bulk_edit(call: Call) -> web.Response:
    workspace = _workspace(call)
    listed = call.params.get("time_entry_ids") or call.params["time_entry_id"]
    ids = [int(text) for text in listed.split(",")]
    if len(ids) > BULK_EDIT_CAP:
        raise ApiError(400, f"Maximum {BULK_EDIT_CAP} time entries can be updated at once")
    operations = call.json
    if not isinstance(operations, list) or not operations:
        raise ApiError(400, "Invalid JSON input")
    result: JsonObject = {"success": [], "failure": []}
    for entry_id in ids:
        try:
            entry = _own_entry(call, entry_id)
            if entry["workspace_id"] != workspace["id"]:
                raise ApiError(404, "Time entry not found")
            changed = dict(entry)
            for operation in operations:
                _apply(call, changed, _patch_fields(operation, changed))
        except ApiError as error:
            result["failure"].append({"id": entry_id, "message": error.message})
            continue
        entry.clear()
        entry.update(changed)
        _touch(call, entry)
        result["success"].append(entry_id)
    return json_response(result)


_PATCHABLE = frozenset({"description", "project_id", "pid", "task_id", "tid", "billable",
                        "start", "stop", "duration", "tags", "tag_ids"})


def _patch_fields(operation: Any, entry: JsonObject) -> JsonObject:
    """A JSON-Patch operation as the update body it amounts to."""
    if not isinstance(operation, dict) or operation.get("op") not in ("add", "remove", "replace"):
        raise ApiError(400, "Invalid operation")
    field = str(operation.get("path", "")).lstrip("/")
    if field not in _PATCHABLE:
        raise ApiError(400, f"Invalid path: {operation.get('path')}")
    value = operation.get("value")
    if field in ("tags", "tag_ids") and operation["op"] != "replace":
        return {field: value, "tag_action": "add" if operation["op"] == "add" else "delete"}
    return {field: None if operation["op"] == "remove" else value}


def not_allowed(call: Call) -> web.Response:
    raise ApiError(405, None, {"Allow": "POST"})


_WORKSPACE_ENTRIES = "/workspaces/(?P<workspace_id>[0-9]+)/time_entries"
PATHS: tuple[tuple[str, dict[str, Endpoint]], ...] = (
    ("/me/time_entries", {"GET": list_entries}),
    ("/me/time_entries/current", {"GET": current_entry}),
    ("/me/time_entries/(?P<time_entry_id>[0-9]+)", {"GET": get_entry}),
    (_WORKSPACE_ENTRIES, {"POST": create_entry, "GET": not_allowed}),
    (
        _WORKSPACE_ENTRIES + "/(?P<time_entry_ids>[0-9]+(?:,[0-9]+)+)",
        {"PATCH": bulk_edit},
    ),
    (
        _WORKSPACE_ENTRIES + "/(?P<time_entry_id>[0-9]+)",
        {"PUT": update_entry, "DELETE": delete_entry, "PATCH": bulk_edit},
    ),
    (_WORKSPACE_ENTRIES + "/(?P<time_entry_id>[0-9]+)/stop", {"PATCH": stop_entry}),
)
