"""The moves a call can make at one state of the week, as arrays.

The maze's nodes and edges (``graph.Parts``) become flat numpy arrays once (``Static``) and,
per state, sparse matrices (``Moves``), so the hot loops run in scipy, not Python (a small maze's
in ``graphs``, without scipy). Edge roles
and times are coded as ``graph.Role`` and ``graph.When``.

Semantics (docs/analysis.md): at a state, a menu offers ``caller`` moves (its options); an
open queue offers ``agent`` moves (its transfers); say, branch, external and a closed
queue's redirect are ``auto`` moves. ``failure`` moves (no_input, no_match, exhausted)
count for reachability and dead ends only, except at a menu with no options, where they
are the only way on. A node with no move ends the call.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..graph import Parts, Role, When
from .graphs import csr

_ROLE = {r.name.lower(): int(r) for r in Role}  # the edge attribute's name -> the array's code
_WHEN = {w.name.lower(): int(w) for w in When}


@dataclass
class Static:
    """Everything about the graph that does not depend on time."""

    nodes: list[str]  # qualified ids, index = position
    index: dict[str, int]
    kind: np.ndarray  # object array of kind names
    sched: np.ndarray  # schedule index per node, -1 = none
    schedules: list[str]  # qualified schedule names
    src: np.ndarray
    dst: np.ndarray
    role: np.ndarray  # graph.Role codes
    when: np.ndarray  # graph.When codes
    esched: np.ndarray
    warm: np.ndarray
    nattrs: list[dict[str, Any]]  # the node attribute dicts (as in the graph), by index
    edata: list[dict[str, Any]]  # the edge attribute dicts, for positions
    intents: list[str]  # every intent id that any node resolves or any file declares
    resolves: np.ndarray  # bool (n_nodes, n_intents)
    is_queue: np.ndarray
    is_menu: np.ndarray
    small: bool = False  # analysed without scipy (graphs.Csr); set by the caller that knows


def build_static(parts: Parts, intents: Iterable[str] = ()) -> Static:
    """Arrays of a maze's ``parts`` (graph.Parts: the graph's nodes and edges as lists)."""
    nodes = [n for n, _ in parts.nodes]
    index = {n: i for i, n in enumerate(nodes)}
    attrs = [d for _, d in parts.nodes]
    edges = parts.edges
    eattrs = [e[3] for e in edges]
    schedules = sorted({d["schedule"] for d in attrs if d.get("schedule")} |
                       {d["schedule"] for d in eattrs if d.get("schedule")})
    sidx = {s: i for i, s in enumerate(schedules)}
    kind = np.array([d["kind"] for d in attrs], dtype=object)
    sched = np.array([sidx.get(d.get("schedule"), -1) for d in attrs], dtype=np.int64)
    all_intents = list(dict.fromkeys(list(intents) + sorted(
        {i for d in attrs if d.get("resolves") != "*" for i in d.get("resolves", ())})))
    iidx = {x: i for i, x in enumerate(all_intents)}
    resolves = np.zeros((len(nodes), len(all_intents)), dtype=bool)
    for i, d in enumerate(attrs):
        r = d.get("resolves")
        if r == "*":
            resolves[i, :] = True
        elif r:
            for x in r:
                resolves[i, iidx[x]] = True
    src = np.array([index[e[0]] for e in edges], dtype=np.int64)
    dst = np.array([index[e[1]] for e in edges], dtype=np.int64)
    role = np.array([_ROLE[d["role"]] for d in eattrs], dtype=np.int8)
    when = np.array([_WHEN[d["when"]] for d in eattrs], dtype=np.int8)
    esched = np.array([sidx.get(d.get("schedule"), -1) for d in eattrs], dtype=np.int64)
    warm = np.array([bool(d.get("warm")) for d in eattrs], dtype=bool)
    return Static(nodes, index, kind, sched, schedules, src, dst, role, when, esched, warm,
                  attrs, eattrs, all_intents, resolves, kind == "queue", kind == "menu")


@dataclass
class Moves:
    """The moves at one state. ``edge`` indexes into Static's edge arrays."""

    static: Static
    state: frozenset[str]
    open_node: np.ndarray  # bool: queue/branch schedule open (True where no schedule)
    edge: np.ndarray  # indexes of the edges that are moves at this state
    failure_edge: np.ndarray  # failure edges that exist (for reachability)
    agent_node: np.ndarray  # bool: open queue with transfers (agents choose)
    human: np.ndarray  # bool: an open queue (a human picks up)
    resolves: np.ndarray  # bool (n, n_intents) at this state
    terminal: np.ndarray  # bool: no move (the call ends here unless it resolved)

    @property
    def n(self) -> int:
        return len(self.static.nodes)

    def __getstate__(self) -> dict[str, Any]:
        # sent between processes without the (large, shared) Static; the receiver re-attaches it
        d = dict(self.__dict__)
        d["static"] = None
        return d

    def matrix(self, weights: np.ndarray | None = None, edges: np.ndarray | None = None) -> Any:
        """Adjacency (n x n) of the given edges (default: the moves), summing parallel edges: a
        scipy CSR matrix, or a ``graphs.Csr`` for a small maze."""
        e = self.edge if edges is None else edges
        w = np.ones(len(e)) if weights is None else weights
        return csr(w, self.static.src[e], self.static.dst[e], (self.n, self.n), self.static.small)


def moves_at(st: Static, state: frozenset[str]) -> Moves:
    """The moves at ``state`` (the schedules open then): graph.edge_live over the arrays."""
    open_sched = np.array([s in state for s in st.schedules], dtype=bool)
    has = st.sched >= 0
    open_node = np.ones(len(st.nodes), dtype=bool)
    open_node[has] = open_sched[st.sched[has]]
    elive = st.when == When.ALWAYS
    hs = st.esched >= 0
    es_open = np.zeros(len(st.esched), dtype=bool)
    es_open[hs] = open_sched[st.esched[hs]]
    elive |= (st.when == When.OPEN) & es_open
    elive |= (st.when == When.CLOSED) & ~es_open
    move = elive & (st.role != Role.FAILURE)
    failure = elive & (st.role == Role.FAILURE)
    # A menu with no options: its failure branches are the only way on.
    n = len(st.nodes)
    has_caller = np.zeros(n, dtype=bool)
    has_caller[st.src[move & (st.role == Role.CALLER)]] = True
    no_opts = st.is_menu & ~has_caller
    move |= failure & no_opts[st.src]
    edge = np.flatnonzero(move)
    agent_node = np.zeros(n, dtype=bool)
    agent_node[st.src[edge[st.role[edge] == Role.AGENT]]] = True
    has_move = np.zeros(n, dtype=bool)
    has_move[st.src[edge]] = True
    human = st.is_queue & open_node
    resolves = st.resolves & (open_node | ~st.is_queue)[:, None]
    return Moves(st, state, open_node, edge, np.flatnonzero(failure), agent_node, human, resolves, ~has_move)

