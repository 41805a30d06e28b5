"""fan_out and iter_fan_out over many accounts of the embedded fake."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest

from toggl_async import (
    APITimeoutError,
    AsyncToggl,
    Credentials,
    FanOutSuccess,
    PermissionDeniedError,
    QuotaExceededError,
    fan_out,
    iter_fan_out,
)
from toggl_async._state import LocalState
from toggl_async.testing import BlockingFakeToggl

OPTIONS = {"rate_limit": None, "max_retries": 0}


async def fullname(toggl: AsyncToggl) -> str | None:
    return (await toggl.me.get()).fullname


async def test_results_come_in_input_order_with_safe_labels(fake: BlockingFakeToggl) -> None:
    results = await fan_out(fake.tokens, fullname, base_url=fake.url, concurrency=4, **OPTIONS)

    assert [r.index for r in results] == list(range(12))
    assert [r.value for r in results] == [a.user["fullname"] for a in fake.accounts]
    assert all(r.ok and r.error is None for r in results)
    for result, token in zip(results, fake.tokens, strict=True):
        assert token not in result.account and token not in repr(result)


async def test_one_bad_account_does_not_stop_the_others(fake: BlockingFakeToggl) -> None:
    accounts: list[Any] = [
        fake.tokens[0], "not-a-real-token", "", fake.tokens[1],
        Credentials(email=fake.accounts[2].email, password=fake.accounts[2].password),
        Credentials(email=fake.accounts[3].email, password="wrong", label="bob"),
    ]

    results = await fan_out(accounts, fullname, base_url=fake.url, **OPTIONS)

    assert [r.ok for r in results] == [True, False, False, True, True, False]
    assert isinstance(results[1].error, PermissionDeniedError)
    assert isinstance(results[2].error, ValueError)
    assert isinstance(results[5].error, PermissionDeniedError) and results[5].account == "bob"
    assert results[4].value == fake.accounts[2].user["fullname"]
    assert results[4].account == fake.accounts[2].email


async def test_quota_and_timeouts_stay_in_their_account(fake: BlockingFakeToggl) -> None:
    fake.inject(path="/me/tags", status=402, times=1, headers={"X-Toggl-Quota-Remaining": "0"})
    fake.inject(path="/me/clients", delay=2.0, times=1)

    async def work(toggl: AsyncToggl) -> int:
        return len(await toggl.me.tags()) + len(await toggl.me.clients())

    results = await fan_out(fake.tokens[:6], work, base_url=fake.url, timeout=0.5,
                            concurrency=1, **OPTIONS)

    errors = [type(r.error) for r in results if not r.ok]
    assert sorted(map(str, errors)) == sorted(map(str, [QuotaExceededError, APITimeoutError]))
    assert sum(r.ok for r in results) == 4


async def test_concurrency_bounds_accounts_and_connections(fake: BlockingFakeToggl) -> None:
    busy = peak = 0

    async def work(toggl: AsyncToggl) -> int:
        nonlocal busy, peak
        busy += 1
        peak = max(peak, busy)
        try:
            projects, tags, clients = await asyncio.gather(
                toggl.me.projects(), toggl.me.tags(), toggl.me.clients()
            )
            return len(projects) + len(tags) + len(clients)
        finally:
            busy -= 1

    fake.inject(delay=0.02, times=36)  # keep requests overlapping
    results = await fan_out(fake.tokens, work, base_url=fake.url, concurrency=3, **OPTIONS)

    assert all(r.ok for r in results)
    assert peak == 3
    assert fake.peak_in_flight <= 3
    assert fake.connections <= 3  # one shared pool, bounded, for every account


async def test_progress_is_reported_per_account(fake: BlockingFakeToggl) -> None:
    seen: list[tuple[int, int]] = []

    await fan_out(fake.tokens[:5], fullname, base_url=fake.url, progress=lambda d, t:
                  seen.append((d, t)), **OPTIONS)

    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


async def test_the_stream_yields_as_accounts_finish(fake: BlockingFakeToggl) -> None:
    slow_token = fake.tokens[0]

    async def work(toggl: AsyncToggl) -> str:
        if toggl.account == Credentials(slow_token).label:
            await asyncio.sleep(0.2)
        return toggl.account

    results = [r async for r in iter_fan_out(fake.tokens[:4], work, base_url=fake.url,
                                             **OPTIONS)]

    assert [r.index for r in results][-1] == 0
    assert all(isinstance(r, FanOutSuccess) and r.ok for r in results)


async def test_a_slow_consumer_holds_the_stream_back(fake: BlockingFakeToggl) -> None:
    started: list[str] = []

    async def work(toggl: AsyncToggl) -> str:
        started.append(toggl.account)
        return toggl.account

    tokens = [f"token-{i}" for i in range(20)]  # nothing is sent: any token will do
    async with contextlib.aclosing(
        iter_fan_out(tokens, work, base_url=fake.url, concurrency=2, **OPTIONS)
    ) as stream:
        async for _ in stream:
            await asyncio.sleep(0.05)  # the workers run on while this one result is held
            break

    # the result taken, two waiting to be taken, and one held by each of the two workers
    assert len(started) == 5


async def test_leaving_the_stream_early_cancels_the_rest(fake: BlockingFakeToggl) -> None:
    started: list[str] = []
    cancelled: list[str] = []

    async def work(toggl: AsyncToggl) -> None:
        started.append(toggl.account)
        try:
            if len(started) > 1:
                await asyncio.sleep(10)
        except asyncio.CancelledError:
            cancelled.append(toggl.account)
            raise

    async with contextlib.aclosing(
        iter_fan_out(fake.tokens, work, base_url=fake.url, concurrency=3, **OPTIONS)
    ) as stream:
        async for first in stream:
            assert first.ok
            break

    # the first account finished; every other one that had started was cancelled
    assert len(started) >= 3
    assert sorted(cancelled) == sorted(started[1:])


async def test_cancelling_the_fan_out_cancels_everything(fake: BlockingFakeToggl) -> None:
    fake.inject(path="/me", delay=1.0, times=12)
    before = asyncio.all_tasks()

    task = asyncio.create_task(fan_out(fake.tokens, fullname, base_url=fake.url, **OPTIONS))
    while fake.in_flight < 12:  # noqa: ASYNC110 (the fake runs on another thread)
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert asyncio.all_tasks() == before


@pytest.mark.parametrize(
    ("accounts", "options", "error"),
    [
        ("one-token", {}, TypeError),
        ([12345], {}, TypeError),
        (["t"], {"concurrency": 0}, ValueError),
        (["t"], {"base_url": "http://example.com/api/v9"}, ValueError),
        (["t"], {"max_retries": -1}, ValueError),
        (["t"], {"api_token": "x"}, ValueError),
    ],
)
async def test_bad_arguments_fail_before_any_request(
    accounts: Any, options: dict[str, Any], error: type[Exception], fake: BlockingFakeToggl
) -> None:
    with pytest.raises(error):
        await fan_out(accounts, fullname, **options)
    assert fake.requests == []


def test_the_stream_checks_its_arguments_when_called(fake: BlockingFakeToggl) -> None:
    with pytest.raises(ValueError, match="concurrency"):
        iter_fan_out(fake.tokens, fullname, concurrency=0)
    with pytest.raises(ValueError, match="https"):
        iter_fan_out(fake.tokens, fullname, base_url="http://example.com/api/v9")


async def test_every_account_gets_the_settings_and_state_of_its_own(
    fake: BlockingFakeToggl,
) -> None:
    seen: list[AsyncToggl] = []

    async def keep(toggl: AsyncToggl) -> str | None:
        seen.append(toggl)
        return await fullname(toggl)

    results = await fan_out(fake.tokens[:3], keep, base_url=fake.url, timeout=7,
                            max_retries=1, rate_limit=5.0)

    assert [r.value for r in results] == [a.user["fullname"] for a in fake.accounts[:3]]
    transports = [toggl._transport for toggl in seen]
    assert sorted(t.label for t in transports) == sorted(r.account for r in results)
    assert {t.base_url for t in transports} == {fake.url}
    assert {(t.options.timeout.total, t.options.max_retries) for t in transports} == {(7, 1)}
    states = [t.state for t in transports]
    assert all(isinstance(s, LocalState) for s in states)
    limiters = {id(s.limiter) for s in states if isinstance(s, LocalState)}
    assert len(limiters) == 3
    assert {s.limiter.rate for s in states if isinstance(s, LocalState) and s.limiter} == {5.0}
    assert len({id(s.quota) for s in states if isinstance(s, LocalState)}) == 3
    assert len({id(t.session) for t in transports}) == 3


def test_a_transport_for_another_account_sends_that_accounts_credentials() -> None:
    template = AsyncToggl("template-token")._transport
    assert "Authorization" in template._body_headers  # the template's: not the copy's
    other = Credentials("other-token")
    session: Any = None  # never used: nothing is sent
    transport = template.for_account(
        other.authorization, other.label, session, LocalState(None)
    )
    for headers in (transport._headers, transport._body_headers):
        assert headers["Authorization"] == other.authorization.reveal()
    assert transport._body_headers["Content-Type"] == "application/json"
    assert template._headers["Authorization"] != other.authorization.reveal()
    assert other.authorization.reveal() not in repr(transport)


async def test_a_base_exception_from_fn_ends_the_fan_out(fake: BlockingFakeToggl) -> None:
    class Stop(BaseException):
        pass

    async def work(toggl: AsyncToggl) -> str | None:
        if toggl.account == "account 3":
            raise Stop
        return await fullname(toggl)

    accounts = [Credentials(fake.tokens[i], label=f"account {i}") for i in range(8)]
    with pytest.raises(Stop):
        await asyncio.wait_for(
            fan_out(accounts, work, base_url=fake.url, concurrency=2, **OPTIONS), 5
        )
