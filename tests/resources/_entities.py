"""What the workspace-entity cases share: ids that differ between the mocks and the fake,
and fresh objects on the fake for each case, so that deleting or renaming twice (once per
client style) finds something to delete or rename."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import MockAPI, invoke
from tests.resources._harness import MOCK_VALUES, Case, Ref, run_mocked, run_on_fake
from toggl_async.testing import BlockingFakeToggl, FakeAccount

PROJECT_ID = Ref("project_id")
OTHER_PROJECT_ID = Ref("other_project_id")
CLIENT_ID = Ref("client_id")
TAG_ID = Ref("tag_id")
TASK_ID = Ref("task_id")
OTHER_TASK_ID = Ref("other_task_id")
NAME = Ref("name")
"""A name no other tag has."""

ENTITY_MOCK_VALUES = {
    **MOCK_VALUES, "project_id": 201876878, "other_project_id": 201899518,
    "client_id": 61234567, "tag_id": 303, "task_id": 503, "other_task_id": 504,
    "name": "renamed",
}
_names = itertools.count(1)


def _fresh(items: list[dict[str, Any]], model: dict[str, Any], **changes: Any) -> int:
    """Append a copy of ``model`` under a new id; the id."""
    item = copy.deepcopy(model) | changes
    item["id"] = max(other["id"] for other in items) + 1
    items.append(item)
    return int(item["id"])


def fake_values(account: FakeAccount) -> dict[str, Any]:
    """Values of the Refs on the fake: fresh objects in the account's first workspace (a
    premium one the account administers)."""
    workspace_id = account.workspace_ids[0]
    project = next(p for p in account.projects if p["workspace_id"] == workspace_id)
    client = next(c for c in account.clients if c["wid"] == workspace_id)
    live = {"server_deleted_at": None, "workspace_id": workspace_id, "active": True,
            "status": "active", "client_id": client["id"], "cid": client["id"]}
    project_id = _fresh(account.projects, project, **live)
    task = {"server_deleted_at": None, "workspace_id": workspace_id, "project_id": project_id}
    tag = {"deleted_at": None, "workspace_id": workspace_id, "name": f"fresh-{next(_names)}"}
    return {
        "workspace_id": workspace_id,
        "project_id": project_id,
        "other_project_id": _fresh(account.projects, project, **live),
        "client_id": _fresh(account.clients, client, server_deleted_at=None),
        "tag_id": _fresh(account.tags, account.tags[0], **tag),
        "task_id": _fresh(account.tasks, account.tasks[0], **task),
        "other_task_id": _fresh(account.tasks, account.tasks[0], **task),
        "name": f"renamed-{next(_names)}",
    }


def endpoint_tests(
    cases: list[Case], endpoints: int
) -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    """A resource module's three tests: its cases cover its ``endpoints`` (method and path
    pairs), and run against mocks and against the fake."""

    def test_the_cases_cover_every_endpoint() -> None:
        assert len({(case.method, case.path) for case in cases}) == endpoints

    @pytest.mark.parametrize("case", cases, ids=str)
    async def test_endpoint(case: Case, api: MockAPI, client: Any) -> None:
        await run_mocked(case, api, client, ENTITY_MOCK_VALUES)

    @pytest.mark.parametrize("case", cases, ids=str)
    async def test_endpoint_against_the_fake(
        case: Case, entity_fake: BlockingFakeToggl, make_client: Any
    ) -> None:
        await run_on_fake(case, entity_fake, make_client, fake_values(entity_fake.accounts[0]))

    return test_the_cases_cover_every_endpoint, test_endpoint, test_endpoint_against_the_fake


Refusal = tuple[str, tuple[Any, ...], dict[str, Any], type[Exception], str]
"""(call, args, kwargs, the error expected, words its message has)."""


def refusal_test(refusals: list[Refusal]) -> Callable[..., Any]:
    """A test that each call raises its error before anything is sent."""

    @pytest.mark.parametrize(("call", "args", "kwargs", "error", "words"), refusals)
    async def test_bad_arguments_are_refused_before_sending(
        call: str, args: tuple[Any, ...], kwargs: dict[str, Any], error: type[Exception],
        words: str, api: MockAPI, client: Any,
    ) -> None:
        with pytest.raises(error, match=words):
            await invoke(client, call, *args, **kwargs)
        assert api.sent == []

    return test_bad_arguments_are_refused_before_sending
