from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, UnsetType

from .. import _params as p
from .._transport import Transport
from ..models import BulkEditOperation


class Resource:
    """A group of endpoints; every request goes through the client's transport."""

    __slots__ = ("_transport",)

    def __init__(self, transport: Transport) -> None:
        self._transport = transport


def workspace_path(workspace_id: int, *rest: str | int) -> str:
    """/workspaces/{workspace_id}/... with the workspace id checked."""
    parts = (str(p.identifier(workspace_id, "workspace_id")), *map(str, rest))
    return "/workspaces/" + "/".join(parts)


class _Operation(msgspec.Struct, omit_defaults=True, forbid_unknown_fields=True, gc=False):
    """A ``BulkEditOperation`` as checked before sending."""

    op: Literal["add", "remove", "replace"]
    path: Annotated[str, msgspec.Meta(pattern="^/.+")]
    value: Any | UnsetType = UNSET


def patch_body(operations: Sequence[BulkEditOperation], call: str) -> bytes:
    """A bulk edit's JSON Patch body, each operation checked (a known ``op``, a ``path``
    pointing at a field, no other keys)."""
    if isinstance(operations, (str, bytes, dict)) or not isinstance(operations, Sequence):
        raise TypeError(f"{call}: operations must be a list of operations (dicts)")
    if not operations:
        raise ValueError(f"{call}: give at least one operation")
    return p.struct_body(list[_Operation], operations, call=call)
