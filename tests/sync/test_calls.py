"""Blocking calls from a plain thread, from inside a running loop, and from many threads."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import toggl_async
import toggl_sync
from tests.conftest import MockAPI
from tests.sync.conftest import ME, Server
from toggl_sync import Me, Toggl


def test_call_returns_the_core_model(toggl: Toggl, server: Server) -> None:
    me = toggl.me.get()
    assert type(me) is toggl_async.Me
    assert (me.id, me.email) == (ME["id"], ME["email"])
    assert server.hits["/api/v9/me"] == 1


def test_call_from_a_plain_thread(toggl: Toggl) -> None:
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(toggl.me.logged).result() is True


async def test_call_from_inside_a_running_event_loop(toggl: Toggl) -> None:
    # As in a Jupyter cell or an async test: the loop here is not the client's.
    assert toggl.me.get().id == ME["id"]
    assert list(toggl.me.iter_tasks(per_page=2))[-1].id == 5


def test_sixteen_threads_share_one_client(toggl: Toggl, server: Server) -> None:
    threads, calls = 16, 5
    start = threading.Barrier(threads)

    def work() -> list[Me]:
        start.wait()
        return [toggl.me.get() for _ in range(calls)]

    with ThreadPoolExecutor(threads) as pool:
        results = [me for batch in pool.map(lambda _: work(), range(threads)) for me in batch]
    assert len(results) == threads * calls
    assert {me.id for me in results} == {ME["id"]}
    assert server.hits["/api/v9/me"] == threads * calls


def test_core_errors_are_raised_as_they_are(toggl: Toggl) -> None:
    with pytest.raises(toggl_sync.NotFoundError) as caught:
        toggl.workspaces.get_preferences(7)
    assert type(caught.value) is toggl_async.NotFoundError
    with pytest.raises(ValueError, match="workspace_id must be a positive id"):
        toggl.workspaces.get_preferences(0)


def test_with_options_shares_the_loop_thread_and_client(toggl: Toggl, server: Server) -> None:
    threads = threading.active_count()
    quick = toggl.with_options(timeout=5, max_retries=0)
    assert threading.active_count() == threads
    assert isinstance(quick, Toggl)
    assert quick.me.get().id == ME["id"]
    assert (quick.account, quick.base_url, quick.quota) == (
        toggl.account, toggl.base_url, toggl.quota,
    )
    assert repr(quick) == repr(toggl) == (
        f"Toggl(account={toggl.account!r}, base_url={server.base_url!r})"
    )
    with pytest.raises(ValueError, match="timeout"):
        toggl.with_options(timeout=-1)
    quick.close()  # the copy shares the client, as AsyncToggl.with_options does
    with pytest.raises(toggl_sync.ClientClosedError):
        toggl.me.get()


def test_call_from_the_loop_thread_raises_instead_of_deadlocking(toggl: Toggl) -> None:
    errors: list[Exception] = []

    class CallsBack(logging.Handler):
        """Runs on the client's loop thread, as toggl_async logs from there."""

        def emit(self, record: logging.LogRecord) -> None:
            try:
                toggl.me.logged()
            except RuntimeError as exc:
                errors.append(exc)

    logger = logging.getLogger("toggl_async")
    handler, level = CallsBack(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        assert toggl.me.get().id == ME["id"]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert errors
    assert "event-loop thread" in str(errors[0])


def test_works_with_aioresponses(api: MockAPI) -> None:
    api.add("GET", "/me", body=ME)
    with Toggl("test-token", rate_limit=None) as toggl:
        assert toggl.me.get().email == ME["email"]
    assert [(sent.method, sent.path) for sent in api.sent] == [("GET", "/me")]
