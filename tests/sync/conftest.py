"""A small real aiohttp server on loopback, on a thread of its own, for the blocking facade."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from aiohttp import web
from aiohttp.typedefs import Handler
from anyio.from_thread import start_blocking_portal

from toggl_sync import Toggl

PROJECT_COUNT = 5
TASK_COUNT = 5
SLOW_PATH = "/api/v9/me/location"  # answers after a long pause: for cancel and close
ME = {"id": 1, "email": "me@example.com", "fullname": "Test User", "timezone": "UTC",
      "default_workspace_id": 10, "beginning_of_week": 1}


class Server:
    """What the server saw: requests per path, and the slow request's fate."""

    def __init__(self) -> None:
        self.base_url = ""
        self.hits: Counter[str] = Counter()
        self.slow_started = threading.Event()
        self.slow_cancelled = threading.Event()

    def reset(self) -> None:
        self.hits.clear()
        self.slow_started.clear()
        self.slow_cancelled.clear()

    def app(self) -> web.Application:
        @web.middleware
        async def count(request: web.Request, handler: Handler) -> web.StreamResponse:
            self.hits[request.path] += 1
            return await handler(request)

        app = web.Application(middlewares=[count])
        app.router.add_get("/api/v9/me", self._me)
        app.router.add_get("/api/v9/me/logged", self._logged)
        app.router.add_get("/api/v9/me/projects/paginated", self._projects)
        app.router.add_get("/api/v9/me/tasks", self._tasks)
        app.router.add_get(SLOW_PATH, self._slow)
        return app

    async def _me(self, request: web.Request) -> web.Response:
        return web.json_response(ME)

    async def _logged(self, request: web.Request) -> web.Response:
        return web.Response()

    async def _projects(self, request: web.Request) -> web.Response:
        start = int(request.query.get("start_project_id", 1))
        per_page = int(request.query.get("per_page", 201))
        ids = range(start, min(start + per_page, PROJECT_COUNT + 1))
        return web.json_response([{"id": i, "name": f"project {i}"} for i in ids])

    async def _tasks(self, request: web.Request) -> web.Response:
        offset = int(request.query.get("offset", 0))
        per_page = int(request.query.get("per_page", TASK_COUNT))
        ids = range(offset + 1, min(offset + per_page, TASK_COUNT) + 1)
        return web.json_response([{"id": i, "name": f"task {i}"} for i in ids])

    async def _slow(self, request: web.Request) -> web.Response:
        self.slow_started.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:  # the client closed the connection
            self.slow_cancelled.set()
            raise
        return web.json_response(None)


@pytest.fixture(scope="session")
def server_instance() -> Iterator[Server]:
    server = Server()

    async def start() -> web.AppRunner:
        # handler_cancellation: a handler learns that its client went away.
        runner = web.AppRunner(server.app(), handler_cancellation=True, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        server.base_url = f"http://127.0.0.1:{port}/api/v9"
        return runner

    with start_blocking_portal() as portal:
        runner = portal.call(start)
        yield server
        portal.call(runner.cleanup)


@pytest.fixture
def server(server_instance: Server) -> Server:
    server_instance.reset()
    return server_instance


@pytest.fixture
def toggl(server: Server) -> Iterator[Toggl]:
    with Toggl("test-token", base_url=server.base_url, rate_limit=None, max_retries=0) as client:
        yield client
