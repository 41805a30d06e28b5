"""The 7 task endpoints: a project's tasks, and the paged list of a workspace's tasks."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from ._data import JsonObject
from ._endpoints import ApiError, Call, Endpoint, _flag, empty_response, json_response
from ._workspaces import (
    WORKSPACE,
    active_filter,
    bulk_edit,
    find,
    next_id,
    page_of,
    require_object,
    workspace_of,
)

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 1000
_WRITABLE = ("name", "active", "estimated_seconds", "user_id", "external_reference")
_INVALID_PROJECT = ApiError(400, "Invalid project_id")
_INVALID_TASK = ApiError(400, "Invalid task_id")
_ARCHIVED = "Project not found/accessible, Can not change tasks of archived project"


def _live_tasks(call: Call, workspace: JsonObject) -> list[JsonObject]:
    return [
        task
        for task in call.account.tasks
        if task["workspace_id"] == workspace["id"] and task["server_deleted_at"] is None
    ]


def _project(call: Call) -> tuple[JsonObject, JsonObject, list[JsonObject]]:
    """The workspace, the project of the path, and the project's tasks."""
    workspace = workspace_of(call)
    projects = [
        project
        for project in call.account.projects
        if project["workspace_id"] == workspace["id"] and project["server_deleted_at"] is None
    ]
    project = find(projects, call.params["project_id"], _INVALID_PROJECT)
    tasks = [task for task in _live_tasks(call, workspace) if task["project_id"] == project["id"]]
    return workspace, project, tasks


def _fields(data: Any) -> JsonObject:
    data = require_object(data)
    if "name" in data and not (isinstance(data["name"], str) and data["name"].strip()):
        raise ApiError(400, "Task name can't be blank")
    return {key: data[key] for key in _WRITABLE if key in data}


def get_project_tasks(call: Call) -> web.Response:
    tasks = _project(call)[2]
    only_active = _flag(call.query, "active")
    return json_response([task for task in tasks if task["active"] or not only_active])


def post_task(call: Call) -> web.Response:
    workspace, project, _ = _project(call)
    if not project["active"]:
        raise ApiError(400, _ARCHIVED)
    fields = _fields(call.json)
    if "name" not in fields:
        raise ApiError(400, "Task name can't be blank")
    task: JsonObject = {
        "id": next_id(call, "tasks"), "name": "", "workspace_id": workspace["id"],
        "project_id": project["id"], "user_id": None, "recurring": False, "active": True,
        "at": call.world.clock.tick()[0], "server_deleted_at": None,
        "estimated_seconds": None, "tracked_seconds": 0, "rate": None,
        "rate_last_updated": None, "toggl_accounts_id": None, "permissions": None,
        "integration_provider": None, "integration_ext_id": None,
        "integration_ext_type": None, **fields,
    }
    call.account.tasks.append(task)
    return json_response(task)


def get_task(call: Call) -> web.Response:
    return json_response(find(_project(call)[2], call.params["task_id"], _INVALID_TASK))


def put_task(call: Call) -> web.Response:
    task = find(_project(call)[2], call.params["task_id"], _INVALID_TASK)
    task.update(_fields(call.json))
    task["at"] = call.world.clock.tick()[0]
    return json_response(task)


def delete_task(call: Call) -> web.Response:
    task = find(_project(call)[2], call.params["task_id"], _INVALID_TASK)
    task["at"] = task["server_deleted_at"] = call.world.clock.tick()[0]
    return empty_response()


def _patch_one(task: JsonObject, field: str, value: Any) -> str | None:
    if field not in _WRITABLE:
        return f"Field {field} cannot be changed"
    if field == "name" and not (isinstance(value, str) and value.strip()):
        return "Task name can't be blank"
    task[field] = value
    return None


def patch_tasks(call: Call) -> web.Response:
    tasks = _project(call)[2]
    ids = call.params.get("ids") or call.params["task_id"]
    return bulk_edit(call, ids, tasks, "Task not found", _patch_one)


def get_workspace_tasks(call: Call) -> web.Response:
    workspace, query = workspace_of(call), call.query
    active = active_filter(query)
    project_id = query.get("pid")
    search = query.get("search", "").casefold()
    sort_field = query.get("sort_field", "name")
    if sort_field not in ("name", "created_at"):
        raise ApiError(400, "Invalid sort_field")
    tasks = [
        task
        for task in _live_tasks(call, workspace)
        if active(task)
        and (project_id is None or str(task["project_id"]) == project_id)
        and search in task["name"].casefold()
    ]
    # No created_at on tasks: the ids ascend in creation order.
    tasks.sort(key=lambda t: (t["name"].casefold(), t["id"]) if sort_field == "name" else t["id"])
    sort_order = query.get("sort_order", "ASC")
    if sort_order.upper() == "DESC":
        tasks.reverse()
    page, number, per_page = page_of(tasks, query, DEFAULT_PER_PAGE, MAX_PER_PAGE)
    return json_response({
        "data": page, "page": number, "per_page": per_page, "sort_field": sort_field,
        "sort_order": sort_order, "total_count": len(tasks),
    })


TASKS = WORKSPACE + "/projects/(?P<project_id>[0-9]+)/tasks"
PATHS: tuple[tuple[str, dict[str, Endpoint]], ...] = (
    (TASKS, {"GET": get_project_tasks, "POST": post_task}),
    (TASKS + "/(?P<task_id>[0-9]+)",
     {"GET": get_task, "PUT": put_task, "DELETE": delete_task, "PATCH": patch_tasks}),
    (TASKS + "/(?P<ids>[0-9]+(,[0-9]+)+)", {"PATCH": patch_tasks}),
    (WORKSPACE + "/tasks", {"GET": get_workspace_tasks}),
)
