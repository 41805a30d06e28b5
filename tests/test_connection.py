"""Reaching the service the way corporate networks need: through a CONNECT proxy (given, or
from HTTPS_PROXY/NO_PROXY), over TLS with a private CA, with extra headers; all against
servers on loopback made here."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from toggl_async import APIConnectionError, AsyncToggl, InvalidValueError, fan_out
from toggl_sync import Toggl

trustme = pytest.importorskip("trustme")

ME = {"id": 1, "email": "me@example.com", "fullname": "Ada", "timezone": "UTC",
      "default_workspace_id": 2, "beginning_of_week": 1}


@dataclass
class TLSService:
    url: str
    ca_file: Path
    user_agents: list[str] = field(default_factory=list)


@dataclass
class ConnectProxy:
    url: str
    tunnels: list[str] = field(default_factory=list)


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[TLSService]:
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost").configure_cert(server_context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    seen: list[str] = []

    async def me(request: web.Request) -> web.Response:
        seen.append(request.headers["User-Agent"])
        return web.json_response(ME)

    app = web.Application()
    app.router.add_get("/api/v9/me", me)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "localhost", 0, ssl_context=server_context)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield TLSService(f"https://localhost:{port}/api/v9", ca_file, seen)
    await runner.cleanup()


@pytest.fixture
async def proxy() -> AsyncIterator[ConnectProxy]:
    """An HTTP proxy that only tunnels (CONNECT), as corporate proxies do for https."""
    tunnels: list[str] = []

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        method, target, _ = head.split(b"\r\n", 1)[0].decode().split(" ", 2)
        if method != "CONNECT":
            writer.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            writer.close()
            return
        tunnels.append(target)
        host, port = target.rsplit(":", 1)
        up_reader, up_writer = await asyncio.open_connection(host, int(port))
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await writer.drain()
        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer),
                             return_exceptions=True)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield ConnectProxy(f"http://127.0.0.1:{port}", tunnels)
    server.close()


async def test_a_private_ca_bundle_verifies_the_service(service: TLSService) -> None:
    async with AsyncToggl("token", base_url=service.url, ssl=service.ca_file,
                          trust_env=False) as toggl:
        assert (await toggl.me.get()).id == 1


async def test_certificates_are_verified_without_the_ca(service: TLSService) -> None:
    async with AsyncToggl("token", base_url=service.url, max_retries=0,
                          trust_env=False) as toggl:
        with pytest.raises(APIConnectionError):
            await toggl.me.get()
    unverified = ssl.create_default_context()
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    with pytest.raises(InvalidValueError, match="must verify"):
        AsyncToggl("token", ssl=unverified)


async def test_requests_tunnel_through_a_given_proxy(
    service: TLSService, proxy: ConnectProxy
) -> None:
    async with AsyncToggl("token", base_url=service.url, ssl=str(service.ca_file),
                          proxy=proxy.url, headers={"User-Agent": "my-app/2.0"}) as toggl:
        assert (await toggl.me.get()).fullname == "Ada"

    assert proxy.tunnels == [service.url.split("/")[2]]
    assert service.user_agents[0].startswith("toggl-async/")
    assert service.user_agents[0].endswith(" my-app/2.0")


async def test_the_proxy_variables_are_honoured_like_requests_and_httpx(
    service: TLSService, proxy: ConnectProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    results = await fan_out(["t1", "t2"], lambda toggl: toggl.me.get(), base_url=service.url,
                            ssl=service.ca_file)
    assert [r.ok for r in results] == [True, True] and len(proxy.tunnels) >= 1

    before = len(proxy.tunnels)
    async with AsyncToggl("token", base_url=service.url, ssl=service.ca_file,
                          trust_env=False) as toggl:
        await toggl.me.get()
    assert len(proxy.tunnels) == before

    monkeypatch.setenv("NO_PROXY", "localhost")
    async with AsyncToggl("token", base_url=service.url, ssl=service.ca_file) as toggl:
        await toggl.me.get()
    assert len(proxy.tunnels) == before


def test_the_base_url_comes_from_toggl_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOGGL_BASE_URL", "http://localhost:9/api/v9/")

    assert AsyncToggl("token").base_url == "http://localhost:9/api/v9"
    assert AsyncToggl("token", base_url="https://example.com/v9").base_url == (
        "https://example.com/v9"
    )


@pytest.mark.parametrize(
    ("options", "words"),
    [({"proxy": "socks5://h:1"}, "http"), ({"headers": {"Authorization": "x"}}, "must not"),
     ({"ssl": "/nonexistent/ca.pem"}, "cannot load")],
)
def test_bad_connection_options_are_refused(options: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        AsyncToggl("token", **options)  # type: ignore[arg-type]


async def test_the_blocking_client_takes_the_same_options(
    service: TLSService, proxy: ConnectProxy
) -> None:
    def blocking() -> int:
        with Toggl("token", base_url=service.url, ssl=service.ca_file, proxy=proxy.url) as toggl:
            return toggl.me.get().id

    # In a thread: this test's event loop keeps serving the proxy and the service meanwhile.
    assert await asyncio.to_thread(blocking) == 1
    assert len(proxy.tunnels) == 1
