"""The drawing of a change (``ivrmaze render --diff OLD NEW``): NEW's maze, what is new in green,
what OLD had and NEW has not put back where it was, dashed red.

``changed_view`` reads the two sides as ``ivrmaze diff`` loads them (``diff.open_side``) and the
menu changes it finds between them (``diff.structure``); it decides nothing about what changed
itself. It returns a ``ChangedView``: something ``build_scene`` draws like a maze (``graph``,
``files``, ``schedules``), whose graph is a copy of NEW's where

- the nodes and edges a change added carry ``diff="added"``;
- the nodes and edges it removed are OLD's, put back with ``diff="removed"``: a removed option or
  link goes from its node to its old target, a removed node keeps its id in its file (so its old
  edges meet the neighbours that are still there), a removed file becomes a box of its own;
- a re-targeted option or link is both: the new edge added, the old one removed;
- ways in that changed carry ``entry_diff`` ({channel: added | removed});
- other changes (a prompt, hours, retries, what a node resolves) are ``diff_notes`` for tooltips.

OLD's hours are kept as ``was:<schedule>``, so with ``--at`` a removed edge is drawn when it
existed at that instant in OLD (``state_at``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import networkx as nx

from ..graph import qualify, split
from ..timeline import state_at as _state_at
from ..words import plural
from .labels import clean
from .scene import Scene

if TYPE_CHECKING:
    from ..maze import Maze
    from ..model import MenuFile
    from ..schedule import Schedule
    from ..timeline import Instant

#: A graph edge's attributes.
Data = dict[str, Any]

class Side(Protocol):
    """One side of a diff as ``ivrmaze.diff.open_side`` gives it."""

    label: str
    maze: Maze | None
    names: dict[str, str]

    def key(self, path: str) -> str: ...


class Change(Protocol):
    """A menu change as ``ivrmaze.diff.structure`` finds it."""

    @property
    def change(self) -> str: ...
    @property
    def what(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def node(self) -> Any: ...  # a node id for a change about a node, else None
    @property
    def key(self) -> Any: ...  # a DTMF key, field, schedule or channel where the change is about one, else None
    @property
    def old(self) -> Any: ...
    @property
    def new(self) -> Any: ...

    def text(self) -> str: ...


#: Prefix of OLD's schedule names in a ChangedView.
WAS = "was:"

# Changes that add or remove edges, and changes told in the tooltips of the nodes they are about.
_EDGE_CHANGES = ("option", "link", "transfer")
_NOTED = ("kind", "text", "resolves", "hours", "retries", "schedule")


@dataclass
class ChangedView:
    """NEW's maze with the parts OLD had: draw it with ``build_scene``, then ``decorate`` the scene."""

    graph: nx.MultiDiGraph
    files: dict[str, MenuFile]  # NEW's menu files (display path -> MenuFile)
    schedules: dict[str, Schedule]  # NEW's, and OLD's under ``was:``
    old: Maze | None  # OLD's Maze, or None (the path does not exist there)
    new: Maze  # NEW's Maze
    old_label: str = ""
    new_label: str = ""
    removed_files: dict[str, str] = field(default_factory=dict)  # a file NEW no longer has -> OLD's name
    changes: list[Change] = field(default_factory=list)  # the diff's Change records

    @property
    def timezone(self) -> str:
        """The zone times are read in: NEW's."""
        return self.new.timezone

    @property
    def schedule_zones(self) -> dict[str, str]:
        """Each schedule's zone: NEW's, and OLD's under ``was:``."""
        zones = dict(self.new.schedule_zones)
        if self.old is not None:
            zones.update({WAS + s: z for s, z in self.old.schedule_zones.items()})
        return zones

    def state_at(self, instant: Instant) -> frozenset[str]:
        """The schedules open at ``instant``: NEW's, and OLD's (``was:``) for the removed parts."""
        state = set(_state_at(self.new, instant)) if self.new.files else set()
        if self.old is not None:
            state |= {WAS + s for s in _state_at(self.old, instant)}
        return frozenset(state)


def _copy_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    U = nx.MultiDiGraph()
    U.add_nodes_from((q, dict(d)) for q, d in G.nodes(data=True))
    U.add_edges_from((u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return U


def _matches(change: Change, v: str, d: Data) -> bool:
    """Whether graph edge (-> ``v``, ``d``) of the node a Change is about is the edge it names."""
    if change.what == "option":
        return d.get("via") == "options" and str(d.get("dtmf")) == str(change.key)
    if change.what == "transfer":
        return d.get("via") == "transfers" and split(v)[1] == change.key
    return d.get("via") == change.key  # link: the field (next, closed, no_match, external, ...)


class _Builder:
    def __init__(self, old_side: Side, new_side: Side, empty_maze: Maze | None) -> None:
        self.a, self.b = old_side, new_side
        new = new_side.maze if new_side.maze is not None else empty_maze
        assert new is not None, "a missing NEW side needs an empty maze"
        self.new: Maze = new
        self.old = old_side.maze
        self.U = _copy_graph(self.new.graph)
        self.new_path = {new_side.key(p): p for p in self.new.files}  # file key -> NEW's display path
        self.old_path = {old_side.key(p): p for p in self.was.files} if self.old else {}
        self.removed_files: dict[str, str] = {}
        self.done: set[tuple[str, str, int]] = set()  # OLD's edges put back

    @property
    def was(self) -> Maze:
        """OLD's maze: asked for only where the change removed something, so OLD exists."""
        assert self.old is not None, "a removal needs an OLD side"
        return self.old

    # -- where OLD's things go in the drawing
    def file_of_old(self, old_file: str) -> str:
        key = self.a.key(old_file)
        if key in self.new_path:
            return self.new_path[key]
        shown = self.a.names.get(old_file, old_file)
        self.removed_files.setdefault(shown, shown)
        return shown

    def qid_of_old(self, old_q: str) -> str:
        file, nid = split(old_q)
        return qualify(self.file_of_old(file), nid)

    def shown_old(self, old_file: str) -> str:
        return self.a.names.get(old_file, old_file)

    # -- marks
    def note(self, q: str, text: str) -> None:
        if q in self.U:
            notes = self.U.nodes[q].setdefault("diff_notes", [])
            if text not in notes:
                notes.append(text)

    def added_node(self, q: str) -> None:
        if q in self.U:
            self.U.nodes[q]["diff"] = "added"
            for _, _, d in self.U.out_edges(q, data=True):
                if d.get("diff") != "removed":
                    d["diff"] = "added"

    def added_edges(self, change: Change) -> None:
        q = qualify(self.new_path[change.file], change.node)
        if q in self.U:
            for _, v, d in self.U.out_edges(q, data=True):
                if d.get("diff") != "removed" and _matches(change, v, d):
                    d["diff"] = "added"

    def removed_node(self, old_q: str) -> str | None:
        """Put OLD's node back (if NEW has no node of that id there) with its old edges."""
        q = self.put_back(old_q)
        if q is not None:
            for _, v, k, d in list(self.was.graph.out_edges(old_q, keys=True, data=True)):
                self.removed_edge(old_q, v, k, d)
        return q

    def put_back(self, old_q: str) -> str | None:
        q = self.qid_of_old(old_q)
        if q in self.U:
            return q
        d = self.was.graph.nodes[old_q]
        if "kind" not in d:  # a target OLD never defined (OLD had errors)
            return None
        data = dict(d, file=split(q)[0], line=0, entry=(), entry_diff={}, diff="removed",
                    schedule=WAS + d["schedule"] if d.get("schedule") else None,
                    diff_notes=[f"was at {self.shown_old(d['file'])}:{d['line']}"] if d.get("line") else [])
        self.U.add_node(q, **data)
        return q

    def removed_edges(self, change: Change) -> None:
        old_q = qualify(self.old_path[change.file], change.node)
        if old_q in self.was.graph:
            for _, v, k, d in list(self.was.graph.out_edges(old_q, keys=True, data=True)):
                if _matches(change, v, d):
                    self.removed_edge(old_q, v, k, d)

    def removed_edge(self, old_u: str, old_v: str, k: int, d: Data) -> None:
        if (old_u, old_v, k) in self.done:
            return
        self.done.add((old_u, old_v, k))
        u, v = self.put_back(old_u), self.put_back(old_v)
        if u is None or v is None:
            return
        data = dict(d, diff="removed", file=self.file_of_old(d["file"]),
                    schedule=WAS + d["schedule"] if d.get("schedule") else None)
        self.U.add_edge(u, v, **data)

    def entry(self, q: str | None, channel: str, status: str) -> None:
        if q is None or q not in self.U:
            return
        nd = self.U.nodes[q]
        nd["entry_diff"] = {**(nd.get("entry_diff") or {}), channel: status}
        if channel not in nd.get("entry", ()):
            nd["entry"] = (*nd.get("entry", ()), channel)

    # -- the changes
    def apply(self, changes: Sequence[Change]) -> None:
        for c in changes:
            if c.what == "file":
                self.file(c)
        for c in changes:
            if c.what == "node" and c.change == "added":
                self.added_node(qualify(self.new_path[c.file], c.node))
            elif c.what == "node":
                self.removed_node(qualify(self.old_path[c.file], c.node))
        for c in changes:
            if c.what in _EDGE_CHANGES:
                if c.change in ("added", "changed"):
                    self.added_edges(c)
                if c.change in ("removed", "changed"):
                    self.removed_edges(c)
            elif c.what == "kind":
                self.kind_changed(c)
            elif c.what == "entry":
                if c.change in ("added", "changed"):
                    self.entry(qualify(self.new_path[c.file], c.new), c.key, "added")
                if c.change in ("removed", "changed"):
                    old_q = qualify(self.old_path[c.file], c.old)
                    self.entry(self.put_back(old_q) if old_q in self.was.graph else None, c.key, "removed")
            elif c.what == "schedule":
                path = self.new_path.get(c.file)
                for q, sched in self.U.nodes(data="schedule"):
                    if path and sched == qualify(path, c.key):
                        self.note(q, c.text())
            elif c.what in _NOTED and c.node:
                self.note(qualify(self.new_path[c.file], c.node), c.text())

    def file(self, c: Change) -> None:
        if c.change == "added":
            path = self.new_path[c.file]
            for q, f in list(self.U.nodes(data="file")):
                if f == path:
                    self.added_node(q)
            for channel, nid in self.new.files[path].entries.items():
                self.entry(qualify(path, nid), channel, "added")
        else:
            path = self.old_path[c.file]
            for q, f in list(self.was.graph.nodes(data="file")):
                if f == path:
                    self.removed_node(q)
            for channel, nid in self.was.files[path].entries.items():
                old_q = qualify(path, nid)
                if old_q in self.was.graph:
                    self.entry(self.put_back(old_q), channel, "removed")

    def kind_changed(self, c: Change) -> None:
        """A node that changed kind: ``diff`` stops there, so its edges are compared here, by field,
        key and target."""
        q, old_q = qualify(self.new_path[c.file], c.node), qualify(self.old_path[c.file], c.node)
        self.note(q, c.text())

        def sig(d: Data, target: str) -> tuple[Any, ...]:
            return d.get("via"), d.get("dtmf"), target, bool(d.get("warm"))

        old_edges = {sig(d, self.qid_of_old(v)): (v, k, d)
                     for _, v, k, d in self.was.graph.out_edges(old_q, keys=True, data=True)}
        new_sigs = set()
        for _, v, d in self.U.out_edges(q, data=True):
            if d.get("diff") == "removed":
                continue
            s = sig(d, v)
            new_sigs.add(s)
            if s not in old_edges:
                d["diff"] = "added"
        for s, (v, k, d) in old_edges.items():
            if s not in new_sigs:
                self.removed_edge(old_q, v, k, d)


def changed_view(old_side: Side, new_side: Side, changes: Iterable[Change], *,
                 empty_maze: Maze | None = None) -> ChangedView:
    """NEW's maze with OLD's removed parts, for ``build_scene``.

    ``old_side``/``new_side`` are ``ivrmaze.diff.sources.Side`` (``open_side``), ``changes`` what
    ``ivrmaze.diff.structure(old_side, new_side)`` returned for them. ``empty_maze`` stands for a
    side that does not exist (a file removed at that revision)."""
    changes = list(changes)
    b = _Builder(old_side, new_side, empty_maze)
    b.apply(changes)
    schedules = dict(b.new.schedules)
    if b.old is not None:
        schedules.update({WAS + k: s for k, s in b.old.schedules.items()})
    return ChangedView(b.U, b.new.files, schedules, b.old, b.new, old_side.label, new_side.label,
                       b.removed_files, list(changes))


def counts(scene: Scene) -> dict[str, int]:
    """Nodes and edges drawn as added and as removed (ways in and refs not counted)."""
    nodes = [n for n in scene.nodes.values() if n.kind not in ("start", "ref")]
    edges = [e for e in scene.edges if e.role != "entry"]
    return {f"{what}_{m}": sum(1 for x in xs if m in x.marks)
            for what, xs in (("nodes", nodes), ("edges", edges)) for m in ("added", "removed")}


def summary(scene: Scene) -> str:
    """``1 node and 3 edges added, 2 edges removed``: what the drawing shows as changed."""
    c = counts(scene)
    parts = []
    for m in ("added", "removed"):
        things = [plural(c[f"nodes_{m}"], "node")] if c[f"nodes_{m}"] else []
        if c[f"edges_{m}"]:
            things.append(plural(c[f"edges_{m}"], "edge"))
        if things:
            parts.append(" and ".join(things) + f" {m}")
    return ", ".join(parts) or "no nodes or edges added or removed"


def decorate(scene: Scene, view: ChangedView) -> Scene:
    """The title of a drawing of a change, its legend entries and the boxes of removed files."""
    if not view.files and view.old is not None:  # NEW is gone: name the drawing after OLD
        names = [clean(mf.line_name()) for mf in view.old.files.values() if mf.ok]
        scene.title = "; ".join(dict.fromkeys(names)) or scene.title
    for cl in scene.clusters:
        if cl.file in view.removed_files:
            cl.title = f"{cl.title} (removed)"
    others = sum(1 for c in view.changes if c.what in _NOTED)
    head = f"{view.old_label} → {view.new_label}: {summary(scene)}"
    if others:
        head += f"; {plural(others, 'other change')} in the tooltips"
    scene.subtitle = head + (f" · {scene.subtitle}" if scene.subtitle else "")
    for m in ("added", "removed"):
        if m not in scene.legend_marks:
            scene.legend_marks.append(m)
    return scene
