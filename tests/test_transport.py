"""The fault matrix, against a real local server (the embedded fake), in both client styles.

Each test asserts the outcome and how many requests the server saw. Every log record and
every error raised is checked for secrets.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.bodies import NGINX_429
from tests.conftest import invoke
from toggl_async import (
    APIConnectionError,
    APITimeoutError,
    AsyncToggl,
    BadRequestError,
    DecodeError,
    Me,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ServerError,
    Timeout,
    TogglError,
    _transport,
)
from toggl_async.testing import BlockingFakeToggl


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Backoff of milliseconds, so the matrix runs fast; the policy itself is unchanged."""
    monkeypatch.setattr(_transport, "BACKOFF_BASE", 0.005)


def secrets_of(fake: BlockingFakeToggl) -> list[str]:
    found = []
    for account in fake.accounts:
        for user, secret in ((account.token, "api_token"), (account.email, account.password)):
            found += [account.token, account.password,
                      base64.b64encode(f"{user}:{secret}".encode()).decode()]
    return found


def assert_no_secrets(text: str, fake: BlockingFakeToggl) -> None:
    for secret in secrets_of(fake):
        assert secret not in text


def describe(error: BaseException | None) -> str:
    """Everything an error shows: str, repr, attributes, the whole cause/context chain."""
    parts = []
    while error is not None:
        parts += [str(error), repr(error), repr(vars(error)), repr(error.args)]
        error = error.__cause__ or error.__context__
    return "\n".join(parts)


@pytest.fixture(autouse=True)
def no_secrets_in_logs(caplog: pytest.LogCaptureFixture, fake: BlockingFakeToggl) -> Iterator[None]:
    caplog.set_level(logging.DEBUG)
    yield
    for record in caplog.records:
        assert_no_secrets(record.getMessage() + repr(record.args) + repr(vars(record)), fake)


@pytest.fixture(params=["token", "password"])
def connect(request: pytest.FixtureRequest, fake: BlockingFakeToggl, make_client: Any) -> Any:
    """Builds a client of the style under test for the fake's first account."""
    account = fake.accounts[0]

    def make(**options: Any) -> Any:
        if request.param == "token":
            return make_client(account.token, base_url=fake.url, **options)
        return make_client(None, email=account.email, password=account.password,
                           base_url=fake.url, **options)

    return make


async def call(client: Any, fake: BlockingFakeToggl, name: str = "me.get", **kwargs: Any) -> Any:
    """Invoke, and check that a raised error carries no secret."""
    try:
        return await invoke(client, name, **kwargs)
    except TogglError as error:
        assert_no_secrets(describe(error), fake)
        raise


RETRIED = [
    pytest.param({"status": 429, "headers": {"Retry-After": "0.05"}}, id="429-retry-after"),
    pytest.param({"status": 429, "body": "Too Many Requests", "content_type": "text/plain"},
                 id="429-no-retry-after"),
    pytest.param({"status": 429, "body": NGINX_429, "content_type": "text/html"},
                 id="429-nginx-html"),
    pytest.param({"status": 500}, id="500"),
    pytest.param({"status": 502, "body": "<html>Bad Gateway</html>", "content_type": "text/html"},
                 id="502"),
    pytest.param({"status": 503, "headers": {"Retry-After": "0"}}, id="503"),
    pytest.param({"status": 504, "body": b""}, id="504-empty"),
    pytest.param({"drop": True}, id="reset-before-answer"),
    pytest.param({"truncate": True}, id="reset-mid-body"),
]


@pytest.mark.parametrize("fault", RETRIED)
async def test_a_passing_fault_is_retried(
    fault: dict[str, Any], fake: BlockingFakeToggl, connect: Any
) -> None:
    fake.inject(path="/me", **fault)

    me = await call(connect(max_retries=2), fake)

    assert type(me) is Me and me.email == fake.accounts[0].email
    assert [r.path for r in fake.requests] == ["/me", "/me"]


@pytest.mark.parametrize(
    ("fault", "error", "words"),
    [
        ({"status": 429, "body": NGINX_429, "content_type": "text/html"}, RateLimitError,
         "429 Too Many Requests"),
        ({"status": 503}, ServerError, "Service Unavailable"),
        # Every send is an attempt of ours: aiohttp's own hidden re-send is off.
        ({"drop": True}, APIConnectionError, "server closed the connection"),
        ({"truncate": True}, APIConnectionError, "connection dropped while reading"),
    ],
)
async def test_a_lasting_fault_raises_after_the_last_attempt_saying_how_many(
    fault: dict[str, Any], error: type[TogglError], words: str,
    fake: BlockingFakeToggl, connect: Any,
) -> None:
    fake.inject(path="/me", times=3, **fault)

    with pytest.raises(error, match=words) as caught:
        await call(connect(max_retries=2), fake)

    assert caught.value.attempts == 3  # type: ignore[attr-defined]
    assert "after 3 attempts" in str(caught.value)
    assert caught.value.may_have_been_applied is False  # type: ignore[attr-defined]
    assert len(fake.requests) == 3


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, BadRequestError), (403, PermissionDeniedError), (404, NotFoundError),
     (402, PaymentRequiredError), (418, TogglError)],
)
async def test_other_errors_are_raised_at_once(
    status: int, error: type[TogglError], fake: BlockingFakeToggl, connect: Any
) -> None:
    fake.inject(path="/me", status=status)

    with pytest.raises(error):
        await call(connect(max_retries=5), fake)

    assert len(fake.requests) == 1


async def test_retries_are_off_with_max_retries_zero_and_per_call(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    client = connect(max_retries=0)
    fake.inject(path="/me", status=503, times=2)
    with pytest.raises(ServerError):
        await call(client, fake)
    assert len(fake.requests) == 1

    me = await call(client.with_options(max_retries=1), fake)

    assert type(me) is Me and len(fake.requests) == 3


async def test_retry_after_is_obeyed_as_seconds_and_as_a_date(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    client = connect(max_retries=2)
    in_a_second = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=1), usegmt=True)
    fake.inject(path="/me", status=429, headers={"Retry-After": "0.3"})
    fake.inject(path="/me", status=503, headers={"Retry-After": in_a_second})

    started = time.monotonic()
    await call(client, fake)

    assert 0.3 <= time.monotonic() - started < 2.5
    assert len(fake.requests) == 3


async def test_a_retry_after_beyond_the_cap_raises_instead_of_sleeping(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    fake.inject(path="/me", status=429, headers={"Retry-After": "3600"})

    started = time.monotonic()
    with pytest.raises(RateLimitError, match="retry after 3600 s") as caught:
        await call(connect(max_retries=2), fake)

    assert caught.value.retry_after == 3600
    assert time.monotonic() - started < 1
    assert len(fake.requests) == 1


QUOTA_402 = {
    "status": 402,
    "body": '"You have hit your hourly limit for API calls. The quota will reset in 1 seconds."',
    "headers": {"X-Toggl-Quota-Remaining": "0", "X-Toggl-Quota-Resets-In": "0.2"},
}


async def test_a_quota_402_raises_with_resets_in_and_is_not_retried(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    client = connect(max_retries=3)
    fake.inject(path="/me", **QUOTA_402)

    with pytest.raises(QuotaExceededError) as caught:
        await call(client, fake)

    assert caught.value.resets_in == 0.2
    assert client.quota.remaining == 0
    assert len(fake.requests) == 1


async def test_quota_wait_waits_for_the_reset_then_retries_once(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    client = connect(max_retries=0, quota_wait=5)
    fake.inject(path="/me", **QUOTA_402)

    started = time.monotonic()
    me = await call(client, fake)

    assert type(me) is Me and time.monotonic() - started >= 0.2
    assert len(fake.requests) == 2

    fake.inject(path="/me", times=2, **QUOTA_402)
    with pytest.raises(QuotaExceededError):
        await call(client, fake)
    assert len(fake.requests) == 4  # one wait, one retry, then the error


async def test_quota_wait_does_not_wait_longer_than_allowed(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    fake.inject(path="/me", **{**QUOTA_402, "headers": {"X-Toggl-Quota-Remaining": "0",
                                                        "X-Toggl-Quota-Resets-In": "1800"}})

    with pytest.raises(QuotaExceededError) as caught:
        await call(connect(quota_wait=60), fake)

    assert caught.value.resets_in == 1800
    assert len(fake.requests) == 1


async def test_a_premium_402_is_a_payment_error_not_a_quota_error(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    fake.inject(path="/me", status=402, headers={"X-Toggl-Quota-Remaining": "17"},
                body='"Request tried to utilized Premium functionality on workspace which is '
                     'not Premium!"')

    with pytest.raises(PaymentRequiredError) as caught:
        await call(connect(max_retries=2, quota_wait=60), fake)

    assert type(caught.value) is PaymentRequiredError
    assert len(fake.requests) == 1


async def test_every_answer_updates_the_quota_state(make_client: Any) -> None:
    with BlockingFakeToggl(accounts=1, quota=5) as fake:
        client = make_client(fake.token, base_url=fake.url)

        await call(client, fake)
        await call(client, fake, "me.tags")

        assert client.quota.remaining == 3
        assert client.quota.resets_in is not None and 3500 < client.quota.resets_in <= 3600
        resets_at = client.quota.resets_at
        assert resets_at is not None and resets_at.tzinfo is not None


async def test_a_slow_answer_times_out_and_may_be_retried(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    fake.inject(path="/me", delay=1.0)

    started = time.monotonic()
    with pytest.raises(APITimeoutError, match="timed out"):
        await call(connect(timeout=0.2), fake)
    assert time.monotonic() - started < 0.9
    assert len(fake.requests) == 1

    # A per-attempt read limit times an attempt out, and the next one goes, within the
    # call's whole timeout.
    fake.inject(path="/me", delay=1.0)
    me = await call(connect(timeout=Timeout(total=5, read=0.2), max_retries=1), fake)
    assert type(me) is Me


async def test_the_timeout_can_change_per_call(fake: BlockingFakeToggl, connect: Any) -> None:
    client = connect(timeout=0.2)
    fake.inject(path="/me", delay=0.4)

    me = await call(client.with_options(timeout=2), fake)

    assert type(me) is Me


async def test_a_truncated_json_body_is_a_decode_error_and_is_not_retried(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    fake.inject(path="/me", body=b'{"id": 42, "email": "ada@exa')

    with pytest.raises(DecodeError, match="not valid JSON"):
        await call(connect(max_retries=2), fake)

    assert len(fake.requests) == 1


async def test_a_write_refused_with_429_is_sent_again_whole(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    client = connect(max_retries=2)
    fake.inject(method="PUT", path="/me", status=429, headers={"Retry-After": "0"})
    fake.inject(method="POST", path="/me/preferences", status=429)

    me = await call(client, fake, "me.update", fullname="Ada King", beginning_of_week=0)
    await call(client, fake, "preferences.update", date_format="DD.MM.YYYY", theme="dark")

    bodies = [(r.method, r.json) for r in fake.requests]
    update = {"fullname": "Ada King", "beginning_of_week": 0}
    prefs = {"date_format": "DD.MM.YYYY", "theme": "dark"}
    assert bodies == [("PUT", update), ("PUT", update), ("POST", prefs), ("POST", prefs)]
    assert me.fullname == "Ada King"
    assert (await call(client, fake, "preferences.get")).date_format == "DD.MM.YYYY"


async def test_cancelling_a_call_releases_its_connection(fake: BlockingFakeToggl) -> None:
    fake.inject(path="/me", delay=1.0)
    async with AsyncToggl(fake.token, base_url=fake.url, rate_limit=None) as toggl:
        task = asyncio.create_task(toggl.me.get())
        while fake.in_flight == 0:  # noqa: ASYNC110 (the fake runs on another thread)
            await asyncio.sleep(0.01)

        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

        session = toggl._transport.session.get()
        connector = session.connector
        assert connector is not None
        assert not connector._acquired  # type: ignore[attr-defined]
        assert type(await toggl.me.get()) is Me  # the client stays usable


async def test_a_429_slows_down_that_account_only(fake: BlockingFakeToggl) -> None:
    first, second = fake.accounts[:2]
    async with (AsyncToggl(first.token, base_url=fake.url, rate_limit=50) as slowed,
                AsyncToggl(second.token, base_url=fake.url, rate_limit=50) as other):
        fake.inject(path="/me/tags", status=429, headers={"Retry-After": "0.5"})
        await slowed.me.tags()  # 429, waits 0.5 s, retried
        started = time.monotonic()
        await asyncio.gather(other.me.get(), other.me.get())
        other_took = time.monotonic() - started

    assert other_took < 0.3
    assert [r.status for r in fake.requests][:2] == [429, 200]


def test_requests_and_retries_are_logged_without_secrets(
    fake: BlockingFakeToggl, caplog: pytest.LogCaptureFixture
) -> None:
    fake.inject(path="/me", status=503)

    async def run() -> None:
        async with AsyncToggl(fake.token, base_url=fake.url, rate_limit=None) as toggl:
            await toggl.me.get()

    asyncio.run(run())

    messages = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "toggl_async"]
    [retry] = [m for level, m in messages if level == logging.INFO]
    assert "retrying GET /me" in retry and " in " in retry and "503" in retry
    debug = [m for level, m in messages if level == logging.DEBUG]
    assert len(debug) == 2
    assert "GET /me -> 503" in debug[0] and "attempt 1" in debug[0] and " ms)" in debug[0]
    assert "GET /me -> 200" in debug[1] and "attempt 2" in debug[1]


@pytest.fixture
def loop_client(fake: BlockingFakeToggl) -> Iterator[tuple[asyncio.AbstractEventLoop, AsyncToggl]]:
    """An AsyncToggl on a private event loop, for tests that are not coroutines."""
    loop = asyncio.new_event_loop()
    client = AsyncToggl(fake.token, base_url=fake.url, rate_limit=None, max_retries=0)
    yield loop, client
    loop.run_until_complete(client.aclose())
    loop.close()


ENDPOINTS = {
    "/me": "me.get", "/me/projects": "me.projects", "/me/location": "me.location",
    "/me/preferences": "preferences.get", "/me/web-timer": "me.web_timer",
}


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.one_of(
        st.binary(max_size=300),
        st.sampled_from([b"{", b'{"id": "x"}', b"[1,2", b"null", b'"text"', b"<html>",
                         b'{"id": 1e999}', b'[{"at": "yesterday"}]', b"\xff\xfe", b"{}"]),
    ),
    status=st.sampled_from([200, 201, 204, 302, 400, 401, 402, 403, 404, 409, 429, 500, 503]),
    content_type=st.sampled_from(["application/json", "text/html", "text/plain"]),
    path=st.sampled_from(sorted(ENDPOINTS)),
)
def test_any_answer_gives_a_model_or_a_toggl_error(
    body: bytes, status: int, content_type: str, path: str, fake: BlockingFakeToggl,
    loop_client: tuple[asyncio.AbstractEventLoop, AsyncToggl],
) -> None:
    loop, client = loop_client
    fake.clear_injections()
    fake.inject(path=path, status=status, body=body, content_type=content_type)
    name = ENDPOINTS[path]

    try:
        result = loop.run_until_complete(invoke(client, name))
    except TogglError as error:
        assert_no_secrets(describe(error), fake)
        return
    assert status < 300
    if name == "me.projects":
        assert isinstance(result, list)
    elif name != "me.location" or result is not None:
        assert isinstance(result, msgspec.Struct)


async def test_a_spent_quota_stops_requests_before_they_are_sent(make_client: Any) -> None:
    with BlockingFakeToggl(accounts=1, quota=5) as fake:
        client = make_client(fake.token, base_url=fake.url, max_retries=2)
        for _ in range(5):
            await call(client, fake)

        for _ in range(45):
            with pytest.raises(QuotaExceededError, match="not sent") as caught:
                await call(client, fake)
            assert caught.value.attempts == 0
            assert caught.value.resets_in is not None and caught.value.resets_in > 3000

        assert len(fake.requests) == 5  # the service would have refused the other 45


async def spend_the_quota(client: Any, fake: BlockingFakeToggl, resets_in: str) -> None:
    """One GET /me, answered with the quota spent until ``resets_in`` seconds from now."""
    fake.inject(path="/me", headers={"X-Toggl-Quota-Remaining": "0",
                                     "X-Toggl-Quota-Resets-In": resets_in})
    await call(client, fake)


async def test_quota_wait_waits_out_a_spent_quota_before_sending(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    client = connect(max_retries=0)
    await spend_the_quota(client, fake, resets_in="0.3")

    with pytest.raises(QuotaExceededError):
        await call(client, fake)
    assert len(fake.requests) == 1
    started = time.monotonic()
    me = await call(client.with_options(quota_wait=2), fake)

    assert type(me) is Me and time.monotonic() - started >= 0.2
    assert len(fake.requests) == 2


async def test_a_spent_quota_holds_back_only_its_own_part_of_the_api(
    fake: BlockingFakeToggl, connect: Any
) -> None:
    client = connect(max_retries=0)
    await spend_the_quota(client, fake, resets_in="100")
    workspace_id = fake.accounts[0].user["default_workspace_id"]

    await call(client, fake, "workspaces.get_preferences", workspace_id=workspace_id)
    with pytest.raises(QuotaExceededError):
        await call(client, fake)

    assert [r.path for r in fake.requests] == ["/me", f"/workspaces/{workspace_id}/preferences"]
