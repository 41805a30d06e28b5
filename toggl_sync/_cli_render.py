"""How the ``toggl`` command line shows answers: aligned text tables and records for
people, JSON under the service's own key names for programs.

Secrets never reach the output: ``api_token`` fields (of the user and of workspaces) are
masked in JSON and left out of text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any, TypeAlias

import msgspec

SECRET_FIELDS = frozenset({"api_token"})
MASK = "********"
# Longer cells are cut so that a long name does not push the other columns off screen; the
# last column is never cut (nothing follows it), and --json always has the full text.
MAX_CELL = 60
NOTHING = "(none)"

Column: TypeAlias = "str | tuple[str, Callable[[Any], object]]"
"""A table column: an attribute name, or a heading and how to get the value from a row."""


def to_json(value: object) -> str:
    """Pretty JSON of ``value``: models under their wire key names (``collapseTimeEntries``),
    fields the service left out stay out; exceptions (fan-out results) as their message."""
    builtins = msgspec.to_builtins(value, enc_hook=_describe_exception)
    return msgspec.json.format(msgspec.json.encode(_masked(builtins)), indent=2).decode()


def to_json_line(value: object) -> str:
    """``value`` as compact JSON on one line (an NDJSON record), as ``to_json`` names it."""
    return msgspec.json.encode(_masked(msgspec.to_builtins(value))).decode()


def table(rows: Sequence[Any], columns: Sequence[Column]) -> str:
    """An aligned table, one row per item; number columns are right-aligned."""
    if not rows:
        return NOTHING
    headings = [column if isinstance(column, str) else column[0] for column in columns]
    getters = [attrgetter(column) if isinstance(column, str) else column[1] for column in columns]
    values = [[get(row) for get in getters] for row in rows]
    last = len(columns) - 1
    texts = [[cell(value, cut=i < last) for i, value in enumerate(row)] for row in values]
    lines = [headings, *texts]
    indexes = range(len(columns))
    widths = [max(_width(line[i]) for line in lines) for i in indexes]
    numeric = [all(_is_number(row[i]) or row[i] is None for row in values) for i in indexes]
    lines.insert(1, ["-" * width for width in widths])
    return "\n".join(
        "  ".join(
            _pad(text, width, right)
            for text, width, right in zip(line, widths, numeric, strict=True)
        ).rstrip()
        for line in lines
    )


def record(item: Any, fields: Iterable[str] | None = None) -> str:
    """One object as ``name  value`` lines, under its attribute names: the given ``fields``,
    or every field the service sent."""
    if item is None:
        return NOTHING
    if fields is None:
        fields = (
            field.name for field in msgspec.structs.fields(item)
            if getattr(item, field.name) is not None
        )
    pairs = [(name, cell(getattr(item, name))) for name in fields if name not in SECRET_FIELDS]
    width = max((len(name) for name, _ in pairs), default=0)
    return "\n".join(f"{name.ljust(width)}  {text}".rstrip() for name, text in pairs) or NOTHING


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
