"""Shared test fixtures: a mocked API (aioresponses) and the client under test."""

from __future__ import annotations

import base64
import inspect
import json
import re
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from aioresponses import aioresponses
from yarl import URL

import toggl_async
import toggl_sync
from toggl_async.testing import BlockingFakeToggl

BASE_URL = "https://api.track.toggl.com/api/v9"
TOKEN = "1971800d4d82861d8f2c1651fea4d212"
TOKEN_AUTH = "Basic " + base64.b64encode(f"{TOKEN}:api_token".encode()).decode()


class _Aiohttp314Response(aiohttp.ClientResponse):
    """aioresponses 0.7.9 builds responses without the ``stream_writer`` argument that
    aiohttp 3.14 requires (pnuckowski/aioresponses#289); supply an idle one until it ships
    a fix."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "stream_writer" in inspect.signature(aiohttp.ClientResponse.__init__).parameters:
            kwargs.setdefault("stream_writer", _IdleStreamWriter())
        super().__init__(*args, **kwargs)


class _IdleStreamWriter:
    output_size = 0


@dataclass
class SentRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes | None

    @property
    def json(self) -> Any:
        return None if self.body is None else json.loads(self.body)


class MockAPI:
    """The Toggl API mocked with aioresponses: ``add`` answers, ``sent`` shows the requests."""

    def __init__(self, mock: aioresponses, base_url: str = BASE_URL) -> None:
        self._mock = mock
        self.base_url = base_url

    def add(
        self,
        method: str,
        path: str,
        *,
        status: int = 200,
        body: bytes | str | Any = b"",
        headers: dict[str, str] | None = None,
        repeat: bool = False,
        exception: BaseException | None = None,
    ) -> None:
        """Answer ``method path`` (any query string) once, or every time with ``repeat``."""
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        any_query = re.compile(re.escape(self.base_url + path) + r"(\?.*)?$")
        self._mock.add(
            any_query, method=method, status=status, body=body,
            headers=headers, repeat=repeat, exception=exception,
            response_class=_Aiohttp314Response,
        )

    @property
    def sent(self) -> list[SentRequest]:
        requests = []
        for (method, url), calls in self._mock.requests.items():
            for call in calls:
                params = call.kwargs.get("params") or {}
                requests.append(SentRequest(
                    method=method,
                    path=url.path.removeprefix(URL(self.base_url).path),
                    query={**url.query, **params},
                    headers=dict(call.kwargs.get("headers") or {}),
                    body=call.kwargs.get("data"),
                ))
        return requests


@pytest.fixture
def api() -> Iterator[MockAPI]:
    with aioresponses() as mock:
        yield MockAPI(mock)


@pytest.fixture(scope="session")
def fake_server() -> Iterator[BlockingFakeToggl]:
    """One embedded fake service for the whole run (its own thread and event loop)."""
    with BlockingFakeToggl(accounts=12) as fake:
        yield fake


@pytest.fixture
def fake(fake_server: BlockingFakeToggl) -> BlockingFakeToggl:
    """The shared fake with no scripted faults and fresh statistics."""
    fake_server.clear_injections()
    deadline = time.monotonic() + 5
    while fake_server.in_flight and time.monotonic() < deadline:
        time.sleep(0.01)  # let requests a previous test gave up on finish
    fake_server.reset_stats()
    return fake_server


CLIENT_CLASSES: dict[str, Any] = {"async": toggl_async.AsyncToggl, "sync": toggl_sync.Toggl}


@pytest.fixture(params=sorted(CLIENT_CLASSES))
async def make_client(request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    """Builds clients of the style under test (``toggl_async.AsyncToggl`` or
    ``toggl_sync.Toggl``), closing them afterwards."""
    made: list[Any] = []
    style = request.param

    def make(api_token: str | None = TOKEN, **options: Any) -> Any:
        options.setdefault("rate_limit", None)
        options.setdefault("max_retries", 0)
        client = CLIENT_CLASSES[style](api_token, **options)
        made.append(client)
        return client

    yield make
    for client in made:
        result = client.aclose() if style == "async" else client.close()
        if inspect.isawaitable(result):
            await result


@pytest.fixture
def client(make_client: Any) -> Any:
    return make_client()


async def invoke(client: Any, call: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``client.<call>(...)`` in either style; iterators are drained into a list."""
    target = client
    for name in call.split("."):
        target = getattr(target, name)
    result = target(*args, **kwargs)
    if inspect.isawaitable(result):
        return await result
    if hasattr(result, "__aiter__"):
        return [item async for item in result]
    if isinstance(result, Iterator):
        return list(result)
    return result
