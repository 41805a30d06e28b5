"""The /workspaces/{workspace_id}/projects endpoints.

List parameters that take several values (``user_ids``, ``client_ids``, ``statuses``, ...)
are sent as one comma-separated value (``client_ids=1,2``). The projects page leaves the
encoding undocumented; the official swagger describes the same service's list filters
(``client_ids``, ``project_ids``, ``task_ids`` of GET /workspaces/{id}/tasks/basic) as
"comma-separated", and the bulk-edit paths take comma-separated ids too.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Literal

from .. import _params as p
from .._constants import PROJECTS_MAX_PAGE_SIZE
from .._typing import Unpack
from ..models import (
    BulkEditOperation,
    BulkEditResult,
    Project,
    ProjectCreateFields,
    ProjectFields,
    ProjectUpdate,
)
from ._base import Resource, patch_body, workspace_path

TimeEntriesOnDelete = Literal["delete", "unassign"]
_ON_DELETE: tuple[TimeEntriesOnDelete, ...] = ("delete", "unassign")
Active = bool | Literal["both"] | None


# The filters of GET /workspaces/{id}/projects and how each is checked and written.
_FILTERS: dict[str, p.Converter] = {
    "active": p.flag_or_both,
    "since": p.since,
    "billable": p.flag,
    "user_ids": p.id_list,
    "client_ids": p.id_list,
    "group_ids": p.id_list,
    "project_ids": p.id_list,
    "statuses": p.text_list,
    "name": p.text,
    "search": p.text,
    "only_templates": p.flag,
    "only_me": p.flag,
    "only_editable": p.flag,
    "sort_field": p.text,
    "sort_order": p.text,
    "sort_pinned": p.flag,
}


class ProjectsResource(Resource):
    """``toggl.projects``: a workspace's projects, read and written."""

    __slots__ = ()

    async def list(
        self,
        workspace_id: int,
        *,
        active: Active = None,
        since: int | datetime | date | None = None,
        billable: bool | None = None,
        user_ids: Iterable[int] | None = None,
        client_ids: Iterable[int] | None = None,
        group_ids: Iterable[int] | None = None,
        project_ids: Iterable[int] | None = None,
        statuses: Iterable[str] | None = None,
        name: str | None = None,
        search: str | None = None,
        only_templates: bool | None = None,
        only_me: bool | None = None,
        only_editable: bool | None = None,
        sort_field: str | None = None,
        sort_order: str | None = None,
        sort_pinned: bool | None = None,
        page: int | None = None,
        per_page: int | None = None,
    ) -> builtins.list[Project]:
        """GET /workspaces/{workspace_id}/projects: one page of the workspace's projects
        (151 unless ``per_page`` says, at most 200). ``active``: True, False, or "both"
        for active and archived; ``statuses``: upcoming, active, ended, archived, deleted.
        ``iter`` walks every page."""
        filters = {
            "active": active, "since": since, "billable": billable, "user_ids": user_ids,
            "client_ids": client_ids, "group_ids": group_ids, "project_ids": project_ids,
            "statuses": statuses, "name": name, "search": search,
            "only_templates": only_templates, "only_me": only_me,
            "only_editable": only_editable, "sort_field": sort_field,
            "sort_order": sort_order, "sort_pinned": sort_pinned,
        }
        params = p.checked_query(_FILTERS, filters, call="projects.list()")
        params.update(p.query(
            page=p.optional_id(page, "page"),
            per_page=p.page_size(per_page, "per_page", PROJECTS_MAX_PAGE_SIZE),
        ))
        return await self._transport.request(
            "GET", workspace_path(workspace_id, "projects"), builtins.list[Project], params=params
        )

    def iter(
        self, workspace_id: int, *, per_page: int = PROJECTS_MAX_PAGE_SIZE, **filters: Any
    ) -> AsyncIterator[Project]:
        """Every project ``list`` would find with these filters, fetched ``per_page`` at a
        time as the iteration reaches them; stopping early fetches nothing more."""
        path = workspace_path(workspace_id, "projects")
        # Checked now, before any request.
        params = p.checked_query(_FILTERS, filters, call="projects.iter()")
        params["per_page"] = p.page_size(per_page, "per_page", PROJECTS_MAX_PAGE_SIZE) or ""
        return self._pages(path, per_page, params)

    async def _pages(
        self, path: str, per_page: int, params: dict[str, str]
    ) -> AsyncIterator[Project]:
        page = 1
        while True:
            projects = await self._transport.request(
                "GET", path, builtins.list[Project], params={**params, "page": str(page)}
            )
            for project in projects:
                yield project
            # No total is sent: a short page is the last one.
            if len(projects) < per_page:
                return
            page += 1

    async def get(self, workspace_id: int, project_id: int) -> Project:
        """GET /workspaces/{workspace_id}/projects/{project_id}."""
        path = workspace_path(workspace_id, "projects", p.identifier(project_id, "project_id"))
        return await self._transport.request("GET", path, Project)

    async def create(
        self,
        workspace_id: int,
        *,
        name: str,
        active: bool = True,
        **fields: Unpack[ProjectCreateFields],
    ) -> Project:
        """POST /workspaces/{workspace_id}/projects: a new project.

        ``fields`` are ``ProjectCreateFields`` (``client_id``, ``color="#0b83d9"``,
        ``is_private``, ``billable``, ``rate``, ``start_date``, ...). ``active`` is sent
        as True unless given: the service makes a project created without it archived.
        """
        body = p.encode_update(
            ProjectUpdate, {"name": name, "active": active, **fields}, call="projects.create()"
        )
        path = workspace_path(workspace_id, "projects")
        return await self._transport.request("POST", path, Project, body=body)

    async def update(
        self, workspace_id: int, project_id: int, **fields: Unpack[ProjectFields]
    ) -> Project:
        """PUT /workspaces/{workspace_id}/projects/{project_id}: change the named fields
        (``ProjectFields``), and only those; ``active=False`` archives."""
        path = workspace_path(workspace_id, "projects", p.identifier(project_id, "project_id"))
        body = p.encode_update(ProjectUpdate, fields, call="projects.update()")
        return await self._transport.request("PUT", path, Project, body=body)

    async def patch(
        self,
        workspace_id: int,
        project_ids: Iterable[int],
        operations: Sequence[BulkEditOperation],
    ) -> BulkEditResult:
        """PATCH /workspaces/{workspace_id}/projects/{project_ids}: apply ``operations``
        (``[{"op": "replace", "path": "/color", "value": "#000000"}]``) to each
        project. Each id succeeds or fails on its own: see ``failure`` in the result."""
        ids = p.id_list(project_ids, "project_ids")
        body = patch_body(operations, "projects.patch()")
        path = workspace_path(workspace_id, "projects", ids or "")
        return await self._transport.request("PATCH", path, BulkEditResult, body=body)

    async def delete(
        self,
        workspace_id: int,
        project_id: int,
        *,
        time_entries: TimeEntriesOnDelete | None = None,
    ) -> None:
        """DELETE /workspaces/{workspace_id}/projects/{project_id}. ``time_entries``:
        "delete" deletes the project's time entries, "unassign" keeps them without a
        project; by default the service decides."""
        path = workspace_path(workspace_id, "projects", p.identifier(project_id, "project_id"))
        mode = p.optional_choice(time_entries, "time_entries", _ON_DELETE)
        # The answer is the deleted project's id, a bare number: nothing worth returning.
        await self._transport.request("DELETE", path, None, params=p.query(teDeletionMode=mode))
