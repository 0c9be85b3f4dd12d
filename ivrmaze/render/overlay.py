"""The overlay: the marks that analysis results put on a scene.

Analysis results come in as data: anything with ``findings`` and ``intents`` shaped like
``ivrmaze.analysis``'s result. ``overlay`` says which node and edge gets which mark (the
review page keeps one overlay per state and intent); ``apply_overlay`` puts one on a scene.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..graph import finding_nodes
from ..timeline import joined
from ..words import listing
from .labels import clean
from .scene import Scene, SceneEdge
from .styles import MARK_SEVERITY

#: Finding kind -> node mark.
FINDING_MARKS = {
    "trap": "trap",
    "after-hours-trap": "after-hours",
    "ping-pong": "ping-pong",
    "dead-end": "dead-end",
    "unreachable": "unreachable",
}

#: The marks a subtitle names ("trap at main"), and how.
_SUMMARY_WORDS = {"trap": "trap", "after-hours": "after-hours trap", "dead-end": "dead end", "ping-pong": "ping-pong"}


class Results(Protocol):
    """What the overlay reads of an analysis result."""

    @property
    def findings(self) -> Sequence[Any]: ...

    @property
    def intents(self) -> Sequence[Any]: ...


@dataclass
class Overlay:
    """Marks that analysis results put on a scene (node/edge name -> marks), and tooltip notes."""

    nodes: dict[str, list[str]] = field(default_factory=dict)
    edges: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    route: Any = None  # the IntentMetrics row whose best route is drawn
    summary: list[str] = field(default_factory=list)  # the worst findings, in a few words each

    def add(self, table: dict[str, list[str]], name: str, mark: str) -> None:
        marks = table.setdefault(name, [])
        if mark not in marks:
            marks.append(mark)


def _edges_among(scene: Scene, names: set[str], roles: Collection[str] | None = None,
                 dead: Collection[str] = frozenset()) -> list[SceneEdge]:
    return [e for e in scene.edges if e.src in names and e.dst in names and e.src != e.dst
            and (roles is None or e.role in roles) and "dead" not in e.marks and e.name not in dead]


def _route_edges(scene: Scene, route: Sequence[str], dead: Collection[str] = frozenset()) -> list[SceneEdge]:
    """The scene edges along a route of graph node ids (the first live edge between each pair)."""
    out = []
    for a, b in zip(route, route[1:], strict=False):
        na, nb = scene.by_qid.get(a), scene.by_qid.get(b)
        cands = [e for e in scene.edges if e.src == na and e.dst == nb]
        live = [e for e in cands if "dead" not in e.marks and e.name not in dead]
        if live or cands:
            out.append((live or cands)[0])
    return out


def pick_route(rows: Iterable[Any], intent: str, entry_channel: str = "phone") -> Any:
    """The IntentMetrics row whose best route to draw: the main entry's, fewest hops (None: none)."""
    rows = [r for r in rows if r.intent == intent and tuple(getattr(r, "best_route", ()) or ())]
    if not rows:
        return None
    main = [r for r in rows if r.entry == entry_channel] or rows
    return min(main, key=lambda r: (r.best_hops if r.best_hops is not None else 1e9))


def _finding(ov: Overlay, scene: Scene, f: Any, dead: Collection[str]) -> None:
    """The marks and notes of one finding."""
    mark = FINDING_MARKS.get(f.kind)
    names = [scene.by_qid[q] for q in finding_nodes(f) if q in scene.by_qid]
    note = f"{f.severity} {f.code} {f.kind}: {clean(f.message)}"
    if f.when:
        note += f" (when: {joined(f.when)})"
    # A trap's finding names where to edit (``node``) and the trap's own nodes (``nodes``): those
    # are marked, and the moves by which callers fall in; the place to edit gets the note only.
    trap = f.kind in ("trap", "after-hours-trap")
    if trap and f.nodes:
        _trap(ov, scene, f, mark, note, dead)
        return
    primary_only = bool(f.node) and f.kind in ("dead-end", "unreachable")
    # A finding configured away from its kind's severity says so by its colour.
    recolour = f.severity if mark in MARK_SEVERITY and f.severity in ("error", "warning") \
        and f.severity != MARK_SEVERITY[mark] else None
    for i, name in enumerate(names):
        if note not in ov.notes.get(name, []):
            ov.notes.setdefault(name, []).append(note)
        if mark and (not primary_only or i == 0):
            ov.add(ov.nodes, name, mark)
            if recolour:
                ov.add(ov.nodes, name, recolour)
    if names and mark in _SUMMARY_WORDS and len(ov.summary) < 4:
        text = f"{_SUMMARY_WORDS[mark]} at {scene.nodes[names[0]].title}" + (f" for {f.intent}" if f.intent else "")
        if text not in ov.summary:
            ov.summary.append(text)
    if f.kind == "ping-pong":
        for e in _edges_among(scene, set(names), roles=("agent",), dead=dead):
            ov.add(ov.edges, e.name, "ping-pong")


def _trap(ov: Overlay, scene: Scene, f: Any, mark: str | None, note: str, dead: Collection[str]) -> None:
    """A trap's own nodes and the moves among them marked, and the live moves into it as ``falls-in``."""
    members = {scene.by_qid[q] for q in finding_nodes(f)[1 if f.node else 0:] if q in scene.by_qid}
    anchor = scene.by_qid.get(finding_nodes(f)[0]) if f.node else None
    for name in sorted(members | ({anchor} if anchor else set())):
        if note not in ov.notes.get(name, []):
            ov.notes.setdefault(name, []).append(note)
    recolour = f.severity if mark in MARK_SEVERITY and f.severity in ("error", "warning") \
        and f.severity != MARK_SEVERITY[mark] else None
    for name in members:
        if mark:
            ov.add(ov.nodes, name, mark)
        if recolour:
            ov.add(ov.nodes, name, recolour)
    for e in _edges_among(scene, members, dead=dead):
        ov.add(ov.edges, e.name, "trap")
    for e in scene.edges:
        if e.dst in members and e.src not in members and "dead" not in e.marks and e.name not in dead:
            ov.add(ov.edges, e.name, "falls-in")
    first = min(members, key=lambda n: (scene.nodes[n].title, n)) if members else None
    if first and mark in _SUMMARY_WORDS and len(ov.summary) < 4:
        whom = f" for {listing(list(f.intents))}" if f.intents else ""
        text = f"{_SUMMARY_WORDS[mark]} at {scene.nodes[first].title}{whom}"
        if text not in ov.summary:
            ov.summary.append(text)


def overlay(scene: Scene, analysis: Results | None = None, intent: str | None = None,
            dead: Collection[str] = frozenset()) -> Overlay:
    """The marks for ``analysis``'s findings and, with ``intent``, its resolvers, best route and traps.

    Without ``intent`` every finding is drawn; with it, the findings about no intent or about it.
    ``dead``: names of scene edges that do not exist at the analysed time (never marked).
    """
    ov = Overlay()
    if intent:
        for name in scene.resolvers(intent):
            if "removed" not in scene.nodes[name].marks:
                ov.add(ov.nodes, name, "resolves")
    for f in getattr(analysis, "findings", ()) if analysis is not None else ():
        about = tuple(f.intents) or ((f.intent,) if f.intent else ())
        if not (intent and about and intent not in about):
            _finding(ov, scene, f, dead)
    for marks in ov.edges.values():  # a move into one trap that lies inside another is the other's
        if "falls-in" in marks and ("trap" in marks or "ping-pong" in marks):
            marks.remove("falls-in")
    if intent and analysis is not None:
        row = pick_route(getattr(analysis, "intents", ()), intent)
        if row is not None:
            ov.route = row
            for q in row.best_route:
                if q in scene.by_qid:
                    ov.add(ov.nodes, scene.by_qid[q], "route")
            for e in _route_edges(scene, tuple(row.best_route), dead=dead):
                ov.add(ov.edges, e.name, "route")
    return ov


def apply_overlay(scene: Scene, ov: Overlay) -> None:
    """Put the marks and notes of ``ov`` on ``scene``, and name the worst findings in its subtitle."""
    for name, marks in ov.nodes.items():
        n = scene.nodes[name]
        n.marks += [m for m in marks if m not in n.marks]
    for e in scene.edges:
        e.marks += [m for m in ov.edges.get(e.name, ()) if m not in e.marks]
    for name, notes in ov.notes.items():
        scene.nodes[name].tooltip += "".join(f"\n⚠ {t}" for t in notes)
    if ov.summary:
        scene.subtitle += (" · " if scene.subtitle else "") + "; ".join(ov.summary)
    row = ov.route
    if row is not None and row.best_hops is not None:
        when = joined(row.when) if row.when else ""
        scene.subtitle += f" · best route: {row.best_hops} hops" + (f" ({when})" if when else "")
