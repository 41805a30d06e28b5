"""The 7 client endpoints of /workspaces/{id}/clients, on the account's client list."""

from __future__ import annotations

from aiohttp import web

from ._data import JsonObject
from ._endpoints import ApiError, Call, Endpoint, empty_response, json_response
from ._workspaces import (
    PREMIUM_ONLY,
    WORKSPACE,
    find,
    in_workspace,
    next_id,
    require_object,
    workspace_of,
)

NAME_MAX_LENGTH = 100
_STATUSES = ("active", "archived", "both")


def _live(call: Call, workspace: JsonObject) -> list[JsonObject]:
    return [
        client
        for client in in_workspace(call.account.clients, workspace, "wid")
        if client["server_deleted_at"] is None
    ]


def _client(call: Call, missing: str | None = None) -> tuple[JsonObject, JsonObject]:
    workspace = workspace_of(call)
    client_id = call.params["client_id"]
    error = ApiError(404, missing or f"No client with ID {client_id} was found")
    return workspace, find(_live(call, workspace), client_id, error)


def _fields(data: JsonObject) -> JsonObject:
    if "name" in data:
        name = data["name"]
        if not isinstance(name, str) or not name.strip():
            raise ApiError(400, "Client name cannot be empty")
        if len(name) > NAME_MAX_LENGTH:
            raise ApiError(400, f"Client name maximum length is {NAME_MAX_LENGTH}")
    return {key: data[key] for key in ("name", "notes", "external_reference") if key in data}


def get_clients(call: Call) -> web.Response:
    workspace = workspace_of(call)
    status = call.query.get("status", "active")
    if status not in _STATUSES:
        raise ApiError(400, "Client status is invalid")
    name = call.query.get("name", "").casefold()
    return json_response([
        client
        for client in _live(call, workspace)
        if (status == "both" or client["archived"] == (status == "archived"))
        and name in client["name"].casefold()
    ])


def post_client(call: Call) -> web.Response:
    workspace = workspace_of(call)
    data = require_object(call.json)
    fields = _fields({"name": "", **data})
    client: JsonObject = {
        "id": next_id(call, "clients"), "wid": workspace["id"], "archived": False,
        "name": "", "at": call.world.clock.tick()[0], "creator_id": call.account.user_id,
        "notes": None, "permissions": None, "server_deleted_at": None,
        "integration_provider": None, "integration_ext_id": None,
        "integration_ext_type": None, **fields,
    }
    call.account.clients.append(client)
    return json_response(client)


def get_client(call: Call) -> web.Response:
    return json_response(_client(call)[1])


def put_client(call: Call) -> web.Response:
    _, client = _client(call, "Client doesn't exist in the workspace.")
    client.update(_fields(require_object(call.json)))
    client["at"] = call.world.clock.tick()[0]
    return json_response(client)


def delete_client(call: Call) -> web.Response:
    _, client = _client(call)
    client["at"] = client["server_deleted_at"] = call.world.clock.tick()[0]
    for project in call.account.projects:
        if project["client_id"] == client["id"]:
            project["client_id"] = project["cid"] = None
    return empty_response()


def _client_projects(call: Call, client: JsonObject) -> list[JsonObject]:
    return [
        project
        for project in call.account.projects
        if project["client_id"] == client["id"] and project["server_deleted_at"] is None
    ]


def archive_client(call: Call) -> web.Response:
    workspace, client = _client(call)
    if not workspace["premium"]:
        raise ApiError(402, f"Archiving clients is {PREMIUM_ONLY}")
    at = call.world.clock.tick()[0]
    client.update(archived=True, at=at)
    archived = []
    for project in _client_projects(call, client):
        if project["active"]:
            project.update(active=False, status="archived", at=at)
            archived.append(project["id"])
    return json_response(archived)


def restore_client(call: Call) -> web.Response:
    _, client = _client(call)
    data = {} if call.json is None else require_object(call.json)
    projects = data.get("projects")
    if projects is not None and not (
        isinstance(projects, list) and all(isinstance(i, int) for i in projects)
    ):
        raise ApiError(400, "Bad Request")
    wanted = set(projects or ())
    at = call.world.clock.tick()[0]
    for project in _client_projects(call, client):
        if data.get("restore_all_projects") is True or project["id"] in wanted:
            project.update(active=True, status="active", at=at)
    client.update(archived=False, at=at)
    return json_response(client)


CLIENT = WORKSPACE + "/clients/(?P<client_id>[0-9]+)"
PATHS: tuple[tuple[str, dict[str, Endpoint]], ...] = (
    (WORKSPACE + "/clients", {"GET": get_clients, "POST": post_client}),
    (CLIENT, {"GET": get_client, "PUT": put_client, "DELETE": delete_client}),
    (CLIENT + "/archive", {"POST": archive_client}),
    (CLIENT + "/restore", {"POST": restore_client}),
)
