"""Credentials: an API token, or an email and password, sent as HTTP Basic auth."""

from __future__ import annotations

import base64
import hashlib
import os

from ._constants import TOKEN_ENV_VAR
from ._errors import InvalidTypeError, InvalidValueError, TogglError


class MissingCredentialsError(TogglError, ValueError):
    """No API token, and no email and password, were given."""


class Credentials:
    """How one Toggl account signs in: ``Credentials(api_token=...)`` or
    ``Credentials(email=..., password=...)``.

    ``label`` names the account in fan-out results, reprs and logs; it defaults to the email,
    or to a short fingerprint of the token (never the token itself).
    """

    __slots__ = ("_authorization", "label")

    def __init__(
        self,
        api_token: str | None = None,
        *,
        email: str | None = None,
        password: str | None = None,
        label: str | None = None,
    ) -> None:
        if api_token is not None and (email is not None or password is not None):
            raise InvalidValueError("give either api_token or email and password, not both")
        if api_token is not None:
            user, secret = _text("api_token", api_token), "api_token"
            if ":" in user:
                raise InvalidValueError("api_token must not contain ':'")
            default_label = "token-" + hashlib.sha256(user.encode()).hexdigest()[:8]
        elif email is not None or password is not None:
            if email is None or password is None:
                raise MissingCredentialsError("email and password must be given together")
            user, secret = _text("email", email), _text("password", password)
            if ":" in user:
                raise InvalidValueError("email must not contain ':'")
            default_label = user
        else:
            raise MissingCredentialsError(
                f"no Toggl credentials: pass api_token=..., or email=... and password=..., "
                f"or set {TOKEN_ENV_VAR}"
            )
        pair = base64.b64encode(f"{user}:{secret}".encode()).decode("ascii")
        self._authorization = "Basic " + pair
        self.label = label if label is not None else default_label

    @classmethod
    def resolve(
        cls, api_token: str | None, email: str | None, password: str | None
    ) -> Credentials:
        """The client's credentials: the arguments, else the TOGGL_API_TOKEN variable."""
        if api_token is None and email is None and password is None:
            api_token = os.environ.get(TOKEN_ENV_VAR) or None
        return cls(api_token, email=email, password=password)

    @property
    def authorization(self) -> str:
        """The Authorization header value. Never log it."""
        return self._authorization

    def __repr__(self) -> str:
        return f"Credentials(label={self.label!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Credentials) and other._authorization == self._authorization

    def __hash__(self) -> int:
        return hash(self._authorization)


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be a str, not {type(value).__name__}")
    if not value.strip():
        raise InvalidValueError(f"{name} must not be empty")
    return value
