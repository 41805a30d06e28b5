"""The workspace-level subcommands of ``toggl projects|clients|tags|tasks``: list, create,
update, delete (and archive/restore for clients). Without ``--workspace`` they work in the
user's default workspace. The commands alone still list what /me sees."""

from __future__ import annotations

from argparse import ArgumentParser, ArgumentTypeError, Namespace
from typing import Any

from toggl_async._constants import PROJECTS_MAX_PAGE_SIZE

from ._cli_commands import (
    Command,
    Context,
    UsageError,
    as_record,
    as_table,
    assignment,
    fields_to_set,
    positive,
    since,
)
from ._cli_time_entries import workspace_of

PROJECT_COLUMNS = ("id", "name", "client_id", "active", "status", "color")
CLIENT_COLUMNS = ("id", "name", "archived", "notes")
TAG_COLUMNS = ("id", "name", "workspace_id")
TASK_COLUMNS = ("id", "name", "project_id", "active", "user_id", "estimated_seconds")


def id_list(text: str) -> list[int]:
    """``--client-ids 1,2,3``."""
    try:
        ids = [int(part) for part in text.split(",")]
    except ValueError:
        raise ArgumentTypeError(f"expected ids separated by commas, got {text!r}") from None
    if any(value <= 0 for value in ids):
        raise ArgumentTypeError(f"ids are positive, got {text!r}")
    return ids


def active(text: str) -> bool | str:
    """``--active true|false|both``."""
    choices: dict[str, bool | str] = {"true": True, "false": False, "both": "both"}
    if text.lower() not in choices:
        raise ArgumentTypeError(f"expected true, false or both, got {text!r}")
    return choices[text.lower()]


def workspace_option(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--workspace", type=positive, metavar="ID",
        help="the workspace (default: the user's default workspace)",
    )


def fields_argument(parser: ArgumentParser, what: str) -> None:
    parser.add_argument(
        "assignments", nargs="*", type=assignment, metavar="KEY=VALUE",
        help=f"{what} fields to set, e.g. color='\"#0b83d9\"' or is_private=false: JSON when "
        "it parses, else text",
    )


def entity_id(parser: ArgumentParser, name: str) -> None:
    parser.add_argument(name.lower(), type=positive, metavar=name.upper())


# --- projects ------------------------------------------------------------------------------


def project_list_arguments(parser: ArgumentParser) -> None:
    workspace_option(parser)
    parser.add_argument("--active", type=active, metavar="true|false|both",
                        help="active or archived projects, or both")
    parser.add_argument("--client-ids", type=id_list, metavar="ID,...")
    parser.add_argument("--name", metavar="TEXT", help="only projects whose name has TEXT")
    parser.add_argument("--changed-since", dest="changed_since", type=since, metavar="WHEN",
                        help="only projects changed since then")
    parser.add_argument("--page-size", dest="page_size", type=positive, metavar="N",
                        default=PROJECTS_MAX_PAGE_SIZE,
                        help="projects per request, at most %(default)s (default)")


def list_projects(ctx: Context, args: Namespace) -> Any:
    return list(ctx.toggl.projects.iter(
        workspace_of(ctx, args), per_page=args.page_size, active=args.active,
        client_ids=args.client_ids, name=args.name, since=args.changed_since,
    ))


def project_create_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME")
    workspace_option(parser)
    parser.add_argument("--client-id", type=positive, metavar="ID")
    parser.add_argument("--color", metavar="#RRGGBB")
    fields_argument(parser, "more project")


def create_project(ctx: Context, args: Namespace) -> Any:
    fields = fields_to_set(args)
    for name in ("client_id", "color"):
        if getattr(args, name) is not None:
            fields[name] = getattr(args, name)
    return ctx.toggl.projects.create(workspace_of(ctx, args), name=args.name, **fields)


def update_arguments(*ids: str) -> Any:
    def arguments(parser: ArgumentParser) -> None:
        for name in ids:
            entity_id(parser, name)
        workspace_option(parser)
        fields_argument(parser, "the")

    return arguments


def delete_arguments(*ids: str, extra: Any = None) -> Any:
    def arguments(parser: ArgumentParser) -> None:
        for name in ids:
            entity_id(parser, name)
        workspace_option(parser)
        if extra is not None:
            extra(parser)

    return arguments


def deletion_mode(parser: ArgumentParser) -> None:
    parser.add_argument("--time-entries", dest="time_entries", choices=("delete", "unassign"),
                        help="what becomes of the project's time entries")


def deleted(what: str) -> Any:
    return lambda value, args: f"deleted {what} {getattr(args, what + '_id')}"


def changed(args: Namespace) -> dict[str, Any]:
    fields = fields_to_set(args)
    if not fields:
        raise UsageError("nothing to change: give KEY=VALUE pairs")
    return fields


PROJECT_SUBCOMMANDS = (
    Command("list", "a workspace's projects, every page (GET /workspaces/ID/projects)",
            call=list_projects, arguments=project_list_arguments,
            show=as_table(*PROJECT_COLUMNS)),
    Command("create", "a new project, active (POST /workspaces/ID/projects)",
            call=create_project, arguments=project_create_arguments),
    Command("update", "change a project's fields (PUT /workspaces/ID/projects/PROJECT_ID)",
            call=lambda ctx, args: ctx.toggl.projects.update(
                workspace_of(ctx, args), args.project_id, **changed(args)),
            arguments=update_arguments("project_id"), show=as_record),
    Command("delete", "delete a project (DELETE /workspaces/ID/projects/PROJECT_ID)",
            call=lambda ctx, args: ctx.toggl.projects.delete(
                workspace_of(ctx, args), args.project_id, time_entries=args.time_entries),
            arguments=delete_arguments("project_id", extra=deletion_mode),
            show=deleted("project")),
)


# --- clients -------------------------------------------------------------------------------


def client_list_arguments(parser: ArgumentParser) -> None:
    workspace_option(parser)
    parser.add_argument("--status", choices=("active", "archived", "both"))
    parser.add_argument("--name", metavar="TEXT", help="only clients whose name has TEXT")


def client_create_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME")
    workspace_option(parser)
    parser.add_argument("--notes", metavar="TEXT")


def restore_arguments(parser: ArgumentParser) -> None:
    entity_id(parser, "client_id")
    workspace_option(parser)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--projects", type=id_list, metavar="ID,...",
                       help="restore these of its projects too")
    which.add_argument("--all-projects", action="store_true",
                       help="restore all of its projects too")


def client_call(method: str) -> Any:
    return lambda ctx, args: getattr(ctx.toggl.clients, method)(
        workspace_of(ctx, args), args.client_id
    )


CLIENT_SUBCOMMANDS = (
    Command("list", "a workspace's clients (GET /workspaces/ID/clients)",
            call=lambda ctx, args: ctx.toggl.clients.list(
                workspace_of(ctx, args), status=args.status, name=args.name),
            arguments=client_list_arguments, show=as_table(*CLIENT_COLUMNS)),
    Command("create", "a new client (POST /workspaces/ID/clients)",
            call=lambda ctx, args: ctx.toggl.clients.create(
                workspace_of(ctx, args), name=args.name,
                **({} if args.notes is None else {"notes": args.notes})),
            arguments=client_create_arguments),
    Command("update", "change a client's name or notes (PUT /workspaces/ID/clients/ID)",
            call=lambda ctx, args: ctx.toggl.clients.update(
                workspace_of(ctx, args), args.client_id, **changed(args)),
            arguments=update_arguments("client_id")),
    Command("delete", "delete a client (DELETE /workspaces/ID/clients/ID)",
            call=client_call("delete"), arguments=delete_arguments("client_id"),
            show=deleted("client")),
    Command("archive", "archive a client and its projects; lists the projects archived "
            "(POST /workspaces/ID/clients/ID/archive)",
            call=client_call("archive"), arguments=delete_arguments("client_id"),
            show=lambda ids, args: "\n".join(map(str, ids))),
    Command("restore", "restore an archived client (POST /workspaces/ID/clients/ID/restore)",
            call=lambda ctx, args: ctx.toggl.clients.restore(
                workspace_of(ctx, args), args.client_id,
                projects="all" if args.all_projects else args.projects),
            arguments=restore_arguments),
)


# --- tags ----------------------------------------------------------------------------------


def tag_list_arguments(parser: ArgumentParser) -> None:
    workspace_option(parser)
    parser.add_argument("--name", metavar="TEXT", help="only tags whose name has TEXT")


def tag_create_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME")
    workspace_option(parser)


def tag_rename_arguments(parser: ArgumentParser) -> None:
    entity_id(parser, "tag_id")
    parser.add_argument("name", metavar="NEW_NAME")
    workspace_option(parser)


TAG_SUBCOMMANDS = (
    Command("list", "a workspace's tags (GET /workspaces/ID/tags)",
            call=lambda ctx, args: ctx.toggl.tags.list(workspace_of(ctx, args), search=args.name),
            arguments=tag_list_arguments, show=as_table(*TAG_COLUMNS)),
    Command("create", "a new tag (POST /workspaces/ID/tags)",
            call=lambda ctx, args: ctx.toggl.tags.create(workspace_of(ctx, args), args.name),
            arguments=tag_create_arguments),
    Command("update", "rename a tag (PUT /workspaces/ID/tags/TAG_ID)",
            call=lambda ctx, args: ctx.toggl.tags.update(
                workspace_of(ctx, args), args.tag_id, args.name),
            arguments=tag_rename_arguments),
    Command("delete", "delete a tag (DELETE /workspaces/ID/tags/TAG_ID)",
            call=lambda ctx, args: ctx.toggl.tags.delete(workspace_of(ctx, args), args.tag_id),
            arguments=delete_arguments("tag_id"), show=deleted("tag")),
)


# --- tasks ---------------------------------------------------------------------------------


def task_list_arguments(parser: ArgumentParser) -> None:
    workspace_option(parser)
    parser.add_argument("--project", type=positive, metavar="ID", help="one project's tasks")
    parser.add_argument("--active", type=active, metavar="true|false|both")
    parser.add_argument("--name", metavar="TEXT", help="only tasks whose name has TEXT")


def list_tasks(ctx: Context, args: Namespace) -> Any:
    return list(ctx.toggl.tasks.iter_workspace(
        workspace_of(ctx, args), project_id=args.project, active=args.active, search=args.name
    ))


def task_create_arguments(parser: ArgumentParser) -> None:
    entity_id(parser, "project_id")
    parser.add_argument("name", metavar="NAME")
    workspace_option(parser)
    fields_argument(parser, "more task")


TASK_SUBCOMMANDS = (
    Command("list", "a workspace's tasks, every page (GET /workspaces/ID/tasks)",
            call=list_tasks, arguments=task_list_arguments, show=as_table(*TASK_COLUMNS)),
    Command("create", "a new task of a project (POST .../projects/PROJECT_ID/tasks)",
            call=lambda ctx, args: ctx.toggl.tasks.create(
                workspace_of(ctx, args), args.project_id, name=args.name,
                **fields_to_set(args)),
            arguments=task_create_arguments),
    Command("update", "change a task, e.g. active=false when done "
            "(PUT .../projects/PROJECT_ID/tasks/TASK_ID)",
            call=lambda ctx, args: ctx.toggl.tasks.update(
                workspace_of(ctx, args), args.project_id, args.task_id, **changed(args)),
            arguments=update_arguments("project_id", "task_id")),
    Command("delete", "delete a task (DELETE .../projects/PROJECT_ID/tasks/TASK_ID)",
            call=lambda ctx, args: ctx.toggl.tasks.delete(
                workspace_of(ctx, args), args.project_id, args.task_id),
            arguments=delete_arguments("project_id", "task_id"), show=deleted("task")),
)

SUBCOMMANDS: dict[str, tuple[Command, ...]] = {
    "projects": PROJECT_SUBCOMMANDS,
    "clients": CLIENT_SUBCOMMANDS,
    "tags": TAG_SUBCOMMANDS,
    "tasks": TASK_SUBCOMMANDS,
}
"""The workspace-level subcommands, by the command they extend."""
