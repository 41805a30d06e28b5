"""Typed models of what the Toggl Track API v9 sends, as msgspec Structs."""

from ._base import Timestamp, TogglModel
from .bulk_edit import BulkEditFailure, BulkEditOperation, BulkEditResult
from .me import Location, Me, MeUpdate
from .organizations import Organization, TrialInfo
from .preferences import (
    AlphaFeature,
    AutoTrackingRule,
    KeyboardShortcut,
    Preferences,
    PreferencesUpdate,
)
from .projects import (
    Client,
    CurrentPeriod,
    Integration,
    Project,
    RecurringParameters,
    Tag,
    Task,
)
from .time_entries import SharedWith, TimeEntry, TrackReminder, WebTimer, WebTimerEntry
from .workspaces import (
    CardDetails,
    ContactDetail,
    CsvUpload,
    Feature,
    PaymentDetails,
    Subscription,
    SubscriptionPeriod,
    TimeEntryConstraints,
    Workspace,
    WorkspaceFeatures,
    WorkspacePreferences,
    WorkspacePreferencesUpdate,
)

__all__ = [
    "AlphaFeature",
    "AutoTrackingRule",
    "BulkEditFailure",
    "BulkEditOperation",
    "BulkEditResult",
    "CardDetails",
    "Client",
    "ContactDetail",
    "CsvUpload",
    "CurrentPeriod",
    "Feature",
    "Integration",
    "KeyboardShortcut",
    "Location",
    "Me",
    "MeUpdate",
    "Organization",
    "PaymentDetails",
    "Preferences",
    "PreferencesUpdate",
    "Project",
    "RecurringParameters",
    "SharedWith",
    "Subscription",
    "SubscriptionPeriod",
    "Tag",
    "Task",
    "TimeEntry",
    "TimeEntryConstraints",
    "Timestamp",
    "TogglModel",
    "TrackReminder",
    "TrialInfo",
    "WebTimer",
    "WebTimerEntry",
    "Workspace",
    "WorkspaceFeatures",
    "WorkspacePreferences",
    "WorkspacePreferencesUpdate",
]
