"""The per-account rate limiter and the quota state."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timezone

import pytest
from multidict import CIMultiDict, CIMultiDictProxy

from toggl_async._limits import Quota, RateLimiter, SlotPastDeadline, quota_scope

SLACK = 0.05  # sleeping is never early, but may be late on a busy machine


async def pace(limiter: RateLimiter, count: int) -> list[float]:
    """When each of ``count`` back-to-back requests was let go, relative to the first."""
    allowed = [await limiter.acquire() for _ in range(count)]
    return [moment - allowed[0] for moment in allowed]


async def test_requests_are_spaced_at_the_rate_after_a_burst_of_at_most_three() -> None:
    offsets = await pace(RateLimiter(20.0), 5)

    assert offsets[1] < 0.01 and offsets[2] < 0.01  # the burst
    assert offsets[3] >= 0.05 - 1e-3 and offsets[4] >= 0.10 - 1e-3  # then one every 50 ms


async def test_the_burst_is_one_seconds_worth() -> None:
    two_per_second = await pace(RateLimiter(2.0), 3)
    below_two = await pace(RateLimiter(1.5), 2)

    assert two_per_second[1] < 0.01 and two_per_second[2] >= 0.5 - 1e-3
    assert below_two[1] >= 1 / 1.5 - 1e-3  # no burst at all


async def test_concurrent_callers_share_the_pace() -> None:
    limiter = RateLimiter(20.0)
    started = time.monotonic()

    allowed = await asyncio.gather(*(limiter.acquire() for _ in range(7)))

    spacing = sorted(moment - started for moment in allowed)
    assert spacing[3] >= 0.05 - 1e-3 and spacing[6] >= 0.20 - 1e-3
    assert time.monotonic() - started < 0.20 + SLACK + 0.2


async def test_a_pause_holds_every_request_then_resumes_without_burst() -> None:
    limiter = RateLimiter(20.0)
    started = time.monotonic()
    limiter.pause(0.2)

    allowed = [await limiter.acquire() for _ in range(3)]

    assert allowed[0] - started >= 0.2 - 1e-3
    assert allowed[1] - allowed[0] >= 0.05 - 1e-3  # no burst right after a 429
    assert allowed[2] - allowed[1] >= 0.05 - 1e-3


async def test_a_request_answered_late_moves_the_next_slot_back() -> None:
    limiter = RateLimiter(5.0)  # burst 3: drain it first
    for _ in range(3):
        first = await limiter.acquire()
    # The first answer: nothing yet says how fast they come, so the request may have
    # reached the service only when its answer came back, 0.3 s after it was let go.
    limiter.answered(first, first, first + 0.3)

    second = await limiter.acquire()

    assert second >= first + 0.2 + 0.3 - 1e-3


async def test_a_request_already_waiting_is_moved_back_too() -> None:
    limiter = RateLimiter(1.0)
    first = await limiter.acquire()
    waiting = asyncio.ensure_future(limiter.acquire())  # due one second after the first
    await asyncio.sleep(0.01)

    limiter.answered(first, first, first + 0.1)

    assert await waiting >= first + 1.1 - 1e-3


async def test_answers_as_fast_as_the_fastest_keep_the_pace() -> None:
    limiter = RateLimiter(10.0)
    previous = None
    for _ in range(5):
        allowed = await limiter.acquire()
        limiter.answered(allowed, allowed, allowed + 0.005)
        if previous is not None:
            assert allowed - previous <= 0.1 + 0.005 + SLACK
        previous = allowed


def headers(**values: str) -> CIMultiDictProxy[str]:
    return CIMultiDictProxy(CIMultiDict({k.replace("_", "-"): v for k, v in values.items()}))


def test_the_quota_follows_the_headers_and_keeps_the_last_known() -> None:
    quota = Quota()
    assert (quota.remaining, quota.resets_at, quota.resets_in) == (None, None, None)

    quota.update(headers(X_Toggl_Quota_Remaining="17", X_Toggl_Quota_Resets_In="1200"))
    assert quota.remaining == 17
    assert quota.resets_in is not None and 1195 < quota.resets_in <= 1200
    assert quota.resets_at is not None and quota.resets_at > datetime.now(timezone.utc)

    quota.update(headers())  # an answer without the headers changes nothing
    quota.update(headers(X_Toggl_Quota_Remaining="garbage", X_Toggl_Quota_Resets_In="-3"))
    assert quota.remaining == 17
    assert "remaining=17" in repr(quota)


async def test_cancelled_waiters_leave_no_slot_behind() -> None:
    limiter = RateLimiter(10.0)  # one slot every 0.1 s after a burst of 3
    for _ in range(3):
        await limiter.acquire()  # drain the burst: the next slot is 0.1 s away
    waiters = [asyncio.ensure_future(limiter.acquire()) for _ in range(100)]
    await asyncio.sleep(0.01)
    for waiter in waiters:
        waiter.cancel()
    await asyncio.gather(*waiters, return_exceptions=True)

    started = time.monotonic()
    await limiter.acquire()

    assert time.monotonic() - started <= 0.1 + SLACK  # not 10 s behind 100 unused slots


async def test_timed_out_waiters_leave_no_slot_behind() -> None:
    limiter = RateLimiter(10.0)
    for _ in range(3):
        await limiter.acquire()
    for outcome in await asyncio.gather(
        *(asyncio.wait_for(limiter.acquire(), 0.05) for _ in range(29)), return_exceptions=True
    ):
        assert isinstance(outcome, (TimeoutError, asyncio.TimeoutError))

    started = time.monotonic()
    await limiter.acquire()

    assert time.monotonic() - started <= 0.1 + SLACK


async def test_a_waiter_cancelled_in_the_middle_of_the_queue_moves_the_rest_up() -> None:
    limiter = RateLimiter(10.0)
    for _ in range(3):
        await limiter.acquire()
    first, middle, last = (asyncio.ensure_future(limiter.acquire()) for _ in range(3))
    await asyncio.sleep(0.01)
    middle.cancel()

    went = [await first, await last]

    assert 0.1 - 1e-3 <= went[1] - went[0] <= 0.1 + SLACK  # the middle slot was not kept


async def test_a_slot_past_the_deadline_is_refused_at_once_and_not_taken() -> None:
    limiter = RateLimiter(5.0)
    for _ in range(3):
        await limiter.acquire()
    started = time.monotonic()

    with pytest.raises(SlotPastDeadline):
        await limiter.acquire(deadline=started + 0.1)  # the next slot is 0.2 s away
    assert time.monotonic() - started < 0.05
    allowed = await limiter.acquire(deadline=started + 1)

    assert allowed - started <= 0.2 + SLACK  # the refused call took no slot


def test_a_spent_quota_says_how_long_until_its_reset() -> None:
    quota = Quota()
    assert quota.spent_for() is None
    quota.update(headers(X_Toggl_Quota_Remaining="3", X_Toggl_Quota_Resets_In="100"))
    assert quota.spent_for() is None
    quota.update(headers(X_Toggl_Quota_Remaining="0", X_Toggl_Quota_Resets_In="100"))
    spent_for = quota.spent_for()
    assert spent_for is not None and 99 < spent_for <= 100
    quota.update(headers(X_Toggl_Quota_Remaining="0", X_Toggl_Quota_Resets_In="0"))
    assert quota.spent_for() is None  # the reset has come: the service decides again


def test_a_spent_quota_holds_back_only_the_part_of_the_api_that_reported_it() -> None:
    quota = Quota()
    me, workspace = quota_scope("/me/tags"), quota_scope("/workspaces/123/projects/4")
    assert (me, workspace) == ("/me/tags", "/workspaces/123")

    quota.update(headers(X_Toggl_Quota_Remaining="0", X_Toggl_Quota_Resets_In="100"), me)

    assert quota.spent_for(me) is not None
    assert quota.spent_for(workspace) is None  # another organization's quota
    quota.update(headers(X_Toggl_Quota_Remaining="7"), me)
    assert quota.spent_for(me) is None


def test_absurd_quota_headers_are_capped_not_overflowing() -> None:
    quota = Quota()
    for value in ("1e300", "99999999999", "inf", "nan", "-1", "garbage", "1e400", ""):
        quota.update(headers(X_Toggl_Quota_Remaining=value, X_Toggl_Quota_Resets_In=value))
    assert quota.resets_in is not None and quota.resets_in <= 366 * 24 * 3600
