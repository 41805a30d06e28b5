"""Typed asyncio client for the Toggl Track API v9 (aiohttp + msgspec).

``AsyncToggl`` is the client; ``toggl_sync.Toggl`` is the same client for blocking code.
"""

from ._auth import Credentials, MissingCredentialsError, Secret
from ._client import AsyncToggl
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    DecodeError,
    InvalidArgumentError,
    InvalidTypeError,
    InvalidValueError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ResponseTooLargeError,
    ServerError,
    TogglError,
)
from ._fanout import FanOutFailure, FanOutResult, FanOutSuccess, fan_out, iter_fan_out
from ._limits import Quota
from ._transport import Timeout
from ._version import __version__
from .models import *  # noqa: F403
from .models import __all__ as _models_all

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncToggl",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "Credentials",
    "DecodeError",
    "FanOutFailure",
    "FanOutResult",
    "FanOutSuccess",
    "InvalidArgumentError",
    "InvalidTypeError",
    "InvalidValueError",
    "MissingCredentialsError",
    "NotFoundError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "Quota",
    "QuotaExceededError",
    "RateLimitError",
    "ResponseTooLargeError",
    "Secret",
    "ServerError",
    "Timeout",
    "TogglError",
    "__version__",
    "fan_out",
    "iter_fan_out",
    *_models_all,
]
