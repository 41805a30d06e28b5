"""Decoding time entries as the service really sends them (time-entries.txt, "real service")."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import msgspec
import pytest

from tests import bodies
from tests.conftest import MockAPI, invoke
from toggl_async import BulkEditFailure, BulkEditResult, DecodeError, Me, TimeEntry
from toggl_async._transport import decoder_for

UTC = timezone.utc
# The keys of a GET /me/time_entries/current body, in the order the service sends them.
WIRE_ORDER = ["id", "workspace_id", "project_id", "task_id", "billable", "start", "stop",
              "duration", "description", "tags", "tag_ids", "duronly", "at",
              "server_deleted_at", "user_id", "uid", "wid", "pid", "tid", "permissions"]


def decode(body: Any, type_: Any = TimeEntry) -> Any:
    return decoder_for(type_).decode(bodies.dumps(body))


def test_fields_are_declared_in_the_order_the_service_sends_them() -> None:
    names = [field.encode_name for field in msgspec.structs.fields(TimeEntry)]
    assert names[: len(WIRE_ORDER)] == WIRE_ORDER


def test_a_running_entry_as_get_sends_it_minus_its_start() -> None:
    entry = decode(bodies.RUNNING_ENTRY)
    an_hour_later = entry.start + timedelta(hours=1)

    assert entry.is_running and entry.stop is None
    assert entry.elapsed(an_hour_later) == timedelta(hours=1)
    # One recording was off by one second: the start, not the duration, tells the time.
    off_by_one = decode({**bodies.RUNNING_ENTRY, "duration": entry.duration - 1})
    assert off_by_one.elapsed(an_hour_later) == timedelta(hours=1)


def test_a_running_entry_as_create_answers_it_with_minus_one() -> None:
    entry = decode(bodies.CREATED_RUNNING_ENTRY)

    assert entry.duration == -1 and entry.is_running
    assert entry.elapsed(entry.start + timedelta(minutes=5)) == timedelta(minutes=5)
    assert entry.elapsed(entry.start - timedelta(minutes=5)) == timedelta(0)
    assert timedelta(0) <= entry.elapsed() <= datetime.now(UTC) - entry.start


def test_a_stopped_entry_lasts_its_duration() -> None:
    entry = decode(bodies.STOPPED_NOW_ENTRY)

    assert not entry.is_running and entry.elapsed() == timedelta(seconds=994)
    assert entry.tags == [] and entry.tag_ids == []
    assert entry.start == datetime(2024, 12, 16, 2, 18, 20, tzinfo=UTC)
    assert entry.at == datetime(2024, 12, 16, 2, 34, 54, 924437, tzinfo=UTC)


def test_a_zero_length_entry_neither_runs_nor_lasts() -> None:
    entry = decode({**bodies.CREATED_RUNNING_ENTRY, "duration": 0})
    assert not entry.is_running and entry.elapsed() == timedelta(0)


@pytest.mark.parametrize(
    ("tags", "tag_ids"), [([], None), (None, None), ([], []), (["a", "b"], [16009455, 16009456])]
)
def test_tags_and_tag_ids_may_each_be_null_or_empty(tags: Any, tag_ids: Any) -> None:
    entry = decode({**bodies.STOPPED_ENTRY, "tags": tags, "tag_ids": tag_ids})
    assert (entry.tags, entry.tag_ids) == (tags, tag_ids)


def test_meta_fields_sharing_and_legacy_aliases_when_sent() -> None:
    entry = decode({
        **bodies.STOPPED_ENTRY, "client_id": 61000007, "client_name": "Acme Corp",
        "project_name": "Apollo", "project_color": "#06aaf5", "project_active": True,
        "project_billable": False, "task_name": "Design", "user_name": "Ada Lovelace",
        "user_avatar_url": "", "shared_with": [
            {"user_id": 7, "user_name": "Grace", "accepted": False}],
        "expense_ids": [5], "permissions": ["edit"], "wid": 1234567, "uid": 6543210,
    })

    assert (entry.client_id, entry.client_name, entry.task_name) == (61000007, "Acme Corp",
                                                                       "Design")
    assert entry.user_avatar_url == "" and entry.project_billable is False
    assert entry.shared_with is not None and entry.shared_with[0].accepted is False
    assert entry.permissions == ["edit"] and entry.expense_ids == [5]
    assert (entry.wid, entry.uid, entry.pid, entry.tid) == (1234567, 6543210, 201234567, 501)


def test_without_meta_legacy_or_permissions_keys_those_fields_are_none() -> None:
    body = {key: value for key, value in bodies.ENTRY_WITH_META.items()
            if key not in ("permissions", "project_name", "project_color", "project_active")}
    entry = decode(body)
    assert entry.permissions is None and entry.project_name is None and entry.pid is None
    assert entry.server_deleted_at is None


def test_ids_beyond_32_bits_and_mixed_timestamp_spellings() -> None:
    entry = decode({**bodies.STOPPED_ENTRY, "id": 3_700_000_001, "start":
                    "2024-12-16T00:41:29+00:00", "at": "2024-12-16T01:16:26.41113Z"})
    assert entry.id == 3_700_000_001
    assert entry.at == datetime(2024, 12, 16, 1, 16, 26, 411130, tzinfo=UTC)


def test_the_repr_shows_only_what_was_sent() -> None:
    entry = decode(bodies.CREATED_RUNNING_ENTRY)
    assert repr(entry).startswith("TimeEntry(id=3000000002, workspace_id=1234567, billable=")
    assert "project_id" not in repr(entry) and "client_name" not in repr(entry)


@pytest.mark.parametrize("missing", ["id", "workspace_id", "user_id", "start", "duration", "at"])
async def test_an_entry_without_a_field_every_answer_has_is_a_decode_error_naming_it(
    missing: str, api: MockAPI, client: Any
) -> None:
    body = {key: value for key, value in bodies.STOPPED_ENTRY.items() if key != missing}
    api.add("GET", "/me/time_entries/3000000000", body=body)

    with pytest.raises(DecodeError, match=f"missing required field `{missing}`"):
        await invoke(client, "time_entries.get", 3000000000)


@pytest.mark.parametrize("optional", ["project_id", "task_id", "billable", "stop", "description",
                                      "tags", "tag_ids", "duronly", "server_deleted_at"])
def test_other_fields_may_be_missing_or_null(optional: str) -> None:
    missing = {key: value for key, value in bodies.STOPPED_ENTRY.items() if key != optional}
    assert getattr(decode(missing), optional) is None
    assert getattr(decode({**bodies.STOPPED_ENTRY, optional: None}), optional) is None


def test_me_with_related_data_uses_the_same_time_entry() -> None:
    me = decode(bodies.ME_WITH_RELATED, Me)
    assert me.time_entries is not None
    assert [type(entry) for entry in me.time_entries] == [TimeEntry, TimeEntry]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (bodies.BULK_EDIT, BulkEditResult(success=[3398443148, 3398445220], failure=[])),
        ({"success": [1], "failure": [{"id": 2, "message": "Time entry not found"}]},
         BulkEditResult(success=[1], failure=[BulkEditFailure(id=2, message="Time entry "
                                                                          "not found")])),
        ({"success": None, "failure": None}, BulkEditResult(success=[], failure=[])),
        ({}, BulkEditResult(success=[], failure=[])),
    ],
)
def test_a_bulk_edit_answer_always_gives_lists(body: Any, expected: BulkEditResult) -> None:
    result = decode(body, BulkEditResult)
    assert result == expected
    assert type(result.success) is list and type(result.failure) is list
