"""Import time of ``toggl_sync`` against that of its three dependencies alone.

Each sample is a fresh interpreter timing its own ``import`` statement with
``perf_counter`` (interpreter start-up is left out; it is the same for both). The two
statements alternate, and the ratio is the median of the pairs' quotients.

Byte-code: an installed package ships its ``.pyc`` files, but an editable checkout run
with ``PYTHONDONTWRITEBYTECODE=1`` would compile the project from source on every run
while the dependencies load their cached byte-code. The cached figures therefore use one
temporary ``PYTHONPYCACHEPREFIX``, warmed by a first, untimed import of each statement,
so that both sides load cached byte-code. The uncached figure is that of a checkout run
with ``PYTHONDONTWRITEBYTECODE=1``: a second prefix holds the dependencies' byte-code
only, nothing is written to it, so the project compiles from source every time.

The pytest plugin: a fresh interpreter imports ``pytest`` and then the plugin (what
pytest does in every project that installs the SDK) and reports whether that loaded
``toggl_async`` or aiohttp.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from ._harness import ROOT, Row, median, ms, paired_ratio, ratio_row

CACHED_TARGET = 1.1
UNCACHED_TARGET = 1.2
BASELINE = "import aiohttp, msgspec, anyio"
STATEMENTS = {
    "toggl_sync": "import toggl_sync",
    # The package's names load on first use: the client is what async code imports.
    "toggl_async": "from toggl_async import AsyncToggl",
    "base": BASELINE,
}
PLUGIN = "pytest_toggl_async"
_HEAVY = "import sys; print(sorted({'toggl_async', 'aiohttp'} & set(sys.modules)))"
_PROBE = (
    "import time\n"
    "start = time.perf_counter()\n"
    "{statement}\n"
    "print(time.perf_counter() - start)\n"
)


def run(quick: bool = False) -> list[Row]:
    rounds = 7 if quick else 21
    statements = {k: v for k, v in STATEMENTS.items() if not (quick and k == "toggl_async")}
    with (tempfile.TemporaryDirectory(prefix="toggl-bench-pyc-") as cache,
          tempfile.TemporaryDirectory(prefix="toggl-bench-deps-pyc-") as deps_cache):
        env = dict(os.environ, PYTHONPYCACHEPREFIX=cache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cached = _alternate(statements, env, rounds)
        deps_env = dict(env, PYTHONPYCACHEPREFIX=deps_cache)
        _time_import(f"{BASELINE}, pytest", deps_env)  # the dependencies' byte-code only
        deps_env["PYTHONDONTWRITEBYTECODE"] = "1"
        uncached = _alternate(
            {k: STATEMENTS[k] for k in ("toggl_sync", "base")}, deps_env, rounds)
        heavy = _run(f"import pytest, {PLUGIN}\n{_HEAVY}", deps_env).strip()
    base, sync = cached["base"], cached["toggl_sync"]
    rows = [
        ratio_row("import", "import toggl_sync / import aiohttp, msgspec, anyio (byte-code "
                            "cached)",
                  paired_ratio(sync, base), at_most=CACHED_TARGET,
                  detail=f"toggl_sync {ms(median(sync))}, aiohttp+msgspec+anyio "
                         f"{ms(median(base))} (medians of {rounds} fresh interpreters)"),
        ratio_row("import", "import toggl_sync / import aiohttp, msgspec, anyio (toggl "
                            "compiled from source)",
                  paired_ratio(uncached["toggl_sync"], uncached["base"]),
                  at_most=UNCACHED_TARGET,
                  detail=f"toggl_sync {ms(median(uncached['toggl_sync']))}, "
                         f"aiohttp+msgspec+anyio {ms(median(uncached['base']))}"),
    ]
    if "toggl_async" in cached:
        rows.append(ratio_row(
            "import", "from toggl_async import AsyncToggl / import aiohttp, msgspec, anyio "
                      "(reference)",
            paired_ratio(cached["toggl_async"], base),
            detail=f"AsyncToggl {ms(median(cached['toggl_async']))}"))
    rows += [
        Row("import", "pytest plugin import loads toggl_async or aiohttp", None, "neither",
            heavy == "[]", unit="", detail=f"loaded after import pytest, {PLUGIN}: {heavy}"),
    ]
    return rows


def _alternate(statements: dict[str, str], env: dict[str, str],
               rounds: int) -> dict[str, list[float]]:
    """Time each statement in fresh interpreters, alternating, ``rounds`` times each,
    after one untimed import of each (which fills a writable cache)."""
    for statement in statements.values():
        _time_import(statement, env)
    samples: dict[str, list[float]] = {name: [] for name in statements}
    names = list(statements)
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            samples[name].append(_time_import(statements[name], env))
    return samples


def _time_import(statement: str, env: dict[str, str]) -> float:
    return float(_run(_PROBE.format(statement=statement), env).strip().splitlines()[-1])


def _run(code: str, env: dict[str, str]) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
        check=True,
    ).stdout
