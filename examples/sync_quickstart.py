"""Quickstart with the blocking client, ``toggl_sync.Toggl``: the same methods as
``toggl_async.AsyncToggl``, without ``await``, for scripts and notebooks.

Run it with your API token (Profile settings -> API Token on track.toggl.com)::

    TOGGL_API_TOKEN=... python examples/sync_quickstart.py

Without a token it runs against ``BlockingFakeToggl``, an embedded fake of the service
with made-up data. It only reads.
"""

import os

from toggl_async.testing import BlockingFakeToggl
from toggl_sync import Toggl


def show_account(toggl: Toggl) -> None:
    me = toggl.me.get()
    print(f"Signed in as {me.fullname} <{me.email}>")

    # Lists come back as lists of typed models; a field the service left out is None.
    tags = toggl.me.tags()
    print(f"{len(tags)} tags: {', '.join(tag.name or '?' for tag in tags)}")

    clients = toggl.me.clients()
    print(f"{len(clients)} clients, e.g. {', '.join(c.name or '?' for c in clients[:3])}")

    # Preferences use snake_case attribute names whatever the service calls them.
    preferences = toggl.preferences.get()
    print(f"Dates shown as {preferences.date_format}, week starts on day "
          f"{preferences.beginning_of_week} (0 is Sunday)")

    # Other settings for some calls only: a copy sharing the connection and the pacing.
    impatient = toggl.with_options(timeout=5, max_retries=0)
    # `location` answers None when the service cannot tell.
    location = impatient.me.location()
    print(f"Connecting from {location.city if location else 'somewhere unknown'}")


def main() -> None:
    if os.environ.get("TOGGL_API_TOKEN"):
        # The client reads TOGGL_API_TOKEN itself; `with` closes it (and its thread).
        with Toggl() as toggl:
            show_account(toggl)
    else:
        print("TOGGL_API_TOKEN is not set: running against the embedded fake Toggl service.")
        # The fake does not throttle, so the client's pacing (1 request/s) can go.
        with BlockingFakeToggl() as fake, Toggl(
            fake.token, base_url=fake.url, rate_limit=None
        ) as toggl:
            show_account(toggl)


if __name__ == "__main__":
    main()
