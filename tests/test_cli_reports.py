"""``toggl report``: the reports as tables and NDJSON, and exports written to a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import test_cli
from tests.test_cli import Outcome, Run
from toggl_async.testing import BlockingFakeToggl

# The command-line fixtures: `toggl` runs it in this process, `api` against toggl_fake.
toggl = test_cli.toggl
api = test_cli.api
no_credentials_in_env = test_cli._no_credentials_in_env

RANGE = ("--start", "2026-09-15", "--end", "2026-10-05")


def detailed_rows(result: Outcome) -> list[dict[str, object]]:
    assert result.status == 0, result.err
    return [json.loads(line) for line in result.out.splitlines()]


def test_detailed_as_a_table_and_as_ndjson(api: Run) -> None:
    rows = detailed_rows(api("report", "detailed", *RANGE, "--json"))
    table = api("report", "detailed", *RANGE)

    assert len(rows) > 5
    assert [row["row_number"] for row in rows] == list(range(1, len(rows) + 1))
    assert table.status == 0 and len(table.out.splitlines()) == len(rows) + 2
    assert table.out.splitlines()[0].split() == [
        "start", "username", "project_id", "description", "duration", "billable"
    ]


def test_detailed_filters_by_project_and_user(
    api: Run, toggl_fake: BlockingFakeToggl
) -> None:
    user = str(toggl_fake.accounts[0].user_id)
    everything = detailed_rows(api("report", "detailed", *RANGE, "--json"))
    without = detailed_rows(api("report", "detailed", *RANGE, "--project", "none", "--json"))
    assert toggl_fake.requests[-1].json["project_ids"] == [None]
    mine = detailed_rows(api("report", "detailed", *RANGE, "--user", user, "--json"))
    assert toggl_fake.requests[-1].json["user_ids"] == [int(user)]

    assert [r for r in everything if r.get("project_id") is None] == without
    assert mine == [r for r in everything if r["user_id"] == int(user)]


def test_summary_and_weekly_tables(demo_toggl: Run) -> None:
    summary = demo_toggl("report", "summary", *RANGE)
    weekly = demo_toggl("report", "weekly", "--start", "2026-09-20", "--end", "2026-09-26")

    assert summary.status == 0 and "description" in summary.out.splitlines()[0]
    assert weekly.status == 0
    assert weekly.out.splitlines()[0].split()[2:5] == ["Sun", "20", "Mon"]


@pytest.fixture
def demo_toggl(toggl: Run) -> Run:
    return lambda *argv: toggl("--demo", *argv)


def test_export_writes_the_file_and_shows_progress(api: Run, tmp_path: Path) -> None:
    target = tmp_path / "report.csv"

    result = api("report", "export", "detailed", *RANGE, "-o", str(target), "--progress")

    assert result.status == 0, result.err
    size = target.stat().st_size
    assert target.read_bytes().startswith(b"User,Email,Project")
    assert result.out.strip() == f"wrote {size:,} bytes to {target}"
    assert result.err.rstrip("\n").endswith(f"exported {size:,} bytes")


@pytest.mark.parametrize("progress", [[], ["--progress"]], ids=["quiet", "progress"])
def test_a_failed_export_leaves_the_file_alone(
    api: Run, toggl_fake: BlockingFakeToggl, tmp_path: Path, progress: list[str]
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"last week's report")
    workspace_id = str(toggl_fake.accounts[0].workspace_ids[0])
    toggl_fake.inject(path=f"/workspace/{workspace_id}/weekly/time_entries.pdf", status=500)

    result = api("report", "export", "weekly", "--format", "pdf", *RANGE, "-o", str(target),
                 "--workspace", workspace_id, *progress)

    assert result.status == 1 and "500" in result.err
    assert target.read_bytes() == b"last week's report"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "detailed", "--start", "2026-09-15", "--end", "15.10.2026"],
         "expected a date such as 2024-05-01"),
        (["report", "summary", "--start", "2026-09-15", "--end", "2026-09-01"],
         "end_date 2026-09-01 is before start_date 2026-09-15"),
        (["report", "export", "weekly", "--format", "xlsx", *RANGE, "-o", "x.xlsx"],
         "format must be one of 'csv', 'pdf'"),
    ],
)
def test_bad_report_input_exits_2(api: Run, argv: list[str], message: str) -> None:
    result = api(*argv)
    assert result.status == 2 and message in result.err
