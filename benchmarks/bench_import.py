"""Import time of ``toggl_sync`` against that of its three dependencies alone.

Each sample is a fresh interpreter timing its own ``import`` statement with
``perf_counter`` (interpreter start-up is left out; it is the same for both). The two
statements alternate, and the ratio is the median of the pairs' quotients.

Byte-code: an installed package ships its ``.pyc`` files, but an editable checkout run
with ``PYTHONDONTWRITEBYTECODE=1`` would compile the project from source on every run
while the dependencies load their cached byte-code. Every run here therefore uses one
temporary ``PYTHONPYCACHEPREFIX``, warmed by a first, untimed import of each statement,
so that both sides load cached byte-code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from ._harness import ROOT, Row, median, ms, paired_ratio, ratio_row

TARGET = 1.2
BASELINE = "import aiohttp, msgspec, anyio"
STATEMENTS = {
    "toggl_sync": "import toggl_sync",
    "toggl_async": "import toggl_async",
    "base": BASELINE,
}
_PROBE = (
    "import time\n"
    "start = time.perf_counter()\n"
    "{statement}\n"
    "print(time.perf_counter() - start)\n"
)


def run(quick: bool = False) -> list[Row]:
    rounds = 7 if quick else 21
    statements = {k: v for k, v in STATEMENTS.items() if not (quick and k == "toggl_async")}
    with tempfile.TemporaryDirectory(prefix="toggl-bench-pyc-") as cache:
        env = dict(os.environ, PYTHONPYCACHEPREFIX=cache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for statement in statements.values():  # compile and cache the byte-code
            _time_import(statement, env)
        samples: dict[str, list[float]] = {name: [] for name in statements}
        names = list(statements)
        for r in range(rounds):
            order = names[r % len(names):] + names[:r % len(names)]
            for name in order:
                samples[name].append(_time_import(statements[name], env))
    base = samples["base"]
    sync = samples["toggl_sync"]
    rows = [
        ratio_row("import", "import toggl_sync / import aiohttp, msgspec, anyio",
                  paired_ratio(sync, base), at_most=TARGET,
                  detail=f"toggl_sync {ms(median(sync))}, aiohttp+msgspec+anyio "
                         f"{ms(median(base))} (medians of {rounds} fresh interpreters)"),
    ]
    if "toggl_async" in samples:
        rows.append(ratio_row(
            "import", "import toggl_async / import aiohttp, msgspec, anyio",
            paired_ratio(samples["toggl_async"], base),
            detail=f"toggl_async {ms(median(samples['toggl_async']))}"))
    return rows


def _time_import(statement: str, env: dict[str, str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(statement=statement)],
        capture_output=True, text=True, env=env, cwd=ROOT, check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])
