"""Decoding: the large GET /me?with_related_data=true body (about 2.9 MB), a 1,000-entry
GET /me/time_entries?meta=true list and a 50-row detailed report page.

Typed decoding goes through the transport's own decoding step (``_decode``: the cached
decoder of the endpoint's type, the collector paused for large bodies), i.e. exactly what
the endpoint runs on the bytes. Each figure is a ratio to untyped ``msgspec.json.decode``
of the same bytes, reported two ways:

- **mean** of ``BACK_TO_BACK`` calls in a row, with a live heap of ``LIVE_HEAP`` tracked
  objects (what an application holds): the garbage collector's work, which the thousands
  of small lists of a decode trigger every few calls, is part of the cost. The target is
  held on this one.
- **median** of the same calls: the steady state without the collections (reference).

toggl-python's pydantic model refuses the fractional rates and fees the service sends, so
it reads a copy with whole numbers, and is compared with the SDK decoding that same copy.
"""

from __future__ import annotations

import gc
import importlib
import json
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import msgspec

from . import payloads
from ._harness import Row, interleave, median, ms, optional, paired_ratio, ratio_row, skipped

TYPED_TARGET = 0.55
TOGGL_PYTHON_SPEEDUP = 3.5
MEMORY_SHARE = 0.5
WARM = 2
BACK_TO_BACK = 20
LIVE_HEAP = 300_000
REPORTS_MODULE = "toggl_async.models.reports"


def live_heap(objects: int = LIVE_HEAP) -> list[Any]:
    """About ``objects`` GC-tracked objects, as an application's state would hold: half
    small dicts, half the lists inside them."""
    return [{"id": n, "tags": [n]} for n in range(objects // 2)]


def run(quick: bool = False) -> list[Row]:
    from toggl_async import Me, TimeEntry
    from toggl_async._transport import _decode

    # Each ratio is its own experiment: its two contenders alternate (the order flips
    # every round), so neither decodes right after a third one, whose garbage would shift
    # the collector's and the allocator's work onto it. Each turn runs a contender WARM
    # times, then BACK_TO_BACK timed calls in a row.
    rounds, repeat = (5, 10) if quick else (9, BACK_TO_BACK)
    body = payloads.large_me()
    data = payloads.encode(body)
    whole = payloads.encode(payloads.whole_number_rates(body))
    del body  # only the bytes stay alive, beside the deliberate live heap
    entries = payloads.time_entry_list_bytes()
    heap = live_heap()
    gc.collect()

    def typed(response_type: Any) -> Callable[[bytes], Any]:
        return lambda raw: _decode(raw, response_type, "GET", "https://bench", 200, 1)

    def pair(
        a: Callable[[], Any], b: Callable[[], Any]
    ) -> tuple[list[list[float]], list[list[float]]]:
        s = interleave({"a": _timer(a, repeat), "b": _timer(b, repeat)}, rounds)
        return s["a"], s["b"]

    untyped = msgspec.json.decode
    rows: list[Row] = []
    decode_me = typed(Me)
    rows += _typed_rows("large /me: typed Me", f"{len(data) / 1e6:.2f} MB",
                        *pair(lambda: decode_me(data), lambda: untyped(data)), repeat)
    decode_entries = typed(list[TimeEntry])
    rows += _typed_rows(
        f"{payloads.TIME_ENTRY_LIST_COUNT} time entries (meta=true): list[TimeEntry]",
        f"{len(entries) / 1e6:.2f} MB",
        *pair(lambda: decode_entries(entries), lambda: untyped(entries)), repeat)
    rows += _report_rows(typed, pair, repeat)

    json_s, untyped_s = pair(lambda: json.loads(data), lambda: untyped(data))
    rows.append(ratio_row("decode", "large /me: json.loads / untyped msgspec (reference)",
                          paired_ratio(_medians(json_s), _medians(untyped_s))))

    validate = _toggl_python()
    if validate is None:
        why = optional("toggl_python") or "toggl-python's model could not read the body"
        rows.append(skipped("decode", "large /me: toggl-python pydantic / typed Me", why,
                            f">= {TOGGL_PYTHON_SPEEDUP:.2f}x"))
        rows.append(skipped("decode", "large /me: peak memory typed Me / toggl-python", why,
                            f"<= {MEMORY_SHARE:.2f}x"))
        del heap
        return rows
    theirs_s, ours_s = pair(lambda: validate(whole), lambda: decode_me(whole))
    rows.append(ratio_row(
        "decode", "large /me: toggl-python pydantic / typed Me (speed-up, mean)",
        paired_ratio(_means(theirs_s), _means(ours_s)), at_least=TOGGL_PYTHON_SPEEDUP,
        detail=f"whole-number copy: toggl-python {ms(median(_means(theirs_s)))}, typed "
               f"{ms(median(_means(ours_s)))} (means of {repeat} calls; medians: "
               f"{paired_ratio(_medians(theirs_s), _medians(ours_s)):.2f}x)"))
    del heap
    ours = _memory(lambda: decode_me(whole))
    theirs = _memory(lambda: validate(whole))
    rows.append(ratio_row(
        "decode", "large /me: peak memory typed Me / toggl-python",
        ours[0] / theirs[0], at_most=MEMORY_SHARE,
        detail=f"tracemalloc peak {ours[0] / 1e6:.1f} MB vs {theirs[0] / 1e6:.1f} MB; "
               f"kept after decoding {ours[1] / 1e6:.1f} MB vs {theirs[1] / 1e6:.1f} MB"))
    return rows


def _typed_rows(what: str, size: str, typed: list[list[float]], untyped: list[list[float]],
                repeat: int) -> list[Row]:
    """The mean line (held to the target) and the median line (reference)."""
    mean = paired_ratio(_means(typed), _means(untyped))
    middle = paired_ratio(_medians(typed), _medians(untyped))
    return [
        ratio_row("decode", f"{what} / untyped msgspec, mean", mean, at_most=TYPED_TARGET,
                  detail=f"{size}; means of {repeat} calls in a row with "
                         f"{LIVE_HEAP:,} live objects: typed {ms(median(_means(typed)))}, "
                         f"untyped {ms(median(_means(untyped)))}"),
        ratio_row("decode", f"{what} / untyped msgspec, median (reference)", middle,
                  detail=f"typed {ms(median(_medians(typed)))}, untyped "
                         f"{ms(median(_medians(untyped)))}"),
    ]


def _report_rows(typed: Callable[[Any], Callable[[bytes], Any]], pair: Any,
                 repeat: int) -> list[Row]:
    what = f"{payloads.REPORT_PAGE_ROWS}-row detailed report page"
    try:
        reports = importlib.import_module(REPORTS_MODULE)
        row_type = reports.DetailedReportRow
    except (ImportError, AttributeError):
        return [skipped("decode", f"{what} / untyped msgspec, mean",
                        f"{REPORTS_MODULE}.DetailedReportRow does not exist yet",
                        f"<= {TYPED_TARGET:.2f}x")]
    page = payloads.report_page_bytes()
    decode_page = typed(list[row_type])
    untyped = msgspec.json.decode
    return _typed_rows(f"{what}: list[DetailedReportRow]", f"{len(page) / 1e3:.0f} kB",
                       *pair(lambda: decode_page(page), lambda: untyped(page)), repeat)


def _timer(fn: Callable[[], Any], repeat: int) -> Callable[[], list[float]]:
    """Seconds of each of ``repeat`` calls in a row, after ``WARM`` untimed ones, each
    result's deallocation included (as in real use)."""

    def timed() -> list[float]:
        for _ in range(WARM):
            fn()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return times

    return timed


def _means(samples: list[list[float]]) -> list[float]:
    return [statistics.fmean(turn) for turn in samples]


def _medians(samples: list[list[float]]) -> list[float]:
    return [median(turn) for turn in samples]


def _toggl_python() -> Callable[[bytes], Any] | None:
    if optional("toggl_python") is not None:
        return None
    try:
        from toggl_python.schemas.current_user import MeResponseWithRelatedData
    except ImportError:
        return None
    return MeResponseWithRelatedData.model_validate_json


def _memory(decode: Callable[[], Any]) -> tuple[int, int]:
    """(peak, kept) bytes traced while decoding, the result still alive for ``kept``."""
    gc.collect()
    tracemalloc.start()
    try:
        result = decode()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak, kept
