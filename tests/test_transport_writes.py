"""Every send is an attempt the SDK counts, and a write is sent again only when the service
cannot have applied it; otherwise its error says the outcome is unknown. Both styles."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest

from tests import bodies
from tests.conftest import invoke
from tests.hostile import DROP, Reply, Sent, hostile, http, respond
from toggl_async import (
    APIConnectionError,
    APITimeoutError,
    Me,
    RateLimitError,
    ServerError,
    Timeout,
    _transport,
)
from toggl_async.testing import BlockingFakeToggl

ME = json.dumps(bodies.ME).encode()  # what the service sends, quirks included

WRITES = {
    "PUT": ("me.update", {"fullname": "Ada King"}),
    "POST": ("preferences.update", {"date_format": "DD.MM.YYYY"}),
}


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_transport, "BACKOFF_BASE", 0.005)


def drop_all(sent: Sent, index: int) -> Reply:
    return DROP


@pytest.mark.parametrize("max_retries", [0, 2])
async def test_a_dropped_read_is_sent_exactly_as_often_as_attempts_say(
    max_retries: int, make_client: Any
) -> None:
    with hostile(drop_all) as server:
        client = make_client(base_url=server.url, max_retries=max_retries)

        with pytest.raises(APIConnectionError) as caught:
            await invoke(client, "me.get")

        assert caught.value.attempts == max_retries + 1
        assert len(server.requests) == max_retries + 1  # aiohttp re-sent each once before


async def test_a_dropped_keep_alive_connection_is_one_attempt_of_ours(make_client: Any) -> None:
    # The first answer leaves the connection open; the server then drops it under the
    # next request, which aiohttp would have re-sent on its own, unseen.
    def answer(sent: Sent, index: int) -> Reply:
        return respond(http(200, ME)) if index != 1 else DROP

    with hostile(answer) as server:
        client = make_client(base_url=server.url, max_retries=0)
        await invoke(client, "me.get")

        with pytest.raises(APIConnectionError):
            await invoke(client, "me.get")

        assert len(server.requests) == 2


@pytest.mark.parametrize("method", sorted(WRITES))
async def test_a_write_whose_answer_was_lost_is_not_sent_again(
    method: str, make_client: Any
) -> None:
    name, arguments = WRITES[method]
    with hostile(drop_all) as server:
        client = make_client(base_url=server.url, max_retries=2)

        with pytest.raises(APIConnectionError) as caught:
            await invoke(client, name, **arguments)

        assert [r.method for r in server.requests] == [method]
        assert caught.value.may_have_been_applied is True
        assert "the outcome is unknown" in str(caught.value)


@pytest.mark.parametrize("method", sorted(WRITES))
async def test_a_write_answered_with_a_5xx_is_not_sent_again(
    method: str, fake: BlockingFakeToggl, make_client: Any
) -> None:
    name, arguments = WRITES[method]
    fake.inject(method=method, status=503, headers={"Retry-After": "0"}, times=3)
    client = make_client(fake.token, base_url=fake.url, max_retries=2)

    with pytest.raises(ServerError) as caught:
        await invoke(client, name, **arguments)

    assert caught.value.may_have_been_applied is True and caught.value.attempts == 1
    assert len(fake.requests) == 1


async def test_a_write_that_timed_out_is_not_sent_again(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    fake.inject(method="PUT", path="/me", delay=1.0)
    client = make_client(fake.token, base_url=fake.url, timeout=0.3, max_retries=2)

    with pytest.raises(APITimeoutError) as caught:
        await invoke(client, "me.update", fullname="Ada King")

    assert caught.value.may_have_been_applied is True
    assert len(fake.requests) == 1


async def test_a_password_change_whose_answer_was_lost_is_not_repeated(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake.accounts[5]
    fake.inject(method="PUT", path="/me", truncate=True)
    client = make_client(account.token, base_url=fake.url, max_retries=2)

    with pytest.raises(APIConnectionError) as caught:
        await invoke(client, "me.update", password="n3w-Passw0rd!",
                     current_password=account.password)

    assert caught.value.may_have_been_applied is True
    assert account.password == "n3w-Passw0rd!"  # the service did apply it
    assert len(fake.requests) == 1  # re-sent, it would fail: "Current password is not valid"


async def test_a_write_that_never_reached_a_server_is_retried(make_client: Any) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # nothing listens there: the connection is refused
    client = make_client(base_url=f"http://127.0.0.1:{port}/api/v9", max_retries=2)

    with pytest.raises(APIConnectionError, match="cannot connect") as caught:
        await invoke(client, "me.update", fullname="Ada King")

    assert caught.value.attempts == 3 and caught.value.may_have_been_applied is False


@pytest.mark.parametrize("method", sorted(WRITES))
async def test_a_write_refused_with_429_is_retried_and_succeeds(
    method: str, fake: BlockingFakeToggl, make_client: Any
) -> None:
    name, arguments = WRITES[method]
    fake.inject(method=method, status=429, headers={"Retry-After": "0"})
    client = make_client(fake.token, base_url=fake.url, max_retries=2)

    await invoke(client, name, **arguments)

    assert [r.status for r in fake.requests] == [429, 200]


async def test_a_lasting_429_on_a_write_says_it_was_not_applied(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    fake.inject(method="PUT", status=429, headers={"Retry-After": "0"}, times=3)
    client = make_client(fake.token, base_url=fake.url, max_retries=2)

    with pytest.raises(RateLimitError) as caught:
        await invoke(client, "me.update", fullname="Ada King")

    assert caught.value.attempts == 3 and caught.value.may_have_been_applied is False


async def test_a_read_is_retried_on_every_transient_failure(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    for fault in ({"drop": True}, {"truncate": True}, {"status": 502}, {"delay": 1.0}):
        fake.inject(path="/me", **fault)
    client = make_client(fake.token, base_url=fake.url, max_retries=4,
                         timeout=Timeout(total=10, read=0.3))

    assert type(await invoke(client, "me.get")) is Me
    assert len(fake.requests) == 5
