"""scripts/gen_sync.py: deterministic output, and --check catching every kind of staleness."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest

from tests.sync.test_surface import ROOT, load_generator

ME = "_resources/me.py"  # the blocking toggl.me, one of the generated files


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    return load_generator()


@pytest.fixture
def out(gen: ModuleType, tmp_path: Path) -> Path:
    """A fresh output directory written by the generator, with a hand-written file too."""
    assert gen.main(["--out", str(tmp_path)]) == 0
    (tmp_path / "__init__.py").write_text('"""Hand-written: not the generator\'s."""\n')
    return tmp_path


def check(gen: ModuleType, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = gen.main(["--check", "--out", str(out)])
    return status, capsys.readouterr().err


def test_the_committed_facade_is_current(gen: ModuleType) -> None:
    assert gen.main(["--check"]) == 0


def test_output_is_deterministic(gen: ModuleType, out: Path) -> None:
    first = {name: (out / name).read_text() for name in gen.generated_files(out)}
    assert {gen.OUTPUT_NAME, ME} <= first.keys()
    assert gen.expected_files(ROOT) == first
    assert first == {name: (ROOT / "toggl_sync" / name).read_text() for name in first}


def test_check_passes_on_fresh_output(
    gen: ModuleType, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(gen, out, capsys) == (0, "")


def test_check_fails_on_a_modified_file(
    gen: ModuleType, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generated = out / ME
    generated.write_text(generated.read_text().replace("def get(", "def fetch(", 1))
    status, message = check(gen, out, capsys)
    assert status == 1
    assert f"{generated}: differs" in message
    assert "-    def fetch(" in message and "+    def get(" in message
    assert "run `python scripts/gen_sync.py`" in message


def test_check_fails_on_a_missing_file(
    gen: ModuleType, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (out / ME).unlink()
    status, message = check(gen, out, capsys)
    assert (status, f"{out / ME}: missing" in message) == (1, True)


def test_check_fails_on_an_extra_generated_file(
    gen: ModuleType, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = out / "_old_generated.py"
    stale.write_text(gen.HEADER + "OLD = 1\n")
    status, message = check(gen, out, capsys)
    assert (status, f"{stale}: a generated file the generator no longer writes" in message) == (
        1, True,
    )
    assert gen.main(["--out", str(out)]) == 0  # writing removes it, and keeps the rest
    assert not stale.exists() and (out / "__init__.py").exists()
    assert check(gen, out, capsys) == (0, "")


@pytest.fixture
def core_copy(tmp_path: Path) -> Path:
    """A copy of toggl_async to change, under tmp_path/src."""
    shutil.copytree(ROOT / "toggl_async", tmp_path / "src" / "toggl_async")
    return tmp_path / "src"


def add_to_me_resource(root: Path, code: str) -> None:
    path = root / "toggl_async" / "resources" / "me.py"
    source = path.read_text()
    anchor = "    async def tags("
    path.write_text(source.replace(anchor, code + "\n" + anchor, 1))


def test_a_new_iterator_is_mirrored_from_its_annotation(gen: ModuleType, core_copy: Path) -> None:
    add_to_me_resource(
        core_copy,
        '    def iter_tags(self, *, since: p.Since = None) -> AsyncIterator[Tag]:\n'
        '        """Every tag."""\n'
        "        return self._tag_pages(since)\n",
    )
    text = gen.expected_files(core_copy)[ME]
    assert (
        '    def iter_tags(self, *, since: p.Since = None) -> Iterator[Tag]:\n'
        '        """Every tag."""\n'
        "        return self._portal.iterate(self._target.iter_tags, since=since)\n"
    ) in text


def test_an_unknown_kind_of_member_is_an_error(gen: ModuleType, core_copy: Path) -> None:
    add_to_me_resource(core_copy, "    def summary(self) -> str:\n        return ''\n")
    with pytest.raises(gen.GeneratorError, match=r"MeResource\.summary"):
        gen.expected_files(core_copy)
