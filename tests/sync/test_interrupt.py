"""Ctrl-C while a blocking call waits cancels the request on the loop thread."""

from __future__ import annotations

import signal
import threading
from collections.abc import AsyncIterator

import pytest

from tests.sync.conftest import ME, Server
from toggl_sync import Toggl


def interrupt_main_when(started: threading.Event) -> threading.Thread:
    def interrupt() -> None:
        if started.wait(2):
            signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    thread = threading.Thread(target=interrupt)
    thread.start()
    return thread


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread()
    or signal.getsignal(signal.SIGINT) is not signal.default_int_handler,
    reason="needs Python's own SIGINT handling in the main thread",
)
def test_ctrl_c_cancels_the_request_in_flight(toggl: Toggl, server: Server) -> None:
    interrupter = interrupt_main_when(server.slow_started)
    with pytest.raises(KeyboardInterrupt):
        toggl.me.location()
    interrupter.join()
    assert server.slow_cancelled.wait(2), "the server still serves the interrupted request"
    assert toggl.me.get().id == ME["id"]  # the client is still usable


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread()
    or signal.getsignal(signal.SIGINT) is not signal.default_int_handler,
    reason="needs Python's own SIGINT handling in the main thread",
)
def test_ctrl_c_inside_next_then_close_runs_the_generators_cleanup() -> None:
    """Ctrl-C in next() leaves the __anext__ unwinding on the loop; close() must wait for it
    instead of failing with "asynchronous generator is already running"."""
    import asyncio

    from toggl_sync._portal import run_iterator

    started = threading.Event()
    cleaned = threading.Event()

    async def slow() -> AsyncIterator[int]:
        try:
            yield 1
            # The first next() runs ahead to here (a batch ends at the first wait): the
            # second one resumes it, and is the one interrupted below.
            await asyncio.sleep(0)
            started.set()
            await asyncio.sleep(30)
            yield 2
        finally:
            await asyncio.sleep(0.05)  # an async cleanup, as fan_out's
            cleaned.set()

    iterator = run_iterator(slow)
    assert next(iterator) == 1
    interrupter = interrupt_main_when(started)
    with pytest.raises(KeyboardInterrupt):
        next(iterator)
    interrupter.join()
    iterator.close()  # type: ignore[attr-defined]
    assert cleaned.is_set()
