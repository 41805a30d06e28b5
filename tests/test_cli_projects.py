"""``toggl projects|clients|tags|tasks`` workspace-level subcommands against the fake."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_cli import FAST, Outcome, Run, _no_credentials_in_env, toggl
from toggl_async.testing import BlockingFakeToggl

__all__ = ["_no_credentials_in_env", "toggl"]  # fixtures


@pytest.fixture
def api(toggl: Run, toggl_fake: BlockingFakeToggl) -> Run:
    return lambda *argv: toggl(
        "--base-url", toggl_fake.url, "--token", toggl_fake.token, *FAST, *argv
    )


def ids(outcome: Outcome) -> list[int]:
    return [int(row.split()[0]) for row in outcome.rows()]


def default_workspace(fake: BlockingFakeToggl) -> int:
    return int(fake.accounts[0].user["default_workspace_id"])


def live(fake: BlockingFakeToggl, kind: str, workspace_id: int, key: str) -> list[Any]:
    return [item for item in getattr(fake.accounts[0], kind) if item[key] == workspace_id]


def test_projects_list_walks_the_default_workspace(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    workspace_id = default_workspace(toggl_fake)
    expected = {
        p["id"] for p in live(toggl_fake, "projects", workspace_id, "workspace_id")
        if p["server_deleted_at"] is None
    }

    outcome = api("projects", "list", "--active", "both", "--page-size", "50")

    assert outcome.status == 0, outcome.err
    assert set(ids(outcome)) == expected
    assert {r.query.get("page") for r in toggl_fake.requests if r.path.endswith("/projects")} \
        == {str(n) for n in range(1, len(expected) // 50 + 2)}


def test_today_s_projects_command_still_lists_me_projects(
    api: Run, toggl_fake: BlockingFakeToggl
) -> None:
    outcome = api("projects")

    assert outcome.status == 0 and [r.path for r in toggl_fake.requests] == ["/me/projects"]


def test_project_create_update_delete(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    created = api("--json", "projects", "create", "From the shell", "is_private=false",
                  "--color", "#06a893")
    assert created.status == 0, created.err
    project = next(p for p in toggl_fake.accounts[0].projects if p["name"] == "From the shell")
    assert project["active"] is True and project["color"] == "#06a893"

    updated = api("projects", "update", str(project["id"]), 'name="Renamed in the shell"')
    assert updated.status == 0 and project["name"] == "Renamed in the shell"

    deleted = api("projects", "delete", str(project["id"]), "--time-entries", "unassign")
    assert deleted.out.strip() == f"deleted project {project['id']}"
    assert project["server_deleted_at"] is not None
    assert toggl_fake.requests[-1].query == {"teDeletionMode": "unassign"}


def test_client_archive_and_restore(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    client = api("--json", "clients", "create", "Shell client", "--notes", "n")
    assert client.status == 0, client.err
    client_id = next(
        c["id"] for c in toggl_fake.accounts[0].clients if c["name"] == "Shell client"
    )

    assert api("clients", "archive", str(client_id)).status == 0
    assert str(client_id) in api("clients", "list", "--status", "archived").out
    assert api("clients", "restore", str(client_id), "--all-projects").status == 0
    assert toggl_fake.requests[-1].json == {"restore_all_projects": True}


def test_tag_create_rename_delete(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    assert api("tags", "create", "shell-tag").status == 0
    tag = next(t for t in toggl_fake.accounts[0].tags if t["name"] == "shell-tag")

    assert api("tags", "update", str(tag["id"]), "shell-renamed").status == 0
    assert "shell-renamed" in api("tags", "list", "--name", "shell").out
    assert api("tags", "delete", str(tag["id"])).status == 0
    assert tag["deleted_at"] is not None


def test_task_create_and_list(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    workspace_id = default_workspace(toggl_fake)
    project = next(
        p for p in live(toggl_fake, "projects", workspace_id, "workspace_id")
        if p["active"] and p["server_deleted_at"] is None
    )

    created = api("tasks", "create", str(project["id"]), "Shell task", "estimated_seconds=60")
    assert created.status == 0, created.err

    listed = api("tasks", "list", "--project", str(project["id"]), "--active", "both")
    assert "Shell task" in listed.out
    assert api("tasks", "update", str(project["id"]), "1").status == 2  # nothing to change
