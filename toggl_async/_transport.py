"""The one request pipeline every endpoint goes through.

    build the request -> check the quota -> pace it (per-account rate limit) -> send it and
    read the body (bounded) -> retry? (by method: reads on every transient failure, writes
    only when the service cannot have applied them; Retry-After; the quota's reset; never
    past the call's deadline) -> map an error answer to a TogglError -> decode the body
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import random
import ssl as _ssl
import time
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Any, Literal, TypeVar, overload
from urllib.parse import urlsplit

import aiohttp
import msgspec
from multidict import CIMultiDict, CIMultiDictProxy

from . import _params
from ._auth import Secret
from ._constants import (
    BACKOFF_BASE,
    BACKOFF_CAP,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_CONNECTION_LIMIT,
    DEFAULT_MAX_RESPONSE_SIZE,
    ERROR_BODY_LIMIT,
    READ_METHODS,
    RETRY_AFTER_CAP,
    RETRY_STATUSES,
    STREAM_CHUNK_SIZE,
)
from ._errors import (
    CAUGHT_TRANSPORT_ERRORS,
    APIConnectionError,
    APITimeoutError,
    ClientClosedError,
    DecodeError,
    InvalidTypeError,
    InvalidValueError,
    QuotaExceededError,
    RateLimitError,
    ResponseTooLargeError,
    TogglError,
    connection_error,
    error_from_response,
    is_protocol_error,
    retry_after,
)
from ._limits import SlotPastDeadline, quota_scope
from ._state import AccountState, QuotaSpent
from ._stepping import pause_point
from ._version import __version__

T = TypeVar("T")

logger = logging.getLogger("toggl_async")

USER_AGENT = f"toggl-async/{__version__} (+aiohttp/{aiohttp.__version__})"
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Bodies from this size on are decoded with the garbage collector paused: the thousands of
# lists a large body decodes into (tags, ids) would trigger collections that walk the
# whole heap, costing more than the decoding itself on a large heap.
GC_PAUSE_BYTES = 64 * 1024

# Bumped in a child after os.fork(): what the parent made (sessions, sockets, event-loop
# threads) is not the child's to use.
_process_generation = 0
_holders: weakref.WeakSet[SessionHolder] = weakref.WeakSet()


def _forked() -> None:
    global _process_generation
    _process_generation += 1
    for holder in list(_holders):
        holder.disown()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


def process_generation() -> int:
    """Changes in a child process after ``os.fork()``."""
    return _process_generation


FORKED_MESSAGE = (
    "this Toggl client was created in another process (before os.fork()); its connections "
    "and event loop belong to that process. Create a new client in this one"
)


@dataclass(frozen=True)
class Timeout:
    """Seconds allowed for a whole call (``total``: waiting for the rate limiter, every
    attempt and every wait between them), for each attempt's connecting (``connect``) and
    for each wait for the next bytes of an answer (``read``); a read that times out is
    retried, within ``total``."""

    total: float | None
    connect: float | None = DEFAULT_CONNECT_TIMEOUT
    read: float | None = None


@dataclass(frozen=True)
class RequestOptions:
    """What may differ per call (``AsyncToggl.with_options``)."""

    timeout: Timeout
    max_retries: int
    quota_wait: float | None
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE
    client_timeout: aiohttp.ClientTimeout = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        timeout = self.timeout
        client_timeout = aiohttp.ClientTimeout(
            total=timeout.total, connect=timeout.connect, sock_read=timeout.read
        )
        object.__setattr__(self, "client_timeout", client_timeout)

    def attempt_timeout(self, deadline: float | None) -> aiohttp.ClientTimeout | None:
        """The next attempt's limits: what is left of the call's time, at most; None when
        nothing is left (aiohttp would take a limit of 0 or less as no limit at all)."""
        if deadline is None:
            return self.client_timeout
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        total = self.timeout.total
        if total is not None and left > total - 0.001:
            return self.client_timeout  # a first attempt that did not wait: the same limits
        connect, read = self.timeout.connect, self.timeout.read
        return aiohttp.ClientTimeout(
            total=left,
            connect=left if connect is None else min(connect, left),
            sock_read=None if read is None else min(read, left),
        )


def request_options(
    timeout: float | Timeout | None,
    max_retries: int,
    quota_wait: float | None,
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
) -> RequestOptions:
    """Checked per-request settings."""
    if not isinstance(timeout, Timeout):
        timeout = Timeout(total=None if timeout is None else _params.number(timeout, "timeout"))
    for name, seconds in (
        ("timeout", timeout.total), ("connect timeout", timeout.connect),
        ("read timeout", timeout.read),
    ):
        if seconds is not None and not seconds > 0:
            raise InvalidValueError(f"{name} must be positive seconds or None, got {seconds}")
    _params.count(max_retries, "max_retries")
    if quota_wait is not None and _params.number(quota_wait, "quota_wait") < 0:
        raise InvalidValueError(
            f"quota_wait must be None or non-negative seconds, got {quota_wait!r}"
        )
    if not _params.count(max_response_size, "max_response_size"):
        raise InvalidValueError("max_response_size must be a positive number of bytes, got 0")
    return RequestOptions(timeout, max_retries, quota_wait, max_response_size)


def check_base_url(base_url: str) -> str:
    """The API root without a trailing slash. TLS is required except on this machine."""
    if not isinstance(base_url, str):
        raise InvalidTypeError(f"base_url must be a str, not {type(base_url).__name__}")
    parts = urlsplit(base_url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidValueError(f"base_url must be an absolute http(s) URL, got {base_url!r}")
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK_HOSTS:
        raise InvalidValueError(
            "base_url must use https:// (plain http is allowed only for localhost, "
            f"127.0.0.1 and ::1), got {base_url!r}"
        )
    if parts.username is not None or parts.password is not None:
        raise InvalidValueError(
            "base_url must not carry credentials; pass api_token or email/password"
        )
    if parts.query or parts.fragment:
        raise InvalidValueError(f"base_url must not have a query or fragment, got {base_url!r}")
    return base_url.rstrip("/")


@dataclass(frozen=True)
class Connection:
    """How a session the SDK creates reaches the service: an explicit ``proxy`` (else the
    ``HTTPS_PROXY``/``NO_PROXY`` variables when ``trust_env``), the CAs to verify it
    against (``ssl``; None: the system's), and headers added to every request."""

    proxy: str | None = field(default=None, repr=False)  # it may carry a password
    ssl: _ssl.SSLContext | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    trust_env: bool = True

    def new_session(self, limit: int, base_url: str) -> aiohttp.ClientSession:
        """A session of at most ``limit`` connections to ``base_url``; call it inside the
        event loop."""
        headers = {"User-Agent": USER_AGENT}
        for name, value in self.headers.items():
            # A User-Agent given is a suffix: the service still sees which SDK calls it.
            headers[name] = f"{USER_AGENT} {value}" if name.lower() == "user-agent" else value
        # The proxy variables are read here, once, rather than by aiohttp's trust_env: that
        # would also look up ~/.netrc in a thread before every request, and a netrc entry
        # for the service would clash with our Authorization header.
        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(
                limit=limit, ssl=self.ssl if self.ssl is not None else True
            ),
            headers=headers, proxy=self.proxy_for(base_url),
        )

    def proxy_for(self, url: str) -> str | None:
        """The proxy to reach ``url`` through: the one given, else (``trust_env``) the one
        ``HTTPS_PROXY``/``HTTP_PROXY`` name unless ``NO_PROXY`` exempts the host."""
        if self.proxy is not None or not self.trust_env:
            return self.proxy
        from urllib.request import getproxies, proxy_bypass  # aiohttp has loaded it

        parts = urlsplit(url)
        if parts.hostname is None or proxy_bypass(parts.hostname):
            return None
        return getproxies().get(parts.scheme)


def connection(
    proxy: str | None, ssl: _ssl.SSLContext | str | os.PathLike[str] | None,
    headers: Mapping[str, str] | None, trust_env: bool,
) -> Connection:
    """The checked connection settings of a client."""
    if proxy is not None:
        if not isinstance(proxy, str):
            raise InvalidTypeError(f"proxy must be a str URL, not {type(proxy).__name__}")
        parts = urlsplit(proxy)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            # Not echoed: a proxy URL may carry a password.
            raise InvalidValueError(
                f"proxy must be an http(s):// URL, got a {parts.scheme or 'relative'} one"
            )
    if isinstance(ssl, (str, os.PathLike)):
        try:
            ssl = _ssl.create_default_context(cafile=os.fspath(ssl))
        except (OSError, _ssl.SSLError) as exc:
            raise InvalidValueError(f"ssl: cannot load the CA bundle {ssl!r}: {exc}") from None
    elif ssl is not None and not isinstance(ssl, _ssl.SSLContext):
        raise InvalidTypeError(
            f"ssl must be an ssl.SSLContext or a CA bundle path, not {type(ssl).__name__}"
        )
    if ssl is not None and (ssl.verify_mode != _ssl.CERT_REQUIRED or not ssl.check_hostname):
        raise InvalidValueError(
            "ssl: the context must verify certificates and host names (CERT_REQUIRED, "
            "check_hostname): give the CA to trust instead of turning verification off"
        )
    checked = {}
    for name, value in (headers or {}).items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise InvalidTypeError("headers must map str names to str values")
        if name.lower() in ("authorization", "proxy-authorization"):
            raise InvalidValueError(f"headers must not set {name}: pass the credentials")
        checked[name] = value
    if not isinstance(trust_env, bool):
        raise InvalidTypeError(f"trust_env must be a bool, not {type(trust_env).__name__}")
    return Connection(proxy, ssl, checked, trust_env)


class _SendFailed(aiohttp.ClientError):
    """A connection failure of one send, carried past aiohttp's own hidden re-send."""

    def __init__(self, failure: aiohttp.ClientError) -> None:
        super().__init__(str(failure))
        self.failure = failure


async def _one_send_per_attempt(
    request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
) -> aiohttp.ClientResponse:
    """aiohttp sends a GET, PUT or DELETE a second time, unseen, when the connection drops
    before the answer (``ClientSession._request``, RFC 9112 9.3.1). Every send must be an
    attempt the SDK counts, and a PUT must never go twice: the failure is passed on in a
    wrapper aiohttp does not retry on."""
    try:
        return await handler(request)
    except aiohttp.ClientConnectorError:
        raise  # never connected: aiohttp does not re-send these
    except (aiohttp.ClientOSError, aiohttp.ServerDisconnectedError) as exc:
        raise _SendFailed(exc) from None


class SessionHolder:
    """The client's aiohttp session: created on first use, inside the running event loop,
    and closed by us only if we created it. It belongs to the process that made it."""

    __slots__ = ("__weakref__", "_base_url", "_closed", "_connection", "_generation", "_loop",
                 "_owned", "_session", "middlewares")

    def __init__(
        self,
        session: aiohttp.ClientSession | None,
        connection: Connection | None = None,
        base_url: str = "",
    ) -> None:
        self._session = session
        self._connection = connection or Connection()
        self._base_url = base_url
        self._owned = session is None
        self._closed = False
        self._generation = process_generation()
        # The loop the session belongs to: a caller's session was made on theirs.
        self._loop: asyncio.AbstractEventLoop | None = getattr(session, "_loop", None)
        # A caller's session keeps its own middlewares, followed by ours.
        own: tuple[Any, ...] = tuple(getattr(session, "_middlewares", None) or ())
        self.middlewares = (*own, _one_send_per_attempt)
        if self._owned:  # only a session of ours is disowned after a fork
            _holders.add(self)

    def disown(self) -> None:
        """In a child after os.fork(): the session's connections are the parent's. Marked
        closed, its connector will not close them when collected here: closing would
        unregister the sockets from the event-loop poller the child shares with the parent
        (so the parent would never hear from them again) and end TLS sessions under it."""
        connector = None if self._session is None else self._session.connector
        if self._owned and connector is not None:
            connector._closed = True

    def get(self) -> aiohttp.ClientSession:
        if self._generation != process_generation():
            raise TogglError(FORKED_MESSAGE)
        if self._closed:
            raise ClientClosedError("this Toggl client is closed; create a new one")
        if self._session is None:
            self._loop = asyncio.get_running_loop()
            self._session = self._connection.new_session(
                DEFAULT_CONNECTION_LIMIT, self._base_url
            )
        elif self._loop is not None and asyncio.get_running_loop() is not self._loop:
            raise TogglError(
                "this client's aiohttp session belongs to another event loop; create the "
                "client (and any session given to it) on the loop that uses it, or use "
                "toggl_sync.Toggl without session= for blocking code"
            )
        return self._session

    async def close(self) -> None:
        self._closed = True
        session, self._session = self._session, None
        if self._generation != process_generation():
            # Forked: the session's sockets and loop are the parent's. Leave them alone
            # (closing a TLS connection here would write into the parent's stream).
            return
        if session is not None and self._owned:
            await session.close()


@dataclass(frozen=True)
class Transport:
    """Sends one account's requests. ``with_options`` copies share the session and the
    account's pacing and quota state."""

    base_url: str
    authorization: Secret[str] = field(repr=False)
    label: str
    options: RequestOptions
    session: SessionHolder
    state: AccountState
    # Every request only reads, whatever its method: the Reports API's POSTs are searches
    # that change nothing on the service, so they are retried as a GET is.
    reads_only: bool = False
    # The request headers, built once, read-only: aiohttp copies them into each request,
    # and takes a multidict as it is where it would convert a dict every time. They are
    # read straight into aiohttp's call, never into a local variable of ours, so no frame
    # of the SDK shows the Authorization header (Sentry, --showlocals).
    _headers: CIMultiDictProxy[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_headers", _request_headers(self.authorization))

    @cached_property
    def _body_headers(self) -> CIMultiDictProxy[str]:
        """The headers of a request with a body, built by the first one: most of
        ``fan_out``'s accounts only read."""
        return _request_headers(self.authorization, _JSON)

    def with_options(self, options: RequestOptions) -> Transport:
        return replace(self, options=options)

    def for_account(
        self,
        authorization: Secret[str],
        label: str,
        session: aiohttp.ClientSession,
        account_state: AccountState,
    ) -> Transport:
        """These settings (already checked) for another account, sending through
        ``session``, with that account's pacing and quota state: what ``fan_out`` makes
        for each account, at a fraction of the cost of building a client."""
        account = object.__new__(Transport)
        # A copy of the fields as they are (dataclasses.replace would check and rebuild
        # them all, at several times the cost), with this account's own.
        state = vars(account)
        state.update(vars(self))
        state.pop("_body_headers", None)  # the template's, if it built them
        state.update(
            authorization=authorization, label=label, _headers=_request_headers(authorization),
            session=SessionHolder(session, self.session._connection, self.base_url),
            state=account_state,
        )
        return account

    @overload
    async def request(
        self,
        method: str,
        path: str,
        response_type: type[T],
        *,
        params: Mapping[str, str] | None = ...,
        body: bytes | Secret[bytes] | None = ...,
        sink: None = ...,
    ) -> T: ...
    @overload
    async def request(
        self,
        method: str,
        path: str,
        response_type: None,
        *,
        params: Mapping[str, str] | None = ...,
        body: bytes | Secret[bytes] | None = ...,
        sink: None = ...,
    ) -> None: ...
    @overload
    async def request(
        self,
        method: str,
        path: str,
        response_type: None,
        *,
        params: Mapping[str, str] | None = ...,
        body: bytes | Secret[bytes] | None = ...,
        sink: Sink,
    ) -> int: ...
    @overload
    async def request(
        self,
        method: str,
        path: str,
        response_type: type[T],
        *,
        params: Mapping[str, str] | None = ...,
        body: bytes | Secret[bytes] | None = ...,
        with_headers: Literal[True],
    ) -> tuple[T, CIMultiDictProxy[str]]: ...
    async def request(
        self,
        method: str,
        path: str,
        response_type: Any,
        *,
        params: Mapping[str, str] | None = None,
        body: bytes | Secret[bytes] | None = None,
        sink: Sink | None = None,
        with_headers: bool = False,
    ) -> Any:
        """Send ``method path`` and decode the answer into ``response_type`` (``None``: the
        body is not read as data). A body carrying a secret (a password) comes as a
        ``Secret``, so that no frame shows it.

        The whole call, waits included, ends by the options' ``timeout``. A read (GET) is
        retried on every transient failure; a write only when the service cannot have
        applied it (never connected, 429, the quota): a write whose answer was lost raises
        with ``may_have_been_applied=True`` instead of being sent again. Through a
        ``reads_only`` transport (the reports' searches) every request is retried as a read.

        With a ``sink``, a successful answer's body is streamed into it chunk by chunk and
        its size returned, whatever its size; the timeout then bounds each wait for data,
        not the whole download. Once a byte has reached the sink, a failure is raised, never
        retried, unless the sink can take back what it was given. ``with_headers=True``
        returns the answer's headers beside its value."""
        await pause_point()  # a blocking iterator filling its buffer stops here, unsent
        url = self.base_url + path
        if not params:
            params = None  # spares aiohttp merging an empty query into the URL
        options = self.options
        state = self.state
        scope = quota_scope(path)
        write = method not in READ_METHODS and not self.reads_only
        total = options.timeout.total
        # A download may take longer than any request: its limit is on each wait for data.
        deadline = None if total is None or sink is not None else time.monotonic() + total
        debug = logger.isEnabledFor(logging.DEBUG)
        quota_waited = False
        attempt = 0
        while True:
            error: TogglError
            server_wait = None
            retryable = False
            try:
                grant = await state.acquire(scope, deadline)
            except QuotaSpent as spent:
                # The service would refuse it: spare the account's quota and the wait.
                error = QuotaExceededError(
                    "the hourly request quota is spent (X-Toggl-Quota-Remaining: 0); the "
                    "request was not sent", resets_in=spent.resets_in, method=method, url=url,
                    attempts=attempt,
                )
            except SlotPastDeadline:
                raise _past_deadline(
                    "the rate limiter's next slot for this account", total, method, url, attempt,
                ) from None
            else:
                attempt += 1
                sent = time.monotonic()
                timeout = (
                    options.attempt_timeout(deadline) if sink is None
                    else _streaming_timeout(options)
                )
                if timeout is None:
                    raise _past_deadline("the next attempt", total, method, url, attempt - 1)
                started = time.perf_counter() if debug else 0.0
                try:
                    status, response_headers, data, answered = await self._send(
                        method, url, params, body, timeout, options.max_response_size, sink
                    )
                except _DestinationError as exc:
                    raise exc.__cause__ from None  # type: ignore[misc]
                except CAUGHT_TRANSPORT_ERRORS as exc:
                    failure = exc.failure if isinstance(exc, _SendFailed) else exc
                    error = connection_error(
                        failure, method=method, url=url, attempts=attempt, write=write
                    )
                    if sink is not None and sink.written and not sink.rewound():
                        raise sink.broken_off(error) from None
                    # A write is repeated only if it cannot have reached the service.
                    retryable = not (error.may_have_been_applied or is_protocol_error(failure))
                    if debug:
                        self._log_attempt(method, path, type(failure).__name__, attempt, started)
                else:
                    # How late it can have reached the service moves the next slots; the
                    # quota headers say what is left.
                    await state.answered(grant, sent, answered, response_headers, scope)
                    if debug:
                        self._log_attempt(method, path, status, attempt, started)
                    if data is None:
                        raise ResponseTooLargeError(
                            limit=options.max_response_size, status=status, method=method,
                            url=url, attempts=attempt,
                        )
                    if 200 <= status < 300:
                        if sink is not None:
                            return sink.written
                        value = _decode(data, response_type, method, url, status, attempt)
                        return (value, response_headers) if with_headers else value
                    error = error_from_response(
                        status, response_headers, data, method=method, url=url,
                        attempts=attempt, may_have_been_applied=write,
                    )
                    server_wait = retry_after(response_headers)
                    # A 429 was not applied; another 5xx may have been, after a write.
                    retryable = status == 429 or (status in RETRY_STATUSES and not write)
            if isinstance(error, QuotaExceededError):
                wait = None if quota_waited else _quota_wait(error, options.quota_wait)
                quota_waited = True
            else:
                wait = _retry_wait(retryable, server_wait, attempt, options.max_retries)
                if isinstance(error, RateLimitError):
                    # Too fast for the service: hold every request of this account, not
                    # only the one being retried.
                    await state.pause(
                        wait if wait is not None else min(server_wait or 0.0, RETRY_AFTER_CAP)
                    )
            if wait is not None and deadline is not None and time.monotonic() + wait >= deadline:
                wait = None  # a wait that would pass the deadline is not taken
            if wait is None:
                raise error
            logger.info(
                "retrying %s %s for %s in %.2f s: %s", method, path, self.label, wait, error
            )
            await asyncio.sleep(wait)

    async def _send(
        self,
        method: str,
        url: str,
        params: Mapping[str, str] | None,
        body: bytes | Secret[bytes] | None,
        timeout: aiohttp.ClientTimeout,
        max_size: int,
        sink: Sink | None = None,
    ) -> tuple[int, CIMultiDictProxy[str], bytes | None, float]:
        """Status, headers and body of the answer (None: larger than ``max_size``), and when
        its head arrived (monotonic clock; what the rate limiter's bookkeeping needs, the
        body's download excluded). A successful answer's body goes to ``sink`` when there
        is one, however large (``b""`` returned)."""
        # Redirects are not followed: the service does not send them, and following one
        # would carry the Authorization header to wherever it points.
        async with self.session.get().request(
            method, url, params=params,
            data=body.reveal() if isinstance(body, Secret) else body,
            headers=self._headers if body is None else self._body_headers,
            timeout=timeout, allow_redirects=False, middlewares=self.session.middlewares,
        ) as response:
            answered = time.monotonic()
            status = response.status
            if 200 <= status < 300:
                if sink is not None:
                    await sink.fill(response.content)
                    return status, response.headers, b"", answered
                return status, response.headers, await _read_body(response, max_size), answered
            # An error answer is read only as far as its message needs: a huge one is not
            # downloaded (again on each retry) to be thrown away.
            error_body = await _read_body(response, ERROR_BODY_LIMIT, cut=True)
            return status, response.headers, error_body, answered

    def _log_attempt(
        self, method: str, path: str, outcome: int | str, attempt: int, started: float
    ) -> None:
        logger.debug(
            "%s %s -> %s (%s, attempt %d, %.1f ms)", method, path, outcome, self.label,
            attempt, (time.perf_counter() - started) * 1000,
        )


class Sink:
    """Where a streamed answer's body goes (``write``, called chunk by chunk), and how
    many bytes have gone there. A sink that can take back what it was given (``rewind``,
    e.g. a buffer in memory) lets a download broken off part-way be retried."""

    __slots__ = ("_rewind", "_write", "written")

    def __init__(
        self, write: Callable[[bytes], object], *, rewind: Callable[[], object] | None = None
    ) -> None:
        self._write = write
        self._rewind = rewind
        self.written = 0

    def rewound(self) -> bool:
        """Take back everything written, if this sink can; whether it did."""
        if self._rewind is None:
            return False
        self._rewind()
        self.written = 0
        return True

    async def fill(self, content: aiohttp.StreamReader) -> None:
        async for chunk in content.iter_chunked(STREAM_CHUNK_SIZE):
            try:
                self._write(chunk)
            except Exception as exc:
                # The caller's own failure (a full disk is an OSError, like a reset
                # connection): raised as it is, neither mapped nor retried.
                raise _DestinationError from exc
            self.written += len(chunk)

    def broken_off(self, error: APIConnectionError) -> APIConnectionError:
        """The error for a download that failed part-way: retrying it would write the
        start of the body to the sink a second time."""
        return type(error)(
            f"{error.detail}; the download broke off after {self.written:,} bytes had been "
            "written, so it was not retried",
            method=error.method, url=error.url, attempts=error.attempts,
        )


class _DestinationError(Exception):
    """Carries an exception raised by a sink's ``write`` through the pipeline."""


def _streaming_timeout(options: RequestOptions) -> aiohttp.ClientTimeout:
    """A download's limits: connecting, and each wait for data (``read``, else ``total``)."""
    timeout = options.timeout
    return aiohttp.ClientTimeout(
        total=None, connect=timeout.connect,
        sock_read=timeout.read if timeout.read is not None else timeout.total,
    )


async def _read_body(
    response: aiohttp.ClientResponse, max_size: int, *, cut: bool = False
) -> bytes | None:
    """The body, decompressed, chunk by chunk (aiohttp inflates a compressed body a bounded
    piece at a time), so that memory stays bounded by ``max_size``. Past it: None, or with
    ``cut`` its first ``max_size`` bytes; the connection is then closed, not drained."""
    length = response.content_length
    if length is not None and length > max_size and not cut and not response.headers.get(
        "Content-Encoding"
    ):
        response.close()
        return None
    content = response.content
    chunks = []
    size = 0
    while chunk := await content.readany():
        size += len(chunk)
        if size > max_size:
            response.close()
            if not cut:
                return None
            chunks.append(chunk[: len(chunk) - (size - max_size)])
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _past_deadline(
    what: str, total: float | None, method: str, url: str, attempts: int
) -> APITimeoutError:
    return APITimeoutError(
        f"{what} would come after the call's timeout ({total:g} s); the call gave up",
        method=method, url=url, attempts=attempts,
    )


def _retry_wait(
    retryable: bool, server_wait: float | None, attempt: int, max_retries: int
) -> float | None:
    """Seconds to wait before the next attempt, or None to raise now."""
    if not retryable or attempt > max_retries:
        return None
    if server_wait is not None:
        # A wait longer than the cap is the server saying "not soon": raise rather than hang.
        return server_wait if server_wait <= RETRY_AFTER_CAP else None
    # Full jitter: spreads the retries of many clients failing at once.
    return random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1)))


def _quota_wait(error: QuotaExceededError, quota_wait: float | None) -> float | None:
    """Wait for the hourly quota to reset (then retry once), if the caller opted in and the
    reset is near enough."""
    if quota_wait is None or error.resets_in is None or error.resets_in > quota_wait:
        return None
    return error.resets_in


@cache
def decoder_for(response_type: Any) -> Any:
    """One decoder per response type, built on first use: msgspec's, or the model's own
    when it needs more (``Preferences``); asking the type leaves the models unimported."""
    own_decoder = getattr(response_type, "_json_decoder", None)
    return own_decoder() if own_decoder is not None else msgspec.json.Decoder(response_type)


_JSON = ("Content-Type", "application/json")


def _request_headers(authorization: Secret[str], *extra: tuple[str, str]) -> CIMultiDictProxy[str]:
    """The headers of a request (``extra``: those of one with a body). The Authorization
    value is revealed inside the expression only, never into a local variable."""
    return CIMultiDictProxy(CIMultiDict(
        [("Authorization", authorization.reveal()), ("Accept", "application/json"), *extra]
    ))


def _decode(
    data: bytes, response_type: Any, method: str, url: str, status: int, attempts: int
) -> Any:
    if response_type is None:
        return None
    decoder = decoder_for(response_type)
    # Paused only if on: a caller who turned the collector off keeps it off.
    pause_gc = len(data) >= GC_PAUSE_BYTES and gc.isenabled()
    try:
        if pause_gc:
            gc.disable()
        # An empty body reads as null: None where the endpoint allows it, an error elsewhere.
        return decoder.decode(data if data.strip() else b"null")
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        detail, path = _decode_problem(exc, data, response_type)
    except RecursionError:
        # msgspec's answer to JSON nested deeper than it will follow.
        detail, path = "body is JSON nested too deeply to decode", None
    finally:
        if pause_gc:
            gc.enable()
    raise DecodeError(
        detail, method=method, url=url, status=status, path=path, attempts=attempts
    )


def _decode_problem(
    exc: msgspec.ValidationError | msgspec.DecodeError, data: bytes, response_type: Any
) -> tuple[str, str | None]:
    expected = getattr(response_type, "__name__", None) or str(response_type)
    if not data.strip():
        return f"empty body where {expected} was expected", None
    if isinstance(exc, msgspec.ValidationError):
        message, _, at = str(exc).partition(" - at `")
        path = at.rstrip("`") or "$"
        return f"unexpected value at {path} decoding {expected}: {message}", path
    kind = "an HTML page" if data.lstrip()[:1] == b"<" else "not valid JSON"
    return f"body is {kind} where {expected} was expected ({exc})", None
