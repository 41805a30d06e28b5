"""Checking the caller's arguments and turning them into query values and request bodies.

Every check runs before a request is sent and raises ``InvalidTypeError`` (wrong type) or
``InvalidValueError`` (wrong value) naming the argument: ``TogglError``s that are also a
``TypeError`` or a ``ValueError``.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from functools import cache
from typing import Any, TypeAlias, TypeVar

import msgspec

from ._errors import InvalidTypeError, InvalidValueError

S = TypeVar("S", bound=msgspec.Struct)

Since: TypeAlias = "int | datetime | date | None"
"""UNIX seconds, an aware datetime, or a date (midnight UTC). Public signatures write this
type out in full, so that ``help()`` shows it rather than an alias of a private module."""

_UNKNOWN_KEY = re.compile(r"^Object contains unknown field `(.*)`$", re.S)
_MSGSPEC_PATH = re.compile(r"^(?P<problem>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)


def since(value: int | datetime | date | None, name: str = "since") -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return str(int(aware(value, name).timestamp()))
    if isinstance(value, date):
        midnight = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
        return str(int(midnight.timestamp()))
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidTypeError(
            f"{name} must be UNIX seconds (int), a datetime or a date, not {type(value).__name__}"
        )
    return str(count(value, name))


def aware(value: datetime, name: str) -> datetime:
    """``value``, refused when naive: its moment would be a guess about its zone."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(
            f"{name} must be a timezone-aware datetime (a naive one is ambiguous); "
            f"use e.g. datetime.now(timezone.utc)"
        )
    return value


def moment(value: datetime, name: str) -> str:
    """An aware datetime as the service writes times: RFC 3339 in UTC, whole seconds
    (``2024-12-16T02:18:20Z``; the service drops any fraction)."""
    if not isinstance(value, datetime):
        raise InvalidTypeError(f"{name} must be a datetime, not {type(value).__name__}")
    return aware(value, name).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_or_moment(value: date | datetime | None, name: str) -> str | None:
    """A date as ``YYYY-MM-DD`` (the service reads it as that day's midnight), an aware
    datetime as :func:`moment`."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return moment(value, name)
    if not isinstance(value, date):
        raise InvalidTypeError(
            f"{name} must be a date or a datetime, not {type(value).__name__}"
        )
    return value.isoformat()


def identifier(value: int, name: str) -> int:
    """A positive id."""
    _check_int(value, name)
    if value <= 0:
        raise InvalidValueError(f"{name} must be a positive id, got {value}")
    return value


def optional_id(value: int | None, name: str) -> str | None:
    return None if value is None else str(identifier(value, name))


def count(value: int, name: str) -> int:
    """A non-negative int: offsets and UNIX timestamps."""
    _check_int(value, name)
    if value < 0:
        raise InvalidValueError(f"{name} must not be negative, got {value}")
    return value


def optional_count(value: int | None, name: str) -> str | None:
    return None if value is None else str(count(value, name))


def number(value: object, name: str) -> float:
    """A real number (seconds, a rate); a bool is not one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidTypeError(f"{name} must be a number, not {type(value).__name__}")
    return float(value)


def flag(value: bool | None, name: str) -> str | None:
    """A boolean query parameter, as the service spells it."""
    if value is None:
        return None
    if not isinstance(value, bool):
        raise InvalidTypeError(f"{name} must be a bool, not {type(value).__name__}")
    return "true" if value else "false"


def text(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be a str, not {type(value).__name__}")
    return value


def choice(value: str, name: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be a str, not {type(value).__name__}")
    if value not in allowed:
        raise InvalidValueError(
            f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}"
        )
    return value


def optional_choice(value: str | None, name: str, allowed: tuple[str, ...]) -> str | None:
    return None if value is None else choice(value, name, allowed)


def query(**params: str | None) -> dict[str, str]:
    """The query string's parameters: those left as None are not sent."""
    return {key: value for key, value in params.items() if value is not None}


def _check_int(value: object, name: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidTypeError(f"{name} must be an int, not {type(value).__name__}")


def encode_update(
    body_type: type[msgspec.Struct],
    fields: Mapping[str, Any],
    *,
    call: str,
    read_only: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> bytes:
    """The JSON body of a partial update holding exactly ``fields`` under the server's key
    names, after checking every name and value against ``body_type``.

    A field is named by its attribute (``collapse_time_entries``) or by its documented wire
    key (``collapseTimeEntries``). ``call`` names the method in error messages;
    ``read_only`` maps fields the service refuses to set to the reason why; ``extra`` holds
    keys the SDK does not know yet, sent as they are under the names given.
    """
    if not fields and not extra:
        raise InvalidValueError(f"{call}: nothing to update; name at least one field")
    attribute_of = _attribute_names(body_type)
    refused = {_fold(name): name for name in read_only or ()}
    named: dict[str, Any] = {}
    for name, value in fields.items():
        if read_only and _fold(name) in refused:
            name = refused[_fold(name)]
            raise InvalidValueError(f"{call}: {name} cannot be set: {read_only[name]}")
        attribute = attribute_of.get(name) or _unknown(call, name, attribute_of)
        if attribute in named:
            raise InvalidTypeError(f"{call}: {attribute} is given twice (as {name!r} too)")
        named[attribute] = value
    wire = _wire_names(body_type)
    try:
        body = msgspec.convert(
            {wire[name]: value for name, value in named.items()}, body_type, from_attributes=True
        )
    except msgspec.ValidationError as exc:
        raise _argument_error(
            call, str(exc), {v: k for k, v in wire.items()}, body_type
        ) from None
    if not extra:
        return msgspec.json.encode(body)
    return msgspec.json.encode({**msgspec.to_builtins(body), **_extra(call, extra, attribute_of)})


def _extra(call: str, extra: Mapping[str, Any], attribute_of: Mapping[str, str]) -> dict[str, Any]:
    """The keys of ``extra=``, checked: text, not a field the method takes by name (whose
    value would then go unchecked), and JSON values."""
    if not isinstance(extra, Mapping):
        raise InvalidTypeError(f"{call}: extra must be a mapping, not {type(extra).__name__}")
    folded = {_fold(name): attribute for name, attribute in attribute_of.items()}
    for key, value in extra.items():
        if not isinstance(key, str):
            raise InvalidTypeError(f"{call}: extra's keys must be str, not {type(key).__name__}")
        known = folded.get(_fold(key))
        if known is not None:
            raise InvalidValueError(
                f"{call}: extra[{key!r}] is a field the SDK knows: pass {known}= instead"
            )
        try:
            msgspec.json.encode(value)
        except TypeError as exc:
            raise InvalidTypeError(f"{call}: extra[{key!r}]: {exc}") from None
    return dict(extra)


def _unknown(call: str, name: str, attribute_of: Mapping[str, str]) -> str:
    attributes = sorted(set(attribute_of.values()))
    same = [attribute for attribute in attributes if _fold(attribute) == _fold(name)]
    hint = f"; did you mean {same[0]!r}?" if same else _did_you_mean(name, attributes)
    raise InvalidTypeError(f"{call}: unknown field {name!r}{hint}")


def _fold(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def convert(fields: Mapping[str, Any], body_type: type[S], *, call: str) -> S:
    """``fields`` (attribute names that are also the wire names) as a ``body_type``, every
    value checked against its declared type and constraints, errors in the caller's words."""
    try:
        return msgspec.convert(fields, body_type)
    except msgspec.ValidationError as exc:
        raise _argument_error(call, str(exc), {}, body_type) from None


@cache
def _wire_names(body_type: type[msgspec.Struct]) -> dict[str, str]:
    return {f.name: f.encode_name for f in msgspec.structs.fields(body_type)}


@cache
def _attribute_names(body_type: type[msgspec.Struct]) -> dict[str, str]:
    """Attribute names and documented wire keys alike, mapped to the attribute."""
    fields = msgspec.structs.fields(body_type)
    return {f.encode_name: f.name for f in fields} | {f.name: f.name for f in fields}


def _argument_error(
    call: str, message: str, attribute_of: dict[str, str], body_type: type[msgspec.Struct]
) -> Exception:
    """msgspec's "Expected `int`, got `str` - at `$.country_id`" as the caller's words."""
    match = _MSGSPEC_PATH.match(message)
    problem, path = (match["problem"], match["path"] or "") if match else (message, "")
    head, _, rest = path.lstrip(".").partition("[")
    where = attribute_of.get(head, head) + (f"[{rest}" if rest else "")
    unknown = _UNKNOWN_KEY.match(problem)
    if unknown:
        hint = _did_you_mean(unknown[1], _keys_at(body_type, path))
        problem = f"unknown key {unknown[1]!r}{hint}"
    problem = problem.replace("`", "")
    if problem.startswith("Expected"):
        problem = "e" + problem[1:]
    error = InvalidTypeError if unknown or ", got " in problem else InvalidValueError
    return error(f"{call}: {where}: {problem}" if where else f"{call}: {problem}")


_SEGMENT = re.compile(r"\.([^.\[]+)|\[\d+\]")


def _keys_at(body_type: type[msgspec.Struct], path: str) -> list[str]:
    """The keys the object at ``path`` (``.alpha_features[0]``) of ``body_type`` takes."""
    current: Any = body_type
    for name in _SEGMENT.findall(path):
        current = _optional_part(current)
        if name:
            if not _is_struct(current):
                return []
            current = {f.encode_name: f.type for f in msgspec.structs.fields(current)}.get(name)
        else:
            current = (typing.get_args(current) or (None,))[0]  # a list's items
    current = _optional_part(current)
    return [f.encode_name for f in msgspec.structs.fields(current)] if _is_struct(current) else []


def _optional_part(annotation: Any) -> Any:
    """``X`` of ``X | None | UnsetType``."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return annotation
    rest = [a for a in typing.get_args(annotation) if a not in (type(None), msgspec.UnsetType)]
    return rest[0] if len(rest) == 1 else annotation


def _is_struct(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, msgspec.Struct)


def encode_patch(
    operations: Sequence[Mapping[str, Any]], allowed_ops: tuple[str, ...], *, call: str
) -> bytes:
    """The JSON body of a bulk edit: a list of ``{"op", "path", "value"}`` operations (RFC
    6902 style), each checked: a known ``op``, a ``path`` that is a pointer ("/field"), and
    a ``value`` unless the op removes."""
    if isinstance(operations, (str, bytes, Mapping)) or not isinstance(operations, Sequence):
        raise InvalidTypeError(f"{call}: operations must be a list of operations (dicts)")
    if not operations:
        raise InvalidValueError(f"{call}: no operations given")
    checked = []
    for n, operation in enumerate(operations):
        where = f"{call}: operations[{n}]"
        if not isinstance(operation, Mapping):
            raise InvalidTypeError(f"{where} must be a dict, not {type(operation).__name__}")
        unknown = set(operation) - {"op", "path", "value"}
        if unknown:
            raise InvalidValueError(
                f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}"
            )
        choice(operation.get("op"), f"{where}.op", allowed_ops)  # type: ignore[arg-type]
        path = operation.get("path")
        if not isinstance(path, str) or not path.startswith("/") or len(path) < 2:
            raise InvalidValueError(
                f"{where}.path must be a pointer to a field, e.g. '/description'; got {path!r}"
            )
        if "value" not in operation and operation["op"] != "remove":
            raise InvalidValueError(f"{where}: {operation['op']} needs a value")
        checked.append(dict(operation))
    try:
        return msgspec.json.encode(checked)
    except (TypeError, msgspec.EncodeError) as exc:
        raise InvalidTypeError(f"{call}: an operation's value is not JSON: {exc}") from None


def id_list(values: Any, name: str) -> str | None:
    """Several ids as one comma-separated value (``1,2,3``): how the service reads its
    list parameters, in the query and in paths alike (see ``resources/projects.py``)."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise InvalidTypeError(f"{name} must be a list of ids, not {type(values).__name__}")
    ids = [str(identifier(value, f"{name}[{n}]")) for n, value in enumerate(values)]
    if not ids:
        raise InvalidValueError(f"{name} must name at least one id")
    return ",".join(ids)


def text_list(values: Any, name: str) -> str | None:
    """Several words as one comma-separated value."""
    if values is None:
        return None
    if isinstance(values, str) or not hasattr(values, "__iter__"):
        raise InvalidTypeError(f"{name} must be a list of str, not {type(values).__name__}")
    words = [text(value, f"{name}[{n}]") or "" for n, value in enumerate(values)]
    if not words or any(not word or "," in word for word in words):
        raise InvalidValueError(f"{name} must be non-empty words without commas, got {values!r}")
    return ",".join(words)


def flag_or_both(value: bool | str | None, name: str) -> str | None:
    """True, False or "both" (active and archived alike)."""
    if value == "both":
        return "both"
    if isinstance(value, str):
        raise InvalidValueError(f"{name} must be True, False or 'both', got {value!r}")
    return flag(value, name)


def page_size(value: int | None, name: str, maximum: int) -> str | None:
    if value is not None and identifier(value, name) > maximum:
        raise InvalidValueError(f"{name} must be at most {maximum}, got {value}")
    return optional_id(value, name)


def iso_date(value: date | None, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidTypeError(f"{name} must be a date, not {type(value).__name__}")
    return value.isoformat()


Converter: TypeAlias = "Callable[[Any, str], str | None]"
"""Checks one argument (value, name) and writes it as a query value (None: not sent)."""


def checked_query(
    converters: Mapping[str, Converter],
    values: Mapping[str, Any],
    *,
    call: str,
    wire_names: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The query parameters for ``values`` (argument name -> value), each checked by its
    converter and sent under its wire name (the argument's own unless ``wire_names`` says);
    an argument with no converter is refused, with the closest known name."""
    for name in values:
        if name not in converters:
            hint = _did_you_mean(name, converters)
            raise InvalidTypeError(f"{call}: unknown filter {name!r}{hint}")
    wire_names = wire_names or {}
    return query(**{
        wire_names.get(name, name): converters[name](value, name)
        for name, value in values.items()
    })


def _did_you_mean(name: str, options: Iterable[str]) -> str:
    """"; did you mean 'x'?" naming the closest of ``options``, or ""."""
    import difflib  # only for a misspelt name: kept out of `import toggl_async`

    close = difflib.get_close_matches(name, list(options), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
