"""Organizations the user belongs to."""

from __future__ import annotations

from ._base import Timestamp, TogglModel
from .projects import Permissions


class TrialInfo(TogglModel):
    trial: bool | None = None
    trial_available: bool | None = None
    can_have_trial: bool | None = None
    trial_plan_id: int | None = None
    last_pricing_plan_id: int | None = None
    # Only ever seen null; kept as sent since their format is not documented.
    trial_end_date: str | None = None
    next_payment_date: str | None = None


class Organization(TogglModel):
    id: int
    name: str
    admin: bool | None = None
    owner: bool | None = None
    user_count: int | None = None
    max_workspaces: int | None = None
    max_data_retention_days: int | None = None
    is_multi_workspace_enabled: bool | None = None
    is_unified: bool | None = None
    pricing_plan_id: int | None = None
    pricing_plan_name: str | None = None
    pricing_plan_enterprise: bool | None = None
    trial_info: TrialInfo | None = None
    suspended_at: Timestamp | None = None
    created_at: Timestamp | None = None
    at: Timestamp | None = None
    server_deleted_at: Timestamp | None = None
    permissions: Permissions = None
