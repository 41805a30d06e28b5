"""The 4 tag endpoints of /workspaces/{id}/tags, on the account's tag list (which /me/tags
and the time entries' tag names read)."""

from __future__ import annotations

from aiohttp import web

from ._data import JsonObject
from ._endpoints import ApiError, Call, Endpoint, empty_response, json_response
from ._workspaces import WORKSPACE, find, in_workspace, next_id, page_of, workspace_of

_ADMINS_ONLY = "Only organization or workspace administrators may manage tags in this workspace."


def _live(call: Call, workspace: JsonObject) -> list[JsonObject]:
    return [
        tag
        for tag in in_workspace(call.account.tags, workspace, "workspace_id")
        if tag["deleted_at"] is None
    ]


def _writable(call: Call) -> JsonObject:
    workspace = workspace_of(call)
    if workspace["only_admins_may_create_tags"] and not workspace["admin"]:
        raise ApiError(403, _ADMINS_ONLY)
    return workspace


def _tag(call: Call, workspace: JsonObject, suffix: str = "") -> JsonObject:
    missing = ApiError(404, "Tag was not found" + suffix)
    return find(_live(call, workspace), call.params["tag_id"], missing)


def _new_name(call: Call, workspace: JsonObject, tag_id: int | None = None) -> str:
    data = call.json
    if not isinstance(data, dict):
        raise ApiError(400, "Invalid JSON input")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ApiError(400, "tag name can't be blank")
    if any(tag["name"] == name and tag["id"] != tag_id for tag in _live(call, workspace)):
        raise ApiError(400, f"a tag with the name '{name}' already exists")
    return name


def get_tags(call: Call) -> web.Response:
    workspace = workspace_of(call)
    search = call.query.get("search", "").casefold()
    tags = [tag for tag in _live(call, workspace) if search in tag["name"].casefold()]
    if "page" not in call.query and "per_page" not in call.query:
        return json_response(tags)
    return json_response(page_of(tags, call.query, len(tags) or 1, len(tags) or 1)[0])


def post_tag(call: Call) -> web.Response:
    workspace = _writable(call)
    tag = {
        "id": next_id(call, "tags"), "workspace_id": workspace["id"],
        "name": _new_name(call, workspace), "at": call.world.clock.tick()[0],
        "creator_id": call.account.user_id, "deleted_at": None, "permissions": None,
        "integration_provider": None, "integration_ext_id": None,
        "integration_ext_type": None,
    }
    call.account.tags.append(tag)
    return json_response([tag])  # a list of one, as documented


def put_tag(call: Call) -> web.Response:
    workspace = _writable(call)
    tag = _tag(call, workspace)
    old, tag["name"] = tag["name"], _new_name(call, workspace, tag["id"])
    tag["at"] = call.world.clock.tick()[0]
    for entry in call.account.time_entries:  # entries show tags by name too
        if entry["tags"] and tag["id"] in (entry["tag_ids"] or ()):
            entry["tags"] = [tag["name"] if name == old else name for name in entry["tags"]]
    return json_response([tag])


def delete_tag(call: Call) -> web.Response:
    workspace = _writable(call)
    tag = _tag(call, workspace, ".")
    tag["at"] = tag["deleted_at"] = call.world.clock.tick()[0]
    return empty_response()


PATHS: tuple[tuple[str, dict[str, Endpoint]], ...] = (
    (WORKSPACE + "/tags", {"GET": get_tags, "POST": post_tag}),
    (WORKSPACE + "/tags/(?P<tag_id>[0-9]+)", {"PUT": put_tag, "DELETE": delete_tag}),
)
