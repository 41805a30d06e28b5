"""Bad arguments fail before any request, naming the argument."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from tests.conftest import MockAPI, invoke
from toggl_async import InvalidArgumentError, InvalidTypeError, InvalidValueError, _params


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (0, "0"),
        (1733011200, "1733011200"),
        (datetime(2024, 12, 1, tzinfo=timezone.utc), "1733011200"),
        (datetime(2024, 12, 1, 2, tzinfo=timezone(timedelta(hours=2))), "1733011200"),
        (date(2024, 12, 1), "1733011200"),
    ],
)
def test_since_takes_unix_seconds_aware_datetimes_and_dates(value: Any, expected: Any) -> None:
    assert _params.since(value) == expected


BAD_CALLS = [
    ("me.clients", (), {"since": datetime(2024, 1, 1)}, ValueError, "since.*timezone-aware"),
    ("me.clients", (), {"since": "2024-01-01"}, TypeError, "since must be UNIX seconds"),
    ("me.clients", (), {"since": -5}, ValueError, "since must not be negative"),
    ("me.tags", (), {"since": True}, TypeError, "since"),
    ("me.get", (), {"with_related_data": "yes"}, TypeError, "with_related_data must be a bool"),
    ("me.projects", (), {"include_archived": 1}, TypeError, "include_archived must be a bool"),
    ("me.projects_page", (), {"start_project_id": 0}, ValueError,
     "start_project_id must be a positive id"),
    ("me.projects_page", (), {"per_page": 2.5}, TypeError, "per_page must be an int"),
    ("me.tasks", (), {"offset": -1}, ValueError, "offset must not be negative"),
    ("me.tasks", (), {"search": 5}, TypeError, "search must be a str"),
    ("me.tasks", (), {"meta": "true"}, TypeError, "meta must be a bool"),
    ("me.update", (), {}, ValueError, r"me.update\(\): nothing to update"),
    ("me.update", (), {"beginning_of_week": 7}, ValueError,
     r"me.update\(\): beginning_of_week: expected int <= 6"),
    ("me.update", (), {"beginning_of_week": "monday"}, TypeError,
     r"beginning_of_week: expected int, got str"),
    ("me.update", (), {"beginning_of_week": True}, TypeError, "beginning_of_week"),
    ("me.update", (), {"country_id": 0}, ValueError, "country_id: expected int >= 1"),
    ("me.update", (), {"default_workspace_id": "12"}, TypeError, "default_workspace_id"),
    ("me.update", (), {"fullname": ""}, ValueError, "fullname: expected str of length >= 1"),
    ("me.update", (), {"email": None}, TypeError, "email: expected str, got null"),
    ("me.update", (), {"password": "new-secret"}, ValueError, "needs current_password"),
    ("preferences.update", (), {}, ValueError, "nothing to update"),
    ("preferences.update", (), {"collapse_time_entrie": True}, TypeError,
     "unknown field 'collapse_time_entrie'; did you mean 'collapse_time_entries'"),
    ("preferences.update", (), {"beginningOfWeek": 1}, TypeError,
     "unknown field 'beginningOfWeek'; did you mean 'beginning_of_week'"),
    ("preferences.update", (), {"alpha_features": [{"code": "x", "enable": True}]}, TypeError,
     r"alpha_features\[0\]: unknown key 'enable'; did you mean 'enabled'\?"),
    ("preferences.update", (), {"windows_stop_start_keyboard_shortcut": {"key": 65,
     "modifier": 2}}, TypeError,
     "windows_stop_start_keyboard_shortcut: unknown key 'modifier'; did you mean 'modifiers'"),
    ("preferences.update", (), {"windows_auto_tracking_rules": [{"parameters": {"keywrd": "x"}}]},
     TypeError, r"windows_auto_tracking_rules\[0\]\.parameters: unknown key 'keywrd'; "
     r"did you mean 'keyword'"),
    ("preferences.update", (), {"toSAcceptNeeded": False}, ValueError,
     "tos_accept_needed cannot be set"),
    ("preferences.update", (), {"extra": {"collapseTimeEntries": True}}, ValueError,
     "pass collapse_time_entries= instead"),
    ("preferences.update", (), {"collapse_time_entries": "yes"}, TypeError,
     r"collapse_time_entries: expected bool \| null, got str"),
    ("preferences.update", (), {"alpha_features": [{"code": "x", "enabled": "on"}]}, TypeError,
     r"alpha_features\[0\]\.enabled: expected bool \| null, got str"),
    ("preferences.update", (), {"tos_accept_needed": False}, ValueError,
     "tos_accept_needed cannot be set"),
    ("preferences.update", ("mobile",), {"theme": "dark"}, ValueError,
     "client must be one of 'desktop', 'web'; got 'mobile'"),
    ("preferences.get", ("ios",), {}, ValueError, "client must be one of"),
    ("preferences.get", (7,), {}, TypeError, "client must be a str"),
    ("workspaces.get_preferences", (0,), {}, ValueError, "workspace_id must be a positive id"),
    ("workspaces.get_preferences", ("12",), {}, TypeError, "workspace_id must be an int"),
    ("workspaces.update_preferences", (12,), {"hide_start_end_times": "no"}, TypeError,
     "hide_start_end_times"),
    ("workspaces.update_preferences", (12,), {"logo": "x.png"}, ValueError,
     "logo cannot be set"),
    ("workspaces.update_preferences", (12,), {}, ValueError, "nothing to update"),
]


@pytest.mark.parametrize(("call", "args", "kwargs", "error", "words"), BAD_CALLS)
async def test_bad_arguments_raise_before_any_request(
    call: str, args: tuple[Any, ...], kwargs: dict[str, Any], error: type[Exception],
    words: str, api: MockAPI, client: Any,
) -> None:
    with pytest.raises(error, match=words) as caught:
        await invoke(client, call, *args, **kwargs)

    assert api.sent == []
    # Both `except TogglError` and `except TypeError`/`except ValueError` catch it.
    assert isinstance(caught.value, InvalidArgumentError)
    assert isinstance(caught.value, InvalidTypeError if error is TypeError else InvalidValueError)


async def test_a_password_never_shows_in_validation_errors(api: MockAPI, client: Any) -> None:
    with pytest.raises(ValueError, match="password") as caught:
        await invoke(client, "me.update", password="", current_password="hunter2-old")

    assert "hunter2-old" not in str(caught.value)
