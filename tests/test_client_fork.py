"""A client belongs to the process that made it: after ``os.fork()`` the parent's client
raises at once in the child, closing it (or exiting with it alive) never hangs, and a new
client in the child works. Each drill runs in a subprocess of its own, bounded in time."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from toggl_async.testing import BlockingFakeToggl

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="os.fork() is POSIX only")

DRILL = textwrap.dedent('''
    import asyncio, os, sys, time, warnings
    from toggl_async import AsyncToggl, TogglError
    from toggl_sync import Toggl

    warnings.simplefilter("ignore")  # forking with threads running: the drill's point
    style, url, token, ending = sys.argv[1:]

    def in_time(what, started, limit=2.0):
        took = time.monotonic() - started
        assert took < limit, f"{what} took {took:.1f} s"

    def wait_child(pid, limit=20.0):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.02)
        os.kill(pid, 9)
        return "hung"

    def refused(call):
        started = time.monotonic()
        try:
            call()
        except TogglError as error:
            assert "os.fork()" in str(error), error
        else:
            raise AssertionError("the parent's client worked in the child")
        in_time("the parent's client refusing", started)

    def child_checks_sync(toggl):
        refused(toggl.me.get)
        if ending == "close":
            started = time.monotonic()
            toggl.close()
            in_time("closing the parent's client", started)
        with Toggl(token, base_url=url, rate_limit=None) as fresh:
            assert fresh.me.get().id is not None

    async def child_checks_async(toggl):
        # The refusal comes before the call's first suspension: one step of it shows it.
        refused(lambda: toggl.me.get().send(None))
        if ending == "close":
            started = time.monotonic()
            await toggl.aclose()
            in_time("closing the parent's client", started)

    async def fresh_client_works():
        async with AsyncToggl(token, base_url=url, rate_limit=None) as fresh:
            assert (await fresh.me.get()).id is not None

    def in_a_loop_of_its_own(coroutine_function):
        # The loop the child inherited polls through the parent's epoll: leave it alone.
        import threading
        failures = []
        def run():
            try:
                asyncio.run(coroutine_function())
            except BaseException as exc:
                failures.append(exc)
        thread = threading.Thread(target=run)
        thread.start()
        thread.join(20)
        assert not thread.is_alive() and not failures, failures

    if style == "sync":
        toggl = Toggl(token, base_url=url, rate_limit=None)
        toggl.me.get()
        pid = os.fork()
        if pid == 0:
            child_checks_sync(toggl)
            sys.exit(0)  # the parent's client still open: exiting must not wait for it
        result = wait_child(pid)
        toggl.me.get()  # the parent's client is untouched
        toggl.close()
    else:
        async def parent():
            toggl = AsyncToggl(token, base_url=url, rate_limit=None)
            await toggl.me.get()
            pid = os.fork()  # inside the running loop: the child goes on running it
            if pid == 0:
                try:
                    await child_checks_async(toggl)
                    in_a_loop_of_its_own(fresh_client_works)
                except BaseException:
                    import traceback
                    traceback.print_exc()
                    os._exit(1)
                os._exit(0)  # closing the inherited loop would unregister the parent's
            result = wait_child(pid)
            await toggl.me.get()  # the parent's client is untouched
            await toggl.aclose()
            return result

        result = asyncio.run(parent())
    print("child exit:", result)
    sys.exit(0 if result == 0 else 1)
''')


@pytest.mark.parametrize("ending", ["close", "exit-with-it-open"])
@pytest.mark.parametrize("style", ["sync", "async"])
def test_a_client_used_after_fork_fails_fast_and_never_hangs(
    style: str, ending: str, fake: BlockingFakeToggl
) -> None:
    drill = subprocess.run(
        [sys.executable, "-c", DRILL, style, fake.url, fake.token, ending],
        capture_output=True, text=True, timeout=60,
    )

    assert drill.returncode == 0, drill.stdout + drill.stderr
    assert "child exit: 0" in drill.stdout
