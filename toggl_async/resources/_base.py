from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import _params as p
from .._transport import Transport
from ..models import PatchOperation


class Resource:
    """A group of endpoints; every request goes through the client's transport."""

    __slots__ = ("_transport",)

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


def workspace_path(workspace_id: int, *rest: str | int) -> str:
    """/workspaces/{workspace_id}/... with the workspace id checked."""
    parts = (str(p.identifier(workspace_id, "workspace_id")), *map(str, rest))
    return "/workspaces/" + "/".join(parts)


def patch_body(operations: Iterable[PatchOperation | dict[str, Any]], call: str) -> bytes:
    """A bulk edit's JSON Patch body, each operation checked."""
    if isinstance(operations, (dict, PatchOperation)):
        operations = [operations]
    body = list(operations)
    if not body:
        raise ValueError(f"{call}: give at least one operation")
    return p.struct_body(list[PatchOperation], body, call=call)
