"""The /workspaces/{workspace_id}/tags endpoints."""

from __future__ import annotations

import builtins

import msgspec

from .. import _params as p
from .._errors import DecodeError
from ..models import Tag
from ._base import Resource, workspace_path

# Create and rename are documented to answer a list of tags and commonly read as one tag;
# no answer was recorded, so both shapes are taken.
_TagAnswer = Tag | builtins.list[Tag]


class TagsResource(Resource):
    """``toggl.tags``: a workspace's tags, read and written."""

    __slots__ = ()

    async def list(
        self,
        workspace_id: int,
        *,
        page: int | None = None,
        per_page: int | None = None,
        search: str | None = None,
    ) -> builtins.list[Tag]:
        """GET /workspaces/{workspace_id}/tags: the workspace's tags (all of them unless
        ``page``/``per_page`` say); ``search`` filters by name."""
        params = p.query(
            page=p.optional_id(page, "page"),
            per_page=p.optional_id(per_page, "per_page"),
            search=p.text(search, "search"),
        )
        path = workspace_path(workspace_id, "tags")
        return await self._transport.request("GET", path, builtins.list[Tag], params=params)

    async def create(self, workspace_id: int, name: str) -> Tag:
        """POST /workspaces/{workspace_id}/tags: a new tag."""
        path = workspace_path(workspace_id, "tags")
        return await self._write("POST", path, name)

    async def update(self, workspace_id: int, tag_id: int, name: str) -> Tag:
        """PUT /workspaces/{workspace_id}/tags/{tag_id}: rename the tag (time entries keep
        it under its new name)."""
        return await self._write("PUT", _path(workspace_id, tag_id), name)

    async def delete(self, workspace_id: int, tag_id: int) -> None:
        """DELETE /workspaces/{workspace_id}/tags/{tag_id}."""
        await self._transport.request("DELETE", _path(workspace_id, tag_id), None)

    async def _write(self, method: str, path: str, name: str) -> Tag:
        if not p.text(name, "name"):
            raise ValueError("name must not be empty")
        body = msgspec.json.encode({"name": name})
        answer: _TagAnswer = await self._transport.request(
            method, path, _TagAnswer, body=body  # type: ignore[call-overload]
        )
        if isinstance(answer, Tag):
            return answer
        found = [tag for tag in answer if tag.name == name] or answer
        if not found:
            raise DecodeError(
                "an empty list where the tag written was expected", method=method,
                url=self._transport.base_url + path, status=200,
            )
        return found[0]


def _path(workspace_id: int, tag_id: int) -> str:
    return workspace_path(workspace_id, "tags", p.identifier(tag_id, "tag_id"))
