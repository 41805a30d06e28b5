"""Projects and what hangs off them: clients, tags, tasks."""

from __future__ import annotations

from datetime import date

from ._base import Timestamp, TogglModel

# Documented as a string, seen as null; kept loose so a list of permissions decodes too.
Permissions = list[str] | str | None


class Integration(TogglModel):
    """The external entity (Jira, Salesforce, ...) linked to a Toggl object, if any."""

    integration_ext_id: str | None = None
    integration_ext_type: str | None = None
    integration_provider: str | None = None


class Client(Integration):
    id: int | None = None
    wid: int | None = None
    name: str | None = None
    archived: bool | None = None
    notes: str | None = None
    creator_id: int | None = None
    at: Timestamp | None = None
    server_deleted_at: Timestamp | None = None
    permissions: Permissions = None


class Tag(Integration):
    id: int | None = None
    workspace_id: int | None = None
    name: str | None = None
    creator_id: int | None = None
    at: Timestamp | None = None
    deleted_at: Timestamp | None = None
    permissions: Permissions = None


class Task(Integration):
    id: int | None = None
    name: str | None = None
    workspace_id: int | None = None
    project_id: int | None = None
    user_id: int | None = None
    active: bool | None = None
    """False once the task is done."""
    at: Timestamp | None = None
    due_date: str | None = None
    """As the service sends it (rarely set; its format is not documented)."""
    estimated_seconds: int | None = None
    tracked_seconds: int | None = None
    """Despite the name, milliseconds (as the docs warn)."""
    rate: float | None = None
    rate_last_updated: Timestamp | None = None
    recurring: bool | None = None
    toggl_accounts_id: str | None = None
    server_deleted_at: Timestamp | None = None
    permissions: Permissions = None
    # Filled in when the request asked for meta data:
    client_name: str | None = None
    project_name: str | None = None
    project_color: str | None = None
    project_billable: bool | None = None


class CurrentPeriod(TogglModel):
    start_date: date | None = None
    end_date: date | None = None


class RecurringParameters(TogglModel):
    period: str | None = None
    custom_period: int | None = None
    estimated_seconds: int | None = None
    parameter_start_date: date | None = None
    parameter_end_date: date | None = None
    project_start_date: date | None = None


class Project(Integration):
    id: int | None = None
    workspace_id: int | None = None
    wid: int | None = None
    """Legacy alias of ``workspace_id``."""
    client_id: int | None = None
    cid: int | None = None
    """Legacy alias of ``client_id``."""
    name: str | None = None
    color: str | None = None
    active: bool | None = None
    status: str | None = None
    """upcoming, active, ended, archived or deleted."""
    is_private: bool | None = None
    is_shared: bool | None = None
    billable: bool | None = None
    template: bool | None = None
    template_id: int | None = None
    pinned: bool | None = None
    can_track_time: bool | None = None
    auto_estimates: bool | None = None
    currency: str | None = None
    rate: float | None = None
    rate_last_updated: Timestamp | None = None
    fixed_fee: float | None = None
    estimated_hours: float | None = None
    estimated_seconds: int | None = None
    actual_hours: float | None = None
    actual_seconds: int | None = None
    tasks_count: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    recurring: bool | None = None
    recurring_parameters: list[RecurringParameters] | None = None
    current_period: CurrentPeriod | None = None
    shared_at: Timestamp | None = None
    shared_hash: str | None = None
    at: Timestamp | None = None
    created_at: Timestamp | None = None
    server_deleted_at: Timestamp | None = None
    permissions: Permissions = None
    client_name: str | None = None
