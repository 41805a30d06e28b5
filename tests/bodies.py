"""Response bodies shaped like what the real service sends, quirks included.

Bare JSON arrays for lists; timestamps with "Z" and "+00:00" and 0 to 6 fractional digits
in one body; nulls in fields documented as int/bool/array; fractional rates and hours;
missing keys; undocumented keys; preference keys in three spellings.
"""

from __future__ import annotations

import json
from typing import Any

API_TOKEN_OF_USER = "cb7bf5ca0ee5fdd5bad8e0f2f0bd6789"

ME: dict[str, Any] = {
    "id": 6543210,
    "api_token": API_TOKEN_OF_USER,
    "email": "ada@example.com",
    "fullname": "Ada Lovelace",
    "timezone": "Europe/London",
    "toggl_accounts_id": "uWGsHAeXZGhJvQ3XjdY63h",
    "default_workspace_id": 1234567,
    "beginning_of_week": 1,
    "image_url": "https://assets.track.toggl.com/images/profile.png",
    "created_at": "2016-03-20T20:40:08.017845Z",
    "updated_at": "2024-12-12T16:50:39.1067Z",
    "openid_email": None,
    "openid_enabled": False,
    "country_id": None,
    "has_password": True,
    "at": "2024-12-12T16:50:39+00:00",
    "intercom_hash": "1f6e0f0b5cb0d0a8f7e6f3c3b3f1e0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3",
    "oauth_providers": ["google"],
    "authorization_updated_at": "2024-01-05T11:02:11.2Z",
    "a_field_added_next_year": {"nested": [1, 2, 3]},
}

CLIENTS = [
    {
        "id": 61234567, "wid": 1234567, "archived": False, "name": "Analytical Engines Ltd",
        "at": "2024-03-17T10:55:38+00:00", "creator_id": 6543210, "notes": None,
        "integration_provider": None, "permissions": None,
    },
    {
        "id": 61234568, "wid": 1234567, "archived": True, "name": "Old Client",
        "at": "2023-01-02T03:04:05.123Z", "creator_id": None, "server_deleted_at": None,
    },
]

PROJECTS = [
    {
        "id": 201234567, "workspace_id": 1234567, "wid": 1234567, "client_id": 61234567,
        "cid": 61234567, "name": "Difference Engine", "is_private": True, "active": True,
        "at": "2017-08-28T10:47:38+00:00", "created_at": "2017-08-28T10:47:38+00:00",
        "server_deleted_at": None, "color": "#06aaf5", "billable": None, "template": None,
        "auto_estimates": None, "estimated_hours": 12.5, "estimated_seconds": 45000,
        "rate": 87.5, "rate_last_updated": "2024-02-01T09:00:00.5Z", "currency": "EUR",
        "recurring": False, "template_id": None, "fixed_fee": 1999.99, "actual_hours": 3.25,
        "actual_seconds": 11700, "start_date": "2017-08-28", "end_date": None,
        "status": "active", "can_track_time": True, "is_shared": False, "pinned": False,
        "permissions": None, "tasks_count": None,
        "recurring_parameters": [
            {"period": "monthly", "custom_period": None, "estimated_seconds": 3600,
             "parameter_start_date": "2024-01-01", "parameter_end_date": None,
             "project_start_date": "2017-08-28"}
        ],
        "current_period": {"start_date": "2024-12-01", "end_date": "2024-12-31"},
    },
    {
        "id": 201234570, "workspace_id": 1234567, "name": "Archived", "active": False,
        "at": "2019-01-01T00:00:00Z", "rate": None, "fixed_fee": None, "actual_hours": None,
        "status": "archived", "recurring_parameters": None, "current_period": None,
    },
]

TAGS = [
    {"id": 301, "workspace_id": 1234567, "name": "deep-work",
     "at": "2022-11-04T23:23:28.20983Z", "creator_id": 6543210, "deleted_at": None},
    {"id": 302, "workspace_id": 1234567, "name": "gone",
     "at": "2024-12-12T16:50:39.1067Z", "deleted_at": "2024-12-12T16:50:39.106700+00:00"},
]

TASKS = [
    {"id": 501, "name": "Punch cards", "workspace_id": 1234567, "project_id": 201234567,
     "user_id": None, "active": True, "at": "2024-12-10T16:17:14.14169Z",
     "estimated_seconds": None, "tracked_seconds": 5400000, "recurring": False,
     "rate": 42.75, "rate_last_updated": None, "toggl_accounts_id": None,
     "server_deleted_at": None, "project_name": "Difference Engine", "client_name": None},
    {"id": 502, "name": "Done one", "workspace_id": 1234567, "project_id": 201234567,
     "active": False, "at": "2024-12-10T16:17:14Z"},
]

RUNNING_ENTRY = {
    "id": 3000000001, "workspace_id": 1234567, "project_id": None, "task_id": None,
    "billable": False, "start": "2024-12-12T19:49:11+00:00", "stop": None,
    "duration": -1734035351, "description": "Writing notes", "tags": [], "tag_ids": [],
    "duronly": True, "at": "2024-12-12T19:49:11.734Z", "server_deleted_at": None,
    "user_id": 6543210, "uid": 6543210, "wid": 1234567, "permissions": None,
}
STOPPED_ENTRY = {
    "id": 3000000000, "workspace_id": 1234567, "project_id": 201234567, "pid": 201234567,
    "task_id": 501, "tid": 501, "billable": True, "start": "2024-12-16T01:29:40Z",
    "stop": "2024-12-16T02:11:58Z", "duration": 2538, "description": None,
    "tags": ["deep-work"], "tag_ids": [301], "duronly": True, "at": "2024-12-16T02:11:58Z",
    "user_id": 6543210, "shared_with": None,
}

# Shaped as the recorded time-entry answers are (see time-entries.txt, "real service").
CREATED_RUNNING_ENTRY = {  # POST with duration -1 and tags []: -1 echoed, Z times
    "id": 3000000002, "workspace_id": 1234567, "project_id": None, "task_id": None,
    "billable": False, "start": "2024-12-16T02:18:20Z", "stop": None, "duration": -1,
    "description": None, "tags": [], "tag_ids": None, "duronly": True,
    "at": "2024-12-16T02:18:20.41113Z", "server_deleted_at": None, "user_id": 6543210,
    "uid": 6543210, "wid": 1234567,
}
STOPPED_NOW_ENTRY = {  # PATCH .../stop: Z times, [] tags, "at" with microseconds
    **CREATED_RUNNING_ENTRY, "stop": "2024-12-16T02:34:54Z", "duration": 994,
    "tags": [], "tag_ids": [], "at": "2024-12-16T02:34:54.924437Z",
}
ENTRY_WITH_META = {  # GET /me/time_entries/{id}?meta=true&include_sharing=true: no uid/wid/pid
    "id": 3000000000, "workspace_id": 1234567, "project_id": 201234567, "task_id": None,
    "billable": True, "start": "2024-04-12T09:00:00+00:00",
    "stop": "2024-04-12T10:30:00+00:00", "duration": 5400, "description": "Analytical notes",
    "tags": ["deep-work"], "tag_ids": [16009455], "duronly": True,
    "at": "2024-04-12T10:30:05+00:00", "server_deleted_at": None, "user_id": 6543210,
    "permissions": None, "project_name": "Difference Engine", "project_color": "#06aaf5",
    "project_active": True,
}
DELETED_ENTRY = {  # GET /me/time_entries?since=...: a deleted entry comes back too
    **STOPPED_ENTRY, "id": 3000000003, "server_deleted_at": "2024-12-16T01:38:02+00:00",
}
BULK_EDIT = {"success": [3398443148, 3398445220], "failure": []}

WORKSPACES = [
    {
        "id": 1234567, "organization_id": 7654321, "name": "Ada's workspace", "premium": False,
        "business_ws": False, "admin": True, "role": "admin", "suspended_at": None,
        "server_deleted_at": None, "default_hourly_rate": 42.5, "rate_last_updated": None,
        "default_currency": "USD", "only_admins_may_create_projects": False,
        "only_admins_may_create_tags": False, "only_admins_see_billable_rates": False,
        "only_admins_see_team_dashboard": False, "projects_billable_by_default": True,
        "projects_private_by_default": True, "projects_enforce_billable": False,
        "limit_public_project_data": False, "last_modified": "2024-12-12T00:00:00Z",
        "reports_collapse": True, "rounding": 1, "rounding_minutes": 0,
        "api_token": "0123456789abcdef0123456789abcdef", "at": "2024-12-12T11:00:55+00:00",
        "logo_url": "https://assets.toggl.com/images/workspace.jpg",
        "ical_url": "/ical/workspace_user/4b3a", "ical_enabled": True, "csv_upload": None,
        "subscription": None, "hide_start_end_times": False, "working_hours_in_minutes": None,
        "max_data_retention_days": None, "permissions": None, "profile": 0,
        "te_constraints": {"description_present": False, "project_present": True,
                           "tag_present": False, "task_present": False,
                           "time_entry_constraints_enabled": True},
    },
]

ME_WITH_RELATED = {
    **ME,
    "clients": CLIENTS,
    "projects": PROJECTS,
    "tags": TAGS,
    # no "tasks": the service omits a related list that is empty
    "time_entries": [RUNNING_ENTRY, STOPPED_ENTRY],
    "workspaces": WORKSPACES,
}

ME_UPDATED = {**ME, "fullname": "Ada King", "toggl_accounts_updated_at": "2024-12-13T08:00:00Z"}

FEATURES = [
    {"workspace_id": 1234567, "features": [
        {"feature_id": 0, "name": "free", "enabled": True},
        {"feature_id": 13, "name": "pro", "enabled": False},
    ]},
]

LOCATION = {"city": "Tallinn", "city_lat_long": "59.436962,24.753574", "country_code": "EE",
            "country_name": "Estonia", "state": "Harjumaa"}

ORGANIZATIONS = [
    {"id": 7654321, "name": "Ada's organization", "pricing_plan_id": 0,
     "created_at": "2024-12-16T19:09:07.041832Z", "at": "2024-12-16T19:09:07.041832Z",
     "server_deleted_at": "2025-01-02T03:04:05.123+00:00", "is_multi_workspace_enabled": False,
     "suspended_at": None,
     "user_count": 1, "trial_info": {"trial": False, "trial_available": True,
                                     "trial_end_date": None, "next_payment_date": None,
                                     "last_pricing_plan_id": None, "can_have_trial": True,
                                     "trial_plan_id": None},
     "is_unified": False, "max_workspaces": 20, "admin": True, "owner": True,
     "pricing_plan_name": "Free", "pricing_plan_enterprise": False, "permissions": None,
     "max_data_retention_days": None},
]

TRACK_REMINDERS = [
    {"reminder_id": 700, "workspace_id": 1234567, "created_at": "2024-05-01T08:00:00.5+00:00",
     "frequency": 1, "threshold": 6, "group_ids": None, "user_ids": [6543210]},
]

WEB_TIMER = {
    "clients": None,
    "projects": [{"id": 201234567, "name": "Difference Engine", "color": "#06aaf5"}],
    "tags": None,
    "tasks": None,
    "time_entries": [
        {"utc_start": "2024-12-12T19:49:11Z", "utc_stop": None, "duration_in_seconds": 125,
         "updated_at": "2024-12-12T19:51:16.5+00:00", "project_id": 201234567, "task_id": None,
         "tag_ids": None, "workspace_id": 1234567, "user_id": 6543210,
         "description": "Writing notes", "billable": False, "deleted": False},
    ],
}

PREFERENCES = {
    "BeginningOfWeek": 1,
    "alpha_features": [
        {"alpha_feature_id": 1, "code": "paging_project_list", "enabled": False},
        {"alpha_feature_id": 2, "code": "new_timer", "enabled": True,
         "description": "A new timer", "deleted_at": "2024-06-01T00:00:00Z"},
    ],
    "date_format": "MM/DD/YYYY",
    "duration_format": "improved",
    "pg_time_zone_name": "Europe/Moscow",
    "record_timeline": False,
    "send_product_emails": False,
    "send_timer_notifications": True,
    "send_weekly_report": False,
    "timeofday_format": "H:mm",
    "collapseTimeEntries": True,
    "toSAcceptNeeded": False,
    "displayDensity": "compact",
    "default_project_id": None,
    "macos_auto_tracking_rules": [
        {"id": "r1", "keyword": "zoom", "project_id": 201234567, "task_id": None},
    ],
    "windows_stop_start_keyboard_shortcut": {"key": 84, "modifiers": 3},
    # A Windows rule is not a macOS rule: its own fields (the swagger's WindowsAutoTracking).
    "windows_auto_tracking_rules": [
        {"id": "w1", "type": 1, "enabled": True, "billable": True, "description": "Design",
         "project_id": 201234567, "task_id": None, "workspace_id": 1234567, "tag_ids": [5, 6],
         "skip_when_timer_is_running": True, "start_without_confirmation": False,
         "parameters": {"keyword": "figma", "keyword_mode": "contains", "duration": "5m",
                        "time_of_day": None, "week_days": "12345"}},
    ],
    "run_app_on_startup": True,
    "default_project_task": {"project_id": 201234567, "task_id": None, "workspace_id": 1234567},
    "workout_default_tag": {"id": 5, "workspace_id": 1234567},
    "an_undocumented_preference": "kept",
}

WORKSPACE_PREFERENCES = {
    "hide_start_end_times": False, "report_locked_at": None, "single_sign_on": False,
    "sso_requested_at": None, "inc_tos_accepted_at": "2024-01-01T00:00:00Z",
    "inc_tos_accepted_by": 6543210, "initial_pricing_plan": 0, "master_signup": False,
    "logo": None, "annual-master-campaign-2018": "seen", "january-2018-campaign": True,
}


# -- workspace entities -------------------------------------------------------------------
# GET /workspaces/{id}/projects/{id} as recorded (toggl_rb, May 2024), keys in wire order.
PROJECT = {
    "id": 201876878, "workspace_id": 1234567, "client_id": None, "name": "A project",
    "is_private": True, "active": True, "at": "2024-05-02T00:03:40+00:00",
    "created_at": "2024-04-09T04:23:27+00:00", "server_deleted_at": None, "color": "#000000",
    "billable": None, "template": None, "auto_estimates": None, "estimated_hours": None,
    "estimated_seconds": None, "rate": None, "rate_last_updated": None, "currency": None,
    "recurring": False, "template_id": None, "recurring_parameters": None, "fixed_fee": None,
    "actual_hours": 0, "actual_seconds": 202, "start_date": "2024-04-09", "status": "active",
    "wid": 1234567, "cid": None, "permissions": None,
}
# POST /workspaces/{id}/projects with only a name: archived, no created_at and no status.
PROJECT_CREATED = {
    key: value for key, value in PROJECT.items() if key not in ("created_at", "status")
} | {"id": 201991297, "name": "Created project via API", "active": False,
     "color": "#0b83d9", "actual_hours": None, "actual_seconds": None}
CLIENT = {"id": 61234567, "wid": 1234567, "archived": False, "name": "Babbage & Co",
          "at": "2024-03-17T10:55:38+00:00", "creator_id": 6543210, "notes": "Since 1822",
          "integration_provider": None, "permissions": None}
TAG = {"id": 303, "workspace_id": 1234567, "name": "renamed", "at": "2024-12-12T16:50:39Z",
       "creator_id": 6543210, "deleted_at": None}
TASK = TASKS[0] | {"id": 503, "name": "Gears", "user_id": 6543210, "estimated_seconds": 7200}
TASKS_PAGE = {"data": [TASKS[0], TASKS[1]], "page": 2, "per_page": 2, "sort_field": "name",
              "sort_order": "ASC", "total_count": 5}
PROJECTS_BULK_EDIT = {"success": [201899518],
                      "failure": [{"id": 201876878, "message": "Not found"}]}
# GET /workspaces/{id} as recorded (toggl_rb, Apr 2024), keys in wire order.
WORKSPACE = {
    "id": 1234567, "organization_id": 7654321, "name": "toggltest's workspace", "profile": 0,
    "premium": False, "business_ws": False, "admin": True, "role": "admin",
    "suspended_at": None, "server_deleted_at": None, "default_hourly_rate": None,
    "rate_last_updated": None, "default_currency": "USD",
    "only_admins_may_create_projects": False, "only_admins_may_create_tags": False,
    "only_admins_see_billable_rates": False, "only_admins_see_team_dashboard": False,
    "projects_billable_by_default": True, "projects_private_by_default": True,
    "last_modified": None, "reports_collapse": True, "rounding": 1, "rounding_minutes": 0,
    "api_token": "2f3d23fcb96702e1e4a9058f349dd6f3", "at": "2024-04-14T17:01:34+00:00",
    "logo_url": "https://assets.track.toggl.com/images/workspace.jpg",
    "ical_url": "/ical/workspace_user/9d81b471", "ical_enabled": True, "csv_upload": None,
    "subscription": None, "hide_start_end_times": False, "working_hours_in_minutes": None,
    "permissions": None,
}
WORKSPACE_USERS = [
    {"id": 6543210, "fullname": "Ada Lovelace", "email": "ada@example.com", "is_active": True,
     "is_admin": True, "inactive": False},
]

# What nginx in front of the service answers when the per-second rate limit is hit.
NGINX_429 = (
    "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n"
    "<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


def dumps(obj: object) -> bytes:
    return json.dumps(obj).encode()
