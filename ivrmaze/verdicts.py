"""Expectations against the maze: each failed expectation becomes a finding of kind ``expectation``.

A period is checked one instant per piece (``Period.pieces``), and the analysis runs once per
distinct state. Failures are grouped by what went wrong, and the windows in which it went
wrong are named in ``when`` and in the message.
"""
from __future__ import annotations

from .findings import Finding
from .graph import qualify
from .periods import ALWAYS, parse_period
from .routes import node_name, route_text
from .simulator import simulate
from .timeline import Instant, describe, state_at

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
    """Evaluates expectations; caches one analysis per distinct state."""

    def __init__(self, maze, analysis=None, config=None):
        self.maze = maze
        self.config = config
        self._whole = analysis if analysis is not None and analysis.at is None else None
        self._by_state: dict = {}

    # -- analyses ---------------------------------------------------------------------------
    def analysis_at(self, instant: Instant):
        from .analysis import analyze

        state = state_at(self.maze, instant)
        if state not in self._by_state:
            self._by_state[state] = analyze(self.maze, at=instant, config=self.config)
        return self._by_state[state]

    def whole(self):
        from .analysis import analyze

        if self._whole is None:
            self._whole = analyze(self.maze, config=self.config)
        return self._whole

    def row(self, analysis, e):
        for r in analysis.intents:
            if (r.file, r.entry, r.intent) == (e.file, e.entry, e.intent):
                return r
        return None

    # -- one expectation --------------------------------------------------------------------
    def check(self, e) -> list[Finding]:
        failures = getattr(self, e.family)(e)  # [(detail, window or None)]
        if not failures:
            return []
        groups: dict[str, list] = {}
        for detail, window in failures:
            groups.setdefault(detail, []).append(window)
        out = []
        for detail, wins in groups.items():
            wins = [w for w in wins if w is not None]
            if e.period.instant is not None:
                when = (e.period.text,)
            else:
                when = tuple(describe(wins)) if wins else None
            where = f" in {', '.join(when)}" if when and e.period.instant is None else ""
            note = f" ({e.note})" if e.note else ""
            out.append(Finding("expectation", f"expectation not met{note}: {e.describe()}: {detail}{where}",
                               e.file, e.line, e.column, intent=e.intent, when=when))
        return out

    def journey(self, e):
        goal = qualify(e.file, e.reaches) if e.reaches else None
        failures = []
        for window, instant in e.period.pieces(self.maze):
            res = simulate(self.maze, e.keys, at=instant, intent=e.intent, file=e.file, entry=e.entry, goal=goal,
                           use_analysis=self.analysis_at)
            wrong = []
            if goal is not None and res.node != goal:
                wrong.append(f"expected it to reach `{e.reaches}`")
            if e.resolves is True and not res.resolved:
                wrong.append(f"expected it to resolve `{e.intent}`")
            if e.resolves is False and res.resolved:
                wrong.append(f"expected it not to resolve `{e.intent}`")
            if wrong:
                how = _OUTCOME[res.outcome].format(node=node_name(res.node, e.file))
                route = route_text(self.maze, res.route, res.edges, file=e.file)
                failures.append((f"{how} ({route}), {' and '.join(wrong)}", window))
        return failures

    def bounds(self, e):
        failures = []
        for window, instant in e.period.pieces(self.maze):
            analysis = self.analysis_at(instant)
            row = self.row(analysis, e)
            if row is None:
                failures.append((f"no metrics for `{e.intent}` from `{e.entry}`, expected the intent to be "
                                 "analysed on this line", window))
                continue
            wrong = []
            for b in e.bounds:
                value = getattr(row, b.metric)
                if not b.holds(value):
                    shown = "none" if value is None else f"{value:g}" if isinstance(value, float) else value
                    wrong.append(f"{b.metric} is {shown}, expected {b.describe()}")
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

    def absence(self, e):
        def concerns(f):
            if e.intent is not None and e.intent not in f.intents:  # a trap may trap several
                return False
            return f.file == e.file or any(q.rpartition("#")[0] == e.file for q in f.qualified_nodes())

        def detail(f):
            when = f" (when: {'; '.join(f.when)})" if f.when and e.period.instant is None else ""
            return f"found `{f.kind}` at {f.file}:{f.line}:{f.column}{when}: {f.message}"

        if e.period is ALWAYS or e.no == "after-hours-trap":
            found = [f for f in self.whole().findings if f.kind == e.no and concerns(f)
                     and (e.period is ALWAYS or _overlaps(f.when, e.period))]
            return [(detail(f), None) for f in found]
        failures = []
        for window, instant in e.period.pieces(self.maze):
            for f in self.analysis_at(instant).findings:
                if f.kind == e.no and concerns(f):
                    failures.append((detail(f), window))
        return failures


def _overlaps(when, period) -> bool:
    """Whether windows named in ``when`` (None: at all times) meet ``period``."""
    if when is None or "always" in when:
        return True
    for label in when:
        other = parse_period(label)
        for a in other.parts:
            for b in period.parts:
                if a.date != b.date:
                    continue
                if any(x0 < y1 and y0 < x1 for x0, x1 in a.intervals for y0, y1 in b.intervals):
                    return True
    return False


def evaluate(maze, analysis=None, *, config=None) -> list[Finding]:
    """Every failed expectation of every file in ``maze``, as findings of kind ``expectation``.

    ``analysis``: the whole-week result the caller already has (reused; any other is computed).
    ``config``: the analysis settings (limits, checks) to use for the instants checked.
    """
    expectations = [e for mf in maze.files.values() for e in mf.expect]
    if not expectations:
        return []
    v = Verdicts(maze, analysis, config)
    return sorted(f for e in expectations for f in v.check(e))
