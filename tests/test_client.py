"""AsyncToggl: credentials, settings and the session's lifetime."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import aiohttp
import pytest

from tests import bodies
from tests.conftest import TOKEN, TOKEN_AUTH, MockAPI
from toggl_async import (
    AsyncToggl,
    ClientClosedError,
    Credentials,
    MissingCredentialsError,
    Timeout,
    TogglError,
)
from toggl_async.models import MeUpdate


def test_the_token_falls_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOGGL_API_TOKEN", TOKEN)

    assert AsyncToggl()._transport.authorization.reveal() == TOKEN_AUTH


def test_no_credentials_at_all_fail_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOGGL_API_TOKEN", raising=False)

    with pytest.raises(MissingCredentialsError, match="TOGGL_API_TOKEN"):
        AsyncToggl()
    assert issubclass(MissingCredentialsError, ValueError)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"api_token": ""}, ValueError, "api_token must not be empty"),
        ({"api_token": 123}, TypeError, "api_token must be a str"),
        ({"api_token": "a:b"}, ValueError, "must not contain ':'"),
        ({"email": "ada@example.com"}, MissingCredentialsError, "together"),
        ({"api_token": TOKEN, "email": "a@b.c", "password": "x"}, ValueError, "not both"),
        ({"api_token": TOKEN, "base_url": "http://api.track.toggl.com/api/v9"}, ValueError,
         "https"),
        ({"api_token": TOKEN, "base_url": "ftp://example.com"}, ValueError, "http"),
        ({"api_token": TOKEN, "base_url": "https://u:p@example.com/api/v9"}, ValueError,
         "credentials"),
        ({"api_token": TOKEN, "timeout": 0}, ValueError, "timeout must be positive"),
        ({"api_token": TOKEN, "timeout": "5"}, TypeError, "timeout"),
        ({"api_token": TOKEN, "max_retries": -1}, ValueError, "max_retries"),
        ({"api_token": TOKEN, "max_retries": 1.5}, TypeError, "max_retries"),
        ({"api_token": TOKEN, "rate_limit": 0}, ValueError, "rate_limit must be positive"),
        ({"api_token": TOKEN, "rate_limit": "fast"}, TypeError, "rate_limit"),
        ({"api_token": TOKEN, "quota_wait": -1}, ValueError, "quota_wait"),
        ({"api_token": TOKEN, "session": object()}, TypeError, "session"),
    ],
)
def test_bad_settings_fail_at_construction(
    kwargs: dict[str, Any], error: type[Exception], words: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TOGGL_API_TOKEN", raising=False)
    with pytest.raises(error, match=words):
        AsyncToggl(**kwargs)


@pytest.mark.parametrize(
    "base_url",
    ["http://localhost:8080/api/v9", "http://127.0.0.1:1/api/v9", "http://[::1]:80/api/v9/",
     "https://toggl.example.com/api/v9"],
)
def test_plain_http_is_allowed_on_loopback_only(base_url: str) -> None:
    assert AsyncToggl(TOKEN, base_url=base_url).base_url == base_url.rstrip("/")


def test_secrets_never_show_in_reprs() -> None:
    password = "correct horse battery staple"
    clients = [AsyncToggl(TOKEN), AsyncToggl(email="ada@example.com", password=password),
               AsyncToggl(credentials=Credentials(TOKEN, label="ada"))]
    texts = [repr(c) + str(c) + repr(c._transport) + repr(Credentials(TOKEN)) for c in clients]

    for text in texts:
        assert TOKEN not in text and password not in text and TOKEN_AUTH not in text
    assert clients[1].account == "ada@example.com" and clients[2].account == "ada"
    assert clients[0].account.startswith("token-")
    assert "hunter2" not in repr(MeUpdate(password="hunter2", current_password="hunter2"))


async def test_the_session_is_created_lazily_in_the_loop_and_closed_with_the_client(
    api: MockAPI,
) -> None:
    api.add("GET", "/me", body=bodies.ME)
    toggl = AsyncToggl(TOKEN, rate_limit=None)
    assert toggl._transport.session._session is None

    async with toggl:
        await toggl.me.get()
        session = toggl._transport.session._session
        assert session is not None and not session.closed

    assert session.closed
    with pytest.raises(ClientClosedError, match="closed"):
        await toggl.me.get()
    await toggl.aclose()  # twice is harmless


async def test_a_callers_session_is_used_and_left_open(api: MockAPI) -> None:
    api.add("GET", "/me", body=bodies.ME)
    async with aiohttp.ClientSession() as session:
        async with AsyncToggl(TOKEN, session=session, rate_limit=None) as toggl:
            await toggl.me.get()
        assert not session.closed
    assert api.sent[0].headers["Authorization"] == TOKEN_AUTH


def test_a_client_cannot_hop_event_loops(api: MockAPI) -> None:
    api.add("GET", "/me", body=bodies.ME, repeat=True)
    toggl = AsyncToggl(TOKEN, rate_limit=None)
    asyncio.run(toggl.me.get())

    with pytest.raises(TogglError, match="another event loop"):
        asyncio.run(toggl.me.get())
    asyncio.run(toggl.aclose())


async def test_with_options_changes_settings_per_call_and_shares_the_rest(api: MockAPI) -> None:
    async with AsyncToggl(TOKEN, timeout=30, max_retries=2) as toggl:
        quick = toggl.with_options(timeout=Timeout(total=5, connect=1), max_retries=0)

        assert quick._transport.options.timeout == Timeout(total=5, connect=1)
        assert quick._transport.options.max_retries == 0
        assert toggl._transport.options.max_retries == 2
        assert quick.quota is toggl.quota
        assert quick._transport.session is toggl._transport.session
        assert quick._transport.state is toggl._transport.state
        assert toggl.with_options()._transport.options == toggl._transport.options


async def test_an_unclosed_owned_session_is_reported() -> None:
    toggl = AsyncToggl(TOKEN)
    toggl._transport.session.get()

    with pytest.warns(ResourceWarning, match="Unclosed client session"):  # noqa: PT031
        del toggl
        gc.collect()


def test_a_session_from_another_event_loop_is_refused_clearly(api: MockAPI) -> None:
    async def make_session() -> aiohttp.ClientSession:
        return aiohttp.ClientSession()

    other_loop = asyncio.new_event_loop()
    session = other_loop.run_until_complete(make_session())
    toggl = AsyncToggl(TOKEN, session=session, rate_limit=None)
    try:
        with pytest.raises(TogglError, match="session belongs to another event loop"):
            asyncio.run(toggl.me.get())
        assert api.sent == []
    finally:
        other_loop.run_until_complete(session.close())
        other_loop.close()


def test_resources_are_the_annotated_ones_made_once_on_first_use() -> None:
    annotated = {
        name for name, kind in AsyncToggl.__annotations__.items() if kind.endswith("Resource")
    }
    assert set(AsyncToggl._resources) == annotated
    client = AsyncToggl("x" * 32)
    assert not annotated & set(vars(client))  # nothing made before it is used
    assert client.time_entries is client.time_entries
    assert annotated <= set(dir(client))
    with pytest.raises(AttributeError, match="time_entry"):
        client.time_entry  # noqa: B018 (the lookup is the test)
