"""Time entries, the web timer's view of them, and track reminders."""

from __future__ import annotations

from ._base import Timestamp, TogglModel
from .projects import Client, Permissions, Project, Tag, Task


class SharedWith(TogglModel):
    user_id: int | None = None
    user_name: str | None = None
    accepted: bool | None = None


class TimeEntry(TogglModel):
    id: int | None = None
    workspace_id: int | None = None
    project_id: int | None = None
    task_id: int | None = None
    user_id: int | None = None
    description: str | None = None
    billable: bool | None = None
    start: Timestamp | None = None
    stop: Timestamp | None = None
    """``None`` while the entry runs."""
    duration: int | None = None
    """Seconds; negative while the entry runs."""
    duronly: bool | None = None
    tags: list[str] | None = None
    tag_ids: list[int] | None = None
    shared_with: list[SharedWith] | None = None
    at: Timestamp | None = None
    server_deleted_at: Timestamp | None = None
    permissions: Permissions = None
    # Legacy aliases of workspace_id, project_id, task_id and user_id:
    wid: int | None = None
    pid: int | None = None
    tid: int | None = None
    uid: int | None = None
    # Filled in when the request asked for meta data:
    client_name: str | None = None
    project_name: str | None = None
    project_color: str | None = None
    project_active: bool | None = None
    project_billable: bool | None = None
    task_name: str | None = None
    user_name: str | None = None
    user_avatar_url: str | None = None

    @property
    def is_running(self) -> bool:
        return self.stop is None and self.duration is not None and self.duration < 0


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
