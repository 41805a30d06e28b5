"""The answer of the bulk-edit (PATCH) endpoints of time entries, projects and tasks."""

from __future__ import annotations

import msgspec

from ._base import TogglModel


class BulkEditFailure(TogglModel):
    """One ID the service did not change, and why."""

    id: int | None = None
    message: str | None = None


class BulkEditResult(TogglModel):
    """IDs changed (``success``) and not changed (``failure``): partial success is a result,
    not an error (the service applies each ID on its own, with no rollback)."""

    success: list[int] = msgspec.field(default_factory=list)
    failure: list[BulkEditFailure] = msgspec.field(default_factory=list)


class BulkEditAnswer(TogglModel):
    """A bulk edit's answer as sent: decode into this, return ``.result()``. The service
    writes an empty Go list as ``null`` elsewhere (tags, tag_ids), so ``success`` and
    ``failure`` may come as ``null`` too; a ``BulkEditResult`` always has lists."""

    success: list[int] | None = None
    failure: list[BulkEditFailure] | None = None

    def result(self) -> BulkEditResult:
        return BulkEditResult(success=self.success or [], failure=self.failure or [])
