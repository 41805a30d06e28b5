"""Workspaces, their features and their preferences."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypedDict

import msgspec
from msgspec import UNSET, UnsetType

from ._base import MasksApiToken, Timestamp, TogglModel, partial_update_type
from .projects import Permissions, RateChangeMode


class CsvUpload(TogglModel):
    at: Timestamp | None = None
    log_id: int | None = None


class TimeEntryConstraints(TogglModel):
    time_entry_constraints_enabled: bool | None = None
    description_present: bool | None = None
    project_present: bool | None = None
    tag_present: bool | None = None
    task_present: bool | None = None


class CardDetails(TogglModel):
    card_number: str | None = None
    card_type: str | None = None
    expiry_date: str | None = None
    holder_name: str | None = None
    added_at: Timestamp | None = None
    creator_id: int | None = None
    creator_name: str | None = None


class ContactDetail(TogglModel):
    contact_detail_id: int | None = None
    customer_id: int | None = None
    user_id: int | None = None
    company_name: str | None = None
    company_address: str | None = None
    company_city: str | None = None
    zip_code: str | None = None
    country_id: int | None = None
    country_subdivision_id: int | None = None
    contact_email: str | None = None
    contact_person: str | None = None
    is_eu_resident: bool | None = None
    vat_number: str | None = None
    vat_number_valid: bool | None = None
    vat_number_validated_at: Timestamp | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class PaymentDetails(TogglModel):
    customer_id: int | None = None
    user_id: int | None = None
    currency: str | None = None
    payment_type: str | None = None
    reference: str | None = None
    created_at: Timestamp | None = None


class SubscriptionPeriod(TogglModel):
    subscription_period_id: int | None = None
    subscription_id: int | None = None
    started_on: str | None = None
    finished_on: str | None = None
    trial: bool | None = None
    user_count: int | None = None
    created_at: Timestamp | None = None


class Subscription(TogglModel):
    """Deprecated by the service; still sent for some workspaces."""

    subscription_id: int | None = None
    workspace_id: int | None = None
    organization_id: int | None = None
    company_id: int | None = None
    customer_id: int | None = None
    pricing_plan_id: int | None = None
    last_pricing_plan_id: int | None = None
    currency: str | None = None
    auto_renew: bool | None = None
    renewal_at: Timestamp | None = None
    card_details: CardDetails | None = None
    contact_detail: ContactDetail | None = None
    payment_details: PaymentDetails | None = None
    subscription_period: SubscriptionPeriod | None = None
    created_at: Timestamp | None = None
    deleted_at: Timestamp | None = None


class Workspace(MasksApiToken, TogglModel):
    """A workspace. Its ``api_token`` (deprecated by the service) is masked in the repr.

    Fields are in the order of the service's recorded bodies (GET /workspaces/{id}, /me),
    keys no recording has last: msgspec then matches each key without searching.
    """

    id: int
    organization_id: int | None = None
    name: str | None = None
    profile: int | None = None
    premium: bool | None = None
    """On a Starter (or higher) subscription."""
    business_ws: bool | None = None
    """On a Premium subscription."""
    admin: bool | None = None
    role: str | None = None
    suspended_at: Timestamp | None = None
    server_deleted_at: Timestamp | None = None
    default_hourly_rate: float | None = None
    rate_last_updated: Timestamp | None = None
    default_currency: str | None = None
    only_admins_may_create_projects: bool | None = None
    only_admins_may_create_tags: bool | None = None
    only_admins_see_billable_rates: bool | None = None
    only_admins_see_team_dashboard: bool | None = None
    projects_billable_by_default: bool | None = None
    projects_private_by_default: bool | None = None
    projects_enforce_billable: bool | None = None
    limit_public_project_data: bool | None = None
    last_modified: Timestamp | None = None
    reports_collapse: bool | None = None
    rounding: int | None = None
    """0: nearest, 1: up, -1: down."""
    rounding_minutes: int | None = None
    api_token: str | None = None
    at: Timestamp | None = None
    logo_url: str | None = None
    ical_url: str | None = None
    """A path relative to the service ("/ical/workspace_user/..."), not a full URL."""
    ical_enabled: bool | None = None
    csv_upload: CsvUpload | None = None
    subscription: Subscription | None = None
    hide_start_end_times: bool | None = None
    working_hours_in_minutes: int | None = None
    permissions: Permissions = None
    max_data_retention_days: int | dict[str, Any] | None = None
    """How far back a free workspace sees data: documented as an integer, also seen as an
    object."""
    te_constraints: TimeEntryConstraints | None = None
    active_project_count: int | None = None
    disable_approvals: bool | None = None
    disable_expenses: bool | None = None
    disable_timesheet_view: bool | None = None


class WorkspaceUser(TogglModel):
    """A user of a workspace (GET /workspaces/{id}/users)."""

    id: int
    """The user's global id."""
    fullname: str | None = None
    email: str | None = None
    is_active: bool | None = None
    """Has joined the workspace."""
    is_admin: bool | None = None
    inactive: bool | None = None
    """Deactivated in the workspace."""
    role: str | None = None


class WorkspaceUpdate(msgspec.Struct, kw_only=True, omit_defaults=True, gc=False):
    """The body of PUT /workspaces/{id}: only the named settings are sent. Premium-only
    ones answer 402 (``PaymentRequiredError``) on a free workspace."""

    name: Annotated[str, msgspec.Meta(min_length=1)] | UnsetType = UNSET
    admins: list[Annotated[int, msgspec.Meta(gt=0)]] | UnsetType = UNSET
    default_currency: str | UnsetType = UNSET
    default_hourly_rate: Annotated[float, msgspec.Meta(ge=0)] | UnsetType = UNSET
    rate_change_mode: RateChangeMode | UnsetType = UNSET
    limit_public_project_data: bool | UnsetType = UNSET
    only_admins_may_create_projects: bool | UnsetType = UNSET
    only_admins_may_create_tags: bool | UnsetType = UNSET
    only_admins_see_team_dashboard: bool | UnsetType = UNSET
    projects_billable_by_default: bool | UnsetType = UNSET
    projects_enforce_billable: bool | UnsetType = UNSET
    projects_private_by_default: bool | UnsetType = UNSET
    reports_collapse: bool | UnsetType = UNSET
    rounding: Literal[-1, 0, 1] | UnsetType = UNSET
    rounding_minutes: Annotated[int, msgspec.Meta(ge=0)] | UnsetType = UNSET


class WorkspaceFields(TypedDict, total=False):
    """The keyword arguments of ``workspaces.update()``: the fields of ``WorkspaceUpdate``."""

    name: str
    admins: list[int]
    default_currency: str
    default_hourly_rate: float
    rate_change_mode: RateChangeMode
    limit_public_project_data: bool
    only_admins_may_create_projects: bool
    only_admins_may_create_tags: bool
    only_admins_see_team_dashboard: bool
    projects_billable_by_default: bool
    projects_enforce_billable: bool
    projects_private_by_default: bool
    reports_collapse: bool
    rounding: Literal[-1, 0, 1]
    rounding_minutes: int


class Feature(TogglModel):
    feature_id: int
    name: str
    enabled: bool | None = None


class WorkspaceFeatures(TogglModel):
    """GET /me/features: which features one workspace has."""

    workspace_id: int
    features: list[Feature] | None = None


class WorkspacePreferences(TogglModel):
    """GET/POST /workspaces/{id}/preferences.

    The dated fields are kept as the strings the service stores: they are free-form values
    that clients write, not server timestamps.
    """

    hide_start_end_times: bool | None = None
    """The workspace works with duration-only time entries."""
    report_locked_at: str | None = None
    single_sign_on: bool | None = None
    sso_requested_at: str | None = None
    inc_tos_accepted_at: str | None = None
    inc_tos_accepted_by: int | None = None
    initial_pricing_plan: int | None = None
    master_signup: bool | None = None
    annual_master_campaign_2018: str | None = msgspec.field(
        default=None, name="annual-master-campaign-2018"
    )
    january_2018_campaign: bool | None = msgspec.field(default=None, name="january-2018-campaign")
    logo: str | None = None


WorkspacePreferencesUpdate = partial_update_type(
    WorkspacePreferences, "WorkspacePreferencesUpdate", exclude=frozenset({"logo"})
)
"""The body of POST /workspaces/{id}/preferences: every documented field but ``logo``."""


class WorkspacePreferencesFields(TypedDict, total=False):
    """The keyword arguments of ``workspaces.update_preferences()``."""

    hide_start_end_times: bool | None
    report_locked_at: str | None
    single_sign_on: bool | None
    sso_requested_at: str | None
    inc_tos_accepted_at: str | None
    inc_tos_accepted_by: int | None
    initial_pricing_plan: int | None
    master_signup: bool | None
    annual_master_campaign_2018: str | None
    january_2018_campaign: bool | None
