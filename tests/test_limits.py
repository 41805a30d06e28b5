"""The per-account rate limiter and the quota state."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timezone

from multidict import CIMultiDict, CIMultiDictProxy

from toggl_async._limits import Quota, RateLimiter

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
