"""``compute``: the arrays of a maze, the result of each distinct state, and the metric rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import timeline as T
from ..graph import EdgeList, shown, unknown_variants
from .graphs import SMALL
from .moves import Static, build_static
from .result import IntentMetrics
from .state import StateResult
from .workers import analyze_states

if TYPE_CHECKING:
    from ..maze import Maze


@dataclass
class Line:
    """One phone line: a way into a file."""

    file: str
    entry: str  # channel name; "phone" is the file's `entry`
    node: int  # index of the entry node
    intents: list[str]


@dataclass
class Computed:
    """What the checks read: the maze, its arrays, the result of every distinct state and the rows."""

    maze: Maze
    static: Static
    at: T.Instant | None
    lines: list[Line]
    groups: list[tuple[StateResult, list[T.Window]]]
    all_windows: list[T.Window]  # every window analysed
    holidays: dict[str, set[str]] | None = None  # file -> holiday dates of the files linked with it
    rows: list[IntentMetrics] = field(default_factory=list)
    windows: list[tuple[T.Window, frozenset[str]]] = field(default_factory=list)  # all_windows with their states
    # when() of the same windows, asked for by every intent of a line: named once
    _named: dict[tuple[tuple[int, ...], str | None], tuple[tuple[T.Window, ...], tuple[str, ...] | None]] = field(
        default_factory=dict, repr=False, compare=False)
    span: bool = False  # the windows of a period (``--at "Mon-Fri 09:00-17:00"``), not the whole week

    def throughout(self) -> tuple[str, ...]:
        """How a row that holds in every window analysed names them: ``always``, or the period's windows."""
        return tuple(T.describe(self.all_windows)) if self.span else ("always",)

    def when(self, windows: list[T.Window], file: str | None = None) -> tuple[str, ...] | None:
        """None when ``windows`` are all windows analysed ("at all times"), else their names.
        With ``file``, holiday windows of dates that no linked file declares are left out: on
        those dates that line keeps its weekday state, already named by the week windows."""
        if self.at is not None:
            return (self.at.text or self.at.label(),)
        # keyed by the windows' identities (hashing each window every time was most of a big
        # check's time); the entry keeps the windows alive, so no identity is reused meanwhile
        key = (tuple(map(id, windows)), file)
        hit = self._named.get(key)
        if hit is None:
            hit = self._named[key] = (tuple(windows), self._when(windows, file))
        return hit[1]

    def _when(self, windows: list[T.Window], file: str | None) -> tuple[str, ...] | None:
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
        return shown(self.static.nodes[idx], file)

    def node_attr(self, idx: int) -> dict[str, Any]:
        return self.static.nattrs[idx]


def compute(maze: Maze, instant: T.Instant | None = None, *, chances: bool = True,
            windows: list[tuple[T.Window, frozenset[str]]] | None = None) -> Computed:
    """Metrics of every phone line and intent, over the whole week, at ``instant`` (resolved by
    the caller), or over ``windows`` (with their states: the pieces of a period). ``chances=False``
    skips the random caller (``resolve_probability`` and
    ``expected_hops`` are then None): no finding needs it, and it is most of the work."""
    static = build_static(maze.parts, [i for mf in maze.files.values() for i in mf.intents])
    static.small = len(static.nodes) <= SMALL and not chances  # the chances are solved with scipy
    lines = [Line(file, channel, static.index[qid], list(maze.files[file].intents))
             for file, channel, qid in maze.entries()]
    entries = [(ln.node, ln.intents) for ln in lines]
    if windows is not None:
        wins = windows
    elif instant is not None:
        state = T.state_at(maze, instant)
        wins = [(T.Window(instant.minute, instant.minute + 1, instant.date), state)]
    else:
        wins = T.windows(maze)
    by_state: dict[frozenset[str], list[T.Window]] = {}
    for state, ws in T.distinct_states(wins).items():  # hours not in the files: open and closed
        for variant in unknown_variants(state, maze.unknown_hours):
            by_state.setdefault(variant, []).extend(ws)
    results = analyze_states(static, list(by_state), entries, chances)
    groups = list(zip(results, by_state.values(), strict=True))
    computed = Computed(maze, static, instant, lines, groups, [w for w, _ in wins], _linked_holidays(maze),
                        windows=wins, span=windows is not None)
    computed.rows = _rows(computed)
    return computed


def _linked_holidays(maze: Maze) -> dict[str, set[str]]:
    """File -> holiday dates declared by any file linked with it through `external`."""
    root = {p: p for p in maze.files}  # the files linked with each other, by union-find

    def find(p: str) -> str:
        while root[p] != p:
            root[p] = root[root[p]]
            p = root[p]
        return p

    for path, other in _external_pairs(maze):
        root[find(path)] = find(other)
    dates: dict[str, set[str]] = {}
    for p, mf in maze.files.items():
        dates.setdefault(find(p), set()).update(d for s in mf.schedules.values() for d in s.holidays)
    return {p: dates[find(p)] for p in maze.files}


def _external_pairs(maze: Maze) -> list[tuple[str, str]]:
    """(file, file) of the `external` links: those graph.EdgeList met making the edges (of the files
    that loaded), not a pass over every link of every node again."""
    edges = maze.parts.edges
    made = isinstance(edges, EdgeList)
    pairs = sorted(edges.linked) if isinstance(edges, EdgeList) else []
    for path, mf in maze.files.items():
        if made and mf.ok:
            continue
        pairs += [(path, maze._by_abs[link.file].path) for node in mf.nodes.values() for link in node.links
                  if link.via == "external" and link.file in maze._by_abs]
    return pairs


def _rows(ctx: Computed) -> list[IntentMetrics]:
    """One row per line, intent and set of windows with equal metrics: by line, intent, first window.
    The metrics read hours that are not in the files as open (the findings try them closed too)."""
    rows = []
    unknown = ctx.maze.unknown_hours
    first_start: dict[IntentMetrics, tuple[str, int]] = {}
    for ln in ctx.lines:
        for intent in ln.intents:
            by_metrics: dict[tuple[Any, ...], list[Any]] = {}
            for res, windows in ctx.groups:
                if not unknown <= res.state:
                    continue
                li = res.lines[(ln.node, intent)]
                slot = by_metrics.setdefault(li.metrics(), [[], li])
                slot[0].extend(windows)
            for (best, g, p, ex, rt), (windows, li) in by_metrics.items():
                when = ctx.when(windows, ln.file) or ctx.throughout()
                route = tuple(ctx.static.nodes[i] for i in li.best[2]) if li.best else ()
                m = IntentMetrics(ln.file, ln.entry, intent, when, best, g, p, ex, rt, route)
                first_start[m] = min((w.date or "", w.start) for w in windows)
                rows.append(m)
    order = {(ln.file, ln.entry): i for i, ln in enumerate(ctx.lines)}
    intent_order = {(ln.file, x): i for ln in ctx.lines for i, x in enumerate(ln.intents)}
    rows.sort(key=lambda m: (order[(m.file, m.entry)], intent_order[(m.file, m.intent)], first_start[m]))
    return rows
