"""A team's hours in one CSV, per person, project and day, from every account's detailed
reports (Reports API v3): ``fan_out`` reads each account's workspaces at once, then the rows
are added up and written out. Done twice, in both styles, with the same result:

- asyncio: ``toggl_async.fan_out`` and ``async for row in toggl.reports.detailed(...)``;
- blocking: ``toggl_sync.Toggl`` and ``for row in toggl.reports.detailed(...)``, account
  after account (``toggl_sync.fan_out`` runs the asyncio function from blocking code too).

Run it with your team's API tokens::

    TOGGL_API_TOKENS=token1,token2,... python examples/team_report_csv.py

or with yours alone (``TOGGL_API_TOKEN=...``). Without either, it runs against
``FakeToggl``, an embedded fake of the service with four made-up accounts. It only reads;
the CSV goes to ``team_hours.csv`` in a temporary directory.
"""

import asyncio
import csv
import os
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import toggl_sync
from toggl_async import AsyncToggl, DetailedReportRow, fan_out
from toggl_async.testing import FakeToggl

# (person, project, day) -> seconds
Hours = dict[tuple[str, str, date], int]
# Seconds per entry id: a workspace two accounts share is read twice, but counted once.
Entries = dict[int, tuple[str, str, date, int]]


def add_row(entries: Entries, row: DetailedReportRow, project_names: dict[int, str]) -> None:
    project = project_names.get(row.project_id or 0, "(no project)")
    for entry in row.time_entries or ():
        if entry.id is not None and entry.start is not None:
            # The day as the person saw it: start carries their own UTC offset.
            entries[entry.id] = (row.username or "?", project, entry.start.date(),
                                 entry.seconds or 0)


async def read_account(toggl: AsyncToggl, start: date, end: date) -> Entries:
    """Every entry in the account's workspaces between the two dates (asyncio)."""
    workspaces, projects = await asyncio.gather(toggl.me.workspaces(), toggl.me.projects())
    names = {p.id: p.name or "" for p in projects if p.id is not None}
    entries: Entries = {}
    for workspace in workspaces:
        assert workspace.id is not None
        async for row in toggl.reports.detailed(workspace.id, start_date=start, end_date=end):
            add_row(entries, row, names)
    return entries


def read_account_blocking(toggl: toggl_sync.Toggl, start: date, end: date) -> Entries:
    """The same, in blocking code: the report's pages are fetched as the loop reaches them."""
    names = {p.id: p.name or "" for p in toggl.me.projects() if p.id is not None}
    entries: Entries = {}
    for workspace in toggl.me.workspaces():
        assert workspace.id is not None
        for row in toggl.reports.detailed(workspace.id, start_date=start, end_date=end):
            add_row(entries, row, names)
    return entries


def total(per_account: list[Entries]) -> Hours:
    everyone: Entries = {}
    for entries in per_account:
        everyone.update(entries)
    hours: Hours = defaultdict(int)
    for person, project, day, seconds in everyone.values():
        hours[person, project, day] += seconds
    return hours


def write_csv(hours: Hours, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        out = csv.writer(file)
        out.writerow(["person", "project", "day", "hours"])
        for (person, project, day), seconds in sorted(hours.items()):
            out.writerow([person, project, day.isoformat(), f"{seconds / 3600:.2f}"])


async def team_report(tokens: list[str], start: date, end: date, folder: Path,
                      **client_options: Any) -> None:
    # asyncio: every account at once (10 at a time), each with its own pacing and quota.
    results = await fan_out(tokens, lambda toggl: read_account(toggl, start, end),
                            concurrency=10, **client_options)
    for failed in (result for result in results if not result.ok):
        print(f"{failed.account}: {type(failed.error).__name__}: {failed.error}")
    hours = total([result.value for result in results if result.ok])
    async_csv = folder / "team_hours.csv"
    write_csv(hours, async_csv)
    people = {person for person, _, _ in hours}
    print(f"asyncio: {len(hours)} rows for {len(people)} people, {start} to {end}, "
          f"written to {async_csv.name}")

    # Blocking: the same accounts one after the other, in a thread, as a script would.
    def blocking() -> Hours:
        per_account = []
        for token in tokens:
            with toggl_sync.Toggl(token, **client_options) as toggl:
                per_account.append(read_account_blocking(toggl, start, end))
        return total(per_account)

    blocking_csv = folder / "team_hours_blocking.csv"
    write_csv(await asyncio.to_thread(blocking), blocking_csv)
    same = blocking_csv.read_bytes() == async_csv.read_bytes()
    print(f"blocking: the same CSV: {same}")
    print(*async_csv.read_text(encoding="utf-8").splitlines()[:4], sep="\n")


async def main() -> None:
    tokens = [t.strip() for t in os.environ.get("TOGGL_API_TOKENS", "").split(",") if t.strip()]
    if not tokens and os.environ.get("TOGGL_API_TOKEN"):
        tokens = [os.environ["TOGGL_API_TOKEN"]]
    with tempfile.TemporaryDirectory() as folder:
        if tokens:
            end = date.today()
            await team_report(tokens, end - timedelta(days=30), end, Path(folder))
        else:
            print("TOGGL_API_TOKEN is not set: running against the embedded fake Toggl service.")
            async with FakeToggl(accounts=4) as fake:
                # The fake's made-up entries lie in the six weeks before 2026-10-03.
                await team_report(fake.tokens, date(2026, 9, 1), date(2026, 10, 3),
                                  Path(folder), base_url=fake.url, rate_limit=None)


if __name__ == "__main__":
    asyncio.run(main())
