"""The generated facade mirrors the async core: names, signatures, docstrings, exports."""

from __future__ import annotations

import importlib.util
import inspect
import sys
import typing
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

import toggl_async
import toggl_sync
from toggl_async import AsyncToggl
from toggl_sync import Toggl

ROOT = Path(__file__).resolve().parents[2]


@cache
def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_sync", ROOT / "scripts" / "gen_sync.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def public(cls: type) -> set[str]:
    return {name for name in dir(cls) if not name.startswith("_")}


def namespaces(client: type) -> dict[str, type]:
    """The resource classes a client declares (``me: MeResource``)."""
    hints = typing.get_type_hints(client)
    return {name: cls for name, cls in hints.items() if not name.startswith("_")}


RESOURCES = sorted(namespaces(AsyncToggl))


def test_resources_are_the_same_namespaces() -> None:
    assert sorted(namespaces(Toggl)) == RESOURCES == [
        "clients", "me", "preferences", "projects", "tags", "tasks", "time_entries",
        "workspaces",
    ]


def blocking_doc(obj: object) -> str | None:
    """``obj``'s docstring as the facade should say it."""
    doc = obj.__doc__
    return None if doc is None else load_generator().blocking_prose(doc)


@pytest.mark.parametrize("attribute", RESOURCES)
def test_resource_methods_match(attribute: str) -> None:
    async_cls = namespaces(AsyncToggl)[attribute]
    sync_cls = namespaces(Toggl)[attribute]
    assert public(sync_cls) == public(async_cls)
    assert sync_cls.__doc__ == async_cls.__doc__  # nothing to rewrite in the resources' prose
    for name in public(async_cls):
        async_method, sync_method = getattr(async_cls, name), getattr(sync_cls, name)
        expected = inspect.signature(async_method)
        returns = expected.return_annotation
        if returns.startswith("AsyncIterator["):
            expected = expected.replace(return_annotation=returns.removeprefix("Async"))
        assert inspect.signature(sync_method) == expected, name
        assert sync_method.__doc__ == blocking_doc(async_method), name


def test_client_matches() -> None:
    assert public(Toggl) == public(AsyncToggl) - {"aclose"} | {"close"}
    assert inspect.signature(Toggl) == inspect.signature(AsyncToggl)
    expected = inspect.signature(AsyncToggl.with_options).replace(return_annotation="Toggl")
    assert inspect.signature(Toggl.with_options) == expected
    for name in ("with_options", "account", "quota", "base_url"):
        assert getattr(Toggl, name).__doc__ == blocking_doc(getattr(AsyncToggl, name)), name
    for name in ("account", "quota", "base_url"):
        assert isinstance(inspect.getattr_static(Toggl, name), property)


def test_client_docstring_is_the_async_one_in_blocking_words() -> None:
    assert Toggl.__doc__ == blocking_doc(AsyncToggl)
    assert "session: an aiohttp session" in (Toggl.__doc__ or "")  # the Args, as written
    for doc in (Toggl.__doc__, Toggl.with_options.__doc__):
        assert doc is not None
        assert "await" not in doc and "async with" not in doc and "AsyncToggl" not in doc


BLOCKING_FUNCTIONS = {"fan_out", "iter_fan_out"}


def test_exports_are_the_core_objects() -> None:
    assert sorted(toggl_sync.__all__) == sorted(["Toggl", *toggl_async.__all__])
    for name in set(toggl_async.__all__) - BLOCKING_FUNCTIONS:
        assert getattr(toggl_sync, name) is getattr(toggl_async, name), name


@pytest.mark.parametrize("name", sorted(BLOCKING_FUNCTIONS))
def test_async_functions_have_blocking_forms(name: str) -> None:
    async_function, sync_function = getattr(toggl_async, name), getattr(toggl_sync, name)
    expected = inspect.signature(async_function)
    returns = expected.return_annotation
    assert inspect.iscoroutinefunction(async_function) or returns.startswith("AsyncIterator")
    assert not inspect.iscoroutinefunction(sync_function)
    expected = expected.replace(return_annotation=returns.removeprefix("Async"))
    assert inspect.signature(sync_function) == expected
    assert sync_function.__doc__ == blocking_doc(async_function)
