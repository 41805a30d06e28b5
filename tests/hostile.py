"""A raw HTTP/1.1 server on a thread of its own, for answers no real framework would send:
malformed heads, slow drips, compression bombs, connections dropped at chosen moments.

Each request is read whole (head and ``Content-Length`` body) and recorded; ``answer``
decides what goes back, as raw bytes. Every thread is a daemon and every wait is bounded,
so a test can never hang on it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

API_PATH = "/api/v9"


@dataclass
class Sent:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Reply:
    """What to do with one request. ``chunks`` are sent in order, ``pause`` seconds apart;
    then the connection is closed when ``close`` (or kept for the next request)."""

    chunks: list[bytes] = field(default_factory=list)
    pause: float = 0.0
    close: bool = False


def http(
    status: int = 200,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    reason: str = "OK",
    length: bool = True,
) -> bytes:
    """A raw answer: status line, headers (Content-Length added unless ``length=False``)."""
    lines = [f"HTTP/1.1 {status} {reason}"]
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    if length:
        all_headers.setdefault("Content-Length", str(len(body)))
    lines += [f"{name}: {value}" for name, value in all_headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def respond(raw: bytes, *, close: bool = False) -> Reply:
    return Reply([raw], close=close)


DROP = Reply(close=True)
"""Read the request, then close the connection without a byte of answer."""


class HostileServer:
    """``answer(sent, index)`` gives the ``Reply`` to the ``index``-th request (from 0)."""

    def __init__(self, answer: Callable[[Sent, int], Reply]) -> None:
        self._answer = answer
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}{API_PATH}"
        self.requests: list[Sent] = []
        self.connections = 0
        self.finished = 0  # replies sent whole (the client read or buffered all of them)
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> HostileServer:
        self._spawn(self._accept)
        return self

    def stop(self) -> None:
        self._stopped.set()
        for thread in self._threads:
            thread.join(timeout=2)
        self._listener.close()

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                self.connections += 1
            self._spawn(self._serve, connection)

    def _serve(self, connection: socket.socket) -> None:
        connection.settimeout(0.2)
        buffer = b""
        try:
            while not self._stopped.is_set():
                request, buffer = self._read_request(connection, buffer)
                if request is None:
                    return
                with self._lock:
                    index = len(self.requests)
                    self.requests.append(request)
                reply = self._answer(request, index)
                for number, chunk in enumerate(reply.chunks):
                    if number and reply.pause and self._stopped.wait(reply.pause):
                        return
                    connection.sendall(chunk)
                with self._lock:
                    self.finished += 1
                if reply.close:
                    return
        except OSError:
            return
        finally:
            connection.close()

    def _read_request(
        self, connection: socket.socket, buffer: bytes
    ) -> tuple[Sent | None, bytes]:
        while b"\r\n\r\n" not in buffer:
            chunk = self._receive(connection)
            if not chunk:
                return None, b""
            buffer += chunk
        head, _, rest = buffer.partition(b"\r\n\r\n")
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            chunk = self._receive(connection)
            if not chunk:
                return None, b""
            rest += chunk
        path = target.split("?", 1)[0].removeprefix(API_PATH)
        return Sent(method, path, headers, rest[:length]), rest[length:]

    def _receive(self, connection: socket.socket) -> bytes:
        while not self._stopped.is_set():
            try:
                return connection.recv(65536)
            except TimeoutError:
                continue
        return b""


@contextmanager
def hostile(answer: Callable[[Sent, int], Reply]) -> Iterator[HostileServer]:
    server = HostileServer(answer).start()
    try:
        yield server
    finally:
        server.stop()


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)
