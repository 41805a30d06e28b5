"""Credentials: an API token, or an email and password, sent as HTTP Basic auth."""

from __future__ import annotations

import base64
import hashlib
import os
from typing import AnyStr, Generic, NoReturn, TypeVar

from msgspec import UnsetType

from ._constants import TOKEN_ENV_VAR
from ._errors import InvalidTypeError, InvalidValueError, TogglError


class Secret(Generic[AnyStr]):
    """A secret (a token, a password, a header or body carrying one) whose ``repr`` hides
    it, so that it shows as ``Secret('***')`` wherever a debugger, Sentry's local-variable
    capture or ``pytest --showlocals`` prints the variables holding it. It refuses to be
    pickled."""

    __slots__ = ("_value",)

    _value: AnyStr

    def __init__(self, value: AnyStr) -> None:
        self._value = value

    def reveal(self) -> AnyStr:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Secret is not pickled")


Absent = TypeVar("Absent", None, UnsetType)


def mask(value: str | Secret[str] | Absent) -> Secret[str] | Absent:
    """``value`` as a ``Secret`` (``None`` or ``UNSET`` as they are): the first thing a
    function taking a secret does, so that its frame never shows it."""
    return Secret(value) if isinstance(value, str) else value


def reveal(value: str | Secret[str] | Absent) -> str | Absent:
    return value.reveal() if isinstance(value, Secret) else value


class MissingCredentialsError(TogglError, ValueError):
    """No API token, and no email and password, were given."""


class Credentials:
    """How one Toggl account signs in: ``Credentials(api_token=...)`` or
    ``Credentials(email=..., password=...)``.

    ``label`` names the account in fan-out results, reprs and logs; it defaults to the email,
    or to a short fingerprint of the token (never the token itself).
    """

    __slots__ = ("_authorization", "label")

    _authorization: Secret[str]
    label: str

    def __init__(
        self,
        api_token: str | Secret[str] | None = None,
        *,
        email: str | None = None,
        password: str | Secret[str] | None = None,
        label: str | None = None,
    ) -> None:
        api_token, password = mask(api_token), mask(password)
        if api_token is not None and (email is not None or password is not None):
            raise InvalidValueError("give either api_token or email and password, not both")
        if api_token is not None:
            # Revealed only inside expressions, never into a local variable of this frame.
            if ":" in _text("api_token", reveal(api_token)):
                raise InvalidValueError("api_token must not contain ':'")
            self._authorization = _basic(api_token.reveal(), "api_token")
            fingerprint = hashlib.sha256(api_token.reveal().encode()).hexdigest()[:8]
            default_label = "token-" + fingerprint
        elif email is not None or password is not None:
            if email is None or password is None:
                raise MissingCredentialsError("email and password must be given together")
            user = _text("email", email)
            if ":" in user:
                raise InvalidValueError("email must not contain ':'")
            self._authorization = _basic(user, _text("password", reveal(password)))
            default_label = user
        else:
            raise MissingCredentialsError(
                f"no Toggl credentials: pass api_token=..., or email=... and password=..., "
                f"or set {TOKEN_ENV_VAR}"
            )
        self.label = label if label is not None else default_label

    @classmethod
    def resolve(
        cls,
        api_token: str | Secret[str] | None,
        email: str | None,
        password: str | Secret[str] | None,
    ) -> Credentials:
        """The client's credentials: the arguments, else the TOGGL_API_TOKEN variable."""
        api_token, password = mask(api_token), mask(password)
        if api_token is None and email is None and password is None:
            api_token = mask(os.environ.get(TOKEN_ENV_VAR) or None)
        return cls(api_token, email=email, password=password)

    @property
    def authorization(self) -> Secret[str]:
        """The Authorization header value, masked: ``.reveal()`` it only to send it."""
        return self._authorization

    def __repr__(self) -> str:
        # getattr: a half-built instance (its __init__ raised, or __new__ alone) has no label.
        return f"Credentials(label={getattr(self, 'label', None)!r})"

    def __reduce__(self) -> NoReturn:
        raise TypeError("Credentials are not pickled: they carry a secret")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Credentials) and other._authorization == self._authorization

    def __hash__(self) -> int:
        return hash(self._authorization)


def _basic(user: str, secret: str) -> Secret[str]:
    return Secret("Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode("ascii"))


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be a str, not {type(value).__name__}")
    if not value.strip():
        raise InvalidValueError(f"{name} must not be empty")
    return value
