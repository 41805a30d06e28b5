"""Every exception the SDK raises, and the table that maps transport failures into them.

    TogglError
    ├── InvalidArgumentError        refused before sending: a bad argument
    │   ├── InvalidTypeError            also a TypeError
    │   └── InvalidValueError           also a ValueError
    ├── ClientClosedError           the client was used after aclose()
    ├── APIConnectionError          no usable answer: refused, reset, dropped mid-body
    │   └── APITimeoutError         no answer in time
    ├── DecodeError                 an answer that is not what the endpoint returns
    └── APIStatusError              HTTP status >= 400 (status, message, request_id, ...)
        ├── BadRequestError             400
        ├── AuthenticationError         401 (Toggl answers a wrong token with 403, below)
        │   └── PermissionDeniedError   403
        ├── PaymentRequiredError        402 (a premium feature)
        │   └── QuotaExceededError      402 (the hourly request quota; resets_in)
        ├── NotFoundError               404
        ├── ConflictError               409
        ├── RateLimitError              429 (retry_after)
        └── ServerError                 5xx

No message, repr or ``__cause__`` carries the API token, password or Authorization header.
"""

from __future__ import annotations

import asyncio
import http
import math
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import ClassVar

import aiohttp
import msgspec

from ._constants import QUOTA_REMAINING_HEADER, QUOTA_RESETS_IN_HEADER, REQUEST_ID_HEADER


class TogglError(Exception):
    """Root of every error raised by the SDK."""


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

    def __init__(self, detail: str, *, method: str, url: str, attempts: int = 1) -> None:
        self.detail = detail
        self.method = method
        self.url = url
        self.attempts = attempts
        super().__init__(detail)

    def __str__(self) -> str:
        tries = f", after {self.attempts} attempts" if self.attempts > 1 else ""
        return f"{self.detail} ({self.method} {self.url}{tries})"


class APIConnectionError(_RequestError):
    """The request got no usable answer: connection refused, reset or dropped mid-body."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


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
    ) -> None:
        self.status = status
        self.message = message
        self.request_id = request_id
        detail = f"HTTP {status}: {message}" if message else f"HTTP {status}"
        if request_id:
            detail += f" [request id {request_id}]"
        super().__init__(detail, method=method, url=url, attempts=attempts)


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
    """5xx: the service failed."""


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
    status: int, headers: Mapping[str, str], body: bytes, *, method: str, url: str, attempts: int
) -> APIStatusError:
    """The error for an HTTP error answer, carrying the server's own message."""
    message = message_from_body(body) or _default_message(status, headers)
    request_id = headers.get(REQUEST_ID_HEADER)
    if status == 402 and _is_quota_exhausted(message, headers):
        resets_in = header_number(headers.get(QUOTA_RESETS_IN_HEADER))
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
    cls = ServerError if status >= 500 else STATUS_ERRORS.get(status, APIStatusError)
    return cls(
        message, status=status, method=method, url=url, request_id=request_id, attempts=attempts
    )


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The ``Retry-After`` header in seconds: a number, or an HTTP date."""
    value = headers.get("Retry-After")
    if value is None:
        return None
    seconds = header_number(value)
    if seconds is not None:
        return seconds
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


_QUOTA_WORDS = re.compile(r"quota|hourly limit|requests per hour|api (call|request)s? limit", re.I)
_HTML_TITLE = re.compile(r"<(title|h1)[^>]*>(.*?)</\1>", re.I | re.S)
_HTML_TAG = re.compile(r"<[^>]+>")
_MAX_MESSAGE = 300


def message_from_body(body: bytes) -> str:
    """The server's text from an error body: a JSON string unquoted, a JSON object's
    ``message``/``error``, an HTML page's title, or plain text, shortened."""
    text = body.decode("utf-8", "replace").strip()
    if text[:1] in ('"', "{"):
        try:
            decoded = msgspec.json.decode(text)
        except msgspec.DecodeError:
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
    text = " ".join(text.split())
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
    remaining = header_number(headers.get(QUOTA_REMAINING_HEADER))
    return remaining == 0 or bool(_QUOTA_WORDS.search(message))


def header_number(value: str | None) -> float | None:
    """A header's non-negative number, or None when absent or garbled."""
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


# Transport failures, most specific first. aiohttp's timeouts subclass both TimeoutError and
# OSError (through ClientConnectionError), so the timeout row must come before the others.
TRANSPORT_ERRORS: tuple[tuple[type[BaseException], type[APIConnectionError], str], ...] = (
    (asyncio.TimeoutError, APITimeoutError, "request timed out"),
    (aiohttp.ClientPayloadError, APIConnectionError, "connection dropped while reading the body"),
    (aiohttp.ServerDisconnectedError, APIConnectionError, "server closed the connection"),
    (aiohttp.ClientConnectorError, APIConnectionError, "cannot connect"),
    (aiohttp.ClientError, APIConnectionError, "connection failed"),
    (OSError, APIConnectionError, "connection failed"),
)
CAUGHT_TRANSPORT_ERRORS: tuple[type[BaseException], ...] = tuple(
    row[0] for row in TRANSPORT_ERRORS
)


def connection_error(
    exc: BaseException, *, method: str, url: str, attempts: int
) -> APIConnectionError:
    """Wrap a transport exception. Its ``__cause__`` is kept only when it carries no request
    details: aiohttp's response errors hold the request headers, Authorization included."""
    wrapper, what = next(
        (wrapper, what) for caught, wrapper, what in TRANSPORT_ERRORS if isinstance(exc, caught)
    )
    reason = str(exc) if not hasattr(exc, "request_info") else type(exc).__name__
    detail = f"{what}: {reason}" if reason and reason != what else what
    error = wrapper(detail, method=method, url=url, attempts=attempts)
    if not hasattr(exc, "request_info"):
        error.__cause__ = exc
    return error
