"""Where an account's pacing and quota are kept: the interface the request pipeline calls,
and the in-process implementation (the default, and the fallback of shared state).

    grant = await state.acquire(scope, deadline)   wait for the account's next slot
                                                   (QuotaSpent, SlotPastDeadline instead)
    ... send ...
    await state.answered(grant, sent, answered, headers, scope)   push back, learn the quota
    await state.pause(seconds)        after a 429: hold the whole account

``scope`` is the part of the API a request goes to (``quota_scope``): the service keeps a
quota for the user and one per organization.

Shared implementations (``RedisState``) keep the same operations in a store every process
reaches; they subclass ``SharedState``, which makes one ``AccountState`` per account.
"""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING, NamedTuple

from multidict import CIMultiDictProxy

from ._limits import Quota, RateLimiter

if TYPE_CHECKING:
    from ._auth import Credentials


class QuotaSpent(Exception):
    """The account's hourly quota is known to be spent and resets ``resets_in`` seconds from
    now: the request must not be sent (the pipeline raises ``QuotaExceededError``)."""

    def __init__(self, resets_in: float) -> None:
        super().__init__(resets_in)
        self.resets_in = resets_in


class Grant(NamedTuple):
    """A request's permission to go: when it was allowed (monotonic clock), and, for shared
    state, which grant of the account it was (``None``: granted in this process)."""

    allowed: float
    sequence: int | None = None


class AccountState(abc.ABC):
    """One account's pacing and quota, as the request pipeline uses them."""

    __slots__ = ()

    quota: Quota
    """The quota as last seen (by any process, for shared state); ``toggl.quota``."""

    @abc.abstractmethod
    async def acquire(self, scope: str, deadline: float | None = None) -> Grant:
        """Wait for the slot of a request to ``scope`` and take it. Raises ``QuotaSpent``
        instead when that quota is spent and its reset is ahead, and ``SlotPastDeadline``
        when the slot would come after ``deadline`` (monotonic clock). A caller cancelled
        while waiting holds no slot."""

    @abc.abstractmethod
    async def answered(
        self, grant: Grant, sent: float, answered: float, headers: CIMultiDictProxy[str],
        scope: str,
    ) -> None:
        """The request granted ``grant`` was sent at ``sent`` and its answer's head came at
        ``answered`` (monotonic clock), with ``headers``: learn from it."""

    @abc.abstractmethod
    async def pause(self, seconds: float) -> None:
        """The service said "too many": hold the account's requests for ``seconds``."""

    @abc.abstractmethod
    async def aclose(self) -> None:
        """The client using this state is closing."""


class LocalState(AccountState):
    """The account's state in this process only: a ``RateLimiter`` (``None``: no pacing)
    and a ``Quota``."""

    __slots__ = ("limiter", "quota")

    def __init__(self, limiter: RateLimiter | None, quota: Quota | None = None) -> None:
        self.limiter = limiter
        self.quota = Quota() if quota is None else quota

    async def acquire(self, scope: str, deadline: float | None = None) -> Grant:
        resets_in = self.quota.spent_for(scope)
        if resets_in is not None:
            raise QuotaSpent(resets_in)
        limiter = self.limiter
        if limiter is None:
            return _UNPACED
        return Grant(await limiter.acquire(deadline))

    async def answered(
        self, grant: Grant, sent: float, answered: float, headers: CIMultiDictProxy[str],
        scope: str,
    ) -> None:
        if self.limiter is not None:
            self.limiter.answered(grant.allowed, sent, answered)
        self.quota.update(headers, scope)

    async def pause(self, seconds: float) -> None:
        if self.limiter is not None:
            self.limiter.pause(seconds)

    async def aclose(self) -> None:
        """Nothing to release: the state lives and dies with the client."""


_UNPACED = Grant(0.0)


class SharedState(abc.ABC):
    """Accounts' state kept where several processes (or hosts) share it; pass one to
    ``AsyncToggl(state=...)``, ``toggl_sync.Toggl(state=...)`` or ``fan_out(state=...)``.
    One object serves any number of accounts and clients."""

    @abc.abstractmethod
    def account(self, credentials: Credentials, rate: float | None) -> AccountState:
        """The state of the account ``credentials`` sign in to, paced at ``rate`` requests
        per second (``None``: not paced)."""
