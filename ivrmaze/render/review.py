"""What the review page shows, as plain data: the scene, the time windows and, per state of the
week, the closed queues, the absent edges, the findings and the marks for each intent.

The page itself (``html.py``) only lays this out; nothing here writes HTML.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import timeline as T
from ..graph import finding_nodes, route_shown, split
from ..lint import lint
from ..periods import Period, maze_at
from .build import build_scene
from .labels import clean
from .lookup import Drawable, known_intents
from .overlay import overlay
from .scene import Scene, state_view

#: ``analyze(maze, at=None)``: an analysis result (``findings``, ``intents``, ``summary()``).
Analyze = Callable[..., Any]

#: Above this many distinct states, only the first ones get their own findings and marks.
MAX_STATES = 48

#: Every mark the page can show, so the legend explains them all.
PAGE_MARKS = ["closed", "unreachable", "dead-end", "after-hours", "ping-pong", "trap", "resolves", "route"]


@dataclass
class FindingItem:
    code: str
    kind: str
    severity: str
    message: str
    where: str
    when: tuple[str, ...] | None
    intent: str | None
    nodes: list[str]  # scene node names
    intents: tuple[str, ...] = ()  # every intent the finding is about (a trap may trap several)


@dataclass
class View:
    """Marks for one state and one intent choice ('' = no intent)."""

    nodes: dict[str, list[str]]
    edges: dict[str, list[str]]
    route: dict[str, Any] | None = None


@dataclass
class StateInfo:
    label: str  # every window of the state, named
    open: list[str]
    closed_schedules: list[str]
    closed: list[str]  # scene node names of closed queues
    dead: list[str]  # scene edge names absent at this state
    findings: list[FindingItem] = field(default_factory=list)
    views: dict[str, View] = field(default_factory=dict)
    analysed: bool = True


@dataclass
class WindowItem:
    label: str
    state: int
    holiday: bool


@dataclass
class MetricsRow:
    line: str
    entry: str
    intent: str
    when: tuple[str, ...]
    best_hops: int | None
    guaranteed_hops: int | None
    resolve_probability: float
    expected_hops: float | None
    retells: int | None
    route: list[str]  # node ids as a reader knows them
    states: list[int]


@dataclass
class Review:
    title: str
    files: list[str]
    scene: Scene
    week: StateInfo
    states: list[StateInfo]
    windows: list[WindowItem]
    intents: dict[str, str]  # id -> description
    resolvers: dict[str, list[str]]
    rows: list[MetricsRow]
    summary: dict[str, Any]
    preselect_intent: str | None = None
    at: str | None = None  # with --at: the one instant shown, named (``Fri 16:30``); None: the whole week


def _schedule_name(q: str) -> str:
    return clean(split(q)[1])


def _route(row: Any) -> list[str]:
    """A metrics row's best route, its nodes as a reader of the row's file knows them (a node of
    another file as ``file#id``)."""
    return [clean(q) for q in route_shown(row.best_route, row.file)]


#: The order of the page's finding lists: the worst first.
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _finding_order(f: Any) -> tuple[int, str, int, int]:
    return (SEVERITY_ORDER.get(f.severity, len(SEVERITY_ORDER)), f.file or "", f.line or 0, f.column or 0)


def _items(scene: Scene, findings: Iterable[Any]) -> list[FindingItem]:
    """The page's findings, errors first, then by file and line (a big maze's few errors must not
    hide below its many warnings)."""
    out = []
    for f in sorted(findings, key=_finding_order):
        names = [scene.by_qid[q] for q in finding_nodes(f) if q in scene.by_qid]
        where = f"{f.file}:{f.line}:{f.column}" if f.line else (f.file or "")
        out.append(FindingItem(f.code, f.kind, f.severity, f.message, where, f.when, f.intent, names,
                               tuple(f.intents) or ((f.intent,) if f.intent else ())))
    return out


def _views(scene: Scene, analysis: Any, intents: Iterable[str], dead: Collection[str]) -> dict[str, View]:
    out = {}
    for intent in ["", *intents]:
        ov = overlay(scene, analysis, intent or None, dead=frozenset(dead))
        route = None
        if ov.route is not None:
            r = ov.route
            route = {"entry": r.entry, "hops": r.best_hops, "when": list(r.when), "nodes": _route(r)}
        out[intent] = View(ov.nodes, ov.edges, route)
    return out


def _metrics_key(m: Any) -> tuple[Any, ...]:
    return (m.best_hops, m.guaranteed_hops, round(m.resolve_probability, 9),
            None if m.expected_hops is None else round(m.expected_hops, 9), m.retells)


def _metrics_row(maze: Drawable, m: Any, when: tuple[str, ...], states: list[int]) -> MetricsRow:
    mf = maze.files.get(m.file)
    return MetricsRow(mf.line_name() if mf else m.file, m.entry, m.intent, when, m.best_hops, m.guaranteed_hops,
                      m.resolve_probability, m.expected_hops, m.retells, _route(m), states)


def _page_scene(maze: Drawable, **options: Any) -> tuple[Scene, str]:
    """The page's diagram (no legend, no title: the page has its own) and the title it had."""
    scene = build_scene(maze, legend=False, **options)
    scene.legend_marks = list(PAGE_MARKS)
    title = scene.title
    scene.title = scene.subtitle = ""
    return scene, title


def _resolvers(scene: Scene, intents: Iterable[str]) -> dict[str, list[str]]:
    return {i: scene.resolvers(i) for i in intents}


def _open_closed(maze: Drawable, state: frozenset[str]) -> tuple[list[str], list[str]]:
    """The names of the schedules open at ``state``, and of those closed."""
    return (sorted(_schedule_name(s) for s in state),
            sorted(_schedule_name(s) for s in maze.schedules if s not in state))


def _summary(res: Any) -> dict[str, Any]:
    return dict(res.summary()) if hasattr(res, "summary") else {}


def _default_analyze() -> Analyze:
    return lint


def build_review(maze: Drawable, *, failures: bool = True, intent: str | None = None, analyze: Analyze | None = None,
                 at: Any = None) -> Review:
    """Gather everything the review page shows. ``analyze(maze, at=None)`` defaults to ivrmaze's.

    ``at``: an Instant or text such as ``"Fri 16:30"`` (a bad one raises UsageError): the page then
    shows the maze at that instant only, with no time selector."""
    analyze = analyze or _default_analyze()
    if at is not None:
        return _build_at(maze, failures, intent, analyze, at)
    week_res = analyze(maze)
    scene, title = _page_scene(maze, failures=failures)
    intents = known_intents(maze)
    week = StateInfo("the whole week: every route that exists at some time", [], [], [], [],
                     _items(scene, week_res.findings), _views(scene, week_res, intents, ()))
    wins = T.windows(maze)
    groups = T.distinct_states(wins)
    states, per_state_rows = _states(maze, scene, analyze, intents, groups)
    index = {state: i for i, state in enumerate(groups)}
    windows = [WindowItem(w.label(), index[st], w.date is not None) for w, st in wins]
    rows = []
    for m in week_res.intents:
        key = _metrics_key(m)
        covered = [i for i, r in enumerate(per_state_rows) if r.get((m.file, m.entry, m.intent)) == key]
        rows.append(_metrics_row(maze, m, tuple(m.when), covered))
    return Review(title, list(maze.files), scene, week, states, windows, intents, _resolvers(scene, intents), rows,
                  _summary(week_res), intent)


def _states(maze: Drawable, scene: Scene, analyze: Analyze, intents: Mapping[str, str],
            groups: Mapping[frozenset[str], list[T.Window]]) -> tuple[list[StateInfo], list[dict[Any, Any]]]:
    """Per distinct state of the week: what the page shows, and the metrics keys of its rows."""
    states: list[StateInfo] = []
    per_state_rows: list[dict[Any, Any]] = []
    for i, (state, ws) in enumerate(groups.items()):
        closed, dead = state_view(scene, state)
        info = StateInfo(T.joined(T.describe(ws)), *_open_closed(maze, state), closed, dead)
        rows = {}
        if i < MAX_STATES:
            res = analyze(maze, at=ws[0].instant())
            info.findings = _items(scene, res.findings)
            info.views = _views(scene, res, intents, dead)
            rows = {(m.file, m.entry, m.intent): _metrics_key(m) for m in res.intents}
        else:
            info.analysed = False
        per_state_rows.append(rows)
        states.append(info)
    return states, per_state_rows


def _build_at(maze: Drawable, failures: bool, intent: str | None, analyze: Analyze, at: Any) -> Review:
    """The page for one instant: the diagram as ``render --at`` draws it (closed queues greyed, only
    the edges that exist then), that instant's findings and one metrics row per intent. For a
    period (``"Mon-Fri 09:00-17:00"``): its findings and rows, drawn as at an instant when the
    period has one state, else with every route."""
    at = maze_at(maze, at)
    res = analyze(maze, at=at)
    if isinstance(at, Period):
        label = at.text
        states = {T.state_at(maze, i) for _, i in at.pieces(maze)}
        state = next(iter(states)) if len(states) == 1 else None
    else:
        label = T.instant_label(maze, at)
        state = T.state_at(maze, at)
    scene, title = _page_scene(maze, state=state, when_label=label, failures=failures)
    intents = known_intents(maze)
    closed = state_view(scene, state)[0] if state is not None else []  # absent edges are not drawn at all
    info = StateInfo(label, *_open_closed(maze, state or frozenset()), closed, [], _items(scene, res.findings),
                     _views(scene, res, intents, ()))
    rows = [_metrics_row(maze, m, (label,) if state is not None and not isinstance(at, Period) else tuple(m.when), [])
            for m in res.intents]
    return Review(title, list(maze.files), scene, info, [], [], intents, _resolvers(scene, intents), rows,
                  _summary(res), intent, label)
