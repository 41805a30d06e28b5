"""Hostile or broken servers: huge and compressed bodies, deep JSON, absurd headers,
malformed HTTP, control characters. Only ``TogglError`` subclasses come out, in bounded
time and memory."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from aioresponses import aioresponses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import bodies
from tests.conftest import BASE_URL, TOKEN, MockAPI, invoke
from tests.hostile import Reply, Sent, hostile, http, respond
from toggl_async import (
    APIConnectionError,
    APIStatusError,
    AsyncToggl,
    BadRequestError,
    DecodeError,
    Me,
    ResponseTooLargeError,
    ServerError,
    TogglError,
    _transport,
)

ME = json.dumps(bodies.ME).encode()  # what the service sends, quirks included
MiB = 1024 * 1024


@cache
def gzip_bomb(inflated: int) -> bytes:
    """``inflated`` bytes of zeros, gzipped (about a thousandth of the size)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MiB)
    return b"".join(packer.compress(zeros) for _ in range(inflated // MiB)) + packer.flush()


def answering(raw: bytes) -> Any:
    def answer(sent: Sent, index: int) -> Reply:
        return respond(raw, close=True)

    return answer


async def test_an_answer_over_the_size_limit_is_refused_by_its_length(make_client: Any) -> None:
    with hostile(answering(http(200, b" " * 2000))) as server:
        client = make_client(base_url=server.url, max_response_size=1000, max_retries=2)

        with pytest.raises(ResponseTooLargeError, match="max_response_size=1000") as caught:
            await invoke(client, "me.get")

        assert caught.value.limit == 1000 and caught.value.status == 200
        assert len(server.requests) == 1  # a retry would download it again


async def test_a_compression_bomb_is_inflated_no_further_than_the_limit(
    make_client: Any,
) -> None:
    bomb = gzip_bomb(64 * MiB)
    with hostile(answering(http(200, bomb, {"Content-Encoding": "gzip"}))) as server:
        client = make_client(base_url=server.url, max_response_size=MiB, max_retries=2)
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLargeError):
                await invoke(client, "me.get")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

        assert peak < 16 * MiB  # not the 64 MiB it inflates to (nor twice that)
        assert len(server.requests) == 1


async def test_a_huge_error_answer_is_not_downloaded_on_every_attempt(
    make_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_transport, "BACKOFF_BASE", 0.005)
    megabyte = b"x" * MiB
    head = http(503, b"", {"Content-Length": str(50 * MiB), "Content-Type": "text/plain"})

    def answer(sent: Sent, index: int) -> Reply:
        return Reply([head + b"Service down for maintenance "] + [megabyte] * 50, close=True)

    with hostile(answer) as server:
        client = make_client(base_url=server.url, max_retries=2)

        with pytest.raises(ServerError, match="Service down for maintenance") as caught:
            await invoke(client, "me.get")

        assert caught.value.attempts == 3
        assert server.finished == 0  # no attempt read the 50 MB


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize(
    "body",
    [
        b'{"id": 1, "unknown_field": ' + nested(5000) + b"}",
        b'{"id": 1, "options": ' + nested(5000) + b"}",  # typed as any JSON
        nested(20_000),
    ],
    ids=["unknown-field", "known-field", "top-level"],
)
async def test_deeply_nested_json_is_a_decode_error(body: bytes, api: MockAPI, client: Any) -> None:
    api.add("GET", "/me", body=body)

    with pytest.raises(DecodeError):
        await invoke(client, "me.get")


async def test_a_deeply_nested_error_body_still_gives_the_status_error(
    api: MockAPI, client: Any
) -> None:
    api.add("GET", "/me", status=400, body=b'{"message": ' + nested(5000) + b"}")

    with pytest.raises(BadRequestError):
        await invoke(client, "me.get")


ABSURD = ["1e300", "99999999999", "-5", "garbage", "inf", "nan", "1e400", "",
          "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "Tue, 99 Foo 2024"]


@pytest.mark.parametrize("value", ABSURD)
@pytest.mark.parametrize("status", [200, 402, 429, 503])
async def test_absurd_header_values_never_escape_as_other_errors(
    status: int, value: str, api: MockAPI, client: Any
) -> None:
    api.add("GET", "/me", status=status, body=ME, repeat=True, headers={
        "Retry-After": value, "X-Toggl-Quota-Resets-In": value,
        "X-Toggl-Quota-Remaining": value,
    })

    if status == 200:
        assert type(await invoke(client, "me.get")) is Me
    else:
        with pytest.raises(TogglError):
            await invoke(client, "me.get")


MALFORMED = {
    "header too long": (http(200, ME, {"X-Long": "a" * 20000}), "Got more than 8190 bytes"),
    "bad Content-Length": (b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{}",
                           "Invalid character in Content-Length"),
    "duplicate Content-Length": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "Duplicate Content-Length",
    ),
    "bad status line": (b"HTTQ/1.1 200 OK\r\n\r\n", "Bad status line"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
async def test_malformed_http_says_what_was_wrong_and_is_not_retried(
    case: str, make_client: Any
) -> None:
    raw, words = MALFORMED[case]
    with hostile(answering(raw)) as server:
        client = make_client(base_url=server.url, max_retries=2)

        with pytest.raises(APIConnectionError, match="invalid HTTP answer") as caught:
            await invoke(client, "me.get")

        assert words in str(caught.value)
        assert len(server.requests) == 1  # the same server would answer the same


async def test_a_status_outside_the_http_range_is_a_status_error_not_a_server_error(
    make_client: Any,
) -> None:
    with hostile(answering(http(600, b'"odd"', reason="Odd"))) as server:
        client = make_client(base_url=server.url, max_retries=2)

        with pytest.raises(APIStatusError) as caught:
            await invoke(client, "me.get")

        assert type(caught.value) is APIStatusError and caught.value.status == 600
        assert len(server.requests) == 1


async def test_control_characters_from_the_server_never_reach_a_message(
    api: MockAPI, client: Any
) -> None:
    api.add("GET", "/me", status=400, body='"bad\x1b[31m thing\x07\u202e\x00"',
            headers={"X-Toggl-Request-Id": "id\x1b[2J"})

    with pytest.raises(BadRequestError) as caught:
        await invoke(client, "me.get")

    shown = str(caught.value) + repr(caught.value) + caught.value.message
    for control in ("\x1b", "\x07", "\u202e", "\x00"):
        assert control not in shown
    assert "bad" in shown and "thing" in shown


FUZZ_TIMEOUT = 0.3
CALLS = [("me.get", {}), ("me.update", {"fullname": "Ada"}),
         ("preferences.update", {"date_format": "DD.MM.YYYY"})]
WRITE_METHODS = {"me.update": "PUT", "preferences.update": "POST"}
HEADER_VALUES = st.one_of(st.sampled_from([*ABSURD, "0", "0.05", "3"]), st.text(max_size=20))


@pytest.fixture
def private_loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    status=st.one_of(st.sampled_from([200, 204, 400, 402, 403, 404, 429, 500, 502, 503, 504]),
                     st.integers(100, 999)),
    body=st.one_of(st.binary(max_size=200), st.sampled_from(
        [ME, b"null", b'"text"', b"<html><title>x</title>", nested(3000), b'{"id": 1e999}'])),
    retry_after=HEADER_VALUES,
    remaining=HEADER_VALUES,
    resets_in=HEADER_VALUES,
    call=st.sampled_from(CALLS),
)
def test_fuzzed_answers_give_a_value_or_a_toggl_error_within_the_deadline(
    status: int, body: bytes, retry_after: str, remaining: str, resets_in: str,
    call: tuple[str, dict[str, Any]], private_loop: asyncio.AbstractEventLoop,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_transport, "BACKOFF_BASE", 0.05)
    name, arguments = call
    headers = {"Retry-After": retry_after, "X-Toggl-Quota-Remaining": remaining,
               "X-Toggl-Quota-Resets-In": resets_in}

    async def run() -> Any:
        async with AsyncToggl(TOKEN, rate_limit=None, max_retries=3, timeout=FUZZ_TIMEOUT,
                              quota_wait=0.1) as toggl:
            return await invoke(toggl, name, **arguments)

    with aioresponses() as mock:
        MockAPI(mock, BASE_URL).add(
            WRITE_METHODS.get(name, "GET"), "/me" if name.startswith("me.") else
            "/me/preferences", status=status, body=body, headers=headers, repeat=True,
        )
        started = time.monotonic()
        with contextlib.suppress(TogglError):
            private_loop.run_until_complete(run())
        assert time.monotonic() - started < FUZZ_TIMEOUT + 0.2
