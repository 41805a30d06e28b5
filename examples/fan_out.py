"""Many accounts at once with ``toggl_async.fan_out``: one call per account, a bounded
number at a time, every account with its own client (its own pacing and quota) over one
shared connection pool. One account failing does not stop the others.

Run it with your API token (Profile settings -> API Token on track.toggl.com)::

    TOGGL_API_TOKEN=... python examples/fan_out.py

Without a token it runs against ``FakeToggl``, an embedded fake of the service with five
made-up accounts. Either way one made-up token joins in, to show a failure staying in its
own result. It only reads.
"""

import asyncio
import os
from dataclasses import dataclass
from typing import Any

from toggl_async import AsyncToggl, fan_out
from toggl_async.testing import FakeToggl

# A token no account has: the service refuses it (403), and only this account fails.
UNKNOWN_TOKEN = "0" * 32


@dataclass
class Summary:
    workspaces: int
    projects: int

    def __str__(self) -> str:
        return f"{self.workspaces} workspaces, {self.projects} projects"


async def summarize(toggl: AsyncToggl) -> Summary:
    """What we want of each account; fan_out calls it with that account's client."""
    workspaces, projects = await asyncio.gather(toggl.me.workspaces(), toggl.me.projects())
    return Summary(workspaces=len(workspaces), projects=len(projects))


async def report(tokens: list[str], **client_options: Any) -> None:
    # client_options (base_url, timeout, rate_limit, ...) apply to every account's client.
    results = await fan_out(tokens, summarize, concurrency=10, **client_options)
    for result in results:  # in the order of `tokens`
        # `account` is a label safe to print: the email, or a fingerprint of the token.
        if result.ok:
            print(f"{result.account:<16} {result.value}")
        else:
            print(f"{result.account:<16} failed: {type(result.error).__name__}")
    answered = sum(result.ok for result in results)
    print(f"{answered} of {len(results)} accounts answered")


async def main() -> None:
    token = os.environ.get("TOGGL_API_TOKEN")
    if token:
        await report([token, UNKNOWN_TOKEN])
    else:
        print("TOGGL_API_TOKEN is not set: running against the embedded fake Toggl service.")
        async with FakeToggl(accounts=5) as fake:
            # The fake does not throttle, so the clients' pacing (1 request/s) can go.
            await report([*fake.tokens, UNKNOWN_TOKEN], base_url=fake.url, rate_limit=None)


if __name__ == "__main__":
    asyncio.run(main())
