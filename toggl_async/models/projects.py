"""Projects and what hangs off them: clients, tags, tasks; and the bodies that write them.

Fields are declared in the order the service sends them (the recorded bodies of GET/POST
/workspaces/{id}/projects and /me?with_related_data; keys no recording has come last):
msgspec matches each key against the field after the last one matched first, so a body in
declaration order decodes with no searching. ``id`` is the one field every body has; the
rest default to ``None``, as the service omits and nulls them freely.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, TypedDict

import msgspec
from msgspec import UNSET, UnsetType

from ._base import Timestamp, TogglModel

# Documented as a string, seen as null; kept loose so a list of permissions decodes too.
Permissions = list[str] | str | None


class Client(TogglModel):
    id: int
    wid: int | None = None
    """The workspace's id (clients have no ``workspace_id``)."""
    archived: bool | None = None
    name: str | None = None
    at: Timestamp | None = None
    creator_id: int | None = None
    notes: str | None = None
    server_deleted_at: Timestamp | None = None
    permissions: Permissions = None
    external_reference: str | None = None
    integration_provider: str | None = None
    """The linked external system ("asana", "jira", "salesforce"), if any."""
    integration_ext_id: str | None = None
    integration_ext_type: str | None = None
    total_count: int | None = None
    """In lists: how many clients matched."""


class Tag(TogglModel):
    id: int
    workspace_id: int | None = None
    name: str | None = None
    at: Timestamp | None = None
    creator_id: int | None = None
    deleted_at: Timestamp | None = None
    permissions: Permissions = None
    integration_provider: str | None = None
    integration_ext_id: str | None = None
    integration_ext_type: str | None = None


class Task(TogglModel):
    """A task of a project. No body of the real service was recorded: the order is the
    documented one, ``id`` first."""

    id: int
    name: str | None = None
    workspace_id: int | None = None
    project_id: int | None = None
    user_id: int | None = None
    """The assignee."""
    recurring: bool | None = None
    active: bool | None = None
    """False once the task is done."""
    at: Timestamp | None = None
    server_deleted_at: Timestamp | None = None
    estimated_seconds: int | None = None
    tracked_seconds: int | None = None
    """Despite the name, milliseconds (as the docs warn)."""
    rate: float | None = None
    rate_last_updated: Timestamp | None = None
    due_date: str | None = None
    """As the service sends it (rarely set; its format is not documented)."""
    toggl_accounts_id: str | None = None
    permissions: Permissions = None
    external_reference: str | None = None
    integration_provider: str | None = None
    integration_ext_id: str | None = None
    integration_ext_type: str | None = None
    # Filled in when the request asked for meta data, and in workspace task lists:
    client_id: int | None = None
    client_name: str | None = None
    project_name: str | None = None
    project_color: str | None = None
    project_billable: bool | None = None
    project_is_private: bool | None = None
    user_name: str | None = None
    avatar_url: str | None = None


class TasksPage(TogglModel):
    """One page of GET /workspaces/{id}/tasks: the tasks and where they sit in the list."""

    data: list[Task] | None = None
    """None when the page is empty, should the service send null for it."""
    page: int | None = None
    per_page: int | None = None
    sort_field: str | None = None
    sort_order: str | None = None
    total_count: int | None = None
    """How many tasks match, on every page."""


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


# Hours arrive as whole numbers (0, 202) in the recordings; a fraction is kept if sent.
Hours = int | float | None


class Project(TogglModel):
    id: int
    workspace_id: int | None = None
    client_id: int | None = None
    name: str | None = None
    is_private: bool | None = None
    active: bool | None = None
    """False once archived. A project created without ``active`` comes back inactive."""
    at: Timestamp | None = None
    created_at: Timestamp | None = None
    server_deleted_at: Timestamp | None = None
    color: str | None = None
    billable: bool | None = None
    template: bool | None = None
    auto_estimates: bool | None = None
    estimated_hours: Hours = None
    estimated_seconds: int | None = None
    rate: float | None = None
    rate_last_updated: Timestamp | None = None
    currency: str | None = None
    recurring: bool | None = None
    template_id: int | None = None
    recurring_parameters: list[RecurringParameters] | None = None
    fixed_fee: float | None = None
    actual_hours: Hours = None
    actual_seconds: int | None = None
    start_date: date | None = None
    status: str | None = None
    """upcoming, active, ended, archived or deleted."""
    wid: int | None = None
    """Legacy alias of ``workspace_id``."""
    cid: int | None = None
    """Legacy alias of ``client_id``."""
    pinned: bool | None = None
    can_track_time: bool | None = None
    is_shared: bool | None = None
    tasks_count: int | None = None
    permissions: Permissions = None
    end_date: date | None = None
    current_period: CurrentPeriod | None = None
    shared_at: Timestamp | None = None
    shared_hash: str | None = None
    client_name: str | None = None
    external_reference: str | None = None
    integration_provider: str | None = None
    """The linked external system ("asana", "jira", "salesforce"), if any."""
    integration_ext_id: str | None = None
    integration_ext_type: str | None = None
    total_count: int | None = None
    """In lists: how many projects matched."""


# -- request bodies: only the fields the caller named are sent ----------------------------
_Name = Annotated[str, msgspec.Meta(min_length=1)]
_Id = Annotated[int, msgspec.Meta(gt=0)]
_Color = Annotated[str, msgspec.Meta(pattern="^#[0-9a-fA-F]{6}$")]
_Money = Annotated[float, msgspec.Meta(ge=0)]
_Count = Annotated[int, msgspec.Meta(ge=0)]
RateChangeMode = Literal["start-today", "override-current", "override-all"]


class RecurringSettings(msgspec.Struct, kw_only=True, omit_defaults=True, gc=False):
    """``recurring_parameters`` as a project body takes them (a premium feature)."""

    period: str | UnsetType = UNSET
    """e.g. "monthly", or "custom" with ``custom_period``."""
    custom_period: _Count | UnsetType = UNSET
    project_start_date: date | UnsetType = UNSET


class ProjectUpdate(msgspec.Struct, kw_only=True, omit_defaults=True, gc=False):
    """The body of POST/PUT /workspaces/{id}/projects[/{id}]. Premium-only fields answer
    402 (``PaymentRequiredError``) on a free workspace."""

    name: _Name | UnsetType = UNSET
    active: bool | UnsetType = UNSET
    client_id: _Id | UnsetType | None = UNSET
    client_name: _Name | UnsetType = UNSET
    color: _Color | UnsetType = UNSET
    is_private: bool | UnsetType = UNSET
    is_shared: bool | UnsetType = UNSET
    billable: bool | UnsetType = UNSET
    auto_estimates: bool | UnsetType = UNSET
    estimated_hours: _Count | UnsetType | None = UNSET
    rate: _Money | UnsetType | None = UNSET
    rate_change_mode: RateChangeMode | UnsetType = UNSET
    fixed_fee: _Money | UnsetType | None = UNSET
    currency: str | UnsetType | None = UNSET
    start_date: date | UnsetType = UNSET
    end_date: date | UnsetType | None = UNSET
    recurring: bool | UnsetType = UNSET
    recurring_parameters: RecurringSettings | UnsetType = UNSET
    template: bool | UnsetType = UNSET
    template_id: _Id | UnsetType | None = UNSET
    external_reference: str | UnsetType = UNSET


class ClientUpdate(msgspec.Struct, kw_only=True, omit_defaults=True, gc=False):
    """The body of POST/PUT /workspaces/{id}/clients[/{id}]."""

    name: _Name | UnsetType = UNSET
    notes: str | UnsetType | None = UNSET
    external_reference: str | UnsetType = UNSET


class TaskUpdate(msgspec.Struct, kw_only=True, omit_defaults=True, gc=False):
    """The body of POST/PUT .../projects/{id}/tasks[/{id}]."""

    name: _Name | UnsetType = UNSET
    active: bool | UnsetType = UNSET
    """False marks the task done."""
    estimated_seconds: _Count | UnsetType | None = UNSET
    user_id: _Id | UnsetType | None = UNSET
    external_reference: str | UnsetType = UNSET


# -- the keyword arguments of the writes, typed for IDEs and type checkers -------------------
class ProjectCreateFields(TypedDict, total=False):
    """The keyword arguments of ``projects.create()`` beside ``name`` and ``active``."""

    client_id: int | None
    client_name: str
    color: str
    is_private: bool
    is_shared: bool
    billable: bool
    auto_estimates: bool
    estimated_hours: int | None
    rate: float | None
    rate_change_mode: RateChangeMode
    fixed_fee: float | None
    currency: str | None
    start_date: date | str
    end_date: date | str | None
    recurring: bool
    recurring_parameters: RecurringSettings | dict[str, Any]
    template: bool
    template_id: int | None
    external_reference: str


class ProjectFields(ProjectCreateFields, total=False):
    """The keyword arguments of ``projects.update()``: the fields of ``ProjectUpdate``."""

    name: str
    active: bool


class ClientCreateFields(TypedDict, total=False):
    """The keyword arguments of ``clients.create()`` beside ``name``."""

    notes: str | None
    external_reference: str


class ClientFields(ClientCreateFields, total=False):
    """The keyword arguments of ``clients.update()``: the fields of ``ClientUpdate``."""

    name: str


class TaskCreateFields(TypedDict, total=False):
    """The keyword arguments of ``tasks.create()`` beside ``name``."""

    active: bool
    estimated_seconds: int | None
    user_id: int | None
    external_reference: str


class TaskFields(TaskCreateFields, total=False):
    """The keyword arguments of ``tasks.update()``: the fields of ``TaskUpdate``."""

    name: str
