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

from collections.abc import Iterable
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from .language import HANGUP
from .model import MenuFile, Node

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
    (u, v, key, attrs). Analysis reads these directly; networkx is built from them on demand."""

    nodes: list[tuple[str, dict[str, Any]]]
    edges: list[Edge]


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
    edges: list[Edge] = []
    for mf in files.values():
        if not mf.ok:
            continue
        own = qids[mf.path]
        for node in mf.nodes.values():
            if node.links:
                _edges(files, mf, node, own[node.id], qids, (nodes, seen, edges))
    return Parts(nodes, edges)


def _file_nodes(mf: MenuFile, qids: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """The nodes of one file, with their attributes; their graph ids into ``qids``."""
    entries: dict[str, list[str]] = {}
    for channel, nid in mf.entries.items():
        entries.setdefault(nid, []).append(channel)
    path = mf.path
    out = []
    for node in mf.nodes.values():
        q = qids[node.id] = qualify(path, node.id)
        pos = node.pos
        attrs = _NodeAttrs(path, node.id, node.kind, node.text, pos[0], pos[1], node.resolves, _schedule(path, node),
                           node.retries, tuple(entries.get(node.id, ())), node.end).__dict__
        if node.loop:
            attrs["loop"] = node.loop  # a loop's rounds (only loops have the key)
        out.append((q, attrs))
    return out


def _edges(files: dict[str, MenuFile], mf: MenuFile, node: Node, src: str, qids: dict[str, dict[str, str]],
           out: tuple[list[tuple[str, dict[str, Any]]], set[str], list[Edge]]) -> None:
    """The edges of ``node`` (graph id ``src``) into ``out``'s edges, and the built-in hangup nodes they
    reach into its nodes (``seen``: the graph ids of those made). A team without hours never closes,
    so its `closed` target is never reached: no edge."""
    nodes, seen, edges = out
    path, kind, sched = mf.path, node.kind, _schedule(mf.path, node)
    table = qids[path]
    keys: dict[str, int] = {}  # every edge from ``src`` is made here: its keys by target
    for link in node.links:
        via = link.via
        if via == "external":
            other = files[str(link.file)]
            target_file, target_id = other.path, link.node or str(other.entry)
            table = qids.setdefault(target_file, {})
        elif via == "closed" and not sched and kind == "queue":
            continue
        else:
            target_file, target_id, table = path, str(link.target), qids[path]
        dst = table.get(target_id)
        if dst is None:
            dst = table[target_id] = qualify(target_file, target_id)
        when, schedule = "always", None
        if via == "on_error" or not sched:
            pass  # a step can fail whatever the time
        elif kind == "queue":
            when, schedule = ("closed" if via == "closed" else "open"), sched
        elif kind == "branch":
            when, schedule = via, sched  # "open" | "closed"
        keys[dst] = k = keys.get(dst, -1) + 1  # our own keys: networkx's search for a free one is slow
        pos = link.pos
        outcome = via == "outcomes"
        data = _EdgeAttrs(ROLE_OF_VIA[via], via, None if outcome else link.key,
                          (link.label or link.key) if outcome else link.label, when, schedule, link.warm,
                          link.default, path, pos[0], pos[1]).__dict__
        if outcome and node.assume is not None:
            data["assumed"] = link.key == node.assume
        if target_id == HANGUP and dst not in seen:
            seen.add(dst)
            nodes.append((dst, _NodeAttrs(target_file, HANGUP, "hangup", "The call ends.", 0, 0, frozenset(),
                                          None, 0, (), None).__dict__))
        edges.append((src, dst, k, data))


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
