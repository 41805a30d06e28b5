"""A minimal loopback stand-in for the Toggl API, serving fixed bodies.

    python -m benchmarks.server [--latency MS] [--rate PER_SECOND]

prints its port on the first line of stdout, then serves until killed. It answers only
what the benchmarks read (GET /api/v9/me, /me/preferences, /me/workspaces,
/me/projects, /me/tags, /me/clients, /me/tasks), every body encoded once at start-up
except /me, which names the account so that a mix-up between accounts shows.
/me/preferences/web answers the preferences with two keys misspelt.

Accounts are told apart by the user name of the Basic ``Authorization`` header.

``--latency MS`` delays every answer. ``--rate N`` limits each account to N requests a
second with a leaky bucket that forgives arrivals up to ``SLACK`` seconds early; a
request over the limit is answered 429 with a ``Retry-After`` header (whole seconds).
``--connect-delay MS`` holds the first request of every new connection that long before
it counts as arrived, as a TLS handshake would.

Control paths (never counted nor limited):
  GET  /__stats   {"requests", "throttled", "per_account", "throttled_per_account",
                   "peak_in_flight", "connections"}
  POST /__reset   zero the counters and the buckets; with a JSON body such as
                  {"latency_ms": 20, "rate": 1, "connect_ms": 0}, change the settings too.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
import contextlib
import math
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from . import payloads

SLACK = 0.075
"""How early (seconds) a request may arrive before the bucket has room for it."""

API = "/api/v9"


@dataclass
class Settings:
    latency_ms: float = 0.0
    rate: float = 0.0  # 0: no limit
    connect_ms: float = 0.0  # extra delay before the first request of a connection


@dataclass
class Counters:
    requests: int = 0
    throttled: int = 0
    in_flight: int = 0
    peak_in_flight: int = 0
    per_account: dict[str, int] = field(default_factory=dict)
    throttled_per_account: dict[str, int] = field(default_factory=dict)
    peers: set[Any] = field(default_factory=set)

    def snapshot(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "throttled": self.throttled,
            "per_account": self.per_account,
            "throttled_per_account": self.throttled_per_account,
            "peak_in_flight": self.peak_in_flight,
            "connections": len(self.peers),
        }


class Bodies:
    """Every answer, as bytes."""

    def __init__(self) -> None:
        gen = payloads.Generator()
        self.large_me = payloads.encode(gen.me(**payloads.LARGE_ME_COUNTS))
        self.preferences = payloads.encode(gen.preferences())
        self.misspelt_preferences = payloads.encode(gen.preferences(misspelt=True))
        self.lists = {name: payloads.encode(items) for name, items in gen.lists().items()}
        self.paginated_projects = payloads.paginated_projects()
        self._gen = gen
        self._me: dict[str, bytes] = {}

    def me(self, account: str) -> bytes:
        body = self._me.get(account)
        if body is None:
            body = self._me[account] = payloads.encode(
                self._gen.user(fullname=f"User {account}", user_id=_user_id(account))
            )
        return body


def _user_id(account: str) -> int:
    """A stable id per account name (not hash(): that changes between processes)."""
    return 1_000_000 + binascii.crc32(account.encode()) % 9_000_000


def make_app(settings: Settings | None = None) -> web.Application:
    settings = settings or Settings()
    counters = Counters()
    bodies = Bodies()
    # Per account: when the bucket next has room (monotonic seconds).
    next_free: dict[str, float] = {}

    def answer(body: bytes) -> web.Response:
        return web.Response(body=body, content_type="application/json")

    @web.middleware
    async def gate(request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/__"):
            return await handler(request)
        counters.requests += 1
        account = _account(request.headers.get("Authorization", ""))
        if account is None:
            return web.Response(status=403, text="Incorrect username and/or password")
        request["account"] = account
        counters.per_account[account] = counters.per_account.get(account, 0) + 1
        peer = request.transport.get_extra_info("peername") if request.transport else None
        if peer not in counters.peers:
            counters.peers.add(peer)
            if settings.connect_ms:
                # A new connection: stands for a TLS handshake, which makes the first
                # request of a connection reach the service later than it was sent.
                await asyncio.sleep(settings.connect_ms / 1000)
        if settings.rate:
            now = time.monotonic()
            free_at = next_free.get(account, now)
            if free_at - now > SLACK:
                counters.throttled += 1
                per = counters.throttled_per_account
                per[account] = per.get(account, 0) + 1
                wait = max(1, math.ceil(free_at - now))
                return web.Response(
                    status=429, text="Too Many Requests", headers={"Retry-After": str(wait)}
                )
            next_free[account] = max(free_at, now) + 1.0 / settings.rate
        counters.in_flight += 1
        counters.peak_in_flight = max(counters.peak_in_flight, counters.in_flight)
        try:
            if settings.latency_ms:
                await asyncio.sleep(settings.latency_ms / 1000)
            return await handler(request)
        finally:
            counters.in_flight -= 1

    async def me(request: web.Request) -> web.Response:
        if request.query.get("with_related_data") == "true":
            return answer(bodies.large_me)
        return answer(bodies.me(request["account"]))

    async def preferences(request: web.Request) -> web.Response:
        return answer(bodies.preferences)

    async def misspelt_preferences(request: web.Request) -> web.Response:
        return answer(bodies.misspelt_preferences)

    async def projects_page(request: web.Request) -> web.Response:
        """GET /me/projects/paginated: ``per_page`` projects from ``start_project_id`` on."""
        projects = bodies.paginated_projects
        first = int(request.query.get("start_project_id", payloads.FIRST_PROJECT_ID))
        start = max(0, first - payloads.FIRST_PROJECT_ID)
        size = int(request.query.get("per_page", payloads.PROJECTS_PAGE_SIZE))
        return answer(b"[" + b",".join(projects[start:start + size]) + b"]")

    def fixed(name: str) -> Any:
        body = bodies.lists[name]

        async def handler(request: web.Request) -> web.Response:
            return answer(body)

        return handler

    async def stats(request: web.Request) -> web.Response:
        return web.json_response(counters.snapshot())

    async def reset(request: web.Request) -> web.Response:
        nonlocal counters
        if request.can_read_body:
            changes = await request.json()
            settings.latency_ms = float(changes.get("latency_ms", settings.latency_ms))
            settings.rate = float(changes.get("rate", settings.rate))
            settings.connect_ms = float(changes.get("connect_ms", settings.connect_ms))
        counters = Counters()
        next_free.clear()
        return web.json_response({"latency_ms": settings.latency_ms, "rate": settings.rate,
                                  "connect_ms": settings.connect_ms})

    app = web.Application(middlewares=[gate])
    app.router.add_get(API + "/me", me)
    app.router.add_get(API + "/me/preferences", preferences)
    # The same, with two keys misspelt; reached through the SDK as a "client" name.
    app.router.add_get(API + "/me/preferences/web", misspelt_preferences)
    app.router.add_get(API + "/me/projects/paginated", projects_page)
    for name in bodies.lists:
        app.router.add_get(f"{API}/me/{name}", fixed(name))
    app.router.add_get("/__stats", stats)
    app.router.add_post("/__reset", reset)
    return app


def _account(authorization: str) -> str | None:
    if not authorization.startswith("Basic "):
        return None
    try:
        user, _, secret = base64.b64decode(authorization[6:]).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return user if user and secret else None


async def serve(settings: Settings, port: int = 0) -> None:
    runner = web.AppRunner(make_app(settings), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, backlog=4096)
    await site.start()
    server = site._server
    assert server is not None
    sockets = getattr(server, "sockets", None) or ()
    print(sockets[0].getsockname()[1], flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.server", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, metavar="MS")
    parser.add_argument("--rate", type=float, default=0.0, metavar="PER_SECOND")
    parser.add_argument("--connect-delay", type=float, default=0.0, metavar="MS")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(Settings(args.latency, args.rate, args.connect_delay), args.port))


if __name__ == "__main__":
    main()

