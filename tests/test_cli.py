"""The ``toggl`` command line: every subcommand, output formats, exit codes, secrets."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import toggl_async
from toggl_async.testing import BlockingFakeToggl
from toggl_sync import _cli
from toggl_sync import _cli_commands as commands
from toggl_sync import _cli_render as render
from toggl_sync._resources import MeResource

# The demo and the toggl_fake fixture serve the same made-up data: BlockingFakeToggl()'s.
# Its first account has 387 active projects, 450 with the archived ones, 455 with the
# deleted ones too (which --since includes).
EMAIL = "ada.lovelace@example.com"
PROJECT = "Harbor Design 1"
PROJECTS = 387
TASKS = 95
WORKSPACE_ID = 8300006
FAST = ("--rate-limit", "none", "--max-retries", "0")


@dataclass
class Outcome:
    status: int
    out: str
    err: str

    def rows(self) -> list[str]:
        """The data lines of a table (after the heading and its underline)."""
        return self.out.splitlines()[2:]


Run = Callable[..., Outcome]


@pytest.fixture(autouse=True)
def _no_credentials_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOGGL_API_TOKEN", raising=False)
    monkeypatch.delenv(commands.PASSWORD_ENV_VAR, raising=False)


@pytest.fixture
def toggl(capsys: pytest.CaptureFixture[str]) -> Run:
    """Runs ``toggl ARGV...`` in this process."""

    def run(*argv: str) -> Outcome:
        status = _cli.main(list(argv))
        captured = capsys.readouterr()
        return Outcome(status, captured.out, captured.err)

    return run


@pytest.fixture
def api(toggl: Run, toggl_fake: BlockingFakeToggl) -> Run:
    """Runs ``toggl ARGV...`` against the toggl_fake fixture, as its first account."""
    return lambda *argv: toggl(
        "--base-url", toggl_fake.url, "--token", toggl_fake.token, *FAST, *argv
    )


@pytest.fixture
def demo(toggl: Run) -> Run:
    return lambda *argv: toggl("--demo", *argv)


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v9"


# --- every subcommand, against the demo and against a fake via --base-url ----------------

# argv -> text the output must contain (and, for tables, how many rows).
READ_COMMANDS: list[tuple[list[str], str, int | None]] = [
    (["me"], EMAIL, None),
    (["me", "--related"], "time_entries              [241 items]", None),
    (["projects"], PROJECT, PROJECTS),
    (["projects", "--include-archived", "--since", "2020-01-01"], PROJECT, 455),
    (["projects", "--per-page", "5"], PROJECT, 5),
    (["projects", "--all-pages", "--per-page", "100"], PROJECT, 450),
    (["tasks"], "Testing task 2", TASKS),
    (["tasks", "--per-page", "10"], "Testing task 2", 10),
    (["tasks", "--all-pages", "--per-page", "10"], "Testing task 2", TASKS),
    (["tasks", "--search", "testing", "--include-not-active"], "Testing task 2", None),
    (["tags", "--since", "1700000000"], "deep-work", 30),
    (["clients"], "Acme Corp", 9),
    (["workspaces", "--since", "2020-01-01T00:00:00+02:00"], "Main workspace", 3),
    (["organizations"], "Lovelace Labs", 1),
    (["features"], "tracking_reminders", 3),
    (["location"], "Tallinn", None),
    (["logged"], "true", None),
    (["reminders"], "40001", 2),
    (["web-timer"], "flaky test", 10),
    (["preferences", "get"], "collapse_time_entries", None),
    (["preferences", "get", "web", "--since", "2020-01-01"], "date_format", None),
    (["workspace-preferences", "get", str(WORKSPACE_ID)], "hide_start_end_times", None),
]
WRITE_COMMANDS: list[tuple[list[str], str, int | None]] = [
    (["me", "update", "--fullname", "Ada King", "--beginning-of-week", "0"], "Ada King", None),
    (["preferences", "set", "date_format=YYYY-MM-DD"], "YYYY-MM-DD", None),
    (
        ["workspace-preferences", "set", str(WORKSPACE_ID), "hide_start_end_times=true"],
        "hide_start_end_times  true", None,
    ),
]
COMMAND_CASES = READ_COMMANDS + WRITE_COMMANDS
CASE_IDS = [" ".join(argv) for argv, _, _ in COMMAND_CASES]


def runnable(group: tuple[commands.Command, ...], prefix: str = "") -> set[str]:
    """The names of every command that runs (``me``, ``me update``), groups left out."""
    names = set()
    for command in group:
        name = prefix + command.name
        if command.call is not None:
            names.add(name)
        names |= runnable(command.subcommands, name + " ")
    return names


def command_of(argv: list[str]) -> str:
    group, words = commands.COMMANDS, []
    for word in argv:
        command = next((command for command in group if command.name == word), None)
        if command is None:
            break
        words.append(word)
        group = command.subcommands
    return " ".join(words)


def test_the_cases_cover_every_command() -> None:
    covered = {command_of(argv) for argv, _, _ in COMMAND_CASES}
    assert covered | {"fan-out"} == runnable(commands.COMMANDS)  # fan-out: tested below


@pytest.mark.parametrize(("argv", "expected", "rows"), COMMAND_CASES, ids=CASE_IDS)
def test_every_command_in_demo_mode(
    demo: Run, argv: list[str], expected: str, rows: int | None
) -> None:
    result = demo(*argv)
    assert (result.status, result.err.count("\n")) == (0, 1)
    assert "demo mode" in result.err and "no network" in result.err
    assert expected in result.out
    if rows is not None:
        assert len(result.rows()) == rows


@pytest.mark.parametrize(("argv", "expected", "rows"), COMMAND_CASES, ids=CASE_IDS)
def test_every_command_against_a_service(
    api: Run, toggl_fake: BlockingFakeToggl, argv: list[str], expected: str, rows: int | None
) -> None:
    result = api(*argv)
    assert (result.status, result.err) == (0, "")
    assert expected in result.out
    if rows is not None:
        assert len(result.rows()) == rows
    assert toggl_fake.request_count > 0


def test_tables_are_aligned_and_records_are_name_value_lines(demo: Run) -> None:
    table = demo("projects", "--per-page", "3").out.splitlines()
    assert table[0].split() == ["id", "name", "workspace_id", "active", "billable", "rate"]
    assert set(table[1]) == {"-", " "}
    # Every row ends where the underline does: the rate column is right-aligned.
    assert {len(line) for line in table[1:]} == {len(table[1])}
    record = demo("location").out.splitlines()
    assert record[0].split() == ["city", "Tallinn"]
    assert len({line.index(line.split()[1]) for line in record}) == 1


def test_pages_are_walked_lazily_page_by_page(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    projects = api("projects", "--all-pages", "--per-page", "100").rows()
    pages = [r for r in toggl_fake.requests if r.path.endswith("/me/projects/paginated")]
    assert len(pages) == len(projects) // 100 + 1


def test_location_unknown_reads_none(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    toggl_fake.inject(path="/me/location", body="null")
    assert api("location").out == "(none)\n"


# --- --json --------------------------------------------------------------------------------


def test_json_lists_are_arrays_with_the_service_key_names(api: Run) -> None:
    projects = json.loads(api("--json", "projects").out)
    assert len(projects) == PROJECTS
    assert {"id", "name", "workspace_id", "wid", "active"} <= projects[0].keys()
    assert projects[0]["name"] == PROJECT


def test_json_uses_the_wire_names_of_renamed_fields(api: Run) -> None:
    preferences = json.loads(api("preferences", "get", "--json").out)
    assert {"collapseTimeEntries", "BeginningOfWeek", "date_format"} <= preferences.keys()
    assert "collapse_time_entries" not in preferences


def test_json_may_come_before_or_after_the_command(api: Run) -> None:
    assert api("--json", "tags").out == api("tags", "--json").out


def test_json_of_scalars_and_nothing(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    assert json.loads(api("logged", "--json").out) is True
    toggl_fake.inject(path="/me/location", body="null")
    assert json.loads(api("location", "--json").out) is None


def test_json_masks_tokens(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    me = json.loads(api("me", "--related", "--json").out)
    assert me["email"] == EMAIL and me["api_token"] == render.MASK
    assert {workspace["api_token"] for workspace in me["workspaces"]} <= {render.MASK}


# --- preferences round trips -----------------------------------------------------------------


def test_preferences_set_then_get(api: Run) -> None:
    result = api("preferences", "set", "collapse_time_entries=false", "date_format=YYYY-MM-DD",
                 "pomodoro_interval_end_volume=35")
    assert result.status == 0
    # Only the keys set, as read back.
    assert result.out.split() == [
        "collapse_time_entries", "false", "date_format", "YYYY-MM-DD",
        "pomodoro_interval_end_volume", "35",
    ]
    preferences = json.loads(api("--json", "preferences", "get").out)
    assert preferences["collapseTimeEntries"] is False
    assert preferences["date_format"] == "YYYY-MM-DD"
    assert preferences["pomodoro_interval_end_volume"] == 35


def test_preferences_of_one_app(api: Run) -> None:
    assert api("preferences", "set", "--client", "desktop", "timeofday_format=h:mm A").status == 0
    assert "h:mm A" in api("preferences", "get", "desktop").out
    assert "h:mm A" in api("preferences", "get", "--client", "desktop").out
    assert "h:mm A" not in api("preferences", "get").out
    # The client comes the same way to get and set: first word or --client.
    assert api("preferences", "set", "web", "timeofday_format=H:mm").status == 0
    assert "H:mm" in api("preferences", "get", "web").out
    clash = api("preferences", "get", "web", "--client", "desktop")
    assert clash.status == 2 and "two clients given" in clash.err


def test_json_is_the_models_to_dict(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    toggl_fake.accounts[0].preferences["aPreferenceFromNextYear"] = {"on": True}
    preferences = json.loads(api("--json", "preferences", "get").out)
    assert preferences["aPreferenceFromNextYear"] == {"on": True} and "extra" not in preferences


def test_preferences_set_json_prints_what_it_set(api: Run) -> None:
    result = api("--json", "preferences", "set", "collapse_time_entries=false",
                 "date_format=YYYY-MM-DD")
    assert json.loads(result.out) == {"collapseTimeEntries": False, "date_format": "YYYY-MM-DD"}
    text = api("preferences", "set", "collapseTimeEntries=true").out
    assert text.split() == ["collapse_time_entries", "true"]


def test_preference_values_are_json_when_they_parse() -> None:
    assert commands.assignment("a=true") == ("a", True)
    assert commands.assignment("a=null") == ("a", None)
    assert commands.assignment('a="15"') == ("a", "15")
    assert commands.assignment("a=YYYY-MM-DD") == ("a", "YYYY-MM-DD")
    assert commands.assignment("a=x=y") == ("a", "x=y")
    assert commands.assignment("a=") == ("a", "")


def test_workspace_preferences_set_then_get(api: Run) -> None:
    argv = ("workspace-preferences", "set", str(WORKSPACE_ID), "hide_start_end_times=true")
    assert api(*argv).status == 0
    result = api("--json", "workspace-preferences", "get", str(WORKSPACE_ID))
    assert json.loads(result.out)["hide_start_end_times"] is True


# --- me update and passwords -----------------------------------------------------------------


def test_me_update_changes_only_the_given_fields(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    result = api("me", "update", "--timezone", "Europe/Tallinn", "--country-id", "70")
    assert result.status == 0 and "Europe/Tallinn" in result.out
    assert toggl_fake.requests[-1].json == {"timezone": "Europe/Tallinn", "country_id": 70}


def test_password_change_asks_for_both_passwords(
    api: Run, toggl_fake: BlockingFakeToggl, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = toggl_fake.accounts[0]
    old_password = account.password
    answers = {"New Toggl password: ": "correct horse", "Current Toggl password: ": old_password}
    monkeypatch.setattr(commands, "getpass", answers.__getitem__)
    result = api("me", "update", "--password")
    assert result.status == 0
    assert account.password == "correct horse"
    assert "correct horse" not in result.out + result.err
    assert old_password not in result.out + result.err


def test_email_sign_in_with_the_password_from_the_environment(
    toggl: Run, toggl_fake: BlockingFakeToggl, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = toggl_fake.accounts[0]
    monkeypatch.setenv(commands.PASSWORD_ENV_VAR, account.password)
    result = toggl("--base-url", toggl_fake.url, "--email", account.email, *FAST, "--debug", "me")
    assert result.status == 0 and EMAIL in result.out
    assert account.password not in result.out + result.err


def test_email_sign_in_asks_for_the_password(
    toggl: Run, toggl_fake: BlockingFakeToggl, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = toggl_fake.accounts[0]
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return account.password

    monkeypatch.setattr(commands, "getpass", answer)
    result = toggl("--base-url", toggl_fake.url, "--email", account.email, *FAST, "logged")
    assert (result.status, result.out) == (0, "true\n")
    assert prompts == [f"Toggl password for {account.email}: "]


def test_the_token_may_come_from_the_environment(
    toggl: Run, toggl_fake: BlockingFakeToggl, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOGGL_API_TOKEN", toggl_fake.token)
    assert toggl("--base-url", toggl_fake.url, *FAST, "me").status == 0


# --- exit codes and error messages -----------------------------------------------------------


def test_help_documents_the_exit_codes(toggl: Run) -> None:
    result = toggl("--help")
    assert result.status == 0
    for line in ("0    success", "2    bad input", "3    authentication", "4    hourly quota",
                 "5    network", "130  interrupted"):
        assert line in result.out
    assert {"fan-out", "web-timer", "workspace-preferences"} <= set(result.out.split())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "required: COMMAND"),
        (["nonsense"], "invalid choice"),
        (["preferences"], "required: COMMAND"),
        (["projects", "--since", "yesterday"], "expected UNIX seconds"),
        (["projects", "--since", "2024-05-01T09:30"], "has no UTC offset"),
        (["projects", "--per-page", "0"], "at least 1"),
        (["--rate-limit", "fast", "me"], "expected a number or 'none'"),
        (["--timeout", "-1", "me"], "positive number"),
        (["--token", "x", "--demo", "me"], "not allowed with argument"),
        (["preferences", "set", "collapse_time_entries"], "expected KEY=VALUE"),
        (["workspace-preferences", "get", "abc"], "whole number"),
    ],
)
def test_bad_usage_exits_2(toggl: Run, argv: list[str], message: str) -> None:
    result = toggl(*argv)
    assert result.status == 2
    assert message in result.err and "Traceback" not in result.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["preferences", "set", "collapse_time_entrie=true"], "did you mean"),
        (["preferences", "set", "date_format=1"], "date_format"),
        (["preferences", "set", "a=1", "a=2"], "given more than once: a"),
        (["me", "update"], "nothing to change"),
        (["me", "update", "--beginning-of-week", "9"], "beginning_of_week"),
        (["projects", "--include-archived", "--all-pages"], "does not combine"),
        (["--base-url", "http://example.com", "me"], "https"),
    ],
)
def test_input_the_sdk_refuses_exits_2_before_any_request(
    api: Run, toggl_fake: BlockingFakeToggl, argv: list[str], message: str
) -> None:
    result = api(*argv)
    assert result.status == 2
    assert result.err.startswith("toggl: error: ") and message in result.err
    assert result.err.count("\n") == 1
    assert toggl_fake.request_count == 0


def test_no_credentials_exits_2(toggl: Run) -> None:
    result = toggl("me")
    assert result.status == 2
    assert result.err == (
        "toggl: error: no credentials: pass --token or set TOGGL_API_TOKEN, "
        "sign in with --email, or try --demo\n"
    )


def test_demo_with_a_base_url_exits_2(toggl: Run) -> None:
    assert toggl("--demo", "--base-url", "https://example.com", "me").status == 2


def test_a_wrong_token_exits_3(toggl: Run, toggl_fake: BlockingFakeToggl) -> None:
    result = toggl("--base-url", toggl_fake.url, "--token", "wrong", *FAST, "me")
    assert result.status == 3
    assert result.err.startswith("toggl: error: HTTP 403")
    assert "Traceback" not in result.err


def test_logged_false_exits_3(toggl: Run, toggl_fake: BlockingFakeToggl) -> None:
    result = toggl("--base-url", toggl_fake.url, "--token", "wrong", *FAST, "logged")
    assert (result.status, result.out) == (3, "false\n")


@pytest.mark.toggl_fake(quota=1)
def test_an_exhausted_quota_exits_4(api: Run) -> None:
    assert api("me").status == 0
    result = api("me")
    assert result.status == 4 and "quota" in result.err


def test_a_rate_limit_exits_4(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    toggl_fake.inject(status=429, headers={"Retry-After": "0"})
    result = api("tags")
    assert result.status == 4 and "HTTP 429" in result.err


def test_no_connection_exits_5(toggl: Run) -> None:
    result = toggl("--base-url", closed_port_url(), "--token", "t", *FAST, "me")
    assert result.status == 5
    assert result.err.startswith("toggl: error: cannot connect")


def test_a_timeout_exits_5(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    toggl_fake.inject(delay=2)
    result = api("--timeout", "0.2", "me")
    assert result.status == 5 and "timed out" in result.err


def test_a_server_error_exits_1(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    toggl_fake.inject(status=500, times=10)
    result = api("projects")
    assert result.status == 1
    assert result.err.startswith("toggl: error: HTTP 500")


def test_an_unreadable_answer_exits_1(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    toggl_fake.inject(body="<html><title>Maintenance</title></html>", content_type="text/html")
    result = api("me")
    assert result.status == 1 and "HTML page" in result.err


def test_an_unexpected_error_exits_1_with_a_hint(
    api: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(MeResource, "get", broken)
    result = api("me")
    assert result.status == 1
    assert result.err == "toggl: error: unexpected RuntimeError: boom (--debug shows where)\n"


def test_interrupted_exits_130(demo: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(MeResource, "get", interrupted)
    result = demo("me")
    assert result.status == 130
    assert result.err.endswith("toggl: interrupted\n") and "Traceback" not in result.err


def test_debug_shows_the_traceback_and_every_request(
    toggl: Run, toggl_fake: BlockingFakeToggl
) -> None:
    result = toggl("--base-url", toggl_fake.url, "--token", "wrong", *FAST, "--debug", "me")
    assert result.status == 3
    assert "Traceback (most recent call last)" in result.err
    assert "PermissionDeniedError" in result.err
    assert "toggl: DEBUG: GET /me -> 403" in result.err
    assert result.err.splitlines()[-1].startswith("toggl: error: HTTP 403")


def test_debug_logging_is_undone_after_the_run(demo: Run) -> None:
    import logging

    logger = logging.getLogger("toggl_async")
    handlers, level = list(logger.handlers), logger.level
    demo("--debug", "logged")
    assert (logger.handlers, logger.level) == (handlers, level)


@pytest.mark.parametrize(
    "argv", [["me"], ["--json", "me", "--related"], ["workspaces", "--json"], ["me", "--related"]]
)
def test_the_token_is_never_printed(
    api: Run, toggl_fake: BlockingFakeToggl, argv: list[str]
) -> None:
    toggl_fake.inject(status=503)  # a retry, which is logged too
    result = api("--debug", "--max-retries", "1", *argv)
    assert result.status == 0
    workspace_tokens = [w["api_token"] for w in toggl_fake.accounts[0].workspaces]
    for secret in [toggl_fake.token, *filter(None, workspace_tokens)]:
        assert secret not in result.out + result.err


def test_a_closed_pipe_is_not_an_error() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "toggl_sync", "--demo", "projects"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
    ) as toggl:
        assert toggl.stdout is not None and toggl.stderr is not None
        toggl.stdout.close()  # the reader leaves before the first line, as `| head -0` does
        err = toggl.stderr.read().decode()
        assert toggl.wait(timeout=60) == 0
    assert err.startswith("toggl: demo mode") and err.count("\n") == 1


# --- fan-out ---------------------------------------------------------------------------------


@pytest.fixture
def tokens_file(tmp_path: Path, toggl_fake: BlockingFakeToggl) -> Path:
    path = tmp_path / "tokens.txt"
    first, second, third = toggl_fake.tokens
    path.write_text(f"# our accounts\n{first}\n\n  {second}  # the second\nwrong\n{third}\n")
    return path


def test_fan_out_shows_one_row_per_account_and_isolates_errors(
    api: Run, toggl_fake: BlockingFakeToggl, tokens_file: Path
) -> None:
    result = api("fan-out", str(tokens_file), "projects", "--concurrency", "2")
    assert result.status == 1  # one account failed
    heading, _, *rows = result.out.splitlines()
    assert heading.split() == ["account", "projects", "error"]
    assert len(rows) == 4
    assert [row.split()[1] for row in rows[:2]] == ["387", "397"]
    assert "PermissionDeniedError: HTTP 403" in rows[2]
    assert rows[3].split()[1].isdigit()
    for token in toggl_fake.tokens:
        assert token not in result.out + result.err


def test_fan_out_exits_0_when_every_account_answers(
    api: Run, tmp_path: Path, toggl_fake: BlockingFakeToggl
) -> None:
    path = tmp_path / "tokens.txt"
    path.write_text("\n".join(toggl_fake.tokens))
    result = api("fan-out", str(path), "me")
    assert result.status == 0
    assert "Ada Lovelace <ada.lovelace@example.com>" in result.out
    assert len(result.rows()) == 3


def test_fan_out_json(api: Run, tokens_file: Path) -> None:
    results = json.loads(api("--json", "fan-out", str(tokens_file), "workspaces").out)
    assert [result["index"] for result in results] == [0, 1, 2, 3]
    assert len(results[0]["value"]) == 3 and results[0]["error"] is None
    assert results[2]["value"] is None
    assert results[2]["error"].startswith("PermissionDeniedError: HTTP 403")
    assert {w["api_token"] for w in results[0]["value"]} <= {render.MASK}


def test_fan_out_reads_tokens_from_stdin(
    api: Run, toggl_fake: BlockingFakeToggl, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(toggl_fake.tokens[1] + "\n"))
    result = api("fan-out", "-", "tags")
    assert result.status == 0 and len(result.rows()) == 1


def test_fan_out_progress_bar(api: Run, tokens_file: Path) -> None:
    without = api("fan-out", str(tokens_file), "tags")
    assert without.err == ""  # stderr is not a terminal here
    drawn = api("fan-out", str(tokens_file), "tags", "--progress")
    frames = drawn.err.split("\r")[1:]
    assert frames[0].startswith("[" + "." * 30 + "] 0/4")  # drawn before any answer
    assert [frame.split()[1] for frame in frames[:5]] == ["0/4", "1/4", "2/4", "3/4", "4/4"]
    assert re.search(r"4/4  \d+\.\d/s  ETA 0:00", frames[4])
    assert frames[-1] == "" and frames[-2].strip() == ""  # wiped when done


def test_fan_out_in_demo_mode_uses_the_demo_accounts(demo: Run) -> None:
    result = demo("fan-out", "organizations")
    assert result.status == 0 and len(result.rows()) == 3


@pytest.mark.parametrize(
    ("content", "message"), [(None, "cannot read the tokens file"), ("# none\n\n", "no tokens")]
)
def test_fan_out_without_tokens_exits_2(
    api: Run, tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "tokens.txt"
    if content is not None:
        path.write_text(content)
    result = api("fan-out", str(path), "me")
    assert result.status == 2 and message in result.err


def test_fan_out_needs_a_file_outside_demo_mode(api: Run) -> None:
    result = api("fan-out", "me")
    assert result.status == 2 and "needs a TOKENS_FILE" in result.err


def test_fan_out_offers_only_commands_it_can_run(toggl: Run) -> None:
    result = toggl("fan-out", "tokens.txt", "location")
    assert result.status == 2 and "invalid choice: 'location'" in result.err


# --- argument parsing and rendering details -------------------------------------------------


def test_since_takes_seconds_dates_and_aware_datetimes() -> None:
    assert commands.since("1700000000") == 1700000000
    assert commands.since("2024-05-01") == date(2024, 5, 1)
    assert commands.since("2024-05-01T09:30Z") == datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)
    moment = commands.since("2024-05-01T09:30:00+02:00")
    assert isinstance(moment, datetime) and moment.utcoffset() is not None


def test_rate_limit_and_timeout_take_none_and_refuse_zero(toggl: Run) -> None:
    assert commands.positive_or_none("none") is None
    assert commands.positive_or_none("2.5") == 2.5
    for option in ("--rate-limit", "--timeout"):
        refused = toggl(option, "0", "--demo", "me")
        assert refused.status == 2 and "expected a positive number or 'none'" in refused.err


def test_version(toggl: Run) -> None:
    shown = toggl("--version")
    assert shown.status == 0 and shown.out.strip() == f"toggl {toggl_async.__version__}"


def test_connection_options_reach_the_client(
    toggl: Run, toggl_fake: BlockingFakeToggl, tmp_path: Path
) -> None:
    missing = toggl("--token", "t", "--ca-bundle", str(tmp_path / "none.pem"), "me")
    assert missing.status == 2 and "cannot load the CA bundle" in missing.err
    bad_proxy = toggl("--token", "t", "--proxy", "socks5://h:1", "me")
    assert bad_proxy.status == 2 and "proxy must be an http(s):// URL" in bad_proxy.err


def test_cells() -> None:
    assert render.cell(None) == ""
    assert render.cell(True) == "true"
    assert render.cell(50.0) == "50"
    assert render.cell(1234567.0) == "1234567"
    assert render.cell(["a", "b"]) == "a, b"
    assert render.cell("two\nlines") == "two lines"
    assert render.cell("x" * 100, cut=True) == "x" * 59 + "\u2026"
    assert render.cell(datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)) == "2024-05-01T09:30:00Z"


def test_wide_characters_keep_columns_aligned() -> None:
    @dataclass
    class Row:
        name: str
        id: int

    lines = render.table([Row("数据", 1), Row("ab", 22)], ["name", "id"]).splitlines()
    assert lines == ["name  id", "----  --", "数据   1", "ab    22"]  # 数据 is 4 columns wide


def test_an_empty_table(api: Run, toggl_fake: BlockingFakeToggl) -> None:
    toggl_fake.inject(path="/me/tags", body="[]")
    assert api("tags").out == "(none)\n"


# --- the installed command ---------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "TOGGL_API_TOKEN"}
    return {**env, "PYTHONIOENCODING": "utf-8"}


@pytest.mark.parametrize("command", ["toggl", "python -m toggl_sync"])
def test_the_command_runs_from_a_shell(command: str) -> None:
    script = Path(sysconfig.get_path("scripts")) / ("toggl.exe" if os.name == "nt" else "toggl")
    assert script.exists(), "reinstall the package (pip install -e .) for the toggl command"
    argv = [str(script)] if command == "toggl" else [sys.executable, "-m", "toggl_sync"]
    done = subprocess.run(
        [*argv, "--demo", "me"], capture_output=True, env=_env(), timeout=60, encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    assert EMAIL in done.stdout
    assert done.stderr.startswith("toggl: demo mode")


# --- on a terminal ---------------------------------------------------------------------------


def run_in_terminal(*argv: str, columns: int = 80) -> tuple[int, str]:
    """``toggl ARGV`` with its stdout on a pseudo-terminal of ``columns`` columns."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in _env().items() if k not in ("COLUMNS", "LINES")}
    with subprocess.Popen(
        [sys.executable, "-m", "toggl_sync", *argv], stdout=slave, stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL, env=env,
    ) as toggl:
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        status = toggl.wait(timeout=60)
    os.close(master)
    return status, b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.parametrize(
    "command", ["features", "workspaces", "projects", "web-timer", "me"]
)
def test_tables_fit_an_80_column_terminal(command: str) -> None:
    status, out = run_in_terminal("--demo", command)
    lines = out.splitlines()

    assert status == 0 and len(lines) > 2
    assert max(render._width(line) for line in lines) <= 80
    piped = _cli_run_piped("--demo", command)
    if max(render._width(line) for line in piped.splitlines()) > 80:
        assert "\u2026" in out  # cut on the terminal, whole in the pipe
        assert len(piped.splitlines()) == len(lines)


def _cli_run_piped(*argv: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "toggl_sync", *argv], capture_output=True, env=_env(),
        timeout=60, encoding="utf-8",
    ).stdout


def test_a_narrow_terminal_narrows_the_widest_text_column_first() -> None:
    @dataclass
    class Row:
        id: int
        name: str
        note: str

    rows = [Row(123456789, "Difference Engine", "a long note " * 10), Row(2, "B", "")]
    lines = render.table(rows, ["id", "name", "note"], width=50).splitlines()

    assert max(render._width(line) for line in lines) == 50
    assert lines[2].startswith("123456789  Difference Engine  a long") and lines[2][-1] == "\u2026"


def test_durations_read_as_hours_and_running_entries_are_marked(demo: Run) -> None:
    assert render.duration(3725) == "1:02:05"
    assert render.duration(-1733000000) == "running"
    assert render.duration(59, running=True) == "0:00:59 (running)"
    heading, _, *rows = demo("web-timer").out.splitlines()
    assert heading.split()[:2] == ["utc_start", "duration"]
    marks = r"  (\d+:\d\d:\d\d( \(running\))?|running)  "
    assert all(re.search(marks, row) for row in rows), rows
    assert not any(re.search(r"  -\d", row) for row in rows)


def test_ctrl_c_in_fan_out_prints_the_rows_finished_so_far() -> None:
    signal = pytest.importorskip("signal")
    with subprocess.Popen(
        [sys.executable, "-m", "toggl_sync", "--demo", "--latency", "0.5", "--accounts", "4",
         "fan-out", "me", "--concurrency", "1", "--progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
    ) as toggl:
        assert toggl.stderr is not None and toggl.stdout is not None
        seen = b""
        while b"2/4" not in seen:  # two accounts have answered
            byte = toggl.stderr.read(1)
            assert byte, seen
            seen += byte
        toggl.send_signal(signal.SIGINT)
        out = toggl.stdout.read().decode()
        err = seen + toggl.stderr.read()
        status = toggl.wait(timeout=60)

    assert status == 130, err
    heading, _, *rows = out.splitlines()
    assert heading.split() == ["account", "me", "error"]
    assert 1 <= len(rows) < 4 and all("Lovelace" in row or "<" in row for row in rows)
    assert b"toggl: interrupted" in err


def test_demo_options_make_a_slow_service(demo: Run, toggl: Run) -> None:
    import time

    started = time.monotonic()
    assert demo("--latency", "0.3", "logged").status == 0
    assert time.monotonic() - started >= 0.3
    refused = toggl("--latency", "0.3", "--token", "t", "me")
    assert refused.status == 2 and "--latency: only with --demo" in refused.err


def test_the_fake_runs_as_a_standalone_server() -> None:
    signal = pytest.importorskip("signal")
    with subprocess.Popen(
        [sys.executable, "-m", "toggl_async.testing", "--port", "0", "--accounts", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), encoding="utf-8",
    ) as server:
        assert server.stdout is not None
        url = server.stdout.readline().split(" at ")[1].strip()
        token = server.stdout.readline().split(": ")[1].strip()
        result = subprocess.run(
            [sys.executable, "-m", "toggl_sync", "--base-url", url, "--token", token, "logged"],
            capture_output=True, env=_env(), timeout=60, encoding="utf-8",
        )
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0

    assert url.startswith("http://127.0.0.1:") and url.endswith("/api/v9")
    assert result.returncode == 0 and result.stdout.strip() == "true"


def test_the_demo_runs_without_the_test_tools() -> None:
    """What `pip install -e .` alone gives: no pytest, pytest-asyncio, aioresponses..."""
    code = (
        "import sys\n"
        "for name in ('pytest', 'pytest_asyncio', 'aioresponses', 'hypothesis', 'trustme'):\n"
        "    sys.modules[name] = None  # importing it now fails\n"
        "from toggl_sync import _cli\n"
        "sys.exit(_cli.main(['--demo', 'me']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=_env(), timeout=60,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    assert EMAIL in done.stdout
