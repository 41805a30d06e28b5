"""``python -m benchmarks [--quick] [--only decode,requests,iterate,import,fanout,state,reports]``

Runs the workloads, each contender measured side by side with the one it is compared
with, and prints one table of ratios with their targets. Exits 0 whatever the figures:
the table is for people, not for CI.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable

from ._harness import Row, render

WORKLOADS: dict[str, str] = {
    "decode": "benchmarks.bench_decode",
    "requests": "benchmarks.bench_requests",
    "iterate": "benchmarks.bench_iterate",
    "import": "benchmarks.bench_import",
    "fanout": "benchmarks.bench_fanout",
    "state": "benchmarks.bench_state",
    "reports": "benchmarks.bench_reports",
}


def machine() -> str:
    import aiohttp
    import msgspec

    return (
        f"{platform.python_implementation()} {platform.python_version()} on "
        f"{platform.system()} {platform.release()} ({platform.machine()}), "
        f"{os.cpu_count()} CPUs; aiohttp {aiohttp.__version__}, msgspec {msgspec.__version__}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="fewer rounds and smaller runs (well under a minute)")
    parser.add_argument("--only", default="",
                        help=f"comma-separated workloads among {', '.join(WORKLOADS)}")
    args = parser.parse_args(argv)
    chosen = [w.strip() for w in args.only.split(",") if w.strip()] or list(WORKLOADS)
    unknown = sorted(set(chosen) - set(WORKLOADS))
    if unknown:
        parser.error(f"unknown workload(s): {', '.join(unknown)}")

    print(f"toggl_async benchmarks{' (quick)' if args.quick else ''}: {machine()}",
          flush=True)
    rows: list[Row] = []
    started = time.perf_counter()
    for name in chosen:
        t = time.perf_counter()
        run: Callable[[bool], list[Row]] = __import__(WORKLOADS[name], fromlist=["run"]).run
        try:
            rows += run(args.quick)
        except Exception as exc:  # one broken workload must not hide the others
            rows.append(Row(name, "workload failed", None, skipped=f"{type(exc).__name__}: {exc}"))
        print(f"  {name}: {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
    print()
    print(render(rows))
    missed = [r for r in rows if r.ok is False]
    print(f"\n{len(rows)} lines, {sum(r.ok is True for r in rows)} PASS, {len(missed)} MISS, "
          f"{sum(bool(r.skipped) for r in rows)} SKIP in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
