"""What ``import toggl_sync`` loads: nothing that only some calls need."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import subprocess
import sys

import pytest

# Loaded when used: html for HTML error pages, difflib for a misspelt field's hint, the
# CLI for the `toggl` command, each resource (async and blocking) and model with its first
# use, shared state with RedisState, fan_out with its first call.
LOADED_WHEN_USED = (
    "html", "difflib", "toggl_sync._cli", "toggl_async.resources.", "toggl_sync._resources.",
    "toggl_async.models.", "toggl_async._redis_state", "toggl_async._fanout",
)
# The packages whose public names load on first use (toggl_async._lazy).
LAZY_PACKAGES = (
    "toggl_async", "toggl_async.models", "toggl_async.resources", "toggl_sync",
    "toggl_sync._resources",
)


def _loaded_by(statement: str) -> list[str]:
    """The modules loaded by ``statement`` in a fresh interpreter."""
    probe = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()


def test_import_leaves_out_what_only_some_calls_need() -> None:
    loaded = _loaded_by("import toggl_sync")
    assert "toggl_sync" in loaded
    assert [m for m in loaded if m.startswith(LOADED_WHEN_USED)] == []


def test_import_toggl_async_runs_only_its_lazy_tables() -> None:
    loaded = _loaded_by("import toggl_async")
    ours = [m for m in loaded if m.startswith("toggl_async")]
    assert ours == ["toggl_async", "toggl_async._lazy", "toggl_async.models"]


def test_a_name_loads_only_its_own_module() -> None:
    loaded = _loaded_by("from toggl_async import TogglError")
    assert "toggl_async._errors" in loaded
    assert [m for m in loaded if m.startswith(("toggl_async.models.", "toggl_async._client"))] \
        == []


@pytest.mark.parametrize(("made", "reports"), [
    ("import toggl_async\nclient = toggl_async.AsyncToggl(api_token='t')", set()),
    ("import toggl_sync\nclient = toggl_sync.Toggl(api_token='t')",
     {"toggl_sync._resources.reports"}),
])
def test_a_client_loads_a_resource_and_its_models_on_first_use(
    made: str, reports: set[str]
) -> None:
    assert [m for m in _loaded_by(made) if m.startswith(LOADED_WHEN_USED)] == []
    loaded = _loaded_by(f"{made}\nclient.reports")
    reports |= {"toggl_async.resources.reports", "toggl_async.models.reports"}
    assert reports <= set(loaded)
    assert not {"toggl_async.resources.me", "toggl_sync._resources.me"} & set(loaded)


def _type_checking_imports(package: str) -> dict[str, str]:
    """Each name the package imports under ``if TYPE_CHECKING:`` and the module it names."""
    module = importlib.import_module(package)
    tree = ast.parse(inspect.getsource(module))
    [block] = [node for node in tree.body
               if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"]
    found = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom)
        source = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
        for alias in node.names:
            if alias.name == "*":
                found.update(dict.fromkeys(importlib.import_module(source).__all__, source))
            else:
                found[alias.asname or alias.name] = source
    return found


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_lazy_names_are_those_type_checkers_see(package: str) -> None:
    module = importlib.import_module(package)
    seen_by_type_checkers = _type_checking_imports(package)
    assert sorted(module.__all__) == sorted(seen_by_type_checkers)
    assert set(module.__all__) <= set(dir(module))
    for name, source in seen_by_type_checkers.items():
        assert getattr(module, name) is getattr(importlib.import_module(source), name)
    with pytest.raises(AttributeError, match="no attribute 'Missing'"):
        module.Missing  # noqa: B018
