"""AsyncToggl: credentials, settings and the session's lifetime; endpoints live in resources."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from ssl import SSLContext
from types import TracebackType
from typing import Any, ClassVar

import aiohttp

from . import _params, resources
from ._auth import Credentials, Secret, mask
from ._constants import (
    BASE_URL_ENV_VAR,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_QUOTA_WAIT,
    DEFAULT_RATE_LIMIT,
    DEFAULT_TIMEOUT,
)
from ._errors import InvalidTypeError, InvalidValueError
from ._lazy import ResourcesOnFirstUse
from ._limits import Quota, RateLimiter
from ._state import AccountState, LocalState, SharedState
from ._transport import (
    Connection,
    SessionHolder,
    Timeout,
    Transport,
    check_base_url,
    connection,
    request_options,
)


class _Keep:
    """The default of ``with_options``' arguments: keep this client's setting."""

    def __repr__(self) -> str:
        return "KEEP"  # what help() shows as the default


_KEEP: Any = _Keep()


class AsyncToggl(ResourcesOnFirstUse):
    """An asyncio client of the Toggl Track API v9 for one account.

    ::

        async with AsyncToggl() as toggl:            # token from TOGGL_API_TOKEN
            me = await toggl.me.get()
            projects = await toggl.me.projects()

    Args:
        api_token: the account's API token; defaults to the ``TOGGL_API_TOKEN`` variable.
        email, password: sign in with these instead of a token. A token or password may
            come as a ``Secret``; either way no frame of the SDK shows it.
        credentials: a ``Credentials`` object instead of the three above.
        base_url: the API root (https, or http on localhost only); defaults to the
            ``TOGGL_BASE_URL`` variable, else the service's.
        timeout: seconds for a whole call (waiting for the rate limiter, every attempt, the
            waits between them), or a ``Timeout``; ``None`` for no limit.
        max_retries: retries of a read (GET) after a connection error, timeout, 429 or 5xx,
            and of a write only when the service cannot have applied it (it was never
            connected, or answered 429); 0 disables.
        rate_limit: requests per second for this account (bursts of up to one second's
            worth, at most 3); ``None`` disables pacing.
        quota_wait: when the hourly quota runs out, wait up to this many seconds for it to
            reset and retry once; ``None`` raises ``QuotaExceededError`` at once.
        max_response_size: the largest answer read, in bytes after decompression; a larger
            one raises ``ResponseTooLargeError``.
        proxy: an ``http://`` proxy URL for every request. Without one, the
            ``HTTPS_PROXY``/``HTTP_PROXY``/``NO_PROXY`` variables apply (``trust_env``).
        ssl: an ``ssl.SSLContext``, or the path of a CA bundle (a corporate CA) to verify
            the service with; certificates are always verified.
        headers: headers added to every request; a ``User-Agent`` is appended to the SDK's.
        trust_env: read the proxy variables (a proxy's credentials go in its URL).
        session: an aiohttp session to send through; it stays the caller's to close, and
            the four connection options above are then the session's business.
        state: where the account's pacing and quota are kept: ``None`` in this client
            alone, or a ``SharedState`` such as ``RedisState("redis://...")`` shared by
            every process and host using it (see "Running many workers" in the README).

    A client belongs to the process that created it: after ``os.fork()`` create a new one
    in the child (the parent's raises ``TogglError`` there).
    """

    me: resources.MeResource
    preferences: resources.PreferencesResource
    reports: resources.ReportsResource
    workspaces: resources.WorkspacesResource
    projects: resources.ProjectsResource
    clients: resources.ClientsResource
    tags: resources.TagsResource
    tasks: resources.TasksResource
    time_entries: resources.TimeEntriesResource
    # From the lazy resources package: a resource's module, and the models it decodes,
    # load with its first use.
    _resources: ClassVar[Mapping[str, Callable[[Any], object]]] = {
        "me": lambda client: resources.MeResource(client._transport),
        "preferences": lambda client: resources.PreferencesResource(client._transport),
        "reports": lambda client: _reports(client._transport),
        "workspaces": lambda client: resources.WorkspacesResource(client._transport),
        "projects": lambda client: resources.ProjectsResource(client._transport),
        "clients": lambda client: resources.ClientsResource(client._transport),
        "tags": lambda client: resources.TagsResource(client._transport),
        "tasks": lambda client: resources.TasksResource(client._transport),
        "time_entries": lambda client: resources.TimeEntriesResource(client._transport),
    }

    def __init__(
        self,
        api_token: str | Secret[str] | None = None,
        *,
        email: str | None = None,
        password: str | Secret[str] | None = None,
        credentials: Credentials | None = None,
        base_url: str | None = None,
        timeout: float | Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        rate_limit: float | None = DEFAULT_RATE_LIMIT,
        quota_wait: float | None = DEFAULT_QUOTA_WAIT,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        proxy: str | None = None,
        ssl: SSLContext | str | os.PathLike[str] | None = None,
        headers: Mapping[str, str] | None = None,
        trust_env: bool = True,
        session: aiohttp.ClientSession | None = None,
        state: SharedState | None = None,
    ) -> None:
        api_token, password = mask(api_token), mask(password)  # out of this frame's locals
        if credentials is None:
            credentials = Credentials.resolve(api_token, email, password)
        elif api_token is not None or email is not None or password is not None:
            raise InvalidValueError("give credentials, or api_token / email and password, not both")
        if session is not None and not isinstance(session, aiohttp.ClientSession):
            raise InvalidTypeError(
                f"session must be an aiohttp.ClientSession, not {type(session).__name__}"
            )
        settings = connection(proxy, ssl, headers, trust_env)
        if session is not None and settings != Connection():
            raise InvalidValueError(
                "proxy, ssl, headers and trust_env configure the session the client creates; "
                "with session= set them on that session instead"
            )
        base_url = resolve_base_url(base_url)
        # Checked once: fan_out's per-account clients (_for_account) reuse it.
        self._state_for = _account_states(rate_limit, state)
        self._bind(
            Transport(
                base_url=base_url,
                authorization=credentials.authorization,
                label=credentials.label,
                options=request_options(timeout, max_retries, quota_wait, max_response_size),
                session=SessionHolder(session, settings, base_url),
                state=self._state_for(credentials),
            )
        )

    def _bind(self, transport: Transport) -> None:
        self._transport = transport  # the resources are made from it on first use

    def with_options(
        self,
        *,
        timeout: float | Timeout | None = _KEEP,
        max_retries: int = _KEEP,
        quota_wait: float | None = _KEEP,
        max_response_size: int = _KEEP,
    ) -> AsyncToggl:
        """This client with other per-request settings, e.g. for one call::

            await toggl.with_options(timeout=5, max_retries=0).me.get()

        The copy shares the session, the rate limiter and the quota state.
        """
        current = self._transport.options
        options = request_options(
            current.timeout if timeout is _KEEP else timeout,
            current.max_retries if max_retries is _KEEP else max_retries,
            current.quota_wait if quota_wait is _KEEP else quota_wait,
            current.max_response_size if max_response_size is _KEEP else max_response_size,
        )
        clone = object.__new__(AsyncToggl)
        clone._bind(self._transport.with_options(options))
        return clone

    def _for_account(
        self, credentials: Credentials, session: aiohttp.ClientSession
    ) -> AsyncToggl:
        """A client with these settings, checked once when this one was made, for another
        account sending through ``session``: fan_out's clients, one per account."""
        clone = object.__new__(AsyncToggl)
        clone._bind(
            self._transport.for_account(
                credentials.authorization, credentials.label, session,
                self._state_for(credentials),
            )
        )
        return clone

    @property
    def account(self) -> str:
        """A label for the account, safe to log: its email, or a fingerprint of the token."""
        return self._transport.label

    @property
    def quota(self) -> Quota:
        """The hourly request quota as the latest answer reported it (to any process
        sharing ``state``, as of this client's latest request)."""
        return self._transport.state.quota

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    async def aclose(self) -> None:
        """Close the session, if this client created it. Closing twice is harmless."""
        await self._transport.session.close()
        await self._transport.state.aclose()

    async def __aenter__(self) -> AsyncToggl:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        # A half-built client (its __init__ raised) has no transport; its repr must not raise.
        transport = getattr(self, "_transport", None)
        if transport is None:
            return "AsyncToggl(<not initialised>)"
        return f"AsyncToggl(account={transport.label!r}, base_url={transport.base_url!r})"


def _reports(transport: Transport) -> resources.ReportsResource:
    from .resources.reports import reports_transport  # loaded with the resource

    return resources.ReportsResource(reports_transport(transport))


def resolve_base_url(base_url: str | None) -> str:
    """The checked API root: the one given, else ``TOGGL_BASE_URL``, else the service's."""
    if base_url is None:
        base_url = os.environ.get(BASE_URL_ENV_VAR) or DEFAULT_BASE_URL
    return check_base_url(base_url)


def _account_states(
    rate_limit: float | None, state: SharedState | None
) -> Callable[[Credentials], AccountState]:
    """The checked settings, as a maker of each account's pacing and quota state."""
    rate = None
    if rate_limit is not None:
        rate = _params.number(rate_limit, "rate_limit")
        if not rate > 0:
            raise InvalidValueError(
                f"rate_limit must be positive (or None to disable), got {rate_limit}"
            )
    if state is None:
        return lambda credentials: LocalState(None if rate is None else RateLimiter(rate))
    if not isinstance(state, SharedState):
        raise InvalidTypeError(
            f"state must be a SharedState such as RedisState, not {type(state).__name__}"
        )
    shared = state
    return lambda credentials: shared.account(credentials, rate)
