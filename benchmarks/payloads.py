"""Synthetic Toggl Track v9 answers for the benchmarks.

Everything is deterministic (a seeded RNG) so that every run, and every contender within
a run, reads the very same bytes. The shapes follow the v9 documentation and what the
service is seen to send: most optional fields present but null, the legacy ``wid``,
``pid``, ``tid``, ``uid`` and ``cid`` aliases after the long names (keys come in the
order the live service writes them), timestamps written with ``Z`` or ``+00:00`` and
with or without fractional seconds, one running time entry, and a fractional hourly
rate or fixed fee on some projects.

The field sets are wide enough that toggl-python 0.3.2's pydantic models (which require
many of them) read the same bytes; ``whole_number_rates`` makes the copy they need,
since those models type ``rate`` and ``fixed_fee`` as integers.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

Body = dict[str, Any]

# Sizes of the large GET /me?with_related_data=true answer (about 2.9 MB of JSON).
LARGE_ME_COUNTS = {
    "time_entries": 5000,
    "projects": 500,
    "tags": 300,
    "clients": 100,
    "tasks": 500,
    "workspaces": 3,
}

# GET /me/time_entries?meta=true as the decode benchmark reads it, and a detailed report
# page (the Reports API's page size is 50).
TIME_ENTRY_LIST_COUNT = 1000
REPORT_PAGE_ROWS = 50
# Projects behind GET /me/projects/paginated for the blocking-iteration benchmark; the
# service's default page size.
PAGINATED_PROJECTS = 10_000
FIRST_PROJECT_ID = 200_000
PROJECTS_PAGE_SIZE = 201

# Sizes of the list endpoints the fan-out reads (the shapes ../shared/bench serves too).
LIST_COUNTS = {"workspaces": 2, "projects": 450, "tags": 30, "clients": 10, "tasks": 120}

_COLORS = ("#0b83d9", "#9e5bd9", "#d94182", "#e36a00", "#bf7000", "#2da608", "#06a893")
_WORDS = (
    "planning", "review", "backend", "invoices", "design", "support", "research",
    "migration", "onboarding", "deploy", "écriture", "Überarbeitung", "テスト", "ops",
)
_CHORES = (
    "follow-up with the customer after the call",
    "pairing session on the flaky integration tests",
    "sprint planning and estimates for the next release",
    "code review: pagination of the reports endpoint",
    "write the migration guide",
    "fix",
)
_BASE_DAY = 2026, 10  # year, month of every generated timestamp


def _stamp(n: int, *, style: int = 0) -> str:
    """A UTC timestamp in October 2026, spelt in one of the ways the service uses."""
    day, rest = 1 + n % 30, n // 30
    hour, minute, second = rest % 24, (n * 7) % 60, (n * 13) % 60
    head = f"{_BASE_DAY[0]}-{_BASE_DAY[1]:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    if style % 3 == 0:
        return head + "Z"
    if style % 3 == 1:
        return head + "+00:00"
    return f"{head}.{(n * 7919) % 1000000:06d}Z"


@dataclass(frozen=True)
class Account:
    """Who the answers are about: the user id and the ids their objects start from."""

    user_id: int = 7_310_001
    workspace_id: int = 8_800_000
    organization_id: int = 8_100_000


class Generator:
    """Builds answers of any size for one account; ``seed`` fixes every choice."""

    def __init__(self, account: Account | None = None, seed: int = 2026) -> None:
        self.account = account or Account()
        self.rng = random.Random(seed)

    # -- the objects ------------------------------------------------------------------
    def user(self, *, fullname: str = "Grace Hopper", user_id: int | None = None) -> Body:
        uid = self.account.user_id if user_id is None else user_id
        now = _stamp(uid % 997, style=1)
        return {
            "id": uid,
            "api_token": f"{uid:032x}",
            "email": f"user{uid}@example.com",
            "fullname": fullname,
            "timezone": "Europe/Tallinn",
            "toggl_accounts_id": f"{uid:022d}",
            "default_workspace_id": self.account.workspace_id,
            "beginning_of_week": 1,
            "image_url": "https://assets.track.toggl.com/images/profile.png",
            "created_at": _stamp(3, style=1),
            "updated_at": now,
            "openid_email": None,
            "openid_enabled": False,
            "country_id": 70,
            "has_password": True,
            "at": now,
            "intercom_hash": f"{uid * 2654435761:064x}"[-64:],
            "oauth_providers": ["google"],
            "authorization_updated_at": now,
        }

    def workspace(self, n: int) -> Body:
        wid = self.account.workspace_id + n
        return {
            "id": wid,
            "organization_id": self.account.organization_id + n,
            "name": f"{_WORDS[n % len(_WORDS)].title()} team",
            "profile": 0,
            "premium": n % 2 == 1,
            "business_ws": False,
            "admin": n == 0,
            "role": "admin" if n == 0 else "user",
            "suspended_at": None,
            "server_deleted_at": None,
            "default_hourly_rate": None if n % 2 == 0 else 42.5,
            "rate_last_updated": None,
            "default_currency": "EUR",
            "only_admins_may_create_projects": n % 2 == 1,
            "only_admins_may_create_tags": False,
            "only_admins_see_billable_rates": False,
            "only_admins_see_team_dashboard": False,
            "projects_billable_by_default": True,
            "projects_private_by_default": True,
            "projects_enforce_billable": False,
            "last_modified": _stamp(40 + n, style=2),
            "reports_collapse": True,
            "rounding": 1,
            "rounding_minutes": 0,
            "api_token": None,
            "at": _stamp(40 + n),
            "logo_url": "https://assets.track.toggl.com/images/workspace.jpg",
            "ical_url": f"/ical/workspace_user/{wid:032x}",
            "ical_enabled": True,
            "csv_upload": None,
            "subscription": None,
            "hide_start_end_times": False,
            "working_hours_in_minutes": None,
            "permissions": None,
            "max_data_retention_days": -1,
            "te_constraints": {
                "time_entry_constraints_enabled": False, "description_present": False,
                "project_present": n == 2, "tag_present": False, "task_present": False,
            },
        }

    def project(self, n: int, n_clients: int) -> Body:
        wid = self.account.workspace_id
        client_id = 400_000 + n % n_clients if n_clients and n % 3 else None
        # Some projects carry a fractional rate or fee, as the service allows.
        rate = 37.5 if n % 6 == 0 else (80.0 if n % 6 == 3 else None)
        hours = self.rng.randrange(0, 400)
        return {
            "id": FIRST_PROJECT_ID + n,
            "workspace_id": wid,
            "client_id": client_id,
            "name": f"{_WORDS[n % len(_WORDS)].title()} {n}",
            "is_private": n % 4 == 0,
            "active": n % 17 != 0,
            "at": _stamp(n, style=n),
            "created_at": _stamp(n + 1, style=1),
            "server_deleted_at": None,
            "color": _COLORS[n % len(_COLORS)],
            "billable": None if n % 5 else True,
            "template": None,
            "auto_estimates": None,
            "estimated_hours": None,
            "estimated_seconds": None,
            "rate": rate,
            "rate_last_updated": _stamp(n, style=1) if rate else None,
            "currency": "EUR" if rate else None,
            "recurring": False,
            "template_id": None,
            "recurring_parameters": None,
            "current_period": None,
            "fixed_fee": 1250.75 if n % 11 == 0 else None,
            "actual_hours": hours,
            "actual_seconds": hours * 3600 + n % 3600,
            "start_date": f"2026-{1 + n % 9:02d}-{1 + n % 28:02d}",
            "status": "active" if n % 17 else "archived",
            "wid": wid,
            "cid": client_id,
            "can_track_time": True,
            "pinned": n % 9 == 0,
            "is_shared": False,
            "permissions": None,
            "integration_provider": None,
            "integration_ext_id": None,
            "integration_ext_type": None,
        }

    def tag(self, n: int) -> Body:
        return {
            "id": 300_000 + n,
            "workspace_id": self.account.workspace_id,
            "name": f"{_WORDS[n % len(_WORDS)]}-{n}",
            "at": _stamp(n, style=n),
            "creator_id": self.account.user_id,
            "deleted_at": None,
            "permissions": None,
            "integration_provider": None,
            "integration_ext_id": None,
            "integration_ext_type": None,
        }

    def client(self, n: int) -> Body:
        return {
            "id": 400_000 + n,
            "wid": self.account.workspace_id,
            "archived": n % 10 == 9,
            "name": f"Client {n} Oy",
            "at": _stamp(n, style=1),
            "creator_id": self.account.user_id,
            "notes": None if n % 4 else "Invoice monthly",
            "server_deleted_at": None,
            "permissions": None,
            "integration_provider": None,
            "integration_ext_id": None,
            "integration_ext_type": None,
        }

    def task(self, n: int, n_projects: int) -> Body:
        return {
            "id": 500_000 + n,
            "name": f"Task {n}: {_WORDS[(n * 3) % len(_WORDS)]}",
            "workspace_id": self.account.workspace_id,
            "project_id": 200_000 + n % max(n_projects, 1),
            "user_id": None if n % 3 else self.account.user_id,
            "recurring": False,
            "active": n % 8 != 7,
            "at": _stamp(n, style=n + 1),
            "server_deleted_at": None,
            "estimated_seconds": None if n % 2 else 7200,
            "tracked_seconds": n * 1375,
            "rate": None,
            "rate_last_updated": None,
            "toggl_accounts_id": None,
            "integration_provider": None,
            "integration_ext_id": None,
            "integration_ext_type": None,
        }

    def time_entry(self, n: int, n_projects: int, n_tags: int) -> Body:
        wid = self.account.workspace_id
        project_id = 200_000 + (n * 7) % n_projects if n_projects and n % 6 else None
        task_id = 500_000 + n % 97 if project_id is not None and n % 10 == 1 else None
        running = n == 0  # the first entry is the running timer
        duration = -1_790_000_000 if running else 300 + self.rng.randrange(0, 14_000)
        tag_ids = (
            [300_000 + (n + k) % n_tags for k in range(n % 3)] if n_tags and n % 3 else []
        )
        entry: Body = {
            "id": 4_100_000_000 + n,
            "workspace_id": wid,
            "project_id": project_id,
            "task_id": task_id,
            "billable": n % 4 == 0,
            "start": _stamp(n, style=n),
            "stop": None if running else _stamp(n + 1, style=n + 1),
            "duration": duration,
            "description": None if n % 13 == 0 else (
                f"{_WORDS[n % len(_WORDS)].title()}: ticket #{n} \u2013 "
                + _CHORES[self.rng.randrange(len(_CHORES))]
            ),
            "tags": [f"tag-{t - 300_000}" for t in tag_ids],
            "tag_ids": tag_ids,
            "duronly": True,
            "at": _stamp(n + 2, style=n + 2),
            "server_deleted_at": None,
            "user_id": self.account.user_id,
            "uid": self.account.user_id,
            "wid": wid,
        }
        # The legacy aliases of unset ids are left out, as the service does.
        if project_id is not None:
            entry["pid"] = project_id
        if task_id is not None:
            entry["tid"] = task_id
        entry["permissions"] = None
        return entry

    # -- the answers ------------------------------------------------------------------
    def me(self, **counts: int) -> Body:
        """GET /me; with ``counts`` (see LARGE_ME_COUNTS) the with_related_data answer."""
        body = self.user()
        if counts:
            n_projects, n_tags = counts["projects"], counts["tags"]
            last = body.pop("authorization_updated_at")
            workspaces = [self.workspace(i) for i in range(counts["workspaces"])]
            clients = [self.client(i) for i in range(counts["clients"])]
            projects = [self.project(i, counts["clients"]) for i in range(n_projects)]
            tags = [self.tag(i) for i in range(n_tags)]
            tasks = [self.task(i, n_projects) for i in range(counts["tasks"])]
            time_entries = [
                self.time_entry(i, n_projects, n_tags) for i in range(counts["time_entries"])
            ]
            # In the recorded order (tags, time_entries, projects, workspaces, then the
            # user's last key); clients and tasks, absent from that recording, before the
            # projects.
            body.update(tags=tags, time_entries=time_entries, clients=clients, tasks=tasks,
                        projects=projects, workspaces=workspaces)
            body["authorization_updated_at"] = last
        return body

    def lists(self) -> dict[str, list[Body]]:
        """The list endpoints' answers: /me/workspaces, /me/projects and so on."""
        c = LIST_COUNTS
        return {
            "workspaces": [self.workspace(i) for i in range(c["workspaces"])],
            "projects": [self.project(i, c["clients"]) for i in range(c["projects"])],
            "tags": [self.tag(i) for i in range(c["tags"])],
            "clients": [self.client(i) for i in range(c["clients"])],
            "tasks": [self.task(i, c["projects"]) for i in range(c["tasks"])],
        }

    def time_entries_with_meta(self, count: int, n_projects: int = 450) -> list[Body]:
        """GET /me/time_entries?meta=true: entries with the meta fields that apply (no
        project: no project_*; no client: no client_*; no task: no task_name), after the
        entry's own keys; user_avatar_url may be empty."""
        entries = []
        for n in range(count):
            entry = self.time_entry(n, n_projects, 30)
            project = entry["project_id"]
            if project is not None:
                client = 400_000 + (project - 200_000) % 10 if project % 3 else None
                if client is not None:
                    entry["client_id"] = client
                    entry["client_name"] = f"Client {client - 400_000}"
                entry["project_name"] = f"{_WORDS[project % len(_WORDS)].title()} {project}"
                entry["project_color"] = _COLORS[project % len(_COLORS)]
                entry["project_active"] = project % 17 != 0
                entry["project_billable"] = project % 5 == 0
            if entry["task_id"] is not None:
                entry["task_name"] = f"Task {entry['task_id'] - 500_000}"
            entry["user_name"] = "Grace Hopper"
            entry["user_avatar_url"] = "" if n % 2 else (
                "https://assets.track.toggl.com/avatars/7310001.png"
            )
            entries.append(entry)
        return entries

    def detailed_report_page(self, rows: int, first_row: int = 1) -> list[Body]:
        """One page of POST /reports/api/v3/workspace/{id}/search/time_entries: rows of
        grouped entries, local-offset start/stop, UTC ``at``, amounts in cents or null."""
        page = []
        for r in range(first_row, first_row + rows):
            project = 200_000 + r % 450 if r % 5 else None
            tag_ids = [300_000 + (r + k) % 30 for k in range(r % 3)]
            entries = []
            for k in range(1 + r % 3):
                n = r * 3 + k
                seconds = 300 + self.rng.randrange(0, 14_000)
                entries.append({
                    "id": 4_100_000_000 + n,
                    "seconds": seconds,
                    "start": _stamp(n)[:19] + "-07:00",
                    "stop": _stamp(n + 1)[:19] + "-07:00",
                    "at": _stamp(n + 2)[:19] + "+00:00",
                })
            page.append({
                "user_id": self.account.user_id,
                "username": "Grace Hopper",
                "project_id": project,
                "task_id": 500_000 + r % 97 if project and r % 10 == 1 else None,
                "billable": r % 4 == 0,
                "description": f"{_WORDS[r % len(_WORDS)].title()}: ticket #{r} \u2013 "
                               + _CHORES[r % len(_CHORES)],
                "tag_ids": tag_ids,
                "billable_amount_in_cents": None if r % 4 else 12_500 + r,
                "hourly_rate_in_cents": None if r % 4 else 7_500,
                "currency": "USD",
                "time_entries": entries,
                "row_number": r,
            })
        return page

    def preferences(self, *, misspelt: bool = False) -> Body:
        """GET /me/preferences: snake_case, camelCase and capitalised keys side by side;
        ``misspelt`` adds two documented keys in an undocumented spelling."""
        shortcut = {"key": 75, "modifiers": 5}
        prefs: Body = {
            "BeginningOfWeek": 1,
            "alpha_features": [
                {"alpha_feature_id": i, "code": f"alpha_{_WORDS[i % len(_WORDS)]}_{i}",
                 "enabled": i % 4 == 0}
                for i in range(36)
            ],
            "date_format": "DD.MM.YYYY",
            "timeofday_format": "H:mm",
            "duration_format": "improved",
            "decimal_separator": ",",
            "pg_time_zone_name": "Europe/Tallinn",
            "default_project_id": None,
            "default_task_id": None,
            "macos_show_hide_toggl_keyboard_shortcut": shortcut,
            "windows_stop_continue_keyboard_shortcut": shortcut,
            "macos_auto_tracking_rules": [
                {"id": "rule-1", "keyword": "standup", "project_id": 200_003, "task_id": None}
            ],
            "windows_auto_tracking_rules": [],
            "reminder_days": "1,2,3,4,5",
            "reminder_period": "08:30-17:00",
            "stop_specified_time": "19:00",
            "theme": "light",
        }
        flags = (
            "collapseTimeEntries", "collapseDetailedReportEntries", "manualMode",
            "manualModeOverlaySeen", "reportRounding", "reportsHideWeekends",
            "seenFollowModal", "seenFooterPopup", "seenProjectDashboardOverlay",
            "seenTogglButtonModal", "showTimeInTitle", "summaryReportDistinctRates",
            "summaryReportSortAsc", "webTimeEntryStarted", "webTimeEntryStopped",
            "toSAcceptNeeded",
        )
        for i, key in enumerate(flags):
            prefs[key] = i % 3 == 0
        words = {
            "displayDensity": "comfortable", "distinctRates": "Off", "offlineMode": "off",
            "manualEntryMode": "timer", "projectDashboardActivityMode": "list",
            "reportRoundingDirection": "nearest", "snowballReportRounding": "off",
            "summaryReportAmounts": "billable", "summaryReportGrouping": "clients",
            "summaryReportSortField": "title", "summaryReportSubGrouping": "projects",
            "timerView": "list", "timerViewMobile": "calendar", "visibleFooter": "none",
            "weeklyReportGrouping": "clients", "weeklyReportValueToShow": "earnings",
        }
        prefs.update(words)
        prefs["firstSeenBusinessPromo"] = 0
        prefs["reportRoundingStepInMinutes"] = 15
        for i, key in enumerate((
            "activity_timeline_display_activity", "automatic_tagging", "autotracking_enabled",
            "cell_swipe_actions_enabled", "edit_popup_integration_timer",
            "extension_send_error_reports", "extension_send_usage_statistics",
            "focus_app_on_time_entry_started", "focus_app_on_time_entry_stopped",
            "haptic_feedback_enabled", "hide_keyboard_shortcut", "idle_detection_enabled",
            "is_summary_total_view_visible", "keep_mini_timer_on_top", "keep_window_on_top",
            "keyboard_shortcuts_enabled", "pomodoro_enabled", "pomodoro_auto_start_break",
            "pomodoro_countdown_timer", "pomodoro_show_notifications", "record_timeline",
            "reminder_enabled", "send_product_emails", "send_timer_notifications",
            "send_weekly_report", "show_all_entries", "show_changelog", "show_dock_icon",
            "show_timer_in_menu_bar", "show_total_billable_hours", "start_automatically",
            "stop_automatically", "suggestions_enabled", "use_mini_timer",
        )):
            prefs[key] = i % 2 == 1
        for i, key in enumerate((
            "calendar_visible_hours_start", "calendar_visible_hours_end",
            "idle_detection_interval_in_minutes", "keyboard_increment_timer_page",
            "pomodoro_break_interval_in_minutes", "pomodoro_focus_interval_in_minutes",
            "pomodoro_interval_end_volume", "pomodoro_rounds_before_longer_break",
            "reminder_interval_in_minutes", "reminder_snoozing_in_minutes",
        )):
            prefs[key] = 5 + 5 * i
        # Keys newer than the SDK's model (decoders must skip them):
        prefs["calendar_integration_banner_dismissed"] = True
        prefs["timesheetViewMode"] = "week"
        if misspelt:
            # Documented keys in another spelling, which the SDK renames before decoding.
            prefs["Show_Seconds_In_Menu_Bar"] = False
            prefs["sleepBehaviour"] = "ask"
        # The service writes this object's keys sorted (byte order: capitals first).
        return dict(sorted(prefs.items()))


def whole_number_rates(body: Body) -> Body:
    """A deep copy of a /me body whose project rates and fees are whole numbers (what
    toggl-python's models accept)."""
    copy: Body = json.loads(json.dumps(body))
    for project in copy.get("projects") or ():
        for key in ("rate", "fixed_fee"):
            if isinstance(project.get(key), float):
                project[key] = int(project[key])
    return copy


def encode(obj: Any) -> bytes:
    """Compact JSON, as the service sends it."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def large_me() -> Body:
    return Generator().me(**LARGE_ME_COUNTS)


def large_me_bytes() -> bytes:
    return encode(large_me())


def time_entry_list_bytes() -> bytes:
    return encode(Generator().time_entries_with_meta(TIME_ENTRY_LIST_COUNT))


def report_page_bytes() -> bytes:
    return encode(Generator().detailed_report_page(REPORT_PAGE_ROWS))


def paginated_projects() -> list[bytes]:
    """The projects of GET /me/projects/paginated, each encoded, ids ascending from
    ``FIRST_PROJECT_ID``: a page is a slice of them joined."""
    generator = Generator()
    return [encode(generator.project(n, 10)) for n in range(PAGINATED_PROJECTS)]


if __name__ == "__main__":
    body = large_me()
    data = encode(body)
    counts = ", ".join(f"{len(body[k])} {k}" for k in LARGE_ME_COUNTS)
    print(f"GET /me?with_related_data=true: {len(data):,} bytes ({counts})")
    print(f"GET /me/time_entries?meta=true: {len(time_entry_list_bytes()):,} bytes "
          f"({TIME_ENTRY_LIST_COUNT} entries)")
    print(f"detailed report page: {len(report_page_bytes()):,} bytes "
          f"({REPORT_PAGE_ROWS} rows)")
