"""Partial updates: ``preferences.update(...)`` sends only the preferences you name (the
others keep their values), and ``workspaces.update_preferences(...)`` does the same for a
workspace.

Run it with your API token (Profile settings -> API Token on track.toggl.com)::

    TOGGL_API_TOKEN=... python examples/update_preferences.py

Against your account it writes back the values you already have, so nothing changes.
Without a token it runs against ``FakeToggl``, an embedded fake of the service with
made-up data, and really changes them there.
"""

import asyncio
import os

from toggl_async import APIStatusError, AsyncToggl
from toggl_async.testing import FakeToggl


async def update(toggl: AsyncToggl, *, change: bool) -> None:
    before = await toggl.preferences.get()
    print(f"Before: date_format={before.date_format!r}, "
          f"collapse_time_entries={before.collapse_time_entries}")

    # Unless changing, write back the values the account has: nothing changes.
    date_format, collapse = before.date_format, before.collapse_time_entries
    if change:
        date_format, collapse = "YYYY-MM-DD", not collapse
    # Name preferences by their snake_case attribute; the SDK sends the service's own key
    # (collapseTimeEntries) and checks names and types before sending anything.
    await toggl.preferences.update(date_format=date_format, collapse_time_entries=collapse)
    # The service answers an update with nothing: read the preferences back.
    after = await toggl.preferences.get()
    print(f"After:  date_format={after.date_format!r}, "
          f"collapse_time_entries={after.collapse_time_entries}")

    # A workspace's preferences: changing them is an admin's right.
    me = await toggl.me.get()
    workspace_id = me.default_workspace_id
    if workspace_id is None:
        return
    current = await toggl.workspaces.get_preferences(workspace_id)
    hide = current.hide_start_end_times
    if change:
        hide = not hide
    try:
        # This endpoint answers with the workspace's preferences as they now are.
        updated = await toggl.workspaces.update_preferences(
            workspace_id, hide_start_end_times=hide
        )
    except APIStatusError as error:
        print(f"Workspace {workspace_id}: not changed (HTTP {error.status}: {error.message})")
    else:
        print(f"Workspace {workspace_id}: hide_start_end_times "
              f"{current.hide_start_end_times} -> {updated.hide_start_end_times}")


async def main() -> None:
    if os.environ.get("TOGGL_API_TOKEN"):
        async with AsyncToggl() as toggl:
            await update(toggl, change=False)
    else:
        print("TOGGL_API_TOKEN is not set: running against the embedded fake Toggl service.")
        # The fake does not throttle, so the client's pacing (1 request/s) can go.
        async with FakeToggl() as fake, AsyncToggl(
            fake.token, base_url=fake.url, rate_limit=None
        ) as toggl:
            await update(toggl, change=True)


if __name__ == "__main__":
    asyncio.run(main())
