"""Per-account pacing (the client-side rate limiter) and the hourly quota the service reports."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta, timezone

from multidict import CIMultiDictProxy

from ._constants import MAX_BURST, QUOTA_REMAINING_HEADER, QUOTA_RESETS_IN_HEADER
from ._errors import header_number


class RateLimiter:
    """Spaces one account's requests ``1/rate`` seconds apart, letting up to one second's
    worth (at most ``MAX_BURST``) through at once after a quiet spell.

    A generic cell-rate algorithm: each request reserves the next free slot and sleeps
    until it. Reserving needs no lock, so concurrent callers queue fairly.

    The service counts a request when it arrives, which can be later than when its slot
    came: the first request on a new connection waits for the connection (a TLS handshake
    away), a busy event loop sends late, a busy server reads late. The request after it,
    sent on time over a warm connection, would then arrive too soon after it. So every
    answer is checked (``answered``): a request that took longer than the fastest one of
    this account is taken to have arrived that much late, and every slot not yet used is
    pushed back by as much. Until a first answer has shown how fast the account's requests
    go, a request is taken to have arrived when its answer came back. (The fastest time
    drifts up slowly when every answer is slower, so that a network that got slower for
    good does not keep slowing the pace down.)
    """

    __slots__ = ("_burst_span", "_fastest", "_interval", "_next_slot", "_pushed", "rate")

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._interval = 1.0 / rate
        burst = min(MAX_BURST, max(1, int(rate)))
        self._burst_span = (burst - 1) * self._interval
        self._next_slot = 0.0  # when the bucket is empty again (monotonic clock)
        self._pushed = 0.0  # how far answers have pushed the slots back, in all
        self._fastest: float | None = None  # the shortest time from sending to answer

    async def acquire(self) -> float:
        """Wait for this request's slot; return the time it was allowed to go (monotonic),
        for ``answered``."""
        now = time.monotonic()
        slot = max(self._next_slot, now)
        self._next_slot = slot + self._interval
        due = max(slot - self._burst_span, now)
        pushed = self._pushed
        while True:
            # Pushes made while this request waited apply to its slot too.
            allowed = due + self._pushed - pushed
            wait = allowed - now
            if wait <= 0:
                return allowed
            await asyncio.sleep(wait)
            now = time.monotonic()

    def answered(self, allowed: float, sent: float, answered: float) -> None:
        """A request allowed at ``allowed`` was handed to the connection pool at ``sent``
        and the head of its answer arrived at ``answered`` (monotonic clock): push the
        slots back by how late it can have reached the service."""
        late = self.lateness(allowed, sent, answered)
        if late > 0:
            self._pushed += late
            self._next_slot += late

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
        self._next_slot = max(self._next_slot, resume)


class Quota:
    """The account's hourly request quota, as the latest response reported it.

    ``remaining`` and ``resets_at`` stay ``None`` until a response carries the
    ``X-Toggl-Quota-*`` headers.
    """

    __slots__ = ("remaining", "resets_at")

    def __init__(self) -> None:
        self.remaining: int | None = None
        self.resets_at: datetime | None = None

    @property
    def resets_in(self) -> float | None:
        """Seconds until the quota resets, or ``None`` when unknown."""
        if self.resets_at is None:
            return None
        return max(0.0, (self.resets_at - datetime.now(timezone.utc)).total_seconds())

    def update(self, headers: CIMultiDictProxy[str]) -> None:
        remaining = header_number(headers.get(QUOTA_REMAINING_HEADER))
        if remaining is not None:
            self.remaining = int(remaining)
        resets_in = header_number(headers.get(QUOTA_RESETS_IN_HEADER))
        if resets_in is not None:
            self.resets_at = datetime.now(timezone.utc) + timedelta(seconds=resets_in)

    def __repr__(self) -> str:
        return f"Quota(remaining={self.remaining!r}, resets_at={self.resets_at!r})"

