"""The task endpoints: a project's tasks, and every task of a workspace."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Literal

from .. import _params as p
from .._constants import TASKS_WORKSPACE_PAGE_SIZE
from .._typing import Unpack
from ..models import (
    BulkEditOperation,
    BulkEditResult,
    Task,
    TaskCreateFields,
    TaskFields,
    TasksPage,
    TaskUpdate,
)
from ._base import Resource, patch_body, workspace_path
from .projects import Active

TaskSortField = Literal["name", "created_at"]
_SORT_FIELDS: tuple[TaskSortField, ...] = ("name", "created_at")
# The filters of GET /workspaces/{id}/tasks and how each is checked and written.
_WORKSPACE_FILTERS: dict[str, p.Converter] = {
    "active": p.flag_or_both,
    "project_id": p.optional_id,
    "since": p.since,
    "start_date": p.iso_date,
    "end_date": p.iso_date,
    "search": p.text,
    "sort_field": lambda value, name: p.optional_choice(value, name, _SORT_FIELDS),
    "sort_order": p.text,
}
_WORKSPACE_WIRE_NAMES = {"project_id": "pid"}


class TasksResource(Resource):
    """``toggl.tasks``: the tasks of a workspace's projects, read and written."""

    __slots__ = ()

    async def list(
        self, workspace_id: int, project_id: int, *, active: bool | None = None
    ) -> builtins.list[Task]:
        """GET /workspaces/{workspace_id}/projects/{project_id}/tasks: the project's tasks;
        with ``active=True`` only those not done."""
        params = p.query(active=p.flag(active, "active"))
        return await self._transport.request(
            "GET", _path(workspace_id, project_id), builtins.list[Task], params=params
        )

    async def get(self, workspace_id: int, project_id: int, task_id: int) -> Task:
        """GET /workspaces/{workspace_id}/projects/{project_id}/tasks/{task_id}."""
        return await self._transport.request(
            "GET", _path(workspace_id, project_id, task_id), Task
        )

    async def create(
        self,
        workspace_id: int,
        project_id: int,
        *,
        name: str,
        **fields: Unpack[TaskCreateFields],
    ) -> Task:
        """POST /workspaces/{workspace_id}/projects/{project_id}/tasks: a new task
        (``active``, ``estimated_seconds``, ``user_id``, ``external_reference``)."""
        body = p.encode_update(TaskUpdate, {"name": name, **fields}, call="tasks.create()")
        return await self._transport.request(
            "POST", _path(workspace_id, project_id), Task, body=body
        )

    async def update(
        self,
        workspace_id: int,
        project_id: int,
        task_id: int,
        **fields: Unpack[TaskFields],
    ) -> Task:
        """PUT /workspaces/{workspace_id}/projects/{project_id}/tasks/{task_id}: change the
        named fields (``TaskFields``), and only those; ``active=False`` marks it done."""
        body = p.encode_update(TaskUpdate, fields, call="tasks.update()")
        return await self._transport.request(
            "PUT", _path(workspace_id, project_id, task_id), Task, body=body
        )

    async def patch(
        self,
        workspace_id: int,
        project_id: int,
        task_ids: Iterable[int],
        operations: Sequence[BulkEditOperation],
    ) -> BulkEditResult:
        """PATCH /workspaces/{workspace_id}/projects/{project_id}/tasks/{task_ids}: apply
        ``operations`` to each task; each id succeeds or fails on its own."""
        ids = p.id_list(task_ids, "task_ids") or ""
        body = patch_body(operations, "tasks.patch()")
        path = _path(workspace_id, project_id) + "/" + ids
        return await self._transport.request("PATCH", path, BulkEditResult, body=body)

    async def delete(self, workspace_id: int, project_id: int, task_id: int) -> None:
        """DELETE /workspaces/{workspace_id}/projects/{project_id}/tasks/{task_id}."""
        await self._transport.request("DELETE", _path(workspace_id, project_id, task_id), None)

    async def list_workspace(
        self,
        workspace_id: int,
        *,
        active: Active = None,
        project_id: int | None = None,
        since: int | datetime | date | None = None,
        start_date: date | None = None,
        end_date: date | None = None,
        search: str | None = None,
        sort_field: TaskSortField | None = None,
        sort_order: str | None = None,
        page: int | None = None,
        per_page: int | None = None,
    ) -> TasksPage:
        """GET /workspaces/{workspace_id}/tasks: one page of the workspace's tasks (50
        unless ``per_page`` says) and their ``total_count``. ``active``: True, False or
        "both"; ``project_id`` keeps one project's. ``iter_workspace`` walks every page."""
        params = _workspace_query({
            "active": active, "project_id": project_id, "since": since,
            "start_date": start_date, "end_date": end_date, "search": search,
            "sort_field": sort_field, "sort_order": sort_order,
        }, "tasks.list_workspace()")
        params.update(p.query(
            page=p.optional_id(page, "page"), per_page=p.optional_id(per_page, "per_page")
        ))
        path = workspace_path(workspace_id, "tasks")
        return await self._transport.request("GET", path, TasksPage, params=params)

    def iter_workspace(
        self, workspace_id: int, *, per_page: int = TASKS_WORKSPACE_PAGE_SIZE, **filters: Any
    ) -> AsyncIterator[Task]:
        """Every task ``list_workspace`` would find with these filters, fetched ``per_page``
        at a time as the iteration reaches them; stopping early fetches nothing more."""
        path = workspace_path(workspace_id, "tasks")
        # Checked now, before any request.
        params = _workspace_query(filters, "tasks.iter_workspace()")
        params["per_page"] = str(p.identifier(per_page, "per_page"))
        return self._workspace_pages(path, per_page, params)

    async def _workspace_pages(
        self, path: str, per_page: int, params: dict[str, str]
    ) -> AsyncIterator[Task]:
        page, seen = 1, 0
        while True:
            answer = await self._transport.request(
                "GET", path, TasksPage, params={**params, "page": str(page)}
            )
            tasks = answer.data or ()
            for task in tasks:
                yield task
            seen += len(tasks)
            # The total says when to stop, even should the service send smaller pages than
            # asked for; without it, a short page is the last.
            total = answer.total_count
            if not tasks or (seen >= total if total is not None else len(tasks) < per_page):
                return
            page += 1


def _workspace_query(filters: dict[str, Any], call: str) -> dict[str, str]:
    return p.checked_query(
        _WORKSPACE_FILTERS, filters, call=call, wire_names=_WORKSPACE_WIRE_NAMES
    )


def _path(workspace_id: int, project_id: int, task_id: int | None = None) -> str:
    parts: builtins.list[str | int] = ["projects", p.identifier(project_id, "project_id"), "tasks"]
    if task_id is not None:
        parts.append(p.identifier(task_id, "task_id"))
    return workspace_path(workspace_id, *parts)
