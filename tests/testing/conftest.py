"""Shared helpers: plain aiohttp against the fake (the SDK is deliberately not used here)."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from multidict import CIMultiDictProxy

from toggl_async.testing import FakeToggl


@dataclass
class Reply:
    status: int
    headers: CIMultiDictProxy[str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class Api:
    """Raw HTTP calls against one fake; authenticates as ``account`` (an index) by default."""

    def __init__(self, session: aiohttp.ClientSession, fake: FakeToggl) -> None:
        self.session = session
        self.fake = fake

    @staticmethod
    def basic(user: str, password: str) -> dict[str, str]:
        """Headers with arbitrary Basic credentials (pass with ``account=None``)."""
        credentials = base64.b64encode(f"{user}:{password}".encode()).decode()
        return {"Authorization": f"Basic {credentials}"}

    async def call(
        self,
        method: str,
        path: str,
        *,
        account: int | None = 0,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        data: bytes | None = None,
    ) -> Reply:
        all_headers = dict(headers or {})
        if account is not None:
            all_headers.setdefault("Authorization", self.fake.accounts[account].authorization)
        async with self.session.request(
            method, self.fake.url + path, headers=all_headers, params=params, json=json, data=data
        ) as response:
            return Reply(response.status, response.headers, await response.read())

    async def get(self, path: str, **options: Any) -> Reply:
        return await self.call("GET", path, **options)

    async def post(self, path: str, **options: Any) -> Reply:
        return await self.call("POST", path, **options)

    async def put(self, path: str, **options: Any) -> Reply:
        return await self.call("PUT", path, **options)


Serve = Callable[..., AbstractAsyncContextManager[Api]]


@asynccontextmanager
async def _serve(**options: Any) -> AsyncIterator[Api]:
    async with FakeToggl(**options) as fake, aiohttp.ClientSession() as session:
        yield Api(session, fake)


@pytest_asyncio.fixture
async def api() -> AsyncIterator[Api]:
    """A fake with default options and a client for it."""
    async with _serve() as client:
        yield client


async def _until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.005)):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("condition not met in time")


@pytest.fixture
def until() -> Callable[..., Awaitable[None]]:
    """``await until(lambda: ...)``: poll a condition about the fake's state."""
    return _until


@pytest.fixture
def serve() -> Serve:
    """``async with serve(**options) as api``: a fake with the given options."""
    return _serve
