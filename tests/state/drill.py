"""Several worker processes calling one account through a shared ``RedisState``.

A worker: ``python -m tests.state.drill --base-url ... --token ... --redis-url ...``
prints ``ready`` once it has warmed up (one call as ``--warm-up-token``, another account,
so that imports and first connections are done), reads from its stdin the wall-clock time
at which to begin, then starts ``--concurrency`` tasks calling ``GET /me`` (each once, or
over and over for ``--duration`` seconds) and prints one JSON line per finished call:
``{"at": <wall clock>, "outcome": "ok" | <error class name>}``, flushed at once, so that
what a killed worker did is still known.

``start_workers`` (which returns once every worker is ready, with the time they begin) and
``outcomes`` run them from a test or a benchmark.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toggl_async.testing import BlockingFakeToggl

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@dataclass(frozen=True)
class Outcome:
    worker: int
    at: float  # time.time() when the call finished
    outcome: str  # "ok", or the error's class name


def start_workers(
    count: int, fake: BlockingFakeToggl, redis_url: str, prefix: str, *, concurrency: int,
    rate: float | None, duration: float | None = None, redis_timeout: float = 0.5,
) -> tuple[list[subprocess.Popen[str]], float]:
    """Start ``count`` workers calling as the fake's first account (warming up as its
    second); return them, and when their calls begin (wall clock)."""
    argv = [
        sys.executable, "-m", "tests.state.drill", "--base-url", fake.url,
        "--token", fake.tokens[0], "--warm-up-token", fake.tokens[1],
        "--redis-url", redis_url, "--prefix", prefix, "--concurrency", str(concurrency),
        "--rate", "none" if rate is None else str(rate),
        "--redis-timeout", str(redis_timeout),
    ]
    if duration is not None:
        argv += ["--duration", str(duration)]
    workers = [
        subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                         cwd=ROOT)
        for _ in range(count)
    ]
    for worker in workers:
        assert worker.stdout is not None
        if worker.stdout.readline().strip() != "ready":
            raise RuntimeError("a drill worker did not start")
    start_at = time.time() + 0.2
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write(f"{start_at!r}\n")
        worker.stdin.close()
    return workers, start_at


def outcomes(workers: Sequence[subprocess.Popen[str]], timeout: float) -> list[Outcome]:
    """Wait for every worker (killing any still running after ``timeout`` seconds) and
    return what their calls did, in the order they finished."""
    deadline = time.monotonic() + timeout
    found: list[Outcome] = []
    for number, worker in enumerate(workers):
        try:
            worker.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        assert worker.stdout is not None
        with worker.stdout:  # a few dozen lines: never enough to fill the pipe
            for line in worker.stdout:
                record = json.loads(line)
                found.append(Outcome(number, record["at"], record["outcome"]))
    return sorted(found, key=lambda outcome: outcome.at)


async def work(args: argparse.Namespace) -> None:
    from toggl_async import AsyncToggl, RedisState, TogglError

    state = RedisState(args.redis_url, prefix=args.prefix, timeout=args.redis_timeout)
    async with AsyncToggl(args.warm_up_token, base_url=args.base_url, state=state) as warm:
        await warm.me.get()
    toggl = AsyncToggl(args.token, base_url=args.base_url, state=state,
                       rate_limit=args.rate, max_retries=0)
    print("ready", flush=True)
    start_at = float(await asyncio.to_thread(sys.stdin.readline))

    def report(outcome: str) -> None:
        print(json.dumps({"at": time.time(), "outcome": outcome}), flush=True)

    async def calls() -> None:
        while True:
            try:
                await toggl.me.get()
                report("ok")
            except TogglError as error:
                report(type(error).__name__)
            if args.duration is None:
                return

    await asyncio.sleep(max(0.0, start_at - time.time()))
    tasks = [asyncio.ensure_future(calls()) for _ in range(args.concurrency)]
    if args.duration is None:
        await asyncio.gather(*tasks)
    else:
        await asyncio.sleep(start_at + args.duration - time.time())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    await toggl.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--warm-up-token", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--concurrency", type=int, default=25)
    parser.add_argument("--rate", type=lambda v: None if v == "none" else float(v))
    parser.add_argument("--duration", type=float)
    parser.add_argument("--redis-timeout", type=float, default=0.5)
    asyncio.run(work(parser.parse_args()))


if __name__ == "__main__":
    main()
