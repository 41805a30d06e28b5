"""Typed asyncio client for the Toggl Track API v9 (aiohttp + msgspec).

``AsyncToggl`` is the client; ``toggl_sync.Toggl`` is the same client for blocking code.
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_exports
from .models import __all__ as _models_all

if TYPE_CHECKING:
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
    from ._redis_state import RedisState
    from ._state import SharedState
    from ._transport import Timeout
    from ._version import __version__
    from .models import *  # noqa: F403
else:
    __getattr__, __dir__ = lazy_exports(__name__, {
        "._auth": ("Credentials", "MissingCredentialsError", "Secret"),
        "._client": ("AsyncToggl",),
        "._errors": (
            "APIConnectionError",
            "APIStatusError",
            "APITimeoutError",
            "AuthenticationError",
            "BadRequestError",
            "ClientClosedError",
            "ConflictError",
            "DecodeError",
            "InvalidArgumentError",
            "InvalidTypeError",
            "InvalidValueError",
            "NotFoundError",
            "PaymentRequiredError",
            "PermissionDeniedError",
            "QuotaExceededError",
            "RateLimitError",
            "ResponseTooLargeError",
            "ServerError",
            "TogglError",
        ),
        "._fanout": ("FanOutFailure", "FanOutResult", "FanOutSuccess", "fan_out", "iter_fan_out"),
        "._limits": ("Quota",),
        "._redis_state": ("RedisState",),
        "._state": ("SharedState",),
        "._transport": ("Timeout",),
        "._version": ("__version__",),
        ".models": _models_all,
    }, submodules=("resources",))

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
    "RedisState",
    "ResponseTooLargeError",
    "Secret",
    "ServerError",
    "SharedState",
    "Timeout",
    "TogglError",
    "__version__",
    "fan_out",
    "iter_fan_out",
    *_models_all,
]
