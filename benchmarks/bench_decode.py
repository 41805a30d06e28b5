"""Decoding the large GET /me?with_related_data=true body (about 2.9 MB), and a
1000-entry GET /me/time_entries?meta=true answer (the most the service sends).

Typed decoding goes through the transport's own ``decoder_for(Me)``, i.e. exactly what
``toggl.me.get(with_related_data=True)`` runs on the bytes. toggl-python's pydantic model
refuses the fractional rates and fees the service sends, so it reads a copy with whole
numbers, and is compared with the SDK decoding that same copy.
"""

from __future__ import annotations

import gc
import json
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import msgspec

from . import payloads
from ._harness import Row, interleave, median, ms, optional, paired_ratio, ratio_row, skipped

TYPED_TARGET = 0.6
TOGGL_PYTHON_SPEEDUP = 3.5
MEMORY_SHARE = 0.5
WARM = 2


def run(quick: bool = False) -> list[Row]:
    from toggl_async import Me, TimeEntry
    from toggl_async._transport import decoder_for

    # Each ratio is its own experiment: its two contenders alternate (the order flips
    # every round), so neither decodes right after a third one, whose garbage would shift
    # the collector's and the allocator's work onto it. Each turn runs a contender WARM +
    # REPEAT times in a row and keeps the median of the last REPEAT: the steady state, as
    # anchor_decode.py and pyperf measure it.
    rounds, repeat = (7, 3) if quick else (15, 5)
    body = payloads.large_me()
    data = payloads.encode(body)
    whole = payloads.encode(payloads.whole_number_rates(body))
    # Only the bytes stay alive: the source dicts would make every garbage collection
    # during the runs walk 200,000 extra objects.
    del body
    gc.collect()
    sdk = decoder_for(Me)

    def pair(a: Callable[[], Any], b: Callable[[], Any]) -> tuple[list[float], list[float]]:
        s = interleave({"a": _timer(a, repeat), "b": _timer(b, repeat)}, rounds)
        return s["a"], s["b"]

    s: dict[str, list[float]] = {}
    s["typed"], s["untyped"] = pair(lambda: sdk.decode(data), lambda: msgspec.json.decode(data))
    s["json"], s["untyped2"] = pair(lambda: json.loads(data), lambda: msgspec.json.decode(data))
    validate = _toggl_python()
    if validate is not None:
        s["toggl_python"], s["typed_whole"] = pair(lambda: validate(whole),
                                                   lambda: sdk.decode(whole))

    entries = payloads.encode(payloads.time_entries_with_meta())
    listed = decoder_for(list[TimeEntry])
    s["entries"], s["entries_untyped"] = pair(lambda: listed.decode(entries),
                                              lambda: msgspec.json.decode(entries))

    size = f"{len(data) / 1e6:.2f} MB"
    rows = [
        ratio_row("decode", "large /me: typed Me / untyped msgspec",
                  paired_ratio(s["typed"], s["untyped"]), at_most=TYPED_TARGET,
                  detail=f"{size}; typed {ms(median(s['typed']))}, untyped msgspec "
                         f"{ms(median(s['untyped']))}, json.loads {ms(median(s['json']))}"),
        ratio_row("decode", "large /me: json.loads / untyped msgspec (reference)",
                  paired_ratio(s["json"], s["untyped2"])),
        ratio_row("decode", "1000 time entries with meta: typed / untyped msgspec",
                  paired_ratio(s["entries"], s["entries_untyped"]), at_most=TYPED_TARGET,
                  detail=f"{len(entries) / 1e6:.2f} MB; typed {ms(median(s['entries']))}, "
                         f"untyped {ms(median(s['entries_untyped']))}; the same target "
                         f"as the large /me"),
    ]
    if validate is None:
        why = optional("toggl_python") or "toggl-python's model could not read the body"
        rows.append(skipped("decode", "large /me: toggl-python pydantic / typed Me", why,
                            f">= {TOGGL_PYTHON_SPEEDUP:.2f}x"))
        rows.append(skipped("decode", "large /me: peak memory typed Me / toggl-python", why,
                            f"<= {MEMORY_SHARE:.2f}x"))
        return rows
    rows.append(ratio_row(
        "decode", "large /me: toggl-python pydantic / typed Me (speed-up)",
        paired_ratio(s["toggl_python"], s["typed_whole"]), at_least=TOGGL_PYTHON_SPEEDUP,
        detail=f"whole-number copy: toggl-python {ms(median(s['toggl_python']))}, "
               f"typed {ms(median(s['typed_whole']))}"))
    ours = _memory(lambda: sdk.decode(whole))
    theirs = _memory(lambda: validate(whole))
    rows.append(ratio_row(
        "decode", "large /me: peak memory typed Me / toggl-python",
        ours[0] / theirs[0], at_most=MEMORY_SHARE,
        detail=f"tracemalloc peak {ours[0] / 1e6:.1f} MB vs {theirs[0] / 1e6:.1f} MB; "
               f"kept after decoding {ours[1] / 1e6:.1f} MB vs {theirs[1] / 1e6:.1f} MB"))
    return rows


def _timer(fn: Callable[[], Any], repeat: int) -> Callable[[], float]:
    """Median seconds of ``repeat`` calls after ``WARM`` untimed ones, each result's
    deallocation included (as in real use)."""

    def timed() -> float:
        for _ in range(WARM):
            fn()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return median(times)

    return timed


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
