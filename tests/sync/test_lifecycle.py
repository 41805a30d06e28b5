"""Closing: the loop thread is joined, nothing warns, a closed client says so."""

from __future__ import annotations

import gc
import logging
import threading
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

import toggl_sync
from tests.sync.conftest import Server
from toggl_sync import ClientClosedError, Toggl


def loop_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("toggl-sync")]


@pytest.fixture
def no_leaks(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fails the test if it leaves a loop thread, warns about an unclosed resource, or
    asyncio logs an error (aiohttp reports unclosed sessions that way too)."""
    threads = threading.active_count()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
        gc.collect()
    assert threading.active_count() == threads
    assert loop_threads() == []
    assert [w.message for w in caught] == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.usefixtures("no_leaks")
def test_close_joins_the_loop_thread(server: Server) -> None:
    toggl = Toggl("test-token", base_url=server.base_url, rate_limit=None)
    assert len(loop_threads()) == 1
    toggl.me.get()
    toggl.close()
    assert loop_threads() == []
    toggl.close()  # closing twice is harmless


@pytest.mark.usefixtures("no_leaks")
def test_with_block_closes(server: Server) -> None:
    with Toggl("test-token", base_url=server.base_url, rate_limit=None) as toggl:
        toggl.me.get()
    with pytest.raises(ClientClosedError, match="closed"):
        toggl.me.get()


@pytest.mark.usefixtures("no_leaks")
def test_garbage_collection_without_close_cleans_up(server: Server) -> None:
    toggl = Toggl("test-token", base_url=server.base_url, rate_limit=None)
    toggl.me.get()
    del toggl
    gc.collect()
    assert loop_threads() == []


@pytest.mark.usefixtures("no_leaks")
def test_a_failing_constructor_leaves_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOGGL_API_TOKEN", raising=False)
    with pytest.raises(toggl_sync.MissingCredentialsError):
        Toggl()
    with pytest.raises(ValueError, match="base_url"):
        Toggl("test-token", base_url="ftp://example.com")


def test_everything_raises_after_close(toggl: Toggl) -> None:
    projects = toggl.me.iter_projects(per_page=2)
    view = toggl.with_options(timeout=5)
    toggl.close()
    calls = (toggl.me.get, view.me.get, toggl.me.iter_projects, lambda: next(projects))
    for call in calls:
        with pytest.raises(ClientClosedError, match="this Toggl client is closed"):
            call()
    projects.close()  # type: ignore[attr-defined]  # nothing left to close: harmless


def test_close_during_a_call_ends_the_call(toggl: Toggl, server: Server) -> None:
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(toggl.me.location)
        assert server.slow_started.wait(2)
        started = time.monotonic()
        toggl.close()
        with pytest.raises(toggl_sync.TogglError):
            pending.result(timeout=2)
    assert time.monotonic() - started < 2
