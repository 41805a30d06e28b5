"""Quickstart with the asyncio client, ``toggl_async.AsyncToggl``.

Run it with your API token (Profile settings -> API Token on track.toggl.com)::

    TOGGL_API_TOKEN=... python examples/async_quickstart.py

Without a token it runs against ``FakeToggl``, an embedded fake of the service with
made-up data. It only reads.
"""

import asyncio
import os

from toggl_async import APIStatusError, AsyncToggl
from toggl_async.testing import FakeToggl


async def show_account(toggl: AsyncToggl) -> None:
    # Every endpoint is a method of a resource: toggl.me, toggl.preferences, toggl.workspaces.
    me = await toggl.me.get()
    print(f"Signed in as {me.fullname} <{me.email}>, time zone {me.timezone}")

    # Independent requests can run concurrently; the client paces them for the service.
    workspaces, projects = await asyncio.gather(toggl.me.workspaces(), toggl.me.projects())
    print(f"{len(workspaces)} workspaces:")
    for workspace in workspaces:
        # Models are typed msgspec Structs; a field the service left out is None.
        print(f"  {workspace.id}  {workspace.name} (role: {workspace.role})")

    active = [project for project in projects if project.active]
    print(f"{len(projects)} projects, {len(active)} active; the first few:")
    for project in active[:5]:
        print(f"  {project.id}  {project.name}")

    # Every error of the SDK is a TogglError; an error answer of the service is an
    # APIStatusError (NotFoundError, PermissionDeniedError, ...) with its status and message.
    try:
        await toggl.workspaces.get_preferences(1)
    except APIStatusError as error:
        print(f"Workspace 1 is not ours, as expected: HTTP {error.status}, {error.message!r}")


async def main() -> None:
    if os.environ.get("TOGGL_API_TOKEN"):
        # The client reads TOGGL_API_TOKEN itself; `async with` closes its connections.
        async with AsyncToggl() as toggl:
            await show_account(toggl)
    else:
        print("TOGGL_API_TOKEN is not set: running against the embedded fake Toggl service.")
        # The fake does not throttle, so the client's pacing (1 request/s) can go.
        async with FakeToggl() as fake, AsyncToggl(
            fake.token, base_url=fake.url, rate_limit=None
        ) as toggl:
            await show_account(toggl)


if __name__ == "__main__":
    asyncio.run(main())
