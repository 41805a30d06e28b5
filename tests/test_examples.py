"""Every example runs to completion against the embedded fake and prints what it promises."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# What each example must print: proof that it did its job against the fake's made-up data.
EXPECTED = {
    "async_quickstart.py": [
        "Signed in as Ada Lovelace <ada.lovelace@example.com>",
        "3 workspaces:",
        "387 projects",
        "Workspace 1 is not ours, as expected: HTTP 400",
    ],
    "sync_quickstart.py": [
        "Signed in as Ada Lovelace",
        "29 tags: deep-work, meeting",
        "Dates shown as DD-MM-YYYY",
        "Connecting from Tallinn",
    ],
    "fan_out.py": [
        "3 workspaces, 387 projects",
        "failed: PermissionDeniedError",
        "5 of 6 accounts answered",
    ],
    "update_preferences.py": [
        "Before: date_format='DD-MM-YYYY', collapse_time_entries=True",
        "After:  date_format='YYYY-MM-DD', collapse_time_entries=False",
        "hide_start_end_times False -> True",
    ],
    "manage_catalogue.py": [
        "Created project 'Difference Engine' for client 'Babbage & Co'",
        "Renamed it to 'Analytical Engine'",
        "tag renamed to 'engine-work'",
        "Bulk edit: 1 changed, 0 failed",
        "1 project(s) of Babbage & Co",
        "Archived the client with 1 project(s)",
        "Cleaned up",
    ],
    "pagination.py": ["#101: ", "read 120 projects", "read 95 tasks"],
    "team_timesheet.py": [
        "Team timesheet, week of 2026-09-14 (3 accounts)",
        "Ada Lovelace:  45.69 h in 50 entries",
        "Team total: 125.67 h",
        "The blocking fan_out gave the same totals.",
    ],
}


def run_example(name: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "TOGGL_API_TOKEN"}
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name)], capture_output=True, timeout=60,
        env={**env, "PYTHONIOENCODING": "utf-8"}, encoding="utf-8",
    )


def test_every_example_is_checked() -> None:
    assert sorted(path.name for path in EXAMPLES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs_against_the_fake(name: str) -> None:
    done = run_example(name)
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "TOGGL_API_TOKEN is not set: running against the embedded fake Toggl service."
    )
    for text in EXPECTED[name]:
        assert text in done.stdout


def test_pagination_fetches_only_the_pages_it_reads() -> None:
    requests = [line.split()[1:3] for line in run_example("pagination.py").stdout.splitlines()
                if line.strip().startswith("[request]")]
    # 120 projects at 50 a page: three pages of the fake's 450; 95 tasks at 40: three.
    assert requests == [["GET", "/me/projects/paginated"]] * 3 + [["GET", "/me/tasks"]] * 3
