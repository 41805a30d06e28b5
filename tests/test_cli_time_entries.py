"""The time-tracking commands of ``toggl``: start, stop, current, entries, entry ..."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest

from tests.test_cli import FAST, Outcome
from toggl_async.testing import BlockingFakeToggl
from toggl_sync import _cli
from toggl_sync._cli_time_entries import TIME_ENTRY_COMMANDS

Run = Callable[..., Outcome]
# The demo's first account: its running entry, and a week of its entries.
RUNNING_ID = "3600000193"
WEEK = ("--start", "2026-09-21", "--end", "2026-09-27")


@pytest.fixture
def toggl(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.delenv("TOGGL_API_TOKEN", raising=False)

    def run(*argv: str) -> Outcome:
        status = _cli.main(list(argv))
        captured = capsys.readouterr()
        return Outcome(status, captured.out, captured.err)

    return run


@pytest.fixture
def api(toggl: Run) -> Iterator[Run]:
    """``toggl ARGV...`` against a fake of this test's own, as its first account."""
    with BlockingFakeToggl(accounts=1) as fake:
        yield lambda *argv: toggl("--base-url", fake.url, "--token", fake.token, *FAST, *argv)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["current"], f"id            {RUNNING_ID}"),
        (["stop"], "stop          20"),
        (["start", "Writing docs", "--tags", "docs,new-tag", "--billable"], "0:00:00 (running)"),
        (["entries"], "running"),
        (["entries", "--since", "2026-09-20"], "Code review"),
        (["entries", *WEEK, "--meta"], "Harbor"),
        (["entry", "get", RUNNING_ID, "--meta"], "Ada Lovelace"),
        (["entry", "update", RUNNING_ID, "--description", "Renamed", "--no-billable"],
         "description   Renamed"),
        (["entry", "delete", RUNNING_ID], f"deleted time entry {RUNNING_ID}"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_every_command_in_demo_mode(toggl: Run, argv: list[str], expected: str) -> None:
    result = toggl("--demo", *argv)
    assert (result.status, result.err.count("\n")) == (0, 1), result.err
    assert expected in result.out


def test_the_cases_cover_every_command() -> None:
    names = {c.name for c in TIME_ENTRY_COMMANDS} | {
        "entry " + s.name for c in TIME_ENTRY_COMMANDS for s in c.subcommands
    }
    assert names == {"start", "stop", "current", "entries", "entry", "entry get",
                     "entry update", "entry delete"}


def test_a_week_of_entries_is_a_table_with_clock_durations(toggl: Run) -> None:
    result = toggl("--demo", "entries", *WEEK)
    heading, _, *rows = result.out.splitlines()
    assert heading.split() == ["id", "start", "duration", "project", "tags", "description"]
    assert rows and all(row.split()[1].startswith("2026-09-2") for row in rows)
    durations = [row.split()[2] for row in rows]
    assert all(text.count(":") == 2 for text in durations)


def test_start_then_stop_then_nothing_runs(api: Run) -> None:
    started = api("--json", "start", "Timer", "--tags", "a,b")
    entry = json.loads(started.out)
    assert entry["duration"] == -1 and entry["tags"] == ["a", "b"]

    assert json.loads(api("--json", "current").out)["id"] == entry["id"]
    stopped = api("stop")
    assert stopped.status == 0 and f"id            {entry['id']}" in stopped.out
    assert api("current").out.strip() == "(none)"
    nothing = api("stop")
    assert (nothing.status, nothing.err) == (1, "toggl: error: no time entry is running\n")


def test_update_with_tag_action_and_a_new_stop(api: Run) -> None:
    entry = json.loads(api("--json", "start", "Timer", "--tags", "a,b").out)
    updated = api("--json", "entry", "update", str(entry["id"]), "--tags", "a",
                  "--tag-action", "delete", "--stop", "2030-01-01T10:00:00+02:00")
    body = json.loads(updated.out)
    assert body["tags"] == ["b"] and body["stop"] == "2030-01-01T08:00:00Z"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["entries", "--end", "2026-09-27"], "--end needs --start"),
        (["entries", "--since", "1", "--start", "2026-09-21"], "does not combine"),
        (["entries", "--start", "1700000000"], "expected a date or a datetime"),
        (["entries", "--start", "2026-09-21T10:00"], "has no UTC offset"),
        (["entry", "update", RUNNING_ID], "nothing to change"),
        (["entry", "update", RUNNING_ID, "--stop", "2026-09-21"], "--stop needs a time"),
    ],
)
def test_bad_usage_exits_2(toggl: Run, argv: list[str], message: str) -> None:
    result = toggl("--demo", *argv)
    assert result.status == 2 and message in result.err
