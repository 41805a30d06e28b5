"""``toggl``: the Toggl Track API v9 from the command line, on the blocking ``Toggl`` client.

This module is the entry point: global options, the parser built from the command table
(``_cli_commands.COMMANDS``), and how failures become messages and exit statuses.
Answers are shown by ``_cli_render``: text tables and records, or ``--json``.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from argparse import SUPPRESS, ArgumentParser, Namespace
from argparse import RawDescriptionHelpFormatter as _HelpFormatter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from typing import Any

from toggl_async import __version__
from toggl_async._constants import (
    BASE_URL_ENV_VAR,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RATE_LIMIT,
    DEFAULT_TIMEOUT,
    TOKEN_ENV_VAR,
)
from toggl_async.testing._options import add_behaviour_arguments
from toggl_sync import (
    APIConnectionError,
    AuthenticationError,
    InvalidArgumentError,
    MissingCredentialsError,
    QuotaExceededError,
    RateLimitError,
    TogglError,
)

from . import _cli_render as render
from ._cli_commands import (
    COMMANDS as ME_COMMANDS,
)
from ._cli_commands import (
    PASSWORD_ENV_VAR,
    Command,
    Context,
    ExitStatus,
    Interrupted,
    UsageError,
    non_negative,
    positive_or_none,
)
from ._cli_projects import SUBCOMMANDS as WORKSPACE_SUBCOMMANDS
from ._cli_time_entries import TIME_ENTRY_COMMANDS

# The /me commands, with the workspace-level subcommands joined to those they extend.
COMMANDS = tuple(
    replace(command, subcommands=command.subcommands + WORKSPACE_SUBCOMMANDS[command.name])
    if command.name in WORKSPACE_SUBCOMMANDS else command
    for command in ME_COMMANDS
)

# The exit status of a failure: the first row whose kinds match. Order matters: a missing
# token and a refused argument are TogglErrors too.
EXIT_CODES: tuple[tuple[type[Exception] | tuple[type[Exception], ...], int], ...] = (
    ((MissingCredentialsError, InvalidArgumentError), ExitStatus.USAGE),
    (AuthenticationError, ExitStatus.AUTH),
    ((QuotaExceededError, RateLimitError), ExitStatus.LIMIT),
    (APIConnectionError, ExitStatus.NETWORK),
    (TogglError, ExitStatus.ERROR),
    ((UsageError, TypeError, ValueError), ExitStatus.USAGE),
)

EPILOG = f"""\
credentials:
  --token TOKEN, else ${TOKEN_ENV_VAR}; or --email EMAIL with the password from
  ${PASSWORD_ENV_VAR} or a prompt; or --demo: an embedded fake service, made-up data.
  Options before the command choose the account and connection; --json and --debug go
  anywhere. Tokens and passwords are never printed.

exit status:
  0    success
  1    any other Toggl error (server error, unreadable answer, ...);
       fan-out: at least one account failed (its row says why)
  2    bad input or usage, no credentials
  3    authentication or permission refused (401, 403); logged: false
  4    hourly quota or rate limit exceeded (402 quota, 429)
  5    network: cannot connect, connection lost, timed out
  130  interrupted

examples:
  toggl --demo projects
  toggl projects --since 2024-05-01 --json
  toggl tasks --all-pages --per-page 100
  toggl preferences set collapse_time_entries=true date_format=YYYY-MM-DD
  toggl fan-out tokens.txt projects --concurrency 10
  toggl start "Code review" --project 201899518 --tags review,deep-work
  toggl entries --start 2024-05-06 --end 2024-05-12 --meta
"""


# --- the parser --------------------------------------------------------------------------


def output_options(parser: ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--json", action="store_true", default=default,
        help="print JSON, with the key names the service uses",
    )
    parser.add_argument(
        "--debug", action="store_true", default=default,
        help="log every request to stderr, and show the traceback of an error",
    )


def connection_options(parser: ArgumentParser) -> None:
    account = parser.add_argument_group("account").add_mutually_exclusive_group()
    account.add_argument("--token", help=f"API token (default: ${TOKEN_ENV_VAR})")
    account.add_argument(
        "--email", dest="login_email", metavar="EMAIL",
        help=f"sign in with email and password (from ${PASSWORD_ENV_VAR}, or asked for)",
    )
    account.add_argument(
        "--demo", action="store_true",
        help="use an embedded fake service instead: no account, no network",
    )
    add_behaviour_arguments(parser.add_argument_group(
        "demo", "with --demo, how the embedded service behaves (a slow or failing service)"
    ))
    connection = parser.add_argument_group("connection")
    connection.add_argument(
        "--base-url", metavar="URL", help=f"default: ${BASE_URL_ENV_VAR}, else {DEFAULT_BASE_URL}"
    )
    connection.add_argument(
        "--proxy", metavar="URL", help="an http:// proxy (default: $HTTPS_PROXY, $NO_PROXY)"
    )
    connection.add_argument(
        "--ca-bundle", metavar="FILE", help="verify the service with these CA certificates"
    )
    connection.add_argument(
        "--timeout", type=positive_or_none, default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help="per request, or none for no limit (default: %(default)s)",
    )
    connection.add_argument(
        "--max-retries", type=non_negative, default=DEFAULT_MAX_RETRIES, metavar="N",
        help="after a network error, 429 or 5xx (default: %(default)s)",
    )
    connection.add_argument(
        "--rate-limit", type=positive_or_none, default=DEFAULT_RATE_LIMIT, metavar="PER_SECOND",
        help="requests per second per account, or none (default: %(default)s)",
    )


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="toggl", description="The Toggl Track API v9 from the command line.",
        epilog=EPILOG, formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"toggl {__version__}")
    connection_options(parser)
    output_options(parser, default=False)
    # --json and --debug may follow the command too; there they must not reset the value
    # given before it, hence no default.
    anywhere = ArgumentParser(add_help=False)
    output_options(anywhere, default=SUPPRESS)
    add_commands(parser, (*COMMANDS, *TIME_ENTRY_COMMANDS), anywhere)
    return parser


def add_commands(
    parser: ArgumentParser, commands: Sequence[Command], anywhere: ArgumentParser
) -> None:
    # A command with subcommands may run without one too (`me`, `me update`).
    runs_alone = parser.get_default("command") is not None
    choices = parser.add_subparsers(title="commands", metavar="COMMAND", required=not runs_alone)
    for command in commands:
        sub = choices.add_parser(
            command.name, help=command.help, description=command.help, parents=[anywhere]
        )
        command.arguments(sub)
        if command.call is not None:
            sub.set_defaults(command=command)
        if command.subcommands:
            add_commands(sub, command.subcommands, anywhere)


# --- running -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error argparse has already reported
        return stop.code if isinstance(stop.code, int) else ExitStatus.USAGE
    with debug_logging(args.debug):
        return run(args)


def run(args: Namespace) -> int:
    command: Command = args.command
    assert command.call is not None  # groups require a subcommand
    try:
        with ExitStack() as stack:
            value = command.call(Context(args, stack), args)
            # Flushed here, so that a reader gone away is noticed here (BrokenPipeError).
            shown = render.to_json(command.json(value, args)) if args.json else command.show(
                value, args
            )
            print(shown, flush=True)
            return command.status(value)
    except KeyboardInterrupt as interrupt:
        if isinstance(interrupt, Interrupted) and interrupt.partial:
            partial = interrupt.partial
            print(render.to_json(command.json(partial, args)) if args.json else command.show(
                partial, args
            ))
        print("\ntoggl: interrupted", file=sys.stderr)
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # The reader left (`toggl projects | head`): not an error. Point stdout at devnull
        # so that the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitStatus.OK
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        status, message = failure(exc)
        print(f"toggl: error: {message}", file=sys.stderr)
        return status


def failure(exc: Exception) -> tuple[int, str]:
    for kinds, status in EXIT_CODES:
        if isinstance(exc, kinds):
            return status, str(exc)
    return ExitStatus.ERROR, f"unexpected {type(exc).__name__}: {exc} (--debug shows where)"


@contextmanager
def debug_logging(enabled: bool) -> Iterator[None]:
    """With --debug, the SDK's log (one line per request) goes to stderr."""
    if not enabled:
        yield
        return
    logger = logging.getLogger("toggl_async")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("toggl: %(levelname)s: %(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
