"""Per-request cost on loopback: sequential small GETs through each client.

The floor is a hand-written aiohttp + msgspec loop (one session, Authorization set once,
``msgspec.json.decode`` of the body). ``AsyncToggl`` (``rate_limit=None``) runs on the
same event loop as the floor; ``toggl_sync.Toggl`` on its own loop thread, driven from
this thread. Each round times a batch of requests per contender, contenders in a rotating
order; a ratio is the median over rounds of the two batches' quotient.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import aiohttp
import msgspec

from ._harness import (
    Row,
    basic_auth,
    interleave,
    median,
    optional,
    paired_ratio,
    ratio_row,
    server,
    skipped,
    us,
)

TOKEN = "bench-sequential"
ME_TARGET = 1.15
SYNC_TARGET = 1.5


def run(quick: bool = False) -> list[Row]:
    # Short batches, many rounds: each pair of batches compared ran close in time.
    batch, rounds = (60, 9) if quick else (100, 25)
    with server() as srv:
        return _measure(srv.base_url, batch, rounds)


def _measure(base_url: str, batch: int, rounds: int) -> list[Row]:
    import toggl_sync
    from toggl_async import AsyncToggl

    loop = asyncio.new_event_loop()
    raw_session = loop.run_until_complete(_open_raw(base_url))
    sdk = AsyncToggl(TOKEN, base_url=base_url, rate_limit=None)
    sync = toggl_sync.Toggl(TOKEN, base_url=base_url, rate_limit=None)
    extra, closers = _optional_clients(base_url)
    try:
        def on_loop(make: Callable[[], Any]) -> Callable[[], float]:
            def timed() -> float:
                start = time.perf_counter()
                loop.run_until_complete(make())
                return (time.perf_counter() - start) / batch
            return timed

        def blocking(call: Callable[[], Any]) -> Callable[[], float]:
            def timed() -> float:
                start = time.perf_counter()
                for _ in range(batch):
                    call()
                return (time.perf_counter() - start) / batch
            return timed

        me_url, prefs_url = base_url + "/me", base_url + "/me/preferences"
        misspelt_url = prefs_url + "/web"  # the same with two keys misspelt

        async def raw_me() -> None:
            for _ in range(batch):
                async with raw_session.get(me_url) as response:
                    msgspec.json.decode(await response.read())

        async def raw_prefs() -> None:
            for _ in range(batch):
                async with raw_session.get(prefs_url) as response:
                    msgspec.json.decode(await response.read())

        async def raw_misspelt() -> None:
            for _ in range(batch):
                async with raw_session.get(misspelt_url) as response:
                    msgspec.json.decode(await response.read())

        async def sdk_me() -> None:
            for _ in range(batch):
                await sdk.me.get()

        async def sdk_prefs() -> None:
            for _ in range(batch):
                await sdk.preferences.get()

        async def sdk_misspelt() -> None:
            for _ in range(batch):
                await sdk.preferences.get("web")

        contenders: dict[str, Callable[[], float]] = {
            "raw": on_loop(raw_me),
            "async": on_loop(sdk_me),
            "sync": blocking(sync.me.get),
            "raw_prefs": on_loop(raw_prefs),
            "async_prefs": on_loop(sdk_prefs),
            "raw_misspelt": on_loop(raw_misspelt),
            "async_misspelt": on_loop(sdk_misspelt),
        }
        for name, client in extra.items():
            contenders[name] = blocking(client)
        for timed in contenders.values():  # warm up: connections, decoders, caches
            timed()
        s = interleave(contenders, rounds)
    finally:
        sync.close()
        loop.run_until_complete(sdk.aclose())
        loop.run_until_complete(raw_session.close())
        loop.close()
        for close in closers:
            close()

    raw = s["raw"]
    floor = f"raw aiohttp+msgspec {us(median(raw))}/req"
    rows = [
        ratio_row("requests", "GET /me: AsyncToggl / raw aiohttp", paired_ratio(s["async"], raw),
                  at_most=ME_TARGET, detail=f"AsyncToggl {us(median(s['async']))}/req, {floor}"),
        ratio_row("requests", "GET /me: toggl_sync.Toggl / raw aiohttp",
                  paired_ratio(s["sync"], raw), at_most=SYNC_TARGET,
                  detail=f"Toggl {us(median(s['sync']))}/req, {floor}"),
        ratio_row("requests", "GET /me/preferences: AsyncToggl / raw aiohttp",
                  paired_ratio(s["async_prefs"], s["raw_prefs"]), at_most=ME_TARGET,
                  detail=f"AsyncToggl {us(median(s['async_prefs']))}/req, raw "
                         f"{us(median(s['raw_prefs']))}/req (documented camelCase and "
                         "undocumented keys)"),
        ratio_row("requests", "GET /me/preferences, 2 keys misspelt: AsyncToggl / raw",
                  paired_ratio(s["async_misspelt"], s["raw_misspelt"]),
                  detail=f"AsyncToggl {us(median(s['async_misspelt']))}/req, raw "
                         f"{us(median(s['raw_misspelt']))}/req (keys renamed before "
                         "validation; reference only)"),
    ]
    if "toggl_python" in s:
        tp = s["toggl_python"]
        rows += [
            ratio_row("requests", "GET /me: toggl-python / AsyncToggl",
                      paired_ratio(tp, s["async"]), at_least=1.0,
                      detail=f"toggl-python {us(median(tp))}/req"),
            ratio_row("requests", "GET /me: toggl-python / toggl_sync.Toggl",
                      paired_ratio(tp, s["sync"]), at_least=1.0),
        ]
    else:
        why = optional("toggl_python") or "toggl-python could not be used"
        rows.append(skipped("requests", "GET /me: toggl-python / AsyncToggl, Toggl", why,
                            ">= 1.00x"))
    if "httpx" in s:
        rows.append(ratio_row("requests", "GET /me: raw httpx / raw aiohttp (reference)",
                              paired_ratio(s["httpx"], raw),
                              detail=f"raw httpx {us(median(s['httpx']))}/req"))
    else:
        rows.append(skipped("requests", "GET /me: raw httpx (reference)",
                            optional("httpx") or "httpx could not be used"))
    return rows


async def _open_raw(base_url: str) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(headers={"Authorization": basic_auth(TOKEN)})


def _optional_clients(
    base_url: str,
) -> tuple[dict[str, Callable[[], Any]], list[Callable[[], Any]]]:
    """toggl-python (httpx + pydantic) and raw httpx, when installed, and how to close
    them. toggl-python is used as it comes (its httpx client asks for HTTP/2, which falls
    back to HTTP/1.1 on a plain-http URL)."""
    clients: dict[str, Callable[[], Any]] = {}
    closers: list[Callable[[], Any]] = []
    if optional("httpx") is None:
        import httpx

        client = httpx.Client(headers={"Authorization": basic_auth(TOKEN)})
        closers.append(client.close)
        url = base_url + "/me"

        def httpx_me() -> Any:
            return msgspec.json.decode(client.get(url).content)

        clients["httpx"] = httpx_me
    if optional("toggl_python") is None:
        try:
            from toggl_python import CurrentUser, TokenAuth

            user = CurrentUser(auth=TokenAuth(token=TOKEN), base_url=base_url)
            closers.append(user.client.close)
            user.me()
            clients["toggl_python"] = user.me
        except Exception:  # reported as skipped by the caller
            pass
    return clients, closers
