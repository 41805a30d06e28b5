"""The time-tracking commands of ``toggl``: ``start``, ``stop``, ``current``, ``entries``
and ``entry get|update|delete``, on ``toggl.time_entries``."""

from __future__ import annotations

from argparse import ArgumentParser, ArgumentTypeError, BooleanOptionalAction, Namespace
from datetime import date, datetime, timedelta
from typing import Any

from toggl_sync import TimeEntry, TogglError

from . import _cli_render as render
from ._cli_commands import Command, Context, UsageError, as_table, positive, since


def day_or_moment(text: str) -> date | datetime:
    """``--start``/``--end``: a date, or a datetime with its UTC offset."""
    value = since(text)
    if isinstance(value, int):
        raise ArgumentTypeError(f"expected a date or a datetime with its UTC offset, got {text!r}")
    return value


def tag_list(text: str) -> list[str]:
    """``--tags a,b``: names separated by commas (``--tags ''`` for none)."""
    return [name.strip() for name in text.split(",") if name.strip()]


def duration(entry: TimeEntry) -> str:
    """How long, as ``1:02:03``; a running entry's so far, marked as running."""
    return render.duration(entry.elapsed().total_seconds(), running=entry.is_running)


def project(entry: TimeEntry) -> object:
    return entry.project_name or entry.project_id


ENTRY_COLUMNS: tuple[render.Column, ...] = (
    "id", "start", ("duration", duration), ("project", project), "tags", "description",
)


def show_entry(entry: TimeEntry | None, args: Namespace) -> str:
    """A record of the fields sent, then how long the entry lasted, as a clock."""
    if entry is None:
        return render.NOTHING
    lines = render.record(entry).splitlines()
    width = max(len(line.split(" ", 1)[0]) for line in lines)
    return "\n".join([*lines, f"{'elapsed'.ljust(width)}  {duration(entry)}"])


def workspace_of(ctx: Context, args: Namespace) -> int:
    """``--workspace``, else the user's default workspace."""
    if args.workspace is not None:
        return int(args.workspace)
    workspace_id = ctx.toggl.me.get().default_workspace_id
    if workspace_id is None:
        raise UsageError("you have no default workspace: give --workspace ID")
    return workspace_id


def entry_fields_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--project", type=positive, metavar="ID", help="the project's id")
    parser.add_argument("--task", type=positive, metavar="ID", help="the task's id")
    parser.add_argument(
        "--tags", type=tag_list, metavar="A,B", help="tag names, comma-separated; new names "
        "become tags",
    )
    parser.add_argument(
        "--billable", action=BooleanOptionalAction, default=None, help="billable, or not",
    )


def start_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("description", nargs="?", metavar="DESCRIPTION", help="what you do")
    entry_fields_arguments(parser)
    parser.add_argument(
        "--workspace", type=positive, metavar="ID", help="default: your default workspace"
    )


def changes(args: Namespace) -> dict[str, Any]:
    """The fields given on the command line, under the SDK's argument names."""
    given = {
        "description": args.description, "project_id": args.project, "task_id": args.task,
        "tags": args.tags, "billable": args.billable,
    }
    return {name: value for name, value in given.items() if value is not None}


def start(ctx: Context, args: Namespace) -> TimeEntry:
    return ctx.toggl.time_entries.start(workspace_of(ctx, args), **changes(args))


def stop(ctx: Context, args: Namespace) -> TimeEntry:
    running = ctx.toggl.time_entries.current()
    if running is None:
        raise TogglError("no time entry is running")
    return ctx.toggl.time_entries.stop(running.workspace_id, running.id)


def entries_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=since, metavar="WHEN",
        help="those changed since then, deleted ones too: UNIX seconds, a date or a datetime",
    )
    parser.add_argument(
        "--start", type=day_or_moment, metavar="WHEN",
        help="those starting from then: a date or a datetime with its UTC offset; every one "
        "of them, however many (the service keeps about three months)",
    )
    parser.add_argument(
        "--end", type=day_or_moment, metavar="WHEN",
        help="with --start: up to then (a date: through that day); default: today",
    )
    parser.add_argument(
        "--meta", action="store_true", help="with project, client and user names"
    )


def entries(ctx: Context, args: Namespace) -> list[TimeEntry]:
    time_entries = ctx.toggl.time_entries
    meta = args.meta or None
    if args.start is None:
        if args.end is not None:
            raise UsageError("--end needs --start")
        return time_entries.list(since=args.since, meta=meta)
    if args.since is not None:
        raise UsageError("--since does not combine with --start/--end")
    end = args.end
    if type(end) is date:  # a day given means through that day, not up to its midnight
        end += timedelta(days=1)
    return list(time_entries.iter(start_date=args.start, end_date=end, meta=meta))


def entry_id_argument(parser: ArgumentParser) -> None:
    parser.add_argument("time_entry_id", type=positive, metavar="ID")


def entry_get_arguments(parser: ArgumentParser) -> None:
    entry_id_argument(parser)
    parser.add_argument("--meta", action="store_true", help="with project and user names")


def entry_workspace_arguments(parser: ArgumentParser) -> None:
    entry_id_argument(parser)
    parser.add_argument(
        "--workspace", type=positive, metavar="ID",
        help="the entry's workspace (default: looked up with the entry)",
    )


def entry_update_arguments(parser: ArgumentParser) -> None:
    entry_workspace_arguments(parser)
    parser.add_argument("--description", metavar="TEXT")
    entry_fields_arguments(parser)
    parser.add_argument(
        "--tag-action", choices=("add", "delete"),
        help="add the --tags to the entry's, or delete them from it (default: replace)",
    )
    parser.add_argument("--start", type=day_or_moment, metavar="WHEN", help="a new start")
    parser.add_argument("--stop", type=day_or_moment, metavar="WHEN", help="a new stop")


def entry_workspace(ctx: Context, args: Namespace) -> int:
    if args.workspace is not None:
        return int(args.workspace)
    return ctx.toggl.time_entries.get(args.time_entry_id).workspace_id


def update_entry(ctx: Context, args: Namespace) -> TimeEntry:
    fields = changes(args)
    for name in ("start", "stop"):
        value = getattr(args, name)
        if value is not None and not isinstance(value, datetime):
            raise UsageError(f"--{name} needs a time, e.g. 2024-05-01T09:30+02:00")
        if value is not None:
            fields[name] = value
    if args.tag_action is not None:
        fields["tag_action"] = args.tag_action
    if not fields:
        raise UsageError("nothing to change: see `toggl entry update --help`")
    workspace_id = entry_workspace(ctx, args)
    return ctx.toggl.time_entries.update(workspace_id, args.time_entry_id, **fields)


def delete_entry(ctx: Context, args: Namespace) -> str:
    ctx.toggl.time_entries.delete(entry_workspace(ctx, args), args.time_entry_id)
    return f"deleted time entry {args.time_entry_id}"


TIME_ENTRY_COMMANDS: tuple[Command, ...] = (
    Command(
        "start", "start the timer: a running time entry from now (POST "
        "/workspaces/ID/time_entries)",
        call=start, arguments=start_arguments, show=show_entry,
    ),
    Command(
        "stop", "stop the running time entry (PATCH .../time_entries/ID/stop)",
        call=stop, show=show_entry,
    ),
    Command(
        "current", "the running time entry, if any (GET /me/time_entries/current)",
        call=lambda ctx, args: ctx.toggl.time_entries.current(), show=show_entry,
    ),
    Command(
        "entries", "your time entries, newest first (GET /me/time_entries)",
        call=entries, arguments=entries_arguments, show=as_table(*ENTRY_COLUMNS),
    ),
    Command(
        "entry", "one time entry",
        subcommands=(
            Command(
                "get", "show it (GET /me/time_entries/ID)",
                call=lambda ctx, args: ctx.toggl.time_entries.get(
                    args.time_entry_id, meta=args.meta or None
                ),
                arguments=entry_get_arguments, show=show_entry,
            ),
            Command(
                "update", "change the given fields (PUT /workspaces/WS/time_entries/ID)",
                call=update_entry, arguments=entry_update_arguments, show=show_entry,
            ),
            Command(
                "delete", "delete it (DELETE /workspaces/WS/time_entries/ID)",
                call=delete_entry, arguments=entry_workspace_arguments,
                show=lambda value, args: str(value),
            ),
        ),
    ),
)
