"""The 6 project endpoints of /workspaces/{id}/projects, on the account's project list."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from aiohttp import web

from ._data import BASE_TIME, JsonObject
from ._endpoints import ApiError, Call, Endpoint, _flag, json_response
from ._workspaces import (
    PREMIUM_ONLY,
    WORKSPACE,
    active_filter,
    bulk_edit,
    find,
    id_list,
    in_workspace,
    next_id,
    page_of,
    require_object,
    workspace_of,
)

DEFAULT_PER_PAGE = 151
MAX_PER_PAGE = 200
# The colours a free workspace may pick from (any other is a premium feature).
FREE_COLORS = frozenset({
    "#0b83d9", "#9e5bd9", "#d94182", "#e36a00", "#bf7000", "#2da608", "#06a893", "#c9806b",
    "#465bb3", "#990099", "#c7af14", "#566614", "#d92b2b", "#525266",
})
_COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")
_INVALID_ID = ApiError(400, "Invalid project_id")
_WRITABLE = (
    "name", "active", "client_id", "color", "is_private", "is_shared", "billable",
    "auto_estimates", "estimated_hours", "rate", "fixed_fee", "currency", "start_date",
    "end_date", "recurring", "template", "template_id", "external_reference",
)
_PREMIUM = frozenset({"billable", "auto_estimates", "rate", "fixed_fee", "currency",
                      "estimated_hours", "recurring", "template"})
_TE_DELETION_MODES = ("delete", "unassign")


def _live(call: Call, workspace: JsonObject) -> list[JsonObject]:
    return [
        project
        for project in in_workspace(call.account.projects, workspace, "workspace_id")
        if project["server_deleted_at"] is None
    ]


def _project(call: Call) -> tuple[JsonObject, JsonObject]:
    workspace = workspace_of(call)
    return workspace, find(_live(call, workspace), call.params["project_id"], _INVALID_ID)


def _check(call: Call, workspace: JsonObject, data: JsonObject) -> JsonObject:
    """The writable fields of a project body, checked as the service does."""
    if workspace["only_admins_may_create_projects"] and not workspace["admin"]:
        raise ApiError(403, "Only admins may create projects in this workspace")
    if data.get("is_private") is False and workspace["projects_private_by_default"] and not (
        workspace["admin"]
    ):
        raise ApiError(403, "Only admins may create public projects")
    color = data.get("color")
    if color is not None and not _COLOR_RE.fullmatch(str(color)):
        raise ApiError(400, "Project color must be a hex color: #[0-9a-f]{6}")
    if not workspace["premium"]:
        if color is not None and color.lower() not in FREE_COLORS:
            raise ApiError(402, f"Custom project colors {PREMIUM_ONLY}")
        premium = sorted(_PREMIUM.intersection(key for key, v in data.items() if v))
        if premium:
            raise ApiError(402, f"Project fields {premium} are {PREMIUM_ONLY}")
    client_id = data.get("client_id")
    if client_id is not None and not any(
        client["id"] == client_id and client["wid"] == workspace["id"]
        for client in call.account.clients
    ):
        raise ApiError(400, "Client ID does not belong to the workspace")
    if "name" in data and not (isinstance(data["name"], str) and data["name"].strip()):
        raise ApiError(400, "Project name must not be empty")
    return {key: data[key] for key in _WRITABLE if key in data}


def _apply(project: JsonObject, changes: JsonObject) -> None:
    project.update(changes)
    project["wid"], project["cid"] = project["workspace_id"], project["client_id"]
    if "active" in changes and project["status"] in ("active", "archived"):
        project["status"] = "active" if project["active"] else "archived"


def get_projects(call: Call) -> web.Response:
    workspace, query = workspace_of(call), call.query
    active = active_filter(query)
    filters = {
        "client_id": id_list(query, "client_ids"),
        "id": id_list(query, "project_ids"),
    }
    for name in ("user_ids", "group_ids"):
        id_list(query, name)  # checked; the fake has no project members or groups
    statuses = set(query["statuses"].split(",")) if "statuses" in query else None
    billable = _flag(query, "billable") if "billable" in query else None
    name = query.get("name", "").casefold()
    search = query.get("search", "").casefold()
    projects = [
        project
        for project in _live(call, workspace)
        if active(project)
        and all(ids is None or project[key] in ids for key, ids in filters.items())
        and (statuses is None or project["status"] in statuses)
        and (billable is None or bool(project["billable"]) == billable)
        and name in project["name"].casefold()
        and search in project["name"].casefold()
        and (not _flag(query, "only_templates") or project["template"])
    ]
    projects.sort(key=lambda project: (project["name"].casefold(), project["id"]))
    if query.get("sort_order", "asc").lower() == "desc":
        projects.reverse()
    page, number, per_page = page_of(projects, query, DEFAULT_PER_PAGE, MAX_PER_PAGE)
    response = json_response(page)
    response.headers.update({
        "X-Page": str(number), "X-Page-Size": str(per_page),
        "X-Sort-Field": query.get("sort_field", "project_name"),
        "X-Sort-Order": query.get("sort_order", "asc"),
    })
    return response


def post_project(call: Call) -> web.Response:
    workspace = workspace_of(call)
    data = require_object(call.json)
    if "name" not in data:
        raise ApiError(400, "Project name must not be empty")
    changes = _check(call, workspace, data)
    at, created_at = call.world.clock.tick()
    project: JsonObject = {
        "id": next_id(call, "projects"), "workspace_id": workspace["id"], "client_id": None,
        "name": "", "is_private": workspace["projects_private_by_default"],
        # The service's quirk: a project created without "active" is archived.
        "active": False, "at": at, "created_at": created_at, "server_deleted_at": None,
        "color": "#0b83d9", "billable": None, "template": None, "auto_estimates": None,
        "estimated_hours": None, "estimated_seconds": None, "rate": None,
        "rate_last_updated": None, "currency": None, "recurring": False,
        "template_id": None, "recurring_parameters": None, "fixed_fee": None,
        "actual_hours": None, "actual_seconds": None,
        "start_date": date(BASE_TIME.year, BASE_TIME.month, BASE_TIME.day).isoformat(),
        "status": "archived", "wid": None, "cid": None, "pinned": False,
        "can_track_time": True, "is_shared": False, "permissions": None,
        "integration_provider": None, "integration_ext_id": None,
        "integration_ext_type": None,
    }
    _apply(project, changes)
    project["status"] = "active" if project["active"] else "archived"
    call.account.projects.append(project)
    # As recorded: the answer to a create has neither created_at nor status.
    return json_response({k: v for k, v in project.items() if k not in ("created_at", "status")})


def get_project(call: Call) -> web.Response:
    return json_response(_project(call)[1])


def put_project(call: Call) -> web.Response:
    workspace, project = _project(call)
    changes = _check(call, workspace, require_object(call.json))
    _apply(project, changes)
    project["at"] = call.world.clock.tick()[0]
    return json_response(project)


def delete_project(call: Call) -> web.Response:
    _, project = _project(call)
    mode = call.query.get("teDeletionMode")
    if mode is not None and mode not in _TE_DELETION_MODES:
        raise ApiError(400, "Invalid teDeletionMode")
    entries = call.account.time_entries
    if mode == "delete":
        entries[:] = [entry for entry in entries if entry["project_id"] != project["id"]]
    elif mode == "unassign":
        for entry in entries:
            if entry["project_id"] == project["id"]:
                entry.update(project_id=None, pid=None, task_id=None, tid=None)
    project["at"] = project["server_deleted_at"] = call.world.clock.tick()[0]
    project["status"] = "deleted"
    return json_response(project["id"])


def _patch_one(project: JsonObject, field: str, value: Any) -> str | None:
    if field not in _WRITABLE:
        return f"Field {field} cannot be changed"
    if field == "color" and not (isinstance(value, str) and _COLOR_RE.fullmatch(value)):
        return "Project color must be a hex color: #[0-9a-f]{6}"
    _apply(project, {field: value})
    return None


def patch_projects(call: Call) -> web.Response:
    workspace = workspace_of(call)
    ids = call.params.get("ids") or call.params["project_id"]
    return bulk_edit(call, ids, _live(call, workspace), "Project not found", _patch_one)


PROJECTS = WORKSPACE + "/projects"
PATHS: tuple[tuple[str, dict[str, Endpoint]], ...] = (
    (PROJECTS, {"GET": get_projects, "POST": post_project}),
    (PROJECTS + "/(?P<project_id>[0-9]+)",
     {"GET": get_project, "PUT": put_project, "DELETE": delete_project,
      "PATCH": patch_projects}),
    (PROJECTS + "/(?P<ids>[0-9]+(,[0-9]+)+)", {"PATCH": patch_projects}),
)
