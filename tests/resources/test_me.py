"""The /me and preferences endpoints, in both client styles: the request sent and the
answer decoded, against mocks and the fake (``tests/resources/_harness.py`` runs the cases).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import msgspec
import pytest

from tests import bodies
from tests.conftest import MockAPI, invoke
from tests.resources._harness import (
    ALPHA_CODE,
    MOCK_VALUES,
    PASSWORD,
    WORKSPACE_ID,
    Case,
    is_list_of,
    run_mocked,
    run_on_fake,
)
from toggl_async import (
    AlphaFeature,
    AutoTrackingRule,
    Client,
    DefaultProjectTask,
    Feature,
    KeyboardShortcut,
    Location,
    Me,
    Organization,
    Preferences,
    Project,
    Tag,
    Task,
    TimeEntry,
    TrackReminder,
    WebTimer,
    WebTimerEntry,
    WindowsAutoTrackingParameters,
    WindowsAutoTrackingRule,
    Workspace,
    WorkspaceEntity,
    WorkspaceFeatures,
    WorkspacePreferences,
)
from toggl_async.testing import BlockingFakeToggl

UTC = timezone.utc


def check_me(me: Me) -> None:
    assert type(me) is Me
    assert me.id == 6543210 and me.fullname == "Ada Lovelace"
    assert me.country_id is None and me.options is None
    assert me.created_at == datetime(2016, 3, 20, 20, 40, 8, 17845, tzinfo=UTC)
    assert me.updated_at == datetime(2024, 12, 12, 16, 50, 39, 106700, tzinfo=UTC)
    assert me.authorization_updated_at == datetime(2024, 1, 5, 11, 2, 11, 200000, tzinfo=UTC)
    assert me.oauth_providers == ["google"]
    assert me.projects is None and me.time_entries is None


def check_me_related(me: Me) -> None:
    assert me.tasks is None  # omitted by the service when empty
    assert me.clients is not None and [type(c) for c in me.clients] == [Client, Client]
    assert me.tags is not None and me.tags[1].deleted_at == datetime(
        2024, 12, 12, 16, 50, 39, 106700, tzinfo=UTC
    )
    assert me.projects is not None and me.projects[0].rate == 87.5
    assert me.time_entries is not None
    running, stopped = me.time_entries
    assert type(running) is TimeEntry and running.is_running and running.stop is None
    assert running.duration is not None and running.duration < 0
    assert not stopped.is_running
    assert stopped.stop == datetime(2024, 12, 16, 2, 11, 58, tzinfo=UTC)
    assert me.workspaces is not None and type(me.workspaces[0]) is Workspace
    assert me.workspaces[0].default_hourly_rate == 42.5


def check_projects(projects: list[Project]) -> None:
    first, archived = projects
    assert type(first) is Project
    assert (first.rate, first.fixed_fee, first.actual_hours, first.estimated_hours) == (
        87.5, 1999.99, 3.25, 12.5
    )
    assert first.start_date == date(2017, 8, 28) and first.end_date is None
    assert first.billable is None and first.tasks_count is None
    assert first.current_period is not None
    assert first.current_period.end_date == date(2024, 12, 31)
    assert first.recurring_parameters is not None
    assert first.recurring_parameters[0].parameter_start_date == date(2024, 1, 1)
    assert first.rate_last_updated == datetime(2024, 2, 1, 9, 0, 0, 500000, tzinfo=UTC)
    assert archived.active is False and archived.rate is None


def check_preferences(prefs: Preferences) -> None:
    assert type(prefs) is Preferences
    assert prefs.beginning_of_week == 1
    assert prefs.collapse_time_entries is True and prefs.tos_accept_needed is False
    assert prefs.display_density == "compact" and prefs.date_format == "MM/DD/YYYY"
    assert prefs.alpha_features == [
        AlphaFeature(alpha_feature_id=1, code="paging_project_list", enabled=False),
        AlphaFeature(
            alpha_feature_id=2, code="new_timer", enabled=True, description="A new timer",
            deleted_at=datetime(2024, 6, 1, tzinfo=UTC),
        ),
    ]
    assert prefs.macos_auto_tracking_rules == [
        AutoTrackingRule(id="r1", keyword="zoom", project_id=201234567)
    ]
    assert prefs.windows_stop_start_keyboard_shortcut == KeyboardShortcut(key=84, modifiers=3)
    assert prefs.windows_auto_tracking_rules == [WindowsAutoTrackingRule(
        id="w1", type=1, enabled=True, billable=True, description="Design",
        project_id=201234567, workspace_id=1234567, tag_ids=[5, 6],
        skip_when_timer_is_running=True, start_without_confirmation=False,
        parameters=WindowsAutoTrackingParameters(
            keyword="figma", keyword_mode="contains", duration="5m", week_days="12345"
        ),
    )]
    assert prefs.run_app_on_startup is True
    assert prefs.default_project_task == DefaultProjectTask(
        project_id=201234567, workspace_id=1234567
    )
    assert prefs.workout_default_tag == WorkspaceEntity(id=5, workspace_id=1234567)
    assert prefs.extra == {"an_undocumented_preference": "kept"}


def check_workspace_preferences(prefs: WorkspacePreferences) -> None:
    assert type(prefs) is WorkspacePreferences
    assert prefs.annual_master_campaign_2018 == "seen" and prefs.january_2018_campaign is True
    assert prefs.inc_tos_accepted_by == 6543210 and prefs.logo is None


def check_web_timer(timer: WebTimer) -> None:
    assert type(timer) is WebTimer
    assert timer.clients is None and timer.tags is None and timer.tasks is None
    assert timer.projects == [Project(id=201234567, name="Difference Engine", color="#06aaf5")]
    assert timer.time_entries is not None
    [entry] = timer.time_entries
    assert type(entry) is WebTimerEntry
    assert entry.utc_start == datetime(2024, 12, 12, 19, 49, 11, tzinfo=UTC)
    assert entry.duration_in_seconds == 125 and entry.utc_stop is None
    assert entry.deleted is False


SINCE = datetime(2024, 12, 1, tzinfo=timezone(timedelta(hours=2)))
SINCE_UNIX = str(int(SINCE.timestamp()))

CASES = [
    Case("me.get", "GET", "/me", Me, bodies.ME, check_me),
    Case("me.get", "GET", "/me", Me, bodies.ME_WITH_RELATED, check_me_related,
         kwargs={"with_related_data": True}, query={"with_related_data": "true"}),
    Case("me.update", "PUT", "/me", Me, bodies.ME_UPDATED,
         lambda me: me.fullname == "Ada King",
         kwargs={"fullname": "Ada King", "beginning_of_week": 0,
                 "default_workspace_id": WORKSPACE_ID},
         sent_json={"fullname": "Ada King", "beginning_of_week": 0,
                    "default_workspace_id": WORKSPACE_ID}),
    Case("me.update", "PUT", "/me", Me, bodies.ME_UPDATED,
         kwargs={"password": "n3w-secret", "current_password": PASSWORD},
         sent_json={"password": "n3w-secret", "current_password": PASSWORD}),
    Case("me.clients", "GET", "/me/clients", list[Client], bodies.CLIENTS, is_list_of(Client, 2)),
    Case("me.clients", "GET", "/me/clients", list[Client], [], is_list_of(Client, 0),
         kwargs={"since": SINCE}, query={"since": SINCE_UNIX}),
    Case("me.features", "GET", "/me/features", list[WorkspaceFeatures], bodies.FEATURES,
         lambda result: is_list_of(Feature, 2)(result[0].features)),
    Case("me.location", "GET", "/me/location", Location | None, bodies.LOCATION,
         lambda loc: type(loc) is Location and loc.country_code == "EE"),
    Case("me.location", "GET", "/me/location", Location | None, b"", lambda loc: loc is None),
    Case("me.logged", "GET", "/me/logged", bool, b"", lambda ok: ok is True),
    Case("me.organizations", "GET", "/me/organizations", list[Organization],
         bodies.ORGANIZATIONS, lambda orgs: orgs[0].trial_info.can_have_trial
         and orgs[0].server_deleted_at == datetime(2025, 1, 2, 3, 4, 5, 123000, tzinfo=UTC)),
    Case("me.projects", "GET", "/me/projects", list[Project], bodies.PROJECTS, check_projects),
    Case("me.projects", "GET", "/me/projects", list[Project], [], is_list_of(Project, 0),
         kwargs={"include_archived": True, "since": 1733000000},
         query={"include_archived": "true", "since": "1733000000"}),
    Case("me.projects_page", "GET", "/me/projects/paginated", list[Project], bodies.PROJECTS,
         check_projects,
         kwargs={"start_project_id": 201234567, "per_page": 2, "since": date(2024, 12, 1)},
         query={"start_project_id": "201234567", "per_page": "2", "since": "1733011200"}),
    Case("me.tags", "GET", "/me/tags", list[Tag], bodies.TAGS, is_list_of(Tag, 2)),
    Case("me.tasks", "GET", "/me/tasks", list[Task], bodies.TASKS,
         lambda tasks: tasks[0].rate == 42.75),
    Case("me.tasks", "GET", "/me/tasks", list[Task], [], is_list_of(Task, 0),
         kwargs={"since": 1, "include_not_active": False, "offset": 0, "per_page": 50,
                 "search": "punch cards", "meta": True, "inbox": False, "include_hidden": True},
         query={"since": "1", "include_not_active": "false", "offset": "0", "per_page": "50",
                "search": "punch cards", "meta": "true", "inbox": "false",
                "include_hidden": "true"}),
    Case("me.track_reminders", "GET", "/me/track_reminders", list[TrackReminder],
         bodies.TRACK_REMINDERS, lambda reminders: type(reminders[0].threshold) is int
         and reminders[0].threshold == 6),
    Case("me.web_timer", "GET", "/me/web-timer", WebTimer, bodies.WEB_TIMER, check_web_timer),
    Case("me.workspaces", "GET", "/me/workspaces", list[Workspace], bodies.WORKSPACES,
         is_list_of(Workspace, 1), kwargs={"since": 1733000000}, query={"since": "1733000000"}),
    Case("preferences.get", "GET", "/me/preferences", Preferences, bodies.PREFERENCES,
         check_preferences),
    Case("preferences.get", "GET", "/me/preferences/desktop", Preferences, bodies.PREFERENCES,
         check_preferences, args=("desktop",)),
    Case("preferences.get", "GET", "/me/preferences/web", Preferences, bodies.PREFERENCES,
         check_preferences, args=("web",), kwargs={"since": 1733000000},
         query={"since": "1733000000"}),
    Case("preferences.update", "POST", "/me/preferences", None,
         kwargs={"collapse_time_entries": False, "beginning_of_week": 0,
                 "date_format": "YYYY-MM-DD", "default_project_id": None},
         sent_json={"collapseTimeEntries": False, "BeginningOfWeek": 0,
                    "date_format": "YYYY-MM-DD", "default_project_id": None}),
    # A documented wire key is that field; a key the SDK does not know goes through extra.
    Case("preferences.update", "POST", "/me/preferences", None,
         kwargs={"collapseTimeEntries": True, "extra": {"aBrandNewPreference": [1, "two"]}},
         sent_json={"collapseTimeEntries": True, "aBrandNewPreference": [1, "two"]}),
    # Read-modify-write keeps every field of a Windows rule.
    Case("preferences.update", "POST", "/me/preferences", None,
         kwargs={"windows_auto_tracking_rules": msgspec.convert(
             bodies.PREFERENCES["windows_auto_tracking_rules"],
             list[WindowsAutoTrackingRule])},
         sent_json={"windows_auto_tracking_rules": [
             {k: v for k, v in rule.items() if v is not None}
             | {"parameters": {k: v for k, v in rule["parameters"].items() if v is not None}}
             for rule in bodies.PREFERENCES["windows_auto_tracking_rules"]
         ]}),
    Case("preferences.update", "POST", "/me/preferences/desktop", None, args=("desktop",),
         kwargs={"alpha_features": [{"code": ALPHA_CODE, "enabled": False},
                                    AlphaFeature(code=ALPHA_CODE, enabled=True)],
                 "windows_stop_start_keyboard_shortcut": KeyboardShortcut(key=1, modifiers=2)},
         sent_json={"alpha_features": [{"code": ALPHA_CODE, "enabled": False},
                                       {"code": ALPHA_CODE, "enabled": True}],
                    "windows_stop_start_keyboard_shortcut": {"key": 1, "modifiers": 2}}),
    Case("workspaces.get_preferences", "GET", "/workspaces/{workspace_id}/preferences",
         WorkspacePreferences, bodies.WORKSPACE_PREFERENCES, check_workspace_preferences,
         args=(WORKSPACE_ID,)),
    Case("workspaces.update_preferences", "POST", "/workspaces/{workspace_id}/preferences",
         WorkspacePreferences, bodies.WORKSPACE_PREFERENCES, check_workspace_preferences,
         args=(WORKSPACE_ID,),
         kwargs={"hide_start_end_times": True, "january_2018_campaign": False,
                 "report_locked_at": "2024-12-01"},
         sent_json={"hide_start_end_times": True, "january-2018-campaign": False,
                    "report_locked_at": "2024-12-01"}),
]


def test_the_cases_cover_every_endpoint() -> None:
    endpoints = {
        (case.method, case.path.replace("/desktop", "/{client}").replace("/web", "/{client}"))
        for case in CASES
    }
    assert len(endpoints) == 20


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_endpoint(case: Case, api: MockAPI, client: Any) -> None:
    await run_mocked(case, api, client, MOCK_VALUES)


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_endpoint_against_the_fake(
    case: Case, entity_fake: BlockingFakeToggl, make_client: Any
) -> None:
    """The same cases against the embedded fake service instead of mocks."""
    account = entity_fake.accounts[0]
    values = {"workspace_id": account.workspace_ids[0], "password": account.password,
              "alpha_code": account.preferences["alpha_features"][0]["code"]}
    await run_on_fake(case, entity_fake, make_client, values)


@pytest.mark.parametrize("status", [401, 403])
async def test_logged_is_false_when_the_credentials_are_refused(
    status: int, api: MockAPI, client: Any
) -> None:
    api.add("GET", "/me/logged", status=status, body='"Incorrect username and/or password"')

    assert await invoke(client, "me.logged") is False


async def test_email_and_password_sign_in_with_basic_auth(api: MockAPI, make_client: Any) -> None:
    api.add("GET", "/me", body=bodies.ME)
    client = make_client(None, email="ada@example.com", password="s3cret:pass")

    await invoke(client, "me.get")

    # "YWRh..." is base64 of "ada@example.com:s3cret:pass"
    assert api.sent[0].headers["Authorization"] == "Basic YWRhQGV4YW1wbGUuY29tOnMzY3JldDpwYXNz"


def project_page(first_id: int, count: int) -> list[dict[str, Any]]:
    return [{"id": first_id + 3 * i, "name": f"P{i}"} for i in range(count)]


async def test_iter_projects_walks_pages_from_the_last_id(api: MockAPI, client: Any) -> None:
    api.add("GET", "/me/projects/paginated", body=project_page(10, 2))
    api.add("GET", "/me/projects/paginated", body=project_page(16, 2))
    api.add("GET", "/me/projects/paginated", body=project_page(22, 1))

    projects = await invoke(client, "me.iter_projects", per_page=2, since=5)

    assert [p.id for p in projects] == [10, 13, 16, 19, 22]
    assert [r.query for r in api.sent] == [
        {"per_page": "2", "since": "5"},
        {"per_page": "2", "since": "5", "start_project_id": "14"},
        {"per_page": "2", "since": "5", "start_project_id": "20"},
    ]


async def test_iter_projects_uses_the_service_page_size_by_default(
    api: MockAPI, client: Any
) -> None:
    api.add("GET", "/me/projects/paginated", body=project_page(1, 201))
    api.add("GET", "/me/projects/paginated", body=[])

    projects = await invoke(client, "me.iter_projects")

    assert len(projects) == 201
    assert [r.query for r in api.sent] == [{}, {"start_project_id": str(1 + 3 * 200 + 1)}]


async def test_iter_projects_over_an_empty_first_page(api: MockAPI, client: Any) -> None:
    api.add("GET", "/me/projects/paginated", body=[])

    assert await invoke(client, "me.iter_projects") == []
    assert len(api.sent) == 1


async def test_iter_tasks_pages_by_offset(api: MockAPI, client: Any) -> None:
    for page in ([{"id": 1}, {"id": 2}], [{"id": 3}, {"id": 4}], []):
        api.add("GET", "/me/tasks", body=page)

    tasks = await invoke(client, "me.iter_tasks", per_page=2, search="x")

    assert [t.id for t in tasks] == [1, 2, 3, 4]
    assert [r.query["offset"] for r in api.sent] == ["0", "2", "4"]
    assert all(r.query["per_page"] == "2" and r.query["search"] == "x" for r in api.sent)


@pytest.mark.parametrize(
    ("call", "kwargs", "error", "words"),
    [
        ("me.iter_projects", {"per_page": 0}, ValueError, "per_page"),
        ("me.iter_tasks", {"per_page": "10"}, TypeError, "per_page"),
        ("me.iter_tasks", {"since": datetime(2024, 1, 1)}, ValueError, "since"),
    ],
)
async def test_iterators_check_arguments_when_called(
    call: str, kwargs: dict[str, Any], error: type[Exception], words: str, api: MockAPI,
    client: Any,
) -> None:
    target = client.me
    with pytest.raises(error, match=words):
        getattr(target, call.split(".")[1])(**kwargs)
    assert api.sent == []


async def test_leaving_an_iterator_early_fetches_nothing_more(api: MockAPI, client: Any) -> None:
    api.add("GET", "/me/projects/paginated", body=project_page(1, 2))
    api.add("GET", "/me/tasks", body=[{"id": 1}, {"id": 2}])

    projects = client.me.iter_projects(per_page=2)
    tasks = client.me.iter_tasks(per_page=2)
    if hasattr(projects, "__anext__"):
        first_project, first_task = await anext(projects), await anext(tasks)
        await projects.aclose()
        await tasks.aclose()
    else:
        first_project, first_task = next(projects), next(tasks)

    assert (first_project.id, first_task.id) == (1, 1)
    assert [r.path for r in api.sent] == ["/me/projects/paginated", "/me/tasks"]
