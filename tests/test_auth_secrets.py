"""No secret is readable in the frame locals of the SDK's functions, while a request is in
flight or while its error propagates (what Sentry, ``TracebackException(capture_locals=
True)`` and ``pytest --showlocals`` print); a half-built client or credentials has a repr."""

from __future__ import annotations

import asyncio
import base64
import traceback
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import toggl_async
import toggl_sync
from tests.conftest import invoke
from toggl_async import APIConnectionError, AsyncToggl, Credentials, ServerError
from toggl_async.testing import BlockingFakeToggl, FakeAccount
from toggl_sync import Toggl

PACKAGES = tuple(str(Path(package.__file__).parent) for package in (toggl_async, toggl_sync))
NEW_PASSWORD = "n3w-Secret-Passw0rd"


def secrets(account: FakeAccount) -> list[str]:
    pairs = [f"{account.token}:api_token", f"{account.email}:{account.password}"]
    return [account.token, account.password, NEW_PASSWORD,
            *(base64.b64encode(pair.encode()).decode() for pair in pairs)]


def sdk_frames(frames: Iterator[FrameType]) -> list[FrameType]:
    return [frame for frame in frames if frame.f_code.co_filename.startswith(PACKAGES)]


def assert_no_secret_in_locals(frames: list[FrameType], account: FakeAccount) -> None:
    assert frames, "no frame of the SDK was looked at"
    for frame in frames:
        shown = repr({name: repr(value) for name, value in frame.f_locals.items()})
        for secret in secrets(account):
            assert secret not in shown, f"{frame.f_code.co_qualname} shows a secret: {shown}"


def coroutine_frames(task: asyncio.Task[Any]) -> Iterator[FrameType]:
    awaited: Any = task.get_coro()
    while awaited is not None and getattr(awaited, "cr_frame", None) is not None:
        yield awaited.cr_frame
        awaited = awaited.cr_await


def traceback_frames(error: BaseException) -> Iterator[FrameType]:
    seen: BaseException | None = error
    while seen is not None:
        for frame, _ in traceback.walk_tb(seen.__traceback__):
            yield frame
        seen = seen.__cause__ or seen.__context__


CALLS = {
    "token": ("me.get", {}),
    "password": ("me.update", {"password": NEW_PASSWORD}),
}


@pytest.mark.parametrize("sign_in", sorted(CALLS))
async def test_no_frame_of_a_request_in_flight_shows_a_secret(
    sign_in: str, fake: BlockingFakeToggl
) -> None:
    account = fake.accounts[6]
    name, arguments = CALLS[sign_in]
    if sign_in == "password":
        credentials = Credentials(email=account.email, password=account.password)
        arguments = {**arguments, "current_password": account.password}
    else:
        credentials = Credentials(account.token)
    fake.inject(delay=0.5)
    async with AsyncToggl(credentials=credentials, base_url=fake.url, rate_limit=None) as toggl:
        call = asyncio.ensure_future(invoke(toggl, name, **arguments))
        while not fake.in_flight:  # noqa: ASYNC110 (the fake runs on another thread)
            await asyncio.sleep(0.01)

        assert_no_secret_in_locals(sdk_frames(coroutine_frames(call)), account)
        call.cancel()


@pytest.mark.parametrize("sign_in", sorted(CALLS))
async def test_no_frame_of_a_propagating_error_shows_a_secret(
    sign_in: str, fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake.accounts[7]
    name, arguments = CALLS[sign_in]
    if sign_in == "password":
        client = make_client(None, email=account.email, password=account.password,
                             base_url=fake.url)
        arguments = {**arguments, "current_password": account.password}
    else:
        client = make_client(account.token, base_url=fake.url)
    fake.inject(status=503)

    with pytest.raises(ServerError) as caught:
        await invoke(client, name, **arguments)

    assert_no_secret_in_locals(sdk_frames(traceback_frames(caught.value)), account)
    report: traceback.TracebackException | None = traceback.TracebackException.from_exception(
        caught.value, capture_locals=True
    )
    while report is not None:
        for summary in report.stack:
            if summary.filename.startswith(PACKAGES):
                for secret in secrets(account):
                    assert secret not in repr(summary.locals)
        report = report.__cause__ or report.__context__


def test_no_frame_of_a_failed_construction_shows_the_token(fake: BlockingFakeToggl) -> None:
    account = fake.accounts[8]
    for make in (AsyncToggl, Toggl):
        with pytest.raises(ValueError, match="base_url") as caught:
            make(account.token, base_url="ftp://nowhere")
        assert_no_secret_in_locals(sdk_frames(traceback_frames(caught.value)), account)
    with pytest.raises(ValueError, match="not both") as refused:
        Credentials(email=account.email, password=account.password, api_token=account.token)
    assert_no_secret_in_locals(sdk_frames(traceback_frames(refused.value)), account)
    with pytest.raises(ValueError, match="must not contain") as refused:
        Credentials(account.token + ":x")
    assert_no_secret_in_locals(sdk_frames(traceback_frames(refused.value)), account)


def test_the_repr_of_half_built_objects_never_raises() -> None:
    assert repr(Credentials.__new__(Credentials)) == "Credentials(label=None)"
    assert "not initialised" in repr(AsyncToggl.__new__(AsyncToggl))
    assert "not initialised" in repr(Toggl.__new__(Toggl))


async def test_a_connection_error_keeps_no_frame_of_aiohttp_holding_the_headers(
    fake: BlockingFakeToggl,
) -> None:
    account = fake.accounts[9]
    fake.inject(drop=True)
    async with AsyncToggl(account.token, base_url=fake.url, rate_limit=None,
                          max_retries=0) as toggl:
        with pytest.raises(APIConnectionError) as caught:
            await toggl.me.get()

    cause = caught.value.__cause__
    assert cause is not None and cause.__traceback__ is None
    shown = "".join(traceback.TracebackException.from_exception(
        caught.value, capture_locals=True).format())
    assert "Basic " not in shown
