"""The event-loop thread owned by one sync client, and the pieces the generated facade
delegates through.

Each ``Toggl`` starts one thread running an asyncio loop (an anyio blocking portal) and
creates its ``AsyncToggl``, hence its aiohttp session, on that loop. A blocking call hands
one coroutine to the loop and sleeps until its task is done: one hand-off each way. (anyio's
``start_task_soon`` adds a blocking round trip per call, to start the task in the portal's
task group, and a cancel scope: small GETs on loopback measured 20-30% slower through it.)
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import types
import weakref
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Coroutine,
    Generator,
    Iterator,
)
from contextlib import AbstractContextManager
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar

from toggl_async import AsyncToggl, ClientClosedError, TogglError
from toggl_async._auth import mask as mask
from toggl_async._lazy import ResourcesOnFirstUse
from toggl_async._stepping import PAUSED, STEPPER
from toggl_async._transport import FORKED_MESSAGE, process_generation

if TYPE_CHECKING:
    from anyio.from_thread import BlockingPortal

T = TypeVar("T")
P = ParamSpec("P")
ClientT = TypeVar("ClientT", bound="BlockingClient")
TargetT = TypeVar("TargetT")

THREAD_NAME = "toggl-sync"
# At most this many items per hand-off (a page is 50-1,000): a batch must end even when
# an iterator never waits.
BATCH_LIMIT = 1000
CLOSED_MESSAGE = "this Toggl client is closed; create a new one"
ON_LOOP_THREAD_MESSAGE = (
    "a blocking Toggl method was called from the client's own event-loop thread (from code "
    "running on that loop, such as a logging handler of toggl_async); it would wait for "
    "itself forever. Use toggl_async.AsyncToggl in async code."
)


class Portal:
    """An event loop on a thread of its own, and the hand-off of calls to it from other
    threads. A ``Toggl`` and its ``with_options`` copies share one, with their client."""

    def __init__(self) -> None:
        # Imported here, with the first client: anyio.from_thread and what it pulls in
        # are a third of what `import toggl_sync` adds to aiohttp, msgspec and anyio.
        from anyio.from_thread import start_blocking_portal

        context = start_blocking_portal()
        anyio_portal = context.__enter__()
        try:
            self._loop, self._thread_id = anyio_portal.call(_claim_loop_thread)
        except BaseException:
            context.__exit__(None, None, None)
            raise
        # Guards `_closed` so that no call is handed to a loop that is shutting down.
        self._lock = threading.Lock()
        self._closed = False
        # The live iterators' loop-side halves, closed before the client.
        self._steppers: weakref.WeakSet[_Stepper[Any]] = weakref.WeakSet()
        self._closers: list[Callable[[], Awaitable[object]]] = [
            partial(_close_all, self._steppers)
        ]
        # The loop thread exists only in the process that started it: a child made by
        # os.fork() has a copy of this object but no thread to hand calls to.
        self._generation = process_generation()
        # Runs on close(), on garbage collection, or at interpreter exit, whichever is first.
        self._finalizer = weakref.finalize(
            self, _shut_down, context, anyio_portal, self._closers, self._thread_id,
            self._generation,
        )

    @property
    def _forked(self) -> bool:
        return self._generation != process_generation()

    @property
    def closed(self) -> bool:
        return self._closed

    def open(
        self, connect: Callable[P, AsyncToggl], /, *args: P.args, **kwargs: P.kwargs
    ) -> AsyncToggl:
        """Create a client on the loop (its session must be made there): closing the portal
        closes it. If that fails, the portal is closed."""
        try:
            client = self.run_sync(connect, *args, **kwargs)
        except BaseException:
            self.close()
            raise
        self.on_close(client.aclose)
        return client

    def on_close(self, aclose: Callable[[], Awaitable[object]]) -> None:
        """Have ``close()`` await ``aclose()`` on the loop before stopping it."""
        self._closers.append(aclose)

    def call(
        self, func: Callable[P, Coroutine[Any, Any, T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run ``func(*args, **kwargs)`` on the loop and wait for its result. Any
        ``BaseException`` while waiting (Ctrl-C) cancels it there before propagating."""
        if threading.get_ident() == self._thread_id:
            raise RuntimeError(ON_LOOP_THREAD_MESSAGE)
        if self._forked:
            raise TogglError(FORKED_MESSAGE)
        handoff = None
        try:
            with self._lock:
                if self._closed:
                    raise ClientClosedError(CLOSED_MESSAGE)
                handoff = _Handoff(func(*args, **kwargs))
                self._loop.call_soon_threadsafe(handoff.start)
            handoff.done.acquire()
        except BaseException:
            # Ctrl-C comes between any two bytecodes: while waiting, or just after handing
            # over, even before start() was scheduled (cancel() copes with that).
            if handoff is not None:
                self._loop.call_soon_threadsafe(handoff.cancel)
            raise
        task = handoff.finished()
        if task.cancelled():  # only when close() stopped the loop under this call
            raise ClientClosedError(CLOSED_MESSAGE)
        return task.result()

    def run_sync(self, func: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Call the plain function ``func`` on the loop thread and wait for its result."""
        return self.call(_run, partial(func, *args, **kwargs))

    def iterate(
        self, func: Callable[P, AsyncIterator[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> Iterator[T]:
        """Call ``func`` on the loop now (it checks its arguments), and return an iterator
        that fetches each page only when the iteration reaches it."""
        return BlockingIterator(self, self.run_sync(func, *args, **kwargs))

    def _track(self, stepper: _Stepper[Any]) -> None:
        self._steppers.add(stepper)

    def close(self) -> None:
        """Close what was opened on the loop, stop it and join its thread. Idempotent.
        In a child process after os.fork() there is no such thread: it only forgets it
        (the lock too may have been copied held)."""
        if self._forked:
            self._closed = True
            detached = self._finalizer.detach()
            if detached is not None:
                _abandon(detached[2][1])
            return
        with self._lock:
            self._closed = True
        self._finalizer()

    def __enter__(self) -> Portal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def run(func: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``func()`` on an event loop started for this call alone: for the module functions
    such as ``fan_out``, which make their clients themselves."""
    with Portal() as portal:
        return portal.call(func)


def run_iterator(func: Callable[[], AsyncIterator[T]]) -> Iterator[T]:
    """``func()`` iterated on an event loop of its own, which stops when the iterator is
    closed or dropped."""
    portal = Portal()
    try:
        iterator = portal.run_sync(func)
    except BaseException:
        portal.close()
        raise
    blocking = BlockingIterator(portal, iterator, owns_portal=True)
    # Dropped unfinished, the generator must finish its cleanup before the loop stops.
    portal.on_close(blocking._state.aclose)
    return blocking


class _Handoff(Generic[T]):
    """One coroutine handed to the loop thread; the calling thread sleeps on ``done``."""

    __slots__ = ("coroutine", "done", "task")

    def __init__(self, coroutine: Coroutine[Any, Any, T]) -> None:
        self.coroutine = coroutine
        self.task: asyncio.Task[T] | None = None
        self.done = threading.Lock()
        self.done.acquire()

    def start(self) -> None:
        """On the loop thread."""
        self.task = asyncio.get_running_loop().create_task(self.coroutine)
        self.task.add_done_callback(self._finish)

    def _finish(self, _task: object) -> None:
        self.done.release()

    def cancel(self) -> None:
        """On the loop thread, after start() if the caller scheduled that (it schedules both,
        in this order)."""
        if self.task is None:
            self.coroutine.close()
        else:
            self.task.cancel()

    def finished(self) -> asyncio.Task[T]:
        """The task, once ``done`` is released."""
        assert self.task is not None  # start() made it, and its callback released done
        return self.task


class BlockingIterator(Iterator[T]):
    """An async iterator living on the portal's loop, advanced a batch at a time: one
    hand-off to the loop gets every item the iterator can give without waiting (a page's
    worth), so ``next()`` mostly reads a buffer. The step that would fetch the next page
    stops before its request (see ``toggl_async._stepping``), a step that waits for
    anything else is kept as it is: the next hand-off resumes it, when the iteration
    reaches it. ``close()``, or dropping it unfinished, cancels a request not yet sent and
    closes an async generator on the loop: nothing more is fetched."""

    __slots__ = ("__weakref__", "_batch", "_owns_portal", "_portal", "_state")

    def __init__(
        self, portal: Portal, iterator: AsyncIterator[T], *, owns_portal: bool = False
    ) -> None:
        self._portal = portal
        self._state = _Stepper(iterator)
        self._batch: Iterator[T] = iter(())
        self._owns_portal = owns_portal  # closing the iterator then closes the portal
        if not owns_portal:  # an owned portal closes the iterator when it goes
            portal._track(self._state)
            # Dropped unfinished: cancel the paused step on the loop (the async
            # generator's own finalizer cannot close it while a step of it is under way).
            weakref.finalize(self, _discard, portal, self._state)

    def __next__(self) -> T:
        for item in self._batch:
            return item
        state = self._state
        if state.error is not None:
            error, state.error = state.error, None
            raise error
        if self._portal.closed:
            if self._owns_portal:
                raise StopIteration  # closed, as a generator would be
        elif state.exhausted:
            raise StopIteration
        batch = self._portal.call(state.fill)  # ClientClosedError once the client is
        if not batch:
            raise StopIteration
        self._batch = iter(batch)
        return next(self._batch)

    def close(self) -> None:
        """Stop iterating and run the async generator's cleanup on the loop."""
        self._batch = iter(())
        if not self._portal.closed:
            self._portal.call(self._state.aclose)
        if self._owns_portal:
            self._portal.close()


class _Stepper(Generic[T]):
    """The loop-side half of a ``BlockingIterator``: fills batches, keeps the step that
    stopped a batch (and what it waits on), and an error that came after items already in
    a batch."""

    __slots__ = ("__weakref__", "error", "exhausted", "iterator", "paused", "waits_on")

    def __init__(self, iterator: AsyncIterator[T]) -> None:
        self.iterator = iterator
        # The step that ended the last batch by waiting: ``PAUSED`` before its request
        # (nothing sent yet), or on what an asyncio task would wait for.
        self.paused: Generator[Any, Any, T] | None = None
        self.waits_on: Any = None
        self.exhausted = False
        self.error: BaseException | None = None

    async def fill(self) -> list[T]:
        """The next item, awaited, then every item that comes without waiting, up to a
        step that would wait: it is kept, and resumed by the next fill."""
        try:
            if self.paused is not None:
                step, self.paused = self.paused, None
                batch = [await _resume(step, self.waits_on)]
            else:
                batch = [await self.iterator.__anext__()]
        except StopAsyncIteration:
            self.exhausted = True
            return []
        stepper = STEPPER.set(asyncio.current_task())
        try:
            while len(batch) < BATCH_LIMIT:
                step = self.iterator.__anext__().__await__()
                try:
                    self.waits_on = step.send(None)
                except StopIteration as item:
                    batch.append(item.value)
                    continue
                except StopAsyncIteration:
                    self.exhausted = True
                except Exception as exc:  # raised once the items before it are taken
                    self.error = exc
                else:
                    self.paused = step
                break
        finally:
            STEPPER.reset(stepper)
        return batch

    async def aclose(self, *, cancel: bool = False) -> None:
        """Close the generator after the kept step: one paused before its request is
        cancelled (nothing is sent); one waiting on something else (the generator's own
        cleanup, say) is let finish, or cancelled too with ``cancel``."""
        step, self.paused = self.paused, None
        self.exhausted = True
        if step is not None:
            stop = cancel or self.waits_on is PAUSED
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await _resume(step, self.waits_on, cancel=stop)
        if isinstance(self.iterator, AsyncGenerator):
            # A next() interrupted by Ctrl-C leaves its batch's step cancelled but still
            # unwinding on the loop; closing the generator before that is done would fail
            # ("already running").
            while getattr(self.iterator, "ag_running", False):  # noqa: ASYNC110
                await asyncio.sleep(0)
            await self.iterator.aclose()


@types.coroutine
def _resume(
    step: Generator[Any, Any, T], yielded: Any, *, cancel: bool = False
) -> Generator[Any, Any, T]:
    """Go on with ``step`` in the awaiting task. It last yielded ``yielded``: ``PAUSED``
    (nothing to wait for) or what a task waits on, which is passed on to this one.
    ``cancel``: resume it with ``CancelledError`` instead, as cancelling a task would."""
    resume: tuple[Callable[[Any], Any], Any] | None = None
    if cancel:
        resume = (step.throw, asyncio.CancelledError())
    elif yielded is PAUSED:
        resume = (step.send, None)
    while True:
        if resume is None:
            try:
                resume = (step.send, (yield yielded))
            except BaseException as exc:  # this task cancelled: so is the step
                resume = (step.throw, exc)
        try:
            yielded = resume[0](resume[1])
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        resume = None


def _discard(portal: Portal, stepper: _Stepper[Any]) -> None:
    """A ``BlockingIterator`` was dropped: cancel its kept step on the loop, if any."""
    if stepper.paused is None or portal.closed:
        return  # the async generator's own finalizer closes it
    with contextlib.suppress(RuntimeError):  # the loop stopped meanwhile
        portal._loop.call_soon_threadsafe(_start, partial(stepper.aclose, cancel=True))


def _start(func: Callable[[], Coroutine[Any, Any, object]]) -> None:
    asyncio.get_running_loop().create_task(func())


async def _close_all(steppers: weakref.WeakSet[_Stepper[Any]]) -> None:
    """On closing the portal, before the client: its unfinished iterators are closed."""
    for stepper in list(steppers):
        if stepper.exhausted:
            continue
        if stepper.paused is None and getattr(stepper.iterator, "ag_running", False):
            continue  # a next() is advancing it: cancelled with the loop, after the client
        await stepper.aclose(cancel=True)


class BlockingClient(ResourcesOnFirstUse):
    """The lifecycle half of the generated ``Toggl``: close, ``with``, repr; and its
    resources, made on first use."""

    _portal: Portal
    _target: AsyncToggl

    def close(self) -> None:
        """Close the session and stop the event-loop thread; this client and every copy
        made by ``with_options`` are then closed. Closing twice is harmless."""
        self._portal.close()

    def __enter__(self: ClientT) -> ClientT:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        # A half-built client (its __init__ raised) has no target; its repr must not raise.
        target = getattr(self, "_target", None)
        if target is None:
            return f"{type(self).__name__}(<not initialised>)"
        return f"{type(self).__name__}(account={target.account!r}, base_url={target.base_url!r})"


class BlockingResource(Generic[TargetT]):
    """A generated resource: blocking methods delegating to the async resource ``_target``."""

    __slots__ = ("_portal", "_target")

    def __init__(self, portal: Portal, target: TargetT) -> None:
        self._portal = portal
        self._target = target


def _claim_loop_thread() -> tuple[asyncio.AbstractEventLoop, int]:
    threading.current_thread().name = THREAD_NAME
    return asyncio.get_running_loop(), threading.get_ident()


async def _run(func: Callable[[], T]) -> T:
    return func()


def _shut_down(
    context: AbstractContextManager[BlockingPortal],
    portal: BlockingPortal,
    closers: list[Callable[[], Awaitable[object]]],
    loop_thread_id: int,
    generation: int,
) -> None:
    if generation != process_generation():
        _abandon(portal)  # a forked child exiting: the loop thread is the parent's
        return
    stop = partial(_stop, context, portal, closers)
    if threading.get_ident() == loop_thread_id:
        # Collected on the loop thread itself, which cannot wait for its own loop.
        threading.Thread(target=stop, name=THREAD_NAME + "-stop").start()
    else:
        stop()


def _abandon(portal: BlockingPortal) -> None:
    """In a child after os.fork(): when anyio's portal context is collected it would ask
    the parent's loop thread, absent here, to stop, and wait for ever. A portal marked as
    not running is refused at once instead (anyio then only joins the thread, which
    threading already marked as stopped in the child)."""
    portal._event_loop_thread_id = None


def _stop(
    context: AbstractContextManager[BlockingPortal],
    portal: BlockingPortal,
    closers: list[Callable[[], Awaitable[object]]],
) -> None:
    try:
        for aclose in closers:
            portal.call(aclose)
    finally:
        context.__exit__(None, None, None)
