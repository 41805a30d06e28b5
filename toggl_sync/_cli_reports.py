"""``toggl report``: the detailed, summary and weekly reports (Reports API v3) as tables,
``--json`` (one JSON object per line for the detailed report, printed as pages arrive),
and ``toggl report export`` writing a CSV, PDF or XLSX file.
"""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser, ArgumentTypeError, Namespace
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from toggl_async.resources.reports import EXPORT_FORMATS, LazyFile

from . import _cli_render as render
from ._cli_commands import Command, Context, positive
from ._cli_time_entries import workspace_of


def report_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"expected a date such as 2024-05-01, got {text!r}") from None


def optional_id(text: str) -> int | None:
    """An id, or ``none``: entries without one (``--project none``)."""
    return None if text.lower() == "none" else positive(text)


def filter_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--start", type=report_date, required=True, metavar="DATE",
                        help="first day, e.g. 2024-05-01")
    parser.add_argument("--end", type=report_date, required=True, metavar="DATE",
                        help="last day (included)")
    parser.add_argument("--workspace", type=positive, metavar="ID",
                        help="default: the user's default workspace")
    parser.add_argument("--project", type=optional_id, action="append", metavar="ID",
                        help="only these projects (repeatable); 'none': without a project")
    parser.add_argument("--user", type=positive, action="append", metavar="ID",
                        help="only these users (repeatable)")


def export_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("report", choices=sorted(EXPORT_FORMATS), help="%(choices)s")
    parser.add_argument("--format", default="csv", choices=("csv", "pdf", "xlsx"),
                        help="default: csv (weekly: csv or pdf)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="where to write the file")
    parser.add_argument("--progress", action="store_true",
                        help="show the progress even when stderr is not a terminal")
    filter_arguments(parser)


def filters(ctx: Context, args: Namespace) -> dict[str, Any]:
    return {
        "workspace_id": workspace_of(ctx, args), "start_date": args.start, "end_date": args.end,
        "project_ids": args.project, "user_ids": args.user,
    }


def detailed(ctx: Context, args: Namespace) -> Iterator[Any]:
    return ctx.toggl.reports.detailed(**filters(ctx, args))


def first_start(row: Any) -> object:
    return row.time_entries[0].start if row.time_entries else None


def summary_lines(report: Any) -> list[dict[str, Any]]:
    return [
        {"group": group.id, "title": sub.title, "duration": render.duration(sub.seconds)}
        for group in report.groups or ()
        for sub in group.sub_groups or ()
    ]


def weekly_columns(args: Namespace) -> list[render.Column]:
    """User, project, the seven days headed by their dates, and the week's total."""

    def day(n: int) -> render.Column:
        heading = date.fromordinal(args.start.toordinal() + n).strftime("%a %d")
        return heading, lambda row: render.duration(week(row)[n])

    return ["user_id", "project_id", *map(day, range(7)),
            ("total", lambda row: render.duration(sum(week(row))))]


def week(row: Any) -> list[int]:
    seconds = [s or 0 for s in row.seconds or ()]
    return (seconds + [0] * 7)[:7]


class ProgressFile:
    """Writes to ``file`` and redraws ``exported N bytes`` on ``stream`` as it goes."""

    def __init__(self, file: LazyFile, stream: IO[str]) -> None:
        self._file = file
        self._stream = stream
        self._written = 0
        self._drawn = 0.0

    def write(self, chunk: bytes) -> int:
        self._file.write(chunk)
        self._written += len(chunk)
        now = time.monotonic()
        if now - self._drawn >= 0.1:
            self._drawn = now
            self.draw()
        return len(chunk)

    def draw(self, end: str = "") -> None:
        self._stream.write(f"\rexported {self._written:,} bytes{end}")
        self._stream.flush()


def export(ctx: Context, args: Namespace) -> str:
    arguments = filters(ctx, args)
    reports = ctx.toggl.reports
    if not (args.progress or sys.stderr.isatty()):
        written = reports.export(
            arguments.pop("workspace_id"), args.report, args.format, **arguments,
            to=args.output,
        )
    else:
        # The same care as to=PATH: the file is written only once an answer succeeds, and
        # removed if the download breaks off.
        file = LazyFile(args.output)
        progress = ProgressFile(file, sys.stderr)
        try:
            written = reports.export(
                arguments.pop("workspace_id"), args.report, args.format, **arguments,
                to=progress,
            )
        except BaseException:
            file.discard()
            raise
        file.finish()
        progress.draw("\n")
    assert isinstance(written, int)  # the size, as a destination was given
    return f"wrote {written:,} bytes to {args.output}"


COMMANDS: tuple[Command, ...] = (
    Command(
        "report", "reports of a workspace over any dates (Reports API v3)",
        subcommands=(
            Command(
                "detailed", "every time entry (POST .../search/time_entries, page by "
                "page); --json prints one object per line as they arrive",
                call=detailed, arguments=filter_arguments,
                show=lambda rows, args: render.table(list(rows), (
                    ("start", first_start), "username", "project_id", "description",
                    ("duration", lambda row: render.duration(row.seconds)), "billable",
                )),
            ),
            Command(
                "summary", "time per project and description (POST .../summary/time_entries)",
                call=lambda ctx, args: ctx.toggl.reports.summary(**filters(ctx, args)),
                arguments=filter_arguments,
                show=lambda report, args: render.table(
                    summary_lines(report), (
                        ("project_id", lambda line: line["group"]),
                        ("description", lambda line: line["title"]),
                        ("duration", lambda line: line["duration"]),
                    ),
                ),
            ),
            Command(
                "weekly", "each user's time per project, day by day (POST "
                ".../weekly/time_entries)",
                call=lambda ctx, args: ctx.toggl.reports.weekly(**filters(ctx, args)),
                arguments=filter_arguments,
                show=lambda rows, args: render.table(rows, weekly_columns(args)),
            ),
            Command(
                "export", "write a report to a CSV, PDF or XLSX file (POST "
                ".../REPORT.FORMAT)",
                call=export, arguments=export_arguments,
                show=lambda message, args: str(message),
            ),
        ),
    ),
)
