"""A pause point before every request, for code that steps an async iterator by hand.

The blocking facade (``toggl_sync``) hands a whole page of an iterator's items to the
caller's thread at once: on the loop it advances the iterator step by step, without
awaiting, for as long as items come without waiting. The step that would fetch the next
page must stop *before* its request is sent (stopping early fetches nothing more), so every
request first awaits :func:`pause_point`: while the running task is such a stepper, it
yields :data:`PAUSED` to it instead of going on. Everywhere else it costs one lookup.
"""

from __future__ import annotations

import asyncio
import types
from collections.abc import Generator
from contextvars import ContextVar
from typing import Any


class _Paused:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<paused before a request>"


PAUSED: Any = _Paused()
"""What a paused step yields; sending it ``None`` resumes it and sends the request."""

STEPPER: ContextVar[asyncio.Task[Any] | None] = ContextVar("toggl_async_stepper", default=None)
"""The task stepping an iterator right now (set only while it steps). Tasks started
during a step inherit the value, so the pause also checks that it runs in that very task."""


@types.coroutine
def pause_point() -> Generator[Any, None, None]:
    """Awaited by every request before anything is sent."""
    stepper = STEPPER.get()
    if stepper is not None and stepper is asyncio.current_task():
        yield PAUSED
