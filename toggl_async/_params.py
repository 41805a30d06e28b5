"""Checking the caller's arguments and turning them into query values and request bodies.

Every check runs before a request is sent and raises ``TypeError`` (wrong type) or
``ValueError`` (wrong value) naming the argument.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timezone
from functools import cache
from typing import Any, TypeAlias

import msgspec

Since: TypeAlias = "int | datetime | date | None"
"""UNIX seconds, an aware datetime, or a date (midnight UTC)."""

_MSGSPEC_PATH = re.compile(r"^(?P<problem>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)


def since(value: int | datetime | date | None, name: str = "since") -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"{name} must be a timezone-aware datetime (a naive one is ambiguous); "
                f"use e.g. datetime.now(timezone.utc)"
            )
        return str(int(value.timestamp()))
    if isinstance(value, date):
        midnight = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
        return str(int(midnight.timestamp()))
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(
            f"{name} must be UNIX seconds (int), a datetime or a date, not {type(value).__name__}"
        )
    return str(count(value, name))


def identifier(value: int, name: str) -> int:
    """A positive id."""
    _check_int(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be a positive id, got {value}")
    return value


def optional_id(value: int | None, name: str) -> str | None:
    return None if value is None else str(identifier(value, name))


def count(value: int, name: str) -> int:
    """A non-negative int: offsets and UNIX timestamps."""
    _check_int(value, name)
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def optional_count(value: int | None, name: str) -> str | None:
    return None if value is None else str(count(value, name))


def number(value: object, name: str) -> float:
    """A real number (seconds, a rate); a bool is not one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    return float(value)


def flag(value: bool | None, name: str) -> str | None:
    """A boolean query parameter, as the service spells it."""
    if value is None:
        return None
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, not {type(value).__name__}")
    return "true" if value else "false"


def text(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value


def choice(value: str, name: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value


def query(**params: str | None) -> dict[str, str]:
    """The query string's parameters: those left as None are not sent."""
    return {key: value for key, value in params.items() if value is not None}


def _check_int(value: object, name: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")


def encode_update(
    body_type: type[msgspec.Struct],
    fields: Mapping[str, Any],
    *,
    call: str,
    read_only: Mapping[str, str] | None = None,
) -> bytes:
    """The JSON body of a partial update holding exactly ``fields`` (attribute names) under
    the server's key names, after checking every name and value against ``body_type``.

    ``call`` names the method in error messages; ``read_only`` maps fields the service
    refuses to set to the reason why.
    """
    if not fields:
        raise ValueError(f"{call}: nothing to update; name at least one field")
    wire = _wire_names(body_type)
    for name in fields:
        if read_only and name in read_only:
            raise ValueError(f"{call}: {name} cannot be set: {read_only[name]}")
        if name not in wire:
            import difflib  # only for a misspelt field: kept out of `import toggl_async`

            close = difflib.get_close_matches(name, wire, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise TypeError(f"{call}: unknown field {name!r}{hint}")
    try:
        body = msgspec.convert({wire[name]: value for name, value in fields.items()}, body_type)
    except msgspec.ValidationError as exc:
        raise _argument_error(call, str(exc), {v: k for k, v in wire.items()}) from None
    return msgspec.json.encode(body)


@cache
def _wire_names(body_type: type[msgspec.Struct]) -> dict[str, str]:
    return {f.name: f.encode_name for f in msgspec.structs.fields(body_type)}


def _argument_error(call: str, message: str, attribute_of: dict[str, str]) -> Exception:
    """msgspec's "Expected `int`, got `str` - at `$.country_id`" as the caller's words."""
    match = _MSGSPEC_PATH.match(message)
    problem, path = (match["problem"], match["path"] or "") if match else (message, "")
    head, _, rest = path.lstrip(".").partition("[")
    where = attribute_of.get(head, head) + (f"[{rest}" if rest else "")
    problem = problem.replace("`", "")
    if problem.startswith("Expected"):
        problem = "e" + problem[1:]
    error = TypeError if ", got " in problem else ValueError
    return error(f"{call}: {where}: {problem}" if where else f"{call}: {problem}")
