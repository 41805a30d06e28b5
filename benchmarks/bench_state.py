"""Shared state in Redis: what it adds to a request, and the issue's pacing drill.

- Per-request cost: sequential ``GET /me`` through ``AsyncToggl`` with its state in memory
  and with ``RedisState`` on a loopback redis-server (one Lua script a request: the slot,
  carrying what the previous answer taught), batches interleaved as in ``bench_requests``.
  The figure is the median over rounds of the per-request difference; target under 0.3 ms.
  Beside it, for reference, one bare redis-py ``EVALSHA`` round trip of a trivial script,
  on a client set up as ``RedisState`` sets up its own (no ``socket_timeout``: redis-py's
  default of 5 s costs a task per command): the floor of any shared state, which a busy
  machine raises most.
- Drill: 4 worker processes x 25 concurrent calls on one account, ``rate_limit=1.0``,
  against the embedded fake enforcing 1 request/second, for 30 s (10 s with ``--quick``):
  429s (target 0) and the combined throughput over the limit (target >= 0.9). The suite
  runs a shorter drill (tests/state/test_state_drills.py).

Needs ``redis-server`` on PATH and the ``redis`` extra; without them the lines are skipped.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Callable

from ._harness import Row, interleave, median, server, skipped, us

TOKEN = "bench-state"
COST_TARGET = 0.3e-3  # seconds a request
THROUGHPUT_TARGET = 0.9
# Paced, but never waiting: what the slot bookkeeping costs, not the pace.
UNWAITED_RATE = 1e6


def run(quick: bool = False) -> list[Row]:
    why = _missing()
    if why:
        return [skipped("state", "Redis round trip per request", why, "< 0.30 ms"),
                skipped("state", "drill: 4 processes x 25 calls, 1/s", why)]
    from tests.state.redis_server import RedisServer

    batch, rounds = (60, 9) if quick else (100, 25)
    with RedisServer() as redis_server:
        with server() as srv:
            rows = _cost(srv.base_url, redis_server.url, batch, rounds)
        return rows + _drill(redis_server.url, 10.0 if quick else 30.0)


def _missing() -> str:
    if shutil.which("redis-server") is None:
        return "redis-server is not on PATH (apt-get install redis-server)"
    try:
        import redis  # noqa: F401
    except ImportError:
        return 'redis-py is not installed (pip install -e ".[redis]")'
    return ""


def _cost(base_url: str, redis_url: str, batch: int, rounds: int) -> list[Row]:
    import redis.asyncio

    from toggl_async import AsyncToggl, RedisState

    loop = asyncio.new_event_loop()
    bare = redis.asyncio.from_url(redis_url, socket_timeout=None)
    trivial = bare.register_script("return 1")
    memory = AsyncToggl(TOKEN, base_url=base_url, rate_limit=UNWAITED_RATE)
    shared = AsyncToggl(TOKEN, base_url=base_url, rate_limit=UNWAITED_RATE,
                        state=RedisState(redis_url, prefix="bench-" + uuid.uuid4().hex[:8]))
    try:
        def timed(toggl: AsyncToggl) -> Callable[[], float]:
            async def calls() -> None:
                for _ in range(batch):
                    await toggl.me.get()

            def sample() -> float:
                start = time.perf_counter()
                loop.run_until_complete(calls())
                return (time.perf_counter() - start) / batch
            return sample

        async def round_trips() -> None:
            for _ in range(batch):
                await trivial(keys=["bench"], args=[1])

        def round_trip() -> float:
            start = time.perf_counter()
            loop.run_until_complete(round_trips())
            return (time.perf_counter() - start) / batch

        contenders = {"memory": timed(memory), "redis": timed(shared), "bare": round_trip}
        for sample in contenders.values():  # warm up: connections, scripts, decoders
            sample()
        s = interleave(contenders, rounds)
    finally:
        loop.run_until_complete(memory.aclose())
        loop.run_until_complete(shared.aclose())
        loop.run_until_complete(bare.aclose())
        loop.close()
    added = statistics.median(r - m for r, m in zip(s["redis"], s["memory"], strict=True))
    return [
        Row("state", "Redis round trip per request (RedisState - in memory)", added * 1e3,
            "< 0.30 ms", added < COST_TARGET, unit="ms",
            detail=f"{us(added)} added; RedisState {us(median(s['redis']))}/req, in memory "
                   f"{us(median(s['memory']))}/req, bare EVALSHA {us(median(s['bare']))} "
                   "(loopback redis-server, sequential GET /me)"),
        Row("state", "bare redis-py EVALSHA round trip (reference)", median(s["bare"]) * 1e3,
            unit="ms"),
    ]


def _drill(redis_url: str, duration: float) -> list[Row]:
    from tests.state.drill import outcomes, start_workers
    from toggl_async.testing import BlockingFakeToggl

    measure = f"drill: 4 processes x 25 calls, 1/s, {duration:g} s"
    with BlockingFakeToggl(accounts=2, rate_limit=1.0) as fake:
        workers, start_at = start_workers(
            4, fake, redis_url, "bench-" + uuid.uuid4().hex[:8], concurrency=25, rate=1.0,
            duration=duration,
        )
        found = outcomes(workers, timeout=duration + 60)
        statuses = Counter(r.status for r in fake.requests if r.token == fake.token)
    done = [o for o in found if o.outcome == "ok" and start_at <= o.at <= start_at + duration]
    throughput = len(done) / duration
    return [
        Row("state", measure + ": 429s", statuses[429], "0", statuses[429] == 0, unit=""),
        Row("state", measure + ": throughput / limit", throughput, f">= {THROUGHPUT_TARGET}",
            throughput >= THROUGHPUT_TARGET, unit="x",
            detail=f"{len(done)} calls done in {duration:g} s by "
                   f"{len({o.worker for o in done})} processes; outcomes "
                   f"{dict(Counter(o.outcome for o in found))}"),
    ]
