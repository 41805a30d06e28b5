"""Every exception the SDK raises, and the table that maps transport failures into them.

    TogglError
    ├── InvalidArgumentError        refused before sending: a bad argument
    │   ├── InvalidTypeError            also a TypeError
    │   └── InvalidValueError           also a ValueError
    ├── ClientClosedError           the client was used after aclose()
    ├── APIConnectionError          no usable answer: refused, reset, dropped mid-body, not HTTP
    │   └── APITimeoutError         no answer in time (the call's whole ``timeout``)
    ├── DecodeError                 an answer that is not what the endpoint returns
    ├── ResponseTooLargeError       an answer larger than ``max_response_size``
    └── APIStatusError              any status but 2xx (status, message, request_id, ...)
        ├── BadRequestError             400
        ├── AuthenticationError         401 (Toggl answers a wrong token with 403, below)
        │   └── PermissionDeniedError   403
        ├── PaymentRequiredError        402 (a premium feature)
        │   └── QuotaExceededError      402 (the hourly request quota; resets_in)
        ├── NotFoundError               404
        ├── ConflictError               409
        ├── RateLimitError              429 (retry_after)
        └── ServerError                 5xx

Every error about a request has ``may_have_been_applied``: True only for a write (POST, PUT,
PATCH, DELETE) whose answer was lost (dropped after it was sent, timed out, 5xx), so that
the service may or may not have applied it; the SDK never sends such a write again.

No message, repr, pickle or ``__cause__`` carries the API token, password or Authorization
header, and no message carries control characters from the server.
"""

from __future__ import annotations

import asyncio
import http
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar

import aiohttp
import msgspec

from ._constants import QUOTA_REMAINING_HEADER, QUOTA_RESETS_IN_HEADER, REQUEST_ID_HEADER


class TogglError(Exception):
    """Root of every error raised by the SDK."""

    def __reduce__(self) -> tuple[Any, ...]:
        # The default rebuilds an exception as cls(*args), which keyword-only constructors
        # refuse: rebuild it from its fields instead, so errors cross process boundaries
        # (ProcessPoolExecutor, Celery). Cause, context and traceback are never pickled.
        return _rebuild, (type(self), self.args, self.__dict__)


def _rebuild(cls: type[TogglError], args: tuple[Any, ...], fields: dict[str, Any]) -> TogglError:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(fields)
    return error


class InvalidArgumentError(TogglError):
    """An argument the SDK refused before sending anything; the message names it."""


class InvalidTypeError(InvalidArgumentError, TypeError):
    """An argument of the wrong type: ``except TypeError`` catches it too."""


class InvalidValueError(InvalidArgumentError, ValueError):
    """An argument with a wrong value: ``except ValueError`` catches it too."""


class ClientClosedError(TogglError, RuntimeError):
    """The client was used after it was closed."""


class _RequestError(TogglError):
    """An error about one request: says which endpoint and after how many attempts."""

    def __init__(
        self,
        detail: str,
        *,
        method: str,
        url: str,
        attempts: int = 1,
        may_have_been_applied: bool = False,
    ) -> None:
        self.detail = printable(detail)
        self.method = method
        self.url = url
        self.attempts = attempts
        self.may_have_been_applied = may_have_been_applied
        super().__init__(self.detail)

    def __str__(self) -> str:
        tries = f", after {self.attempts} attempts" if self.attempts > 1 else ""
        unknown = (
            "; the outcome is unknown: the service may have applied it, so it was not sent "
            "again (check before repeating it)" if self.may_have_been_applied else ""
        )
        return f"{self.detail} ({self.method} {self.url}{tries}){unknown}"


class APIConnectionError(_RequestError):
    """The request got no usable answer: connection refused, reset or dropped mid-body, or
    an answer that is not valid HTTP."""


class APITimeoutError(APIConnectionError):
    """No answer within the call's ``timeout``, which covers the whole call: waiting for
    the rate limiter, every attempt and every wait between them."""


class ResponseTooLargeError(_RequestError):
    """The answer's body (after decompression) is larger than ``limit`` bytes, the client's
    ``max_response_size``. It was not read further, and the request is not retried."""

    def __init__(
        self, *, limit: int, status: int, method: str, url: str, attempts: int = 1
    ) -> None:
        self.limit = limit
        self.status = status
        super().__init__(
            f"the answer (HTTP {status}) is larger than max_response_size={limit} bytes",
            method=method, url=url, attempts=attempts,
        )


class DecodeError(_RequestError):
    """The answer did not decode into what the endpoint returns.

    ``path`` is the offending location in the body (``$.projects[3].rate``) when known.
    """

    def __init__(
        self,
        detail: str,
        *,
        method: str,
        url: str,
        status: int,
        path: str | None = None,
        attempts: int = 1,
    ) -> None:
        self.status = status
        self.path = path
        super().__init__(detail, method=method, url=url, attempts=attempts)


class APIStatusError(_RequestError):
    """The service answered with an HTTP error status.

    ``message`` is the server's own text (a JSON string body is unquoted), ``request_id``
    the ``X-Toggl-Request-Id`` header when present.
    """

    status_code: ClassVar[int | None] = None

    def __init__(
        self,
        message: str,
        *,
        status: int,
        method: str,
        url: str,
        request_id: str | None = None,
        attempts: int = 1,
        may_have_been_applied: bool = False,
    ) -> None:
        self.status = status
        self.message = printable(message)
        self.request_id = None if request_id is None else printable(request_id)
        detail = f"HTTP {status}: {self.message}" if message else f"HTTP {status}"
        if request_id:
            detail += f" [request id {self.request_id}]"
        super().__init__(
            detail, method=method, url=url, attempts=attempts,
            may_have_been_applied=may_have_been_applied,
        )


class BadRequestError(APIStatusError):
    status_code = 400


class AuthenticationError(APIStatusError):
    """Missing or rejected credentials (401), or no access to the resource (403, a subclass)."""

    status_code = 401


class PermissionDeniedError(AuthenticationError):
    """403: Toggl's answer both to a wrong token and to a resource the user may not see."""

    status_code = 403


class PaymentRequiredError(APIStatusError):
    """402 about a feature the workspace's plan does not include."""

    status_code = 402


class QuotaExceededError(PaymentRequiredError):
    """402 because the account spent its hourly request quota.

    ``resets_in`` is how many seconds until the quota resets, when the service said so.
    """

    def __init__(
        self,
        message: str,
        *,
        resets_in: float | None,
        status: int = 402,
        method: str,
        url: str,
        request_id: str | None = None,
        attempts: int = 1,
    ) -> None:
        self.resets_in = resets_in
        super().__init__(
            message, status=status, method=method, url=url, request_id=request_id,
            attempts=attempts,
        )
        if resets_in is not None:
            self.detail += f"; the quota resets in {resets_in:g} s"


class NotFoundError(APIStatusError):
    status_code = 404


class ConflictError(APIStatusError):
    status_code = 409


class RateLimitError(APIStatusError):
    """429: too many requests per second. ``retry_after`` is the server's wait, if given."""

    status_code = 429

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None,
        status: int = 429,
        method: str,
        url: str,
        request_id: str | None = None,
        attempts: int = 1,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(
            message, status=status, method=method, url=url, request_id=request_id,
            attempts=attempts,
        )
        if retry_after is not None:
            self.detail += f"; retry after {retry_after:g} s"


class ServerError(APIStatusError):
    """5xx: the service failed. After a write, ``may_have_been_applied`` is True: it may
    have failed after applying it."""


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    cls.status_code: cls
    for cls in (
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        PaymentRequiredError,
        NotFoundError,
        ConflictError,
        RateLimitError,
    )
    if cls.status_code is not None
}


def error_from_response(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    method: str,
    url: str,
    attempts: int,
    may_have_been_applied: bool = False,
) -> APIStatusError:
    """The error for an HTTP error answer, carrying the server's own message.
    ``may_have_been_applied`` is kept only where the answer leaves the outcome open (5xx)."""
    message = message_from_body(body) or _default_message(status, headers)
    request_id = headers.get(REQUEST_ID_HEADER)
    if status == 402 and _is_quota_exhausted(message, headers):
        resets_in = header_seconds(headers.get(QUOTA_RESETS_IN_HEADER))
        return QuotaExceededError(
            message,
            resets_in=resets_in if resets_in is not None else retry_after(headers),
            method=method, url=url, request_id=request_id, attempts=attempts,
        )
    if status == 429:
        return RateLimitError(
            message, retry_after=retry_after(headers),
            method=method, url=url, request_id=request_id, attempts=attempts,
        )
    if 500 <= status <= 599:
        return ServerError(
            message, status=status, method=method, url=url, request_id=request_id,
            attempts=attempts, may_have_been_applied=may_have_been_applied,
        )
    cls = STATUS_ERRORS.get(status, APIStatusError)
    return cls(
        message, status=status, method=method, url=url, request_id=request_id, attempts=attempts
    )


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The ``Retry-After`` header in seconds: a number, or an HTTP date."""
    value = headers.get("Retry-After")
    if value is None:
        return None
    seconds = header_seconds(value)
    if seconds is not None:
        return seconds
    try:
        when = parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - datetime.now(timezone.utc)).total_seconds()
    except (TypeError, ValueError, OverflowError, IndexError):  # garbled, or no such date
        return None
    return min(MAX_HEADER_SECONDS, max(0.0, seconds))


_QUOTA_WORDS = re.compile(r"quota|hourly limit|requests per hour|api (call|request)s? limit", re.I)
_HTML_TITLE = re.compile(r"<(title|h1)[^>]*>(.*?)</\1>", re.I | re.S)
_HTML_TAG = re.compile(r"<[^>]+>")
# C0 and C1 controls and the bidirectional overrides: a server's text must not drive the
# terminal or the log viewer that shows an error.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MAX_MESSAGE = 300


def printable(text: str) -> str:
    """``text`` with control characters shown as U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", text)


def message_from_body(body: bytes) -> str:
    """The server's text from an error body: a JSON string unquoted, a JSON object's
    ``message``/``error``, an HTML page's title, or plain text, shortened."""
    text = body.decode("utf-8", "replace").strip()
    if text[:1] in ('"', "{"):
        try:
            decoded = msgspec.json.decode(text)
        except (msgspec.DecodeError, RecursionError):
            pass
        else:
            if isinstance(decoded, str):
                text = decoded
            elif isinstance(decoded, dict):
                found = next((decoded[k] for k in ("message", "error", "error_message")
                              if isinstance(decoded.get(k), str)), None)
                text = found if found is not None else text
    elif text[:1] == "<":
        import html  # only for error pages: kept out of `import toggl_async`

        title = _HTML_TITLE.search(text)
        text = html.unescape(title.group(2) if title else _HTML_TAG.sub(" ", text))
    return _shortened(printable(" ".join(text.split())))


def _shortened(text: str) -> str:
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "\u2026"


def _default_message(status: int, headers: Mapping[str, str]) -> str:
    if status == 401 and headers.get("X-Authorization-Missing", "").lower() == "true":
        return "credentials missing from the request"
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _is_quota_exhausted(message: str, headers: Mapping[str, str]) -> bool:
    """A quota 402 says so in its body, or reports no requests left; any other 402 is about
    a premium feature."""
    remaining = header_seconds(headers.get(QUOTA_REMAINING_HEADER))
    return remaining == 0 or bool(_QUOTA_WORDS.search(message))


# Header numbers are capped: a server's 1e300 must not overflow a date or a sleep.
MAX_HEADER_SECONDS = 366 * 24 * 3600.0


def header_seconds(value: str | None) -> float | None:
    """A header's non-negative number, at most a year's seconds, or None when absent or
    garbled."""
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return min(number, MAX_HEADER_SECONDS) if number >= 0 else None  # NaN compares False


# Transport failures, most specific first. aiohttp's timeouts subclass both TimeoutError and
# OSError (through ClientConnectionError), so the timeout rows must come before the others.
# The last column says whether the request can have reached the service: a write is sent
# again only when it cannot.
TRANSPORT_ERRORS: tuple[tuple[type[BaseException], type[APIConnectionError], str, bool], ...] = (
    (aiohttp.ConnectionTimeoutError, APITimeoutError, "timed out connecting", False),
    (asyncio.TimeoutError, APITimeoutError, "request timed out", True),
    (aiohttp.ClientConnectorError, APIConnectionError, "cannot connect", False),
    (aiohttp.ClientPayloadError, APIConnectionError, "connection dropped while reading the body",
     True),
    (aiohttp.ServerDisconnectedError, APIConnectionError, "server closed the connection", True),
    (aiohttp.ClientResponseError, APIConnectionError, "invalid HTTP answer", True),
    (aiohttp.ClientError, APIConnectionError, "connection failed", True),
    (OSError, APIConnectionError, "connection failed", True),
)
CAUGHT_TRANSPORT_ERRORS: tuple[type[BaseException], ...] = tuple(
    row[0] for row in TRANSPORT_ERRORS
)


def connection_error(
    exc: BaseException, *, method: str, url: str, attempts: int, write: bool
) -> APIConnectionError:
    """Wrap a transport exception; a ``write`` that can have reached the service may have
    been applied. Its ``__cause__`` is kept only when it carries no request details: aiohttp's
    response errors hold the request headers, Authorization included."""
    wrapper, what, reached = next(
        (wrapper, what, reached)
        for caught, wrapper, what, reached in TRANSPORT_ERRORS
        if isinstance(exc, caught)
    )
    carries_request = hasattr(exc, "request_info")
    reason = getattr(exc, "message", "") if carries_request else str(exc)
    reason = _shortened(printable(" ".join(str(reason).split())))
    detail = f"{what}: {reason}" if reason and reason != what else what
    error = wrapper(
        detail, method=method, url=url, attempts=attempts, may_have_been_applied=write and reached
    )
    if not carries_request:
        # Kept for its type and message, not its frames: aiohttp's hold the request
        # headers in their local variables, which error trackers record.
        error.__cause__ = exc.with_traceback(None)
    return error


def is_protocol_error(exc: BaseException) -> bool:
    """An answer that is not valid HTTP (a bad status line, a header too long, a bad
    Content-Length): the same server will send it again, so a retry cannot help."""
    return isinstance(exc, aiohttp.ClientResponseError)
