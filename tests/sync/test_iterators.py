"""Iterators advance the core's async iterators a page per hand-off, fetching lazily."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.sync.conftest import PROJECT_COUNT, TASK_COUNT, Server
from toggl_sync import ClientClosedError, Toggl
from toggl_sync._portal import Portal

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


@pytest.fixture
def handoffs(toggl: Toggl, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every call the iterators hand to the loop thread."""
    calls: list[object] = []
    call = Portal.call

    def counted(portal: Portal, func: object, /, *args: object, **kwargs: object) -> object:
        calls.append(func)
        return call(portal, func, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Portal, "call", counted)
    return calls


def test_one_handoff_per_page(toggl: Toggl, server: Server, handoffs: list[object]) -> None:
    projects = toggl.me.iter_projects(per_page=2)
    handoffs.clear()  # the call that made the iterator
    assert [p.id for p in projects] == [1, 2, 3, 4, 5]
    # Pages of 2, 2 and 1; the last page's shortness ends the iteration without a 4th.
    assert len(handoffs) == 3 and server.hits[PROJECTS] == 3


def test_an_iterator_that_never_waits_is_handed_over_in_bounded_batches(
    toggl: Toggl, handoffs: list[object]
) -> None:
    async def numbers() -> AsyncIterator[int]:
        for number in range(2500):
            yield number

    iterator = toggl._portal.iterate(numbers)
    handoffs.clear()
    assert list(iterator) == list(range(2500))
    assert len(handoffs) == 3  # 1000 + 1000 + 500 (its end reached without waiting)


def test_an_error_comes_after_the_items_before_it(toggl: Toggl) -> None:
    async def numbers() -> AsyncIterator[int]:
        yield 1
        yield 2
        raise ValueError("bad page")

    iterator = toggl._portal.iterate(numbers)
    assert next(iterator) == 1
    assert next(iterator) == 2
    with pytest.raises(ValueError, match="bad page"):
        next(iterator)
    assert list(iterator) == []


def test_items_after_a_wait_keep_their_order(toggl: Toggl) -> None:
    async def numbers() -> AsyncIterator[int]:
        for number in range(6):
            if number % 2:
                await asyncio.sleep(0)  # waits for something that is not a request
            yield number

    assert list(toggl._portal.iterate(numbers)) == list(range(6))


@pytest.mark.parametrize("stop", ["close", "drop", "close the client"])
def test_a_paused_page_request_is_never_sent(toggl: Toggl, server: Server, stop: str) -> None:
    cleaned_up = threading.Event()

    async def projects() -> AsyncIterator[int]:
        try:
            async for project in toggl._target.me.iter_projects(per_page=2):
                yield project.id or 0
        finally:
            cleaned_up.set()

    iterator = toggl._portal.iterate(projects)
    assert next(iterator) == 1  # the step asking for page 2 is paused before its request
    if stop == "close":
        iterator.close()  # type: ignore[attr-defined]
    elif stop == "drop":
        del iterator
        gc.collect()
    else:
        toggl.close()
    assert cleaned_up.wait(2)
    assert server.hits[PROJECTS] == 1


def test_closing_the_client_while_an_iterator_waits_ends_both(toggl: Toggl) -> None:
    waiting = threading.Event()

    async def slow() -> AsyncIterator[int]:
        yield 1
        await asyncio.sleep(0)  # not a request: the first batch ends here
        waiting.set()
        await asyncio.sleep(30)  # the second next() waits here
        yield 2

    iterator = toggl._portal.iterate(slow)
    outcome: list[object] = []

    def read() -> None:
        outcome.append(next(iterator))
        outcome.append(_next_or_error(iterator))

    reader = threading.Thread(target=read)
    reader.start()
    assert waiting.wait(2)
    toggl.close()  # the generator is mid-step: the client is closed all the same
    reader.join(2)
    assert not reader.is_alive()
    assert outcome[0] == 1 and isinstance(outcome[1], ClientClosedError)


def _next_or_error(iterator: Iterator[int]) -> object:
    try:
        return next(iterator)
    except Exception as exc:
        return exc
