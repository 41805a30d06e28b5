"""Accounts' pacing and quota kept in Redis, shared by every process and host using it.

Per account, one Redis hash (``<prefix>:<credentials fingerprint>``) holds:

    tat                 when the account's schedule of slots is free again (Redis clock,
                        seconds): the "theoretical arrival time" of a generic cell-rate
                        algorithm
    sequence <scope>    how many requests to that part of the API were let go, to order
                        their answers (the service keeps a quota for the user and one per
                        organization: see ``quota_scope``)
    remaining <scope>   the quota left, as the latest answer said, less the requests let
                        go since
    resets_at <scope>   when that quota resets (Redis clock)
    answered <scope>    the sequence number of the answer ``remaining`` came from

Each operation is one Lua script, run atomically by Redis on its own clock, so processes on
hosts whose clocks differ still share one schedule and no two take the same slot. A slot is
taken only when it is due (a waiting request asks again when its turn should have come), so
a process that dies, or a request cancelled while it waits, holds no slot: nothing is lost
beyond the one interval of a slot taken and never used.

When Redis does not answer within ``timeout``, the request goes on with the account's
in-process state (as without Redis); one WARNING says so, and Redis is tried again at most
every ``retry_interval`` until it answers.

``redis`` (redis-py) is imported only when a ``RedisState`` is made.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
import weakref
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from multidict import CIMultiDictProxy

from . import _params
from ._constants import MAX_BURST, QUOTA_REMAINING_HEADER, QUOTA_RESETS_IN_HEADER
from ._errors import InvalidTypeError, InvalidValueError, header_seconds
from ._limits import Quota, RateLimiter, SlotPastDeadline
from ._state import AccountState, Grant, LocalState, QuotaSpent, SharedState

if TYPE_CHECKING:
    from redis.asyncio import Redis
    from redis.commands.core import AsyncScript

    from ._auth import Credentials

logger = logging.getLogger("toggl_async")

DEFAULT_PREFIX = "toggl"
# Redis on the same network answers in about a millisecond, a new connection (and a first
# script load) in a few; past this, fall back. Toggl's own answers take longer.
DEFAULT_TIMEOUT = 0.25
# An account's keys outlive the longest quota window after its last request.
DEFAULT_IDLE_EXPIRY = 3600.0
DEFAULT_RETRY_INTERVAL = 1.0
# A client's first call to Redis may wait this many times ``timeout``.
FIRST_CALL_ALLOWANCE = 4
# How long what an answer taught may wait for the next request to carry it to Redis.
ANSWER_DELAY = 0.005

_NOW = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
"""

# The account's hash, read once into ``hash`` and written back once by ``save``: every
# command a script calls adds to each request's round trip. Values are kept as strings, as
# Redis returns them.
_HASH = """
local key = KEYS[1]
local hash, changed = {}, {}
local stored = redis.call('HGETALL', key)
for i = 1, #stored, 2 do
  hash[stored[i]] = stored[i + 1]
end
local function set(field, value)  -- nil: delete the field
  hash[field] = value
  changed[field] = true
end
local function save(expiry_ms)
  local sets, deletes = {}, {}
  for field in pairs(changed) do
    if hash[field] == nil then
      deletes[#deletes + 1] = field
    else
      sets[#sets + 1] = field
      sets[#sets + 1] = hash[field]
    end
  end
  if #sets > 0 then
    redis.call('HSET', key, unpack(sets))
  end
  if #deletes > 0 then
    redis.call('HDEL', key, unpack(deletes))
  end
  redis.call('PEXPIRE', key, expiry_ms)
end
"""

# The quota of a scope as the hash has it now: {remaining, seconds until reset}, '' when
# unknown.
_QUOTA_VIEW = """
local function quota_view(scope)
  local resets_at = tonumber(hash['resets_at ' .. scope])
  if resets_at and resets_at <= now then
    set('remaining ' .. scope, nil)
    set('resets_at ' .. scope, nil)
    return {'', ''}
  end
  return {hash['remaining ' .. scope] or '',
          resets_at and string.format('%.3f', resets_at - now) or ''}
end
"""

# Answers not recorded yet, from ARGV[first] on, five values each: the request's sequence
# number in its scope, how late it reached the service (seconds), the quota remaining and
# resets-in its answer reported ('' if not), and its scope.
_APPLY_ANSWERS = """
local function apply_answers(first)
  for i = first, #ARGV, 5 do
    local late = tonumber(ARGV[i + 1])
    local tat = tonumber(hash['tat'])
    if late > 0 and tat then
      set('tat', string.format('%.6f', tat + late))
    end
    local sequence = tonumber(ARGV[i])
    local remaining = tonumber(ARGV[i + 2])
    local scope = ARGV[i + 4]
    if remaining and sequence >= (tonumber(hash['answered ' .. scope]) or 0) then
      -- The requests let go after this one are not counted in its answer yet.
      remaining = remaining - ((tonumber(hash['sequence ' .. scope]) or sequence) - sequence)
      set('answered ' .. scope, tostring(sequence))
      set('remaining ' .. scope, tostring(remaining))
      local resets_in = tonumber(ARGV[i + 3])
      set('resets_at ' .. scope, resets_in and string.format('%.6f', now + resets_in) or nil)
    end
  end
end
"""

# KEYS: the account's hash. ARGV: interval (0: not paced), burst span, idle expiry (ms), the
# request's scope, then answers to record first (see apply_answers).
# One string of comma-separated values, which redis-py reads faster than a list:
# "1,sequence,remaining,resets_in": go now. "0,seconds": ask again in that long.
# "-1,remaining,resets_in": the scope's quota is spent until then.
_ACQUIRE = _NOW + _HASH + _QUOTA_VIEW + _APPLY_ANSWERS + """
local scope = ARGV[4]
local function done(reply)
  save(ARGV[3])
  return table.concat(reply, ',')
end
apply_answers(5)
local quota = quota_view(scope)
local remaining = tonumber(quota[1])
if remaining and remaining <= 0 and quota[2] ~= '' then
  return done({-1, quota[1], quota[2]})
end
local interval = tonumber(ARGV[1])
if interval > 0 then
  local tat = math.max(tonumber(hash['tat']) or 0, now)
  local due = tat - tonumber(ARGV[2])
  if due > now then
    return done({0, string.format('%.6f', due - now)})
  end
  set('tat', string.format('%.6f', tat + interval))
end
local sequence = (tonumber(hash['sequence ' .. scope]) or 0) + 1
set('sequence ' .. scope, tostring(sequence))
if remaining then
  remaining = remaining - 1
  set('remaining ' .. scope, tostring(remaining))
end
return done({1, sequence, remaining and tostring(remaining) or '', quota[2]})
"""

# KEYS: the account's hash. ARGV: idle expiry (ms), the scope whose quota to return, then
# the answers to record. {remaining, resets_in} of that scope as now known.
_ANSWERED = _NOW + _HASH + _QUOTA_VIEW + _APPLY_ANSWERS + """
apply_answers(3)
local quota = quota_view(ARGV[2])
save(ARGV[1])
return quota
"""

# KEYS: the account's hash. ARGV: pause (seconds), burst span, idle expiry (ms).
_PAUSE = _NOW + """
local key = KEYS[1]
local resume = now + tonumber(ARGV[1]) + tonumber(ARGV[2])
local tat = tonumber(redis.call('HGET', key, 'tat')) or 0
if resume > tat then
  redis.call('HSET', key, 'tat', string.format('%.6f', resume))
end
redis.call('PEXPIRE', key, ARGV[3])
return 1
"""


class RedisUnavailable(Exception):
    """Redis did not answer in time, or failed: use the in-process state."""


class _Connection:
    """A Redis client and the scripts registered on it."""

    __slots__ = ("acquire", "answered", "client", "owned", "pause", "proven", "users")

    def __init__(self, client: Redis, owned: bool) -> None:
        self.client = client
        self.owned = owned
        self.users = 0
        self.proven = False  # has answered once: connected, scripts loaded
        self.acquire: AsyncScript = client.register_script(_ACQUIRE)
        self.answered: AsyncScript = client.register_script(_ANSWERED)
        self.pause: AsyncScript = client.register_script(_PAUSE)


def _refuse_decoded_replies(client: Redis, what: str) -> None:
    # The scripts' replies are read as bytes; a client decoding them to str would fail on
    # every request, far from the cause.
    if client.connection_pool.connection_kwargs.get("decode_responses"):
        raise InvalidValueError(
            f"{what} decodes Redis replies (decode_responses=True); RedisState needs a client "
            "that returns bytes (redis-py's default)"
        )


class RedisState(SharedState):
    """Accounts' pacing slots, 429 pauses and quota kept in Redis, so that every process
    and host using the same Redis keeps each account within its limits together::

        state = RedisState("redis://redis.internal:6379/0")
        async with AsyncToggl(token, state=state) as toggl:
            ...

    Args:
        redis: a ``redis://`` (or ``rediss://``, ``unix://``) URL, or a ready
            ``redis.asyncio.Redis`` client (it stays yours to close; use it on its loop).
        prefix: namespace of the keys (``<prefix>:<fingerprint of the credentials>``).
        timeout: the longest a request waits on Redis (seconds) before it goes on with the
            account's in-process state instead (four times that for the first call of a
            new client, which connects).
        idle_expiry: seconds after an account's last request when its keys expire.
        retry_interval: while Redis is unavailable, how often to try it again (seconds).

    Needs ``pip install "toggl-async[redis]"``. Clients made from a URL are closed when
    the last ``AsyncToggl`` using them on their event loop closes (or by ``aclose()``).
    """

    def __init__(
        self,
        redis: str | Redis,
        *,
        prefix: str = DEFAULT_PREFIX,
        timeout: float = DEFAULT_TIMEOUT,
        idle_expiry: float = DEFAULT_IDLE_EXPIRY,
        retry_interval: float = DEFAULT_RETRY_INTERVAL,
    ) -> None:
        try:
            import redis.asyncio as redis_asyncio
        except ImportError:
            raise ImportError(
                'RedisState needs redis-py: pip install "toggl-async[redis]"'
            ) from None
        if isinstance(redis, str):
            self._url: str | None = redis
            self._given: _Connection | None = None
            try:  # the URL is checked now, not at the first request; nothing connects
                checked = redis_asyncio.from_url(redis)
            except ValueError as exc:
                raise InvalidValueError(f"not a Redis URL: {exc}") from None
            _refuse_decoded_replies(checked, "the URL")
        elif isinstance(redis, redis_asyncio.Redis):
            _refuse_decoded_replies(redis, "the client")
            self._url = None
            self._given = _Connection(redis, owned=False)
        else:
            raise InvalidTypeError(
                f"redis must be a redis:// URL or a redis.asyncio.Redis, not "
                f"{type(redis).__name__}"
            )
        if not isinstance(prefix, str) or not prefix:
            raise InvalidValueError(f"prefix must be a non-empty str, got {prefix!r}")
        self.prefix = prefix
        self.timeout = _positive(timeout, "timeout")
        self.idle_expiry = _positive(idle_expiry, "idle_expiry")
        self.retry_interval = _positive(retry_interval, "retry_interval")
        self._idle_ms = max(1, round(self.idle_expiry * 1000))
        # One client per event loop: redis-py's connections belong to the loop they were
        # made on (toggl_sync clients each run their own).
        self._connections: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Connection]
        self._connections = weakref.WeakKeyDictionary()
        self._down_since: float | None = None  # monotonic; None while Redis answers
        self._next_try = 0.0

    def account(self, credentials: Credentials, rate: float | None) -> AccountState:
        return _RedisAccount(self, f"{self.prefix}:{credentials.fingerprint}", rate)

    @property
    def available(self) -> bool:
        """False while Redis is taken to be unavailable (requests use in-process state)."""
        return self._down_since is None

    def __repr__(self) -> str:
        where = "a given client" if self._url is None else _redacted(self._url)
        return f"RedisState({where}, prefix={self.prefix!r})"

    async def aclose(self) -> None:
        """Close the client this state made for the running event loop, if any."""
        connection = self._connections.pop(asyncio.get_running_loop(), None)
        if connection is not None:
            await connection.client.aclose()

    # --- used by the accounts ---------------------------------------------------------

    def _connection(self) -> _Connection:
        if self._given is not None:
            return self._given
        loop = asyncio.get_running_loop()
        connection = self._connections.get(loop)
        if connection is None:
            import redis.asyncio as redis_asyncio

            assert self._url is not None
            # _run bounds every call, so no socket_timeout: with one, redis-py wraps each
            # command's write in a task of its own and its read in a timer.
            client = redis_asyncio.from_url(
                self._url, socket_timeout=None,
                socket_connect_timeout=self.timeout * FIRST_CALL_ALLOWANCE,
            )
            connection = self._connections[loop] = _Connection(client, owned=True)
        return connection

    async def _release(self, connection: _Connection) -> None:
        connection.users -= 1
        if connection.users == 0 and connection.owned:
            for loop, known in list(self._connections.items()):
                if known is connection:
                    del self._connections[loop]
            await connection.client.aclose()

    async def _run(
        self, connection: _Connection, script: AsyncScript, key: str, args: list[Any]
    ) -> Any:
        """Run ``script`` on ``key``; RedisUnavailable when Redis is down, slow or was so
        moments ago."""
        now = time.monotonic()
        if self._down_since is not None:
            if now < self._next_try:
                raise RedisUnavailable
            self._next_try = now + self.retry_interval  # one probe at a time
        # A first call also connects, and may load the script: a few round trips.
        wait = self.timeout if connection.proven else self.timeout * FIRST_CALL_ALLOWANCE
        try:
            reply = await _within(wait, script(keys=[key], args=args))
        except (asyncio.TimeoutError, OSError, _redis_errors()) as exc:
            connection.proven = False  # the next call connects again
            self._unavailable(exc)
            raise RedisUnavailable from exc
        connection.proven = True
        if self._down_since is not None:
            logger.warning(
                "Redis answers again after %.1f s: accounts' pacing and quota are shared "
                "again", time.monotonic() - self._down_since,
            )
            self._down_since = None
        return reply

    def _unavailable(self, exc: BaseException) -> None:
        if self._down_since is None:
            self._down_since = time.monotonic()
            self._next_try = self._down_since + self.retry_interval
            logger.warning(
                "Redis did not answer within %g s (%s): pacing and quota are kept in each "
                "process until it does; retrying every %g s",
                self.timeout, type(exc).__name__, self.retry_interval,
            )


class _RedisAccount(AccountState):
    """One account's state in Redis, with the in-process state as its fallback.

    What an answer teaches (how late it arrived, the quota it reported) travels with this
    process's next request for the account, in the same round trip as its slot; if none
    comes within ``ANSWER_DELAY``, it is sent alone. So a busy account costs one round trip
    a request, and the other processes learn of an answer a few milliseconds after it came
    (well before the next slot at Toggl's pace), while each request still takes from
    Redis the quota left, so that no more are sent than the quota allows.
    """

    __slots__ = ("_burst_span", "_connection", "_fallback", "_flush", "_key", "_latest_scope",
                 "_lock", "_pending", "_slot_args", "_store", "quota")

    def __init__(self, store: RedisState, key: str, rate: float | None) -> None:
        self._store = store
        self._key = key
        self.quota = Quota()
        self._fallback = LocalState(None if rate is None else RateLimiter(rate), self.quota)
        if rate is None:
            interval = self._burst_span = 0.0
        else:
            interval = 1.0 / rate
            self._burst_span = (min(MAX_BURST, max(1, int(rate))) - 1) * interval
        # Arguments go to Redis as bytes, made here: redis-py's encoder costs several calls
        # a value, on every request.
        self._slot_args = [b"%r" % interval, b"%r" % self._burst_span, b"%d" % store._idle_ms]
        self._connection: _Connection | None = None
        # One waiter per process asks Redis for the account's next slot; the others queue
        # here in order.
        self._lock = asyncio.Lock()
        self._pending: list[bytes] = []  # answers not sent to Redis yet, 5 values each
        self._flush: asyncio.TimerHandle | asyncio.Task[None] | None = None
        self._latest_scope = ""  # of the latest answer: the quota toggl.quota shows

    def _scripts(self) -> _Connection:
        connection = self._connection
        if connection is None:
            connection = self._connection = self._store._connection()
            connection.users += 1
        return connection

    def _take_pending(self) -> list[bytes]:
        pending, self._pending = self._pending, []
        return pending

    async def acquire(self, scope: str, deadline: float | None = None) -> Grant:
        store = self._store
        async with self._lock:
            while True:
                args = [*self._slot_args, scope.encode(), *self._take_pending()]
                try:
                    connection = self._scripts()
                    reply = await store._run(connection, connection.acquire, self._key, args)
                except RedisUnavailable:
                    # Still under the lock: one slot of this process's schedule is taken
                    # at a time, so that the next request asks Redis again first.
                    return await self._fallback.acquire(scope, deadline)
                status, *values = reply.split(b",")
                if status == b"1":
                    sequence, remaining, resets_in = values
                    self._see_quota(remaining, resets_in, scope)
                    return Grant(time.monotonic(), int(sequence))
                if status == b"-1":
                    remaining, resets_in = values
                    self._see_quota(remaining, resets_in, scope)
                    raise QuotaSpent(float(resets_in))
                wait = float(values[0])
                if deadline is not None and time.monotonic() + wait > deadline:
                    raise SlotPastDeadline
                await asyncio.sleep(wait)

    async def answered(
        self, grant: Grant, sent: float, answered: float, headers: CIMultiDictProxy[str],
        scope: str,
    ) -> None:
        if grant.sequence is None:  # let go in this process, while Redis was unavailable
            await self._fallback.answered(grant, sent, answered, headers, scope)
            return
        limiter = self._fallback.limiter
        # The estimate of how fast answers come is this process's own.
        late = 0.0 if limiter is None else limiter.lateness(grant.allowed, sent, answered)
        remaining = header_seconds(headers.get(QUOTA_REMAINING_HEADER))
        resets_in = header_seconds(headers.get(QUOTA_RESETS_IN_HEADER))
        self._pending += (
            b"%d" % grant.sequence, b"%r" % max(0.0, late),
            b"" if remaining is None else b"%d" % remaining,
            b"" if resets_in is None else b"%r" % resets_in, scope.encode(),
        )
        self._latest_scope = scope
        self.quota.record(remaining, resets_in, scope)  # the newest news until Redis has it
        if self._flush is None:
            self._schedule_flush()

    def _schedule_flush(self) -> None:
        self._flush = asyncio.get_running_loop().call_later(ANSWER_DELAY, self._start_flush)

    def _start_flush(self) -> None:
        if self._pending:
            self._flush = asyncio.ensure_future(self._send_answers())
        else:  # a request carried them: nothing to send alone
            self._flush = None

    async def _send_answers(self) -> None:
        try:
            pending = self._take_pending()
            if pending:
                args = [self._store._idle_ms, self._latest_scope, *pending]
                connection = self._scripts()
                reply = await self._store._run(
                    connection, connection.answered, self._key, args
                )
                self._see_quota(reply[0], reply[1], self._latest_scope)
        except RedisUnavailable:
            pass  # the in-process state has them (see answered)
        finally:
            self._flush = None
            if self._pending:  # answered while this was sent
                self._schedule_flush()

    async def pause(self, seconds: float) -> None:
        args = [seconds, self._burst_span, self._store._idle_ms]
        try:
            connection = self._scripts()
            await self._store._run(connection, connection.pause, self._key, args)
        except RedisUnavailable:
            await self._fallback.pause(seconds)

    async def aclose(self) -> None:
        if isinstance(self._flush, asyncio.Task):
            await self._flush
        if isinstance(self._flush, asyncio.TimerHandle):  # answers waiting: send them now
            self._flush.cancel()
            self._flush = None
            await self._send_answers()
        connection, self._connection = self._connection, None
        if connection is not None:
            await self._store._release(connection)

    def _see_quota(self, remaining: bytes, resets_in: bytes, scope: str) -> None:
        """Mirror the shared quota of ``scope`` into ``self.quota`` (``toggl.quota``, and
        the fallback's check before sending), as an answer reporting it would."""
        if remaining and resets_in:
            # Below 0 only while answers catch up with requests let go: spent.
            self.quota.record(max(0, int(remaining)), float(resets_in), scope)


if sys.version_info >= (3, 11):

    async def _within(seconds: float, call: Awaitable[Any]) -> Any:
        async with asyncio.timeout(seconds):
            return await call

else:

    async def _within(seconds: float, call: Awaitable[Any]) -> Any:
        return await asyncio.wait_for(call, seconds)  # a task per call: 3.10 only


def _redis_errors() -> type[Exception]:
    from redis.exceptions import RedisError

    return RedisError


def _positive(value: float, name: str) -> float:
    number = _params.number(value, name)
    if not number > 0:
        raise InvalidValueError(f"{name} must be positive seconds, got {value!r}")
    return number


def _redacted(url: str) -> str:
    """The URL without its password."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return parts._replace(netloc=user + netloc).geturl()
