"""toggl.tasks in both client styles: the cases against mocks and the fake, the workspace
task list's envelope, and iterating over 1,200 tasks."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from tests import bodies
from tests.conftest import MockAPI, invoke
from tests.resources._entities import (
    OTHER_TASK_ID,
    PROJECT_ID,
    TASK_ID,
    endpoint_tests,
    refusal_test,
)
from tests.resources._harness import WORKSPACE_ID, Case, is_list_of
from toggl_async import BulkEditResult, PermissionDeniedError, Task, TasksPage
from toggl_async.testing import BlockingFakeToggl

TASKS = "/workspaces/{workspace_id}/projects/{project_id}/tasks"
TASK = TASKS + "/{task_id}"


def check_task(task: Task) -> None:
    assert type(task) is Task and task.id == 503 and task.name == "Gears"
    assert task.tracked_seconds == 5400000 and task.estimated_seconds == 7200


def check_page(page: TasksPage) -> None:
    assert type(page) is TasksPage and (page.page, page.per_page, page.total_count) == (2, 2, 5)
    assert page.data is not None and page.sort_order == "ASC"
    assert [task.id for task in page.data] == [501, 502]


CASES = [
    Case("tasks.list", "GET", TASKS, list[Task], bodies.TASKS, is_list_of(Task, 2),
         args=(WORKSPACE_ID, PROJECT_ID)),
    Case("tasks.list", "GET", TASKS, list[Task], [], args=(WORKSPACE_ID, PROJECT_ID),
         kwargs={"active": True}, query={"active": "true"}),
    Case("tasks.get", "GET", TASK, Task, bodies.TASK, check_task,
         args=(WORKSPACE_ID, PROJECT_ID, TASK_ID)),
    Case("tasks.create", "POST", TASKS, Task, bodies.TASK, check_task,
         args=(WORKSPACE_ID, PROJECT_ID), kwargs={"name": "Gears", "estimated_seconds": 7200},
         sent_json={"name": "Gears", "estimated_seconds": 7200}),
    Case("tasks.update", "PUT", TASK, Task, bodies.TASK, check_task,
         args=(WORKSPACE_ID, PROJECT_ID, TASK_ID), kwargs={"active": False, "user_id": None},
         sent_json={"active": False, "user_id": None}),
    Case("tasks.patch", "PATCH", TASKS + "/{task_id},{other_task_id}", BulkEditResult,
         {"success": [503, 504], "failure": []},
         lambda result: result.success == [503, 504] and result.failure == [],
         args=(WORKSPACE_ID, PROJECT_ID, [TASK_ID, OTHER_TASK_ID],
               [{"op": "replace", "path": "/active", "value": False}]),
         sent_json=[{"op": "replace", "path": "/active", "value": False}]),
    Case("tasks.delete", "DELETE", TASK, None, args=(WORKSPACE_ID, PROJECT_ID, TASK_ID)),
    Case("tasks.list_workspace", "GET", "/workspaces/{workspace_id}/tasks", TasksPage,
         bodies.TASKS_PAGE, check_page, args=(WORKSPACE_ID,)),
    Case("tasks.list_workspace", "GET", "/workspaces/{workspace_id}/tasks", TasksPage,
         bodies.TASKS_PAGE, check_page, args=(WORKSPACE_ID,),
         kwargs={"active": "both", "project_id": PROJECT_ID, "since": 1733000000,
                 "start_date": date(2024, 1, 1), "end_date": date(2024, 12, 31),
                 "search": "gear", "sort_field": "created_at", "sort_order": "DESC",
                 "page": 2, "per_page": 2},
         query={"active": "both", "pid": PROJECT_ID, "since": "1733000000",
                "start_date": "2024-01-01", "end_date": "2024-12-31", "search": "gear",
                "sort_field": "created_at", "sort_order": "DESC", "page": "2",
                "per_page": "2"}),
]


test_the_cases_cover_every_endpoint, test_endpoint, test_endpoint_against_the_fake = (
    endpoint_tests(CASES, endpoints=7)
)


@pytest.fixture(scope="module")
def busy_fake() -> Any:
    """A fake whose first workspace holds 1,200 live tasks."""
    with BlockingFakeToggl(accounts=1) as fake:
        account = fake.accounts[0]
        workspace_id = account.workspace_ids[0]
        model = account.tasks[0]
        next_id = max(task["id"] for task in account.tasks)
        already = sum(t["workspace_id"] == workspace_id for t in account.tasks)
        for n in range(1200 - already):
            next_id += 1
            account.tasks.append(copy.deepcopy(model) | {
                "id": next_id, "name": f"Synced issue {n}", "workspace_id": workspace_id,
                "active": n % 3 != 0,
            })
        yield fake


async def test_iter_workspace_walks_1200_tasks_each_once(
    busy_fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = busy_fake.accounts[0]
    workspace_id = account.workspace_ids[0]
    client = make_client(account.token, base_url=busy_fake.url)
    busy_fake.reset_stats()

    tasks = await invoke(client, "tasks.iter_workspace", workspace_id, active="both")

    ids = [task.id for task in tasks]
    assert len(ids) == len(set(ids)) == 1200
    assert set(ids) == {t["id"] for t in account.tasks if t["workspace_id"] == workspace_id}
    assert [r.query["page"] for r in busy_fake.requests] == ["1", "2", "3", "4", "5", "6"]


async def test_iter_workspace_stops_at_the_total(api: MockAPI, client: Any) -> None:
    path = "/workspaces/1/tasks"
    api.add("GET", path, body={"data": [{"id": 1}, {"id": 2}], "total_count": 4})
    api.add("GET", path, body={"data": [{"id": 3}, {"id": 4}], "total_count": 4})

    tasks = await invoke(client, "tasks.iter_workspace", 1, per_page=2, search="x")

    assert [t.id for t in tasks] == [1, 2, 3, 4]
    assert [r.query for r in api.sent] == [
        {"search": "x", "per_page": "2", "page": "1"},
        {"search": "x", "per_page": "2", "page": "2"},
    ]


async def test_bulk_edit_with_a_partial_failure(
    busy_fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = busy_fake.accounts[0]
    task = next(t for t in account.tasks if t["id"] < 93_000_000)  # one of the generated
    client = make_client(account.token, base_url=busy_fake.url)

    result = await invoke(
        client, "tasks.patch", task["workspace_id"], task["project_id"], [task["id"], 1],
        [{"op": "replace", "path": "/name", "value": "Renamed"}],
    )

    assert result.success == [task["id"]] and [f.id for f in result.failure] == [1]
    assert task["name"] == "Renamed"


test_bad_arguments_are_refused_before_sending = refusal_test(
    [
        ("tasks.create", (1, 2), {"name": "x", "estimated_seconds": -1}, ValueError,
         "estimated_seconds"),
        ("tasks.update", (1, 2, 3), {"done": True}, TypeError, "done"),
        ("tasks.list_workspace", (1,), {"sort_field": "at"}, ValueError, "sort_field"),
        ("tasks.list_workspace", (1,), {"start_date": "2024-01-01"}, TypeError, "start_date"),
        ("tasks.iter_workspace", (1,), {"per_page": 0}, ValueError, "per_page"),
        ("tasks.patch", (1, 2, [3], []), {}, ValueError, "operation"),
    ]
)


async def test_leaving_the_new_iterators_early_fetches_nothing_more(
    api: MockAPI, client: Any
) -> None:
    api.add("GET", "/workspaces/1/projects", body=[{"id": 1}, {"id": 2}])
    api.add("GET", "/workspaces/1/tasks", body={"data": [{"id": 1}, {"id": 2}]})

    projects = client.projects.iter(1, per_page=2)
    tasks = client.tasks.iter_workspace(1, per_page=2)
    if hasattr(projects, "__anext__"):
        first_project, first_task = await anext(projects), await anext(tasks)
        await projects.aclose()
        await tasks.aclose()
    else:
        first_project, first_task = next(projects), next(tasks)

    assert (first_project.id, first_task.id) == (1, 1)
    assert [r.path for r in api.sent] == ["/workspaces/1/projects", "/workspaces/1/tasks"]


async def test_another_account_s_workspace_is_forbidden(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    owner, other = fake.accounts[4], fake.accounts[5]
    client = make_client(other.token, base_url=fake.url)

    with pytest.raises(PermissionDeniedError, match="does not have access"):
        await invoke(client, "tasks.list_workspace", owner.workspace_ids[0])


async def test_iter_workspace_follows_the_total_when_pages_are_smaller_than_asked(
    api: MockAPI, client: Any
) -> None:
    path = "/workspaces/1/tasks"
    api.add("GET", path, body={"data": [{"id": 1}], "per_page": 1, "total_count": 2})
    api.add("GET", path, body={"data": [{"id": 2}], "per_page": 1, "total_count": 2})

    tasks = await invoke(client, "tasks.iter_workspace", 1, per_page=50)

    assert [t.id for t in tasks] == [1, 2] and len(api.sent) == 2
