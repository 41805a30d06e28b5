"""``timeout`` bounds the whole call, and a call cancelled while it waits for its rate-limit
slot gives the slot back: in both client styles, with asyncio cancellation, timeouts,
Ctrl-C and a cancelled fan-out."""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from typing import Any

import pytest

from tests.conftest import invoke
from tests.hostile import Reply, hostile, http
from toggl_async import (
    APITimeoutError,
    AsyncToggl,
    Me,
    ServerError,
    fan_out,
)
from toggl_async.testing import BlockingFakeToggl
from toggl_sync import Toggl

SLACK = 0.3  # a busy machine wakes late; every bound below is far from the old behaviour

def dripping(sent: object, index: int) -> Reply:
    """The head at once, then the body a byte every 0.1 s: each read comes in time, the
    whole answer never does."""
    head = http(200, b"", {"Content-Length": "1000"})
    return Reply([head] + [b" "] * 100, pause=0.1, close=True)


async def test_a_slow_drip_ends_at_the_call_timeout_whatever_the_retries(
    make_client: Any,
) -> None:
    with hostile(dripping) as server:
        client = make_client(base_url=server.url, timeout=1.0, max_retries=2)
        started = time.monotonic()

        with pytest.raises(APITimeoutError):
            await invoke(client, "me.get")

        assert time.monotonic() - started < 1.0 + SLACK  # not 3 attempts of 1 s each


async def test_a_retry_wait_that_would_pass_the_deadline_is_not_taken(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    fake.inject(path="/me", status=503, headers={"Retry-After": "5"})
    client = make_client(fake.token, base_url=fake.url, timeout=1.0, max_retries=2)
    started = time.monotonic()

    with pytest.raises(ServerError) as caught:
        await invoke(client, "me.get")

    assert time.monotonic() - started < SLACK  # raised at once, not after sleeping 5 s
    assert caught.value.attempts == 1 and len(fake.requests) == 1


async def test_a_call_queued_past_its_deadline_raises_at_once_without_sending(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    client = make_client(fake.token, base_url=fake.url, rate_limit=0.5, timeout=0.5)
    await invoke(client, "me.get")  # the next slot is 2 s away
    started = time.monotonic()

    with pytest.raises(APITimeoutError, match="rate limiter's next slot") as caught:
        await invoke(client, "me.get")

    assert time.monotonic() - started < SLACK
    assert caught.value.attempts == 0 and len(fake.requests) == 1


async def test_backoff_stays_within_the_deadline(fake: BlockingFakeToggl, make_client: Any) -> None:
    fake.inject(path="/me", status=503, times=50)
    client = make_client(fake.token, base_url=fake.url, timeout=0.8, max_retries=50)
    started = time.monotonic()

    with pytest.raises(ServerError):
        await invoke(client, "me.get")

    assert time.monotonic() - started < 0.8 + SLACK


async def test_cancelled_calls_give_their_slots_back(fake: BlockingFakeToggl) -> None:
    async with AsyncToggl(fake.token, base_url=fake.url, rate_limit=10.0) as toggl:
        for _ in range(3):
            await toggl.me.logged()  # the burst is spent: the next slot is 0.1 s away
        queued = [asyncio.ensure_future(toggl.me.get()) for _ in range(100)]
        await asyncio.sleep(0.02)
        for call in queued:
            call.cancel()
        await asyncio.gather(*queued, return_exceptions=True)
        await toggl.me.logged()  # takes the next slot: the one after is 0.1 s away again
        timed_out = await asyncio.gather(
            *(asyncio.wait_for(toggl.me.get(), 0.05) for _ in range(29)), return_exceptions=True
        )
        assert all(isinstance(outcome, asyncio.TimeoutError) for outcome in timed_out), timed_out
        started = time.monotonic()

        assert type(await toggl.me.get()) is Me

        assert time.monotonic() - started < 0.1 + SLACK  # not 13 s behind unused slots
    assert len(fake.requests) == 3 + 1 + 1


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread()
    or signal.getsignal(signal.SIGINT) is not signal.default_int_handler,
    reason="needs Python's own SIGINT handling in the main thread",
)
def test_ctrl_c_while_a_blocking_call_waits_for_its_slot_gives_it_back(
    fake: BlockingFakeToggl,
) -> None:
    with Toggl(fake.token, base_url=fake.url, rate_limit=1.5) as toggl:  # no burst
        toggl.me.get()
        first = time.monotonic()  # the next slot is 0.67 s after this one
        for _ in range(3):
            timer = threading.Timer(
                0.05, signal.pthread_kill, (threading.main_thread().ident or 0, signal.SIGINT)
            )
            timer.start()
            with pytest.raises(KeyboardInterrupt):
                toggl.me.get()
            timer.join()

        toggl.me.get()

        # Not 2.7 s: the three interrupted calls gave their slots back.
        assert time.monotonic() - first < 0.67 + SLACK
    assert len(fake.requests) == 2


async def test_a_cancelled_fan_out_stops_at_once_and_sends_nothing_more(
    fake: BlockingFakeToggl,
) -> None:
    async def many_calls(toggl: AsyncToggl) -> list[Me]:
        return list(await asyncio.gather(*(toggl.me.get() for _ in range(20))))

    run = asyncio.ensure_future(
        fan_out(fake.tokens[:4], many_calls, base_url=fake.url, rate_limit=5.0)
    )
    await asyncio.sleep(0.1)
    sent = len(fake.requests)
    started = time.monotonic()
    run.cancel()

    with pytest.raises(asyncio.CancelledError):
        await run

    assert time.monotonic() - started < SLACK
    await asyncio.sleep(0.3)
    assert len(fake.requests) == sent <= 4 * 3  # each account's burst, no more
