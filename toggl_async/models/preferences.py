"""User preferences (GET/POST /me/preferences[/{client}]).

The service names preference keys three ways: snake_case (``date_format``), camelCase
(``collapseTimeEntries``, ``toSAcceptNeeded``) and capitalised (``BeginningOfWeek``). Every
key is a snake_case attribute here, mapped to the server's documented key on the wire both
ways; a key that arrives in another of those spellings is still recognised.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ._base import Timestamp, TogglModel, partial_update_type


class AlphaFeature(TogglModel):
    """A feature flag; ``preferences.update(alpha_features=[...])`` switches them by code."""

    alpha_feature_id: int | None = None
    code: str | None = None
    description: str | None = None
    enabled: bool | None = None
    deleted_at: Timestamp | None = None


class KeyboardShortcut(TogglModel):
    key: int | None = None
    modifiers: int | None = None


class AutoTrackingRule(TogglModel):
    """Start tracking ``project_id``/``task_id`` when a window title matches ``keyword``."""

    id: str | None = None
    keyword: str | None = None
    project_id: int | None = None
    task_id: int | None = None


class Preferences(TogglModel):
    """The user's preferences and alpha features.

    ``beginning_of_week`` is the undocumented ``BeginningOfWeek`` key the service sends.
    """

    activity_timeline_display_activity: bool | None = None
    activity_timeline_grouping_interval: str | None = None
    activity_timeline_grouping_method: str | None = None
    activity_timeline_recording_level: str | None = None
    activity_timeline_sync_events: bool | None = None
    alpha_features: list[AlphaFeature] | None = None
    automatic_tagging: bool | None = None
    autotracking_enabled: bool | None = None
    beginning_of_week: int | None = msgspec.field(default=None, name="BeginningOfWeek")
    calendar_snap_duration: str | None = None
    calendar_snap_initial_location: str | None = None
    calendar_visible_hours_end: int | None = None
    calendar_visible_hours_start: int | None = None
    calendar_zoom_level: str | None = None
    cell_swipe_actions_enabled: bool | None = None
    charts_view_type: str | None = None
    collapse_detailed_report_entries: bool | None = msgspec.field(
        default=None, name="collapseDetailedReportEntries"
    )
    collapse_time_entries: bool | None = msgspec.field(default=None, name="collapseTimeEntries")
    dashboards_view_type: str | None = None
    date_format: str | None = None
    decimal_separator: str | dict[str, Any] | None = None
    default_project_id: int | None = None
    default_task_id: int | None = None
    display_density: str | None = msgspec.field(default=None, name="displayDensity")
    distinct_rates: str | None = msgspec.field(default=None, name="distinctRates")
    duration_format: str | None = None
    duration_format_on_timer_duration_field: bool | None = None
    edit_popup_integration_timer: bool | None = None
    extension_send_error_reports: bool | None = None
    extension_send_usage_statistics: bool | None = None
    first_seen_business_promo: int | None = msgspec.field(
        default=None, name="firstSeenBusinessPromo"
    )
    focus_app_on_time_entry_started: bool | None = None
    focus_app_on_time_entry_stopped: bool | None = None
    haptic_feedback_enabled: bool | None = None
    hide_keyboard_shortcut: bool | None = None
    idle_detection_enabled: bool | None = None
    idle_detection_interval_in_minutes: int | None = None
    inactivity_behavior: str | None = None
    is_summary_total_view_visible: bool | None = None
    keep_mini_timer_on_top: bool | None = None
    keep_window_on_top: bool | None = None
    keyboard_increment_timer_page: int | None = None
    keyboard_shortcuts_enabled: bool | None = None
    macos_auto_tracking_rules: list[AutoTrackingRule] | None = None
    macos_show_hide_toggl_keyboard_shortcut: KeyboardShortcut | None = None
    macos_stop_continue_keyboard_shortcut: KeyboardShortcut | None = None
    manual_entry_mode: str | bool | None = msgspec.field(default=None, name="manualEntryMode")
    manual_mode: bool | None = msgspec.field(default=None, name="manualMode")
    manual_mode_overlay_seen: bool | None = msgspec.field(
        default=None, name="manualModeOverlaySeen"
    )
    modify_on_start_time_change: str | None = None
    offline_mode: str | None = msgspec.field(default=None, name="offlineMode")
    pg_time_zone_name: str | None = None
    pomodoro_auto_start_break: bool | None = None
    pomodoro_auto_start_focus: bool | None = None
    pomodoro_break_interval_in_minutes: int | None = None
    pomodoro_break_project_id: int | None = None
    pomodoro_break_start_sound_enabled: bool | None = None
    pomodoro_break_tag_id: int | None = None
    pomodoro_countdown_timer: bool | None = None
    pomodoro_enabled: bool | None = None
    pomodoro_focus_interval_in_minutes: int | None = None
    pomodoro_focus_sound: str | None = None
    pomodoro_global_sound_enabled: bool | None = None
    pomodoro_interval_end_sound: bool | None = None
    pomodoro_interval_end_volume: int | None = None
    pomodoro_longer_break_duration_in_minutes: int | None = None
    pomodoro_prevent_screen_lock: bool | None = None
    pomodoro_rounds_before_longer_break: int | None = None
    pomodoro_session_start_sound_enabled: bool | None = None
    pomodoro_show_notifications: bool | None = None
    pomodoro_stop_timer_at_interval_end: bool | None = None
    pomodoro_track_breaks_as_time_entries: bool | None = None
    project_dashboard_activity_mode: str | None = msgspec.field(
        default=None, name="projectDashboardActivityMode"
    )
    project_shortcut_enabled: bool | None = None
    record_timeline: bool | None = None
    remember_last_project: str | None = None
    reminder_days: str | None = None
    reminder_enabled: bool | None = None
    reminder_interval_in_minutes: int | None = None
    reminder_period: str | None = None
    reminder_snoozing_in_minutes: int | None = None
    report_rounding: bool | None = msgspec.field(default=None, name="reportRounding")
    report_rounding_direction: str | None = msgspec.field(
        default=None, name="reportRoundingDirection"
    )
    report_rounding_step_in_minutes: int | None = msgspec.field(
        default=None, name="reportRoundingStepInMinutes"
    )
    reports_hide_weekends: bool | None = msgspec.field(default=None, name="reportsHideWeekends")
    running_entry_warning: str | None = None
    running_timer_notification_enabled: bool | None = None
    seen_follow_modal: bool | None = msgspec.field(default=None, name="seenFollowModal")
    seen_footer_popup: bool | None = msgspec.field(default=None, name="seenFooterPopup")
    seen_project_dashboard_overlay: bool | None = msgspec.field(
        default=None, name="seenProjectDashboardOverlay"
    )
    seen_toggl_button_modal: bool | None = msgspec.field(default=None, name="seenTogglButtonModal")
    send_product_emails: bool | None = None
    send_timer_notifications: bool | None = None
    send_weekly_report: bool | None = None
    show_all_entries: bool | None = None
    show_changelog: bool | None = None
    show_description_in_menu_bar: bool | None = None
    show_dock_icon: bool | None = None
    show_events_in_calendar: bool | None = None
    show_project_in_menu_bar: bool | None = None
    show_qr_scanner: bool | None = None
    show_seconds_in_menu_bar: bool | None = None
    show_time_in_title: bool | None = msgspec.field(default=None, name="showTimeInTitle")
    show_timeline_in_day_view: bool | None = None
    show_timer_in_menu_bar: bool | None = None
    show_today_total_in_menu_bar: bool | None = None
    show_total_billable_hours: bool | None = None
    show_weekend_on_timer_page: bool | None = None
    show_workouts_in_calendar: bool | None = None
    sleep_behaviour: str | None = None
    smart_alerts_option: str | None = None
    snowball_report_rounding: str | None = msgspec.field(
        default=None, name="snowballReportRounding"
    )
    stack_times_on_manual_mode_after: str | None = None
    start_automatically: bool | None = None
    start_shortcut_mode: str | None = None
    stop_at_specific_time: bool | None = None
    stop_automatically: bool | None = None
    stop_entry_on_shutdown: bool | None = None
    stop_specified_time: str | None = None
    stopped_timer_notification_enabled: bool | None = None
    suggestions_enabled: bool | None = None
    summary_report_amounts: str | None = msgspec.field(default=None, name="summaryReportAmounts")
    summary_report_distinct_rates: bool | None = msgspec.field(
        default=None, name="summaryReportDistinctRates"
    )
    summary_report_grouping: str | None = msgspec.field(default=None, name="summaryReportGrouping")
    summary_report_sort_asc: bool | None = msgspec.field(default=None, name="summaryReportSortAsc")
    summary_report_sort_field: str | None = msgspec.field(
        default=None, name="summaryReportSortField"
    )
    summary_report_sub_grouping: str | None = msgspec.field(
        default=None, name="summaryReportSubGrouping"
    )
    summary_total_mode: str | None = None
    tags_shortcut_enabled: bool | None = None
    theme: str | None = None
    time_entry_display_mode: str | None = None
    time_entry_ghost_suggestions_enabled: bool | None = None
    time_entry_start_stop_input_mode: str | None = None
    timeofday_format: str | None = None
    timer_view: str | None = msgspec.field(default=None, name="timerView")
    timer_view_mobile: str | None = msgspec.field(default=None, name="timerViewMobile")
    tos_accept_needed: bool | None = msgspec.field(default=None, name="toSAcceptNeeded")
    use_mini_timer: bool | None = None
    visible_footer: str | None = msgspec.field(default=None, name="visibleFooter")
    web_time_entry_started: bool | None = msgspec.field(default=None, name="webTimeEntryStarted")
    web_time_entry_stopped: bool | None = msgspec.field(default=None, name="webTimeEntryStopped")
    weekly_report_grouping: str | None = msgspec.field(default=None, name="weeklyReportGrouping")
    weekly_report_value_to_show: str | None = msgspec.field(
        default=None, name="weeklyReportValueToShow"
    )
    windows_auto_tracking_rules: list[AutoTrackingRule] | None = None
    windows_show_hide_toggl_keyboard_shortcut: KeyboardShortcut | None = None
    windows_stop_continue_keyboard_shortcut: KeyboardShortcut | None = None
    windows_stop_start_keyboard_shortcut: KeyboardShortcut | None = None
    windows_theme: str | None = None
    workout_default_project_id: int | None = None


def _fold(key: str) -> str:
    return key.replace("_", "").lower()


# The documented keys; read off the class without resolving its ~150 annotations.
_WIRE_KEYS = frozenset(Preferences.__struct_encode_fields__)
_WIRE_KEY_BY_FOLDED = {_fold(key): key for key in _WIRE_KEYS}


def normalize_preference_keys(raw: object) -> object:
    """Rename keys spelt differently from the documented ones (``CollapseTimeEntries``,
    ``beginningOfWeek``) to their documented spelling, so they are not lost in decoding.

    ``raw`` itself comes back when no key needs renaming (undocumented keys are left for
    the decoder to ignore)."""
    if not isinstance(raw, dict) or _WIRE_KEYS.issuperset(raw):
        return raw
    respelt = {}
    for key in raw.keys() - _WIRE_KEYS:
        wire = _WIRE_KEY_BY_FOLDED.get(_fold(key))
        if wire is not None:
            respelt[key] = wire
    if not respelt:
        return raw
    renamed = {}
    for key, value in raw.items():
        wire = respelt.get(key, key)
        # The documented spelling wins over another one of the same key.
        if wire == key or wire not in raw:
            renamed[wire] = value
    return renamed


PreferencesUpdate = partial_update_type(
    Preferences, "PreferencesUpdate", exclude=frozenset({"tos_accept_needed"})
)
"""The body of POST /me/preferences. ``toSAcceptNeeded`` is the service's to set."""
