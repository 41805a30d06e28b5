"""Time entries, the web timer's view of them, and track reminders."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Literal

import msgspec
from msgspec import UNSET, UnsetType

from ._base import Timestamp, TogglModel
from .projects import Client, Permissions, Project, Tag, Task


class SharedWith(TogglModel):
    user_id: int | None = None
    user_name: str | None = None
    accepted: bool | None = None


class TimeEntry(TogglModel, kw_only=True):  # kw_only: a required field follows optional ones
    """A time entry, as every time-entry endpoint and GET /me?with_related_data send it.

    The fields are declared in the order the service writes them (recorded bodies): msgspec
    looks for each key from the field after the last one matched, so that order makes
    decoding a long list about a sixth cheaper. The reprs only show the fields sent.

    ``id``, ``workspace_id``, ``user_id``, ``start``, ``duration`` and ``at`` are in every
    body the service was seen to send, so an answer without one is a ``DecodeError`` naming
    it rather than an entry nobody can use; everything else may be absent or null.

    A running entry has no ``stop`` and a negative ``duration``: minus its start as UNIX
    seconds in what GET sends, but ``-1`` in the answer to the create that started it.
    ``is_running`` and ``elapsed()`` read both.
    """

    id: int
    workspace_id: int
    project_id: int | None = None
    """``None`` without a project (or when its project was deleted)."""
    task_id: int | None = None
    billable: bool | None = None
    start: Timestamp
    stop: Timestamp | None = None
    """``None`` while the entry runs."""
    duration: int
    """Seconds; negative while the entry runs (see the class's docstring)."""
    description: str | None = None
    tags: list[str] | None = None
    """Tag names; ``[]`` or ``None`` without tags, not always as long as ``tag_ids``."""
    tag_ids: list[int] | None = None
    duronly: bool | None = None
    at: Timestamp
    """When the entry last changed."""
    server_deleted_at: Timestamp | None = None
    """Set on deleted entries, which only ``list(since=...)`` returns."""
    user_id: int
    # Legacy aliases of user_id, workspace_id, project_id and task_id, sent only sometimes:
    uid: int | None = None
    wid: int | None = None
    pid: int | None = None
    tid: int | None = None
    permissions: Permissions = None
    # Sent only when the request asked for meta data, and only those that apply:
    client_id: int | None = None
    client_name: str | None = None
    project_name: str | None = None
    project_color: str | None = None
    project_active: bool | None = None
    project_billable: bool | None = None
    task_name: str | None = None
    user_name: str | None = None
    user_avatar_url: str | None = None
    # Sent when the request asked for sharing details and the entry is shared:
    shared_with: list[SharedWith] | None = None
    expense_ids: list[int] | None = None

    @property
    def is_running(self) -> bool:
        return self.stop is None and self.duration < 0

    def elapsed(self, now: datetime | None = None) -> timedelta:
        """How long the entry lasted, or has lasted until ``now`` (default: this moment)
        if it runs; right whichever way the service wrote a running entry's duration."""
        if not self.is_running:
            return timedelta(seconds=self.duration)
        return max((now or datetime.now(timezone.utc)) - self.start, timedelta(0))


class WebTimerEntry(TogglModel):
    """A time entry as GET /me/web-timer lists it."""

    workspace_id: int | None = None
    project_id: int | None = None
    task_id: int | None = None
    user_id: int | None = None
    description: str | None = None
    billable: bool | None = None
    tag_ids: list[int] | None = None
    utc_start: Timestamp | None = None
    utc_stop: Timestamp | None = None
    duration_in_seconds: int | None = None
    updated_at: Timestamp | None = None
    planned_task_id: int | None = None
    ignore_start_and_stop: bool | None = None
    # In real bodies, undocumented; its type is unrecorded, so a flag or a time is kept.
    deleted: bool | Timestamp | None = None


class WebTimer(TogglModel):
    """GET /me/web-timer: the timer's entries and the objects they refer to."""

    time_entries: list[WebTimerEntry] | None = None
    projects: list[Project] | None = None
    tasks: list[Task] | None = None
    tags: list[Tag] | None = None
    clients: list[Client] | None = None


class TrackReminder(TogglModel):
    reminder_id: int
    workspace_id: int
    frequency: int | None = None
    """Every how many days: 1 or 7."""
    threshold: int | float | None = None
    """Hours tracked under which the reminder is sent: documented and recorded as whole
    hours (an ``int``); a fractional value, should the service send one, stays a float."""
    group_ids: list[int] | None = None
    user_ids: list[int] | None = None
    created_at: Timestamp | None = None


class TimeEntryWrite(msgspec.Struct, kw_only=True, omit_defaults=True, gc=False):
    """The body of a create (POST) or an update (PUT): only the fields named are sent.
    Times travel as RFC 3339 UTC text (``2024-12-16T02:18:20Z``), as the service asks."""

    workspace_id: int | UnsetType = UNSET
    created_with: str | UnsetType = UNSET
    start: str | UnsetType = UNSET
    stop: str | UnsetType = UNSET
    duration: int | UnsetType = UNSET
    description: str | UnsetType | None = UNSET
    project_id: int | UnsetType | None = UNSET
    task_id: int | UnsetType | None = UNSET
    tags: list[str] | UnsetType = UNSET
    tag_ids: list[int] | UnsetType = UNSET
    tag_action: Literal["add", "delete"] | UnsetType = UNSET
    billable: bool | UnsetType = UNSET
    user_id: int | UnsetType = UNSET
    shared_with_user_ids: list[int] | UnsetType = UNSET
