"""GET/PUT /workspaces/{id} and its users, and what the workspace-entity routes share:
finding the workspace, new ids, list parameters, paging and bulk edits.

Projects, clients, tags and tasks live in the account's lists that /me reads, so a change
made here shows there too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from aiohttp import web

from ._data import JsonObject
from ._endpoints import ApiError, Call, Endpoint, _flag, _integer, _workspace, json_response

PREMIUM_ONLY = "available only for premium plans"
# The workspace of the path: 403 when another account's, 400 when nobody's.
workspace_of = _workspace
_ID_LIST_RE = re.compile(r"[0-9]+(,[0-9]+)*")
_WRITABLE = frozenset({
    "name", "default_currency", "default_hourly_rate", "limit_public_project_data",
    "only_admins_may_create_projects", "only_admins_may_create_tags",
    "only_admins_see_team_dashboard", "projects_billable_by_default",
    "projects_enforce_billable", "projects_private_by_default", "reports_collapse",
    "rounding", "rounding_minutes",
})
_PREMIUM_SETTINGS = frozenset({
    "default_currency", "default_hourly_rate", "projects_billable_by_default", "rounding",
    "rounding_minutes", "rate_change_mode",
})


def in_workspace(items: list[JsonObject], workspace: JsonObject, key: str) -> Iterator[JsonObject]:
    return (item for item in items if item[key] == workspace["id"])


def find(items: list[JsonObject], item_id: str, error: ApiError) -> JsonObject:
    for item in items:
        if str(item["id"]) == item_id:
            return item
    raise error


def next_id(call: Call, attribute: str) -> int:
    """An id above every id of that kind on the fake, as the service's ascending ids are."""
    return 1 + max(
        (item["id"] for account in call.world.accounts for item in getattr(account, attribute)),
        default=0,
    )


def id_list(query: Mapping[str, str], name: str) -> set[int] | None:
    """A list parameter as the service reads it: one comma-separated value. Repeated keys
    (``client_ids=1&client_ids=2``) or ``client_ids[]`` are refused, so a client sending
    another encoding notices."""
    getall = getattr(query, "getall", None)  # aiohttp's query keeps repeated keys
    values = getall(name, []) if getall else [query[name]] if name in query else []
    if f"{name}[]" in query or len(values) > 1:
        raise ApiError(400, f"Invalid {name}: give one comma-separated value")
    if not values:
        return None
    if not _ID_LIST_RE.fullmatch(values[0]):
        raise ApiError(400, f"Invalid {name}")
    return {int(value) for value in values[0].split(",")}


def active_filter(query: Mapping[str, str]) -> Callable[[JsonObject], bool]:
    """``active``: true, false or both (the default here: the docs do not say)."""
    if query.get("active", "both") == "both":
        return lambda item: True
    wanted = _flag(query, "active")
    return lambda item: bool(item["active"]) == wanted


def page_of(
    items: list[JsonObject], query: Mapping[str, str], default: int, maximum: int
) -> tuple[list[JsonObject], int, int]:
    """The page ``page`` (from 1) of ``per_page`` items, with both numbers."""
    page = _integer(query, "page", minimum=1) or 1
    per_page = min(_integer(query, "per_page", minimum=1) or default, maximum)
    return items[(page - 1) * per_page : page * per_page], page, per_page


def require_object(data: Any) -> JsonObject:
    if not isinstance(data, dict):
        raise ApiError(400, "Invalid JSON input")
    return data


def bulk_edit(
    call: Call,
    ids: str,
    items: list[JsonObject],
    missing: str,
    apply: Callable[[JsonObject, str, Any], str | None],
) -> web.Response:
    """PATCH {ids}: each operation on each item on its own (no rollback), answering
    ``{"success": [...], "failure": [{"id", "message"}]}``. ``apply`` returns an error
    message, or None once the change is made."""
    operations = call.json
    if not isinstance(operations, list) or not all(
        isinstance(op, dict) and op.get("op") in ("add", "remove", "replace")
        and isinstance(op.get("path"), str)
        for op in operations
    ):
        raise ApiError(400, "Invalid JSON input")
    by_id = {str(item["id"]): item for item in items}
    success, failure = [], []
    for item_id in ids.split(","):
        item = by_id.get(item_id)
        problem = missing if item is None else None
        if item is not None:
            for op in operations:
                value = None if op["op"] == "remove" else op.get("value")
                problem = apply(item, op["path"].lstrip("/"), value)
                if problem is not None:
                    break
        if item is not None and problem is None:
            item["at"] = call.world.clock.tick()[0]
            success.append(int(item_id))
        else:
            failure.append({"id": int(item_id), "message": problem})
    return json_response({"success": success, "failure": failure})


def get_workspace(call: Call) -> web.Response:
    return json_response(workspace_of(call))


def put_workspace(call: Call) -> web.Response:
    workspace = workspace_of(call)
    if not workspace["admin"]:
        raise ApiError(403, "User does not have access to this resource")
    data = require_object(call.json)
    if not workspace["premium"] and _PREMIUM_SETTINGS.intersection(data):
        raise ApiError(402, f"Workspace settings {sorted(_PREMIUM_SETTINGS & set(data))} "
                            f"are {PREMIUM_ONLY}")
    workspace.update({key: value for key, value in data.items() if key in _WRITABLE})
    workspace["at"] = call.world.clock.tick()[1]
    return json_response(workspace)


def get_workspace_users(call: Call) -> web.Response:
    workspace = workspace_of(call)
    members = [
        account for account in call.world.accounts if workspace["id"] in account.workspace_ids
    ]
    return json_response([
        {
            "id": account.user_id,
            "fullname": account.user["fullname"],
            "email": account.email,
            "is_active": True,
            "is_admin": account is call.account and bool(workspace["admin"]),
            "inactive": False,
        }
        for account in members
    ])


WORKSPACE = "/workspaces/(?P<workspace_id>[0-9]+)"
PATHS: tuple[tuple[str, dict[str, Endpoint]], ...] = (
    (WORKSPACE, {"GET": get_workspace, "PUT": put_workspace}),
    (WORKSPACE + "/users", {"GET": get_workspace_users}),
)
