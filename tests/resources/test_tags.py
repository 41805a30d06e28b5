"""toggl.tags in both client styles: the cases against mocks and the fake; renames show in
/me/tags; both documented answer shapes of create and rename."""

from __future__ import annotations

from typing import Any

import pytest

from tests import bodies
from tests.conftest import MockAPI, invoke
from tests.resources._entities import NAME, TAG_ID, endpoint_tests, refusal_test
from tests.resources._harness import WORKSPACE_ID, Case, is_list_of
from toggl_async import BadRequestError, DecodeError, Tag
from toggl_async.testing import BlockingFakeToggl

TAGS = "/workspaces/{workspace_id}/tags"
TAG = TAGS + "/{tag_id}"


def is_renamed(tag: Tag) -> bool:
    return type(tag) is Tag and tag.id == 303 and tag.name == "renamed"


CASES = [
    Case("tags.list", "GET", TAGS, list[Tag], bodies.TAGS, is_list_of(Tag, 2),
         args=(WORKSPACE_ID,)),
    Case("tags.list", "GET", TAGS, list[Tag], [], args=(WORKSPACE_ID,),
         kwargs={"page": 1, "per_page": 50, "search": "deep"},
         query={"page": "1", "per_page": "50", "search": "deep"}),
    # Documented as a list of tags; commonly read as one tag: both are taken.
    Case("tags.create", "POST", TAGS, Tag, [bodies.TAG], is_renamed,
         args=(WORKSPACE_ID, NAME), sent_json={"name": NAME}),
    Case("tags.create", "POST", TAGS, Tag, bodies.TAG, is_renamed,
         args=(WORKSPACE_ID, NAME), sent_json={"name": NAME}),
    Case("tags.update", "PUT", TAG, Tag, [bodies.TAG], is_renamed,
         args=(WORKSPACE_ID, TAG_ID, NAME), sent_json={"name": NAME}),
    Case("tags.delete", "DELETE", TAG, None, args=(WORKSPACE_ID, TAG_ID)),
]


test_the_cases_cover_every_endpoint, test_endpoint, test_endpoint_against_the_fake = (
    endpoint_tests(CASES, endpoints=4)
)


async def test_a_rename_shows_in_me_tags_and_duplicates_are_refused(
    fake: BlockingFakeToggl, make_client: Any
) -> None:
    account = fake.accounts[3]
    tag = next(t for t in account.tags if t["deleted_at"] is None)
    client = make_client(account.token, base_url=fake.url)
    new_name = f"{tag['name']}-renamed"

    renamed = await invoke(client, "tags.update", tag["workspace_id"], tag["id"], new_name)

    assert (renamed.id, renamed.name) == (tag["id"], new_name)
    assert new_name in [t.name for t in await invoke(client, "me.tags")]
    with pytest.raises(BadRequestError, match=f"a tag with the name '{new_name}' already"):
        await invoke(client, "tags.create", tag["workspace_id"], new_name)


async def test_an_empty_list_answer_is_a_decode_error(api: MockAPI, client: Any) -> None:
    api.add("POST", "/workspaces/1/tags", body=[])

    with pytest.raises(DecodeError, match="empty list"):
        await invoke(client, "tags.create", 1, "x")


test_bad_arguments_are_refused_before_sending = refusal_test([
    ("tags.create", (1, ""), {}, ValueError, "name"),
    ("tags.update", (1, 2, 3), {}, TypeError, "name"),
    ("tags.delete", (1, None), {}, TypeError, "tag_id"),
    ("tags.list", ("1",), {}, TypeError, "workspace_id"),
])
