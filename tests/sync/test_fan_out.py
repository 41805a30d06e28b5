"""The blocking fan_out and iter_fan_out: an event loop of their own for the call."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

import toggl_sync
from tests.sync.conftest import ME, Server
from toggl_sync._portal import run_iterator

TOKENS = ["token-a", "token-b", "token-c"]


def loop_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("toggl-sync")]


@pytest.fixture
def options(server: Server) -> Iterator[dict[str, Any]]:
    yield {"base_url": server.base_url, "rate_limit": None, "max_retries": 0}
    gc.collect()
    assert loop_threads() == []  # every call's loop thread is gone


def test_fan_out_blocks_until_every_account_is_done(
    options: dict[str, Any], server: Server
) -> None:
    progress: list[tuple[int, int]] = []
    results = toggl_sync.fan_out(
        TOKENS, lambda toggl: toggl.me.get(), progress=lambda *p: progress.append(p), **options
    )
    assert [(r.index, r.ok, r.value and r.value.id) for r in results] == [
        (0, True, ME["id"]), (1, True, ME["id"]), (2, True, ME["id"]),
    ]
    assert sorted(progress) == [(1, 3), (2, 3), (3, 3)]
    assert server.hits["/api/v9/me"] == len(TOKENS)


async def test_fan_out_from_inside_a_running_loop(options: dict[str, Any]) -> None:
    results = toggl_sync.fan_out(TOKENS[:1], lambda toggl: toggl.me.logged(), **options)
    assert [r.value for r in results] == [True]


def test_fan_out_checks_its_arguments(options: dict[str, Any]) -> None:
    with pytest.raises(TypeError, match="not one account"):
        toggl_sync.fan_out("token-a", lambda toggl: toggl.me.get(), **options)


def test_iter_fan_out_yields_as_accounts_finish(options: dict[str, Any]) -> None:
    results = toggl_sync.iter_fan_out(TOKENS, lambda toggl: toggl.me.get(), **options)
    assert len(loop_threads()) == 1
    assert sorted(r.index for r in results) == [0, 1, 2]


def test_leaving_iter_fan_out_early_stops_its_loop(options: dict[str, Any]) -> None:
    results = toggl_sync.iter_fan_out(
        TOKENS, lambda toggl: toggl.me.get(), concurrency=1, **options
    )
    # Typed Iterator, so the type checker does not know of its close().
    with contextlib.closing(results):  # type: ignore[type-var]
        assert next(results).ok
    assert loop_threads() == []
    assert list(results) == []  # closed, as a generator would be


def test_a_dropped_iterator_finishes_its_cleanup_before_its_loop_stops() -> None:
    steps: list[str] = []

    async def numbers() -> AsyncIterator[int]:
        try:
            yield 1
            yield 2
        finally:
            steps.append("cleanup started")
            await asyncio.sleep(0.01)  # the loop must still be running here
            steps.append("cleanup finished")

    for _ in run_iterator(numbers):
        break
    gc.collect()
    assert steps == ["cleanup started", "cleanup finished"]
    assert loop_threads() == []
