"""Many accounts at once: ``toggl_async.fan_out`` against the same work written by hand.

1. Wall time. The server waits ``LATENCY_MS`` before every answer; ``ACCOUNTS`` accounts
   each read the six endpoints of ``ENDPOINTS`` (gathered), ``CONCURRENCY`` accounts at a
   time through ``fan_out`` (``rate_limit=None``), whose shared pool holds
   ``CONCURRENCY`` connections. The hand-written contender is one aiohttp session with
   ``TCPConnector(limit=CONCURRENCY)``, a semaphore of ``CONCURRENCY`` and all the
   requests gathered at once. Both have at most ``CONCURRENCY`` requests in flight, so
   both have the same ideal time. (Reading an account's endpoints one after the other
   inside ``fan_out`` costs about 10% more here: the last accounts' chains finish with
   fewer than ``CONCURRENCY`` requests in flight.)
2. Correctness. Every account's fan-out value equals what one client per account reads
   one request after the other, account after account.
3. Pacing. The server limits every account to one request a second (leaky bucket with a
   little slack, 429 + Retry-After beyond it); ``RATE_ACCOUNTS`` accounts read the six
   endpoints with ``rate_limit=1.0``. No error may reach the caller, the server may see
   at most one 429 per account, and the run may take at most 1.2x the ideal (the sixth
   request of each account cannot start before 5 s). The same again with the first
   request of every connection reaching the server ``CONNECT_MS`` late, as after a TLS
   handshake to the real service.
4. Memory. ``tracemalloc`` peaks of a fan-out over a growing number of accounts (one
   endpoint each): the results grow linearly, the fan-out's own overhead (peak minus what
   the results keep) must not.
"""

from __future__ import annotations

import asyncio
import gc
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import msgspec

from ._harness import Row, Server, basic_auth, median, ms, paired_ratio, ratio_row, server

ENDPOINTS = ("/me", "/me/workspaces", "/me/projects", "/me/tags", "/me/clients", "/me/tasks")
LATENCY_MS = 20.0
ACCOUNTS = 100
CONCURRENCY = 50
WALL_TARGET = 1.10

RATE = 1.0
RATE_ACCOUNTS = 20
RATE_IDEAL = (len(ENDPOINTS) - 1) / RATE
RATE_TARGET = 1.2
CONNECT_MS = 150.0

# CPU: many accounts, one request each, no latency: what fan_out itself costs per account.
CPU_ACCOUNTS = 10_000
CPU_ACCOUNTS_QUICK = 2_000
CPU_TARGET = 1.15
# Memory per account at 1,000 accounts before the per-account template (2026-12-04).
MEMORY_PER_ACCOUNT_BEFORE = 2_900

MEMORY_COUNTS = (200, 1000, 2000)
MEMORY_COUNTS_QUICK = (200, 1000)


def tokens(n: int, prefix: str) -> list[str]:
    return [f"{prefix}-{i:05d}" for i in range(n)]


async def six(toggl: Any) -> tuple[Any, ...]:
    """What each account reads in the fan-outs: the six endpoints at once."""
    me = toggl.me
    return tuple(await asyncio.gather(
        me.get(), me.workspaces(), me.projects(), me.tags(), me.clients(), me.tasks(),
    ))


async def six_in_turn(toggl: Any) -> tuple[Any, ...]:
    """The same, one request after the other: the reference the fan-out must equal."""
    me = toggl.me
    return (
        await me.get(), await me.workspaces(), await me.projects(), await me.tags(),
        await me.clients(), await me.tasks(),
    )


def run(quick: bool = False) -> list[Row]:
    rounds = 5 if quick else 15
    with server(latency_ms=LATENCY_MS) as srv:
        rows = _wall_time(srv, rounds)
        rows += _cpu(srv, CPU_ACCOUNTS_QUICK if quick else CPU_ACCOUNTS, 3 if quick else 5)
        rows += _pacing(srv, repeats=1 if quick else 2)
        rows += _memory(srv, MEMORY_COUNTS_QUICK if quick else MEMORY_COUNTS)
    return rows


# -- 1 and 2: wall time, and the same values as sequential reads ------------------------
async def _sdk_fan_out(base_url: str, accounts: list[str]) -> tuple[float, list[Any]]:
    from toggl_async import fan_out

    start = time.perf_counter()
    results = await fan_out(accounts, six, concurrency=CONCURRENCY, base_url=base_url,
                            rate_limit=None)
    return time.perf_counter() - start, results


async def _raw_fan_out(base_url: str, accounts: list[str]) -> tuple[float, list[Any]]:
    semaphore = asyncio.Semaphore(CONCURRENCY)
    decode = msgspec.json.decode
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def one(token: str, path: str) -> Any:
            headers = {"Authorization": basic_auth(token)}
            async with semaphore, session.get(base_url + path, headers=headers) as r:
                r.raise_for_status()
                return decode(await r.read())

        start = time.perf_counter()
        values = await asyncio.gather(*(one(t, p) for t in accounts for p in ENDPOINTS))
        return time.perf_counter() - start, values


async def _sequential(base_url: str, accounts: list[str]) -> list[tuple[Any, ...]]:
    from toggl_async import AsyncToggl

    out = []
    for token in accounts:
        async with AsyncToggl(token, base_url=base_url, rate_limit=None) as toggl:
            out.append(await six_in_turn(toggl))
    return out


def _wall_time(srv: Server, rounds: int) -> list[Row]:
    accounts = tokens(ACCOUNTS, "fan")
    url = srv.base_url
    last: dict[str, Any] = {}
    connections: list[int] = []
    cpu: dict[str, list[float]] = {"raw": [], "sdk": []}

    def contender(name: str, go: Callable[[str, list[str]], Awaitable[tuple[float, Any]]]
                  ) -> Callable[[], float]:
        def timed() -> float:
            srv.reset()
            used = time.process_time()
            seconds, last[name] = asyncio.run(go(url, accounts))
            cpu[name].append(time.process_time() - used)
            if name == "sdk":
                connections.append(srv.stats()["connections"])
            return seconds
        return timed

    contenders = {"raw": contender("raw", _raw_fan_out), "sdk": contender("sdk", _sdk_fan_out)}
    for timed in contenders.values():
        timed()  # warm up
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for r in range(rounds):
        for name in (("raw", "sdk") if r % 2 == 0 else ("sdk", "raw")):
            gc.collect()
            samples[name].append(contenders[name]())

    ideal = ACCOUNTS * len(ENDPOINTS) / CONCURRENCY * LATENCY_MS / 1000
    raw, sdk = median(samples["raw"]), median(samples["sdk"])
    rows = [ratio_row(
        "fan-out", f"{ACCOUNTS}x{len(ENDPOINTS)} at {LATENCY_MS:.0f} ms, conc {CONCURRENCY}: "
                   "fan_out / raw aiohttp",
        paired_ratio(samples["sdk"], samples["raw"]), at_most=WALL_TARGET,
        detail=f"fan_out {ms(sdk)} ({sdk / ideal:.2f}x ideal), raw {ms(raw)} "
               f"({raw / ideal:.2f}x ideal); ideal {ms(ideal)}; client CPU per run: "
               f"fan_out {ms(median(cpu['sdk']))}, raw {ms(median(cpu['raw']))}; fan_out "
               f"used at most {max(connections)} connections")]

    # The same values as reading each account on its own, one request after the other.
    srv.reset(latency_ms=0)
    try:
        expected = asyncio.run(_sequential(url, accounts))
    finally:
        srv.reset(latency_ms=LATENCY_MS)
    results = last["sdk"]
    errors = [r for r in results if not r.ok]
    mismatched = [r.index for r in results if r.ok and r.value != expected[r.index]]
    same = not errors and not mismatched and [r.index for r in results] == list(range(ACCOUNTS))
    rows.append(Row(
        "fan-out", "fan_out values == per-account sequential values", None,
        "equal", same, unit="",
        detail=f"{ACCOUNTS} accounts x {len(ENDPOINTS)} endpoints compared; "
               f"{len(errors)} errors, {len(mismatched)} accounts differing"))
    return rows


# -- 1b: CPU per request over many accounts at no latency ---------------------------------
async def _sdk_one_each(base_url: str, accounts: list[str]) -> None:
    from toggl_async import fan_out

    results = await fan_out(accounts, _one_endpoint, concurrency=CONCURRENCY,
                            base_url=base_url, rate_limit=None)
    failed = sum(not r.ok for r in results)
    if failed:
        raise RuntimeError(f"{failed} accounts failed in the CPU run")


async def _raw_one_each(base_url: str, accounts: list[str]) -> None:
    """The hand-written floor: one session, a semaphore, every request gathered."""
    semaphore = asyncio.Semaphore(CONCURRENCY)
    decode = msgspec.json.decode
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def one(token: str) -> Any:
            headers = {"Authorization": basic_auth(token)}
            async with semaphore, session.get(base_url + "/me", headers=headers) as r:
                r.raise_for_status()
                return decode(await r.read())

        await asyncio.gather(*(one(token) for token in accounts))


def _cpu(srv: Server, n: int, rounds: int) -> list[Row]:
    """Client CPU (process time: this process only, the server has its own) and wall
    time per request, fan_out against the hand-written gather, in paired rounds."""
    srv.reset(latency_ms=0)
    accounts = tokens(n, "cpu")
    cpu: dict[str, list[float]] = {"raw": [], "sdk": []}
    wall: dict[str, list[float]] = {"raw": [], "sdk": []}
    go = {"raw": _raw_one_each, "sdk": _sdk_one_each}
    asyncio.run(_sdk_one_each(srv.base_url, accounts[:200]))  # imports, caches
    try:
        for r in range(rounds):
            for name in (("raw", "sdk") if r % 2 == 0 else ("sdk", "raw")):
                gc.collect()
                used, start = time.process_time(), time.perf_counter()
                asyncio.run(go[name](srv.base_url, accounts))
                cpu[name].append((time.process_time() - used) / n)
                wall[name].append((time.perf_counter() - start) / n)
    finally:
        srv.reset(latency_ms=LATENCY_MS)
    label = f"{n:,} accounts x 1 at 0 ms, conc {CONCURRENCY}"
    return [
        ratio_row("fan-out", f"{label}: fan_out / hand-written gather, CPU per request",
                  paired_ratio(cpu["sdk"], cpu["raw"]), at_most=CPU_TARGET,
                  detail=f"client CPU per request: fan_out {median(cpu['sdk']) * 1e6:.0f} us, "
                         f"hand-written {median(cpu['raw']) * 1e6:.0f} us ({rounds} rounds)"),
        ratio_row("fan-out", f"{label}: fan_out / hand-written gather, wall (reference)",
                  paired_ratio(wall["sdk"], wall["raw"]),
                  detail=f"per request: fan_out {median(wall['sdk']) * 1e6:.0f} us, "
                         f"hand-written {median(wall['raw']) * 1e6:.0f} us"),
    ]


# -- 3: pacing against a server-side rate limit -----------------------------------------
async def _paced(base_url: str, accounts: list[str]) -> tuple[float, list[Any]]:
    from toggl_async import fan_out

    start = time.perf_counter()
    results = await fan_out(accounts, six, concurrency=len(accounts), base_url=base_url,
                            rate_limit=RATE)
    return time.perf_counter() - start, results


async def _paced_pair(plain: Server, slow_connect: Server) -> list[tuple[float, list[Any]]]:
    """Both scenarios at once: they spend their time waiting, not computing."""
    return list(await asyncio.gather(
        _paced(plain.base_url, tokens(RATE_ACCOUNTS, "paced")),
        _paced(slow_connect.base_url, tokens(RATE_ACCOUNTS, "paced-tls")),
    ))


def _pacing(srv: Server, repeats: int) -> list[Row]:
    """The plain scenario, and the same where the first request of every connection
    reaches the server ``CONNECT_MS`` late (as after a TLS handshake): that request is
    counted late, so the next one, sent on time over the warm connection, would arrive
    early unless the client makes up for it."""
    scenarios = ("", f", {CONNECT_MS:.0f} ms connection set-up")
    walls: list[list[float]] = [[], []]
    errors = [0, 0]
    worst = [0, 0]
    total = [0, 0]
    with server(latency_ms=LATENCY_MS, rate=RATE) as slow:
        servers = (srv, slow)
        try:
            for _ in range(repeats):
                srv.reset(latency_ms=LATENCY_MS, rate=RATE)
                slow.reset(latency_ms=LATENCY_MS, rate=RATE, connect_ms=CONNECT_MS)
                runs = asyncio.run(_paced_pair(srv, slow))
                for i, (wall, results) in enumerate(runs):
                    stats = servers[i].stats()
                    walls[i].append(wall)
                    errors[i] += sum(not r.ok for r in results)
                    worst[i] = max([worst[i], *stats["throttled_per_account"].values()])
                    total[i] += stats["throttled"]
        finally:
            srv.reset(latency_ms=LATENCY_MS, rate=0)
    rows = []
    runs = f"worst of {repeats} run{'s' if repeats > 1 else ''}"
    for i, extra in enumerate(scenarios):
        label = f"{RATE_ACCOUNTS}x{len(ENDPOINTS)}, server {RATE:g}/s{extra}"
        wall = max(walls[i])
        rows += [
            Row("pacing", f"{label}: errors surfaced", errors[i], "0", errors[i] == 0,
                unit="", detail=runs),
            Row("pacing", f"{label}: most 429s of one account", worst[i], "<= 1",
                worst[i] <= 1, unit="", detail=f"{total[i]} 429s in all, {runs}"),
            ratio_row("pacing", f"{label}: wall / ideal {RATE_IDEAL:g} s", wall / RATE_IDEAL,
                      at_most=RATE_TARGET,
                      detail=f"rate_limit={RATE:g}; {runs}: "
                             + ", ".join(f"{w:.2f} s" for w in walls[i])),
        ]
    return rows


# -- 4: memory over many accounts -------------------------------------------------------
async def _one_endpoint(toggl: Any) -> Any:
    return await toggl.me.get()


async def _traced_fan_out(base_url: str, accounts: list[str]) -> tuple[int, int]:
    """(peak, kept) bytes traced during a fan-out: ``kept`` is what its results hold."""
    from toggl_async import fan_out

    gc.collect()
    tracemalloc.start()
    try:
        results = await fan_out(accounts, _one_endpoint, concurrency=CONCURRENCY,
                                base_url=base_url, rate_limit=None)
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    failed = sum(not r.ok for r in results)
    if failed:
        raise RuntimeError(f"{failed} accounts failed in the memory run")
    return peak, kept


def _memory(srv: Server, counts: tuple[int, ...]) -> list[Row]:
    srv.reset(latency_ms=LATENCY_MS, rate=0)
    asyncio.run(_traced_fan_out(srv.base_url, tokens(20, "warm")))  # imports, caches
    figures = []
    for n in counts:
        srv.reset()
        peak, kept = asyncio.run(_traced_fan_out(srv.base_url, tokens(n, f"mem{n}")))
        figures.append((n, peak, kept, peak - kept, srv.stats()["connections"]))
    rows = []
    first = figures[0]
    for n, peak, kept, overhead, connections in figures:
        rows.append(Row(
            "memory", f"fan_out over {n} accounts x 1: peak", peak / 1e6, unit="MB",
            detail=f"results keep {kept / 1e6:.2f} MB ({kept / n:,.0f} B/account); "
                   f"overhead (peak - kept) {overhead / 1e6:.2f} MB; {connections} "
                   f"connections for {n} accounts (concurrency {CONCURRENCY})"))
    for n, peak, *_ in figures:
        if n == 1000:
            rows.append(Row(
                "memory", "fan_out over 1000 accounts x 1: peak per account", peak / n,
                f"<= {MEMORY_PER_ACCOUNT_BEFORE:,} B", peak / n <= MEMORY_PER_ACCOUNT_BEFORE,
                unit="B", detail="tracemalloc peak / accounts, results included; "
                                 f"{MEMORY_PER_ACCOUNT_BEFORE:,} B before the template"))
    n0, overhead0 = first[0], first[3]
    n1, overhead1 = figures[-1][0], figures[-1][3]
    growth = overhead1 / overhead0
    rows.append(Row(
        "memory", f"fan_out overhead growth {n0} -> {n1} accounts", growth,
        f"< {n1 / n0 / 2:g}x (half linear)", growth < (n1 / n0) / 2,
        detail=f"overhead {overhead0 / 1e6:.2f} MB -> {overhead1 / 1e6:.2f} MB for "
               f"{n1 / n0:.0f}x the accounts (target: under half of linear growth)"))
    return rows
