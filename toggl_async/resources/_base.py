from __future__ import annotations

from .._transport import Transport


class Resource:
    """A group of endpoints; every request goes through the client's transport."""

    __slots__ = ("_transport",)

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
