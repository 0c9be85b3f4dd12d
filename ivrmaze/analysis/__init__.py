"""Maze analysis: metrics per line, intent and window, and the findings built on them.

``analyze(maze, at=None, config=None)`` splits the week into windows of constant state,
analyses each distinct state once (``state.analyze_state``), groups windows with equal
metrics into rows, and runs the checks in ``ivrmaze.checks`` over the results.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import timeline as T
from ..config import Config
from ..gcpause import paused
from .moves import build_static, live_edges
from .result import Analysis, IntentMetrics
from .state import analyze_state

__all__ = ["analyze", "Analysis", "IntentMetrics", "live_edges", "Context"]


@dataclass
class Line:
    file: str
    entry: str  # channel name; "phone" is the file's `entry`
    node: int  # index of the entry node
    intents: list


@dataclass
class Context:
    """What the checks read: the maze, its arrays, and the result of every distinct state."""

    maze: object
    static: object
    config: Config
    at: T.Instant | None
    lines: list
    groups: list  # [(StateResult, [Window, ...])]
    all_windows: list

    holidays: dict | None = None  # file -> holiday dates of the files linked with it

    def when(self, windows, file: str | None = None) -> tuple[str, ...] | None:
        """None when ``windows`` are all windows analysed ("at all times"), else their names.
        With ``file``, holiday windows of dates that no linked file declares are left out: on
        those dates that line keeps its weekday state, already named by the week windows."""
        if self.at is not None:
            return (self.at.text or self.at.label(),)
        every = self.all_windows
        if file is not None and self.holidays is not None:
            own = self.holidays.get(file, set())
            windows = [w for w in windows if w.date is None or w.date in own]
            every = [w for w in every if w.date is None or w.date in own]
        if set(windows) >= set(every):
            return None
        return tuple(T.describe(windows))

    def name(self, idx: int, file: str | None = None) -> str:
        """Node id as written when in ``file``, else ``file#id``."""
        q = self.static.nodes[idx]
        f, _, nid = q.rpartition("#")
        return nid if f == file else q

    def node_attr(self, idx: int):
        return self.static.nattrs[idx]


def analyze(maze, at=None, config: Config | None = None, *, chances: bool = True) -> Analysis:
    """Metrics and findings for every phone line and intent. ``at``: an Instant or text such as
    ``"Fri 16:30"``/``"2011-04-25T10:00"`` to look at one instant; default the whole week.
    ``chances=False`` skips the random caller (``resolve_probability`` and ``expected_hops``
    are then None): no finding needs it, and it is most of the work."""
    with paused():
        return _analyze(maze, at, config, chances)


def _analyze(maze, at, config, chances) -> Analysis:
    from ..checks import run_checks

    config = config or Config.for_maze(maze)
    instant = None if at is None else T.maze_instant(maze, at)
    static = build_static(maze.parts, [i for mf in maze.files.values() for i in mf.intents])
    lines = []
    for file, channel, qid in maze.entries():
        lines.append(Line(file, channel, static.index[qid], list(maze.files[file].intents)))
    entries = [(ln.node, ln.intents) for ln in lines]
    if instant is not None:
        state = T.state_at(maze, instant)
        win = T.Window(instant.minute, instant.minute + 1, instant.date)
        wins = [(win, state)]
    else:
        wins = T.windows(maze)
    by_state = T.distinct_states(wins)
    results = _analyze_states(static, list(by_state), entries, chances)
    groups = [(res, windows) for res, windows in zip(results, by_state.values())]
    ctx = Context(maze, static, config, instant, lines, groups, [w for w, _ in wins], _linked_holidays(maze))
    rows = _rows(ctx)
    findings = config.apply(run_checks(ctx, config, rows))  # SHIM(lead): lint passes computed (with rows)
    return Analysis(tuple(maze.files), tuple(sorted(set(findings), key=lambda f: f.sort_key)), tuple(rows),
                    maze.node_count, instant.text if instant else None, tuple(wins))


#: Below this many node-states, a second process costs more than it saves.
PARALLEL_WORK = 50_000
_JOB: tuple | None = None


def _state_job(state):
    static, entries, chances = _JOB
    return analyze_state(static, state, entries, chances)


def _analyze_states(static, states, entries, chances=True):
    """One StateResult per state; on several cores, big mazes spread the states over processes
    (forked, so the arrays are shared, not copied)."""
    import multiprocessing as mp
    import os

    workers = min(len(states), os.cpu_count() or 1, 4)
    big = len(static.nodes) * len(states) >= PARALLEL_WORK
    if workers < 2 or not big or "fork" not in mp.get_all_start_methods():
        return [analyze_state(static, s, entries, chances) for s in states]
    global _JOB
    _JOB = (static, entries, chances)
    try:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            results = list(pool.map(_state_job, states))
    except (OSError, RuntimeError):  # no processes to be had: do it here
        return [analyze_state(static, s, entries, chances) for s in states]
    finally:
        _JOB = None
    for r in results:
        r.moves.static = static
    return results


def _linked_holidays(maze) -> dict:
    """File -> holiday dates declared by any file linked with it through `external`."""
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse import csgraph
    paths = list(maze.files)
    at = {p: i for i, p in enumerate(paths)}
    pairs = [(at[path], at[maze._by_abs[link.file].path])
             for path, mf in maze.files.items() for node in mf.nodes.values() for link in node.links
             if link.via == "external" and link.file in maze._by_abs]
    rows, cols = (np.array(x, dtype=np.int64) for x in zip(*pairs)) if pairs else (np.zeros(0, int),) * 2
    links = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(paths), len(paths)))
    _, comp = csgraph.connected_components(links, directed=False)
    dates: dict = {}
    for p, c in zip(paths, comp):
        dates.setdefault(c, set()).update(d for s in maze.files[p].schedules.values() for d in s.holidays)
    return {p: dates[c] for p, c in zip(paths, comp)}


def _rows(ctx: Context) -> list[IntentMetrics]:
    rows = []
    first_start = {}
    for ln in ctx.lines:
        for intent in ln.intents:
            by_metrics: dict = {}
            for res, windows in ctx.groups:
                li = res.lines[(ln.node, intent)]
                slot = by_metrics.setdefault(li.metrics(), [[], li])
                slot[0].extend(windows)
            for (best, g, p, ex, rt), (windows, li) in by_metrics.items():
                when = ctx.when(windows, ln.file) or ("always",)
                route = tuple(ctx.static.nodes[i] for i in li.best[2]) if li.best else ()
                m = IntentMetrics(ln.file, ln.entry, intent, when, best, g, p, ex, rt, route)
                first_start[m] = (min((w.date or "", w.start) for w in windows))
                rows.append(m)
    order = {(ln.file, ln.entry): i for i, ln in enumerate(ctx.lines)}
    intent_order = {}
    for ln in ctx.lines:
        for i, x in enumerate(ln.intents):
            intent_order[(ln.file, x)] = i
    rows.sort(key=lambda m: (order[(m.file, m.entry)], intent_order[(m.file, m.intent)], first_start[m]))
    return rows
