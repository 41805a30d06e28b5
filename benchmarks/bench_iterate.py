"""Blocking iteration: ``toggl_sync``'s ``iter_projects`` against a loop over
``projects_page``, both walking the same 10,000 projects of GET /me/projects/paginated
(201 a page, the service's default) through one ``toggl_sync.Toggl``.

The page loop is the floor: one blocking call per page, then a plain loop over the list.
The iterator must cost no more than ``TARGET`` times as much, however its items are handed
from the client's loop thread to the caller's. The same two on ``AsyncToggl`` are a
reference.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from . import payloads
from ._harness import Row, interleave, median, ms, paired_ratio, ratio_row, server

TOKEN = "bench-iterate"
TARGET = 1.2
PAGE = payloads.PROJECTS_PAGE_SIZE


def run(quick: bool = False) -> list[Row]:
    import toggl_sync
    from toggl_async import AsyncToggl

    rounds = 3 if quick else 9
    with server() as srv, toggl_sync.Toggl(TOKEN, base_url=srv.base_url,
                                           rate_limit=None) as sync:
        loop = asyncio.new_event_loop()
        client = AsyncToggl(TOKEN, base_url=srv.base_url, rate_limit=None)
        try:
            def blocking(walk: Callable[[], Iterator[Any]]) -> Callable[[], float]:
                return _timed(lambda: sum(1 for _ in walk()))

            def awaited(walk: Callable[[], AsyncIterator[Any]]) -> Callable[[], float]:
                async def count() -> int:
                    return sum([1 async for _ in walk()])
                return _timed(lambda: loop.run_until_complete(count()))

            samples = interleave({
                "sync_pages": blocking(lambda: _pages(sync.me.projects_page)),
                "sync_iter": blocking(sync.me.iter_projects),
                "async_pages": awaited(lambda: _async_pages(client.me.projects_page)),
                "async_iter": awaited(client.me.iter_projects),
            }, rounds)
        finally:
            loop.run_until_complete(client.aclose())
            loop.close()
    n = payloads.PAGINATED_PROJECTS
    per_item = {name: median(times) / n for name, times in samples.items()}
    return [
        ratio_row(
            "iterate", f"{n:,} projects: toggl_sync iter_projects / projects_page loop",
            paired_ratio(samples["sync_iter"], samples["sync_pages"]), at_most=TARGET,
            detail=f"iter_projects {ms(median(samples['sync_iter']))} "
                   f"({per_item['sync_iter'] * 1e6:.1f} us an item), page loop "
                   f"{ms(median(samples['sync_pages']))}; {n // PAGE + 1} pages of {PAGE}"),
        ratio_row(
            "iterate", f"{n:,} projects: AsyncToggl iter_projects / projects_page loop "
                       "(reference)",
            paired_ratio(samples["async_iter"], samples["async_pages"]),
            detail=f"iter_projects {ms(median(samples['async_iter']))}, page loop "
                   f"{ms(median(samples['async_pages']))}"),
    ]


def _timed(walk: Callable[[], int]) -> Callable[[], float]:
    def timed() -> float:
        import time

        start = time.perf_counter()
        count = walk()
        seconds = time.perf_counter() - start
        if count != payloads.PAGINATED_PROJECTS:
            raise RuntimeError(f"walked {count} projects, not {payloads.PAGINATED_PROJECTS}")
        return seconds
    return timed


def _pages(projects_page: Callable[..., list[Any]]) -> Iterator[Any]:
    """Every project, a blocking call per page, as a user would write it."""
    start = None
    while True:
        page = projects_page(start_project_id=start)
        yield from page
        if len(page) < PAGE:
            return
        start = page[-1].id + 1


async def _async_pages(projects_page: Callable[..., Any]) -> AsyncIterator[Any]:
    start = None
    while True:
        page = await projects_page(start_project_id=start)
        for project in page:
            yield project
        if len(page) < PAGE:
            return
        start = page[-1].id + 1
