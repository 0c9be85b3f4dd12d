"""The scene: a plain description of what a diagram shows, made from a maze and options.

Renderers (``dot.py``, ``html.py``) read a Scene and nothing else: they never look at the
live graph and never analyse (pytransitions keeps its diagrams apart from the machine the
same way). A Scene holds nodes with their kind, label lines, tooltip and *marks*
(``closed``, ``trap``, ``route`` ...), edges already merged (``1 | 2``) with their role and
marks, and one cluster per file. How a kind, role or mark looks is ``styles.py``'s business.

Analysis results (findings, best routes) come in as data: anything with ``findings`` and
``intents`` shaped like ``ivrmaze.analysis``'s result.

A graph node or edge may carry ``diff`` (``added`` | ``removed``), and a node ``diff_notes``
(tooltip lines) and ``entry_diff`` ({channel: added | removed}): ``changes.py`` puts them on a
copy of a maze's graph for ``ivrmaze render --diff``. They become marks of the same name; edges of different ``diff``
are never merged, and removed parts are never marked by the analysis.
"""
from __future__ import annotations

import difflib
import os
import re
import textwrap
from dataclasses import dataclass, field

from ..errors import UsageError
from ..graph import split
from ..timeline import Window, describe

#: Finding kind -> node mark.
FINDING_MARKS = {
    "trap": "trap",
    "after-hours-trap": "after-hours",
    "ping-pong": "ping-pong",
    "dead-end": "dead-end",
    "unreachable": "unreachable",
}

_FAILURE_WORDS = {"no_input": "no input", "no_match": "no match", "exhausted": "too many tries"}
#: The marks of a drawing of a change (``render --diff``), and how a tooltip says them.
DIFF_MARKS = {"added": "added by this change", "removed": "removed by this change"}
_SLUG = re.compile(r"[^A-Za-z0-9_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class SceneNode:
    name: str  # safe id for DOT and SVG: [A-Za-z0-9_]
    qid: str  # the graph node id, ``file#id``
    kind: str
    title: str
    lines: list[str] = field(default_factory=list)  # the prompt, wrapped
    notes: list[str] = field(default_factory=list)  # hours, resolves
    tooltip: str = ""
    marks: list[str] = field(default_factory=list)
    file: str = ""
    line: int = 0
    schedule: str | None = None
    resolves: frozenset | str = frozenset()
    alias_of: str | None = None  # a "ref" node: the same node drawn again near its callers


@dataclass
class SceneEdge:
    name: str
    src: str  # SceneNode.name
    dst: str
    role: str  # caller | auto | agent | failure | closed | open | entry
    labels: list[str] = field(default_factory=list)
    tooltip: str = ""
    marks: list[str] = field(default_factory=list)
    when: str = "always"  # always | open | closed
    schedule: str | None = None
    members: list[tuple] = field(default_factory=list)  # (u, v, key) graph edges merged here
    minlen: int = 1  # ranks the edge spans (layout only: leaves of wide menus are staggered)

    @property
    def label(self) -> str:
        return " | ".join(x for x in self.labels if x)


@dataclass
class Cluster:
    name: str
    title: str
    file: str
    nodes: list[str] = field(default_factory=list)


@dataclass
class Scene:
    title: str
    nodes: dict[str, SceneNode]
    edges: list[SceneEdge]
    clusters: list[Cluster]
    compact: bool = False
    legend: bool = True
    subtitle: str = ""
    legend_marks: list[str] = field(default_factory=list)  # marks to explain even if none is drawn
    by_qid: dict[str, str] = field(default_factory=dict)  # graph node id -> SceneNode.name

    def node_of(self, qid: str) -> SceneNode | None:
        name = self.by_qid.get(qid)
        return self.nodes.get(name) if name else None

    def kinds(self) -> list[str]:
        seen = []
        for n in self.nodes.values():
            k = "voicemail" if n.kind == "callback" else n.kind
            if k not in seen:
                seen.append(k)
        return seen

    def roles(self) -> list[str]:
        seen = []
        for e in self.edges:
            if e.role not in seen and "dead" not in e.marks:
                seen.append(e.role)
        return seen

    def marks(self) -> list[str]:
        seen = []
        for n in self.nodes.values():
            for m in n.marks:
                if m not in seen and m != "entry":
                    seen.append(m)
        for e in self.edges:
            for m in e.marks:
                if m not in seen and m not in ("dead", "back", "cross", "to-ref"):
                    seen.append(m)
        return seen


def clean(text) -> str:
    """Menu text as one would print it: no control characters (newlines become spaces)."""
    if text is None:
        return ""
    s = str(text).replace("\r\n", "\n").replace("\r", "\n")
    s = _CONTROL.sub(" ", s)
    return s


def _wrap(text: str, width: int, lines: int) -> list[str]:
    text = " ".join(clean(text).split())
    if not text:
        return []
    out = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        out[-1] = (last[: width - 1].rstrip() if len(last) >= width else last) + "…"
    return out


def hours_text(maze, schedule: str | None) -> str:
    """``office: Mon-Fri 08:00-16:00`` for a qualified schedule name."""
    if not schedule or schedule not in maze.schedules:
        return ""
    s = maze.schedules[schedule]
    spans = describe([Window(a, b) for a, b in s.intervals]) if s.intervals else ["never"]
    text = f"{split(schedule)[1]}: {', '.join(spans)}"
    if s.holidays:
        text += f"; closed {', '.join(sorted(s.holidays))}"
    return text


def hours_lines(maze, schedule: str | None) -> list[str]:
    """The hours of a schedule as short label lines."""
    if not schedule or schedule not in maze.schedules:
        return []
    s = maze.schedules[schedule]
    spans = describe([Window(a, b) for a, b in s.intervals]) if s.intervals else ["never"]
    out = [f"{split(schedule)[1]}: {spans[0]}"] + spans[1:]
    if s.holidays:
        days = sorted(s.holidays)
        out.append(f"closed {', '.join(days[:2])}" + (f" +{len(days) - 2}" if len(days) > 2 else ""))
    return out


def edge_live(data: dict, state) -> bool:
    """Whether a graph edge exists while the open schedules are ``state``."""
    when = data.get("when", "always")
    if when == "always" or state is None:
        return True
    is_open = data.get("schedule") in state
    return is_open if when == "open" else not is_open


def _style_role(data: dict, kind_of_src: str) -> str:
    via = data.get("via")
    if via == "closed":
        return "closed"
    if via == "open":
        return "open"
    return data.get("role", "auto")


def _edge_label(data: dict) -> str:
    via = data.get("via")
    if via == "options":
        key = str(data.get("dtmf") or "")
        label = clean(data.get("label") or "")
        return f"{key} {label}".strip() if label else key
    if via in _FAILURE_WORDS:
        return _FAILURE_WORDS[via]
    if via == "closed":
        return "closed"
    if via == "open":
        return "open"
    if via == "transfers":
        return "warm" if data.get("warm") else ""
    return ""


def resolve_node(maze, spec: str) -> str:
    """A graph node id for ``spec``: ``file#id``, ``name.yaml#id`` or a bare ``id`` that is unique.

    Raises UsageError with suggestions when nothing (or more than one node) matches.
    """
    G = maze.graph
    if spec in G:
        return spec
    file_part, sep, nid = spec.rpartition("#")
    if not sep:
        nid = spec
    cands = [q for q, d in G.nodes(data=True) if d.get("id") == nid]
    if sep:
        cands = [q for q in cands if q.rpartition("#")[0] == file_part
                 or os.path.basename(q.rpartition("#")[0]) == os.path.basename(file_part)
                 or os.path.splitext(os.path.basename(q.rpartition("#")[0]))[0] == file_part]
    if len(cands) == 1:
        return cands[0]
    if len(cands) > 1:
        raise UsageError(f"node `{spec}` is ambiguous, expected one of {', '.join(sorted(cands))}")
    ids = sorted({d.get("id") for _, d in G.nodes(data=True)} | set(G.nodes))
    close = difflib.get_close_matches(spec, ids, n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(f'`{c}`' for c in close)}?)" if close else ""
    raise UsageError(f"no node `{spec}` in the menu files{hint}, expected a node id such as "
                     f"`{next(iter(sorted(ids)), 'main')}` or `file.yaml#id`")


def known_intents(maze) -> dict[str, str]:
    out = {}
    for mf in maze.files.values():
        for k, v in mf.intents.items():
            out.setdefault(k, v)
    return out


def check_intent(maze, intent: str) -> str:
    known = known_intents(maze)
    if intent in known:
        return intent
    close = difflib.get_close_matches(intent, sorted(known), n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(f'`{c}`' for c in close)}?)" if close else ""
    listed = ", ".join(sorted(known)) if known else "none: the files have no `intents:` block"
    raise UsageError(f"no intent `{intent}` in the menu files{hint}, expected one of: {listed}")


def _region(G, edges, centres, depth: int) -> set[str]:
    """Nodes within ``depth`` hops of ``centres``, following edges either way."""
    adj: dict[str, set[str]] = {}
    for u, v, _, _ in edges:
        adj.setdefault(u, set()).add(v)
        adj.setdefault(v, set()).add(u)
    seen = set(centres)
    frontier = set(centres)
    for _ in range(max(depth, 0)):
        nxt = set()
        for n in frontier:
            nxt |= adj.get(n, set()) - seen
        seen |= nxt
        frontier = nxt
    return seen


def _slugger():
    used: set[str] = set()

    def slug(*parts) -> str:
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


def _pick_route(rows, intent, entry_channel="phone"):
    """The IntentMetrics row whose best route to draw: the main entry's, fewest hops."""
    rows = [r for r in rows if r.intent == intent and tuple(getattr(r, "best_route", ()) or ())]
    if not rows:
        return None
    main = [r for r in rows if r.entry == entry_channel] or rows
    return min(main, key=lambda r: (r.best_hops if r.best_hops is not None else 1e9))


def build_scene(maze, *, state=None, when_label: str | None = None, intent: str | None = None,
                focus=(), depth: int = 2, failures: bool = True, analysis=None, legend: bool = True,
                compact: bool | None = None, drop_dead: bool = True) -> Scene:
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
    if state is not None and drop_dead:
        edges = [e for e in edges if edge_live(e[3], state)]
    keep = set(G.nodes)
    focus = [resolve_node(maze, f) if f not in G else f for f in focus]
    if focus:
        keep = _region(G, edges, focus, depth)
    edges = [e for e in edges if e[0] in keep and e[1] in keep]

    nodes: dict[str, SceneNode] = {}
    by_qid: dict[str, str] = {}
    clusters: list[Cluster] = []
    files_in_order = list(maze.files)
    qids_by_file: dict[str, list[str]] = {f: [] for f in files_in_order}
    for q, d in G.nodes(data=True):
        if q in keep:
            qids_by_file.setdefault(d["file"], []).append(q)
    n_nodes = sum(len(v) for v in qids_by_file.values())
    if compact is None:
        from .styles import COMPACT_ABOVE
        compact = n_nodes > COMPACT_ABOVE

    for i, file in enumerate(qids_by_file):
        qids = qids_by_file[file]
        if not qids:
            continue
        mf = maze.files.get(file)
        name = clean(mf.line_name()) if mf else file
        several = sum(1 for q in qids_by_file.values() if q) > 1
        title = name if not mf or name == file else (f"{name}  ({file})" if several else file)
        cl = Cluster(f"cluster_{i}", title, file)
        stem = os.path.splitext(os.path.basename(file))[0]
        for q in qids:
            d = G.nodes[q]
            sn = _scene_node(maze, q, d, slug(stem, d["id"]), compact)
            _diff_marks(sn, d)
            if state is not None and d["kind"] == "queue" and d.get("schedule") \
                    and d["schedule"] not in state:
                sn.marks.append("closed")
                sn.notes.insert(0, "CLOSED now")
            nodes[sn.name] = sn
            by_qid[q] = sn.name
            cl.nodes.append(sn.name)
        clusters.append(cl)

    # Ways in: a start dot per channel, in the entry node's cluster.
    for cl in clusters:
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
    scene_edges: list[SceneEdge] = []
    for st in [n for n in nodes.values() if n.kind == "start"]:
        target = st.qid.rpartition("@")[0]
        scene_edges.append(SceneEdge(slug("e", st.name), st.name, by_qid[target], "entry",
                                     [clean(st.qid.rpartition("@")[2])],
                                     marks=[m for m in st.marks if m in DIFF_MARKS]))

    groups: dict[tuple, SceneEdge] = {}
    for u, v, k, d in edges:
        role = _style_role(d, G.nodes[u]["kind"])
        gkey = (u, v, role, d.get("when", "always"), d.get("schedule"), d.get("diff"))
        e = groups.get(gkey)
        if e is None:
            e = SceneEdge(slug("e", by_qid[u], by_qid[v]), by_qid[u], by_qid[v], role,
                          when=d.get("when", "always"), schedule=d.get("schedule"),
                          marks=[d["diff"]] if d.get("diff") else [])
            groups[gkey] = e
            scene_edges.append(e)
        lab = _edge_label(d)
        if lab and lab not in e.labels:
            e.labels.append(lab)
        e.members.append((u, v, k))
        if state is not None and not drop_dead and not edge_live(d, state) and "dead" not in e.marks:
            e.marks.append("dead")
    for e in scene_edges:
        e.tooltip = _edge_tooltip(maze, e, nodes)
    _mark_back_edges(nodes, scene_edges)
    if compact:
        _proxy_hubs(nodes, scene_edges, clusters, slug)

    scene = Scene(title=_title(maze), nodes=nodes, edges=scene_edges, clusters=clusters, compact=compact,
                  legend=legend, by_qid=by_qid)
    parts = []
    if when_label:
        parts.append(f"at {when_label}")
    elif state is None:
        parts.append("all routes of the week")
    if intent:
        parts.append(f"intent: {intent}")
    if focus:
        parts.append(f"around {', '.join(split(f)[1] for f in focus)} (depth {depth})")
        for f in focus:
            if f in by_qid:
                nodes[by_qid[f]].marks.append("focus")
    scene.subtitle = " · ".join(parts)
    if analysis is not None or intent:
        gone = frozenset(e.name for e in scene_edges if "removed" in e.marks)
        apply_overlay(scene, overlay(scene, analysis, intent, dead=gone))
    return scene


def _diff_marks(sn: SceneNode, d: dict) -> None:
    """``render --diff``: the node's ``added`` / ``removed`` mark and what changed, in its tooltip."""
    if d.get("diff"):
        sn.marks.append(d["diff"])
        sn.tooltip += f"\n{DIFF_MARKS[d['diff']]}"
    for note in d.get("diff_notes", ()):
        sn.tooltip += f"\n{clean(note)}"


def _mark_back_edges(nodes: dict, edges: list) -> None:
    """Mark ``back`` the caller and auto edges that do not lead deeper into the menu tree.

    Depth is the breadth-first distance from the ways in over caller and auto moves (and the
    open side of branches); a forward edge goes from depth d to d + 1 or to a node not yet met.
    """
    forward_roles = ("entry", "caller", "auto", "open")
    out: dict[str, list] = {}
    for e in edges:
        if e.role in forward_roles:
            out.setdefault(e.src, []).append(e)
    depth: dict[str, int] = {}
    tree: set[int] = set()  # id() of the edge that first reached each node
    frontier = [n.name for n in nodes.values() if n.kind == "start"]
    for n in frontier:
        depth[n] = 0
    while frontier:
        nxt = []
        for n in frontier:
            for e in out.get(n, ()):
                if e.dst not in depth:
                    depth[e.dst] = depth[n] + 1
                    tree.add(id(e))
                    nxt.append(e.dst)
        frontier = nxt
    for e in edges:
        if e.role in forward_roles and e.src in depth and e.dst in depth and depth[e.dst] <= depth[e.src]:
            e.marks.append("back")
        elif e.role in forward_roles and id(e) not in tree and e.role != "entry":
            e.marks.append("cross")
    _stagger_leaves(depth, edges, forward_roles)


#: Most nodes side by side in one rank before leaves get staggered over several ranks.
STAGGER_ABOVE = 24


def _stagger_leaves(depth: dict, edges: list, forward_roles) -> None:
    """Spread the leaves of wide ranks over up to 6 ranks (like Graphviz's ``unflatten -l``), so
    a big maze is drawn less wide. A leaf here has no forward edge of its own."""
    per_rank: dict[int, int] = {}
    for d in depth.values():
        per_rank[d] = per_rank.get(d, 0) + 1
    widest = max(per_rank.values(), default=0)
    if widest <= STAGGER_ABOVE:
        return
    spread = min(6, -(-widest // STAGGER_ABOVE))
    has_forward = {e.src for e in edges if e.role in forward_roles and "back" not in e.marks}
    count: dict[str, int] = {}
    for e in edges:
        if e.role in forward_roles and "back" not in e.marks and e.dst not in has_forward \
                and depth.get(e.dst) == depth.get(e.src, -9) + 1:
            i = count.get(e.src, 0)
            count[e.src] = i + 1
            e.minlen = 1 + i % spread


def _proxy_hubs(nodes: dict, edges: list, clusters: list, slug) -> None:
    """Compact drawings keep the menu tree as edges and draw every other edge (transfers, closed
    redirects, failures, edges back up or across the tree) to a small copy of its target."""
    cluster_of = {name: cl for cl in clusters for name in cl.nodes}
    for e in edges:
        target = nodes[e.dst]
        if e.src == e.dst or target.kind == "start":
            continue
        if e.role not in ("agent", "failure", "closed") and "back" not in e.marks and "cross" not in e.marks:
            continue
        ref = SceneNode(slug("ref", e.dst), target.qid, "ref", f"↪ {target.title}",
                        tooltip=f"the same node as {target.title}, drawn again here\n{target.tooltip}",
                        file=target.file, line=target.line, alias_of=target.name)
        nodes[ref.name] = ref
        cluster_of[e.src].nodes.append(ref.name)
        e.dst = ref.name
        e.marks = [m for m in e.marks if m not in ("back", "cross")] + ["to-ref"]


def _title(maze) -> str:
    names = [clean(mf.line_name()) for mf in maze.files.values() if mf.ok and mf.entries]
    if not names:
        names = [clean(mf.line_name()) for mf in maze.files.values() if mf.ok]
    return "; ".join(names) or "ivrmaze"


def _scene_node(maze, q: str, d: dict, name: str, compact: bool) -> SceneNode:
    kind, nid, text = d["kind"], d["id"], clean(d.get("text") or "")
    lines: list[str] = []
    notes: list[str] = []
    if kind == "queue":
        title = text or nid
    elif kind in ("voicemail", "callback"):
        title = f"{kind}: {text}" if text else kind
    elif kind == "hangup":
        title = "hang up"
    elif kind == "external":
        title = f"→ {nid}"
        lines = _wrap(text, 28, 2)
    elif kind == "branch":
        title = nid
        lines = [f"by {split(d['schedule'])[1]} hours"] if d.get("schedule") else []
    else:
        title = nid
        lines = _wrap(text, 30, 3)
    if d.get("schedule") and kind == "queue":
        notes += hours_lines(maze, d["schedule"])
    res = d.get("resolves") or frozenset()
    if res:
        notes.append("resolves: " + ("any intent" if res == "*" else ", ".join(sorted(res))))
    if compact:
        lines, notes = [], [n for n in notes if n.startswith("resolves")]
        if len(title) > 24:
            title = title[:23] + "…"
    tip = [f"{nid} ({kind}) — {d['file']}:{d['line']}" if d.get("line") else f"{nid} ({kind}) — {d['file']}"]
    if text and kind != "hangup":
        tip.append(text)
    if d.get("schedule"):
        tip.append("hours " + hours_text(maze, d["schedule"]))
    if res:
        tip.append("resolves: " + ("any intent" if res == "*" else ", ".join(sorted(res))))
    return SceneNode(name, q, kind, title, lines, notes, "\n".join(tip), [], d["file"], d.get("line", 0),
                     d.get("schedule"), res)


def _edge_tooltip(maze, e: SceneEdge, nodes) -> str:
    src, dst = nodes[e.src], nodes[e.dst]
    words = {"caller": "caller presses", "auto": "then", "agent": "agent transfers", "failure": "on",
             "closed": "while closed", "open": "while open", "entry": "calls come in"}
    head = f"{split(src.qid)[1] if src.kind != 'start' else 'start'} → {split(dst.qid)[1]}"
    text = f"{head}: {words.get(e.role, e.role)}"
    if e.label:
        text += f" {e.label}"
    if e.schedule:
        text += f" ({hours_text(maze, e.schedule)})"
    for m in e.marks:
        if m in DIFF_MARKS:
            text += f"\n{DIFF_MARKS[m]}"
    return text


def _resolvers(scene: Scene, intent: str) -> list[str]:
    return [n.name for n in scene.nodes.values()
            if n.kind != "start" and "removed" not in n.marks
            and (n.resolves == "*" or (n.resolves and intent in n.resolves))]


def _edges_among(scene: Scene, names: set[str], roles=None, dead=frozenset()) -> list[SceneEdge]:
    return [e for e in scene.edges if e.src in names and e.dst in names and e.src != e.dst
            and (roles is None or e.role in roles) and "dead" not in e.marks and e.name not in dead]


def _route_edges(scene: Scene, route, dead=frozenset()) -> list[SceneEdge]:
    """The scene edges along a route of graph node ids (the first live edge between each pair)."""
    out = []
    for a, b in zip(route, route[1:]):
        na, nb = scene.by_qid.get(a), scene.by_qid.get(b)
        cands = [e for e in scene.edges if e.src == na and e.dst == nb]
        live = [e for e in cands if "dead" not in e.marks and e.name not in dead]
        if live or cands:
            out.append((live or cands)[0])
    return out


@dataclass
class Overlay:
    """Marks that analysis results put on a scene (node/edge name -> marks), and tooltip notes."""

    nodes: dict[str, list[str]] = field(default_factory=dict)
    edges: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    route: object = None  # the IntentMetrics row whose best route is drawn
    summary: list[str] = field(default_factory=list)  # the worst findings, in a few words each

    def add(self, table: dict, name: str, mark: str) -> None:
        marks = table.setdefault(name, [])
        if mark not in marks:
            marks.append(mark)


def overlay(scene: Scene, analysis=None, intent: str | None = None, dead=frozenset()) -> Overlay:
    """The marks for ``analysis``'s findings and, with ``intent``, its resolvers, best route and traps.

    Without ``intent`` every finding is drawn; with it, the findings about no intent or about it.
    ``dead``: names of scene edges that do not exist at the analysed time (never marked).
    """
    ov = Overlay()
    if intent:
        for name in _resolvers(scene, intent):
            ov.add(ov.nodes, name, "resolves")
    for f in getattr(analysis, "findings", ()) if analysis is not None else ():
        if intent and f.intent and f.intent != intent:
            continue
        mark = FINDING_MARKS.get(f.kind)
        names = [scene.by_qid[q] for q in f.qualified_nodes() if q in scene.by_qid]
        note = f"{f.severity} {f.code} {f.kind}: {clean(f.message)}"
        if f.when:
            note += f" (when: {', '.join(f.when)})"
        # A trap is about one intent: without that intent chosen, only the node where it closes
        # (the finding's node) is marked, with its way back into the trap; with it, the whole trap.
        trap = f.kind in ("trap", "after-hours-trap")
        primary_only = bool(f.node) and (f.kind in ("dead-end", "unreachable") or (trap and not intent))
        for i, name in enumerate(names):
            if note not in ov.notes.get(name, []):
                ov.notes.setdefault(name, []).append(note)
            if mark and (not primary_only or i == 0):
                ov.add(ov.nodes, name, mark)
        if names and mark in ("trap", "after-hours", "dead-end", "ping-pong") and len(ov.summary) < 4:
            what = {"trap": "trap", "after-hours": "after-hours trap", "dead-end": "dead end",
                    "ping-pong": "ping-pong"}[mark]
            text = f"{what} at {scene.nodes[names[0]].title}" + (f" for {f.intent}" if f.intent else "")
            if text not in ov.summary:
                ov.summary.append(text)
        if f.kind == "ping-pong":
            for e in _edges_among(scene, set(names), roles=("agent",), dead=dead):
                ov.add(ov.edges, e.name, "ping-pong")
        elif f.kind == "trap" and names:
            for e in _edges_among(scene, set(names), dead=dead):
                if intent or e.src == names[0]:
                    ov.add(ov.edges, e.name, "trap")
    if intent and analysis is not None:
        row = _pick_route(getattr(analysis, "intents", ()), intent)
        if row is not None:
            ov.route = row
            for q in row.best_route:
                if q in scene.by_qid:
                    ov.add(ov.nodes, scene.by_qid[q], "route")
            for e in _route_edges(scene, tuple(row.best_route), dead=dead):
                ov.add(ov.edges, e.name, "route")
    return ov


def apply_overlay(scene: Scene, ov: Overlay) -> None:
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
        when = ", ".join(row.when) if row.when else ""
        scene.subtitle += f" · best route: {row.best_hops} hops" + (f" ({when})" if when else "")


def state_view(scene: Scene, state) -> tuple[list[str], list[str]]:
    """For a scene drawn with every edge: the queues closed and the edges absent while ``state``."""
    closed = [n.name for n in scene.nodes.values()
              if n.kind == "queue" and n.schedule and n.schedule not in state]
    dead = [e.name for e in scene.edges if e.members and e.when != "always"
            and ((e.schedule in state) != (e.when == "open"))]
    return closed, dead
