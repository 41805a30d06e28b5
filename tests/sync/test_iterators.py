"""Iterators advance the core's async iterators one item per next(), fetching lazily."""

from __future__ import annotations

import gc
import threading
from collections.abc import AsyncIterator

import pytest

from tests.sync.conftest import PROJECT_COUNT, TASK_COUNT, Server
from toggl_sync import Toggl

PROJECTS = "/api/v9/me/projects/paginated"
TASKS = "/api/v9/me/tasks"


def test_walks_every_page(toggl: Toggl, server: Server) -> None:
    assert [p.id for p in toggl.me.iter_projects(per_page=2)] == list(range(1, PROJECT_COUNT + 1))
    assert [t.id for t in toggl.me.iter_tasks(per_page=2)] == list(range(1, TASK_COUNT + 1))
    assert server.hits[PROJECTS] == server.hits[TASKS] == 3  # pages of 2, 2 and 1


def test_fetches_a_page_only_when_iteration_reaches_it(toggl: Toggl, server: Server) -> None:
    projects = toggl.me.iter_projects(per_page=2)
    assert server.hits[PROJECTS] == 0
    assert [next(projects).id for _ in range(2)] == [1, 2]
    assert server.hits[PROJECTS] == 1
    assert next(projects).id == 3
    assert server.hits[PROJECTS] == 2


def test_breaking_early_fetches_nothing_more(toggl: Toggl, server: Server) -> None:
    for task in toggl.me.iter_tasks(per_page=2):
        if task.id == 2:
            break
    gc.collect()
    assert server.hits[TASKS] == 1


def test_close_stops_the_iteration(toggl: Toggl, server: Server) -> None:
    projects = toggl.me.iter_projects(per_page=2)
    next(projects)
    projects.close()  # type: ignore[attr-defined]
    assert list(projects) == []
    assert server.hits[PROJECTS] == 1


def test_arguments_are_checked_at_call_time(toggl: Toggl, server: Server) -> None:
    with pytest.raises(ValueError, match="per_page"):
        toggl.me.iter_projects(per_page=0)
    with pytest.raises(TypeError, match="search"):
        toggl.me.iter_tasks(search=5)  # type: ignore[arg-type]
    assert sum(server.hits.values()) == 0


@pytest.mark.parametrize("stop", ["close", "drop"])
def test_the_async_generator_is_closed_on_the_loop_thread(toggl: Toggl, stop: str) -> None:
    closed_on: list[str] = []
    finished = threading.Event()

    async def numbers() -> AsyncIterator[int]:
        try:
            for number in range(10):
                yield number
        finally:
            closed_on.append(threading.current_thread().name)
            finished.set()

    portal = toggl._portal
    iterator = portal.iterate(numbers)
    assert next(iterator) == 0
    if stop == "close":
        iterator.close()  # type: ignore[attr-defined]
        assert finished.is_set()
    else:
        del iterator
        gc.collect()
        assert finished.wait(2)
    assert closed_on == ["toggl-sync"]
