"""Making a Scene from a maze and drawing options (``build_scene``).

A graph node or edge may carry ``diff`` (``added`` | ``removed``), and a node ``diff_notes``
(tooltip lines) and ``entry_diff`` ({channel: added | removed}): ``changes.py`` puts them on a
copy of a maze's graph for ``ivrmaze render --diff``. They become marks of the same name; edges
of different ``diff`` are never merged, and removed parts are never marked by the analysis.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import timeline as T
from ..graph import edge_live, file_of, split, unknown_variants
from . import layout
from .labels import DIFF_MARKS, TITLE_WIDTH, clean, edge_label, edge_tooltip, maze_title, node_texts, title_lines
from .lookup import Drawable, resolve_node
from .overlay import Results, apply_overlay, overlay
from .scene import Cluster, Scene, SceneEdge, SceneNode
from .styles import COMPACT_ABOVE

if TYPE_CHECKING:
    import networkx as nx

    from ..model import MenuFile

#: A graph edge as networkx gives it: (u, v, key, attributes).
GraphEdge = tuple[str, str, int, dict[str, Any]]
Slugger = Callable[..., str]

_SLUG = re.compile(r"[^A-Za-z0-9_]+")


def _slugger() -> Slugger:
    """A function that makes unique DOT/SVG-safe names (``[A-Za-z0-9_]``) from parts."""
    used: set[str] = set()

    def slug(*parts: object) -> str:
        base = "__".join(_SLUG.sub("_", str(p)).strip("_") or "x" for p in parts)
        if base[0].isdigit():
            base = "n" + base
        name, i = base, 2
        while name in used:
            name = f"{base}_{i}"
            i += 1
        used.add(name)
        return name

    return slug


def _region(edges: Iterable[GraphEdge], centres: Iterable[str], depth: int) -> set[str]:
    """Nodes within ``depth`` hops of ``centres``, following edges either way."""
    adj: dict[str, set[str]] = {}
    for u, v, _, _ in edges:
        adj.setdefault(u, set()).add(v)
        adj.setdefault(v, set()).add(u)
    seen = set(centres)
    frontier = set(centres)
    for _ in range(max(depth, 0)):
        nxt: set[str] = set()
        for n in frontier:
            nxt |= adj.get(n, set()) - seen
        seen |= nxt
        frontier = nxt
    return seen


def _ever_live(maze: Drawable, edges: Sequence[GraphEdge]) -> list[GraphEdge]:
    """``edges`` less those that exist at no time of the week or a holiday (the ``closed`` edge of
    a team open around the clock): drawn, they would be phantoms."""
    timed = [e for e in edges if e[3].get("schedule") in maze.schedules and e[3].get("diff") != "removed"]
    if not timed or any(file_of(q) not in maze.files for q in maze.schedules):  # render --diff: OLD's hours too
        return list(edges)
    unknown: frozenset[str] = getattr(maze, "unknown_hours", frozenset())  # hours not in the files: open or closed
    states = {v for st in T.distinct_states(T.windows(maze)) for v in unknown_variants(st, unknown)}
    never = {id(e) for e in timed if not any(edge_live(e[3], st) for st in states)}
    return [e for e in edges if id(e) not in never]


def _orphans(G: nx.MultiDiGraph, edges: Iterable[GraphEdge], week: Iterable[GraphEdge],
             keep: Collection[str]) -> set[str]:
    """The nodes that would float alone: touched by no edge drawn, though by one at some time (at an
    instant: a callback reached only when closed), or a ``hang up`` (built in: a menu declares none).
    A way in is never an orphan; a node no edge ever touches stays, for its ``unreachable`` finding."""
    def touched(es: Iterable[GraphEdge]) -> set[str]:
        return {n for u, v, _, _ in es for n in (u, v)}

    now, ever = touched(edges), touched(week)
    return {q for q in keep if q not in now and not G.nodes[q].get("entry")
            and (q in ever or G.nodes[q]["kind"] == "hangup")}


def _style_role(data: Mapping[str, Any]) -> str:
    via = data.get("via")
    if via in ("closed", "open"):
        return str(via)
    if via == "on_error":
        return "error"  # a failure path of its own colour
    return str(data.get("role", "auto"))


def _diff_marks(sn: SceneNode, d: Mapping[str, Any]) -> None:
    """``render --diff``: the node's ``added`` / ``removed`` mark and what changed, in its tooltip."""
    if d.get("diff"):
        sn.marks.append(d["diff"])
        sn.tooltip += f"\n{DIFF_MARKS[d['diff']]}"
    for note in d.get("diff_notes", ()):
        sn.tooltip += f"\n{clean(note)}"


def _scene_node(maze: Drawable, q: str, d: Mapping[str, Any], name: str,
                compact: bool, state: frozenset[str] | None) -> SceneNode:
    mf = maze.files.get(d["file"])
    label = mf.labels.get(d["id"]) if mf is not None and mf.platform else None
    title, lines, notes, tip = node_texts(maze.schedules, d, compact, label)
    sn = SceneNode(name, q, d["kind"], title, lines, notes, tip, [], d["file"], d.get("line", 0),
                   d.get("schedule"), d.get("resolves") or frozenset())
    if label and not compact and len(title) > TITLE_WIDTH:
        sn.title_lines = title_lines(title)
    _diff_marks(sn, d)
    if state is not None and d["kind"] == "queue" and d.get("schedule") and d["schedule"] not in state:
        sn.marks.append("closed")
        sn.notes.insert(0, "CLOSED now")
    return sn


def _cluster_title(maze: Drawable, file: str, several: bool) -> str:
    mf = maze.files.get(file)
    name = clean(mf.line_name()) if mf else file
    return name if not mf or name == file else (f"{name}  ({file})" if several else file)


def _clusters(maze: Drawable, keep: Collection[str], compact: bool | None, state: frozenset[str] | None,
              slug: Slugger) -> tuple[dict[str, SceneNode], dict[str, str], list[Cluster], bool]:
    """One cluster per file of the nodes kept: (nodes, graph id -> name, clusters, compact)."""
    G = maze.graph
    qids_by_file: dict[str, list[str]] = {f: [] for f in maze.files}
    for q, d in G.nodes(data=True):
        if q in keep:
            qids_by_file.setdefault(d["file"], []).append(q)
    if compact is None:
        compact = sum(len(v) for v in qids_by_file.values()) > COMPACT_ABOVE
    nodes: dict[str, SceneNode] = {}
    by_qid: dict[str, str] = {}
    clusters: list[Cluster] = []
    several = sum(1 for q in qids_by_file.values() if q) > 1
    for i, (file, qids) in enumerate(qids_by_file.items()):
        if not qids:
            continue
        cl = Cluster(f"cluster_{i}", _cluster_title(maze, file, several), file)
        stem = os.path.splitext(os.path.basename(file))[0]
        for q in qids:
            d = G.nodes[q]
            sn = _scene_node(maze, q, d, slug(stem, d["id"]), compact, state)
            nodes[sn.name] = sn
            by_qid[q] = sn.name
            cl.nodes.append(sn.name)
        clusters.append(cl)
    return nodes, by_qid, clusters, compact


def called_flows(files: Mapping[str, MenuFile]) -> set[str]:
    """The platform flows (paths as shown) that another file of ``files`` calls: parts of that
    file's line, entered through the call, not ways in of their own (as the loader treats them)."""
    called = {link.file for mf in files.values() for node in mf.nodes.values() for link in node.links
              if link.via == "external" and link.file not in (None, mf.abspath)}
    return {mf.path for mf in files.values() if mf.platform is not None and mf.abspath in called}


def _ways_in(G: nx.MultiDiGraph, nodes: dict[str, SceneNode], clusters: list[Cluster],
             slug: Slugger, parts: Collection[str] = ()) -> list[tuple[SceneNode, str, str]]:
    """A start dot per way in (channel), first in the entry node's cluster: (start, the name of
    the node it leads to, channel). A flow of ``parts`` (``called_flows``) is entered by its callers."""
    starts = []
    for cl in clusters:
        if cl.file in parts:
            continue
        for nm in list(cl.nodes):
            sn = nodes[nm]
            changed = G.nodes[sn.qid].get("entry_diff") or {}
            for channel in G.nodes[sn.qid].get("entry", ()):
                start = SceneNode(slug("start", sn.name, channel), f"{sn.qid}@{channel}", "start", "",
                                  tooltip=f"calls come in here ({clean(channel)})", file=sn.file)
                if channel in changed:
                    start.marks.append(changed[channel])
                    start.tooltip += f"\n{DIFF_MARKS[changed[channel]]}"
                nodes[start.name] = start
                cl.nodes.insert(0, start.name)
                if changed.get(channel) != "removed":
                    sn.marks.append("entry")
                starts.append((start, sn.name, channel))
    return starts


def _entry_edges(starts: Iterable[tuple[SceneNode, str, str]], slug: Slugger) -> list[SceneEdge]:
    """The edges from the start dots (``_ways_in``) to the nodes they lead to."""
    return [SceneEdge(slug("e", st.name), st.name, target, "entry", [clean(channel)],
                      marks=[m for m in st.marks if m in DIFF_MARKS]) for st, target, channel in starts]


def _merged_edges(edges: Sequence[GraphEdge], by_qid: Mapping[str, str],
                  dead_state: frozenset[str] | None, slug: Slugger) -> list[SceneEdge]:
    """Scene edges for graph ``edges``: parallel ones of the same role, time and diff merged
    (``1 | 2``). With ``dead_state``, those absent then are kept and marked ``dead``."""
    out: list[SceneEdge] = []
    groups: dict[tuple[Any, ...], SceneEdge] = {}
    for u, v, k, d in edges:
        role = _style_role(d)
        gkey = (u, v, role, d.get("when", "always"), d.get("schedule"), d.get("diff"))
        e = groups.get(gkey)
        if e is None:
            e = SceneEdge(slug("e", by_qid[u], by_qid[v]), by_qid[u], by_qid[v], role,
                          when=d.get("when", "always"), schedule=d.get("schedule"),
                          marks=[d["diff"]] if d.get("diff") else [])
            groups[gkey] = e
            out.append(e)
        lab = edge_label(d)
        if lab and lab not in e.labels:
            e.labels.append(lab)
        e.members.append((u, v, k))
        if dead_state is not None and not edge_live(d, dead_state) and "dead" not in e.marks:
            e.marks.append("dead")
    return out


def _subtitle(when_label: str | None, state: frozenset[str] | None, intent: str | None,
              focus: Sequence[str], depth: int) -> str:
    parts = []
    if when_label:
        parts.append(f"at {when_label}")
    elif state is None:
        parts.append("all routes of the week")
    if intent:
        parts.append(f"intent: {clean(intent)}")
    if focus:
        parts.append(f"around {', '.join(clean(split(f)[1]) for f in focus)} (depth {depth})")
    return " · ".join(parts)


def build_scene(maze: Drawable, *, state: frozenset[str] | None = None, when_label: str | None = None,
                intent: str | None = None, focus: Iterable[str] = (), depth: int = 2, failures: bool = True,
                analysis: Results | None = None, legend: bool = True, compact: bool | None = None,
                drop_dead: bool = True) -> Scene:
    """Describe the diagram of ``maze``.

    Parameters
    ----------
    state : frozenset of open schedule names, or None for the whole week (every edge drawn).
    when_label : how to name that time in the title (``Fri 16:30``).
    intent : mark its resolving nodes, its best route and its traps (from ``analysis``).
    focus, depth : draw only nodes within ``depth`` hops of the ``focus`` graph node ids.
    failures : draw no_input / no_match / exhausted edges.
    analysis : an analysis result (``findings``, ``intents``), drawn as marks; None draws none.
    drop_dead : with a ``state``, leave out edges that do not exist then (else mark them ``dead``).
    """
    G = maze.graph
    slug = _slugger()
    edges = [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
             if failures or d.get("role") != "failure"]
    week = edges
    if state is not None and drop_dead:
        edges = [e for e in edges if edge_live(e[3], state)]
    elif state is None:
        edges = _ever_live(maze, edges)
    focus = [resolve_node(maze, f) if f not in G else f for f in focus]
    keep = _region(edges, focus, depth) if focus else set(G.nodes)
    edges = [e for e in edges if e[0] in keep and e[1] in keep]
    keep -= _orphans(G, edges, week, keep)
    nodes, by_qid, clusters, compact = _clusters(maze, keep, compact, state, slug)
    parts = called_flows(maze.files)
    scene_edges = _entry_edges(_ways_in(G, nodes, clusters, slug, parts), slug)
    scene_edges += _merged_edges(edges, by_qid, state if not drop_dead else None, slug)
    for e in scene_edges:
        e.tooltip = edge_tooltip(maze.schedules, e, nodes[e.src], nodes[e.dst])
    layout.mark_back_edges(nodes, scene_edges)
    if compact:
        layout.proxy_hubs(nodes, scene_edges, clusters, slug)
    scene = Scene(title=maze_title(maze.files, parts), nodes=nodes, edges=scene_edges, clusters=clusters,
                  compact=compact, legend=legend, by_qid=by_qid,
                  subtitle=_subtitle(when_label, state, intent, focus, depth))
    for f in focus:
        if f in by_qid:
            nodes[by_qid[f]].marks.append("focus")
    if analysis is not None or intent:
        gone = frozenset(e.name for e in scene_edges if "removed" in e.marks)
        apply_overlay(scene, overlay(scene, analysis, intent, dead=gone))
    return scene
