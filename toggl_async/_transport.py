"""The one request pipeline every endpoint goes through.

    build the request -> pace it (per-account rate limit) -> send it and read the body
    -> retry? (connection errors, timeouts, 429, 5xx; Retry-After; the quota's reset)
    -> map an error answer to a TogglError -> decode the body into the endpoint's type
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import random
import ssl as _ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Any, TypeVar, overload
from urllib.parse import urlsplit

import aiohttp
import msgspec
from multidict import CIMultiDict, CIMultiDictProxy

from . import _params
from ._constants import (
    BACKOFF_BASE,
    BACKOFF_CAP,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_CONNECTION_LIMIT,
    RETRY_AFTER_CAP,
    RETRY_STATUSES,
)
from ._errors import (
    CAUGHT_TRANSPORT_ERRORS,
    APIStatusError,
    ClientClosedError,
    DecodeError,
    InvalidTypeError,
    InvalidValueError,
    QuotaExceededError,
    RateLimitError,
    TogglError,
    connection_error,
    error_from_response,
    retry_after,
)
from ._limits import Quota, RateLimiter
from ._stepping import pause_point
from ._version import __version__
from .models import Preferences
from .models.preferences import PreferencesDecoder

T = TypeVar("T")

logger = logging.getLogger("toggl_async")

USER_AGENT = f"toggl-async/{__version__} (+aiohttp/{aiohttp.__version__})"
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Bodies from this size on are decoded with the garbage collector paused: the thousands of
# lists a large body decodes into (tags, ids) would trigger collections that walk the
# whole heap, costing more than the decoding itself on a large heap.
GC_PAUSE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Timeout:
    """Seconds allowed for a whole request (``total``) and for connecting (``connect``)."""

    total: float | None
    connect: float | None = DEFAULT_CONNECT_TIMEOUT


@dataclass(frozen=True)
class RequestOptions:
    """What may differ per call (``AsyncToggl.with_options``)."""

    timeout: Timeout
    max_retries: int
    quota_wait: float | None
    client_timeout: aiohttp.ClientTimeout = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        client_timeout = aiohttp.ClientTimeout(
            total=self.timeout.total, connect=self.timeout.connect
        )
        object.__setattr__(self, "client_timeout", client_timeout)


def request_options(
    timeout: float | Timeout | None, max_retries: int, quota_wait: float | None
) -> RequestOptions:
    """Checked per-request settings."""
    if not isinstance(timeout, Timeout):
        timeout = Timeout(total=None if timeout is None else _params.number(timeout, "timeout"))
    for name, seconds in (("timeout", timeout.total), ("connect timeout", timeout.connect)):
        if seconds is not None and not seconds > 0:
            raise InvalidValueError(f"{name} must be positive seconds or None, got {seconds}")
    _params.count(max_retries, "max_retries")
    if quota_wait is not None and _params.number(quota_wait, "quota_wait") < 0:
        raise InvalidValueError(
            f"quota_wait must be None or non-negative seconds, got {quota_wait!r}"
        )
    return RequestOptions(timeout, max_retries, quota_wait)


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


class SessionHolder:
    """The client's aiohttp session: created on first use, inside the running event loop,
    and closed by us only if we created it."""

    __slots__ = ("_base_url", "_closed", "_connection", "_loop", "_owned", "_session")

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
        # The loop the session belongs to: a caller's session was made on theirs.
        self._loop: asyncio.AbstractEventLoop | None = getattr(session, "_loop", None)

    def get(self) -> aiohttp.ClientSession:
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
        if session is not None and self._owned:
            await session.close()


@dataclass(frozen=True)
class Transport:
    """Sends one account's requests. ``with_options`` copies share the session, the rate
    limiter and the quota state."""

    base_url: str
    authorization: str = field(repr=False)
    label: str
    options: RequestOptions
    session: SessionHolder
    limiter: RateLimiter | None
    quota: Quota

    # The request headers, built once, read-only: aiohttp copies them into each request,
    # and takes a multidict as it is where it would convert a dict every time.
    _headers: CIMultiDictProxy[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_headers", _request_headers(self.authorization))

    @cached_property
    def _body_headers(self) -> CIMultiDictProxy[str]:
        """The headers of a request with a body: built by the first one."""
        headers = CIMultiDict(self._headers)
        headers["Content-Type"] = "application/json"
        return CIMultiDictProxy(headers)

    def with_options(self, options: RequestOptions) -> Transport:
        return replace(self, options=options)

    def for_account(
        self, authorization: str, label: str, session: aiohttp.ClientSession
    ) -> Transport:
        """These settings (already checked) for another account, sending through
        ``session``, with a rate limiter and quota state of its own: what ``fan_out``
        makes for each account, at a fraction of the cost of building a client."""
        limiter = self.limiter
        account = object.__new__(Transport)
        # A copy of the fields as they are (dataclasses.replace would check and rebuild
        # them all, at several times the cost), with this account's own.
        state = vars(account)
        state.update(vars(self))
        state.pop("_body_headers", None)
        state.update(
            authorization=authorization, _headers=_request_headers(authorization), label=label,
            session=SessionHolder(session, self.session._connection, self.base_url),
            limiter=None if limiter is None else RateLimiter(limiter.rate), quota=Quota(),
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
        body: bytes | None = ...,
    ) -> T: ...
    @overload
    async def request(
        self,
        method: str,
        path: str,
        response_type: None,
        *,
        params: Mapping[str, str] | None = ...,
        body: bytes | None = ...,
    ) -> None: ...
    async def request(
        self,
        method: str,
        path: str,
        response_type: Any,
        *,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
    ) -> Any:
        """Send ``method path`` and decode the answer into ``response_type`` (``None``: the
        body is not read as data). Every endpoint of this API is safe to repeat, so each
        may be retried."""
        await pause_point()  # a blocking iterator filling its buffer stops here, unsent
        url = self.base_url + path
        headers = self._headers if body is None else self._body_headers
        if not params:
            params = None  # spares aiohttp merging an empty query into the URL
        options = self.options
        limiter = self.limiter
        debug = logger.isEnabledFor(logging.DEBUG)
        quota_waited = False
        attempt = 0
        while True:
            attempt += 1
            if limiter is not None:
                allowed = await limiter.acquire()
                sent = time.monotonic()
            started = time.perf_counter() if debug else 0.0
            try:
                status, response_headers, data, answered = await self._send(
                    method, url, params, body, headers, options.client_timeout
                )
            except CAUGHT_TRANSPORT_ERRORS as exc:
                error: TogglError = connection_error(
                    exc, method=method, url=url, attempts=attempt
                )
                server_wait = None
                if debug:
                    self._log_attempt(method, path, type(exc).__name__, attempt, started)
            else:
                if limiter is not None:
                    # How late it can have reached the service moves the next slots.
                    limiter.answered(allowed, sent, answered)
                self.quota.update(response_headers)
                if debug:
                    self._log_attempt(method, path, status, attempt, started)
                if status < 300:
                    return _decode(data, response_type, method, url, status, attempt)
                error = error_from_response(
                    status, response_headers, data, method=method, url=url, attempts=attempt
                )
                server_wait = retry_after(response_headers)
            if isinstance(error, QuotaExceededError):
                wait = None if quota_waited else _quota_wait(error, options.quota_wait)
                quota_waited = True
            else:
                wait = _retry_wait(error, server_wait, attempt, options.max_retries)
                if isinstance(error, RateLimitError) and limiter is not None:
                    # Too fast for the service: hold every request of this account, not
                    # only the one being retried.
                    limiter.pause(
                        wait if wait is not None else min(server_wait or 0.0, RETRY_AFTER_CAP)
                    )
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
        body: bytes | None,
        headers: CIMultiDictProxy[str],
        timeout: aiohttp.ClientTimeout,
    ) -> tuple[int, CIMultiDictProxy[str], bytes, float]:
        """Status, headers and body of the answer, and when its head arrived (monotonic
        clock; what the rate limiter's bookkeeping needs, the body's download excluded)."""
        # Redirects are not followed: the service does not send them, and following one
        # would carry the Authorization header to wherever it points.
        async with self.session.get().request(
            method, url, params=params, data=body, headers=headers, timeout=timeout,
            allow_redirects=False,
        ) as response:
            answered = time.monotonic()
            return response.status, response.headers, await response.read(), answered

    def _log_attempt(
        self, method: str, path: str, outcome: int | str, attempt: int, started: float
    ) -> None:
        logger.debug(
            "%s %s -> %s (%s, attempt %d, %.1f ms)", method, path, outcome, self.label,
            attempt, (time.perf_counter() - started) * 1000,
        )


def _request_headers(authorization: str) -> CIMultiDictProxy[str]:
    return CIMultiDictProxy(
        CIMultiDict({"Authorization": authorization, "Accept": "application/json"})
    )


def _retry_wait(
    error: TogglError, server_wait: float | None, attempt: int, max_retries: int
) -> float | None:
    """Seconds to wait before the next attempt, or None to raise ``error`` now."""
    if attempt > max_retries:
        return None
    if isinstance(error, APIStatusError) and error.status not in RETRY_STATUSES:
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
    """One decoder per response type, built on first use."""
    if response_type is Preferences:
        return PreferencesDecoder()
    return msgspec.json.Decoder(response_type)


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
