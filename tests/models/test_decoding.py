"""Decoding what the service really sends into the models."""

from __future__ import annotations

import json
import typing
from datetime import date, datetime, timedelta, timezone
from typing import Any

import msgspec
import pytest

from tests import bodies
from toggl_async import _params, models
from toggl_async._transport import decoder_for
from toggl_async.models import (
    Client,
    Me,
    Organization,
    Preferences,
    PreferencesUpdate,
    Project,
    Tag,
    Task,
    TimeEntry,
    Timestamp,
    TrackReminder,
    Workspace,
    WorkspaceUser,
)

UTC = timezone.utc
ALL_MODELS = [getattr(models, name) for name in models.__all__
              if isinstance(getattr(models, name), type)
              and issubclass(getattr(models, name), models.TogglModel)]


def decode(body: Any, type_: Any) -> Any:
    return decoder_for(type_).decode(bodies.dumps(body) if not isinstance(body, bytes) else body)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-12T19:49:11Z", datetime(2024, 12, 12, 19, 49, 11, tzinfo=UTC)),
        ("2024-12-12T19:49:11+00:00", datetime(2024, 12, 12, 19, 49, 11, tzinfo=UTC)),
        ("2024-12-12T19:49:11.1Z", datetime(2024, 12, 12, 19, 49, 11, 100000, tzinfo=UTC)),
        ("2024-12-12T19:49:11.14169Z", datetime(2024, 12, 12, 19, 49, 11, 141690, tzinfo=UTC)),
        ("2024-12-12T19:49:11.1067+00:00",
         datetime(2024, 12, 12, 19, 49, 11, 106700, tzinfo=UTC)),
        ("2024-12-12T19:49:11.017845Z", datetime(2024, 12, 12, 19, 49, 11, 17845, tzinfo=UTC)),
        ("2024-12-12T19:49:11.123456789Z",
         datetime(2024, 12, 12, 19, 49, 11, 123457, tzinfo=UTC)),
        ("2024-12-12T21:49:11+02:00",
         datetime(2024, 12, 12, 21, 49, 11, tzinfo=timezone(timedelta(hours=2)))),
    ],
)
def test_timestamps_decode_as_aware_datetimes_in_every_spelling(
    text: str, expected: datetime
) -> None:
    entry = decode({**bodies.STOPPED_ENTRY, "start": text, "at": text}, TimeEntry)

    assert entry.start == expected and entry.at == expected
    assert entry.start is not None and entry.start.tzinfo is not None


def test_a_timestamp_without_offset_is_refused_rather_than_guessed() -> None:
    with pytest.raises(msgspec.ValidationError, match=r"timezone.*\$\.start"):
        decode({**bodies.STOPPED_ENTRY, "start": "2024-12-12T19:49:11"}, TimeEntry)


def required(model: type) -> dict[str, Any]:
    """The fields every body of ``model`` has (ids, names...), with a value of their type."""
    samples = {int: 1, str: "x", Timestamp: "2024-12-16T02:18:20Z"}
    return {f.encode_name: samples[f.type] for f in msgspec.structs.fields(model) if f.required}


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_model_decodes_its_required_fields_alone_and_ignores_unknown_keys(
    model: type,
) -> None:
    minimal = required(model)
    expected = msgspec.convert(minimal, model)
    unknown = {"brand_new_field": [1, {"x": None}], "another": "y"}

    assert decode(minimal, model) == expected
    if model is Preferences:  # keeps them, see below
        assert decode(unknown, model) == Preferences(extra=unknown)
    else:
        assert decode({**minimal, **unknown}, model) == expected


def nullable(field: msgspec.structs.FieldInfo) -> bool:
    return field.type is Any or type(None) in typing.get_args(field.type)


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_optional_model_field_accepts_null(model: type) -> None:
    """Every field typed ``... | None``; the others (ids, BulkEditResult's lists) are
    always sent with a value."""
    nulls = {f.encode_name: None for f in msgspec.structs.fields(model) if nullable(f)}

    assert decode({**nulls, **required(model)}, model) == msgspec.convert(required(model), model)


@pytest.mark.parametrize(
    ("model", "field"),
    [(Me, "id"), (Me, "default_workspace_id"), (Organization, "id"),
     (TrackReminder, "reminder_id"), (Project, "id"), (Client, "id"), (Tag, "id"),
     (Task, "id"), (Workspace, "id"), (WorkspaceUser, "id")],
)
def test_a_body_missing_an_always_present_field_is_a_decode_error_naming_it(
    model: type, field: str
) -> None:
    body = {**required(model)}
    del body[field]

    with pytest.raises(msgspec.ValidationError, match=f"missing required field `{field}`"):
        decode(body, model)


def test_hours_rates_and_money_may_be_fractional_or_whole() -> None:
    fractional = decode({"id": 1, "rate": 12.5, "fixed_fee": 99.99, "actual_hours": 1.25,
                         "estimated_hours": 0.5}, Project)
    whole = decode({"id": 1, "rate": 12, "fixed_fee": 100, "actual_hours": 3, "estimated_hours": 2},
                   Project)

    assert (fractional.rate, fractional.fixed_fee) == (12.5, 99.99)
    assert (fractional.actual_hours, fractional.estimated_hours) == (1.25, 0.5)
    assert (whole.rate, whole.fixed_fee, whole.actual_hours) == (12.0, 100.0, 3)
    assert type(whole.actual_hours) is type(whole.estimated_hours) is int  # as recorded
    assert decode({"id": 1, "default_hourly_rate": 42.5}, Workspace).default_hourly_rate == 42.5


def test_dates_decode_as_dates() -> None:
    project = decode({"id": 1, "start_date": "2017-08-28", "end_date": "2025-01-31"}, Project)

    assert (project.start_date, project.end_date) == (date(2017, 8, 28), date(2025, 1, 31))


@pytest.mark.parametrize("options", [{}, {"theme": "dark"}, [], None])
def test_me_options_may_be_an_object_or_an_empty_list(options: Any) -> None:
    assert decode({**bodies.ME, "options": options}, Me).options == options


def test_a_running_time_entry() -> None:
    entry = decode(bodies.RUNNING_ENTRY, TimeEntry)

    assert entry.is_running and entry.stop is None and entry.duration == -1734035351


def test_a_list_endpoint_decodes_a_bare_array() -> None:
    projects = decode(bodies.PROJECTS, list[Project])

    assert [p.id for p in projects] == [201234567, 201234570]


@pytest.mark.parametrize(
    ("key", "attribute", "value"),
    [
        ("collapseTimeEntries", "collapse_time_entries", True),
        ("CollapseTimeEntries", "collapse_time_entries", True),
        ("toSAcceptNeeded", "tos_accept_needed", True),
        ("ToSAcceptNeeded", "tos_accept_needed", True),
        ("BeginningOfWeek", "beginning_of_week", 3),
        ("beginningOfWeek", "beginning_of_week", 3),
        ("beginning_of_week", "beginning_of_week", 3),
        ("date_format", "date_format", "DD.MM.YYYY"),
        ("DateFormat", "date_format", "DD.MM.YYYY"),
        ("displayDensity", "display_density", "compact"),
        ("reportRoundingStepInMinutes", "report_rounding_step_in_minutes", 15),
    ],
)
def test_preference_keys_in_every_spelling_reach_their_attribute(
    key: str, attribute: str, value: Any
) -> None:
    assert getattr(decode({key: value}, Preferences), attribute) == value


def test_the_documented_preference_key_wins_over_another_spelling() -> None:
    prefs = decode({"CollapseTimeEntries": False, "collapseTimeEntries": True}, Preferences)

    assert prefs.collapse_time_entries is True


def test_preferences_encode_under_the_server_keys() -> None:
    prefs = Preferences(collapse_time_entries=True, beginning_of_week=1, date_format="x",
                        tos_accept_needed=False)

    assert msgspec.json.decode(msgspec.json.encode(prefs)) == {
        "BeginningOfWeek": 1, "collapseTimeEntries": True, "date_format": "x",
        "toSAcceptNeeded": False,
    }


def without_nulls(data: Any) -> Any:
    """``data`` as the SDK writes it back: keys whose value is null left out."""
    if isinstance(data, dict):
        return {k: without_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [without_nulls(item) for item in data]
    return data


def test_a_full_preferences_body_round_trips_undocumented_keys_included() -> None:
    prefs = decode(bodies.PREFERENCES, Preferences)

    assert prefs.extra == {"an_undocumented_preference": "kept"}
    assert prefs.to_dict() == without_nulls(bodies.PREFERENCES)
    assert decode(msgspec.json.encode(prefs.to_dict()), Preferences) == prefs


def test_reading_then_writing_back_every_preference_loses_nothing() -> None:
    """GET, then POST what was read: the body sent is what the service sent (nulls aside,
    toSAcceptNeeded being the service's to set), the Windows rules whole."""
    prefs = decode(bodies.PREFERENCES, Preferences)
    skipped = ("extra", "tos_accept_needed")
    fields = {f.name: getattr(prefs, f.name) for f in msgspec.structs.fields(Preferences)
              if getattr(prefs, f.name) is not None and f.name not in skipped}

    body = _params.encode_update(PreferencesUpdate, fields, call="t", extra=prefs.extra)

    expected = without_nulls(bodies.PREFERENCES)
    del expected["toSAcceptNeeded"]
    assert msgspec.json.decode(body) == expected


def test_model_to_dict_is_json_ready_under_wire_names() -> None:
    prefs = decode(bodies.PREFERENCES, Preferences)
    me = decode(bodies.ME, Me)

    assert json.loads(json.dumps(me.to_dict())) == me.to_dict()
    assert me.to_dict()["created_at"] == "2016-03-20T20:40:08.017845Z"
    assert "collapseTimeEntries" in prefs.to_dict() and "extra" not in prefs.to_dict()
    assert msgspec.json.decode(msgspec.json.encode(me)) == me.to_dict()


@pytest.mark.parametrize(("body", "model"), [(bodies.ME, Me), (bodies.WORKSPACES[0], Workspace)])
def test_api_tokens_are_masked_in_reprs_but_kept_as_data(body: dict[str, Any], model: type) -> None:
    obj = decode(body, model)
    token = body["api_token"]

    assert obj.api_token == token
    assert token not in repr(obj) and token not in str(obj)
    assert "api_token='********'" in repr(obj)
    assert token not in repr(list(obj.__rich_repr__()))
    assert token not in repr(decode({**bodies.ME_WITH_RELATED, "api_token": None}, Me))


def test_models_compare_and_repr_compactly() -> None:
    assert repr(Project(id=1, name="A")) == "Project(id=1, name='A')"
    assert Project(id=1) == decode({"id": 1, "wid": None}, Project)
