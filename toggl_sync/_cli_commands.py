"""The subcommands of ``toggl``: one ``Command`` row each in ``COMMANDS``, saying what
arguments it takes, how it calls the client and how its answer is shown as text.
"""

from __future__ import annotations

import math
import os
import sys
import time
from argparse import ArgumentParser, ArgumentTypeError, Namespace
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum
from functools import cached_property
from getpass import getpass
from operator import attrgetter
from typing import Any, TextIO, cast

import msgspec

from toggl_async._constants import (
    DEFAULT_FAN_OUT_CONCURRENCY,
    STATE_URL_ENV_VAR,
    TASKS_PAGE_SIZE,
    TOKEN_ENV_VAR,
)
from toggl_async.resources.preferences import CLIENTS, PreferencesClient
from toggl_async.testing._options import behaviour
from toggl_sync import FanOutResult, MissingCredentialsError, RedisState, Toggl, iter_fan_out

from . import _cli_render as render

PASSWORD_ENV_VAR = "TOGGL_PASSWORD"


class ExitStatus(IntEnum):
    """What ``toggl`` exits with (documented in ``toggl --help``)."""

    OK = 0
    ERROR = 1
    USAGE = 2
    AUTH = 3
    LIMIT = 4
    NETWORK = 5
    INTERRUPTED = 130


class UsageError(Exception):
    """Input the command line itself refuses (exit status 2)."""


# --- argument types ----------------------------------------------------------------------


def since(text: str) -> int | date | datetime:
    """``--since``: UNIX seconds, a date (midnight UTC) or a datetime with a UTC offset."""
    if text.isdigit():
        return int(text)
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        # Python 3.10 reads "+00:00" but not "Z".
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in ("Z", "z") else text)
    except ValueError:
        raise ArgumentTypeError(
            f"expected UNIX seconds, a date (2024-05-01) or a datetime with its UTC offset "
            f"(2024-05-01T09:30Z, 2024-05-01T09:30+02:00), got {text!r}"
        ) from None
    if moment.tzinfo is None:
        raise ArgumentTypeError(
            f"{text!r} has no UTC offset, so its moment is ambiguous; add one, e.g. {text}Z"
        )
    return moment


def positive_or_none(text: str) -> float | None:
    """Seconds or a rate: a positive number, or ``none`` for no limit (0 is refused, as
    the SDK refuses it: it would mean "never", not "no limit")."""
    if text.lower() == "none":
        return None
    try:
        value = float(text)
    except ValueError:
        raise ArgumentTypeError(f"expected a number or 'none', got {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise ArgumentTypeError(f"expected a positive number or 'none', got {text!r}")
    return value


def _integer(text: str, *, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < minimum:
        raise ArgumentTypeError(f"expected a number of at least {minimum}, got {value}")
    return value


def positive(text: str) -> int:
    return _integer(text, minimum=1)


def non_negative(text: str) -> int:
    return _integer(text, minimum=0)


def assignment(text: str) -> tuple[str, Any]:
    """``KEY=VALUE``; the value as JSON when it parses (``true``, ``15``, ``null``,
    ``'"15"'``), else as the text itself (``YYYY-MM-DD``)."""
    key, equals, raw = text.partition("=")
    if not equals or not key:
        raise ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, msgspec.json.decode(raw)
    except msgspec.DecodeError:
        return key, raw


# --- how commands run --------------------------------------------------------------------


class Context:
    """What a command runs against: the options every client gets and, made on first use,
    the client of the one account (``fan-out`` makes its own clients and needs none)."""

    def __init__(self, args: Namespace, stack: ExitStack) -> None:
        self._args = args
        self._stack = stack
        self.options: dict[str, Any] = {
            "timeout": args.timeout, "max_retries": args.max_retries,
            "rate_limit": args.rate_limit,
        }
        if args.base_url is not None:
            self.options["base_url"] = args.base_url
        if args.proxy is not None:
            self.options["proxy"] = args.proxy
        if args.ca_bundle is not None:
            self.options["ssl"] = args.ca_bundle
        state_url = args.state_url or os.environ.get(STATE_URL_ENV_VAR)
        if state_url:
            self.options["state"] = RedisState(state_url)
        self.demo_tokens: list[str] = []
        fake_options = behaviour(args)
        if fake_options and not args.demo:
            raise UsageError(
                f"{', '.join('--' + k.replace('_', '-') for k in fake_options)}: only with --demo"
            )
        if args.demo:
            if args.base_url is not None:
                raise UsageError("--demo answers from an embedded service: drop --base-url")
            # Loaded only here: the fake pulls in its server and generated data.
            from toggl_async.testing import BlockingFakeToggl

            fake = stack.enter_context(BlockingFakeToggl(**fake_options))
            print(
                "toggl: demo mode: answers come from an embedded fake Toggl service "
                "(made-up data, no network)", file=sys.stderr,
            )
            # The fake does not throttle, so neither need we.
            self.options.update(base_url=fake.url, rate_limit=None)
            self.demo_tokens = fake.tokens

    @cached_property
    def toggl(self) -> Toggl:
        return self._stack.enter_context(Toggl(**self._credentials(), **self.options))

    def _credentials(self) -> dict[str, Any]:
        args = self._args
        if self.demo_tokens:
            return {"api_token": self.demo_tokens[0]}
        if args.login_email is not None:
            password = os.environ.get(PASSWORD_ENV_VAR) or getpass(
                f"Toggl password for {args.login_email}: "
            )
            return {"email": args.login_email, "password": password}
        token = args.token if args.token is not None else os.environ.get(TOKEN_ENV_VAR)
        if not token:
            raise MissingCredentialsError(
                f"no credentials: pass --token or set {TOKEN_ENV_VAR}, sign in with --email, "
                f"or try --demo"
            )
        return {"api_token": token}


Call = Callable[[Context, Namespace], Any]
"""How a command calls the client; its answer is what is shown."""
Show = Callable[[Any, Namespace], str]
"""How an answer is shown as text."""


def as_record(value: Any, args: Namespace) -> str:
    return render.record(value)


def as_table(*columns: render.Column, rows: Callable[[Any], Any] = list) -> Show:
    return lambda value, args: render.table(rows(value), columns)


def as_changes(value: Any, args: Namespace) -> str:
    """The keys just set, as the service now has them."""
    return render.record(value, changed_fields(value, args))


def changes_as_json(value: Any, args: Namespace) -> Any:
    """``--json`` of a set: the keys just set, under the service's names."""
    wire = {f.name: f.encode_name for f in msgspec.structs.fields(value)}
    data = value.to_dict()
    return {wire[name]: data.get(wire[name]) for name in changed_fields(value, args)}


def changed_fields(value: Any, args: Namespace) -> list[str]:
    """The attribute names of the keys set (given as attribute names or wire keys)."""
    attribute = {f.encode_name: f.name for f in msgspec.structs.fields(value)}
    return [attribute.get(key, key) for key, _ in args.assignments]


@dataclass(frozen=True)
class Command:
    """One subcommand: its arguments, its call, how its answer is shown."""

    name: str
    help: str
    call: Call | None = None
    """None for a group that only holds subcommands."""
    show: Show = as_record
    arguments: Callable[[ArgumentParser], object] = lambda parser: None
    subcommands: tuple[Command, ...] = ()
    fan_out: str | None = None
    """The no-argument ``AsyncToggl`` method ``toggl fan-out`` calls for this command."""
    status: Callable[[Any], int] = lambda answer: ExitStatus.OK
    """The exit status for an answer."""
    json: Callable[[Any, Namespace], Any] = lambda answer, args: answer
    """What ``--json`` prints of an answer."""


# --- the commands ------------------------------------------------------------------------


def since_argument(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=since, metavar="WHEN",
        help="only what changed since then (deleted items too): UNIX seconds, a date "
        "(midnight UTC) or a datetime with its UTC offset",
    )


def paging_arguments(parser: ArgumentParser) -> None:
    since_argument(parser)
    parser.add_argument(
        "--per-page", type=positive, metavar="N",
        help="page size; alone it shows the first page only",
    )
    parser.add_argument(
        "--all-pages", action="store_true", help="walk every page, --per-page at a time"
    )


def me_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--related", action="store_true",
        help="with related data: clients, projects, tags, tasks, time entries, workspaces",
    )


# me update's options: name -> (type, metavar, help)
ME_FIELDS: dict[str, tuple[Callable[[str], object], str, str | None]] = {
    "fullname": (str, "NAME", None),
    "email": (str, "EMAIL", "the new email address"),
    "timezone": (str, "ZONE", "e.g. Europe/Tallinn"),
    "beginning_of_week": (int, "DAY", "0 Sunday, 1 Monday, ... 6 Saturday"),
    "country_id": (int, "ID", None),
    "default_workspace_id": (int, "ID", None),
}
PASSWORD_PROMPTS = {
    "password": "New Toggl password: ", "current_password": "Current Toggl password: ",
}
PROMPT = object()
"""The value of a password option given without one: ask for it."""


def me_update_arguments(parser: ArgumentParser) -> None:
    for name, (kind, metavar, help) in ME_FIELDS.items():
        parser.add_argument(
            "--" + name.replace("_", "-"), dest="new_" + name, type=kind, metavar=metavar,
            help=help,
        )
    for name in PASSWORD_PROMPTS:
        parser.add_argument(
            "--" + name.replace("_", "-"), dest="new_" + name, nargs="?", const=PROMPT,
            metavar="PASSWORD", help="best without a value: it is then asked for",
        )


def update_me(ctx: Context, args: Namespace) -> Any:
    changes = {
        name: getattr(args, "new_" + name)
        for name in (*ME_FIELDS, *PASSWORD_PROMPTS)
        if getattr(args, "new_" + name) is not None
    }
    if not changes:
        raise UsageError("nothing to change: see `toggl me update --help` for what can be")
    if "password" in changes:
        changes.setdefault("current_password", PROMPT)  # the service asks for both
    for name, prompt in PASSWORD_PROMPTS.items():
        if changes.get(name) is PROMPT:
            changes[name] = getpass(prompt)
    return ctx.toggl.me.update(**changes)


def projects_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--include-archived", action="store_true",
        help="archived projects too (not with --per-page or --all-pages)",
    )
    paging_arguments(parser)


def projects(ctx: Context, args: Namespace) -> Any:
    me = ctx.toggl.me
    if args.per_page is None and not args.all_pages:
        return me.projects(include_archived=args.include_archived or None, since=args.since)
    if args.include_archived:
        raise UsageError(
            "--include-archived does not combine with --per-page or --all-pages "
            "(the paginated endpoint has no such filter)"
        )
    if args.all_pages:
        return list(me.iter_projects(since=args.since, per_page=args.per_page))
    return me.projects_page(since=args.since, per_page=args.per_page)


def tasks_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--include-not-active", action="store_true", help="done tasks too")
    parser.add_argument("--search", metavar="TEXT", help="only tasks whose name has TEXT")
    paging_arguments(parser)


def tasks(ctx: Context, args: Namespace) -> Any:
    me = ctx.toggl.me
    filters = {
        "since": args.since, "include_not_active": args.include_not_active or None,
        "search": args.search,
    }
    if args.all_pages:
        return list(me.iter_tasks(**filters, per_page=args.per_page or TASKS_PAGE_SIZE))
    return me.tasks(**filters, per_page=args.per_page)


def client_arguments(parser: ArgumentParser) -> None:
    """``--client`` (``get`` and ``set`` alike also take the client as their first word)."""
    parser.add_argument(
        "--client", dest="client_option", choices=CLIENTS,
        help="one app's preferences",
    )


def preferences_get_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "client", nargs="?", choices=CLIENTS, help="one app's preferences"
    )
    client_arguments(parser)
    since_argument(parser)


def preference_client(args: Namespace, given: str | None) -> PreferencesClient | None:
    """The client named by the first word or by ``--client`` (argparse has checked both)."""
    if given is not None and args.client_option not in (None, given):
        raise UsageError(f"two clients given: {given} and --client {args.client_option}")
    return cast("PreferencesClient | None", given or args.client_option)


def get_preferences(ctx: Context, args: Namespace) -> Any:
    client = preference_client(args, args.client)
    return ctx.toggl.preferences.get(client, since=args.since)


def assignments_argument(parser: ArgumentParser) -> None:
    parser.add_argument(
        "assignments", nargs="+", type=assignment, metavar="KEY=VALUE",
        help="a snake_case preference name (as `get` lists them) and its value: JSON when "
        "it parses (true, 15, null, '\"15\"'), else text",
    )


def preferences_set_arguments(parser: ArgumentParser) -> None:
    client_arguments(parser)
    parser.add_argument(
        "words", nargs="+", metavar="[CLIENT] KEY=VALUE",
        help="desktop or web for one app's preferences, then each preference (its snake_case "
        "name, as `get` lists them, or the service's key) and value: JSON when it parses "
        "(true, 15, null, '\"15\"'), else text",
    )


def fields_to_set(args: Namespace) -> dict[str, Any]:
    keys = [key for key, _ in args.assignments]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise UsageError(f"given more than once: {', '.join(repeated)}")
    return dict(args.assignments)


def set_preferences(ctx: Context, args: Namespace) -> Any:
    words = list(args.words)
    client = preference_client(args, words.pop(0) if words[0] in CLIENTS else None)
    if not words:
        raise UsageError("nothing to set: give KEY=VALUE after the client")
    try:
        args.assignments = [assignment(word) for word in words]
    except ArgumentTypeError as exc:
        raise UsageError(str(exc)) from None
    ctx.toggl.preferences.update(client, **fields_to_set(args))
    return ctx.toggl.preferences.get(client)  # the service answers the update with nothing


def workspace_argument(parser: ArgumentParser) -> None:
    parser.add_argument("workspace_id", type=positive, metavar="WORKSPACE_ID")


def workspace_set_arguments(parser: ArgumentParser) -> None:
    workspace_argument(parser)
    assignments_argument(parser)


def fan_out_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "tokens_file", nargs="?", metavar="TOKENS_FILE",
        help="API tokens, one a line; blank lines and # comments are ignored; - reads stdin "
        "(with --demo it may be left out: the demo's accounts are used)",
    )
    parser.add_argument(
        "fan_out_command", choices=FAN_OUT_METHODS, metavar="COMMAND",
        help="what to ask every account: %(choices)s",
    )
    parser.add_argument(
        "--concurrency", type=positive, default=DEFAULT_FAN_OUT_CONCURRENCY, metavar="N",
        help="accounts worked on at once (default %(default)s)",
    )
    parser.add_argument(
        "--progress", action="store_true", help="draw the progress bar even when stderr is "
        "not a terminal",
    )


def read_tokens(path: str) -> list[str]:
    try:
        if path == "-":
            lines = sys.stdin.read().splitlines()
        else:
            with open(path, encoding="utf-8") as file:
                lines = file.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the tokens file {path}: {exc}") from None
    tokens = [line.split("#", 1)[0].strip() for line in lines]
    return [token for token in tokens if token]


def fan_out_command(ctx: Context, args: Namespace) -> list[FanOutResult[Any]]:
    if args.tokens_file is not None:
        accounts = read_tokens(args.tokens_file)
    elif ctx.demo_tokens:
        accounts = ctx.demo_tokens
    else:
        raise UsageError("fan-out needs a TOKENS_FILE (only --demo runs without one)")
    if not accounts:
        raise UsageError(f"no tokens in {args.tokens_file}")
    method = attrgetter(FAN_OUT_METHODS[args.fan_out_command])
    bar = ProgressBar(sys.stderr) if args.progress or sys.stderr.isatty() else None
    results: list[FanOutResult[Any]] = []
    try:
        if bar is not None:
            bar(0, len(accounts))  # at once, not when the first account answers
        finished = iter_fan_out(
            accounts, lambda client: method(client)(), concurrency=args.concurrency,
            progress=bar, **ctx.options,
        )
        try:
            results.extend(finished)
        finally:
            # Cancels the accounts still running, now rather than when it is collected.
            finished.close()  # type: ignore[attr-defined]
    except KeyboardInterrupt:
        # Ctrl-C: the rows finished so far are still worth seeing.
        raise Interrupted(sorted(results, key=attrgetter("index"))) from None
    finally:
        if bar is not None:
            bar.clear()
    results.sort(key=attrgetter("index"))
    return results


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a command that has ``partial`` results to show before exiting."""

    def __init__(self, partial: Any) -> None:
        super().__init__()
        self.partial = partial


class ProgressBar:
    """A ``progress(done, total)`` callback redrawing ``[####......] done/total``, the
    rate and the time left, in place on one line; ``clear()`` wipes it."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self._stream = stream
        self._width = width
        self._started = time.monotonic()
        self._drawn = 0

    def __call__(self, done: int, total: int) -> None:
        filled = self._width * done // total if total else self._width
        line = f"[{'#' * filled}{'.' * (self._width - filled)}] {done}/{total}"
        elapsed = time.monotonic() - self._started
        if done and elapsed > 0:
            rate = done / elapsed
            left = (total - done) / rate
            line += f"  {rate:.1f}/s  ETA {int(left) // 60}:{int(left) % 60:02}"
        self._write("\r" + line.ljust(self._drawn))
        self._drawn = len(line)

    def clear(self) -> None:
        if self._drawn:
            self._write("\r" + " " * self._drawn + "\r")
            self._drawn = 0

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()


def show_fan_out(results: list[FanOutResult[Any]], args: Namespace) -> str:
    return render.table(results, (
        ("account", attrgetter("account")),
        (args.fan_out_command, lambda result: summary(result.value) if result.ok else None),
        ("error", lambda result: render.describe_error(result.error) if result.error else None),
    ))


def summary(value: Any) -> object:
    """A list as its length, an object (the user) as its name and email."""
    if isinstance(value, list):
        return len(value)
    return f"{value.fullname} <{value.email}>"


def enabled_features(item: Any) -> list[str]:
    return [feature.name for feature in item.features or () if feature.enabled]


COMMANDS: tuple[Command, ...] = (
    Command(
        "me", "the current user (GET /me); `me update` changes it",
        call=lambda ctx, args: ctx.toggl.me.get(with_related_data=args.related),
        arguments=me_arguments, fan_out="me.get",
        subcommands=(
            Command(
                "update", "change the current user's profile or password (PUT /me)",
                call=update_me, arguments=me_update_arguments,
            ),
        ),
    ),
    Command(
        "projects", "the user's projects (GET /me/projects[/paginated])",
        call=projects, arguments=projects_arguments, fan_out="me.projects",
        show=as_table("id", "name", "workspace_id", "active", "billable", "rate"),
    ),
    Command(
        "tasks", "tasks of the user's projects (GET /me/tasks)",
        call=tasks, arguments=tasks_arguments, fan_out="me.tasks",
        show=as_table("id", "name", "project_id", "workspace_id", "active"),
    ),
    Command(
        "tags", "the user's tags (GET /me/tags)",
        call=lambda ctx, args: ctx.toggl.me.tags(since=args.since),
        arguments=since_argument, fan_out="me.tags",
        show=as_table("id", "name", "workspace_id"),
    ),
    Command(
        "clients", "the user's clients (GET /me/clients)",
        call=lambda ctx, args: ctx.toggl.me.clients(since=args.since),
        arguments=since_argument, fan_out="me.clients",
        show=as_table("id", "name", "wid", "archived"),
    ),
    Command(
        "workspaces", "the user's workspaces (GET /me/workspaces)",
        call=lambda ctx, args: ctx.toggl.me.workspaces(since=args.since),
        arguments=since_argument, fan_out="me.workspaces",
        show=as_table("id", "name", "organization_id", "role", "premium", "default_currency"),
    ),
    Command(
        "organizations", "the user's organizations (GET /me/organizations)",
        call=lambda ctx, args: ctx.toggl.me.organizations(), fan_out="me.organizations",
        show=as_table("id", "name", "pricing_plan_name", "user_count", "admin", "owner"),
    ),
    Command(
        "features", "each workspace's features (GET /me/features)",
        call=lambda ctx, args: ctx.toggl.me.features(), fan_out="me.features",
        show=as_table("workspace_id", ("enabled features", enabled_features)),
    ),
    Command(
        "location", "where the client's IP address is (GET /me/location)",
        call=lambda ctx, args: ctx.toggl.me.location(),
    ),
    Command(
        "logged", "whether the credentials work: true, or false with exit status 3 "
        "(GET /me/logged)",
        call=lambda ctx, args: ctx.toggl.me.logged(),
        show=lambda value, args: render.cell(value),
        status=lambda logged: ExitStatus.OK if logged else ExitStatus.AUTH,
    ),
    Command(
        "reminders", "the reminders to track time (GET /me/track_reminders)",
        call=lambda ctx, args: ctx.toggl.me.track_reminders(), fan_out="me.track_reminders",
        show=as_table("reminder_id", "workspace_id", "frequency", "threshold", "user_ids"),
    ),
    Command(
        "web-timer", "the web timer's time entries (GET /me/web-timer)",
        call=lambda ctx, args: ctx.toggl.me.web_timer(),
        show=as_table(
            "utc_start",
            ("duration", lambda entry: render.duration(
                entry.duration_in_seconds, running=entry.utc_stop is None
            )),
            "project_id", "billable", "description",
            rows=lambda timer: timer.time_entries or [],
        ),
    ),
    Command(
        "preferences", "the user's preferences, overall or of the desktop or web app",
        subcommands=(
            Command(
                "get", "show them (GET /me/preferences[/CLIENT])",
                call=get_preferences, arguments=preferences_get_arguments,
            ),
            Command(
                "set", "set some, e.g. collapse_time_entries=true (POST /me/preferences"
                "[/CLIENT]); shows them as read back",
                call=set_preferences, arguments=preferences_set_arguments, show=as_changes,
                json=changes_as_json,
            ),
        ),
    ),
    Command(
        "workspace-preferences", "a workspace's preferences",
        subcommands=(
            Command(
                "get", "show them (GET /workspaces/ID/preferences)",
                call=lambda ctx, args: ctx.toggl.workspaces.get_preferences(args.workspace_id),
                arguments=workspace_argument,
            ),
            Command(
                "set", "set some, e.g. hide_start_end_times=true (POST "
                "/workspaces/ID/preferences; an admin's right)",
                call=lambda ctx, args: ctx.toggl.workspaces.update_preferences(
                    args.workspace_id, **fields_to_set(args)
                ),
                arguments=workspace_set_arguments, show=as_changes, json=changes_as_json,
            ),
        ),
    ),
    Command(
        "fan-out", "ask many accounts at once: one row per account, its answer or its error",
        call=fan_out_command, arguments=fan_out_arguments, show=show_fan_out,
        status=lambda results: ExitStatus.OK if all(r.ok for r in results) else ExitStatus.ERROR,
    ),
)

FAN_OUT_METHODS = {command.name: command.fan_out for command in COMMANDS if command.fan_out}
