"""The answer of the bulk-edit (PATCH) endpoints of time entries, projects and tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypedDict

import msgspec

from ._base import TogglModel


class _Operation(TypedDict):
    op: Literal["add", "remove", "replace"]
    path: str


class BulkEditOperation(_Operation, total=False):
    """One operation of a bulk edit, in JSON Patch form (RFC 6902): a plain dict such as
    ``{"op": "replace", "path": "/billable", "value": True}``; ``value`` is left out of a
    ``remove``. A type checker checks dict literals against it."""

    value: Any


class BulkEditFailure(TogglModel):
    """One ID the service did not change, and why."""

    id: int | None = None
    message: str | None = None


class BulkEditResult(TogglModel):
    """IDs changed (``success``) and not changed (``failure``): partial success is a result,
    not an error (the service applies each ID on its own, with no rollback).

    Both are always lists: the service writes an empty Go list as ``null`` elsewhere (tags,
    tag_ids), so a ``null`` here reads as ``[]``.
    """

    # msgspec reads the runtime annotations and accepts null; __post_init__ turns it into
    # [], so type checkers are told the truth after decoding: always a list.
    if TYPE_CHECKING:
        success: list[int] = msgspec.field(default_factory=list)
        failure: list[BulkEditFailure] = msgspec.field(default_factory=list)
    else:
        success: list[int] | None = msgspec.field(default_factory=list)
        failure: list[BulkEditFailure] | None = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        if self.success is None:
            self.success = []
        if self.failure is None:
            self.failure = []
