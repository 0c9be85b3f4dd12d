"""The loaded menu files as one NetworkX multi-digraph.

Nodes are ``"<file>#<id>"`` so two files may both have ``main``; ``hangup`` becomes one
built-in node per file that uses it. Every node and edge keeps its source position.

Edge attributes: ``role`` (caller | auto | agent | failure | system), ``via`` (the YAML field),
``dtmf`` and ``label`` (menu options; a decision's outcome name is its ``label`` unless it has
one), ``when`` (always | open | closed) with ``schedule`` (the qualified schedule that decides
it), ``warm`` (transfers), ``file``, ``line``, ``column``; a decision with `assume` marks each
outcome ``assumed`` (True for the assumed one). A node whose hours are not in the files
(`hours: unknown`) gets a schedule of its own (``unknown_hours``), open or closed as the
analysis tries both.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from .language import HANGUP
from .model import Link, MenuFile, Node

if TYPE_CHECKING:
    import networkx as nx

    from .findings import Finding

ROLE_OF_VIA = {
    "options": "caller",
    "next": "auto",
    "closed": "auto",
    "open": "auto",
    "external": "auto",
    "transfers": "agent",
    "no_input": "failure",
    "no_match": "failure",
    "exhausted": "failure",
    "on_error": "failure",
    "outcomes": "system",
    "again": "auto",
    "done": "auto",
}

SEP = "#"


class When(IntEnum):
    """When an edge exists: always, while its schedule is open, or while it is closed. The
    values are those of the analysis' edge arrays."""

    ALWAYS = 0
    OPEN = 1
    CLOSED = 2


class Role(IntEnum):
    """Who moves the call along an edge. The values are those of the analysis' edge arrays."""

    CALLER = 0
    AGENT = 1
    AUTO = 2
    FAILURE = 3
    SYSTEM = 4  # a decision's outcome: the system picks it on data (no retell, not the caller's choice)


# -- node references: the one place that knows how a graph node id is made -----------------
def qualify(file: str, node_id: str) -> str:
    """The graph id of node ``node_id`` of ``file``: ``menus/a.yaml#main``."""
    return f"{file}{SEP}{node_id}"


def split(qid: str) -> tuple[str, str]:
    """(file, node id) of a graph id."""
    file, _, nid = qid.rpartition(SEP)
    return file, nid


def file_of(qid: str) -> str:
    return qid.rpartition(SEP)[0]


def node_id(qid: str) -> str:
    return qid.rpartition(SEP)[2]


def unknown_hours(qid: str) -> str:
    """The schedule of node ``qid`` whose hours are not in the files: ``menus/a.yaml#sales~hours``
    (`~` is in no id, so it is no schedule's name)."""
    return f"{qid}~hours"


def is_unknown_hours(schedule: str) -> bool:
    """Whether a qualified schedule is a node's unknown hours (``unknown_hours``)."""
    return "~" in schedule.rpartition(SEP)[2]


#: Up to this many schedules not in the files (`hours: unknown`), every way of setting them is
#: analysed; with more, the settings that differ from all open or all closed in one schedule.
UNKNOWN_EXACT = 4


def unknown_variants(state: frozenset[str], unknown: frozenset[str]) -> list[frozenset[str]]:
    """The states to analyse for ``state`` when the schedules ``unknown`` (open in ``state``) are
    not in the files, so each may be open or closed: every setting of up to UNKNOWN_EXACT of them;
    of more, all open, all closed, each one closed alone and each one open alone. All open first."""
    names = sorted(unknown)
    base = state - unknown
    if len(names) <= UNKNOWN_EXACT:
        settings = [frozenset(n for i, n in enumerate(names) if not (bits >> i) & 1) for bits in range(1 << len(names))]
    else:
        every = frozenset(names)
        settings = [every, frozenset()] + [every - {n} for n in names] + [frozenset({n}) for n in names]
    return list(dict.fromkeys(base | s for s in settings))


def unknown_hours_node(schedule: str) -> str:
    """The node (graph id) whose unknown hours ``schedule`` is."""
    return schedule.removesuffix("~hours")


def is_qualified(ref: str) -> bool:
    return SEP in ref


def shown(qid: str, file: str | None = None) -> str:
    """A node as a designer reads it in ``file``: its id when it is in that file, else ``file#id``."""
    f, _, nid = qid.rpartition(SEP)
    return nid if f == file else qid


def qualified(ref: str, file: str | None) -> str:
    """``ref`` as a graph id: already qualified, or a node id of ``file``."""
    return ref if SEP in ref or file is None else qualify(file, ref)


def rekey(qid: str, key: Any) -> str:
    """``qid`` with its file part renamed by ``key(file)`` (diff sides name files differently)."""
    f, _, nid = qid.rpartition(SEP)
    return qualify(key(f), nid) if f else qid


def route_shown(route: Iterable[str], file: str | None) -> list[str]:
    return [shown(q, file) for q in route]


def finding_nodes(f: Finding) -> tuple[str, ...]:
    """A finding's ``node`` and ``nodes`` as graph ids (its file's ids qualified with it)."""
    ids = ((f.node,) if f.node else ()) + f.nodes
    return tuple(qualified(n, f.file) for n in ids)


# -- edge liveness: the one definition -----------------------------------------------------
def edge_live(data: dict[str, Any], state: frozenset[str] | set[str] | None) -> bool:
    """Whether an edge exists at ``state`` (the schedules open then; None: at some time)."""
    when = data.get("when", "always")
    if when == "always" or state is None:
        return True
    return (when == "open") == (data.get("schedule") in state)


Edge = tuple[str, str, int, dict[str, Any]]  # (u, v, key, attributes)


class Parts(NamedTuple):
    """The graph as plain lists: ``nodes`` of (qualified id, attrs) and ``edges`` of
    (u, v, key, attrs) (graph_parts makes an ``EdgeList``, any sequence of them will do). Analysis
    reads these directly; networkx is built from them on demand."""

    nodes: list[tuple[str, dict[str, Any]]]
    edges: Sequence[Edge]


class EdgeList(Sequence[Edge]):
    """The edges of ``graph_parts`` as columns, each (u, v, key, attrs) made when read: a check
    reads the attributes of a few edges, the analysis the columns (``columns``), and a dict per
    edge of a big maze was most of the time and memory between loading and the analysis. The
    attributes of an edge are made once (``data``), the same dict on every read."""

    def __init__(self) -> None:
        self.src: list[str] = []  # graph ids
        self.dst: list[str] = []
        self.links: list[Link] = []
        self.owner: list[Node] = []  # the node each link is written in
        self.path: list[str] = []  # the file it is written in
        self.when: list[str] = []  # always | open | closed
        self.schedule: list[str | None] = []
        self._keys: list[int] | None = None
        self._made: dict[int, dict[str, Any]] = {}
        self.data = _EdgeData(self)  # attrs by edge index: a sequence of dicts

    def __len__(self) -> int:
        return len(self.src)

    @overload
    def __getitem__(self, i: int) -> Edge: ...
    @overload
    def __getitem__(self, i: slice) -> list[Edge]: ...
    def __getitem__(self, i: int | slice) -> Edge | list[Edge]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        j = range(len(self))[i]  # IndexError as a list's, negative indexes too
        keys = self._keys if self._keys is not None else self._count_keys()
        return self.src[j], self.dst[j], keys[j], self.data[j]

    def _count_keys(self) -> list[int]:
        """Each edge's key: how many edges before it go the same way (all of a node's are together)."""
        seen: dict[tuple[str, str], int] = {}
        keys = []
        for way in zip(self.src, self.dst, strict=True):
            seen[way] = k = seen.get(way, -1) + 1
            keys.append(k)
        self._keys = keys
        return keys

    def columns(self) -> tuple[list[str], list[str], list[str], list[str], list[str | None], list[bool], list[bool]]:
        """(u, v, via, when, schedule, warm, off) per edge; ``off``: an outcome that a decision's
        `assume` rules out (its attribute ``assumed`` is False)."""
        links = self.links
        via = [link.via for link in links]
        warm = [bool(link.warm) for link in links]
        off = [False] * len(links)
        for e in (i for i, v in enumerate(via) if v == "outcomes"):
            assume = self.owner[e].assume
            off[e] = assume is not None and links[e].key != assume
        return self.src, self.dst, via, self.when, self.schedule, warm, off

    def attrs(self, e: int) -> dict[str, Any]:
        """The attributes of edge ``e``, as graph.py's module docstring lists them."""
        link, node = self.links[e], self.owner[e]
        via, pos = link.via, link.pos
        outcome = via == "outcomes"
        data = _EdgeAttrs(ROLE_OF_VIA[via], via, None if outcome else link.key,
                          (link.label or link.key) if outcome else link.label, self.when[e], self.schedule[e],
                          link.warm, link.default, self.path[e], pos[0], pos[1]).__dict__
        if outcome and node.assume is not None:
            data["assumed"] = link.key == node.assume
        return data


class _EdgeData(Sequence[dict[str, Any]]):
    """An EdgeList's attribute dicts by edge index, each made on its first read and kept."""

    def __init__(self, edges: EdgeList):
        self._edges = edges

    def __len__(self) -> int:
        return len(self._edges)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        j = range(len(self))[i]
        made = self._edges._made
        d = made.get(j)
        if d is None:
            d = made[j] = self._edges.attrs(j)
        return d

    def where(self, i: int) -> tuple[str, int, int]:
        """Edge ``i``'s (file, line, column), as its attributes have them, without making them."""
        pos = self._edges.links[i].pos
        return self._edges.path[i], pos[0], pos[1]


# The attribute dicts are the __dict__ of these records: Python keeps the dicts of one class's
# instances with one shared table of keys, a third of a dict literal's memory (and faster to
# make) over the millions of edges of a big maze. They are plain dicts to every reader.
class _NodeAttrs:
    def __init__(self, file: str, id: str, kind: str, text: str, line: int, column: int,
                 resolves: frozenset[str] | str, schedule: str | None, retries: int,
                 entry: tuple[str, ...], end: str | None):
        self.file, self.id, self.kind, self.text, self.line, self.column = file, id, kind, text, line, column
        self.resolves, self.schedule, self.retries, self.entry, self.end = resolves, schedule, retries, entry, end


class _EdgeAttrs:
    def __init__(self, role: str, via: str, dtmf: str | None, label: str | None, when: str,
                 schedule: str | None, warm: bool, default: bool, file: str, line: int, column: int):
        self.role, self.via, self.dtmf, self.label, self.when, self.schedule = role, via, dtmf, label, when, schedule
        self.warm, self.default, self.file, self.line, self.column = warm, default, file, line, column


def graph_parts(files: dict[str, MenuFile]) -> Parts:
    """Nodes and edges of all files (keyed by absolute path, as the loader returns them)."""
    nodes: list[tuple[str, dict[str, Any]]] = []
    #: file -> node id -> its graph id: one string shared by the node and all its edges
    qids: dict[str, dict[str, str]] = {}
    for mf in files.values():
        if mf.ok:
            nodes += _file_nodes(mf, qids.setdefault(mf.path, {}))
    seen = {q for q, _ in nodes}
    edges = EdgeList()
    for mf in files.values():
        if mf.ok:
            _file_edges(files, mf, qids, (nodes, seen, edges))
    return Parts(nodes, edges)


def _file_nodes(mf: MenuFile, qids: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """The nodes of one file, with their attributes; their graph ids into ``qids``."""
    entries: dict[str, list[str]] = {}
    for channel, nid in mf.entries.items():
        entries.setdefault(nid, []).append(channel)
    path = mf.path
    prefix = qualify(path, "")
    out: list[tuple[str, dict[str, Any]]] = []
    add, attrs_of = out.append, _NodeAttrs
    for node in mf.nodes.values():
        nid = node.id
        q = qids[nid] = prefix + nid  # qualify(path, nid), without a call per node
        pos = node.pos
        sched = _schedule(path, node) if node.hours or node.hours_unknown else None
        channels = tuple(entries[nid]) if nid in entries else ()
        attrs = attrs_of(path, nid, node.kind, node.text, pos[0], pos[1], node.resolves, sched,
                         node.retries, channels, node.end).__dict__
        if node.loop:
            attrs["loop"] = node.loop  # a loop's rounds (only loops have the key)
        add((q, attrs))
    return out


def _file_edges(files: dict[str, MenuFile], mf: MenuFile, qids: dict[str, dict[str, str]],
                out: tuple[list[tuple[str, dict[str, Any]]], set[str], EdgeList]) -> None:
    """The edges of every node of ``mf`` into ``out``'s edges, and the built-in hangup nodes they
    reach into its nodes (``seen``: the graph ids of those made). A team without hours never closes,
    so its `closed` target is never reached: no edge. A node's edges go in a few list operations:
    a statement per edge was most of this step (millions of edges in a big maze)."""
    nodes, seen, edges = out
    path = mf.path
    own = qids[path]

    def target(link: Link) -> str:
        """The graph id of a target not yet in ``own``: another file's, a hangup, or one the file lacks."""
        if link.via == "external":
            target_file, target_id, table = _external(files, link, qids)
        else:
            target_file, target_id, table = path, str(link.target), own
        dst = table.get(target_id)
        if dst is None:
            dst = table[target_id] = qualify(target_file, target_id)
        if target_id == HANGUP and dst not in seen:
            seen.add(dst)
            nodes.append((dst, _NodeAttrs(target_file, HANGUP, "hangup", "The call ends.", 0, 0, frozenset(),
                                          None, 0, (), None).__dict__))
        return dst

    for node in mf.nodes.values():
        links = node.links
        if not links:
            continue
        kind = node.kind
        sched = _schedule(path, node) if node.hours or node.hours_unknown else None
        if not sched and kind == "queue":
            links = [link for link in links if link.via != "closed"]
        n = len(links)
        if sched and (kind == "queue" or kind == "branch"):  # a step can fail (on_error) whatever the time
            when = ["always" if (v := link.via) == "on_error" else v if kind == "branch" else
                    "closed" if v == "closed" else "open" for link in links]
            edges.schedule += [None if w == "always" else sched for w in when]
        else:
            when = ["always"] * n
            edges.schedule += [None] * n
        edges.dst += [own[t] if link.via != "external" and (t := str(link.target)) in own else target(link)
                      for link in links]
        edges.src += [own[node.id]] * n
        edges.links += links
        edges.owner += [node] * n
        edges.path += [path] * n
        edges.when += when


def _external(files: dict[str, MenuFile], link: Link,
              qids: dict[str, dict[str, str]]) -> tuple[str, str, dict[str, str]]:
    """(file, node id, that file's graph ids) of an `external` link's target: its node, else its entry."""
    other = files[str(link.file)]
    return other.path, link.node or str(other.entry), qids.setdefault(other.path, {})


def _schedule(path: str, node: Node) -> str | None:
    """The qualified schedule of a queue or branch: its own (``unknown_hours``) when not in the files."""
    if node.hours_unknown:
        return unknown_hours(qualify(path, node.id))
    return qualify(path, node.hours) if node.hours else None


def build_graph(parts: Parts) -> nx.MultiDiGraph:
    """One networkx graph of a maze's ``graph_parts``."""
    import networkx as nx  # here, not at the top: `check` never needs it, and it takes 0.2 s to import

    G = nx.MultiDiGraph()
    G.add_nodes_from(parts.nodes)
    for u, v, k, d in parts.edges:
        # add_edge, not add_edges_from: the latter builds a view per edge and is 3x slower
        G.add_edge(u, v, k, **d)
    return G
