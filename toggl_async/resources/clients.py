"""The /workspaces/{workspace_id}/clients endpoints."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Literal

import msgspec

from .. import _params as p
from .._typing import Unpack
from ..models import Client, ClientCreateFields, ClientFields, ClientUpdate
from ._base import Resource, workspace_path

ClientStatus = Literal["active", "archived", "both"]
_STATUSES: tuple[ClientStatus, ...] = ("active", "archived", "both")


class ClientsResource(Resource):
    """``toggl.clients``: a workspace's clients, read and written."""

    __slots__ = ()

    async def list(
        self, workspace_id: int, *, status: ClientStatus | None = None, name: str | None = None
    ) -> builtins.list[Client]:
        """GET /workspaces/{workspace_id}/clients: the clients, active ones unless
        ``status`` says "archived" or "both"; ``name`` filters by a case-insensitive
        part of the name."""
        params = p.query(
            status=p.optional_choice(status, "status", _STATUSES),
            name=p.text(name, "name"),
        )
        path = workspace_path(workspace_id, "clients")
        return await self._transport.request("GET", path, builtins.list[Client], params=params)

    async def get(self, workspace_id: int, client_id: int) -> Client:
        """GET /workspaces/{workspace_id}/clients/{client_id}."""
        return await self._transport.request("GET", _path(workspace_id, client_id), Client)

    async def create(
        self, workspace_id: int, *, name: str, **fields: Unpack[ClientCreateFields]
    ) -> Client:
        """POST /workspaces/{workspace_id}/clients: a new client (``notes``,
        ``external_reference`` besides its name)."""
        body = p.encode_update(ClientUpdate, {"name": name, **fields}, call="clients.create()")
        path = workspace_path(workspace_id, "clients")
        return await self._transport.request("POST", path, Client, body=body)

    async def update(
        self, workspace_id: int, client_id: int, **fields: Unpack[ClientFields]
    ) -> Client:
        """PUT /workspaces/{workspace_id}/clients/{client_id}: change the named fields
        (``name``, ``notes``, ``external_reference``). ``archive``/``restore`` change
        whether it is archived."""
        body = p.encode_update(ClientUpdate, fields, call="clients.update()")
        return await self._transport.request(
            "PUT", _path(workspace_id, client_id), Client, body=body
        )

    async def delete(self, workspace_id: int, client_id: int) -> None:
        """DELETE /workspaces/{workspace_id}/clients/{client_id}."""
        await self._transport.request("DELETE", _path(workspace_id, client_id), None)

    async def archive(self, workspace_id: int, client_id: int) -> builtins.list[int]:
        """POST /workspaces/{workspace_id}/clients/{client_id}/archive: archive the client
        and its projects (a premium feature); returns the ids of the projects archived."""
        path = _path(workspace_id, client_id) + "/archive"
        return await self._transport.request("POST", path, builtins.list[int])

    async def restore(
        self,
        workspace_id: int,
        client_id: int,
        *,
        projects: Iterable[int] | Literal["all"] | None = None,
    ) -> Client:
        """POST /workspaces/{workspace_id}/clients/{client_id}/restore: restore an archived
        client, with the projects named in ``projects`` ("all": every one of them)."""
        body = None
        if projects == "all":
            body = msgspec.json.encode({"restore_all_projects": True})
        elif projects is not None:
            chosen = projects if isinstance(projects, str) else builtins.list(projects)
            p.id_list(chosen, "projects")
            body = msgspec.json.encode({"projects": chosen})
        path = _path(workspace_id, client_id) + "/restore"
        return await self._transport.request("POST", path, Client, body=body)


def _path(workspace_id: int, client_id: int) -> str:
    return workspace_path(workspace_id, "clients", p.identifier(client_id, "client_id"))
