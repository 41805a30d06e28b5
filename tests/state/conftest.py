"""Fixtures of the state tests: a real redis-server for the session, and per test a key
prefix of its own, so tests never see each other's keys."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from .redis_server import RedisServer


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


@pytest.fixture
def private_redis() -> Iterator[RedisServer]:
    """A server of this test's own, which it may stop, freeze and restart."""
    with RedisServer() as server:
        yield server


@pytest.fixture
def prefix() -> str:
    return "test-" + uuid.uuid4().hex[:12]
