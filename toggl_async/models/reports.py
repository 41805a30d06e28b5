"""What the Reports API v3 sends: detailed rows and totals, summary groups, weekly rows.

Only the detailed rows and the summary groups were seen in recorded traffic; the totals and
the weekly rows follow the reference and other clients' models (their shapes are not a
documented contract). As everywhere, every field may be missing or null, and keys the
models do not know are ignored.

The detailed rows and their time entries declare their fields in the order the service
writes them (recorded pages, Apr 2024; the enrich_response fields after them): msgspec
looks each key up from the field after the last one matched, so a page decodes with no
searching.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import msgspec

from ._base import JSONObject, Timestamp, TogglModel


class ReportTimeEntry(TogglModel):
    """One time entry of a detailed report's row (a grouped row holds several)."""

    id: int | None = None
    seconds: int | None = None
    start: Timestamp | None = None
    """In the user's own offset (``-07:00``), kept as the service wrote it."""
    stop: Timestamp | None = None
    """``None`` while the entry runs."""
    at: Timestamp | None = None
    """Last change, in UTC."""
    at_tz: str | None = None
    """Last change in the user's zone, as the service writes it (undocumented: kept as
    text rather than refusing a page over its format)."""
    workspace_id: int | None = None


class DetailedReportRow(TogglModel):
    """A row of the detailed report: one time entry, or with ``grouped=True`` the entries
    that share user, project, task, description, billable flag and tags."""

    user_id: int | None = None
    username: str | None = None
    project_id: int | None = None
    task_id: int | None = None
    billable: bool | None = None
    description: str | None = None
    tag_ids: list[int] | None = None
    billable_amount_in_cents: int | None = None
    """``None`` on free workspaces and with ``hide_amounts``."""
    hourly_rate_in_cents: int | None = None
    currency: str | None = None
    time_entries: list[ReportTimeEntry] | None = None
    row_number: int | None = None
    """1-based position in the whole result."""
    # Sent with enrich_response=True:
    project_name: str | None = None
    project_color: str | None = None
    project_hex: str | None = None
    client_name: str | None = None
    task_name: str | None = None
    tags: list[str] | None = None
    user_email: str | None = None

    @property
    def seconds(self) -> int:
        """The row's tracked seconds (its entries' sum; a running entry counts as 0)."""
        return sum(max(entry.seconds or 0, 0) for entry in self.time_entries or ())


@dataclass(frozen=True)
class ReportCursor:
    """Where the next page of a detailed report starts: the ``X-Next-*`` headers of the
    page before, sent back as ``first_row_number``, ``first_id`` and ``first_timestamp``."""

    row_number: int
    id: int | None = None
    timestamp: int | None = None


@dataclass(frozen=True)
class DetailedReportPage:
    """One page of a detailed report, and where the next one starts (``None``: the last)."""

    rows: list[DetailedReportRow]
    next: ReportCursor | None
    range_start: date | None = None
    """The dates the service actually reported on (``X-Range-Start`` / ``X-Range-End``)."""
    range_end: date | None = None


class ReportRate(TogglModel):
    billable_seconds: int | None = None
    hourly_rate_in_cents: int | None = None
    currency: str | None = None


class ReportGraphPoint(TogglModel):
    """One period (a day, week or month: the totals' ``resolution``) of the totals' graph."""

    seconds: int | None = None
    billable_amount_in_cents: int | None = None
    labour_cost_in_cents: int | None = None
    by_rate: JSONObject | None = None


class DetailedReportTotals(TogglModel):
    """Sums over the whole detailed report (shape not documented; modelled on the service's
    project summary, which returns the same figures)."""

    seconds: int | None = None
    billable_amount_in_cents: int | None = None
    labour_cost_in_cents: int | None = None
    tracked_days: int | None = None
    resolution: str | None = None
    rates: list[ReportRate] | None = None
    graph: list[ReportGraphPoint] | None = None
    """Filled with ``with_graph=True``."""


class SummarySubGroup(TogglModel):
    """A sub-group's total (by default, the time entries of one description)."""

    id: int | None = None
    title: str | None = None
    seconds: int | None = None
    local_start: datetime | None = None
    """The first entry's start in local time, with its offset when the service gives one."""
    project_color: str | None = None
    project_hex_color: str | None = None
    ids: list[int] | None = None
    """The time entries' ids, with ``include_time_entry_ids=True``."""
    rates: list[ReportRate] | None = None
    # The service writes these four in CapitalCase:
    for_export: bool | None = msgspec.field(default=None, name="ForExport")
    distinguish_rates: bool | None = msgspec.field(default=None, name="DistinguishRates")
    grouping: str | None = msgspec.field(default=None, name="Grouping")
    sub_grouping: str | None = msgspec.field(default=None, name="SubGrouping")


class SummaryGroup(TogglModel):
    """A primary group (by default a project; ``id`` is None for "without project")."""

    id: int | None = None
    project_color: str | None = None
    project_hex_color: str | None = None
    sub_groups: list[SummarySubGroup] | None = None

    @property
    def seconds(self) -> int:
        return sum(sub.seconds or 0 for sub in self.sub_groups or ())


class SummaryReport(TogglModel):
    groups: list[SummaryGroup] | None = None


class WeeklyReportRow(TogglModel):
    """A user's time on a project, day by day over the 7 days (shape not documented)."""

    user_id: int | None = None
    project_id: int | None = None
    client_id: int | None = None
    seconds: list[int | None] | None = None
    """One figure per day, the range's first day first."""
    billable_amounts_in_cents: list[int | None] | None = None
    hourly_rate_in_cents: int | None = None
    currency: str | None = None
