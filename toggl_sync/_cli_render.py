"""How the ``toggl`` command line shows answers: aligned text tables and records for
people, JSON under the service's own key names for programs.

Secrets never reach the output: ``api_token`` fields (of the user and of workspaces) are
masked in JSON and left out of text.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any, TypeAlias

import msgspec

from toggl_async.models import TogglModel

SECRET_FIELDS = frozenset({"api_token"})
MASK = "********"
# Longer cells are cut so that a long name does not push the other columns off screen; the
# last column is never cut (nothing follows it), and --json always has the full text.
MAX_CELL = 60
NOTHING = "(none)"
# A cell is never cut narrower than this (nor than its heading).
MIN_CUT_WIDTH = 8


class Default:
    """An argument left to its default."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT = Default()

Column: TypeAlias = "str | tuple[str, Callable[[Any], object]]"
"""A table column: an attribute name, or a heading and how to get the value from a row."""


def to_json(value: object) -> str:
    """Pretty JSON of ``value``: models as their ``to_dict()`` (wire key names such as
    ``collapseTimeEntries``, fields the service left out left out); exceptions (fan-out
    results) as their message."""
    builtins = msgspec.to_builtins(_exported(value), enc_hook=_describe_exception)
    return msgspec.json.format(msgspec.json.encode(_masked(builtins)), indent=2).decode()


def _exported(value: Any) -> Any:
    """``value`` with every model in it replaced by its ``to_dict()``."""
    if isinstance(value, TogglModel):
        return value.to_dict()
    if isinstance(value, list):
        return [_exported(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _exported(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def terminal_width() -> int | None:
    """The columns of the terminal the output goes to; None when it goes to a pipe or a
    file (what a program reads is then left whole)."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def table(
    rows: Sequence[Any], columns: Sequence[Column], *, width: int | Default | None = DEFAULT
) -> str:
    """An aligned table, one row per item; number columns are right-aligned.

    On a terminal (``width``: its columns, by default ``terminal_width()``) the widest text
    columns are narrowed, each cell cut with an ellipsis, so that no line wraps."""
    if not rows:
        return NOTHING
    if isinstance(width, Default):
        width = terminal_width()
    headings = [column if isinstance(column, str) else column[0] for column in columns]
    getters = [attrgetter(column) if isinstance(column, str) else column[1] for column in columns]
    values = [[get(row) for get in getters] for row in rows]
    last = len(columns) - 1
    texts = [[cell(value, cut=i < last) for i, value in enumerate(row)] for row in values]
    lines = [headings, *texts]
    indexes = range(len(columns))
    widths = [max(_width(line[i]) for line in lines) for i in indexes]
    numeric = [all(_is_number(row[i]) or row[i] is None for row in values) for i in indexes]
    if width is not None:
        fitted = _fit(widths, numeric, headings, width)
        for i in indexes:
            if fitted[i] < widths[i]:
                for line in lines[1:]:
                    line[i] = _cut(line[i], fitted[i])
        widths = fitted
    lines.insert(1, ["-" * width for width in widths])
    return "\n".join(
        "  ".join(
            _pad(text, width, right)
            for text, width, right in zip(line, widths, numeric, strict=True)
        ).rstrip()
        for line in lines
    )


def record(
    item: Any, fields: Iterable[str] | None = None, *, width: int | Default | None = DEFAULT
) -> str:
    """One object as ``name  value`` lines, under its attribute names: the given ``fields``,
    or every field the service sent. On a terminal (``width``, as for ``table``) a long
    value is cut with an ellipsis rather than wrapped."""
    if item is None:
        return NOTHING
    if isinstance(width, Default):
        width = terminal_width()
    if fields is None:
        fields = (
            field.name for field in msgspec.structs.fields(item)
            if getattr(item, field.name) is not None
        )
    pairs = [(name, cell(getattr(item, name))) for name in fields if name not in SECRET_FIELDS]
    names = max((len(name) for name, _ in pairs), default=0)
    room = None if width is None else max(width - names - 2, MIN_CUT_WIDTH)
    return "\n".join(
        f"{name.ljust(names)}  {text if room is None else _cut(text, room)}".rstrip()
        for name, text in pairs
    ) or NOTHING


def cell(value: object, *, cut: bool = False) -> str:
    """``value`` as one line of text: empty for None, ``true``/``false`` as in JSON, whole
    floats without ``.0``, lists of objects as their count, other objects as compact JSON."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = f"{value:.15g}"
    elif isinstance(value, datetime):
        text = value.isoformat(timespec="seconds").replace("+00:00", "Z")
    elif isinstance(value, list):
        if all(isinstance(item, (str, int, float)) for item in value):
            text = ", ".join(cell(item) for item in value)
        else:
            text = f"[{len(value)} items]"
    elif isinstance(value, (msgspec.Struct, dict)):
        text = msgspec.json.encode(_masked(msgspec.to_builtins(value))).decode()
    else:
        text = str(value)
    text = " ".join(text.split())  # one line, whatever a description holds
    return text[: MAX_CELL - 1] + "\u2026" if cut and len(text) > MAX_CELL else text


def _fit(widths: list[int], numeric: list[bool], headings: list[str], room: int) -> list[int]:
    """Column widths whose lines fit in ``room``: the widest text column is narrowed first
    (down to the next widest, then both in turn), never below its heading or
    ``MIN_CUT_WIDTH``; numbers are never cut."""
    widths = list(widths)
    least = [max(_width(heading), MIN_CUT_WIDTH) for heading in headings]
    gaps = 2 * (len(widths) - 1)
    while (excess := sum(widths) + gaps - room) > 0:
        narrowable = [i for i, w in enumerate(widths) if not numeric[i] and w > least[i]]
        if not narrowable:
            break  # as narrow as it gets: the terminal wraps the rest
        widest = max(narrowable, key=lambda i: widths[i])
        runner_up = max((widths[i] for i in narrowable if i != widest), default=0)
        step = min(excess, widths[widest] - max(runner_up, least[widest])) or 1
        widths[widest] -= step
    return widths


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` terminal columns, an ellipsis marking a cut."""
    if _width(text) <= width:
        return text
    kept, used = [], 1  # the ellipsis takes one column
    for char in text:
        used += _width(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept) + "\u2026"


def duration(seconds: int | float | None, *, running: bool = False) -> str:
    """Seconds as ``h:mm:ss``; a running entry's (negative: the service's marker, or
    ``running``) marked as such rather than shown as a raw number."""
    if seconds is None:
        return ""
    if seconds < 0:
        return "running"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours}:{minutes:02}:{secs:02}"
    return f"{text} (running)" if running else text


def _width(text: str) -> int:
    """Columns on a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, right: bool) -> str:
    padding = " " * (width - _width(text))
    return padding + text if right else text + padding


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _masked(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            key: MASK if key in SECRET_FIELDS and value else _masked(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_masked(item) for item in data]
    return data


def describe_error(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _describe_exception(obj: Any) -> Any:
    if isinstance(obj, BaseException):
        return describe_error(obj)
    raise NotImplementedError(f"cannot show {type(obj).__name__} as JSON")
