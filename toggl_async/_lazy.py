"""A package's public names imported on first use (PEP 562), so that ``import`` runs only
the modules a program needs: each package lists its names under ``if TYPE_CHECKING:`` for
type checkers, and hands the same table to ``lazy_exports`` for the interpreter."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def lazy_exports(
    package: str, exports: Mapping[str, Iterable[str]], submodules: tuple[str, ...] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of module ``package``: ``exports`` maps a module
    (relative to ``package``, or absolute) to the names it defines; ``submodules`` are
    reachable as attributes even before anything imported them."""
    where = {name: module for module, names in exports.items() for name in names}
    where.update((name, f".{name}") for name in submodules)

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        loaded = importlib.import_module(module, package)
        value = loaded if name in submodules else getattr(loaded, name)
        setattr(sys.modules[package], name, value)  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *where})

    return __getattr__, __dir__
