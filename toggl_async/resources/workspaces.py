"""The /workspaces/{workspace_id} endpoints."""

from __future__ import annotations

from .. import _params as p
from .._typing import Unpack
from ..models import (
    WorkspacePreferences,
    WorkspacePreferencesFields,
    WorkspacePreferencesUpdate,
)
from ._base import Resource


class WorkspacesResource(Resource):
    """``toggl.workspaces``: settings of one workspace."""

    __slots__ = ()

    async def get_preferences(self, workspace_id: int) -> WorkspacePreferences:
        """GET /workspaces/{workspace_id}/preferences: the workspace's preferences."""
        return await self._transport.request(
            "GET", _path(workspace_id), WorkspacePreferences
        )

    async def update_preferences(
        self, workspace_id: int, **fields: Unpack[WorkspacePreferencesFields]
    ) -> WorkspacePreferences:
        """POST /workspaces/{workspace_id}/preferences: set the named preferences, and only
        those (``WorkspacePreferences`` attribute names; an admin's right)."""
        path = _path(workspace_id)
        body = p.encode_update(
            WorkspacePreferencesUpdate, fields, call="workspaces.update_preferences()",
            read_only={"logo": "the service does not take it here"},
        )
        return await self._transport.request("POST", path, WorkspacePreferences, body=body)


def _path(workspace_id: int) -> str:
    return f"/workspaces/{p.identifier(workspace_id, 'workspace_id')}/preferences"
