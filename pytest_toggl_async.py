"""pytest plugin of toggl_async: the ``toggl_fake`` fixture.

Registered through the ``pytest11`` entry point, so pytest imports it in every project that
installs the SDK. It lives outside the ``toggl_async`` package, whose import loads aiohttp
(about 0.3 s): the fake, the SDK and aiohttp are imported only when a test asks for the
fixture.

::

    def test_me(toggl_fake):
        response = requests.get(toggl_fake.url + "/me", auth=(toggl_fake.token, "api_token"))

    @pytest.mark.toggl_fake(accounts=1, rate_limit=1.0)
    async def test_throttled(toggl_fake): ...

The fixture is function-scoped and yields a running
:class:`~toggl_async.testing.BlockingFakeToggl` (its own thread and event loop, so it
serves synchronous and asynchronous tests alike). Options of the ``toggl_fake`` marker are
passed to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from toggl_async.testing import BlockingFakeToggl

MARKER = "toggl_fake"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): keyword options (as for FakeToggl) of the toggl_fake fixture",
    )


@pytest.fixture
def toggl_fake(request: pytest.FixtureRequest) -> Iterator[BlockingFakeToggl]:
    """A running fake Toggl Track API; see toggl_async.testing.FakeToggl for its options."""
    from toggl_async.testing import BlockingFakeToggl

    marker = request.node.get_closest_marker(MARKER)
    options = marker.kwargs if marker is not None else {}
    with BlockingFakeToggl(**options) as fake:
        yield fake
