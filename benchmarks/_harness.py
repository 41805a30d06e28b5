"""What every workload shares: the server process, side-by-side timing, result rows."""

from __future__ import annotations

import base64
import gc
import json
import os
import statistics
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

S = TypeVar("S")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


# -- results ---------------------------------------------------------------------------
@dataclass
class Row:
    """One line of the table: a ratio (or another figure) and the target it is held to."""

    workload: str
    measure: str
    value: float | None
    target: str = ""
    ok: bool | None = None  # None: no target (reference figure) or skipped
    unit: str = "x"
    detail: str = ""
    skipped: str = ""

    @property
    def status(self) -> str:
        if self.skipped:
            return "SKIP"
        if self.ok is None:
            return "info"
        return "PASS" if self.ok else "MISS"

    def shown_value(self) -> str:
        if self.value is None:
            return "-"
        if self.unit == "x":
            return f"{self.value:.2f}x"
        if not self.unit and float(self.value).is_integer():
            return f"{int(self.value)}"
        return f"{self.value:,.1f} {self.unit}".rstrip()


def ratio_row(
    workload: str, measure: str, ratio: float, *, at_most: float | None = None,
    at_least: float | None = None, detail: str = "",
) -> Row:
    """A ratio held to ``<= at_most`` or ``>= at_least`` (neither: reference only)."""
    if at_most is not None:
        return Row(workload, measure, ratio, f"<= {at_most:.2f}x", ratio <= at_most,
                   detail=detail)
    if at_least is not None:
        return Row(workload, measure, ratio, f">= {at_least:.2f}x", ratio >= at_least,
                   detail=detail)
    return Row(workload, measure, ratio, detail=detail)


def skipped(workload: str, measure: str, why: str, target: str = "") -> Row:
    return Row(workload, measure, None, target, skipped=why)


def render(rows: Sequence[Row]) -> str:
    head = ("workload", "measure", "value", "target", "status")
    table = [head] + [
        (r.workload, r.measure, r.shown_value(), r.target or "-", r.status) for r in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(head))]
    out = []
    for n, line in enumerate(table):
        out.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    notes = [f"  [{r.workload}] {r.measure}: {r.detail or r.skipped}" for r in rows
             if r.detail or r.skipped]
    if notes:
        out += ["", "details:", *notes]
    return "\n".join(out)


# -- timing ----------------------------------------------------------------------------
def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def paired_ratio(a: Sequence[float], b: Sequence[float]) -> float:
    """Median of a[i] / b[i]: each pair was measured back to back, so slow spells of the
    machine cancel out of the ratio."""
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def interleave(
    contenders: dict[str, Callable[[], S]], rounds: int, *, collect: bool = True
) -> dict[str, list[S]]:
    """Run every contender once per round, in a rotating order, and return each one's
    samples (whatever its callable measured, e.g. seconds per request)."""
    names = list(contenders)
    samples: dict[str, list[S]] = {name: [] for name in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            if collect:
                gc.collect()
            samples[name].append(contenders[name]())
    return samples


def us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f} us"


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


# -- the server ------------------------------------------------------------------------
def basic_auth(token: str) -> str:
    return "Basic " + base64.b64encode(f"{token}:api_token".encode()).decode()


@dataclass
class Server:
    """``python -m benchmarks.server`` in a process of its own (so that it does not share
    the measured process's event loop or GIL)."""

    process: subprocess.Popen[str]
    port: int
    settings: dict[str, float] = field(default_factory=dict)

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return self.root + "/api/v9"

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.root + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def stats(self) -> dict[str, Any]:
        return dict(self._call("GET", "/__stats"))

    def reset(self, *, latency_ms: float | None = None, rate: float | None = None,
              connect_ms: float | None = None) -> None:
        """Zero the counters and buckets, and change the settings given."""
        given = {"latency_ms": latency_ms, "rate": rate, "connect_ms": connect_ms}
        self.settings = self._call(
            "POST", "/__reset", {k: v for k, v in given.items() if v is not None})


@contextmanager
def server(*, latency_ms: float = 0.0, rate: float = 0.0,
           command: Sequence[str] | None = None) -> Iterator[Server]:
    """Start the benchmark server (or ``command``, a compatible one printing its port)."""
    argv = list(command or [sys.executable, "-m", "benchmarks.server"])
    if command is None:
        argv += ["--latency", str(latency_ms), "--rate", str(rate)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.strip():
            raise RuntimeError(f"the server did not start: {' '.join(argv)}")
        yield Server(process, int(line))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


# -- optional contenders ---------------------------------------------------------------
def optional(module: str) -> str | None:
    """Why ``module`` cannot be compared with, or None when it is importable."""
    try:
        __import__(module)
    except ImportError:
        return (f"{module} is not installed, so it was not measured (to compare: "
                "pip install toggl-python==0.3.2 httpx)")
    return None
