"""The fake service's aiohttp application: auth, limits, faults and recording around endpoints.

Every request goes through one catch-all handler, in this order: latency, scripted
injection (delay, drop, canned answer), routing (404/405 need no credentials), Basic auth,
hourly quota (402), rate limit (429), random faults (drop, 5xx), then the endpoint.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import random
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from aiohttp import hdrs, web

from ._data import Clock, FakeAccount, build_accounts
from ._endpoints import ApiError, Call, World, json_bytes, json_response
from ._routing import API_PATH, resolve, split_path
from ._traffic import (
    HourlyQuota,
    Injection,
    InjectionQueue,
    LeakyBucket,
    RecordedRequest,
    TrafficStats,
)

BASE_PATH = API_PATH
_BAD_CREDENTIALS = "Incorrect username and/or password"


@dataclass(frozen=True)
class FakeOptions:
    """Behaviour knobs of a fake service (see FakeToggl for their meaning)."""

    accounts: int = 3
    latency: float = 0.0
    rate_limit: float | None = None
    rate_limit_html: bool = False
    quota: int | None = None
    quota_window: float = 3600.0
    fail_rate: float = 0.0
    drop_rate: float = 0.0
    seed: int = 0

    def __post_init__(self) -> None:
        if self.accounts < 1:
            raise ValueError("accounts must be at least 1")
        if self.latency < 0:
            raise ValueError("latency must not be negative")
        if self.rate_limit is not None and self.rate_limit <= 0:
            raise ValueError("rate_limit must be positive (or None for no limit)")
        if self.quota is not None and self.quota < 0:
            raise ValueError("quota must not be negative")
        if self.quota_window <= 0:
            raise ValueError("quota_window must be positive")
        if not (0.0 <= self.fail_rate <= 1.0 and 0.0 <= self.drop_rate <= 1.0):
            raise ValueError("fail_rate and drop_rate must lie between 0 and 1")
        if self.fail_rate + self.drop_rate > 1.0:
            raise ValueError("fail_rate + drop_rate must not exceed 1")


class _Dropped(Exception):
    """Raised to close the connection without answering."""


def _nginx_page(status: int) -> bytes:
    title = f"{status} {HTTPStatus(status).phrase}"
    return (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n"
        "</body>\r\n</html>\r\n"
    ).encode()


def _raw_response(status: int, body: bytes, content_type: str) -> web.Response:
    return web.Response(status=status, body=body, headers={hdrs.CONTENT_TYPE: content_type})


# What the random failures look like: the API's own 500, and a proxy's 502 and 503.
_SERVER_ERRORS: dict[int, tuple[bytes, str]] = {
    500: (json_bytes("Internal Server Error"), "application/json; charset=utf-8"),
    502: (_nginx_page(502), "text/html"),
    503: (b"Service Unavailable", "text/plain; charset=utf-8"),
}


def _parse_json(body: bytes) -> Any:
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None


def _injected_response(injection: Injection) -> web.Response:
    status = injection.status or 200
    body = injection.body
    if body is None:
        try:
            body = json_bytes(HTTPStatus(status).phrase)
        except ValueError:  # a status code the stdlib has no name for
            body = json_bytes("Error")
    return _raw_response(status, body, injection.content_type)


async def _send_truncated(request: web.Request, response: web.Response) -> web.StreamResponse:
    """Send ``response``'s status and headers, then half its body, then hang up."""
    body = response.body if isinstance(response.body, bytes) else b""
    stream = web.StreamResponse(status=response.status, headers=response.headers)
    # An empty body cannot be cut short, so promise one byte and send none.
    stream.content_length = max(len(body), 1)
    await stream.prepare(request)
    await stream.write(body[: len(body) // 2])
    if request.transport is not None:
        request.transport.close()
    return stream


class FakeService:
    """All state of one fake: accounts, traffic records, pending injections and limits."""

    def __init__(self, options: FakeOptions) -> None:
        self.options = options
        self.world = World(build_accounts(options.accounts, options.seed), Clock())
        self.stats = TrafficStats()
        self.injections = InjectionQueue()
        self.url: str | None = None  # set once a server listens
        # Separate streams, so that request ids do not shift the fault pattern.
        self._fault_rng = random.Random(options.seed)
        self._request_id_rng = random.Random(f"request-ids-{options.seed}")
        self._by_token = {account.token: account for account in self.world.accounts}
        self._limiter = LeakyBucket(options.rate_limit) if options.rate_limit else None
        self._quota = (
            HourlyQuota(options.quota, options.quota_window) if options.quota is not None else None
        )

    @property
    def accounts(self) -> list[FakeAccount]:
        return self.world.accounts

    def make_app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        return app

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        located = split_path(request.path)
        record = RecordedRequest(
            method=request.method,
            path=request.path if located is None else located[1],
            query=dict(request.query),
            body=body,
            json=_parse_json(body),
        )
        peer = request.transport.get_extra_info("peername") if request.transport else None
        self.stats.begin(record, peer[1] if isinstance(peer, tuple) else None)
        try:
            return await self._answer(request, record, located)
        except _Dropped:
            if request.transport is not None:
                request.transport.close()
            return web.Response()  # never sent: the connection is gone
        finally:
            self.stats.end()

    async def _answer(
        self, request: web.Request, record: RecordedRequest, located: tuple[str, str] | None
    ) -> web.StreamResponse:
        if self.options.latency:
            await asyncio.sleep(self.options.latency)
        injection = self.injections.take(record.method, record.path)
        if injection is not None:
            await asyncio.sleep(injection.delay)
            if injection.drop:
                raise _Dropped
        account = self._identify(request.headers.get(hdrs.AUTHORIZATION))
        if account is not None:
            record.token, record.email = account.token, account.email
        if injection is not None and injection.replaces_answer:
            response = _injected_response(injection)
        else:
            response = self._respond(request, record, located, account)
        response.headers["X-Toggl-Request-Id"] = f"{self._request_id_rng.getrandbits(128):032x}"
        if account is not None and self._quota is not None:
            response.headers.update(self._quota.headers(account.token, time.monotonic()))
        if injection is not None:
            response.headers.update(injection.headers)
        record.status = response.status
        if injection is not None and injection.truncate:
            return await _send_truncated(request, response)
        return response

    def _respond(
        self,
        request: web.Request,
        record: RecordedRequest,
        located: tuple[str, str] | None,
        account: FakeAccount | None,
    ) -> web.Response:
        try:
            endpoint, params = resolve(record.method, located)
            if account is None:
                raise self._auth_error(request.headers.get(hdrs.AUTHORIZATION))
            refusal = self._admit(account)
            if refusal is not None:
                return refusal
            failure = self._roll_fault()
            if failure is not None:
                return failure
            return endpoint(Call(account, self.world, request.query, params, record.json))
        except ApiError as error:
            return error.response()

    def _identify(self, authorization: str | None) -> FakeAccount | None:
        """The account named by HTTP Basic credentials (token:api_token or email:password)."""
        scheme, _, encoded = (authorization or "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
        user, _, password = decoded.partition(":")
        if password == "api_token":
            return self._by_token.get(user)
        return next(
            (
                account
                for account in self.accounts
                if account.email.lower() == user.lower() and account.password == password
            ),
            None,
        )

    @staticmethod
    def _auth_error(authorization: str | None) -> ApiError:
        if authorization is None:
            return ApiError(401, None, {"X-Authorization-Missing": "true"})
        return ApiError(403, _BAD_CREDENTIALS)

    def _admit(self, account: FakeAccount) -> web.Response | None:
        """A 402 or 429 refusal, or None after charging the request to the account."""
        now = time.monotonic()
        if self._quota is not None and self._quota.exhausted(account.token, now):
            resets_in = self._quota.headers(account.token, now)["X-Toggl-Quota-Resets-In"]
            return json_response(
                "You have hit your hourly limit for API calls. "
                f"Your quota will reset in {resets_in} seconds.",
                402,
            )
        if self._limiter is not None:
            wait = self._limiter.admit(account.token, now)
            if wait is not None:
                response = (
                    _raw_response(429, _nginx_page(429), "text/html")
                    if self.options.rate_limit_html
                    else _raw_response(429, b"Too Many Requests", "text/plain; charset=utf-8")
                )
                response.headers["Retry-After"] = str(wait)
                return response
        if self._quota is not None:
            self._quota.consume(account.token, now)
        return None

    def _roll_fault(self) -> web.Response | None:
        roll = self._fault_rng.random()
        if roll < self.options.drop_rate:
            raise _Dropped
        if roll < self.options.drop_rate + self.options.fail_rate:
            status = self._fault_rng.choice(sorted(_SERVER_ERRORS))
            return _raw_response(status, *_SERVER_ERRORS[status])
        return None
