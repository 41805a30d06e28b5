"""RedisState against a real redis-server and the embedded fake: what is shared, how keys
are named and expire, and the fallback when Redis is down or slow.

Two ``RedisState`` objects on one URL stand for two processes: they share nothing but Redis.
"""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import time
from collections.abc import AsyncIterator

import pytest
import redis.asyncio

from toggl_async import (
    APITimeoutError,
    AsyncToggl,
    Credentials,
    InvalidTypeError,
    InvalidValueError,
    QuotaExceededError,
    RateLimitError,
    RedisState,
)
from toggl_async.testing import FakeToggl

from .redis_server import RedisServer

SLACK = 0.15  # sleeping is never early, but may be late on a busy machine


@pytest.fixture
async def fake() -> AsyncIterator[FakeToggl]:
    async with FakeToggl(accounts=2, quota=8, quota_window=60) as running:
        yield running


def client(fake: FakeToggl, state: RedisState, *, token: str | None = None,
           rate_limit: float | None = 1.5) -> AsyncToggl:
    return AsyncToggl(
        token or fake.token, base_url=fake.url, state=state, rate_limit=rate_limit,
        max_retries=0,
    )


async def timed_calls(clients: list[AsyncToggl]) -> list[float]:
    """Start one /me call per client at once; when each was done, relative to the first
    (which also waited for the connections to be made)."""

    async def one(toggl: AsyncToggl) -> float:
        await toggl.me.get()
        return time.monotonic()

    done = sorted(await asyncio.gather(*(one(toggl) for toggl in clients)))
    return [moment - done[0] for moment in done]


async def test_two_processes_share_one_accounts_pace(
    redis_server: RedisServer, fake: FakeToggl, prefix: str
) -> None:
    first = client(fake, RedisState(redis_server.url, prefix=prefix))
    second = client(fake, RedisState(redis_server.url, prefix=prefix))
    other_account = client(fake, RedisState(redis_server.url, prefix=prefix),
                           token=fake.tokens[1])
    try:
        done = await timed_calls([first, second, first, other_account])
    finally:
        for toggl in (first, second, other_account):
            await toggl.aclose()

    # 1.5/s: the three calls of one account go 1/1.5 s apart; the other account at once.
    assert done[1] < SLACK
    assert 1 / 1.5 - SLACK <= done[2] < 1 / 1.5 + SLACK
    assert 2 / 1.5 - SLACK <= done[3] < 2 / 1.5 + SLACK


async def test_a_prefix_namespaces_the_accounts(
    redis_server: RedisServer, fake: FakeToggl, prefix: str
) -> None:
    first = client(fake, RedisState(redis_server.url, prefix=prefix + "-a"))
    second = client(fake, RedisState(redis_server.url, prefix=prefix + "-b"))
    try:
        done = await timed_calls([first, second])
    finally:
        await first.aclose()
        await second.aclose()

    assert done[1] < SLACK  # not paced together


async def test_keys_name_a_fingerprint_never_the_credentials_and_expire_when_idle(
    redis_server: RedisServer, fake: FakeToggl, prefix: str
) -> None:
    account = fake.accounts[0]
    state = RedisState(redis_server.url, prefix=prefix, idle_expiry=30)
    by_token = client(fake, state)
    by_password = AsyncToggl(
        email=account.email, password=account.password, base_url=fake.url, state=state
    )
    try:
        await by_token.me.get()
        await by_password.me.get()
    finally:
        await by_token.aclose()
        await by_password.aclose()

    async with redis.asyncio.from_url(redis_server.url) as inspector:
        keys = [key.decode() async for key in inspector.scan_iter(match=prefix + ":*")]
        assert len(keys) == 2  # the token and the email are not known to be one account
        assert f"{prefix}:{Credentials(account.token).fingerprint}" in keys
        for key in keys:
            stored = " ".join(
                f"{name!r} {value!r}" for name, value in (await inspector.hgetall(key)).items()
            )
            for secret in (account.token, account.email, account.password):
                assert secret not in key and secret not in stored
            assert 29_000 < await inspector.pttl(key) <= 30_000


def test_the_fingerprint_names_the_account_not_the_password() -> None:
    one = Credentials(email="Ann@example.com", password="old")
    assert one.fingerprint == Credentials(email="ann@example.com", password="new").fingerprint
    assert one.fingerprint != Credentials(email="bob@example.com", password="old").fingerprint
    assert Credentials("abc").fingerprint != Credentials("abd").fingerprint
    assert "abc" not in Credentials("abc").fingerprint


async def test_the_quota_one_process_learns_stops_the_others_without_sending(
    redis_server: RedisServer, fake: FakeToggl, prefix: str
) -> None:
    spender = client(fake, RedisState(redis_server.url, prefix=prefix), rate_limit=None)
    bystander = client(fake, RedisState(redis_server.url, prefix=prefix), rate_limit=None)
    try:
        for _ in range(8):  # the fake's quota
            await spender.me.get()
        assert bystander.quota.remaining is None  # it has not asked Redis yet
        sent = fake.request_count

        with pytest.raises(QuotaExceededError, match="not sent") as refused:
            await bystander.me.get()
    finally:
        await spender.aclose()
        await bystander.aclose()

    assert fake.request_count == sent
    assert refused.value.resets_in is not None and 0 < refused.value.resets_in <= 60
    assert bystander.quota.remaining == 0  # toggl.quota shows the shared view
    assert bystander.quota.resets_in is not None and bystander.quota.resets_in > 0


async def test_quota_wait_waits_for_the_shared_reset_then_sends(
    redis_server: RedisServer, prefix: str
) -> None:
    async with FakeToggl(accounts=1, quota=2, quota_window=1.0) as fake:
        state = RedisState(redis_server.url, prefix=prefix)
        toggl = AsyncToggl(fake.token, base_url=fake.url, state=state, rate_limit=None,
                           quota_wait=5)
        try:
            for _ in range(3):  # the third waits for the window to reset
                await toggl.me.get()
        finally:
            await toggl.aclose()

        assert fake.request_count == 3
        assert [request.status for request in fake.requests] == [200, 200, 200]


async def test_a_429_seen_by_one_process_pauses_the_others(
    redis_server: RedisServer, fake: FakeToggl, prefix: str
) -> None:
    hit = client(fake, RedisState(redis_server.url, prefix=prefix), rate_limit=10)
    other = client(fake, RedisState(redis_server.url, prefix=prefix), rate_limit=10)
    fake.inject(path="/me", status=429, headers={"Retry-After": "1"})
    try:
        with pytest.raises(RateLimitError):
            await hit.me.get()
        started = time.monotonic()
        await other.me.get()
    finally:
        await hit.aclose()
        await other.aclose()

    assert time.monotonic() - started >= 1.0 - 0.01


async def test_redis_down_falls_back_within_the_wait_warns_once_and_comes_back(
    private_redis: RedisServer, prefix: str, caplog: pytest.LogCaptureFixture
) -> None:
    state = RedisState(private_redis.url, prefix=prefix, timeout=0.2, retry_interval=0.3)
    async with FakeToggl(accounts=1) as fake:
        toggl = client(fake, state, rate_limit=None)
        key = f"{prefix}:{Credentials(fake.token).fingerprint}"
        try:
            await toggl.me.get()
            assert state.available

            private_redis.stop()
            caplog.set_level(logging.WARNING, logger="toggl_async")
            for _ in range(5):
                started = time.monotonic()
                await toggl.me.get()
                assert time.monotonic() - started < 0.2 + SLACK
            assert not state.available
            warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
            assert len(warnings) == 1 and "did not answer" in warnings[0].getMessage()

            private_redis.start()
            await asyncio.sleep(0.3)
            await toggl.me.get()
            assert state.available
            await toggl.me.get()
        finally:
            await toggl.aclose()

    assert "answers again" in caplog.records[-1].getMessage()
    async with redis.asyncio.from_url(private_redis.url) as inspector:
        assert await inspector.hget(key, "sequence /me") == b"2"  # both calls since the restart


async def test_a_redis_that_stops_answering_costs_a_request_at_most_the_wait(
    private_redis: RedisServer, prefix: str
) -> None:
    state = RedisState(private_redis.url, prefix=prefix, timeout=0.2, retry_interval=10)
    async with FakeToggl(accounts=1) as fake:
        toggl = client(fake, state, rate_limit=1.5)
        try:
            await toggl.me.get()
            private_redis.freeze()
            started = time.monotonic()
            await toggl.me.get()  # waits the 0.2 s, then paces in this process
            took = time.monotonic() - started
            private_redis.thaw()
        finally:
            private_redis.thaw()
            await toggl.aclose()

    assert not state.available
    # The fallback starts from a fresh schedule: only the wait on Redis delays the call.
    assert 0.2 - 0.01 <= took < 0.2 + SLACK + 0.1


async def test_a_ready_client_is_used_and_left_open(
    redis_server: RedisServer, fake: FakeToggl, prefix: str
) -> None:
    async with redis.asyncio.from_url(redis_server.url) as given:
        toggl = client(fake, RedisState(given, prefix=prefix))
        await toggl.me.get()
        await toggl.aclose()

        assert await given.exists(f"{prefix}:{Credentials(fake.token).fingerprint}") == 1
        assert await given.ping()


def test_bad_settings_are_refused_before_anything_runs() -> None:
    with pytest.raises(InvalidTypeError, match="redis:// URL"):
        RedisState(6379)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"not a Redis URL.*redis://"):
        RedisState("http://localhost")
    with pytest.raises(InvalidValueError, match="timeout"):
        RedisState("redis://localhost", timeout=0)
    with pytest.raises(InvalidValueError, match="prefix"):
        RedisState("redis://localhost", prefix="")
    with pytest.raises(InvalidTypeError, match="SharedState"):
        AsyncToggl("token", state="redis://localhost")  # type: ignore[arg-type]
    # The scripts' replies are bytes: a client that decodes them is refused, not failing
    # at every request.
    with pytest.raises(InvalidValueError, match="decode_responses=True"):
        RedisState("redis://localhost?decode_responses=true")
    with pytest.raises(InvalidValueError, match="decode_responses=True"):
        RedisState(redis.asyncio.Redis(decode_responses=True))


def test_the_repr_hides_the_redis_password() -> None:
    shown = repr(RedisState("redis://user:s3cret@cache:6379/2", prefix="p"))
    assert "s3cret" not in shown and "cache:6379/2" in shown


def test_redis_is_imported_only_when_a_redis_state_is_made() -> None:
    script = (
        "import sys, toggl_async, toggl_sync\n"
        "toggl_async.AsyncToggl('token'); toggl_sync.Toggl('token').close()\n"
        "assert 'redis' not in sys.modules, 'imported without RedisState'\n"
        "toggl_async.RedisState('redis://localhost')\n"
        "assert 'redis' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


async def test_what_an_answer_taught_reaches_redis_without_another_request(
    redis_server: RedisServer, fake: FakeToggl, prefix: str
) -> None:
    toggl = client(fake, RedisState(redis_server.url, prefix=prefix))
    key = f"{prefix}:{Credentials(fake.token).fingerprint}"
    try:
        await toggl.me.get()
        await asyncio.sleep(0.1)  # no other request: it goes alone, shortly after

        async with redis.asyncio.from_url(redis_server.url) as inspector:
            assert await inspector.hmget(key, "remaining /me", "answered /me") == [b"7", b"1"]
    finally:
        await toggl.aclose()


@pytest.fixture
async def pair(
    redis_server: RedisServer, fake: FakeToggl, prefix: str
) -> AsyncIterator[tuple[AsyncToggl, AsyncToggl]]:
    """Two clients of one account at 1.5 requests a second, each with a RedisState of its
    own: two processes, as far as they can tell."""
    first = client(fake, RedisState(redis_server.url, prefix=prefix))
    second = client(fake, RedisState(redis_server.url, prefix=prefix))
    try:
        yield first, second
    finally:
        await first.aclose()
        await second.aclose()


async def test_a_call_cancelled_while_waiting_for_its_slot_holds_none(
    pair: tuple[AsyncToggl, AsyncToggl],
) -> None:
    first, second = pair
    await first.me.get()
    started = time.monotonic()
    waiting = asyncio.ensure_future(first.me.get())  # its slot comes in 1/1.5 s
    await asyncio.sleep(0.2)
    waiting.cancel()
    await second.me.get()  # takes that slot: nothing was reserved for the cancelled

    assert waiting.cancelled()
    assert 1 / 1.5 - SLACK <= time.monotonic() - started < 1 / 1.5 + SLACK


async def test_a_shared_slot_past_the_calls_timeout_fails_it_at_once_taking_nothing(
    pair: tuple[AsyncToggl, AsyncToggl], fake: FakeToggl
) -> None:
    first, second = pair
    await first.me.get()
    started = time.monotonic()
    with pytest.raises(APITimeoutError, match="rate limiter's next slot"):
        await second.with_options(timeout=0.3).me.get()  # its slot: in 1/1.5 s
    gave_up = time.monotonic() - started
    await second.me.get()

    assert gave_up < 0.1 + SLACK
    assert 1 / 1.5 - SLACK <= time.monotonic() - started < 1 / 1.5 + SLACK
    assert fake.request_count == 2


async def test_a_quota_learnt_from_redis_still_holds_when_redis_goes_away(
    private_redis: RedisServer, prefix: str
) -> None:
    async with FakeToggl(accounts=1, quota=2, quota_window=60) as fake:
        spender = client(fake, RedisState(private_redis.url, prefix=prefix), rate_limit=None)
        bystander = client(fake, RedisState(private_redis.url, prefix=prefix), rate_limit=None)
        try:
            await spender.me.get()
            await spender.me.get()
            with pytest.raises(QuotaExceededError, match="not sent"):
                await bystander.me.get()  # learns from Redis that /me is spent
            private_redis.stop()

            with pytest.raises(QuotaExceededError, match="not sent"):
                await bystander.me.get()  # on its own now, it still knows
        finally:
            await spender.aclose()
            await bystander.aclose()

        assert fake.request_count == 2
