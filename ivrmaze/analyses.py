"""``Analyses``: the analyses of one maze, one per distinct state of its week (and the whole
week once). What expectation verdicts, the simulator's agents, diff and review read."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .timeline import Instant, state_at

if TYPE_CHECKING:
    from .analysis.result import Analysis, IntentMetrics
    from .maze import Maze

#: What makes one analysis: ``run(None)`` the whole week, ``run(instant)`` that instant.
Run = Callable[[Instant | None], "Analysis"]


class Analyses:
    """A cache of ``run``'s results. An instant is analysed once per distinct state: two instants
    at which the same schedules are open share one analysis (its ``at`` names the first)."""

    def __init__(self, maze: Maze, run: Run, whole: Analysis | None = None) -> None:
        """``whole``: a whole-week analysis already made (ignored when it is of one instant)."""
        self.maze = maze
        self._run = run
        self._whole = whole if whole is not None and whole.at is None else None
        self._by_state: dict[frozenset[str], Analysis] = {}

    def at(self, instant: Instant) -> Analysis:
        state = state_at(self.maze, instant)
        if state not in self._by_state:
            self._by_state[state] = self._run(instant)
        return self._by_state[state]

    def whole(self) -> Analysis:
        if self._whole is None:
            self._whole = self._run(None)
        return self._whole

    def best_route(self, at: Instant, file: str, entry: str, intent: str) -> tuple[str, ...]:
        """The best route (qualified node ids) for ``intent`` from ``entry`` of ``file`` at ``at``;
        () when none resolves it. The simulator's agents follow it."""
        route: tuple[str, ...] = ()
        for row in self.at(at).intents:
            if (row.file, row.entry, row.intent) == (file, entry, intent):
                route = tuple(row.best_route)
        return route


def row_of(analysis: Analysis, file: str, entry: str, intent: str | None) -> IntentMetrics | None:
    """The first metrics row of ``analysis`` for ``intent`` from ``entry`` of ``file``."""
    for r in analysis.intents:
        if (r.file, r.entry, r.intent) == (file, entry, intent):
            return r
    return None
