"""Per-account pacing (the client-side rate limiter) and the hourly quota the service reports."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta, timezone

from multidict import CIMultiDictProxy

from ._constants import MAX_BURST, QUOTA_REMAINING_HEADER, QUOTA_RESETS_IN_HEADER
from ._errors import header_seconds


class SlotPastDeadline(Exception):
    """The limiter's next slot for this request comes after its deadline: no slot was
    taken, and the caller raises its timeout error at once."""


class RateLimiter:
    """Spaces one account's requests ``1/rate`` seconds apart, letting up to one second's
    worth (at most ``MAX_BURST``) through at once after a quiet spell.

    A generic cell-rate algorithm: the schedule is the time the bucket is empty again (its
    theoretical arrival time); a request may go once that is at most the burst's span away,
    and moves it one interval on. Callers queue first-in, first-out, and a request takes its
    slot only when it goes: one cancelled or timed out while it waits (``wait_for``,
    Ctrl-C, a cancelled fan-out) leaves the schedule as if it had never come, so the next
    request is not held back by slots nobody used.

    The service counts a request when it arrives, which can be later than when its slot
    came: the first request on a new connection waits for the connection (a TLS handshake
    away), a busy event loop sends late, a busy server reads late. The request after it,
    sent on time over a warm connection, would then arrive too soon after it. So every
    answer is checked (``answered``): a request that took longer than the fastest one of
    this account is taken to have arrived that much late, and the schedule is pushed back
    by as much. Until a first answer has shown how fast the account's requests go, a
    request is taken to have arrived when its answer came back. (The fastest time drifts
    up slowly when every answer is slower, so that a network that got slower for good does
    not keep slowing the pace down.)

    The operations a shared backend of the same schedule would implement: ``acquire``
    (wait for a slot and take it, none taken when cancelled or past the deadline),
    ``answered`` (push back) and ``pause`` (the service said "too many").
    """

    __slots__ = ("_burst_span", "_empty_at", "_fastest", "_interval", "_queue", "_waiting",
                 "rate")

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._interval = 1.0 / rate
        burst = min(MAX_BURST, max(1, int(rate)))
        self._burst_span = (burst - 1) * self._interval
        self._empty_at = 0.0  # when the bucket is empty again (monotonic clock)
        self._fastest: float | None = None  # the shortest time from sending to answer
        self._queue = asyncio.Lock()  # first-in, first-out; only its holder sleeps
        self._waiting = 0  # requests queued or sleeping for their slot

    async def acquire(self, deadline: float | None = None) -> float:
        """Wait for this request's slot and take it; return the time it was allowed to go
        (monotonic), for ``answered``. Raise ``SlotPastDeadline`` at once, taking nothing,
        when the slot comes after ``deadline`` (monotonic)."""
        arrived = time.monotonic()
        if not self._waiting and self._empty_at - self._burst_span <= arrived:
            return self._take(arrived)
        if deadline is not None and self._due(arrived, self._waiting) > deadline:
            raise SlotPastDeadline
        self._waiting += 1
        try:
            async with self._queue:
                while True:
                    # Pushes and pauses made while this request waits apply to it too.
                    due = self._due(arrived, 0)
                    if deadline is not None and due > deadline:
                        raise SlotPastDeadline
                    now = time.monotonic()
                    if due <= now:
                        return self._take(arrived)
                    await asyncio.sleep(due - now)
        finally:
            self._waiting -= 1

    def _due(self, arrived: float, ahead: int) -> float:
        """When a request that came at ``arrived`` may go, with ``ahead`` queued before it."""
        return max(self._empty_at - self._burst_span + ahead * self._interval, arrived)

    def _take(self, arrived: float) -> float:
        slot = max(self._empty_at, arrived)
        self._empty_at = slot + self._interval
        return max(slot - self._burst_span, arrived)

    def answered(self, allowed: float, sent: float, answered: float) -> None:
        """A request allowed at ``allowed`` was handed to the connection pool at ``sent``
        and the head of its answer arrived at ``answered`` (monotonic clock): push the
        schedule back by how late it can have reached the service."""
        late = self.lateness(allowed, sent, answered)
        if late > 0:
            self._empty_at += late

    def lateness(self, allowed: float, sent: float, answered: float) -> float:
        """How late after ``allowed`` the request can have reached the service (negative:
        not late), learning from it how fast this account's answers come."""
        took = answered - sent
        fastest = self._fastest
        if fastest is None:
            # No answer yet to tell how fast they come: it may have arrived just now.
            arrived = answered
            self._fastest = took
        else:
            # It needed `fastest` at least from arriving to answered.
            arrived = answered - fastest
            self._fastest = took if took < fastest else fastest + (took - fastest) / 16
        return arrived - allowed

    def pause(self, seconds: float) -> None:
        """The service said "too many": hold this account's requests for ``seconds`` and
        resume at the steady rate, with no burst, until the bucket has drained."""
        resume = time.monotonic() + seconds + self._burst_span
        self._empty_at = max(self._empty_at, resume)


class Quota:
    """The account's hourly request quota, as the latest response reported it.

    ``remaining`` and ``resets_at`` stay ``None`` until a response carries the
    ``X-Toggl-Quota-*`` headers.

    The service keeps one quota for the user's own requests and one per organization, and
    each answer reports the one it drew on. So a spent quota is remembered per ``scope``
    (which part of the API a request went to, see ``quota_scope``): the next request to
    that scope is not sent until the reset, while requests elsewhere still go.
    """

    __slots__ = ("_spent_until", "remaining", "resets_at")

    def __init__(self) -> None:
        self.remaining: int | None = None
        self.resets_at: datetime | None = None
        self._spent_until: dict[str, float] = {}  # scope -> reset (monotonic clock)

    @property
    def resets_in(self) -> float | None:
        """Seconds until the quota resets, or ``None`` when unknown."""
        if self.resets_at is None:
            return None
        return max(0.0, (self.resets_at - datetime.now(timezone.utc)).total_seconds())

    def spent_for(self, scope: str = "") -> float | None:
        """Seconds until the reset while an answer from ``scope`` said no request is left
        and the reset is still ahead; None when a request may be sent (the service
        decides)."""
        until = self._spent_until.get(scope)
        if until is None:
            return None
        left = until - time.monotonic()
        if left > 0:
            return left
        del self._spent_until[scope]
        return None

    def update(self, headers: CIMultiDictProxy[str], scope: str = "") -> None:
        """Take the quota headers of an answer from ``scope``; absent or garbled ones change
        nothing."""
        self.record(
            header_seconds(headers.get(QUOTA_REMAINING_HEADER)),
            header_seconds(headers.get(QUOTA_RESETS_IN_HEADER)),
            scope,
        )

    def record(self, remaining: float | None, resets_in: float | None, scope: str = "") -> None:
        """Take what an answer from ``scope`` reported, already read: requests left and
        seconds until the reset (None: not reported)."""
        if resets_in is not None:
            self.resets_at = datetime.now(timezone.utc) + timedelta(seconds=resets_in)
        if remaining is None:
            return
        self.remaining = int(remaining)
        resets_in = self.resets_in  # this answer's, or the latest one known
        if self.remaining or not resets_in:
            self._spent_until.pop(scope, None)
        else:
            self._spent_until[scope] = time.monotonic() + resets_in

    def __repr__(self) -> str:
        return f"Quota(remaining={self.remaining!r}, resets_at={self.resets_at!r})"


def quota_scope(path: str) -> str:
    """Which of the account's quotas a request to ``path`` draws on, as far as the path
    tells: its first two segments (``/me/tags``, ``/workspaces/123``). Keys finer than the
    service's own (the user's, each organization's) cost at most one refused request per
    key; coarser ones would hold back requests the service would serve."""
    return "/".join(path.split("/", 3)[:3])
