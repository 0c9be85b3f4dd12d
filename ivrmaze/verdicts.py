"""Expectations against the maze: each failed expectation becomes a finding of kind ``expectation``.

A period is checked one instant per piece (``Period.pieces``), with the analyses of an
``Analyses`` (one per distinct state). Failures are grouped by what went wrong, and the
windows in which it went wrong are named in ``when`` and in the message.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .analyses import Analyses, row_of
from .findings import Finding
from .graph import file_of, finding_nodes, qualify, shown
from .periods import ALWAYS, Period, parse_period
from .routes import route_text
from .simulator import simulate
from .timeline import Window, describe, joined, state_at
from .words import percent, safe

if TYPE_CHECKING:
    from .expectations import Expectation
    from .maze import Maze

#: (what went wrong, the window it went wrong in or None) of each failure
Failures = list[tuple[str, Window | None]]

_OUTCOME = {
    "resolved": "the call is resolved at `{node}`",
    "arrived": "the call arrives at `{node}`",
    "ended": "the call ends at `{node}`",
    "waiting": "the call waits at `{node}` for a key",
    "answered": "a human answers at `{node}` and nobody knows where to send the call",
    "loop": "the call goes round at `{node}`",
    "hung-up": "the caller hangs up at `{node}`",
    "too-long": "the call is still going after many moves, at `{node}`",
}


class Verdicts:
    """Evaluates expectations with the analyses of ``analyses``."""

    def __init__(self, maze: Maze, analyses: Analyses) -> None:
        self.maze = maze
        self.analyses = analyses

    # -- one expectation --------------------------------------------------------------------
    def check(self, e: Expectation) -> list[Finding]:
        unknown = e.period.unknown_calendars(self.maze)
        if unknown:
            return [Finding("expectation", safe(f"expectation cannot be checked: its `at` names the holiday calendar "
                            f"`{unknown[0]}`, which no schedule of these files uses, expected a calendar name "
                            "or a date"), e.file, e.line, e.column, intent=e.intent)]
        family: Callable[[Expectation], Failures] = getattr(self, e.family)
        groups: dict[str, list[Window | None]] = {}
        for detail, window in family(e):
            groups.setdefault(detail, []).append(window)
        out = []
        for detail, found in groups.items():
            wins = [w for w in found if w is not None]
            if e.period.instant is not None:
                when: tuple[str, ...] | None = (e.period.text,)
            elif e.period.everything and set(wins) >= {w for w, _ in e.period.pieces(self.maze)}:
                when = None  # at every instant: a finding that holds always has no windows
            else:
                when = tuple(describe(wins)) if wins else None
            where = f" in {joined(when)}" if when and e.period.instant is None else ""
            note = f" ({e.note})" if e.note else ""
            out.append(Finding("expectation", f"expectation not met{note}: {e.describe()}: {detail}{where}",
                               e.file, e.line, e.column, intent=e.intent, when=when))
        return out

    def journey(self, e: Expectation) -> Failures:
        goal = qualify(e.file, e.reaches) if e.reaches else None
        failures: Failures = []
        for window, instant in e.period.pieces(self.maze):
            res = simulate(self.maze, e.keys, at=instant, intent=e.intent, file=e.file, entry=e.entry, goal=goal,
                           best_route=self.analyses.best_route)
            wrong = []
            if goal is not None and res.node != goal:
                wrong.append(f"expected it to reach `{e.reaches}`")
            if e.resolves is True and not res.resolved:
                wrong.append(f"expected it to resolve `{e.intent}`")
            if e.resolves is False and res.resolved:
                wrong.append(f"expected it not to resolve `{e.intent}`")
            if wrong:
                how = _OUTCOME[res.outcome].format(node=shown(res.node, e.file))
                route = route_text(self.maze, res.route, res.edges, file=e.file)
                failures.append((f"{how} ({route}), {' and '.join(wrong)}", window))
        return failures

    def bounds(self, e: Expectation) -> Failures:
        failures: Failures = []
        for window, instant in e.period.pieces(self.maze):
            row = row_of(self.analyses.at(instant), e.file, e.entry, e.intent)
            if row is None:
                failures.append((f"no metrics for `{e.intent}` from `{e.entry}`, expected the intent to be "
                                 "analysed on this line", window))
                continue
            wrong = [f"{b.metric} is {_shown(getattr(row, b.metric), b.metric)}, expected {b.describe()}"
                     for b in e.bounds if not b.holds(getattr(row, b.metric))]
            if e.guaranteed is True and row.guaranteed_hops is None:
                wrong.append("agents can keep the caller from a resolution, expected a guaranteed route")
            if e.guaranteed is False and row.guaranteed_hops is not None:
                wrong.append(f"resolution is guaranteed within {row.guaranteed_hops} hops, expected no guarantee")
            if wrong:
                state = state_at(self.maze, instant)
                best = route_text(self.maze, row.best_route, file=e.file, state=state) if row.best_route else \
                    "no route resolves it"
                failures.append((f"{'; '.join(wrong)} (best route: {best})", window))
        return failures

    def absence(self, e: Expectation) -> Failures:
        def concerns(f: Finding) -> bool:
            if e.intent is not None and e.intent not in f.intents:  # a trap may trap several
                return False
            return f.file == e.file or any(file_of(q) == e.file for q in finding_nodes(f))

        def detail(f: Finding) -> str:
            when = f" (when: {joined(f.when)})" if f.when and e.period.instant is None else ""
            return f"found `{f.kind}` at {f.file}:{f.line}:{f.column}{when}: {f.message}"

        kinds = _COVERS.get(e.no or "", {e.no or ""})
        if e.period is ALWAYS or e.no == "after-hours-trap":
            found = [f for f in self.analyses.whole().findings if f.kind in kinds and concerns(f)
                     and (e.period is ALWAYS or _overlaps(f.when, e.period, self.maze))]
            return [(detail(f), None) for f in found]
        failures: Failures = []
        for window, instant in e.period.pieces(self.maze):
            for f in self.analyses.at(instant).findings:
                if f.kind in kinds and concerns(f):
                    failures.append((detail(f), window))
        return failures


#: What ``no: KIND`` rules out beyond KIND itself: an after-hours trap is a trap (at some times).
_COVERS = {"trap": {"trap", "after-hours-trap"}}


def _shown(value: float | int | None, metric: str) -> str:
    """A metric as the messages show it (a probability as a percentage)."""
    if value is None:
        return "none"
    if metric == "resolve_probability":
        return percent(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _overlaps(when: tuple[str, ...] | None, period: Period, maze: Maze) -> bool:
    """Whether windows named in ``when`` (None: at all times) meet ``period``."""
    if when is None or "always" in when:
        return True
    for label in when:
        other = parse_period(label)
        for a in other.resolved(maze):
            for b in period.resolved(maze):
                if a.date != b.date:
                    continue
                if any(x0 < y1 and y0 < x1 for x0, x1 in a.intervals for y0, y1 in b.intervals):
                    return True
    return False


def evaluate(maze: Maze, analyses: Analyses) -> list[Finding]:
    """Every failed expectation of every file in ``maze``, as findings of kind ``expectation``,
    in position order."""
    expectations = [e for mf in maze.files.values() for e in mf.expect]
    if not expectations:
        return []
    v = Verdicts(maze, analyses)
    return sorted(f for e in expectations for f in v.check(e))


__all__ = ["Verdicts", "evaluate"]
