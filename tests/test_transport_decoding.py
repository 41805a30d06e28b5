"""The transport's decoding step: the collector is paused while a large body decodes."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import msgspec
import pytest

from toggl_async import DecodeError
from toggl_async._transport import GC_PAUSE_BYTES, _decode

seen: list[bool] = []  # gc.isenabled() as each Row was decoded


class Row(msgspec.Struct):
    name: str

    def __post_init__(self) -> None:
        seen.append(gc.isenabled())


def body(size: int) -> bytes:
    row = b'{"name": "' + b"x" * 100 + b'"}'
    return b"[" + b",".join([row] * (size // (len(row) + 1) + 1)) + b"]"


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    seen.clear()
    gc.enable()
    yield
    gc.enable()


def decode(data: bytes) -> list[Row]:
    rows: list[Row] = _decode(data, list[Row], "GET", "https://x/rows", 200, 1)
    return rows


def test_a_large_body_decodes_with_the_collector_paused() -> None:
    assert len(decode(body(GC_PAUSE_BYTES))) > 100
    assert set(seen) == {False}
    assert gc.isenabled()


def test_a_small_body_leaves_the_collector_alone() -> None:
    decode(body(1000))
    assert set(seen) == {True}


def test_the_collector_is_back_on_after_a_bad_body() -> None:
    with pytest.raises(DecodeError):
        decode(body(GC_PAUSE_BYTES).replace(b'"x', b'1', 1))
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    decode(body(GC_PAUSE_BYTES))
    assert not gc.isenabled()
