"""What every model shares: the base Struct and the types the service's values decode into."""

from __future__ import annotations

import types
import typing
from datetime import datetime
from functools import cache
from typing import Annotated, Any

import msgspec

# The service writes timestamps with "Z" or "+00:00" and 0-9 fractional digits; all carry an
# offset, and one without is a bad answer rather than a guess about its zone.
Timestamp = Annotated[datetime, msgspec.Meta(tz=True)]

# Free-form JSON the docs leave untyped.
JSONObject = dict[str, Any]

SECRET_MASK = "********"


class TogglModel(
    msgspec.Struct, kw_only=True, omit_defaults=True, repr_omit_defaults=True, gc=False
):
    """Base of every model.

    Every field is optional and defaults to ``None``: the service omits and nulls fields
    freely. Keys the model does not know are ignored, so new server fields never break
    decoding. ``gc=False``: decoded models hold no reference cycles.
    """

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON-ready builtins (``json.dumps`` takes them) under the
        service's key names; fields the service left out stay out, timestamps are ISO 8601
        strings. ``msgspec.json.encode(model)`` gives the same as JSON bytes."""
        data: dict[str, Any] = msgspec.to_builtins(self)
        return data


class MasksApiToken:
    """Masks the ``api_token`` field of a model in its reprs. A mixin, not a field, so each
    model declares ``api_token`` where the service's bodies put it (see ``Workspace``);
    list it before the model's base class."""

    __slots__ = ()
    api_token: str | None

    def __repr__(self) -> str:
        if not self.api_token:
            return super().__repr__()
        masked = msgspec.structs.replace(self, api_token=SECRET_MASK)  # type: ignore[type-var]
        return super(MasksApiToken, masked).__repr__()

    def __rich_repr__(self) -> Any:
        for name, value in super().__rich_repr__():  # type: ignore[misc]
            yield name, SECRET_MASK if name == "api_token" and value else value


class HasApiToken(MasksApiToken, TogglModel):
    """A model carrying an ``api_token`` field, which its repr masks."""

    api_token: str | None = None


def partial_update_type(
    model: type[TogglModel], name: str, *, exclude: frozenset[str] = frozenset()
) -> type[msgspec.Struct]:
    """The body type of a partial update of ``model``: the same fields and wire names, each
    defaulting to ``UNSET`` so that only the fields the caller named are sent (``None``
    included, as ``null``). Objects nested in the values refuse keys they do not have, as
    the update itself does: a misspelt key must not vanish silently."""
    fields = [
        (
            f.name,
            _strict(f.type) | msgspec.UnsetType,
            msgspec.field(default=msgspec.UNSET, name=f.encode_name),
        )
        for f in msgspec.structs.fields(model)
        if f.name not in exclude
    ]
    return msgspec.defstruct(
        name, fields, kw_only=True, omit_defaults=True, gc=False, module=model.__module__
    )


def _strict(annotation: Any) -> Any:
    """``annotation`` with every model in it replaced by its ``_strict_model``."""
    if isinstance(annotation, type) and issubclass(annotation, TogglModel):
        return _strict_model(annotation)
    args = typing.get_args(annotation)
    if not args:
        return annotation
    strict = tuple(_strict(arg) for arg in args)
    if strict == args:
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[strict]  # noqa: UP007 (a union built from a tuple)
    return origin[strict]


@cache
def _strict_model(model: type[TogglModel]) -> type[msgspec.Struct]:
    """``model`` as a value sent: the same fields, names and defaults, unknown keys refused."""
    fields = [
        (f.name, _strict(f.type), msgspec.field(default=f.default, name=f.encode_name))
        for f in msgspec.structs.fields(model)
    ]
    return msgspec.defstruct(
        model.__name__, fields, kw_only=True, omit_defaults=True, gc=False,
        forbid_unknown_fields=True, module=model.__module__,
    )
