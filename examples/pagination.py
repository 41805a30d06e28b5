"""Walking long lists lazily: ``me.iter_projects`` and ``me.iter_tasks`` fetch the next
page only when the loop reaches it, and nothing more once the loop stops.

Run it with your API token (Profile settings -> API Token on track.toggl.com)::

    TOGGL_API_TOKEN=... python examples/pagination.py

Without a token it runs against ``FakeToggl``, an embedded fake of the service with
made-up data. It only reads.
"""

import asyncio
import logging
import os
import sys

from toggl_async import AsyncToggl
from toggl_async.testing import FakeToggl


async def walk(toggl: AsyncToggl) -> None:
    print("Projects, 50 a page, stopping at the 120th:")
    seen = 0
    async for project in toggl.me.iter_projects(per_page=50):
        seen += 1
        if seen % 50 == 1:  # the first project of each page, right after its request
            print(f"  #{seen}: {project.name}")
        if seen == 120:
            break  # the pages after this one are never requested
    print(f"  read {seen} projects")

    print("Tasks, 40 a page, all of them:")
    tasks = [task async for task in toggl.me.iter_tasks(per_page=40)]
    print(f"  read {len(tasks)} tasks")


async def main() -> None:
    # The SDK logs each request at DEBUG level: here it shows when each page is fetched.
    logging.basicConfig(stream=sys.stdout, format="    [request] %(message)s")
    logging.getLogger("toggl_async").setLevel(logging.DEBUG)

    if os.environ.get("TOGGL_API_TOKEN"):
        async with AsyncToggl() as toggl:
            await walk(toggl)
    else:
        print("TOGGL_API_TOKEN is not set: running against the embedded fake Toggl service.")
        # The fake does not throttle, so the client's pacing (1 request/s) can go.
        async with FakeToggl() as fake, AsyncToggl(
            fake.token, base_url=fake.url, rate_limit=None
        ) as toggl:
            await walk(toggl)


if __name__ == "__main__":
    asyncio.run(main())
