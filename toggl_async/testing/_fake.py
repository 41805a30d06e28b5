"""Public faces of the fake service: ``FakeToggl`` (asyncio) and ``BlockingFakeToggl`` (thread)."""

from __future__ import annotations

import asyncio
import threading
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING, TypedDict

from aiohttp import web

from ._app import BASE_PATH, FakeOptions, FakeService
from ._data import FakeAccount
from ._traffic import Injection, RecordedRequest

if TYPE_CHECKING:
    from typing_extensions import Self, Unpack

# Requests still running when the fake closes (e.g. an injected long delay) get this long.
_SHUTDOWN_GRACE = 0.1
_STARTUP_TIMEOUT = 30.0


class FakeTogglOptions(TypedDict, total=False):
    """Keyword options shared by FakeToggl and BlockingFakeToggl."""

    accounts: int
    latency: float
    rate_limit: float | None
    rate_limit_html: bool
    quota: int | None
    quota_window: float
    fail_rate: float
    drop_rate: float
    seed: int
    host: str
    port: int


class _FakeSurface:
    """What tests see of a fake, whichever way it runs."""

    _service: FakeService

    @property
    def url(self) -> str:
        """Base URL of the API, e.g. ``http://127.0.0.1:PORT/api/v9``."""
        if self._service.url is None:
            raise RuntimeError("the fake is not running: use it as a context manager")
        return self._service.url

    @property
    def accounts(self) -> list[FakeAccount]:
        return self._service.accounts

    @property
    def today(self) -> date:
        """The fake's today (UTC): its made-up history lies before it, and the list of time
        entries refuses a ``start_date`` more than three months before it."""
        return self._service.world.clock.now.date()

    @property
    def tokens(self) -> list[str]:
        return [account.token for account in self.accounts]

    @property
    def token(self) -> str:
        """The first account's API token."""
        return self.accounts[0].token

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the requests received since start (or the last reset_stats())."""
        return self._service.stats.requests

    @property
    def request_count(self) -> int:
        return self._service.stats.request_count

    @property
    def in_flight(self) -> int:
        """Requests being handled right now."""
        return self._service.stats.in_flight

    @property
    def peak_in_flight(self) -> int:
        """The most requests handled at once."""
        return self._service.stats.peak_in_flight

    @property
    def connections(self) -> int:
        """Distinct client connections seen (distinct peer ports)."""
        return self._service.stats.connections

    @property
    def pending_injections(self) -> list[Injection]:
        return self._service.injections.pending()

    def reset_stats(self) -> None:
        """Forget recorded requests, connections and the in-flight high-water mark."""
        self._service.stats.reset()

    def clear_injections(self) -> None:
        self._service.injections.clear()

    def inject(
        self,
        *,
        method: str | None = None,
        path: str | None = None,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        body: bytes | str | None = None,
        content_type: str = "application/json",
        drop: bool = False,
        truncate: bool = False,
        delay: float = 0.0,
        times: int = 1,
    ) -> Injection:
        """Script the answer to the next ``times`` requests matching ``method`` and ``path``.

        ``path`` is relative to /api/v9 (e.g. ``"/me"``, the query string is ignored); None
        matches any. Injections are consumed first-in, first-out. Effects, which combine:

        - ``delay``: wait this many seconds first;
        - ``drop``: close the connection without answering;
        - ``status`` and/or ``body``: answer this instead of the real answer (status 200
          by default; body defaults to the status phrase as a JSON string), with
          ``content_type``;
        - ``headers``: add or override response headers;
        - ``truncate``: send the headers with the full Content-Length, then only part of
          the body, then close the connection.
        """
        if times < 1:
            raise ValueError("times must be at least 1")
        if delay < 0:
            raise ValueError("delay must not be negative")
        if path is not None:
            # Accept "me", "/me", "/api/v9/me" and "/me?x=1" alike.
            path = "/" + path.split("?", 1)[0].removeprefix(BASE_PATH).lstrip("/")
        injection = Injection(
            method=method.upper() if method else None,
            path=path,
            status=status,
            headers=dict(headers or {}),
            body=body.encode() if isinstance(body, str) else body,
            content_type=content_type,
            drop=drop,
            truncate=truncate,
            delay=delay,
            remaining=times,
        )
        self._service.injections.add(injection)
        return injection


class FakeToggl(_FakeSurface):
    """An embedded fake Toggl Track API v9 (the /me, preferences and time-entry endpoints), on
    asyncio.

    ::

        async with FakeToggl() as fake:
            async with aiohttp.ClientSession() as session:
                headers = {"Authorization": fake.accounts[0].authorization}
                async with session.get(fake.url + "/me", headers=headers) as response:
                    me = await response.json()

    Options (all keyword-only):

    - ``accounts``: how many accounts (users) to create; ``fake.accounts`` has their
      credentials and live state. Email + password Basic auth works as well as tokens.
    - ``latency``: seconds added to every answer.
    - ``rate_limit``: per-account leaky bucket in requests/second; over it the answer is
      429 with ``Retry-After`` (body "Too Many Requests", or an nginx HTML page with
      ``rate_limit_html=True``).
    - ``quota`` / ``quota_window``: requests allowed per account per window (an hour);
      beyond it 402. With a quota, every authenticated answer carries
      ``X-Toggl-Quota-Remaining`` and ``X-Toggl-Quota-Resets-In``.
    - ``fail_rate`` / ``drop_rate``: share of requests answered 500/502/503, or whose
      connection is closed without an answer.
    - ``seed``: all data and randomness derive from it.
    - ``host`` / ``port``: where to listen (default 127.0.0.1 and a free port).
    """

    def __init__(
        self,
        *,
        accounts: int = 3,
        latency: float = 0.0,
        rate_limit: float | None = None,
        rate_limit_html: bool = False,
        quota: int | None = None,
        quota_window: float = 3600.0,
        fail_rate: float = 0.0,
        drop_rate: float = 0.0,
        seed: int = 0,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        options = FakeOptions(
            accounts=accounts,
            latency=latency,
            rate_limit=rate_limit,
            rate_limit_html=rate_limit_html,
            quota=quota,
            quota_window=quota_window,
            fail_rate=fail_rate,
            drop_rate=drop_rate,
            seed=seed,
        )
        self._service = FakeService(options)
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None

    @classmethod
    def running(cls, **options: Unpack[FakeTogglOptions]) -> BlockingFakeToggl:
        """The blocking form, for synchronous code: ``with FakeToggl.running() as fake:``."""
        return BlockingFakeToggl(**options)

    async def start(self) -> Self:
        if self._runner is not None:
            raise RuntimeError("the fake is already running")
        # handler_cancellation: a request the client gave up on (timeout, cancel) stops
        # being served at once, as on the real service, and leaves the in-flight count.
        runner = web.AppRunner(
            self._service.make_app(), access_log=None, shutdown_timeout=_SHUTDOWN_GRACE,
            handler_cancellation=True,
        )
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        host, port = runner.addresses[0][:2]
        host = f"[{host}]" if ":" in host else host
        self._service.url = f"http://{host}:{port}{BASE_PATH}"
        return self

    async def close(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            self._service.url = None
            await runner.cleanup()

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<FakeToggl {self._service.url or 'not running'}>"


class BlockingFakeToggl(_FakeSurface):
    """The same fake, served from its own thread and event loop, for synchronous code.

    ::

        with BlockingFakeToggl(accounts=1) as fake:
            requests.get(fake.url + "/me", auth=(fake.token, "api_token"))

    Takes the same keyword options as :class:`FakeToggl` and offers the same attributes.
    """

    def __init__(self, **options: Unpack[FakeTogglOptions]) -> None:
        self._fake = FakeToggl(**options)
        self._service = self._fake._service
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None

    def start(self) -> Self:
        if self._thread is not None:
            raise RuntimeError("the fake is already running")
        self._ready.clear()
        self._startup_error = None
        self._thread = threading.Thread(target=self._run, name="toggl-fake", daemon=True)
        self._thread.start()
        if not self._ready.wait(_STARTUP_TIMEOUT):
            raise RuntimeError("the fake did not start in time")
        if self._startup_error is not None:
            self._thread.join()
            self._thread = None
            raise self._startup_error
        return self

    def close(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        thread.join()

    def _run(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        try:
            await self._fake.start()
        except BaseException as error:  # handed to the starting thread
            self._startup_error = error
            self._ready.set()
            return
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            await self._fake.close()
            self._loop = self._stop = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<BlockingFakeToggl {self._service.url or 'not running'}>"
