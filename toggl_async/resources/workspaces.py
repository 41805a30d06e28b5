"""The /workspaces/{workspace_id} endpoints: the workspace, its users and preferences."""

from __future__ import annotations

from .. import _params as p
from .._typing import Unpack
from ..models import (
    Workspace,
    WorkspaceFields,
    WorkspacePreferences,
    WorkspacePreferencesFields,
    WorkspacePreferencesUpdate,
    WorkspaceUpdate,
    WorkspaceUser,
)
from ._base import Resource, workspace_path


class WorkspacesResource(Resource):
    """``toggl.workspaces``: one workspace, its users and its settings."""

    __slots__ = ()

    async def get(self, workspace_id: int) -> Workspace:
        """GET /workspaces/{workspace_id}."""
        return await self._transport.request("GET", workspace_path(workspace_id), Workspace)

    async def update(
        self, workspace_id: int, **fields: Unpack[WorkspaceFields]
    ) -> Workspace:
        """PUT /workspaces/{workspace_id}: change the named settings (``WorkspaceFields``:
        ``name``, ``rounding``, ``only_admins_may_create_projects``, ...), and only those;
        an admin's right."""
        body = p.encode_update(WorkspaceUpdate, fields, call="workspaces.update()")
        return await self._transport.request(
            "PUT", workspace_path(workspace_id), Workspace, body=body
        )

    async def users(
        self, workspace_id: int, *, exclude_deleted: bool | None = None
    ) -> list[WorkspaceUser]:
        """GET /workspaces/{workspace_id}/users: the workspace's users."""
        params = p.query(exclude_deleted=p.flag(exclude_deleted, "exclude_deleted"))
        path = workspace_path(workspace_id, "users")
        return await self._transport.request("GET", path, list[WorkspaceUser], params=params)

    async def get_preferences(self, workspace_id: int) -> WorkspacePreferences:
        """GET /workspaces/{workspace_id}/preferences: the workspace's preferences."""
        return await self._transport.request(
            "GET", workspace_path(workspace_id, "preferences"), WorkspacePreferences
        )

    async def update_preferences(
        self, workspace_id: int, **fields: Unpack[WorkspacePreferencesFields]
    ) -> WorkspacePreferences:
        """POST /workspaces/{workspace_id}/preferences: set the named preferences, and only
        those (``WorkspacePreferences`` attribute names; an admin's right)."""
        path = workspace_path(workspace_id, "preferences")
        body = p.encode_update(
            WorkspacePreferencesUpdate, fields, call="workspaces.update_preferences()",
            read_only={"logo": "the service does not take it here"},
        )
        return await self._transport.request("POST", path, WorkspacePreferences, body=body)
