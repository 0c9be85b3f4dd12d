"""What changed for callers: findings added and removed, and metrics per intent and window.

Both mazes are cut at every moment either one's state changes (and on every holiday date of
either), so each piece has one state on each side; each distinct state is analysed once.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeAlias

from ..config import Config
from ..findings import Finding
from ..graph import rekey
from ..lint import analyses, evaluate, lint
from ..maze import Maze
from ..periods import Period, maze_at
from ..schedule import WEEK
from ..timeline import Instant, Window, describe, instant_label, windows
from .sources import Side

#: metric -> True when a higher value is better. None counts as the worst value. (expected_hops is
#: left out: any new option moves a random caller's average, and a diff should flag what a
#: designer can act on.)
At: TypeAlias = "str | Instant | Period | None"

METRICS = {"best_hops": False, "guaranteed_hops": False, "resolve_probability": True, "retells": False}


@dataclass(frozen=True)
class MetricChange:
    file: str  # key
    entry: str
    intent: str
    metric: str
    old: Any
    new: Any
    change: str  # worse | better
    when: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "entry": self.entry, "intent": self.intent, "metric": self.metric,
                "old": self.old, "new": self.new, "change": self.change, "when": list(self.when)}


def verdict(metric: str, old: Any, new: Any) -> str | None:
    """``worse``, ``better`` or None (equal)."""
    if old == new or (isinstance(old, float) and isinstance(new, float) and abs(old - new) < 1e-9):
        return None
    if old is None:
        return "better"
    if new is None:
        return "worse"
    higher_better = METRICS[metric]
    return "better" if (new > old) == higher_better else "worse"


def pieces(a: Maze | None, b: Maze | None) -> list[tuple[Window, Instant]]:
    """The week and the holiday dates of both mazes, cut wherever either state changes."""
    starts = {0}
    dates: set[str] = set()
    for maze in (a, b):
        if maze is None:
            continue
        starts |= {w.start % WEEK for w, _ in windows(maze)}
        dates |= {d for s in maze.schedules.values() for d in s.holidays}
    cuts = sorted(starts)
    out = [(Window(s, e), Instant(s)) for s, e in zip(cuts, [*cuts[1:], WEEK], strict=True)]
    for date in sorted(dates):
        lo = dt.date.fromisoformat(date).weekday() * 1440
        day = [lo] + [c for c in cuts if lo < c < lo + 1440] + [lo + 1440]
        out += [(Window(s, e, date), Instant(s, date)) for s, e in zip(day, day[1:], strict=False)]
    return out


def side_instant(side: Side, at: At) -> Instant | Period | None:
    """``at`` (text, Instant or Period, or None for the whole week) read in the side's time zone."""
    return None if at is None or side.maze is None else maze_at(side.maze, at)


def within(moments: list[tuple[Window, Instant]], period: Period) -> list[tuple[Window, Instant]]:
    """The pieces ``moments`` cut to the instants of ``period``."""
    if period.everything:
        return moments
    out = []
    for w, _ in moments:
        for part in period.parts:
            if part.date != w.date:
                continue
            for x0, x1 in part.intervals:
                lo, hi = max(w.start, x0), min(w.end, x1)
                if lo < hi:
                    out.append((Window(lo, hi, w.date), Instant(lo, w.date)))
    return out


def at_label(old_side: Side, new_side: Side, at: At) -> str | None:
    """How to name the instant ``at`` in the output (by NEW's time zone, else OLD's)."""
    if at is None:
        return None
    side = new_side if new_side.maze is not None else old_side
    instant = side_instant(side, at)
    if isinstance(instant, Period):
        return instant.text
    return None if instant is None else instant_label(side.maze, instant)


def metric_changes(old_side: Side, new_side: Side, *, config: Config | None = None,
                   at: At = None) -> list[MetricChange]:
    """Per (file, entry, intent) present on both sides, every metric that differs, with the windows.
    ``at`` (text or Instant): compare at that instant only, the changes' ``when`` then names it;
    a Period (or text such as ``"Mon-Fri 09:00-17:00"``): at its instants, ``when`` cut to it."""
    assert old_side.maze is not None and new_side.maze is not None  # the caller compares two mazes
    a, b = analyses(old_side.maze, config), analyses(new_side.maze, config)
    moments: list[tuple[Window | None, Instant, Instant]]
    at_a, at_b = side_instant(old_side, at), side_instant(new_side, at)
    if at_a is None or isinstance(at_a, Period):
        cut = pieces(old_side.maze, new_side.maze)
        moments = [(window, instant, instant) for window, instant in (cut if at_a is None else within(cut, at_a))]
    else:
        assert isinstance(at_b, Instant)
        moments = [(None, at_a, at_b)]
    groups: dict[tuple[Any, ...], list[Window | None]] = {}
    for window, ia, ib in moments:
        rows_a = {(old_side.key(r.file), r.entry, r.intent): r for r in a.at(ia).intents}
        rows_b = {(new_side.key(r.file), r.entry, r.intent): r for r in b.at(ib).intents}
        for k in rows_a.keys() & rows_b.keys():
            for metric in METRICS:
                va, vb = getattr(rows_a[k], metric), getattr(rows_b[k], metric)
                v = verdict(metric, va, vb)
                if v:
                    groups.setdefault((*k, metric, _round(va), _round(vb), v), []).append(window)
    label = at_label(old_side, new_side, at)
    out = [MetricChange(f, e, i, m, va, vb, v, (label or "",) if isinstance(at_a, Instant) else
                        tuple(describe([w for w in ws if w is not None])))
           for (f, e, i, m, va, vb, v), ws in groups.items()]
    order = {m: n for n, m in enumerate(METRICS)}
    return sorted(out, key=lambda c: (c.change != "worse", c.file, c.entry, c.intent, order[c.metric], c.when))


def _round(x: Any) -> Any:
    return round(x, 6) if isinstance(x, float) else x


def finding_key(side: Side, f: Finding) -> tuple[Any, ...]:
    """A finding's identity across versions: not its line (lines move) nor its wording."""
    nodes = tuple(rekey(n, side.key) for n in f.nodes)
    return (side.key(f.file) if f.file else "", f.kind, f.node, f.intent, nodes, f.when)


def all_findings(side: Side, *, config: Config | None = None, at: At = None) -> list[Finding]:
    """Load problems, or else the whole-week (``at``: that instant's) findings and failed expectations."""
    maze = side.maze
    if maze is None:
        return []
    if not maze.ok:
        return list(maze.problems)
    # lint and evaluate, not lint.check: a diff compares verdicts at their kind's severity
    res = lint(maze, at=side_instant(side, at), config=config)
    return sorted(list(maze.problems) + list(res.findings) + list(evaluate(maze, res, config=config)))


def finding_changes(old_side: Side, new_side: Side, *, config: Config | None = None,
                    at: At = None) -> tuple[list[Finding], list[Finding], list[tuple[Finding, Finding]]]:
    """(added, removed, moved): added are new-side findings, removed old-side ones, moved pairs
    (old, new) of the same problem (kind, file, node, intent, nodes) at other times. ``at``: the
    findings of that instant only."""
    old = all_findings(old_side, config=config, at=at)
    new = all_findings(new_side, config=config, at=at)
    ka = {finding_key(old_side, f) for f in old}
    kb = {finding_key(new_side, f) for f in new}
    added = [f for f in new if finding_key(new_side, f) not in ka]
    removed = [f for f in old if finding_key(old_side, f) not in kb]
    old_by = {finding_key(old_side, f)[:-1]: f for f in removed}
    moved = []
    for f in list(added):
        o = old_by.pop(finding_key(new_side, f)[:-1], None)
        if o is not None:
            moved.append((o, f))
            added.remove(f)
            removed.remove(o)
    return added, removed, moved
