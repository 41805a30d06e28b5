"""Deterministic synthetic accounts for the fake Toggl Track service.

Everything is drawn from one seeded ``random.Random``: the same ``(count, seed)`` always
yields byte-identical data. The bodies deliberately carry the real service's quirks: mixed
timestamp formats, nulls where the docs promise integers or arrays, undocumented keys,
keys that are sometimes absent, whole-number floats serialised without a fraction.
"""

from __future__ import annotations

import base64
import copy
import functools
import pickle
import random
import re
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

JsonObject = dict[str, Any]

# The generated world's "now": every generated timestamp lies before it.
BASE_TIME = datetime(2026, 10, 3, 9, 15, 42, 123456, tzinfo=timezone.utc)

# (offset suffix, fractional digits): the real service mixes all of these in one body.
TIMESTAMP_STYLES: tuple[tuple[str, int], ...] = (
    ("Z", 0),
    ("+00:00", 3),
    ("Z", 6),
    ("+00:00", 0),
    ("Z", 3),
    ("+00:00", 6),
    ("Z", 1),
    ("+00:00", 5),
)

_TIMESTAMP_RE = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:\d\d)")


def format_timestamp(moment: datetime, style: int) -> str:
    """Render ``moment`` (UTC) in one of :data:`TIMESTAMP_STYLES`."""
    suffix, digits = TIMESTAMP_STYLES[style % len(TIMESTAMP_STYLES)]
    text = moment.isoformat(timespec="seconds")[:19]
    if digits:
        text += "." + f"{moment.microsecond:06d}"[:digits]
    return text + suffix


def timestamp_to_unix(text: str) -> float:
    """Parse any timestamp this module writes (``datetime.fromisoformat`` in 3.10 cannot)."""
    match = _TIMESTAMP_RE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a timestamp: {text!r}")
    whole, fraction, offset = match.groups()
    offset = "+00:00" if offset == "Z" else offset
    moment = datetime.fromisoformat(f"{whole}.{(fraction or '').ljust(6, '0')}{offset}")
    return moment.timestamp()


def _date(moment: datetime) -> str:
    return moment.date().isoformat()


class Clock:
    """A logical clock for writes: each tick moves a little past the generated world."""

    def __init__(self) -> None:
        self._now = BASE_TIME + timedelta(minutes=1)
        self._ticks = 0

    @property
    def now(self) -> datetime:
        """The latest moment written."""
        return self._now

    def tick(self) -> tuple[str, str]:
        """Advance and return the new moment in two different styles (e.g. updated_at, at)."""
        self._now += timedelta(seconds=1, microseconds=250_000)
        self._ticks += 1
        return (
            format_timestamp(self._now, self._ticks),
            format_timestamp(self._now, self._ticks + 1),
        )


@dataclass(eq=False)
class FakeAccount:
    """One user of the fake service with all of its server-side state.

    The JSON-ready dicts are the live state the fake answers from (PUT /me and the
    preference endpoints mutate them), so tests can compare SDK results against them.
    """

    password: str = field(repr=False)
    user: JsonObject = field(repr=False)
    organizations: list[JsonObject] = field(repr=False)
    workspaces: list[JsonObject] = field(repr=False)
    clients: list[JsonObject] = field(repr=False)
    projects: list[JsonObject] = field(repr=False)
    tasks: list[JsonObject] = field(repr=False)
    tags: list[JsonObject] = field(repr=False)
    time_entries: list[JsonObject] = field(repr=False)
    features: list[JsonObject] = field(repr=False)
    track_reminders: list[JsonObject] = field(repr=False)
    location: JsonObject | None = field(repr=False)
    preferences: JsonObject = field(repr=False)
    workspace_preferences: dict[int, JsonObject] = field(repr=False)
    # Per-client preferences ("desktop", "web") are copied from ``preferences`` on first write.
    client_preferences: dict[str, JsonObject] = field(default_factory=dict, repr=False)

    @property
    def token(self) -> str:
        return str(self.user["api_token"])

    @property
    def email(self) -> str:
        return str(self.user["email"])

    @property
    def user_id(self) -> int:
        return int(self.user["id"])

    @property
    def authorization(self) -> str:
        """An ``Authorization`` header value for this account (token Basic auth)."""
        credentials = base64.b64encode(f"{self.token}:api_token".encode()).decode()
        return f"Basic {credentials}"

    @property
    def workspace_ids(self) -> list[int]:
        return [int(ws["id"]) for ws in self.workspaces]

    def __repr__(self) -> str:
        return f"FakeAccount(user_id={self.user_id}, email={self.email!r})"


_PEOPLE = (
    ("Ada", "Lovelace", "Europe/London"),
    ("Grace", "Hopper", "America/New_York"),
    ("Alan", "Turing", "Europe/Berlin"),
    ("Katherine", "Johnson", "America/Chicago"),
    ("Edsger", "Dijkstra", "Europe/Amsterdam"),
    ("Margaret", "Hamilton", "America/Los_Angeles"),
)
_WORDS = (
    "Apollo",
    "Beacon",
    "Café",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Orbit",
    "Pioneer",
    "Quartz",
    "Redwood",
    "Summit",
    "Tundra",
    "Ünïcode",
    "Vertex",
    "Willow",
    "Zephyr",
    "数据",
)
_ACTIVITIES = (
    "Design",
    "Review",
    "Planning",
    "Research",
    "Support",
    "Deploy",
    "Testing",
    "Docs",
    "Meeting",
    "Refactor",
    "Onboarding",
    "Migration",
)
_CLIENT_NAMES = (
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark Industries",
    "Wayne Enterprises",
    "Hooli",
    "Vandelay Imports",
    "Soylent",
    "Müller & Söhne GmbH",
)
_TAG_NAMES = (
    "deep-work",
    "meeting",
    "billable",
    "urgent",
    "review",
    "email",
    "call",
    "research",
    "admin",
    "travel",
    "design",
    "bugfix",
    "ops",
    "support",
    "planning",
    "writing",
    "qa",
    "learning",
    "hiring",
    "sales",
    "café",
    "🚀launch",
    "ux",
    "infra",
    "legal",
    "finance",
    "mentoring",
    "demo",
    "sprint",
    "retro",
)
_COLORS = ("#0b83d9", "#9e5bd9", "#d94182", "#e36a00", "#bf7000", "#2da608", "#06a893", "#c9806b")
_PLACES = (
    {
        "city": "Tallinn",
        "city_lat_long": "59.436962,24.753574",
        "country_code": "EE",
        "country_name": "Estonia",
        "state": "Harjumaa",
    },
    {
        "city": "Lisbon",
        "city_lat_long": "38.722252,-9.139337",
        "country_code": "PT",
        "country_name": "Portugal",
        "state": "Lisboa",
    },
)
_FEATURE_CATALOGUE = (
    (0, "free"),
    (13, "pro"),
    (15, "business"),
    (50, "scheduled_reports"),
    (51, "time_audits"),
    (52, "locking_time_entries"),
    (55, "project_tasks"),
    (58, "private_projects"),
    (61, "tracking_reminders"),
    (63, "time_entry_constraints"),
)
# Alpha features: (alpha_feature_id, code, description or "" when the service omits it).
ALPHA_FEATURES = (
    (3, "timeline_v2", "New timeline view"),
    (7, "calendar_sync", "Two-way calendar sync"),
    (11, "reports_beta", "Redesigned reports"),
    (12, "ai_suggestions", ""),
    (19, "goals", "Personal tracking goals"),
    (23, "pomodoro_v2", "Focus timer with breaks"),
    (31, "invoice_export", ""),
    (42, "dark_mode_auto", "Follow the system theme"),
)

_SHORTCUT = {"key": 84, "modifiers": 3}

# Every preference key the service knows, with the value a fresh account gets.
# Mixed cases are the service's own (snake_case, camelCase, and the undocumented
# capitalised "BeginningOfWeek").
PREFERENCE_DEFAULTS: JsonObject = {
    "activity_timeline_display_activity": True,
    "activity_timeline_grouping_interval": "15m",
    "activity_timeline_grouping_method": "by_app",
    "activity_timeline_recording_level": "app",
    "activity_timeline_sync_events": False,
    "automatic_tagging": False,
    "autotracking_enabled": False,
    "BeginningOfWeek": 1,
    "calendar_snap_duration": "15m",
    "calendar_snap_initial_location": "now",
    "calendar_visible_hours_end": 20,
    "calendar_visible_hours_start": 7,
    "calendar_zoom_level": "default",
    "cell_swipe_actions_enabled": True,
    "charts_view_type": "bar",
    "collapseDetailedReportEntries": False,
    "collapseTimeEntries": True,
    "dashboards_view_type": "grid",
    "date_format": "MM/DD/YYYY",
    "decimal_separator": ".",
    "default_project_id": None,
    "default_task_id": None,
    "displayDensity": "compact",
    "distinctRates": "Off",
    "duration_format": "improved",
    "duration_format_on_timer_duration_field": False,
    "edit_popup_integration_timer": True,
    "extension_send_error_reports": True,
    "extension_send_usage_statistics": True,
    "firstSeenBusinessPromo": 0,
    "focus_app_on_time_entry_started": False,
    "focus_app_on_time_entry_stopped": False,
    "haptic_feedback_enabled": True,
    "hide_keyboard_shortcut": False,
    "idle_detection_enabled": True,
    "idle_detection_interval_in_minutes": 5,
    "inactivity_behavior": "ask",
    "is_summary_total_view_visible": True,
    "keep_mini_timer_on_top": False,
    "keep_window_on_top": False,
    "keyboard_increment_timer_page": 5,
    "keyboard_shortcuts_enabled": True,
    "macos_auto_tracking_rules": [],
    "macos_show_hide_toggl_keyboard_shortcut": _SHORTCUT,
    "macos_stop_continue_keyboard_shortcut": _SHORTCUT,
    "manualEntryMode": "timer",
    "manualMode": False,
    "manualModeOverlaySeen": True,
    "modify_on_start_time_change": "duration",
    "offlineMode": "off",
    "pg_time_zone_name": "Europe/London",
    "pomodoro_auto_start_break": False,
    "pomodoro_auto_start_focus": False,
    "pomodoro_break_interval_in_minutes": 5,
    "pomodoro_break_project_id": None,
    "pomodoro_break_start_sound_enabled": True,
    "pomodoro_break_tag_id": None,
    "pomodoro_countdown_timer": True,
    "pomodoro_enabled": False,
    "pomodoro_focus_interval_in_minutes": 25,
    "pomodoro_focus_sound": "none",
    "pomodoro_global_sound_enabled": True,
    "pomodoro_interval_end_sound": True,
    "pomodoro_interval_end_volume": 50,
    "pomodoro_longer_break_duration_in_minutes": 15,
    "pomodoro_prevent_screen_lock": False,
    "pomodoro_rounds_before_longer_break": 4,
    "pomodoro_session_start_sound_enabled": True,
    "pomodoro_show_notifications": True,
    "pomodoro_stop_timer_at_interval_end": False,
    "pomodoro_track_breaks_as_time_entries": False,
    "projectDashboardActivityMode": "list",
    "project_shortcut_enabled": False,
    "record_timeline": False,
    "remember_last_project": "always",
    "reminder_days": "1,2,3,4,5",
    "reminder_enabled": True,
    "reminder_interval_in_minutes": 30,
    "reminder_period": "09:00-18:00",
    "reminder_snoozing_in_minutes": 5,
    "reportRounding": False,
    "reportRoundingDirection": "up",
    "reportRoundingStepInMinutes": 15,
    "reportsHideWeekends": False,
    "running_entry_warning": "off",
    "running_timer_notification_enabled": True,
    "seenFollowModal": True,
    "seenFooterPopup": True,
    "seenProjectDashboardOverlay": False,
    "seenTogglButtonModal": True,
    "send_product_emails": False,
    "send_timer_notifications": True,
    "send_weekly_report": True,
    "showTimeInTitle": True,
    "show_all_entries": False,
    "show_changelog": True,
    "show_description_in_menu_bar": True,
    "show_dock_icon": True,
    "show_events_in_calendar": False,
    "show_project_in_menu_bar": True,
    "show_qr_scanner": False,
    "show_seconds_in_menu_bar": False,
    "show_timeline_in_day_view": True,
    "show_timer_in_menu_bar": True,
    "show_today_total_in_menu_bar": False,
    "show_total_billable_hours": True,
    "show_weekend_on_timer_page": True,
    "show_workouts_in_calendar": False,
    "sleep_behaviour": "ask",
    "smart_alerts_option": "off",
    "snowballReportRounding": "off",
    "stack_times_on_manual_mode_after": "last",
    "start_automatically": False,
    "start_shortcut_mode": "continue",
    "stop_at_specific_time": False,
    "stop_automatically": False,
    "stop_entry_on_shutdown": False,
    "stop_specified_time": "18:00",
    "stopped_timer_notification_enabled": True,
    "suggestions_enabled": True,
    "summaryReportAmounts": "billable",
    "summaryReportDistinctRates": False,
    "summaryReportGrouping": "projects",
    "summaryReportSortAsc": True,
    "summaryReportSortField": "duration",
    "summaryReportSubGrouping": "time_entries",
    "summary_total_mode": "day",
    "tags_shortcut_enabled": True,
    "theme": "dark",
    "time_entry_display_mode": "list",
    "time_entry_ghost_suggestions_enabled": True,
    "time_entry_start_stop_input_mode": "time",
    "timeofday_format": "H:mm",
    "timerView": "calendar",
    "timerViewMobile": "list",
    "toSAcceptNeeded": False,
    "use_mini_timer": False,
    "visibleFooter": "none",
    "webTimeEntryStarted": True,
    "webTimeEntryStopped": True,
    "weeklyReportGrouping": "projects",
    "weeklyReportValueToShow": "duration",
    "windows_auto_tracking_rules": [],
    "windows_show_hide_toggl_keyboard_shortcut": _SHORTCUT,
    "windows_stop_continue_keyboard_shortcut": _SHORTCUT,
    "windows_stop_start_keyboard_shortcut": _SHORTCUT,
    "windows_theme": "system",
    "workout_default_project_id": None,
    # In the official swagger's AllPreferences, not on the docs page.
    "analyticsAdvancedFilters": False,
    "auto_tracker_delay_enabled": False,
    "auto_tracker_delay_in_seconds": 0,
    "auto_tracker_stop_on_no_rule_match_enabled": False,
    "default_project_task": None,
    "hide_sidebar_right": False,
    "ios_is_goals_view_shown": False,
    "is_goals_view_expanded": False,
    "is_goals_view_shown": False,
    "keyboard_shortcuts_share_time_entries": False,
    "mac_is_goals_view_shown": False,
    "pomodoro_break_project": None,
    "pomodoro_break_tag": None,
    "run_app_on_startup": False,
    "send_added_to_project_notification": True,
    "send_daily_project_invites": True,
    "send_product_release_notification": True,
    "send_system_message_notification": True,
    "sharing_shortcut_enabled": False,
    "time_entry_invitations_notification_enabled": True,
    "workout_default_project": None,
    "workout_default_tag": None,
    "workout_default_tag_id": None,
}
# Keys documented as "omitted if empty": each account lacks a few of them.
_OMITTABLE_PREFERENCES = (
    "decimal_separator",
    "displayDensity",
    "distinctRates",
    "firstSeenBusinessPromo",
    "hide_keyboard_shortcut",
    "offlineMode",
    "reportRoundingDirection",
    "visibleFooter",
    "timerViewMobile",
    "weeklyReportValueToShow",
)

WORKSPACE_PREFERENCE_DEFAULTS: JsonObject = {
    "hide_start_end_times": False,
    "report_locked_at": None,
    "single_sign_on": False,
    "sso_requested_at": None,
    "inc_tos_accepted_at": None,
    "inc_tos_accepted_by": None,
    "initial_pricing_plan": 0,
    "master_signup": False,
    "logo": None,
    "annual-master-campaign-2018": None,
    "january-2018-campaign": False,
}

# The only values POST /me/preferences accepts for these two keys.
DATE_FORMATS = (
    "MM/DD/YYYY",
    "DD-MM-YYYY",
    "MM-DD-YYYY",
    "YYYY-MM-DD",
    "DD/MM/YYYY",
    "DD.MM.YYYY",
)
TIMEOFDAY_FORMATS = ("H:mm", "h:mm A")

_PROJECT_END_DATE = _date(BASE_TIME + timedelta(days=90))
_CURRENT_PERIOD = {"start_date": _date(BASE_TIME.replace(day=1)), "end_date": _date(BASE_TIME)}

PROJECTS_PER_ACCOUNT = 450
_DELETED_PROJECTS = 5
_TASKS_PER_ACCOUNT = 120
_TIME_ENTRIES_PER_ACCOUNT = 40
_HISTORY_WEEKS = 6
_HISTORY_ID_BASE = 3_000_000_000
_HISTORY_DESCRIPTIONS = (
    None, "Code review", "Standup", "Sprint planning", "Customer call", "Bug triage",
    "Writing docs", "Pairing", "Release prep", "Email",
)


def time_entry(
    entry_id: int,
    *,
    workspace_id: int,
    project_id: int | None,
    task_id: int | None,
    user_id: int,
    billable: bool,
    start: str,
    stop: str | None,
    duration: int,
    description: str | None,
    tags: list[JsonObject] | None,
    at: str,
) -> JsonObject:
    """A time entry as the service keeps it, keys in the order it sends them; ``tags`` are
    tag objects (None: never given, as a create without tags leaves them)."""
    entry: JsonObject = {
        "id": entry_id,
        "workspace_id": workspace_id,
        "project_id": project_id,
        "task_id": task_id,
        "billable": billable,
        "start": start,
        "stop": stop,
        "duration": duration,
        "description": description,
        "tags": None if tags is None else [tag["name"] for tag in tags],
        "tag_ids": None if not tags else [tag["id"] for tag in tags],
        "duronly": True,
        "at": at,
        "server_deleted_at": None,
        "user_id": user_id,
        "uid": user_id,
        "wid": workspace_id,
    }
    # The legacy aliases of unset ids are left out, as the service does.
    if project_id is not None:
        entry["pid"] = project_id
    if task_id is not None:
        entry["tid"] = task_id
    entry["permissions"] = None
    return entry


def build_accounts(count: int, seed: int) -> list[FakeAccount]:
    """Generate ``count`` fresh accounts; ids are unique across all of them."""
    return [FakeAccount(**fields) for fields in pickle.loads(_generated_accounts(count, seed))]


@functools.lru_cache(maxsize=8)
def _generated_accounts(count: int, seed: int) -> bytes:
    # Generating takes tens of milliseconds and test suites start many fakes with the same
    # options: keep a serialised snapshot and hand out independent copies of it.
    builder = _WorldBuilder(random.Random(seed))
    return pickle.dumps([vars(builder.account(index, count)) for index in range(count)])


def _integrations() -> JsonObject:
    return {"integration_provider": None, "integration_ext_id": None, "integration_ext_type": None}


class _WorldBuilder:
    """Draws all accounts from a single random stream, so ids never collide."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._last_ids = {
            "user": 5_200_000,
            "organization": 7_100_000,
            "workspace": 8_300_000,
            "client": 61_000_000,
            "project": 190_000_000,
            "task": 92_000_000,
            "tag": 15_500_000,
            "time_entry": 3_600_000_000,
            "reminder": 40_000,
        }

    # -- primitives ---------------------------------------------------------------------
    def _next_id(self, kind: str) -> int:
        """Ascending ids with gaps: other users' rows sit in between on the real service."""
        self._last_ids[kind] += self._rng.randint(1, 9)
        return self._last_ids[kind]

    def _hex(self, length: int) -> str:
        return f"{self._rng.getrandbits(length * 4):0{length}x}"

    def _moment(self, max_days_back: float, after: datetime | None = None) -> datetime:
        """A moment, to the microsecond, before BASE_TIME (and after ``after`` when given)."""
        latest = BASE_TIME.timestamp()
        earliest = after.timestamp() if after else latest - max_days_back * 86400
        seconds = earliest + self._rng.random() * (latest - earliest)
        return datetime.fromtimestamp(round(seconds, 6), timezone.utc)

    def _stamp(self, moment: datetime) -> str:
        return format_timestamp(moment, int(self._rng.random() * len(TIMESTAMP_STYLES)))

    def _created_and_at(self, max_days_back: float) -> tuple[str, str, datetime]:
        created = self._moment(max_days_back)
        return self._stamp(created), self._stamp(self._moment(0, after=created)), created

    def _maybe(self, share: float, value: Any) -> Any:
        """``value`` with probability ``share``, else null (as the service often sends)."""
        return value if self._rng.random() < share else None

    def _money(self) -> float | int | None:
        # Whole amounts come as JSON integers, others with a fraction, some are null.
        return self._rng.choice((None, None, 50, 75, 37.5, 42.25, 120.8, 12.75))

    # -- account ------------------------------------------------------------------------
    def account(self, index: int, count: int) -> FakeAccount:
        # The last of several accounts is "sparse": no location, no clients, no reminders,
        # so the empty-body and omitted-key quirks are reachable.
        sparse = count > 1 and index == count - 1
        first, last, tz = _PEOPLE[index % len(_PEOPLE)]
        suffix = "" if index < len(_PEOPLE) else str(index)
        user_id = self._next_id("user")
        organizations = [self._organization(i) for i in range(1 + index % 2)]
        workspaces = [
            # Account 0's second workspace is one where the user is not an admin.
            self._workspace(position, organizations, admin=not (index == 0 and position == 1))
            for position in range(3 if index % 2 == 0 else 2)
        ]
        wids = [ws["id"] for ws in workspaces]
        clients = [] if sparse else self._clients(wids, user_id)
        projects = self._projects(wids, clients)
        for ws in workspaces:
            ws["active_project_count"] = sum(
                p["workspace_id"] == ws["id"] and p["active"] for p in projects
            )
        tasks = self._tasks(projects, user_id)
        tags = self._tags(wids, user_id)
        user = self._user(index, user_id, f"{first} {last}", tz, wids[0])
        user["email"] = f"{first}.{last}{suffix}@example.com".lower()
        return FakeAccount(
            password=f"{last.lower()}-{self._hex(8)}",
            user=user,
            organizations=organizations,
            workspaces=workspaces,
            clients=clients,
            projects=projects,
            tasks=tasks,
            tags=tags,
            time_entries=self._time_entries(projects, tasks, tags, user_id),
            features=[self._features(ws) for ws in workspaces],
            track_reminders=[] if sparse else self._reminders(wids, user_id),
            location=None if sparse else dict(_PLACES[index % len(_PLACES)]),
            preferences=self._preferences(tz, projects),
            workspace_preferences={wid: dict(WORKSPACE_PREFERENCE_DEFAULTS) for wid in wids},
        )

    def _user(self, index: int, user_id: int, fullname: str, tz: str, wid: int) -> JsonObject:
        created = self._moment(900)
        updated = self._moment(0, after=created)
        user: JsonObject = {
            "id": user_id,
            "api_token": self._hex(32),
            "email": "",
            "fullname": fullname,
            "timezone": tz,
            "toggl_accounts_id": "".join(
                self._rng.choice(string.ascii_letters + string.digits) for _ in range(22)
            ),
            "default_workspace_id": wid,
            "beginning_of_week": self._rng.choice((0, 1)),
            "image_url": "https://assets.track.toggl.com/images/profile.png",
            # Fixed styles so a single /me body always mixes formats.
            "created_at": format_timestamp(created, 0),
            "updated_at": format_timestamp(updated, 1),
            "openid_email": None,
            "openid_enabled": False,
            "country_id": None if index == 1 else self._rng.choice((70, 99, 143, 234)),
            "has_password": True,
            "at": format_timestamp(updated, 2),
            "intercom_hash": self._hex(64),
            "oauth_providers": (["google"], None, [])[index % 3],
            "authorization_updated_at": format_timestamp(self._moment(30), 5),
            # Undocumented keys the real service sends.
            "2fa_enabled": False,
            "send_product_emails": index % 2 == 0,
        }
        # "options" is documented as an object omitted when empty; it also comes as [].
        if index % 3 == 0:
            user["options"] = []
        elif index % 3 == 2:
            user["options"] = {"reports_onboarding_seen": True}
        return user

    def _organization(self, position: int) -> JsonObject:
        created, at, _ = self._created_and_at(900)
        trial = position == 1
        return {
            "id": self._next_id("organization"),
            "name": ("Lovelace Labs", "Side Projects")[position],
            "admin": True,
            "owner": position == 0,
            "at": at,
            "created_at": created,
            "is_multi_workspace_enabled": position == 0,
            "is_unified": False,
            "max_data_retention_days": -1,
            "max_workspaces": 20 if position == 0 else None,
            "permissions": None,
            "pricing_plan_enterprise": False,
            "pricing_plan_id": 0 if trial else 108,
            "pricing_plan_name": "Free" if trial else "Starter",
            "suspended_at": None,
            "server_deleted_at": None,
            "user_count": self._rng.randint(1, 12),
            "trial_info": {
                "can_have_trial": not trial,
                "last_pricing_plan_id": None,
                "next_payment_date": None
                if trial
                else _date(BASE_TIME + timedelta(days=self._rng.randint(1, 30))),
                "trial": trial,
                "trial_available": not trial,
                "trial_end_date": _date(BASE_TIME + timedelta(days=14)) if trial else None,
            },
        }

    def _workspace(
        self, position: int, organizations: list[JsonObject], *, admin: bool
    ) -> JsonObject:
        wid = self._next_id("workspace")
        at = self._stamp(self._moment(120))
        # Plans by position: Premium (business), Starter, Free.
        premium = position < 2
        return {
            "id": wid,
            "organization_id": organizations[position % len(organizations)]["id"],
            "name": ("Main", "Client work", "Personal")[position] + " workspace",
            "profile": 0,
            "premium": premium,
            "business_ws": position == 0,
            "admin": admin,
            "role": "admin" if admin else "user",
            "suspended_at": None,
            "server_deleted_at": None,
            "default_hourly_rate": (42.5, None, 60)[position],
            "rate_last_updated": self._stamp(self._moment(200)) if position == 0 else None,
            "default_currency": ("USD", "EUR", "USD")[position],
            "only_admins_may_create_projects": position == 1,
            "only_admins_may_create_tags": False,
            "only_admins_see_billable_rates": position == 1,
            "only_admins_see_team_dashboard": False,
            "projects_billable_by_default": True,
            "projects_private_by_default": position != 2,
            "projects_enforce_billable": False,
            "reports_collapse": True,
            "rounding": (1, 0, -1)[position],
            "rounding_minutes": (0, 15, None)[position],
            "api_token": self._hex(32),
            "at": at,
            "last_modified": self._stamp(self._moment(10)),
            "logo_url": "https://assets.track.toggl.com/images/workspace.jpg",
            "ical_url": f"/ical/workspace_user/{self._hex(32)}" if position != 2 else None,
            "ical_enabled": position != 2,
            "csv_upload": {"at": at, "log_id": self._rng.randint(1000, 9999)}
            if position == 1
            else None,
            "subscription": None,
            "te_constraints": {
                "description_present": position == 1,
                "project_present": position == 1,
                "tag_present": False,
                "task_present": False,
                "time_entry_constraints_enabled": position == 1,
            },
            "working_hours_in_minutes": 480 if position == 0 else None,
            "hide_start_end_times": False,
            "max_data_retention_days": None if premium else 90,
            "permissions": None,
            "active_project_count": 0,
        }

    def _clients(self, wids: list[int], user_id: int) -> list[JsonObject]:
        clients = []
        for position, name in enumerate(_CLIENT_NAMES):
            at = self._stamp(self._moment(400))
            clients.append(
                {
                    "id": self._next_id("client"),
                    "wid": self._rng.choice(wids),
                    "archived": position == 3,
                    "name": name,
                    "at": at,
                    "creator_id": user_id,
                    "notes": self._maybe(0.3, f"Contract #{self._rng.randint(100, 999)}"),
                    "permissions": None,
                    "server_deleted_at": at if position == 6 else None,
                    **_integrations(),
                }
            )
        return clients

    def _projects(self, wids: list[int], clients: list[JsonObject]) -> list[JsonObject]:
        total = PROJECTS_PER_ACCOUNT + _DELETED_PROJECTS
        deleted_positions = set(self._rng.sample(range(total), _DELETED_PROJECTS))
        client_ids = {wid: [c["id"] for c in clients if c["wid"] == wid] for wid in wids}
        projects = []
        for n in range(total):
            wid = self._rng.choice(wids)
            client_id = self._rng.choice(client_ids[wid]) if client_ids[wid] else None
            projects.append(self._project(n, wid, client_id, deleted=n in deleted_positions))
        return projects

    def _project(self, n: int, wid: int, client_id: int | None, *, deleted: bool) -> JsonObject:
        rng = self._rng
        created, at, created_moment = self._created_and_at(700)
        active = rng.random() > 0.12
        status = "deleted" if deleted else "active" if active else "archived"
        estimated_hours = rng.choice((None, None, 10, 40, 12.5, 7.75))
        actual_hours = rng.choice((None, 3, 18, 2.5, 31.25))
        recurring = rng.random() < 0.05
        start = created_moment.date()
        project: JsonObject = {
            "id": self._next_id("project"),
            "workspace_id": wid,
            "wid": wid,
            "client_id": client_id,
            "cid": client_id,
            "name": f"{rng.choice(_WORDS)} {rng.choice(_ACTIVITIES)} {n + 1}",
            "is_private": rng.random() < 0.6,
            "active": active,
            "at": at,
            "created_at": created,
            "server_deleted_at": at if deleted else None,
            "color": rng.choice(_COLORS),
            "billable": rng.choice((None, True, False)),
            "template": rng.choice((None, False)),
            "auto_estimates": rng.choice((None, False)),
            "estimated_hours": estimated_hours,
            "estimated_seconds": None if estimated_hours is None else int(estimated_hours * 3600),
            "rate": self._money(),
            "rate_last_updated": self._maybe(0.2, at),
            "currency": rng.choice((None, "USD", "EUR")),
            "recurring": recurring,
            "template_id": None,
            "recurring_parameters": [
                {
                    "custom_period": None,
                    "estimated_seconds": 36000,
                    "parameter_end_date": None,
                    "parameter_start_date": start.isoformat(),
                    "period": "monthly",
                    "project_start_date": start.isoformat(),
                }
            ]
            if recurring
            else None,
            "current_period": dict(_CURRENT_PERIOD) if recurring else None,
            "fixed_fee": rng.choice((None, None, None, 1500, 2499.99)),
            "actual_hours": actual_hours,
            "actual_seconds": None if actual_hours is None else int(actual_hours * 3600) + 17,
            "start_date": start.isoformat(),
            "end_date": self._maybe(0.1, _PROJECT_END_DATE),
            "status": status,
            "can_track_time": True,
            "is_shared": False,
            "pinned": rng.random() < 0.05,
            "permissions": None,
            **_integrations(),
        }
        if rng.random() < 0.04:
            project.update(is_shared=True, shared_at=at, shared_hash=self._hex(16))
        # Sometimes a count, sometimes null, sometimes not sent at all.
        tasks_count = rng.choice((0, 3, None, "absent"))
        if tasks_count != "absent":
            project["tasks_count"] = tasks_count
        return project

    def _tasks(self, projects: list[JsonObject], user_id: int) -> list[JsonObject]:
        live = [p for p in projects if p["server_deleted_at"] is None]
        tasks = []
        for n in range(_TASKS_PER_ACCOUNT):
            project = self._rng.choice(live)
            estimated = self._rng.choice((None, 3600, 7200, 28800))
            tasks.append(
                {
                    "id": self._next_id("task"),
                    "name": f"{self._rng.choice(_ACTIVITIES)} task {n + 1}",
                    "workspace_id": project["workspace_id"],
                    "project_id": project["id"],
                    "user_id": self._maybe(0.4, user_id),
                    "active": self._rng.random() > 0.15,
                    "at": self._stamp(self._moment(300)),
                    "estimated_seconds": estimated,
                    # Documented as milliseconds despite the name.
                    "tracked_seconds": self._rng.randrange(0, 40) * 900_000,
                    "recurring": False,
                    "rate": self._money(),
                    "rate_last_updated": None,
                    "due_date": self._maybe(0.2, _date(BASE_TIME + timedelta(days=n % 30))),
                    "toggl_accounts_id": None,
                    "server_deleted_at": None,
                    "permissions": None,
                    **_integrations(),
                }
            )
        return tasks

    def _tags(self, wids: list[int], user_id: int) -> list[JsonObject]:
        deleted = self._rng.randrange(len(_TAG_NAMES))
        tags = []
        for position, name in enumerate(_TAG_NAMES):
            at = self._stamp(self._moment(500))
            tags.append(
                {
                    "id": self._next_id("tag"),
                    "workspace_id": self._rng.choice(wids),
                    "name": name,
                    "at": at,
                    "creator_id": user_id,
                    "deleted_at": at if position == deleted else None,
                    "permissions": None,
                    **_integrations(),
                }
            )
        return tags

    def _time_entries(
        self,
        projects: list[JsonObject],
        tasks: list[JsonObject],
        tags: list[JsonObject],
        user_id: int,
    ) -> list[JsonObject]:
        """The last two weeks (the newest entry still running), after some weeks of
        history drawn from a stream of their own (see ``_history``)."""
        active = [p for p in projects if p["active"] and p["server_deleted_at"] is None]
        live_tags = [t for t in tags if t["deleted_at"] is None]
        entries = self._history(active, tasks, live_tags, user_id)
        start = BASE_TIME - timedelta(days=14)
        for n in range(_TIME_ENTRIES_PER_ACCOUNT):
            running = n == _TIME_ENTRIES_PER_ACCOUNT - 1
            start += timedelta(minutes=self._rng.randint(30, 480))
            start = start.replace(microsecond=self._rng.randrange(1_000_000))
            duration = self._rng.randint(300, 7200)
            project = self._maybe(0.8, self._rng.choice(active))
            project_tasks = [t for t in tasks if project and t["project_id"] == project["id"]]
            task = self._rng.choice(project_tasks) if project_tasks else None
            entry_tags = self._rng.sample(live_tags, self._rng.randint(0, 2))
            entry_id = self._next_id("time_entry")
            billable = self._rng.random() < 0.3
            entries.append(time_entry(
                entry_id,
                workspace_id=project["workspace_id"] if project else tags[0]["workspace_id"],
                project_id=project["id"] if project else None,
                task_id=task["id"] if task else None,
                user_id=user_id,
                billable=billable,
                start=self._stamp(start),
                stop=None if running else self._stamp(start + timedelta(seconds=duration)),
                # A running entry has a negative duration: minus its start, on GET.
                duration=-int(start.timestamp()) if running else duration,
                description=self._rng.choice(
                    (None, "", "Code review", "Sprint planning ☕", "Fix #1234 — flaky test")
                ),
                tags=entry_tags or None,  # null, not [], without tags
                at=self._stamp(start + timedelta(seconds=duration + 5)),
            ))
        return entries

    def _history(
        self,
        active: list[JsonObject],
        tasks: list[JsonObject],
        tags: list[JsonObject],
        user_id: int,
    ) -> list[JsonObject]:
        """Workdays of the weeks before the last two, as people fill them: a few projects
        and tags over and over, 9:00 to about 18:00 UTC, some days left empty.

        Drawn from a random stream of their own, seeded from the account's user, so the
        rest of the generated world is the same with or without them; their ids lie
        below every other entry's, as older entries' do."""
        rng = random.Random(f"time-entry-history-{user_id}")
        favourites = rng.sample(active, min(4, len(active)))
        favourite_tags = rng.sample(tags, min(3, len(tags)))
        first_day = (BASE_TIME - timedelta(days=14 + 7 * _HISTORY_WEEKS)).date()
        entries = []
        next_id = _HISTORY_ID_BASE + (user_id % 100_000) * 10_000
        for offset in range(7 * _HISTORY_WEEKS):
            day = first_day + timedelta(days=offset)
            if day.weekday() >= 5 or rng.random() < 0.1:
                continue  # weekends, and a day off now and then
            moment = datetime(day.year, day.month, day.day, 9, tzinfo=timezone.utc)
            moment += timedelta(minutes=rng.randint(0, 45), seconds=rng.randint(0, 59))
            while moment.hour < 18:
                duration = rng.choice((900, 1800, 2700, 3600, 5400, 7200)) + rng.randint(-90, 90)
                project = rng.choice(favourites) if rng.random() < 0.9 else None
                project_tasks = [t for t in tasks if project and t["project_id"] == project["id"]]
                task = rng.choice(project_tasks) if project_tasks and rng.random() < 0.4 else None
                stop = moment + timedelta(seconds=duration)
                next_id += rng.randint(1, 9)
                entries.append(time_entry(
                    next_id,
                    workspace_id=project["workspace_id"] if project else tags[0]["workspace_id"],
                    project_id=project["id"] if project else None,
                    task_id=task["id"] if task else None,
                    user_id=user_id,
                    billable=bool(project and project["billable"]),
                    start=format_timestamp(moment, 3),
                    stop=format_timestamp(stop, 3),
                    duration=duration,
                    description=rng.choice(_HISTORY_DESCRIPTIONS),
                    tags=rng.sample(favourite_tags, rng.randint(0, len(favourite_tags))) or None,
                    at=format_timestamp(stop + timedelta(seconds=rng.randint(1, 600)), 2),
                ))
                moment = stop + timedelta(minutes=rng.choice((0, 0, 5, 15, 30, 60)))
        return entries

    def _features(self, workspace: JsonObject) -> JsonObject:
        plan = 2 if workspace["business_ws"] else 1 if workspace["premium"] else 0
        return {
            "workspace_id": workspace["id"],
            "features": [
                {
                    "feature_id": fid,
                    "name": name,
                    "enabled": position == 0 or (plan > 0 and position % (3 - plan) == 0),
                }
                for position, (fid, name) in enumerate(_FEATURE_CATALOGUE)
            ],
        }

    def _reminders(self, wids: list[int], user_id: int) -> list[JsonObject]:
        return [
            {
                "reminder_id": self._next_id("reminder"),
                "workspace_id": wids[0],
                "created_at": self._stamp(self._moment(200)),
                "frequency": frequency,
                "threshold": threshold,
                "group_ids": [],
                "user_ids": [user_id],
            }
            for frequency, threshold in ((1, 6), (7, 30))
        ]

    def _preferences(self, tz: str, projects: list[JsonObject]) -> JsonObject:
        omitted = set(self._rng.sample(_OMITTABLE_PREFERENCES, 3))
        prefs = {
            key: copy.deepcopy(value)
            for key, value in PREFERENCE_DEFAULTS.items()
            if key not in omitted
        }
        prefs["pg_time_zone_name"] = tz
        prefs["date_format"] = self._rng.choice(DATE_FORMATS)
        prefs["BeginningOfWeek"] = self._rng.choice((0, 1))
        prefs["macos_auto_tracking_rules"] = [
            {
                "id": self._hex(8),
                "keyword": keyword,
                "project_id": projects[n]["id"],
                "task_id": None,
            }
            for n, keyword in enumerate(("zoom", "figma"))
        ]
        prefs["alpha_features"] = [
            {"alpha_feature_id": fid, "code": code, "enabled": self._rng.random() < 0.3}
            | ({"description": description} if description else {})
            for fid, code, description in ALPHA_FEATURES
        ]
        return prefs
