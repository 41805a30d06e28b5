"""The Reports API v3: paging a large detailed report, exporting a large CSV. (Decoding a
page is the decode suite's: ``bench_decode``'s 50-row detailed report page.)

1. Paging. The embedded fake (``FakeToggl``, in a process of its own, 20 ms of latency
   before every answer) holds ``PAGING_ROWS`` time entries in one workspace;
   ``toggl.reports.detailed()`` iterates over all of them, 50 rows a page (the service's
   default), against a hand-written aiohttp + msgspec loop doing the same paging (POST the
   filters, ``msgspec.json.decode`` the body, follow ``X-Next-Row-Number`` until it is
   gone). Both read every row; the SDK also types them (three timestamps per row).
2. Export memory. A fresh interpreter exports a ``EXPORT_MB`` MB CSV (streamed by a small
   server of this module, never held whole on either side) with ``to=`` a path, and
   reports how far its peak resident memory rose above what it was before the request.

    python -m benchmarks.bench_reports --serve-fake ROWS LATENCY_MS
    python -m benchmarks.bench_reports --serve-export MEGABYTES

start those servers (the port on the first line of stdout).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import aiohttp
import msgspec

from ._harness import (
    ROOT,
    Row,
    basic_auth,
    median,
    paired_ratio,
    ratio_row,
    server,
)

PAGING_ROWS = 50_000
LATENCY_MS = 20.0
PAGING_TARGET = 1.10
EXPORT_MB = 100
MEMORY_TARGET_MB = 50.0
WORKSPACE_ID = 1  # the export server's; the fake's first workspace otherwise
START, END = "2025-01-01", "2026-10-03"
CHUNK_ROWS = 2_000


def run(quick: bool = False) -> list[Row]:
    # --quick pages through a fifth of the report: 200 pages instead of 1,000.
    count, rounds = (PAGING_ROWS // 5, 2) if quick else (PAGING_ROWS, 2)
    return [_paging(count, rounds), _export_memory(EXPORT_MB)]


# -- 1. paging ---------------------------------------------------------------------------------
def _paging(count: int, rounds: int) -> Row:
    command = [sys.executable, "-m", "benchmarks.bench_reports", "--serve-fake", str(count),
               str(LATENCY_MS)]
    with server(command=command) as srv:
        assert srv.process.stdout is not None
        token, workspace_id = srv.process.stdout.readline().split()
        return asyncio.run(_page_through(srv.base_url, token, int(workspace_id), count, rounds))


async def _page_through(
    base_url: str, token: str, workspace_id: int, count: int, rounds: int
) -> Row:
    from toggl_async import AsyncToggl
    from toggl_async.resources.reports import reports_base_url

    url = f"{reports_base_url(base_url)}/workspace/{workspace_id}/search/time_entries"
    sdk = AsyncToggl(token, base_url=base_url, rate_limit=None)
    raw = aiohttp.ClientSession(headers={"Authorization": basic_auth(token)})

    async def with_sdk() -> int:
        return sum([1 async for _ in sdk.reports.detailed(
            workspace_id, start_date=START, end_date=END)])

    async def by_hand() -> int:
        seen, body = 0, {"start_date": START, "end_date": END}
        while True:
            async with raw.post(url, data=msgspec.json.encode(body),
                                headers={"Content-Type": "application/json"}) as response:
                seen += len(msgspec.json.decode(await response.read()))
                following = response.headers.get("X-Next-Row-Number")
            if following is None:
                return seen
            body["first_row_number"] = int(following)

    try:
        # The fake computes the report on the first request and keeps it: warm it up.
        assert await by_hand() == count
        samples: dict[str, list[float]] = {"sdk": [], "raw": []}
        for r in range(rounds):
            order = (("sdk", with_sdk), ("raw", by_hand))[:: 1 if r % 2 == 0 else -1]
            for name, read in order:
                started = time.perf_counter()
                assert await read() == count
                samples[name].append(time.perf_counter() - started)
    finally:
        await sdk.aclose()
        await raw.close()
    pages = -(-count // 50)
    return ratio_row(
        "reports", f"detailed, {count:,} rows at {LATENCY_MS:.0f} ms: SDK / raw aiohttp",
        paired_ratio(samples["sdk"], samples["raw"]), at_most=PAGING_TARGET,
        detail=f"{pages} pages of 50 on the fake; SDK {median(samples['sdk']):.2f} s, raw "
               f"{median(samples['raw']):.2f} s, ideal {pages * LATENCY_MS / 1000:.2f} s "
               f"(latency alone); {rounds} rounds")


# -- 2. export memory ------------------------------------------------------------------------
_EXPORT_CHILD = """
import asyncio, os, sys
from toggl_async import AsyncToggl

def status_kb(field):
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1])

async def main(base_url):
    async with AsyncToggl("bench", base_url=base_url, rate_limit=None) as toggl:
        await toggl.me.logged()  # the session and its connection exist before measuring
        before = status_kb("VmRSS")
        written = await toggl.reports.export(
            WORKSPACE_ID, "detailed", "csv", start_date="2025-01-01", end_date="2025-12-31",
            to=os.devnull)
        # Not ru_maxrss: Linux carries it over from the parent through fork and exec, so
        # it would report the benchmark process's own size.
        peak = status_kb("VmHWM")
        print(written, before, peak)

WORKSPACE_ID = int(sys.argv[2])
asyncio.run(main(sys.argv[1]))
"""


def _export_memory(megabytes: int) -> Row:
    command = [sys.executable, "-m", "benchmarks.bench_reports", "--serve-export",
               str(megabytes)]
    with server(command=command) as srv:
        done = subprocess.run([sys.executable, "-c", _EXPORT_CHILD, srv.base_url,
                               str(WORKSPACE_ID)],
                              capture_output=True, text=True, cwd=ROOT, timeout=600)
    if done.returncode:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    written, before_kb, peak_kb = map(int, done.stdout.split())
    rise = (peak_kb - before_kb) / 1024
    return Row("reports", f"export of a {written / 1e6:.0f} MB CSV to a file: peak memory rise",
               rise, f"< {MEMORY_TARGET_MB:.0f} MB", rise < MEMORY_TARGET_MB, unit="MB",
               detail=f"{written:,} bytes streamed; resident {before_kb / 1024:.1f} MB before,"
                      f" peak {peak_kb / 1024:.1f} MB (VmHWM of a fresh interpreter)")


# -- the servers -----------------------------------------------------------------------------
async def _serve_fake(count: int, latency_ms: float) -> None:
    """The fake with ``count`` entries in its first workspace: prints its port, then the
    account's token and the workspace's id on a second line."""
    from toggl_async.testing import FakeToggl

    async with FakeToggl(accounts=1, latency=latency_ms / 1000) as fake:
        account = fake.accounts[0]
        workspace_id = account.workspace_ids[0]
        account.time_entries[:] = _entries(count, workspace_id, account.user_id)
        print(fake.url.split(":")[2].split("/")[0], flush=True)
        print(account.token, workspace_id, flush=True)
        await asyncio.Event().wait()


def _entries(count: int, workspace_id: int, user_id: int) -> list[dict[str, Any]]:
    """``count`` stopped entries between 2025-01-01 and 2026-09, the v9 wire fields."""
    start = datetime(2025, 1, 1, 7, tzinfo=timezone.utc)
    step = (datetime(2026, 9, 1, tzinfo=timezone.utc) - start) / count
    entries = []
    for n in range(count):
        begin = start + step * n
        stop = begin + timedelta(seconds=600 + n % 3000)
        entries.append({
            "id": 5_000_000_000 + n, "workspace_id": workspace_id, "project_id": None,
            "task_id": None, "user_id": user_id, "billable": False,
            "description": ("Sprint planning ☕", "Code review", "")[n % 3],
            "tags": None, "tag_ids": None, "start": begin.isoformat(),
            "stop": stop.isoformat(), "duration": 600 + n % 3000,
            "at": (stop + timedelta(seconds=5)).isoformat(), "server_deleted_at": None,
        })
    return entries


async def _serve_export(megabytes: int) -> None:
    """A stand-in streaming ``megabytes`` MB of detailed-report CSV, chunk by chunk."""
    from aiohttp import web

    line = (b"Ada Lovelace,ada@example.com,Acme,Difference Engine,,Sprint planning,No,"
            b"2025-04-08,21:19:52,2025-04-08,22:19:52,01:00:00,deep-work\r\n")
    chunk = line * CHUNK_ROWS

    async def export(request: web.Request) -> web.StreamResponse:
        await request.read()
        response = web.StreamResponse(headers={"Content-Type": "text/csv; charset=utf-8"})
        await response.prepare(request)
        for _ in range(megabytes * 1_000_000 // len(chunk) + 1):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def logged(request: web.Request) -> web.Response:
        return web.Response(status=200)

    app = web.Application()
    app.router.add_get("/api/v9/me/logged", logged)
    app.router.add_post(
        f"/reports/api/v3/workspace/{WORKSPACE_ID}/search/time_entries.csv", export)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(runner.addresses[0][1], flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_reports")
    parser.add_argument("--serve-fake", nargs=2, type=float, metavar=("ROWS", "LATENCY_MS"))
    parser.add_argument("--serve-export", type=int, metavar="MEGABYTES")
    args = parser.parse_args()
    if args.serve_fake:
        asyncio.run(_serve_fake(int(args.serve_fake[0]), args.serve_fake[1]))
    elif args.serve_export:
        asyncio.run(_serve_export(args.serve_export))
    else:
        for row in run(quick=True):
            print(json.dumps(row.__dict__))


if __name__ == "__main__":
    main()
