"""User preferences (GET/POST /me/preferences[/{client}]).

The service names preference keys three ways: snake_case (``date_format``), camelCase
(``collapseTimeEntries``, ``toSAcceptNeeded``) and capitalised (``BeginningOfWeek``). Every
key is a snake_case attribute here, mapped to the server's documented key on the wire both
ways; a key that arrives in another of those spellings is still recognised. The fields are
those of the docs page and of the official swagger's ``AllPreferences``; keys added since
are kept in ``Preferences.extra``, so a read-then-write round trip loses nothing.
"""

from __future__ import annotations

from typing import Any, TypedDict

import msgspec

from ._base import Timestamp, TogglModel, partial_update_type

EXTRA_KEY = "extra"
"""Where ``Preferences.extra`` goes when the model itself is encoded."""


class AlphaFeature(TogglModel):
    """A feature flag; ``preferences.update(alpha_features=[...])`` switches them by code."""

    alpha_feature_id: int | None = None
    code: str | None = None
    description: str | None = None
    enabled: bool | None = None
    deleted_at: Timestamp | None = None
    product_id: int | None = None


class KeyboardShortcut(TogglModel):
    key: int | None = None
    modifiers: int | None = None


class AutoTrackingRule(TogglModel):
    """A macOS app rule: start tracking ``project_id``/``task_id`` when a window title
    matches ``keyword``. (Windows rules are ``WindowsAutoTrackingRule``s.)"""

    id: str | None = None
    keyword: str | None = None
    project_id: int | None = None
    task_id: int | None = None
    workspace_id: int | None = None


class WindowsAutoTrackingParameters(TogglModel):
    """When a Windows rule fires: its ``keyword`` and how it matches, and time conditions."""

    keyword: str | None = None
    keyword_mode: str | None = None
    duration: str | None = None
    time_of_day: str | None = None
    week_days: str | None = None


class WindowsAutoTrackingRule(TogglModel):
    """A Windows app rule (the swagger's ``WindowsAutoTracking``): unlike a macOS rule it
    has a ``type``, its own billable/description/tags, and the keyword in ``parameters``."""

    id: str | None = None
    type: int | None = None
    enabled: bool | None = None
    billable: bool | None = None
    description: str | None = None
    project_id: int | None = None
    task_id: int | None = None
    workspace_id: int | None = None
    tag_ids: list[int] | None = None
    skip_when_timer_is_running: bool | None = None
    start_without_confirmation: bool | None = None
    parameters: WindowsAutoTrackingParameters | None = None


class WorkspaceEntity(TogglModel):
    """A reference to a project or tag: its ``id`` and the workspace it is in."""

    id: int | None = None
    workspace_id: int | None = None


class DefaultProjectTask(TogglModel):
    project_id: int | None = None
    task_id: int | None = None
    workspace_id: int | None = None


class Preferences(TogglModel):
    """The user's preferences and alpha features.

    ``beginning_of_week`` is the undocumented ``BeginningOfWeek`` key the service sends.
    ``extra`` holds the keys the service sent that this SDK does not know yet, under
    their wire names (``preferences.update(extra={...})`` writes such keys).
    """

    activity_timeline_display_activity: bool | None = None
    activity_timeline_grouping_interval: str | None = None
    activity_timeline_grouping_method: str | None = None
    activity_timeline_recording_level: str | None = None
    activity_timeline_sync_events: bool | None = None
    alpha_features: list[AlphaFeature] | None = None
    analytics_advanced_filters: bool | None = msgspec.field(
        default=None, name="analyticsAdvancedFilters"
    )
    auto_tracker_delay_enabled: bool | None = None
    auto_tracker_delay_in_seconds: int | None = None
    auto_tracker_stop_on_no_rule_match_enabled: bool | None = None
    automatic_tagging: bool | None = None
    autotracking_enabled: bool | None = None
    # Sent as "BeginningOfWeek", the spelling real GET bodies use (evrone/toggl-python
    # fixtures, July 2024); the swagger's AllPreferences spells it "beginningOfWeek". The
    # capitalised key is a Go struct field's default name, and Go's JSON decoder matches
    # keys case-insensitively, so the service reads either spelling on POST; no recording
    # of a POST exists to confirm it. Both spellings decode (normalize_preference_keys).
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
    default_project_task: DefaultProjectTask | None = None
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
    hide_sidebar_right: bool | None = None
    idle_detection_enabled: bool | None = None
    idle_detection_interval_in_minutes: int | None = None
    inactivity_behavior: str | None = None
    ios_is_goals_view_shown: bool | None = None
    is_goals_view_expanded: bool | None = None
    is_goals_view_shown: bool | None = None
    is_summary_total_view_visible: bool | None = None
    keep_mini_timer_on_top: bool | None = None
    keep_window_on_top: bool | None = None
    keyboard_increment_timer_page: int | None = None
    keyboard_shortcuts_enabled: bool | None = None
    keyboard_shortcuts_share_time_entries: bool | None = None
    mac_is_goals_view_shown: bool | None = None
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
    pomodoro_break_project: WorkspaceEntity | None = None
    pomodoro_break_project_id: int | None = None
    pomodoro_break_start_sound_enabled: bool | None = None
    pomodoro_break_tag: WorkspaceEntity | None = None
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
    run_app_on_startup: bool | None = None
    running_entry_warning: str | None = None
    running_timer_notification_enabled: bool | None = None
    seen_follow_modal: bool | None = msgspec.field(default=None, name="seenFollowModal")
    seen_footer_popup: bool | None = msgspec.field(default=None, name="seenFooterPopup")
    seen_project_dashboard_overlay: bool | None = msgspec.field(
        default=None, name="seenProjectDashboardOverlay"
    )
    seen_toggl_button_modal: bool | None = msgspec.field(default=None, name="seenTogglButtonModal")
    send_added_to_project_notification: bool | None = None
    send_daily_project_invites: bool | None = None
    send_product_emails: bool | None = None
    send_product_release_notification: bool | None = None
    send_system_message_notification: bool | None = None
    send_timer_notifications: bool | None = None
    send_weekly_report: bool | None = None
    sharing_shortcut_enabled: bool | None = None
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
    time_entry_invitations_notification_enabled: bool | None = None
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
    windows_auto_tracking_rules: list[WindowsAutoTrackingRule] | None = None
    windows_show_hide_toggl_keyboard_shortcut: KeyboardShortcut | None = None
    windows_stop_continue_keyboard_shortcut: KeyboardShortcut | None = None
    windows_stop_start_keyboard_shortcut: KeyboardShortcut | None = None
    windows_theme: str | None = None
    workout_default_project: WorkspaceEntity | None = None
    workout_default_project_id: int | None = None
    workout_default_tag: WorkspaceEntity | None = None
    workout_default_tag_id: int | None = None
    extra: dict[str, Any] = msgspec.field(default_factory=dict, name=EXTRA_KEY)
    """Keys the service sent that this model does not know yet, under their wire names."""

    def to_dict(self) -> dict[str, Any]:
        """The preferences as the service spells them, ``extra``'s keys among the others
        (``msgspec.json.encode`` of the model keeps them apart, under ``"extra"``)."""
        data = super().to_dict()
        return {**data.pop(EXTRA_KEY, {}), **data}

    @classmethod
    def _json_decoder(cls) -> PreferencesDecoder:
        """How the transport decodes an answer into preferences (see ``decoder_for``)."""
        return PreferencesDecoder()


def _fold(key: str) -> str:
    return key.replace("_", "").lower()


# The documented keys; read off the class without resolving its ~170 annotations.
_WIRE_KEYS = frozenset(Preferences.__struct_encode_fields__) - {EXTRA_KEY}
_WIRE_KEY_BY_FOLDED = {_fold(key): key for key in _WIRE_KEYS}


def _wire_key(name: str) -> str | None:
    """The documented wire key that ``name`` is another spelling of, if any
    (``beginningOfWeek`` -> ``BeginningOfWeek``, ``collapse_time_entries`` ->
    ``collapseTimeEntries``)."""
    return _WIRE_KEY_BY_FOLDED.get(_fold(name))


def normalize_preference_keys(raw: object) -> object:
    """Rename keys spelt differently from the documented ones (``CollapseTimeEntries``,
    ``beginningOfWeek``) to their documented spelling, and gather the keys the model does
    not know under ``extra``, so that nothing the service sent is lost in decoding.

    A dict (just decoded: nobody else holds it) is changed in place and returned: only
    its stray keys are touched, not the ~100 documented ones."""
    if not isinstance(raw, dict):
        return raw
    strays = [key for key in raw if key not in _WIRE_KEYS]
    if not strays:
        return raw
    respelt = {}
    unknown = {}
    for key in strays:
        value = raw.pop(key)
        wire = _wire_key(key)
        if wire is None:
            unknown[key] = value
        else:
            respelt[wire] = value
    for wire, value in respelt.items():
        raw.setdefault(wire, value)  # the documented spelling wins over another one
    if unknown:
        raw[EXTRA_KEY] = unknown
    return raw


class PreferencesDecoder:
    """Preferences arrive with keys in several spellings, and with keys added since this
    SDK was released: respell the first, keep the second in ``extra``, then validate."""

    __slots__ = ()

    def decode(self, data: bytes) -> Preferences:
        return msgspec.convert(normalize_preference_keys(msgspec.json.decode(data)), Preferences)


PreferencesUpdate = partial_update_type(
    Preferences, "PreferencesUpdate", exclude=frozenset({"tos_accept_needed", "extra"})
)
"""The body of POST /me/preferences. ``toSAcceptNeeded`` is the service's to set; keys
the SDK does not know go through ``preferences.update(extra=...)``."""


class PreferencesFields(TypedDict, total=False):
    """The keyword arguments of ``preferences.update()``: the ``Preferences`` fields the
    service lets a user set. Nested objects may be given as models or as dicts."""

    activity_timeline_display_activity: bool | None
    activity_timeline_grouping_interval: str | None
    activity_timeline_grouping_method: str | None
    activity_timeline_recording_level: str | None
    activity_timeline_sync_events: bool | None
    alpha_features: list[AlphaFeature | dict[str, Any]] | None
    analytics_advanced_filters: bool | None
    auto_tracker_delay_enabled: bool | None
    auto_tracker_delay_in_seconds: int | None
    auto_tracker_stop_on_no_rule_match_enabled: bool | None
    automatic_tagging: bool | None
    autotracking_enabled: bool | None
    beginning_of_week: int | None
    calendar_snap_duration: str | None
    calendar_snap_initial_location: str | None
    calendar_visible_hours_end: int | None
    calendar_visible_hours_start: int | None
    calendar_zoom_level: str | None
    cell_swipe_actions_enabled: bool | None
    charts_view_type: str | None
    collapse_detailed_report_entries: bool | None
    collapse_time_entries: bool | None
    dashboards_view_type: str | None
    date_format: str | None
    decimal_separator: str | dict[str, Any] | None
    default_project_id: int | None
    default_project_task: DefaultProjectTask | dict[str, Any] | None
    default_task_id: int | None
    display_density: str | None
    distinct_rates: str | None
    duration_format: str | None
    duration_format_on_timer_duration_field: bool | None
    edit_popup_integration_timer: bool | None
    extension_send_error_reports: bool | None
    extension_send_usage_statistics: bool | None
    first_seen_business_promo: int | None
    focus_app_on_time_entry_started: bool | None
    focus_app_on_time_entry_stopped: bool | None
    haptic_feedback_enabled: bool | None
    hide_keyboard_shortcut: bool | None
    hide_sidebar_right: bool | None
    idle_detection_enabled: bool | None
    idle_detection_interval_in_minutes: int | None
    inactivity_behavior: str | None
    ios_is_goals_view_shown: bool | None
    is_goals_view_expanded: bool | None
    is_goals_view_shown: bool | None
    is_summary_total_view_visible: bool | None
    keep_mini_timer_on_top: bool | None
    keep_window_on_top: bool | None
    keyboard_increment_timer_page: int | None
    keyboard_shortcuts_enabled: bool | None
    keyboard_shortcuts_share_time_entries: bool | None
    mac_is_goals_view_shown: bool | None
    macos_auto_tracking_rules: list[AutoTrackingRule | dict[str, Any]] | None
    macos_show_hide_toggl_keyboard_shortcut: KeyboardShortcut | dict[str, Any] | None
    macos_stop_continue_keyboard_shortcut: KeyboardShortcut | dict[str, Any] | None
    manual_entry_mode: str | bool | None
    manual_mode: bool | None
    manual_mode_overlay_seen: bool | None
    modify_on_start_time_change: str | None
    offline_mode: str | None
    pg_time_zone_name: str | None
    pomodoro_auto_start_break: bool | None
    pomodoro_auto_start_focus: bool | None
    pomodoro_break_interval_in_minutes: int | None
    pomodoro_break_project: WorkspaceEntity | dict[str, Any] | None
    pomodoro_break_project_id: int | None
    pomodoro_break_start_sound_enabled: bool | None
    pomodoro_break_tag: WorkspaceEntity | dict[str, Any] | None
    pomodoro_break_tag_id: int | None
    pomodoro_countdown_timer: bool | None
    pomodoro_enabled: bool | None
    pomodoro_focus_interval_in_minutes: int | None
    pomodoro_focus_sound: str | None
    pomodoro_global_sound_enabled: bool | None
    pomodoro_interval_end_sound: bool | None
    pomodoro_interval_end_volume: int | None
    pomodoro_longer_break_duration_in_minutes: int | None
    pomodoro_prevent_screen_lock: bool | None
    pomodoro_rounds_before_longer_break: int | None
    pomodoro_session_start_sound_enabled: bool | None
    pomodoro_show_notifications: bool | None
    pomodoro_stop_timer_at_interval_end: bool | None
    pomodoro_track_breaks_as_time_entries: bool | None
    project_dashboard_activity_mode: str | None
    project_shortcut_enabled: bool | None
    record_timeline: bool | None
    remember_last_project: str | None
    reminder_days: str | None
    reminder_enabled: bool | None
    reminder_interval_in_minutes: int | None
    reminder_period: str | None
    reminder_snoozing_in_minutes: int | None
    report_rounding: bool | None
    report_rounding_direction: str | None
    report_rounding_step_in_minutes: int | None
    reports_hide_weekends: bool | None
    run_app_on_startup: bool | None
    running_entry_warning: str | None
    running_timer_notification_enabled: bool | None
    seen_follow_modal: bool | None
    seen_footer_popup: bool | None
    seen_project_dashboard_overlay: bool | None
    seen_toggl_button_modal: bool | None
    send_added_to_project_notification: bool | None
    send_daily_project_invites: bool | None
    send_product_emails: bool | None
    send_product_release_notification: bool | None
    send_system_message_notification: bool | None
    send_timer_notifications: bool | None
    send_weekly_report: bool | None
    sharing_shortcut_enabled: bool | None
    show_all_entries: bool | None
    show_changelog: bool | None
    show_description_in_menu_bar: bool | None
    show_dock_icon: bool | None
    show_events_in_calendar: bool | None
    show_project_in_menu_bar: bool | None
    show_qr_scanner: bool | None
    show_seconds_in_menu_bar: bool | None
    show_time_in_title: bool | None
    show_timeline_in_day_view: bool | None
    show_timer_in_menu_bar: bool | None
    show_today_total_in_menu_bar: bool | None
    show_total_billable_hours: bool | None
    show_weekend_on_timer_page: bool | None
    show_workouts_in_calendar: bool | None
    sleep_behaviour: str | None
    smart_alerts_option: str | None
    snowball_report_rounding: str | None
    stack_times_on_manual_mode_after: str | None
    start_automatically: bool | None
    start_shortcut_mode: str | None
    stop_at_specific_time: bool | None
    stop_automatically: bool | None
    stop_entry_on_shutdown: bool | None
    stop_specified_time: str | None
    stopped_timer_notification_enabled: bool | None
    suggestions_enabled: bool | None
    summary_report_amounts: str | None
    summary_report_distinct_rates: bool | None
    summary_report_grouping: str | None
    summary_report_sort_asc: bool | None
    summary_report_sort_field: str | None
    summary_report_sub_grouping: str | None
    summary_total_mode: str | None
    tags_shortcut_enabled: bool | None
    theme: str | None
    time_entry_display_mode: str | None
    time_entry_ghost_suggestions_enabled: bool | None
    time_entry_invitations_notification_enabled: bool | None
    time_entry_start_stop_input_mode: str | None
    timeofday_format: str | None
    timer_view: str | None
    timer_view_mobile: str | None
    use_mini_timer: bool | None
    visible_footer: str | None
    web_time_entry_started: bool | None
    web_time_entry_stopped: bool | None
    weekly_report_grouping: str | None
    weekly_report_value_to_show: str | None
    windows_auto_tracking_rules: list[WindowsAutoTrackingRule | dict[str, Any]] | None
    windows_show_hide_toggl_keyboard_shortcut: KeyboardShortcut | dict[str, Any] | None
    windows_stop_continue_keyboard_shortcut: KeyboardShortcut | dict[str, Any] | None
    windows_stop_start_keyboard_shortcut: KeyboardShortcut | dict[str, Any] | None
    windows_theme: str | None
    workout_default_project: WorkspaceEntity | dict[str, Any] | None
    workout_default_project_id: int | None
    workout_default_tag: WorkspaceEntity | dict[str, Any] | None
    workout_default_tag_id: int | None
