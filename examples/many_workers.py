"""Several worker processes on one account, sharing its pace and its hourly quota through
Redis (``RedisState``), as gunicorn/uvicorn workers or Celery/arq workers would.

Each worker makes a few concurrent calls. Alone, each would pace itself at one request a
second and together they would send three times that; sharing the account's state, they
send one request a second between them, and once the quota is known to be spent, every
other call fails with ``QuotaExceededError`` without being sent.

Needs a Redis (``apt-get install redis-server``, or ``docker run -p 6379:6379 redis``)
and the redis extra (``pip install "toggl-async[redis]"``)::

    TOGGL_STATE_URL=redis://localhost:6379/0 python examples/many_workers.py

Without ``TOGGL_API_TOKEN`` it runs against ``FakeToggl``, an embedded fake of the service,
limited to one request a second and an hourly quota of 6 requests. With a token it spends
up to 9 requests of your account's quota (it only reads).
"""

import asyncio
import multiprocessing
import os
import sys
import time
import uuid
from multiprocessing.synchronize import Barrier

from toggl_async import AsyncToggl, QuotaExceededError, RedisState, TogglError
from toggl_async.testing import BlockingFakeToggl

WORKERS = 3
CALLS_PER_WORKER = 3
FAKE_QUOTA = 6


async def work(number: int, token: str, base_url: str | None, redis_url: str, prefix: str,
               start: Barrier) -> None:
    options = {} if base_url is None else {"base_url": base_url}
    # Every worker makes its own RedisState: they share only what is in Redis.
    state = RedisState(redis_url, prefix=prefix)
    async with AsyncToggl(token, state=state, **options) as toggl:
        start.wait()  # every worker is up: begin together
        started = time.monotonic()

        async def call() -> None:
            try:
                await toggl.me.get()
                outcome = f"answered (quota left: {toggl.quota.remaining})"
            except QuotaExceededError as error:
                outcome = f"refused before sending, the quota resets in {error.resets_in:.0f} s"
            except TogglError as error:
                outcome = f"failed: {error!r}"
            # One write per line: the workers share the terminal.
            sys.stdout.write(f"worker {number}  +{time.monotonic() - started:4.1f} s  {outcome}\n")
            sys.stdout.flush()

        await asyncio.gather(*(call() for _ in range(CALLS_PER_WORKER)))


def worker(number: int, token: str, base_url: str | None, redis_url: str, prefix: str,
           start: Barrier) -> None:
    asyncio.run(work(number, token, base_url, redis_url, prefix, start))


def run_workers(token: str, base_url: str | None, redis_url: str, prefix: str) -> None:
    print(f"{WORKERS} workers x {CALLS_PER_WORKER} calls on one account, sharing its state "
          f"through {redis_url}")
    # "spawn": fresh interpreters, as separate services would be (and safe with threads).
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WORKERS)
    processes = [
        context.Process(
            target=worker, args=(number, token, base_url, redis_url, prefix, start),
        )
        for number in range(1, WORKERS + 1)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()


def main() -> None:
    redis_url = os.environ.get("TOGGL_STATE_URL", "redis://localhost:6379/0")
    token = os.environ.get("TOGGL_API_TOKEN")
    if token:
        run_workers(token, None, redis_url, "toggl-example")
        return
    print("TOGGL_API_TOKEN is not set: running against the embedded fake Toggl service.")
    with BlockingFakeToggl(accounts=1, rate_limit=1.0, quota=FAKE_QUOTA) as fake:
        # Each run's fake is a new service with a fresh quota: new keys too.
        run_workers(fake.token, fake.url, redis_url, f"toggl-example-{uuid.uuid4().hex[:8]}")
        statuses = [request.status for request in fake.requests]
    print(f"The fake received {len(statuses)} requests, {statuses.count(429)} of them too "
          f"fast (429), {statuses.count(402)} over the quota (402).")


if __name__ == "__main__":
    main()
