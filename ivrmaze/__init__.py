"""ivrmaze: find the mazes in phone menus.

``ivrmaze.load(paths)`` gives a ``Maze``; ``maze.analyze(at=...)`` its metrics and findings.
The names are imported on first use (PEP 562), so ``python -m ivrmaze`` and ``import ivrmaze``
do not pay for the loaders, the platform readers and the analysis they may never need.
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from .version import VERSION as __version__

if TYPE_CHECKING:
    from .errors import IvrmazeError, MazeLoadError, UsageError
    from .findings import Finding
    from .lint import load
    from .maze import Maze

__all__ = ["load", "Maze", "Finding", "IvrmazeError", "MazeLoadError", "UsageError", "__version__"]

# name -> the module that defines it
_LAZY = {"Maze": "maze", "Finding": "findings", "IvrmazeError": "errors",
         "MazeLoadError": "errors", "UsageError": "errors"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


class _Root(types.ModuleType):
    """`ivrmaze.load` is lint's function (with the checks' table), whenever the load/ package
    was imported: importing a submodule sets the parent's attribute, which this ignores."""

    @property
    def load(self) -> Any:
        return importlib.import_module(".lint", __name__).load

    @load.setter
    def load(self, value: Any) -> None:
        if not isinstance(value, types.ModuleType):
            raise AttributeError("ivrmaze.load is read-only")


sys.modules[__name__].__class__ = _Root


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
