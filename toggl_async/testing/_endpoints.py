"""The 20 endpoints of the /me and preferences API pages, answered from FakeAccount state.

Endpoints are plain functions of a :class:`Call`; transport concerns (auth, limits, faults,
latency) live in ``_app``. Errors are raised as :class:`ApiError` and, like the real
service's, sent as JSON-encoded strings.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from aiohttp import web

from ._data import (
    ALPHA_FEATURES,
    DATE_FORMATS,
    PREFERENCE_DEFAULTS,
    TIMEOFDAY_FORMATS,
    WORKSPACE_PREFERENCE_DEFAULTS,
    Clock,
    FakeAccount,
    JsonObject,
    timestamp_to_unix,
)

NO_ACCESS = "User does not have access to this resource"
DEFAULT_PROJECTS_PER_PAGE = 201
PREFERENCE_CLIENTS = ("desktop", "web")
_WRITABLE_WORKSPACE_PREFERENCES = frozenset(WORKSPACE_PREFERENCE_DEFAULTS) - {"logo"}
_DIGITS_RE = re.compile(r"[0-9]+")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_TIMEZONE_RE = re.compile(r"UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+)+")
_WEB_TIMER_ENTRIES = 10


@dataclass
class World:
    """State shared by all accounts of one fake."""

    accounts: list[FakeAccount]
    clock: Clock


@dataclass
class Call:
    """An authenticated request, as an endpoint sees it."""

    account: FakeAccount
    world: World
    query: Mapping[str, str]
    params: dict[str, str]
    json: Any


class ApiError(Exception):
    """An error answer: a JSON-encoded string body, or an empty one when ``message`` is None."""

    def __init__(
        self, status: int, message: str | None, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})

    def response(self) -> web.Response:
        if self.message is None:
            return web.Response(status=self.status, headers=self.headers)
        response = json_response(self.message, self.status)
        response.headers.update(self.headers)
        return response


def json_bytes(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def json_response(payload: Any, status: int = 200) -> web.Response:
    return web.Response(
        status=status, body=json_bytes(payload), content_type="application/json", charset="utf-8"
    )


def empty_response() -> web.Response:
    return web.Response(status=200)


# -- query parameters -------------------------------------------------------------------
def _flag(query: Mapping[str, str], name: str) -> bool:
    value = query.get(name)
    if value not in (None, "true", "false"):
        raise ApiError(400, f"Invalid {name}")
    return value == "true"


def _integer(query: Mapping[str, str], name: str, minimum: int = 0) -> int | None:
    """A non-negative integer parameter (at least ``minimum``), None when absent."""
    value = query.get(name)
    if value is None:
        return None
    number = int(value) if _DIGITS_RE.fullmatch(value) else -1
    if number < minimum:
        raise ApiError(400, f"Invalid {name}")
    return number


def _live(items: list[JsonObject], deletion_key: str) -> list[JsonObject]:
    return [item for item in items if item.get(deletion_key) is None]


def _synced(items: list[JsonObject], query: Mapping[str, str], deletion_key: str) -> list[Any]:
    """Live items; with ``since``, everything changed since then, deleted ones included."""
    since = _integer(query, "since")
    if since is None:
        return _live(items, deletion_key)
    return [item for item in items if timestamp_to_unix(item["at"]) >= since]


def _pick(item: JsonObject, keys: tuple[str, ...]) -> JsonObject:
    return {key: item.get(key) for key in keys}


Endpoint = Callable[[Call], web.Response]


# -- /me ----------------------------------------------------------------------------------
def get_me(call: Call) -> web.Response:
    body = dict(call.account.user)
    if call.query.get("with_related_data") == "true":
        account = call.account
        related = {
            "clients": _live(account.clients, "server_deleted_at"),
            "projects": _live(account.projects, "server_deleted_at"),
            "tags": _live(account.tags, "deleted_at"),
            "tasks": account.tasks,
            "time_entries": account.time_entries,
            "workspaces": account.workspaces,
        }
        # The real service leaves out a key whose list would be empty.
        body.update({key: items for key, items in related.items() if items})
    return json_response(body)


@functools.cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _is_timezone(name: str) -> bool:
    # Without a tz database (e.g. Windows without tzdata) fall back to the Area/City shape.
    known = _timezones()
    return name in known if known else _TIMEZONE_RE.fullmatch(name) is not None


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


# PUT /me fields, in the order they are checked; a failing check answers "Invalid <field>".
_USER_FIELD_CHECKS: dict[str, Callable[[Any, Call], bool]] = {
    "beginning_of_week": lambda value, _: _is_int(value) and 0 <= value <= 6,
    "country_id": lambda value, _: _is_int(value) and value > 0,
    "default_workspace_id": lambda value, call: value in call.account.workspace_ids,
    "email": lambda value, _: isinstance(value, str) and bool(_EMAIL_RE.fullmatch(value)),
    "fullname": lambda value, _: isinstance(value, str) and bool(value.strip()),
    "timezone": lambda value, _: isinstance(value, str) and _is_timezone(value),
}


def _new_password(data: JsonObject, account: FakeAccount) -> str | None:
    if "password" not in data:
        return None
    if data.get("current_password") is None:
        raise ApiError(400, "Current password must be present to change password")
    if data["current_password"] != account.password:
        raise ApiError(400, "Current password is not valid")
    password = data["password"]
    if not isinstance(password, str) or len(password) < 6:
        raise ApiError(400, "Password should be at least 6 characters")
    return password


def put_me(call: Call) -> web.Response:
    data = call.json
    if not isinstance(data, dict):
        raise ApiError(400, "Missing data")
    changes = {key: data[key] for key in _USER_FIELD_CHECKS if key in data}
    for key, value in changes.items():
        if not _USER_FIELD_CHECKS[key](value, call):
            raise ApiError(400, f"Invalid {key}")
    if "email" in changes and any(
        other is not call.account and other.email.lower() == changes["email"].lower()
        for other in call.world.accounts
    ):
        raise ApiError(400, "user with this email already exists")
    password = _new_password(data, call.account)
    user = call.account.user
    user.update(changes)
    if password is not None:
        call.account.password = password
        user["has_password"] = True
    if changes or password is not None:
        user["updated_at"], user["at"] = call.world.clock.tick()
    return json_response(user)


def get_logged(call: Call) -> web.Response:
    return empty_response()


def get_location(call: Call) -> web.Response:
    location = call.account.location
    return json_response(location) if location else empty_response()


def _list_endpoint(attribute: str, deletion_key: str | None = None) -> Endpoint:
    """GET of one of the account's lists; with a deletion key it also honours ``since``."""

    def endpoint(call: Call) -> web.Response:
        items: list[JsonObject] = getattr(call.account, attribute)
        if deletion_key is not None:
            items = _synced(items, call.query, deletion_key)
        return json_response(items)

    return endpoint


def get_projects(call: Call) -> web.Response:
    include_archived = _flag(call.query, "include_archived")
    projects = [
        project
        for project in _synced(call.account.projects, call.query, "server_deleted_at")
        if include_archived or project["active"] or project["server_deleted_at"] is not None
    ]
    return json_response(projects)


def get_projects_paginated(call: Call) -> web.Response:
    start = _integer(call.query, "start_project_id") or 0
    per_page = _integer(call.query, "per_page", minimum=1) or DEFAULT_PROJECTS_PER_PAGE
    projects = [
        project
        for project in _synced(call.account.projects, call.query, "server_deleted_at")
        if project["id"] >= start
    ]
    return json_response(projects[:per_page])


def get_tasks(call: Call) -> web.Response:
    query, account = call.query, call.account
    include_not_active = _flag(query, "include_not_active")
    offset = _integer(query, "offset") or 0
    per_page = _integer(query, "per_page", minimum=1)
    search = query.get("search", "").casefold()
    projects = {project["id"]: project for project in account.projects}
    clients = {client["id"]: client for client in account.clients}

    def meta(task: JsonObject) -> JsonObject:
        project = projects[task["project_id"]]
        client = clients.get(project["client_id"])
        return {
            "project_name": project["name"],
            "project_color": project["color"],
            "project_billable": project["billable"],
            "client_name": client["name"] if client else None,
        }

    def found(task: JsonObject) -> bool:
        names = (task["name"], *_pick(meta(task), ("project_name", "client_name")).values())
        return any(search in (name or "").casefold() for name in names)

    tasks = [
        task
        for task in _synced(account.tasks, query, "server_deleted_at")
        if (include_not_active or task["active"]) and (not search or found(task))
    ]
    page = tasks[offset : None if per_page is None else offset + per_page]
    if query.get("meta") == "true":
        page = [task | meta(task) for task in page]
    return json_response(page)


def get_web_timer(call: Call) -> web.Response:
    account = call.account
    entries = account.time_entries[-_WEB_TIMER_ENTRIES:]

    def referenced(items: list[JsonObject], ids: set[Any], keys: tuple[str, ...]) -> Any:
        picked = [_pick(item, keys) for item in items if item["id"] in ids]
        return picked or None  # null, not [], when nothing is referenced

    project_ids = {entry["project_id"] for entry in entries}
    projects = [project for project in account.projects if project["id"] in project_ids]
    return json_response(
        {
            "clients": referenced(
                account.clients,
                {p["client_id"] for p in projects},
                ("id", "name", "archived", "wid"),
            ),
            "projects": referenced(
                account.projects,
                project_ids,
                ("id", "name", "color", "active", "billable", "client_id", "workspace_id"),
            ),
            "tags": referenced(
                account.tags,
                {tag_id for entry in entries for tag_id in entry["tag_ids"] or ()},
                ("id", "name", "workspace_id"),
            ),
            "tasks": referenced(
                account.tasks,
                {entry["task_id"] for entry in entries},
                ("id", "name", "project_id", "active", "workspace_id"),
            ),
            "time_entries": [
                {
                    "id": entry["id"],
                    "utc_start": entry["start"],
                    "utc_stop": entry["stop"],
                    "duration_in_seconds": entry["duration"],
                    "updated_at": entry["at"],
                    "project_id": entry["project_id"],
                    "task_id": entry["task_id"],
                    "tag_ids": entry["tag_ids"] or [],
                    "workspace_id": entry["workspace_id"],
                    "user_id": entry["user_id"],
                    "description": entry["description"] or "",
                    "billable": entry["billable"],
                }
                for entry in entries
            ],
        }
    )


# -- preferences --------------------------------------------------------------------------
_CHOICES = {"date_format": DATE_FORMATS, "timeofday_format": TIMEOFDAY_FORMATS}
_FEATURE_IDS_BY_CODE = {code: feature_id for feature_id, code, _ in ALPHA_FEATURES}
_FEATURE_ID = "alpha_feature_id"


def _preference_client(call: Call) -> str | None:
    client = call.params.get("client")
    if client is not None and client not in PREFERENCE_CLIENTS:
        raise ApiError(400, "Unknown client.")
    return client


def _feature_switches(value: Any) -> dict[int, bool]:
    """alpha_feature_id -> enabled, from a list of {"code" or "alpha_feature_id", "enabled"}."""
    invalid = ApiError(400, "Invalid feature code(s)")
    if not isinstance(value, list):
        raise invalid
    switches: dict[int, bool] = {}
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("enabled"), bool):
            raise invalid
        code = item.get("code")
        feature_id = (
            _FEATURE_IDS_BY_CODE.get(code) if isinstance(code, str) else item.get(_FEATURE_ID)
        )
        if not _is_int(feature_id) or feature_id not in _FEATURE_IDS_BY_CODE.values():
            raise invalid
        switches[feature_id] = item["enabled"]
    return switches


def get_preferences(call: Call) -> web.Response:
    client = _preference_client(call)
    account = call.account
    if client is None:
        return json_response(account.preferences)
    return json_response(account.client_preferences.get(client, account.preferences))


def post_preferences(call: Call) -> web.Response:
    client = _preference_client(call)
    data = call.json
    if not isinstance(data, dict) or not data:
        raise ApiError(400, "Missing data")
    if "toSAcceptNeeded" in data:
        raise ApiError(400, "Cannot set value for ToSAcceptNeeded")
    for key, allowed in _CHOICES.items():
        if key in data and data[key] not in allowed:
            raise ApiError(400, f"Value in {key} is invalid")
    switches = _feature_switches(data.get("alpha_features", []))
    account = call.account
    target = account.preferences
    if client is not None:
        # A client's preferences start as a copy of the user's, then go their own way.
        target = account.client_preferences.setdefault(client, copy.deepcopy(target))
    target.update({key: value for key, value in data.items() if key in PREFERENCE_DEFAULTS})
    for feature in target.get("alpha_features", []):
        feature["enabled"] = switches.get(feature[_FEATURE_ID], feature["enabled"])
    return empty_response()


def _workspace(call: Call) -> JsonObject:
    workspace_id = int(call.params["workspace_id"])
    for workspace in call.account.workspaces:
        if workspace["id"] == workspace_id:
            return workspace
    if any(workspace_id in other.workspace_ids for other in call.world.accounts):
        raise ApiError(403, NO_ACCESS)
    raise ApiError(400, "Workspace not found")


def get_workspace_preferences(call: Call) -> web.Response:
    workspace = _workspace(call)
    return json_response(call.account.workspace_preferences[workspace["id"]])


def post_workspace_preferences(call: Call) -> web.Response:
    workspace = _workspace(call)
    if not workspace["admin"]:
        raise ApiError(400, "Admin permissions required")
    data = call.json
    if not isinstance(data, dict):
        raise ApiError(400, "Missing data")
    if not _WRITABLE_WORKSPACE_PREFERENCES.issuperset(data):
        raise ApiError(400, "The field is not writable")
    preferences = call.account.workspace_preferences[workspace["id"]]
    preferences.update(data)
    if "hide_start_end_times" in data:  # the workspace object shows the same setting
        workspace["hide_start_end_times"] = data["hide_start_end_times"]
    return json_response(preferences)


# -- routing ------------------------------------------------------------------------------
_PREFERENCES: dict[str, Endpoint] = {"GET": get_preferences, "POST": post_preferences}
PATHS: tuple[tuple[str, dict[str, Endpoint]], ...] = (
    ("/me", {"GET": get_me, "PUT": put_me}),
    ("/me/clients", {"GET": _list_endpoint("clients", "server_deleted_at")}),
    ("/me/features", {"GET": _list_endpoint("features")}),
    ("/me/location", {"GET": get_location}),
    ("/me/logged", {"GET": get_logged}),
    ("/me/organizations", {"GET": _list_endpoint("organizations")}),
    ("/me/projects", {"GET": get_projects}),
    ("/me/projects/paginated", {"GET": get_projects_paginated}),
    ("/me/tags", {"GET": _list_endpoint("tags", "deleted_at")}),
    ("/me/tasks", {"GET": get_tasks}),
    ("/me/track_reminders", {"GET": _list_endpoint("track_reminders")}),
    ("/me/web-timer", {"GET": get_web_timer}),
    ("/me/workspaces", {"GET": _list_endpoint("workspaces", "server_deleted_at")}),
    ("/me/preferences", _PREFERENCES),
    ("/me/preferences/(?P<client>[^/]+)", _PREFERENCES),
    (
        "/workspaces/(?P<workspace_id>[0-9]+)/preferences",
        {"GET": get_workspace_preferences, "POST": post_workspace_preferences},
    ),
)
