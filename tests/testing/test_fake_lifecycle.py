"""Starting and stopping both forms, options, determinism, and the pytest plugin."""

from __future__ import annotations

import asyncio
import importlib
import importlib.metadata
import inspect
import json
import threading
import time
import urllib.error
import urllib.request

import aiohttp
import pytest

from toggl_async.testing import BlockingFakeToggl, FakeToggl, FakeTogglOptions

pytest_plugins = ["pytester"]

PLUGIN = "pytest_toggl_async"


def fake_threads() -> set[threading.Thread]:
    """Live fake threads (other test modules may keep a fake of their own running)."""
    return {thread for thread in threading.enumerate() if thread.name == "toggl-fake"}


def get_json(fake: BlockingFakeToggl, path: str) -> object:
    request = urllib.request.Request(
        fake.url + path, headers={"Authorization": fake.accounts[0].authorization}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


# -- async form -----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_start_and_close_without_context_manager():
    fake = FakeToggl(accounts=1)
    with pytest.raises(RuntimeError, match="not running"):
        _ = fake.url
    assert await fake.start() is fake
    assert fake.url.startswith("http://127.0.0.1:")
    assert fake.url.endswith("/api/v9")
    with pytest.raises(RuntimeError, match="already running"):
        await fake.start()
    await fake.close()
    await fake.close()  # idempotent
    assert repr(fake) == "<FakeToggl not running>"


@pytest.mark.asyncio
async def test_close_does_not_wait_for_slow_requests(until):
    fake = await FakeToggl().start()
    fake.inject(delay=5.0, times=2)
    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": fake.accounts[0].authorization}
        slow = asyncio.ensure_future(session.get(fake.url + "/me", headers=headers))
        await until(lambda: fake.in_flight == 1)
        started = time.perf_counter()
        await fake.close()
        assert time.perf_counter() - started < 1.0
        with pytest.raises(aiohttp.ClientError):
            await slow


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"accounts": 0}, "accounts"),
        ({"latency": -1}, "latency"),
        ({"rate_limit": 0}, "rate_limit"),
        ({"quota": -1}, "quota"),
        ({"quota_window": 0}, "quota_window"),
        ({"fail_rate": 1.5}, "fail_rate"),
        ({"fail_rate": 0.6, "drop_rate": 0.6}, "must not exceed"),
    ],
)
def test_invalid_options(options, message):
    with pytest.raises(ValueError, match=message):
        FakeToggl(**options)


def test_options_typeddict_matches_the_constructor():
    parameters = inspect.signature(FakeToggl).parameters
    assert set(FakeTogglOptions.__annotations__) == set(parameters)


def test_data_is_deterministic_and_independent():
    first, second = FakeToggl(seed=5, accounts=1), FakeToggl(seed=5, accounts=1)
    assert [vars(a) for a in first.accounts] == [vars(a) for a in second.accounts]
    first.accounts[0].user["fullname"] = "Changed"
    first.accounts[0].projects.clear()
    assert second.accounts[0].user["fullname"] != "Changed"
    assert len(second.accounts[0].projects) > 400
    assert FakeToggl(seed=6, accounts=1).tokens != second.tokens
    many = FakeToggl(accounts=7, seed=5).accounts
    assert len({account.email for account in many}) == len({a.token for a in many}) == 7


# -- blocking form --------------------------------------------------------------------------


def test_blocking_form_serves_from_its_own_thread():
    before = fake_threads()
    with BlockingFakeToggl(accounts=2) as fake:
        assert len(fake_threads() - before) == 1
        me = get_json(fake, "/me")
        assert isinstance(me, dict)
        assert me["api_token"] == fake.token
        fake.inject(path="/me", status=503)
        with pytest.raises(urllib.error.HTTPError) as failure:
            get_json(fake, "/me")
        assert failure.value.code == 503
        failure.value.close()
        assert [record.status for record in fake.requests] == [200, 503]
        assert fake.request_count == 2
        assert len(fake.tokens) == 2
    assert fake_threads() == before
    with pytest.raises(RuntimeError, match="not running"):
        _ = fake.url


def test_running_is_the_blocking_form_and_restartable():
    before = fake_threads()
    fake = FakeToggl.running(accounts=1, seed=3)
    assert isinstance(fake, BlockingFakeToggl)
    for _ in range(2):
        started = time.perf_counter()
        with fake:
            assert time.perf_counter() - started < 1.0
            assert get_json(fake, "/me/workspaces")
            with pytest.raises(RuntimeError, match="already running"):
                fake.start()
        assert fake_threads() == before
    fake.close()  # closing a stopped fake is harmless


def test_blocking_start_failure_is_raised_in_the_caller():
    with BlockingFakeToggl() as first:
        running = fake_threads()
        port = int(first.url.split(":")[2].split("/")[0])
        with pytest.raises(OSError, match="in use"):
            BlockingFakeToggl(port=port).start()
        assert fake_threads() == running


@pytest.mark.asyncio
async def test_blocking_form_from_async_code():
    before = fake_threads()
    with BlockingFakeToggl() as fake:
        async with aiohttp.ClientSession() as session:
            headers = {"Authorization": fake.accounts[0].authorization}
            async with session.get(fake.url + "/me/tags", headers=headers) as response:
                assert response.status == 200
                assert isinstance(await response.json(), list)
    assert fake_threads() == before


# -- pytest plugin --------------------------------------------------------------------------


def _plugin_arguments() -> list[str]:
    """Name the plugin with -p unless an installed entry point already loads it."""
    registered = any(
        entry_point.value == PLUGIN
        for entry_point in importlib.metadata.entry_points(group="pytest11")
    )
    return [] if registered else ["-p", PLUGIN]


def test_plugin_fixture(pytester):
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(
        """
        import json
        import threading
        import urllib.request

        import aiohttp
        import pytest

        def fake_threads():
            return {t for t in threading.enumerate() if t.name == "toggl-fake"}

        BEFORE = fake_threads()

        def get(fake, path):
            request = urllib.request.Request(
                fake.url + path, headers={"Authorization": fake.accounts[0].authorization}
            )
            with urllib.request.urlopen(request) as response:
                return response.status, response.read()

        def test_sync(toggl_fake):
            status, body = get(toggl_fake, "/me")
            assert status == 200
            assert json.loads(body)["api_token"] == toggl_fake.token
            assert len(toggl_fake.accounts) == 3

        @pytest.mark.toggl_fake(accounts=1, quota=10)
        def test_marker_options(toggl_fake):
            assert len(toggl_fake.accounts) == 1
            assert get(toggl_fake, "/me/logged") == (200, b"")

        @pytest.mark.asyncio
        async def test_async(toggl_fake):
            headers = {"Authorization": toggl_fake.accounts[0].authorization}
            async with aiohttp.ClientSession() as session:
                async with session.get(toggl_fake.url + "/me", headers=headers) as response:
                    assert response.status == 200
            assert toggl_fake.request_count == 1

        def test_no_thread_left_behind():
            assert fake_threads() == BEFORE
        """
    )
    # Unrelated plugins stay out: importing hypothesis alone costs a second.
    quiet = ["-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-p", "no:anyio"]
    result = pytester.runpytest(*_plugin_arguments(), *quiet, "-W", "error")
    result.assert_outcomes(passed=4)


def test_the_plugin_loads_the_sdk_and_aiohttp_only_for_the_fixture(pytester):
    # pytest imports the plugin in every project that installs the SDK: a fresh pytest
    # process (other plugins left out) shows what that costs a test not using the fake.
    pytester.makepyfile(
        """
        import sys

        def test_not_using_the_fake():
            assert "aiohttp" not in sys.modules
            assert "toggl_async" not in sys.modules

        def test_using_it(toggl_fake):
            assert "aiohttp" in sys.modules
            assert toggl_fake.url.startswith("http://127.0.0.1:")
        """
    )
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-p", "no:anyio",
        "-p", "no:asyncio", *_plugin_arguments(), "-W", "error",
    )
    result.assert_outcomes(passed=2)


def test_the_former_plugin_module_still_names_the_plugin():
    former = importlib.import_module("toggl_async.testing.pytest_plugin")
    plugin = importlib.import_module(PLUGIN)
    assert former.toggl_fake is plugin.toggl_fake
    assert former.pytest_configure is plugin.pytest_configure
