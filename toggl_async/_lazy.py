"""What loads on first use, so that a program runs only the modules it needs: a package's
public names (PEP 562; each package lists them under ``if TYPE_CHECKING:`` for type
checkers, and hands the same table to ``lazy_exports`` for the interpreter), and a
client's resources."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar


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


class ResourcesOnFirstUse:
    """A client whose resources (``me``, ``reports``...) are made on first use, each by
    ``_resources[name](client)``, then kept: most of fan_out's per-account clients touch
    one or two, and a resource's module loads only then. For a type checker the resources
    are the client class's annotations."""

    _resources: ClassVar[Mapping[str, Callable[[Any], object]]] = {}

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            make = self._resources.get(name)
            if make is None:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self
                )
            resource = self.__dict__[name] = make(self)
            return resource

        def __dir__(self) -> list[str]:  # completion in a REPL lists them before first use
            return sorted({*super().__dir__(), *self._resources})
