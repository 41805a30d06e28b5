from __future__ import annotations

from collections.abc import Sequence

from .. import _params as p
from .._transport import Transport
from ..models import BulkEditOperation

BULK_EDIT_OPS = ("add", "remove", "replace")


class Resource:
    """A group of endpoints; every request goes through the client's transport."""

    __slots__ = ("_transport",)

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


def workspace_path(workspace_id: int, *rest: str | int) -> str:
    """/workspaces/{workspace_id}/... with the workspace id checked."""
    parts = (str(p.identifier(workspace_id, "workspace_id")), *map(str, rest))
    return "/workspaces/" + "/".join(parts)


def patch_body(operations: Sequence[BulkEditOperation], call: str) -> bytes:
    """A bulk edit's JSON Patch body, each operation checked."""
    return p.encode_patch(operations, BULK_EDIT_OPS, call=call)
