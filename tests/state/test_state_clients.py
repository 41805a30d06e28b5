"""``state=`` through every way in: toggl_sync.Toggl, fan_out / iter_fan_out (both styles)
and the CLI (``--state-url``, ``TOGGL_STATE_URL``)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import redis

import toggl_async
import toggl_sync
from toggl_async import Credentials, RedisState
from toggl_async.testing import BlockingFakeToggl
from toggl_sync import _cli

from .redis_server import RedisServer


def requests_let_go(redis_url: str, prefix: str, token: str) -> int:
    """How many requests of the account to /me the shared state let go."""
    key = f"{prefix}:{Credentials(token).fingerprint}"
    with redis.Redis.from_url(redis_url) as inspector:
        return int(inspector.hget(key, "sequence /me") or 0)


@pytest.fixture
def fake() -> Iterator[BlockingFakeToggl]:
    with BlockingFakeToggl(accounts=3) as running:
        yield running


def test_sync_clients_share_the_pace(
    redis_server: RedisServer, fake: BlockingFakeToggl, prefix: str
) -> None:
    options = {"base_url": fake.url, "rate_limit": 1.5,
               "state": RedisState(redis_server.url, prefix=prefix)}
    with toggl_sync.Toggl(fake.token, **options) as first, \
            toggl_sync.Toggl(fake.token, **options) as second:
        first.me.get()
        started = time.monotonic()
        second.me.get()  # another client, its own event loop: the same account's pace
        waited = time.monotonic() - started

    assert waited >= 1 / 1.5 - 0.05
    assert requests_let_go(redis_server.url, prefix, fake.token) == 2


async def test_fan_out_keeps_each_accounts_state_in_redis(
    redis_server: RedisServer, fake: BlockingFakeToggl, prefix: str
) -> None:
    state = RedisState(redis_server.url, prefix=prefix)
    results = await toggl_async.fan_out(
        fake.tokens, lambda toggl: toggl.me.get(), base_url=fake.url, state=state
    )

    assert all(result.ok for result in results)
    assert [requests_let_go(redis_server.url, prefix, t) for t in fake.tokens] == [1, 1, 1]


def test_blocking_iter_fan_out_too(
    redis_server: RedisServer, fake: BlockingFakeToggl, prefix: str
) -> None:
    state = RedisState(redis_server.url, prefix=prefix)
    results = list(toggl_sync.iter_fan_out(
        fake.tokens, lambda toggl: toggl.me.get(), base_url=fake.url, state=state
    ))

    assert len(results) == 3 and all(result.ok for result in results)
    assert [requests_let_go(redis_server.url, prefix, t) for t in fake.tokens] == [1, 1, 1]


@pytest.mark.parametrize("from_environment", [False, True])
def test_the_cli_shares_state_through_state_url(
    private_redis: RedisServer, fake: BlockingFakeToggl, from_environment: bool,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--base-url", fake.url, "--token", fake.token, "me"]
    if from_environment:
        monkeypatch.setenv("TOGGL_STATE_URL", private_redis.url)
    else:
        argv[:0] = ["--state-url", private_redis.url]

    assert _cli.main(argv) == 0
    assert requests_let_go(private_redis.url, "toggl", fake.token) == 1
    assert "Redis did not answer" not in capsys.readouterr().err


def test_the_cli_refuses_a_bad_state_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli.main(["--token", "t", "--state-url", "http://cache", "me"]) == 2
    assert "redis://" in capsys.readouterr().err
