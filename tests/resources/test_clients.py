"""toggl.clients in both client styles: the cases against mocks and the fake, and archiving
a client archiving its projects."""

from __future__ import annotations

from typing import Any

import pytest

from tests import bodies
from tests.conftest import invoke
from tests.resources._entities import (
    CLIENT_ID,
    PROJECT_ID,
    endpoint_tests,
    refusal_test,
)
from tests.resources._harness import WORKSPACE_ID, Case, is_list_of
from toggl_async import Client, NotFoundError, PaymentRequiredError
from toggl_async.testing import BlockingFakeToggl

CLIENTS = "/workspaces/{workspace_id}/clients"
CLIENT = CLIENTS + "/{client_id}"


def check_client(client: Client) -> None:
    assert type(client) is Client and client.id == 61234567 and client.wid == 1234567
    assert client.name == "Babbage & Co" and client.notes == "Since 1822"
    assert client.archived is False and client.creator_id == 6543210


CASES = [
    Case("clients.list", "GET", CLIENTS, list[Client], [bodies.CLIENT, *bodies.CLIENTS],
         is_list_of(Client, 3), args=(WORKSPACE_ID,)),
    Case("clients.list", "GET", CLIENTS, list[Client], [], args=(WORKSPACE_ID,),
         kwargs={"status": "both", "name": "babbage"},
         query={"status": "both", "name": "babbage"}),
    Case("clients.get", "GET", CLIENT, Client, bodies.CLIENT, check_client,
         args=(WORKSPACE_ID, CLIENT_ID)),
    Case("clients.create", "POST", CLIENTS, Client, bodies.CLIENT, check_client,
         args=(WORKSPACE_ID,), kwargs={"name": "Babbage & Co", "notes": "Since 1822"},
         sent_json={"name": "Babbage & Co", "notes": "Since 1822"}),
    Case("clients.update", "PUT", CLIENT, Client, bodies.CLIENT, check_client,
         args=(WORKSPACE_ID, CLIENT_ID), kwargs={"notes": None, "external_reference": "X-1"},
         sent_json={"notes": None, "external_reference": "X-1"}),
    Case("clients.delete", "DELETE", CLIENT, None, args=(WORKSPACE_ID, CLIENT_ID)),
    Case("clients.archive", "POST", CLIENT + "/archive", list[int], [201876878, 201899518],
         lambda ids: ids == [201876878, 201899518], args=(WORKSPACE_ID, CLIENT_ID)),
    Case("clients.restore", "POST", CLIENT + "/restore", Client, bodies.CLIENT, check_client,
         args=(WORKSPACE_ID, CLIENT_ID)),
    Case("clients.restore", "POST", CLIENT + "/restore", Client, bodies.CLIENT,
         args=(WORKSPACE_ID, CLIENT_ID), kwargs={"projects": [PROJECT_ID]},
         sent_json={"projects": [PROJECT_ID]}),
    Case("clients.restore", "POST", CLIENT + "/restore", Client, bodies.CLIENT,
         args=(WORKSPACE_ID, CLIENT_ID), kwargs={"projects": "all"},
         sent_json={"restore_all_projects": True}),
]


test_the_cases_cover_every_endpoint, test_endpoint, test_endpoint_against_the_fake = (
    endpoint_tests(CASES, endpoints=7)
)


async def test_archiving_a_client_archives_its_projects_and_restore_brings_them_back(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake.accounts[2]
    premium = {ws["id"] for ws in account.workspaces if ws["premium"]}
    client_row = next(
        c for c in account.clients
        if c["wid"] in premium and not c["archived"] and c["server_deleted_at"] is None
        and any(p["client_id"] == c["id"] and p["active"] for p in account.projects)
    )
    workspace_id = client_row["wid"]
    client = make_client(account.token, base_url=fake.url)
    active = {
        p["id"] for p in account.projects
        if p["client_id"] == client_row["id"] and p["active"] and not p["server_deleted_at"]
    }

    archived = await invoke(client, "clients.archive", workspace_id, client_row["id"])

    assert set(archived) == active
    by_id = {p.id: p for p in await invoke(client, "me.projects", include_archived=True)}
    assert all(by_id[i].active is False and by_id[i].status == "archived" for i in active)
    assert (await invoke(client, "clients.get", workspace_id, client_row["id"])).archived

    restored = await invoke(client, "clients.restore", workspace_id, client_row["id"],
                            projects="all")

    assert restored.archived is False
    by_id = {p.id: p for p in await invoke(client, "me.projects")}
    assert active <= set(by_id)


async def test_archiving_is_premium_and_a_missing_client_is_not_found(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake.accounts[0]
    free = next(ws["id"] for ws in account.workspaces if not ws["premium"])
    client = make_client(account.token, base_url=fake.url)
    created = await invoke(client, "clients.create", free, name="Free client")

    with pytest.raises(PaymentRequiredError, match="premium"):
        await invoke(client, "clients.archive", free, created.id)
    await invoke(client, "clients.delete", free, created.id)
    with pytest.raises(NotFoundError, match=f"No client with ID {created.id} was found"):
        await invoke(client, "clients.get", free, created.id)


test_bad_arguments_are_refused_before_sending = refusal_test(
    [
        ("clients.list", (1,), {"status": "gone"}, ValueError, "status"),
        ("clients.create", (1,), {"name": ""}, ValueError, "name"),
        ("clients.update", (1, 2), {"archived": True}, TypeError, "archived"),
        ("clients.restore", (1, 2), {"projects": "some"}, TypeError, "projects"),
        ("clients.restore", (1, 2), {"projects": [1, -2]}, ValueError, "projects"),
    ]
)
