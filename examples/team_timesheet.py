"""A team timesheet for last week: every account's time entries, totalled per person and
per project, fetched for all accounts at once with ``fan_out``.

Run it with your team's API tokens (Profile settings -> API Token on track.toggl.com),
comma-separated::

    TOGGL_API_TOKENS=token1,token2,... python examples/team_timesheet.py

Without them it runs against ``FakeToggl``, an embedded fake of the service with three
made-up people and weeks of their entries. It only reads.

The same work runs twice, in both styles: ``toggl_async.fan_out`` awaited in asyncio code,
and ``toggl_sync.fan_out`` called from plain blocking code. Both take the coroutine that
does one account's part, and both give the same timesheet.
"""

import asyncio
import os
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import toggl_sync
from toggl_async import AsyncToggl, FanOutResult, fan_out
from toggl_async.testing import FakeToggl


@dataclass
class Week:
    person: str
    seconds_by_project: Counter[str]
    entries: int


def last_full_week(today: date) -> date:
    """The Monday of the week before this one."""
    return today - timedelta(days=today.weekday() + 7)


async def week_of(toggl: AsyncToggl, monday: date) -> Week:
    """One account's part: its name, and its entries of the week summed per project."""
    me = await toggl.me.get()
    seconds: Counter[str] = Counter()
    entries = 0
    next_monday = monday + timedelta(days=7)
    week_end = datetime.combine(next_monday, time(), timezone.utc)
    # iter() fetches every entry of the range, past the 1000 one request returns; with
    # meta=True each entry carries its project's name. A date as end_date is its midnight.
    async for entry in toggl.time_entries.iter(start_date=monday, end_date=next_monday,
                                               meta=True):
        # elapsed() is the duration; for a running entry, the time until the given moment.
        lasted = entry.elapsed(min(datetime.now(timezone.utc), week_end))
        seconds[entry.project_name or "(no project)"] += int(lasted.total_seconds())
        entries += 1
    return Week(me.fullname or me.email or "?", seconds, entries)


def hours(seconds: int) -> str:
    return f"{seconds / 3600:6.2f} h"


def print_timesheet(monday: date, results: list[FanOutResult[Week]]) -> None:
    print(f"Team timesheet, week of {monday.isoformat()} ({len(results)} accounts)")
    team = 0
    for result in results:  # in the order of the accounts given
        if result.value is None:
            print(f"  {result.account}: failed: {type(result.error).__name__}")
            continue
        week = result.value
        total = sum(week.seconds_by_project.values())
        team += total
        print(f"  {week.person}: {hours(total)} in {week.entries} entries")
        for project, seconds in week.seconds_by_project.most_common():
            print(f"      {hours(seconds)}  {project}")
    print(f"Team total: {hours(team).strip()}")


def totals(results: list[FanOutResult[Week]]) -> list[Any]:
    return [result.value.seconds_by_project if result.value else None for result in results]


async def async_style(tokens: list[str], monday: date, **options: Any) -> list[FanOutResult[Week]]:
    return await fan_out(tokens, lambda toggl: week_of(toggl, monday), concurrency=10,
                         **options)


def blocking_style(tokens: list[str], monday: date, **options: Any) -> list[FanOutResult[Week]]:
    # No event loop of ours here: toggl_sync.fan_out runs one for the call.
    return toggl_sync.fan_out(tokens, lambda toggl: week_of(toggl, monday), concurrency=10,
                              **options)


def compare(first: list[FanOutResult[Week]], second: list[FanOutResult[Week]]) -> None:
    same = totals(first) == totals(second)
    print("The blocking fan_out gave " + ("the same totals." if same else "other totals!"))


async def main() -> None:
    tokens = [t.strip() for t in os.environ.get("TOGGL_API_TOKENS", "").split(",") if t.strip()]
    if tokens:
        monday = last_full_week(date.today())
        results = await async_style(tokens, monday)
        print_timesheet(monday, results)
        blocking = await asyncio.to_thread(blocking_style, tokens, monday)
    else:
        print("TOGGL_API_TOKEN is not set: running against the embedded fake Toggl service.")
        async with FakeToggl(accounts=3) as fake:
            # The fake's made-up people fill their weeks typically until a fortnight before
            # its today, then scatter entries anyhow: show the last typical week.
            monday = last_full_week(fake.today - timedelta(weeks=1))
            # The fake does not throttle, so the clients' pacing (1 request/s) can go.
            options = {"base_url": fake.url, "rate_limit": None}
            results = await async_style(fake.tokens, monday, **options)
            print_timesheet(monday, results)
            blocking = await asyncio.to_thread(blocking_style, fake.tokens, monday, **options)
    compare(results, blocking)


if __name__ == "__main__":
    asyncio.run(main())
