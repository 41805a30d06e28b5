"""Fixtures of the resource tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from toggl_async.testing import BlockingFakeToggl


@pytest.fixture(scope="module")
def entity_fake() -> Iterator[BlockingFakeToggl]:
    """A fake of the module's own: the cases change its state."""
    with BlockingFakeToggl(accounts=1) as fake:
        yield fake
