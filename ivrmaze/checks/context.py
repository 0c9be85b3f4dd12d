"""What a check reads (``CheckContext``: the computed analysis and the config) and how it makes
a finding of its kind (``finding``)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..config import Config
from ..findings import Finding
from ..graph import shown
from ..kinds import Kind

T = TypeVar("T")


class CheckContext:
    """The analysis' results (``computed``: maze, arrays, per-state results, rows) with the
    config. Checks read ``ctx.maze``, ``ctx.static``, ``ctx.groups``... as on the computed
    results themselves, and ``ctx.config`` for limits."""

    def __init__(self, computed: Any, config: Config) -> None:
        self.computed = computed
        self.config = config
        self.rows: Sequence[Any] = computed.rows
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, made once for every check that asks by ``key`` (the failing caller's walks:
        two checks walk them); it lives as long as the context, one run of the checks."""
        if key not in self._shared:
            self._shared[key] = make()
        found: T = self._shared[key]
        return found

    @property
    def maze(self) -> Any:
        return self.computed.maze

    @property
    def static(self) -> Any:
        return self.computed.static

    @property
    def at(self) -> Any:
        """The Instant looked at, or None for the whole week."""
        return self.computed.at

    @property
    def lines(self) -> list[Any]:
        return self.computed.lines

    @property
    def groups(self) -> list[tuple[Any, list[Any]]]:
        """(state result, its windows) for every distinct state."""
        return self.computed.groups

    def when(self, windows: Sequence[Any], file: str | None = None) -> tuple[str, ...] | None:
        """None for "at all times", else the names of ``windows`` (see the computed results)."""
        result: tuple[str, ...] | None = self.computed.when(windows, file)
        return result

    def name(self, idx: int, file: str | None = None) -> str:
        """Node ``idx`` as a designer reads it in ``file``: its id, or ``file#id`` elsewhere."""
        return shown(self.static.nodes[idx], file)

    def node_attr(self, idx: int) -> dict[str, Any]:
        attrs: dict[str, Any] = self.static.nattrs[idx]
        return attrs

    def node_files(self, idx: list[int]) -> set[str]:
        """The files of nodes ``idx``, without their attribute dicts where the arrays hold the column."""
        files = self.static.files
        if files is None:
            return {self.node_attr(i)["file"] for i in idx}
        return set(map(files.__getitem__, idx))


def finding(kind: Kind, message: str, file: str | None, line: int, column: int, **where: Any) -> Finding:
    """A finding of ``kind`` with its code and default severity (config sets the final one)."""
    return Finding(kind.name, message, file, line, column, severity=kind.severity, code=kind.code, **where)
