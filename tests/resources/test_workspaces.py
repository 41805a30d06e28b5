"""toggl.workspaces (the workspace and its users) in both client styles, against mocks and
the fake; the preference cases live with the /me ones."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from tests import bodies
from tests.conftest import invoke
from tests.resources._entities import endpoint_tests, refusal_test
from tests.resources._harness import WORKSPACE_ID, Case
from toggl_async import PaymentRequiredError, Workspace, WorkspaceUser
from toggl_async.testing import BlockingFakeToggl

WORKSPACE = "/workspaces/{workspace_id}"


def check_workspace(workspace: Workspace) -> None:
    assert type(workspace) is Workspace and workspace.id == 1234567
    assert workspace.ical_url == "/ical/workspace_user/9d81b471"
    assert workspace.max_data_retention_days is None and workspace.te_constraints is None
    assert "2f3d23fc" not in repr(workspace)


def check_users(users: list[WorkspaceUser]) -> None:
    [user] = users
    assert user == WorkspaceUser(id=6543210, fullname="Ada Lovelace", email="ada@example.com",
                                 is_active=True, is_admin=True, inactive=False)
    assert user.role is None


CASES = [
    Case("workspaces.get", "GET", WORKSPACE, Workspace, bodies.WORKSPACE, check_workspace,
         args=(WORKSPACE_ID,)),
    Case("workspaces.update", "PUT", WORKSPACE, Workspace, bodies.WORKSPACE, check_workspace,
         args=(WORKSPACE_ID,), kwargs={"name": "Engines", "rounding": -1},
         sent_json={"name": "Engines", "rounding": -1}),
    Case("workspaces.users", "GET", WORKSPACE + "/users", list[WorkspaceUser],
         bodies.WORKSPACE_USERS, check_users, args=(WORKSPACE_ID,)),
    Case("workspaces.users", "GET", WORKSPACE + "/users", list[WorkspaceUser], [],
         args=(WORKSPACE_ID,), kwargs={"exclude_deleted": True},
         query={"exclude_deleted": "true"}),
]


test_the_cases_cover_every_endpoint, test_endpoint, test_endpoint_against_the_fake = (
    endpoint_tests(CASES, endpoints=3)
)


@pytest.mark.parametrize("retention", [90, {"days": 90, "enforced": True}])
def test_max_data_retention_days_decodes_as_integer_or_object(retention: Any) -> None:
    body = msgspec.json.encode(bodies.WORKSPACE | {"max_data_retention_days": retention})
    assert msgspec.json.decode(body, type=Workspace).max_data_retention_days == retention


async def test_premium_settings_on_a_free_workspace_are_payment_required(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake.accounts[0]
    free = next(ws["id"] for ws in account.workspaces if not ws["premium"])
    client = make_client(account.token, base_url=fake.url)

    with pytest.raises(PaymentRequiredError, match="premium"):
        await invoke(client, "workspaces.update", free, rounding_minutes=15)


test_bad_settings_are_refused_before_sending = refusal_test([
    ("workspaces.update", (1,), {}, ValueError, "nothing"),
    ("workspaces.update", (1,), {"rounding": 2}, ValueError, "rounding"),
    ("workspaces.update", (1,), {"api_token": "x"}, TypeError, "api_token"),
    ("workspaces.update", (1,), {"admins": [0]}, ValueError, "admins"),
    ("workspaces.users", (1,), {"exclude_deleted": 1}, TypeError, "exclude_deleted"),
])
