"""Traffic bookkeeping for the fake service: recording, scripted faults, rate and quota limits.

These objects are touched by the server's event loop and, in the blocking form, read or fed
from the test's thread; the shared mutable parts are guarded by a lock.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RecordedRequest:
    """One request as the fake saw it. Credentials are never stored, only who they named."""

    method: str
    path: str  # relative to /api/v9 (or to /reports/api/v3) when under it
    query: dict[str, str]
    body: bytes
    json: Any  # the parsed body, None when empty or not JSON
    token: str | None = None  # API token of the account it authenticated as
    email: str | None = None
    status: int | None = None  # None: the connection was dropped without an answer


@dataclass
class Injection:
    """A scripted one-shot override for the next ``remaining`` matching requests."""

    method: str | None = None
    path: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    content_type: str = "application/json"
    drop: bool = False
    truncate: bool = False
    delay: float = 0.0
    remaining: int = 1

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (
            self.path is None or self.path == path
        )

    @property
    def replaces_answer(self) -> bool:
        """True when the fake should answer with this instead of running the endpoint."""
        return self.status is not None or self.body is not None


class InjectionQueue:
    """FIFO of pending injections; the first one matching a request is consumed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[Injection] = []

    def add(self, injection: Injection) -> None:
        with self._lock:
            self._pending.append(injection)

    def take(self, method: str, path: str) -> Injection | None:
        with self._lock:
            for injection in self._pending:
                if injection.matches(method, path):
                    injection.remaining -= 1
                    if injection.remaining == 0:
                        self._pending.remove(injection)
                    return injection
        return None

    def pending(self) -> list[Injection]:
        with self._lock:
            return list(self._pending)

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()


class TrafficStats:
    """Recorded requests, concurrency high-water mark and distinct client connections."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._peer_ports: set[int] = set()
        self.in_flight = 0
        self.peak_in_flight = 0

    def begin(self, record: RecordedRequest, peer_port: int | None) -> None:
        with self._lock:
            self._requests.append(record)
            if peer_port is not None:
                self._peer_ports.add(peer_port)
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)

    def end(self) -> None:
        with self._lock:
            self.in_flight -= 1

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def request_count(self) -> int:
        return len(self._requests)

    @property
    def connections(self) -> int:
        return len(self._peer_ports)

    def reset(self) -> None:
        with self._lock:
            self._requests.clear()
            self._peer_ports.clear()
            self.peak_in_flight = self.in_flight


# A client pacing itself at exactly the allowed rate still arrives a little early now and
# then (timer and scheduling jitter); forgive this much, in seconds of drain time.
_JITTER_ALLOWANCE = 0.05


class LeakyBucket:
    """Per-account leaky bucket: admits ``rate`` requests per second, one at a time."""

    def __init__(self, rate: float) -> None:
        self._rate = rate
        self._capacity = 1.0 + rate * _JITTER_ALLOWANCE
        self._levels: dict[str, tuple[float, float]] = {}  # key -> (level, as of when)

    def admit(self, key: str, now: float) -> int | None:
        """None when admitted; otherwise the whole seconds to wait (a Retry-After value)."""
        level, since = self._levels.get(key, (0.0, now))
        level = max(0.0, level - (now - since) * self._rate)
        if level + 1.0 > self._capacity:
            self._levels[key] = (level, now)
            return max(1, math.ceil((level + 1.0 - self._capacity) / self._rate))
        self._levels[key] = (level + 1.0, now)
        return None


class HourlyQuota:
    """Per-account request quota over fixed windows (an hour on the real service)."""

    def __init__(self, limit: int, window: float) -> None:
        self._limit = limit
        self._window = window
        self._windows: dict[str, tuple[float, int]] = {}  # key -> (window start, used)

    def _current(self, key: str, now: float) -> tuple[float, int]:
        start, used = self._windows.get(key, (now, 0))
        if now >= start + self._window:
            start, used = now, 0
        self._windows[key] = (start, used)
        return start, used

    def exhausted(self, key: str, now: float) -> bool:
        return self._current(key, now)[1] >= self._limit

    def consume(self, key: str, now: float) -> None:
        start, used = self._current(key, now)
        self._windows[key] = (start, used + 1)

    def headers(self, key: str, now: float) -> dict[str, str]:
        """The live X-Toggl-Quota-* headers for ``key``."""
        start, used = self._current(key, now)
        return {
            "X-Toggl-Quota-Remaining": str(max(0, self._limit - used)),
            "X-Toggl-Quota-Resets-In": str(max(0, math.ceil(start + self._window - now))),
        }
