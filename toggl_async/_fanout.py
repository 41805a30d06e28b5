"""Running one coroutine per account over many accounts: bounded, isolated, one pool."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeAlias, TypeVar

import aiohttp

from ._auth import Credentials
from ._client import AsyncToggl
from ._constants import DEFAULT_FAN_OUT_CONCURRENCY
from ._errors import InvalidTypeError, InvalidValueError
from ._stepping import pause_point
from ._transport import connection

T = TypeVar("T")

_PROBE = Credentials("fan-out-option-check")

Account = str | Credentials
"""An API token, or ``Credentials`` (a token, or an email and password)."""


@dataclass(frozen=True)
class FanOutSuccess(Generic[T]):
    """One account's call that returned: its ``value``."""

    index: int
    """The account's position in the input."""
    account: str
    """A label safe to show and log (never the token): see ``Credentials.label``."""
    value: T
    error: None = None
    ok: Literal[True] = field(default=True, init=False)


@dataclass(frozen=True)
class FanOutFailure:
    """One account's call that raised: its ``error``."""

    index: int
    """The account's position in the input."""
    account: str
    """A label safe to show and log (never the token): see ``Credentials.label``."""
    error: Exception
    value: None = None
    ok: Literal[False] = field(default=False, init=False)


FanOutResult: TypeAlias = FanOutSuccess[T] | FanOutFailure
"""What one account's call gave. ``if result.ok:`` narrows it for a type checker:
``result.value`` is then the call's type, otherwise ``result.error`` an ``Exception``."""


async def fan_out(
    accounts: Iterable[Account],
    fn: Callable[[AsyncToggl], Awaitable[T]],
    *,
    concurrency: int = DEFAULT_FAN_OUT_CONCURRENCY,
    progress: Callable[[int, int], object] | None = None,
    **client_options: Any,
) -> list[FanOutResult[T]]:
    """Call ``fn(client)`` for every account, at most ``concurrency`` accounts at once, and
    return the results in input order::

        results = await fan_out(tokens, lambda toggl: toggl.me.projects(), concurrency=20)
        for result in results:
            print(result.account, len(result.value) if result.ok else result.error)

    Every account gets its own ``AsyncToggl`` (so its own rate limit and quota state, kept
    in ``state=RedisState(...)`` when given, shared with other processes), all sending
    through one shared connection pool. ``client_options`` are ``AsyncToggl``'s
    (``base_url``, ``timeout``, ``max_retries``, ``rate_limit``, ``quota_wait``, ``proxy``,
    ``ssl``, ``headers``, ``trust_env``, ``state``, or a ``session`` of your own) and apply
    to every client. One account's failure (a bad token, its quota, a timeout) is kept in
    its result and never stops the others. ``progress(done, total)`` is called as each
    account finishes.
    """
    results = [
        result
        async for result in iter_fan_out(
            accounts, fn, concurrency=concurrency, progress=progress, **client_options
        )
    ]
    results.sort(key=lambda result: result.index)
    return results


def iter_fan_out(
    accounts: Iterable[Account],
    fn: Callable[[AsyncToggl], Awaitable[T]],
    *,
    concurrency: int = DEFAULT_FAN_OUT_CONCURRENCY,
    progress: Callable[[int, int], object] | None = None,
    **client_options: Any,
) -> AsyncIterator[FanOutResult[T]]:
    """``fan_out`` yielding each result as soon as its account finishes, for runs over
    thousands of accounts. Leaving the loop early cancels the accounts still running (at
    once with ``contextlib.aclosing``, otherwise when the generator is collected).
    The arguments are checked here, before anything runs."""
    work = list(enumerate(_checked_accounts(accounts)))
    if isinstance(concurrency, bool) or not isinstance(concurrency, int):
        raise InvalidTypeError(f"concurrency must be an int, not {type(concurrency).__name__}")
    if concurrency < 1:
        raise InvalidValueError(f"concurrency must be at least 1, got {concurrency}")
    # Bad options would fail every account alike: say so once, before any request. The
    # client checked is the template of every account's (its settings are not checked
    # again, or rebuilt, 10,000 times).
    template = AsyncToggl(credentials=_PROBE, **client_options)
    return _results(work, fn, concurrency, progress, template, client_options)


async def _results(
    work: list[tuple[int, Account]],
    fn: Callable[[AsyncToggl], Awaitable[T]],
    concurrency: int,
    progress: Callable[[int, int], object] | None,
    template: AsyncToggl,
    client_options: dict[str, Any],
) -> AsyncIterator[FanOutResult[T]]:
    session: aiohttp.ClientSession | None = client_options.get("session")
    owned = session is None
    if session is None:
        # One pool for every account: its size is the whole fan-out's connection bound.
        # The connection options shape that pool, so they go to it, not to each client.
        settings = connection(
            client_options.get("proxy"), client_options.get("ssl"),
            client_options.get("headers"), client_options.get("trust_env", True),
        )
        session = settings.new_session(concurrency, template.base_url)
    loop = asyncio.get_running_loop()
    queue = iter(work)
    # `concurrency` workers take the accounts in turn (a task each would cost more than
    # the account's own bookkeeping). At most `concurrency` results wait to be taken: a
    # worker with one more waits for room before its next account, so a slow consumer
    # holds the fan-out back. Only then: waiting for the consumer's turn after every
    # account cost a trip through the event loop per account.
    room = asyncio.Semaphore(concurrency)
    finished: deque[FanOutResult[T]] = deque()
    wakeup: asyncio.Future[None] | None = None

    def wake() -> None:
        if wakeup is not None and not wakeup.done():
            wakeup.set_result(None)

    async def worker() -> None:
        for account in queue:
            result = await _run_one(*account, fn, template, session)
            await room.acquire()
            finished.append(result)
            wake()

    stopped: list[asyncio.Task[None]] = []  # workers that died (fn let a BaseException out)

    def on_stop(task: asyncio.Task[None]) -> None:
        if task.cancelled() or task.exception() is not None:
            stopped.append(task)
            wake()

    workers = [loop.create_task(worker()) for _ in range(min(concurrency, len(work)))]
    for task in workers:
        task.add_done_callback(on_stop)
    try:
        for done in range(1, len(work) + 1):
            while not finished:
                if stopped:
                    stopped[0].result()  # raises what stopped it
                # Results so far are all out: a blocking caller takes them in one hand-off.
                await pause_point()
                if finished or stopped:
                    continue  # some came while the caller held the pause
                wakeup = loop.create_future()
                await wakeup
            result = finished.popleft()
            room.release()
            if progress is not None:
                progress(done, len(work))
            yield result
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        if owned:
            await session.close()


def _checked_accounts(accounts: Iterable[Account]) -> list[Account]:
    if isinstance(accounts, (str, Credentials)):
        raise InvalidTypeError(
            "accounts must be an iterable of tokens or Credentials, not one account"
        )
    checked = list(accounts)
    for account in checked:
        if not isinstance(account, (str, Credentials)):
            raise InvalidTypeError(
                f"each account must be an API token (str) or Credentials, not "
                f"{type(account).__name__}"
            )
    return checked


async def _run_one(
    index: int,
    account: Account,
    fn: Callable[[AsyncToggl], Awaitable[T]],
    template: AsyncToggl,
    session: aiohttp.ClientSession,
) -> FanOutResult[T]:
    label = account.label if isinstance(account, Credentials) else "(unreadable token)"
    try:
        credentials = account if isinstance(account, Credentials) else Credentials(account)
        label = credentials.label
    except Exception as exc:  # a bad token fails this account only
        return FanOutFailure(index, label, error=exc)
    client = template._for_account(credentials, session)
    try:
        return FanOutSuccess(index, label, value=await fn(client))
    except Exception as exc:
        return FanOutFailure(index, label, error=exc)
    finally:
        await client.aclose()
