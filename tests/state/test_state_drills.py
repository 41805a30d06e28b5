"""The issue's drills: 4 worker processes x 25 concurrent calls on one account, sharing
its state through a real redis-server, against the embedded fake enforcing the limits.

Shortened for the suite (6-8 s of calls each, instead of 30 s); ``python -m benchmarks
--only state`` runs the 30 s pacing drill and reports its figures.
"""

from __future__ import annotations

import itertools
import signal
import time
from collections import Counter

import redis

from toggl_async import Credentials
from toggl_async.testing import BlockingFakeToggl

from .drill import Outcome, outcomes, start_workers
from .redis_server import RedisServer

WORKERS = 4
CONCURRENCY = 25
JITTER = 0.3  # how late a call may finish on a busy machine


def ok_between(found: list[Outcome], start: float, end: float) -> list[float]:
    return [o.at for o in found if o.outcome == "ok" and start <= o.at <= end]


def test_four_processes_pace_one_account_together(
    redis_server: RedisServer, prefix: str
) -> None:
    duration = 8.0
    with BlockingFakeToggl(accounts=2, rate_limit=1.0) as fake:
        workers, start_at = start_workers(
            WORKERS, fake, redis_server.url, prefix, concurrency=CONCURRENCY, rate=1.0,
            duration=duration,
        )
        found = outcomes(workers, timeout=duration + 20)
        statuses = Counter(
            request.status for request in fake.requests if request.token == fake.token
        )

    assert statuses[429] == 0 and {o.outcome for o in found} == {"ok"}
    assert len(ok_between(found, start_at, start_at + duration)) / duration >= 0.9
    assert len({o.worker for o in found}) > 1  # the slots went round the processes


def test_four_processes_spend_exactly_the_quota_and_send_nothing_more(
    redis_server: RedisServer, prefix: str
) -> None:
    # The quota, not the pace, is under test: pace at 20/s to keep the drill short.
    with BlockingFakeToggl(accounts=2, quota=30) as fake:
        workers, _ = start_workers(
            WORKERS, fake, redis_server.url, prefix, concurrency=CONCURRENCY, rate=20.0,
        )
        found = outcomes(workers, timeout=60)
        received = sum(request.token == fake.token for request in fake.requests)

    assert received == 30
    assert Counter(o.outcome for o in found) == {
        "ok": 30, "QuotaExceededError": WORKERS * CONCURRENCY - 30,
    }


def test_a_killed_process_loses_at_most_one_slot(redis_server: RedisServer, prefix: str) -> None:
    duration, kill_at = 6.0, 2.5
    with BlockingFakeToggl(accounts=2, rate_limit=1.0) as fake:
        workers, start_at = start_workers(
            WORKERS, fake, redis_server.url, prefix, concurrency=CONCURRENCY, rate=1.0,
            duration=duration,
        )
        time.sleep(start_at + kill_at - time.time())
        workers[0].send_signal(signal.SIGKILL)
        found = outcomes(workers, timeout=duration + 20)
        statuses = Counter(
            request.status for request in fake.requests if request.token == fake.token
        )

    assert workers[0].returncode == -signal.SIGKILL
    assert statuses[429] == 0
    done = ok_between(found, start_at, start_at + duration)
    gaps = [later - earlier for earlier, later in itertools.pairwise(done)]
    assert max(gaps) < 2 * 1.0 + JITTER  # a slot taken by the dead process, no more
    assert len(done) / duration >= 0.9 - 1 / duration


def test_calls_go_on_while_redis_is_down_and_share_again_when_it_is_back(
    private_redis: RedisServer, prefix: str
) -> None:
    # The fake does not limit the rate here: while Redis is down each process paces alone,
    # so together they send 4 calls a second; shared again, 1 a second.
    duration, stop_at, restart_at = 7.5, 1.5, 4.0
    with BlockingFakeToggl(accounts=2) as fake:
        workers, start_at = start_workers(
            WORKERS, fake, private_redis.url, prefix, concurrency=CONCURRENCY, rate=1.0,
            duration=duration, redis_timeout=0.2,
        )
        time.sleep(start_at + stop_at - time.time())
        private_redis.stop()
        time.sleep(start_at + restart_at - time.time())
        private_redis.start()
        found = outcomes(workers, timeout=duration + 20)

    assert {o.outcome for o in found} == {"ok"}
    down = ok_between(found, start_at + stop_at + 0.5, start_at + restart_at)
    shared = ok_between(found, start_at + restart_at + 1.5, start_at + duration)
    assert len(down) / (restart_at - stop_at - 0.5) > 2.5  # every process on its own
    assert len(shared) / (duration - restart_at - 1.5) <= 1.0 + 1 / 2.5  # one pace again
    key = f"{prefix}:{Credentials(fake.token).fingerprint}"
    with redis.Redis.from_url(private_redis.url) as inspector:
        assert int(inspector.hget(key, "sequence /me") or 0) >= len(shared)
