"""What a type checker and help() make of the public API: usage snippets checked with
mypy --strict, and signatures as help() shows them in both clients."""

from __future__ import annotations

import inspect
import pydoc
import re
from pathlib import Path

import pytest

import toggl_async
import toggl_sync

mypy_api = pytest.importorskip("mypy.api")

SNIPPET = '''
from toggl_async import AsyncToggl, fan_out
from toggl_sync import Toggl


async def typed(toggl: AsyncToggl, sync: Toggl) -> None:
    me = await toggl.me.get()
    workspace: int = me.default_workspace_id
    user: int = me.id
    await toggl.preferences.update(collapse_time_entries=True, date_format="YYYY-MM-DD")
    await toggl.preferences.update("desktop", extra={"newKey": 1}, theme="dark")
    sync.preferences.update(collapse_time_entrie=True)  # E: typo
    await toggl.preferences.update(date_format=3)  # E: wrong type
    sync.workspaces.update_preferences(1, hide_start_end_times=True)
    sync.workspaces.update_preferences(1, hide_start_times=True)  # E: typo
    await toggl.projects.create(1, name="P", color="#0b83d9", is_private=False)
    sync.projects.update(1, 2, colour="#0b83d9")  # E: typo
    await toggl.tasks.update(1, 2, 3, estimated_seconds="1h")  # E: wrong type
    sync.workspaces.update(1, rounding=-1)
    results = await fan_out(["t"], lambda client: client.me.get())
    for result in results:
        if result.ok:
            name: str = result.value.fullname
        else:
            error: Exception = result.error
            result.value.fullname  # E: value is None on a failure
'''


def test_the_typed_api_catches_mistakes_under_mypy_strict(tmp_path: Path) -> None:
    path = tmp_path / "snippet.py"
    path.write_text(SNIPPET)
    expected = {n for n, line in enumerate(SNIPPET.splitlines(), 1) if "# E:" in line}

    out, err, _ = mypy_api.run(
        ["--strict", "--hide-error-context", "--no-error-summary", str(path)]
    )
    errors = {int(m[1]) for m in re.finditer(r"snippet\.py:(\d+): error", out)}

    assert errors == expected, out + err


def public_callables() -> list[tuple[str, object]]:
    found = []
    for package in (toggl_async, toggl_sync):
        client = package.AsyncToggl if package is toggl_async else package.Toggl
        hints = inspect.get_annotations(client, eval_str=True)
        owners = [client, *(hint for hint in hints.values() if isinstance(hint, type))]
        for owner in owners:
            for name, member in vars(owner).items():
                if not name.startswith("_") or name == "__init__":
                    found.append((f"{owner.__module__}.{owner.__qualname__}.{name}", member))
        found += [(f"{package.__name__}.{n}", getattr(package, n)) for n in ("fan_out",)]
    return [(name, m) for name, m in found if callable(m)]


@pytest.mark.parametrize(("name", "member"), public_callables(), ids=lambda v: str(v))
def test_help_shows_readable_signatures(name: str, member: object) -> None:
    assert callable(member)
    signature = str(inspect.signature(member))

    assert " object at 0x" not in signature, signature
    assert not re.search(r"\bp\.|_params\.", signature), signature


def test_help_of_the_clients_names_no_private_alias_or_bare_object() -> None:
    for text in (pydoc.render_doc(toggl_async.AsyncToggl), pydoc.render_doc(toggl_sync.Toggl)):
        assert " object at 0x" not in text
        assert "p.Since" not in text


MODEL_NAMES = r"\b(" + "|".join(
    name for name in toggl_async.models.__all__
    if isinstance(getattr(toggl_async.models, name), type)
    and issubclass(getattr(toggl_async.models, name), toggl_async.TogglModel)
) + r")\b"


@pytest.mark.parametrize(
    ("fields", "body", "model"),
    [
        (toggl_async.PreferencesFields, toggl_async.PreferencesUpdate, toggl_async.Preferences),
        (toggl_async.WorkspacePreferencesFields, toggl_async.WorkspacePreferencesUpdate,
         toggl_async.WorkspacePreferences),
    ],
)
def test_the_typed_keywords_are_exactly_the_updatable_fields(
    fields: type, body: type, model: type
) -> None:
    """The TypedDicts are written out; this keeps them in step with the models."""
    import msgspec

    keywords = inspect.get_annotations(fields)
    updatable = {f.name for f in msgspec.structs.fields(body)}
    annotations: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        annotations.update(inspect.get_annotations(cls))

    assert keywords.keys() == updatable
    for name, annotation in keywords.items():
        # The model's type, nested models also taken as dicts.
        expected = re.sub(MODEL_NAMES, r"\1 | dict[str, Any]", annotations[name])
        assert getattr(annotation, "__forward_arg__", annotation) == expected, name


@pytest.mark.parametrize(
    ("fields", "body"),
    [
        (toggl_async.ProjectFields, toggl_async.ProjectUpdate),
        (toggl_async.ClientFields, toggl_async.ClientUpdate),
        (toggl_async.TaskFields, toggl_async.TaskUpdate),
        (toggl_async.WorkspaceFields, toggl_async.WorkspaceUpdate),
    ],
)
def test_the_workspace_entity_keywords_are_exactly_the_body_fields(
    fields: type, body: type
) -> None:
    import msgspec

    keywords = set()
    for cls in fields.__mro__:
        keywords |= set(inspect.get_annotations(cls))
    assert keywords == {f.name for f in msgspec.structs.fields(body)}
