"""An embedded fake of the Toggl Track API v9, for trying the SDK and for tests.

It is an independent stand-in for the real service: it shares no code with the rest of
``toggl_async`` and writes its JSON itself, quirks included (bare arrays, mixed timestamp
formats, nulls, empty bodies). Use :class:`FakeToggl` from asyncio code, and
:class:`BlockingFakeToggl` (or ``FakeToggl.running()``) from synchronous code. With pytest,
the ``toggl_fake`` fixture of the pytest plugin :mod:`pytest_toggl_async` yields a running
blocking fake.

The names are loaded on first use so that importing the pytest plugin stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._data import FakeAccount
    from ._fake import BlockingFakeToggl, FakeToggl, FakeTogglOptions
    from ._traffic import Injection, RecordedRequest

__all__ = [
    "BlockingFakeToggl",
    "FakeAccount",
    "FakeToggl",
    "FakeTogglOptions",
    "Injection",
    "RecordedRequest",
]

_HOMES = {
    "BlockingFakeToggl": "._fake",
    "FakeAccount": "._data",
    "FakeToggl": "._fake",
    "FakeTogglOptions": "._fake",
    "Injection": "._traffic",
    "RecordedRequest": "._traffic",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name], __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
