"""Manage what time is tracked against: clients, projects, tags and tasks of a workspace,
with the blocking client, ``toggl_sync.Toggl``.

Run it with your API token (Profile settings -> API Token on track.toggl.com)::

    TOGGL_API_TOKEN=... python examples/manage_catalogue.py

It WRITES: in your default workspace it creates a client, a project, a tag and a task,
changes them, and deletes them again at the end. Without a token it runs against
``FakeToggl``, an embedded fake of the service with made-up data.
"""

import os

from toggl_async.testing import BlockingFakeToggl
from toggl_sync import PaymentRequiredError, Toggl


def manage(toggl: Toggl) -> None:
    workspace = toggl.me.get().default_workspace_id
    assert workspace is not None

    client = toggl.clients.create(workspace, name="Babbage & Co", notes="example client")
    # Created active (the service would archive a project created without saying so).
    project = toggl.projects.create(workspace, name="Difference Engine", client_id=client.id)
    print(f"Created project {project.name!r} for client {client.name!r}")

    # An update sends only the fields named.
    project = toggl.projects.update(workspace, project.id, name="Analytical Engine")
    print(f"Renamed it to {project.name!r}")

    task = toggl.tasks.create(workspace, project.id, name="Gears", estimated_seconds=7200)
    tag = toggl.tags.create(workspace, "engines")
    tag = toggl.tags.update(workspace, tag.id, "engine-work")
    print(f"Task {task.name!r}, tag renamed to {tag.name!r}")

    # Bulk edits apply to each id on its own: look at failure as well as success.
    result = toggl.projects.patch(
        workspace, [project.id], [{"op": "replace", "path": "/is_private", "value": False}]
    )
    print(f"Bulk edit: {len(result.success)} changed, {len(result.failure)} failed")

    # Every page of the workspace's projects, fetched as the loop reaches them.
    count = sum(1 for _ in toggl.projects.iter(workspace, client_ids=[client.id]))
    print(f"{count} project(s) of {client.name}")

    try:
        archived = toggl.clients.archive(workspace, client.id)
        print(f"Archived the client with {len(archived)} project(s)")
    except PaymentRequiredError as error:  # archiving clients is a premium feature
        print(f"Not archived: {error.message}")

    toggl.tasks.delete(workspace, project.id, task.id)
    toggl.tags.delete(workspace, tag.id)
    toggl.projects.delete(workspace, project.id, time_entries="unassign")
    toggl.clients.delete(workspace, client.id)
    print("Cleaned up")


def main() -> None:
    if os.environ.get("TOGGL_API_TOKEN"):
        with Toggl() as toggl:
            manage(toggl)
    else:
        print("TOGGL_API_TOKEN is not set: running against the embedded fake Toggl service.")
        with BlockingFakeToggl() as fake, Toggl(
            fake.token, base_url=fake.url, rate_limit=None
        ) as toggl:
            manage(toggl)


if __name__ == "__main__":
    main()
