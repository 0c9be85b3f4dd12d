"""The moves a call can make at one state of the week, as arrays.

The maze's nodes and edges (``graph.Parts``) become flat numpy arrays once (``Static``) and,
per state, sparse matrices (``Moves``), so the hot loops run in scipy, not Python (a small maze's
in ``graphs``, without scipy). Edge roles
and times are coded as ``graph.Role`` and ``graph.When``.

Semantics (docs/analysis.md): at a state, a menu offers ``caller`` moves (its options); an
open queue offers ``agent`` moves (its transfers); say, branch, external, loop and a closed
queue's redirect are ``auto`` moves; a decision offers ``system`` moves (its outcomes; with
`assume`, only that one: the others count for reachability and dead ends only). ``failure``
moves (no_input, no_match, exhausted, on_error) count for reachability and dead ends only,
except at a menu with no options, where they are the only way on; an error route (on_error)
also counts for how a call can fall into a trap. A node with no move ends the call (an
`unknown` node: the call leaves what ivrmaze can see).
"""
from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np

from ..graph import ROLE_OF_VIA, EdgeList, NodeList, Parts, Role, When
from .graphs import csr, matrix, unit_routes

_ROLE = {r.name.lower(): int(r) for r in Role}  # the edge attribute's name -> the array's code
_WHEN = {w.name.lower(): int(w) for w in When}
_VIAS = np.array(list(ROLE_OF_VIA), dtype=object)  # an edge's `via` by its code here
_VIA = {v: i for i, v in enumerate(ROLE_OF_VIA)}
_VIA_ROLE = np.array([_ROLE[r] for r in ROLE_OF_VIA.values()], dtype=np.int8)


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
    nattrs: Sequence[dict[str, Any]]  # the node attribute dicts (as in the graph), by index (made when read)
    edata: Sequence[dict[str, Any]]  # the edge attribute dicts, for positions (made when read: graph.EdgeList)
    intents: list[str]  # every intent id that any node resolves or any file declares
    resolves: np.ndarray  # bool (n_nodes, n_intents)
    is_queue: np.ndarray
    is_menu: np.ndarray
    error: np.ndarray  # bool per edge: an error route (on_error)
    off: np.ndarray  # bool per edge: an outcome a decision's `assume` rules out
    loop: np.ndarray  # per node: a loop's rounds (0: not a loop)
    again: np.ndarray  # bool per edge: a loop's `again`
    done: np.ndarray  # bool per edge: a loop's `done`
    via: np.ndarray  # object array per edge: the key or route it was written as (`1`, `no_input`, `next`...)
    small: bool = False  # analysed without scipy (graphs.Csr); set by the caller that knows
    #: per node: its file, as its attributes' `file` (graph.NodeList's column; None: read them)
    files: Sequence[str] | None = None
    #: per node: its retries, as its attributes' `retries` (graph.NodeList's nodes; None: read them): the failing
    #: walk reads every menu's, and an attribute dict made per menu took 2.3 s at a million nodes
    retries: Sequence[int] | None = None
    _kinds: dict[frozenset[str], np.ndarray] = field(default_factory=dict, repr=False, compare=False)
    _orders: dict[bool, np.ndarray] = field(default_factory=dict, repr=False, compare=False)
    _out: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False, compare=False)
    _kind_code: tuple[dict[str, int], np.ndarray] | None = field(default=None, repr=False, compare=False)

    def of_kind(self, *names: str) -> np.ndarray:
        """Bool mask of the nodes of these kinds (made once: every state and check asks)."""
        key = frozenset(names)
        if key not in self._kinds:
            if self._kind_code is None:  # once: np.isin of an object array sorts its strings each time
                code = {k: i for i, k in enumerate(dict.fromkeys(self.kind.tolist()))}
                self._kind_code = code, np.fromiter(map(code.__getitem__, self.kind), dtype=np.int64,
                                                    count=len(self.kind))
            code, kinds = self._kind_code
            self._kinds[key] = np.isin(kinds, [code[k] for k in key if k in code])
        return self._kinds[key]

    def edge_order(self, reverse: bool = False) -> np.ndarray:
        """The edges sorted by (source, target), or by (target, source) when ``reverse``: sorted
        once, so each state's adjacency comes out of a mask in CSR order (``adjacency``)."""
        if reverse not in self._orders:
            a, b = (self.dst, self.src) if reverse else (self.src, self.dst)
            self._orders[reverse] = np.argsort(a * max(1, len(self.nodes)) + b, kind="stable")
        return self._orders[reverse]

    def out_edges(self) -> tuple[np.ndarray, np.ndarray]:
        """(edges by source, in edge order within a source; where each node's start): node i's
        edges are ``edges[start[i]:start[i + 1]]``. Made once, so that a check looking at a few
        nodes' edges (a trap's) does not scan every edge of the maze."""
        if self._out is None:
            n = len(self.nodes)
            start = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.src, minlength=n), out=start[1:])
            self._out = np.argsort(self.src, kind="stable"), start
        return self._out


def build_static(parts: Parts, intents: Iterable[str] = ()) -> Static:
    """Arrays of a maze's ``parts`` (graph.Parts: the graph's nodes and edges). Each column is one
    pass in C (``map`` into ``np.fromiter``, numpy indexing) over graph.NodeList's and EdgeList's
    columns, without an attribute dict per node or edge: a Python loop per edge and column was most
    of this step. Any other sequences of nodes and edges are read through their dicts."""
    if not (isinstance(parts.nodes, NodeList) and isinstance(parts.edges, EdgeList)):
        return _plain_static(parts, intents)
    nodes, edges = parts.nodes, parts.edges
    if edges.lost or edges.odd or 255 in edges.via:  # the dicts' way fails on them: a node the files
        return _plain_static(parts, intents)  # lack, a `when` no When names, a `via` no role
    n = len(nodes)
    schedules = sorted(set(nodes.sched.values()))
    sidx = {s: i for i, s in enumerate(schedules)}
    sched = np.full(n, -1, dtype=np.int64)
    sched[list(nodes.sched)] = list(map(sidx.__getitem__, nodes.sched.values()))
    kind = np.array(nodes.kind, dtype=object)
    all_intents, resolves = _intents(nodes.resolves, intents)
    src, dst = np.frombuffer(edges.src, dtype=np.int64).copy(), np.frombuffer(edges.dst, dtype=np.int64).copy()
    code = np.frombuffer(edges.via, dtype=np.uint8).copy()
    when = np.frombuffer(edges.when, dtype=np.int8).copy()
    esched = np.where(when != When.ALWAYS, sched[src], -1)
    off, warm = np.zeros(len(edges), dtype=bool), np.zeros(len(edges), dtype=bool)
    warm[edges.warm] = True
    for e in np.flatnonzero(code == _VIA["outcomes"]).tolist():
        assume = nodes.nodes[edges.src[e]].assume
        off[e] = assume is not None and edges.links[e].key != assume
    ids = list(nodes.ids)
    return Static(ids, dict(zip(ids, range(n), strict=True)), kind, sched, schedules, src, dst, _VIA_ROLE[code],
                  when, esched, warm, nodes.data, edges.data, all_intents,
                  resolves, kind == "queue", kind == "menu", code == _VIA["on_error"], off,
                  np.array(nodes.loop, dtype=np.int64), code == _VIA["again"], code == _VIA["done"], _VIAS[code],
                  files=nodes.path, retries=list(map(attrgetter("retries"), nodes.nodes)))


def _plain_static(parts: Parts, intents: Iterable[str]) -> Static:
    """build_static of any sequences of nodes and edges, through their attribute dicts."""
    attrs = list(map(itemgetter(1), parts.nodes))
    nodes = list(map(itemgetter(0), parts.nodes))
    index = dict(zip(nodes, range(len(nodes)), strict=True))
    edges = parts.edges
    eattrs = [e[3] for e in edges]
    us, vs = [e[0] for e in edges], [e[1] for e in edges]
    vias, roles, whens = [d["via"] for d in eattrs], [d["role"] for d in eattrs], [d["when"] for d in eattrs]
    esched_names = [d.get("schedule") for d in eattrs]
    n, m = len(nodes), len(edges)
    nsched = list(map(dict.get, attrs, repeat("schedule")))
    schedules = sorted(s for s in set(nsched) | set(esched_names) if s)
    sidx = {s: i for i, s in enumerate(schedules)}
    kind = np.array(list(map(itemgetter("kind"), attrs)), dtype=object)
    sched = np.fromiter(map(sidx.get, nsched, repeat(-1)), dtype=np.int64, count=n)
    all_intents, resolves = _intents(list(map(dict.get, attrs, repeat("resolves"))), intents)
    src = np.fromiter(map(index.__getitem__, us), dtype=np.int64, count=m)
    dst = np.fromiter(map(index.__getitem__, vs), dtype=np.int64, count=m)
    role = np.fromiter(map(_ROLE.__getitem__, roles), dtype=np.int8, count=m)
    when = np.fromiter(map(_WHEN.__getitem__, whens), dtype=np.int8, count=m)
    esched = np.fromiter(map(sidx.get, esched_names, repeat(-1)), dtype=np.int64, count=m)
    via = np.array(vias, dtype=object)
    warm = np.array([bool(d.get("warm")) for d in eattrs], dtype=bool)
    off = np.array([d.get("assumed") is False for d in eattrs], dtype=bool)
    loop = np.fromiter(map(dict.get, attrs, repeat("loop"), repeat(0)), dtype=np.int64, count=n)
    return Static(nodes, index, kind, sched, schedules, src, dst, role, when, esched, warm,
                  attrs, eattrs, all_intents, resolves, kind == "queue", kind == "menu", via == "on_error",
                  off, loop, via == "again", via == "done", via)


def _intents(given: Sequence[frozenset[str] | str | None], intents: Iterable[str]) -> tuple[list[str], np.ndarray]:
    """Every intent (those given, then those the nodes resolve, sorted) and which node resolves
    which (``given``: what each node resolves, an intent set or `*`)."""
    rows = np.flatnonzero(np.fromiter(map(bool, given), dtype=bool, count=len(given)))  # most resolve nothing
    some = [given[i] for i in rows.tolist()]
    star = np.fromiter(map(operator.eq, some, repeat("*")), dtype=bool, count=len(some))
    sets: list[Any] = [r for r, s in zip(some, star.tolist(), strict=True) if not s]  # intent sets
    all_intents = list(dict.fromkeys(list(intents) + sorted(set(chain.from_iterable(sets)))))
    if not all_intents and star.any():
        all_intents = ["*"]  # no file names an intent (a platform flow without companion): `*` still resolves
    iidx = {x: i for i, x in enumerate(all_intents)}
    resolves = np.zeros((len(given), len(all_intents)), dtype=bool)
    resolves[rows[star], :] = True
    flat = list(chain.from_iterable(sets))
    if flat:
        cols = np.fromiter(map(iidx.__getitem__, flat), dtype=np.int64, count=len(flat))
        lens = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
        resolves[np.repeat(rows[~star], lens), cols] = True
    return all_intents, resolves


@dataclass
class Moves:
    """The moves at one state. ``edge`` indexes into Static's edge arrays."""

    static: Static
    state: frozenset[str]
    open_node: np.ndarray  # bool: queue/branch schedule open (True where no schedule)
    edge: np.ndarray  # indexes of the edges that are moves at this state
    failure_edge: np.ndarray  # failure edges that exist (for reachability)
    agent_node: np.ndarray  # bool: open queue with transfers, or a decision (agents or the system choose)
    human: np.ndarray  # bool: an open queue (a human picks up)
    resolves: np.ndarray  # bool (n, n_intents) at this state
    terminal: np.ndarray  # bool: no move (the call ends here unless it resolved)
    error_edge: np.ndarray  # error routes (on_error) that exist: how a call may fall into a trap
    round_hops: np.ndarray  # per loop node: hops of its shortest round back to it (0: none)
    round_path: dict[int, list[int]]  # loop node -> the nodes of that round after it, itself last

    @property
    def n(self) -> int:
        return len(self.static.nodes)

    def __getstate__(self) -> dict[str, Any]:
        # sent between processes without the (large, shared) Static, nor what follows from it
        # and open_node (resolves: nodes x intents); the receiver re-attaches them (``attach``)
        d = dict(self.__dict__)
        d["static"] = d["resolves"] = None
        return d

    def attach(self, static: Static) -> None:
        """Re-attach the Static left out when sent between processes, and what follows from it."""
        self.static = static
        if self.resolves is None:
            self.resolves = _resolves(static, self.open_node)

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
    move = elive & (st.role != Role.FAILURE) & ~st.off
    failure = elive & ((st.role == Role.FAILURE) | st.off)
    # A menu with no options: its failure branches are the only way on.
    n = len(st.nodes)
    has_caller = np.zeros(n, dtype=bool)
    has_caller[st.src[move & (st.role == Role.CALLER)]] = True
    no_opts = st.is_menu & ~has_caller
    move |= failure & no_opts[st.src]
    edge = np.flatnonzero(move)
    agent_node = np.zeros(n, dtype=bool)
    agent_node[st.src[edge[(st.role[edge] == Role.AGENT) | (st.role[edge] == Role.SYSTEM)]]] = True
    has_move = np.zeros(n, dtype=bool)
    has_move[st.src[edge]] = True
    human = st.is_queue & open_node
    resolves = _resolves(st, open_node)
    error = np.flatnonzero(elive & st.error)
    return Moves(st, state, open_node, edge, np.flatnonzero(failure), agent_node, human, resolves, ~has_move,
                 error, *_rounds(st, edge))


def _resolves(st: Static, open_node: np.ndarray) -> np.ndarray:
    """What each node resolves at a state: a closed queue resolves nothing."""
    return st.resolves & (open_node | ~st.is_queue)[:, None]


def adjacency(st: Static, edges: np.ndarray, reverse: bool = False) -> Any:
    """The distinct edges among ``edges`` (Static edge indexes) as a canonical CSR matrix of
    weight 1 (reversed: targets to sources), as ``frontier.structure`` of their matrix gives it,
    without a sort or a scipy construction: Static's presorted ``edge_order`` filtered by a mask."""
    n = len(st.nodes)
    sel = np.zeros(len(st.src), dtype=bool)
    sel[edges] = True
    order = st.edge_order(reverse)
    es = order[sel[order]]
    a, b = (st.dst[es], st.src[es]) if reverse else (st.src[es], st.dst[es])
    keep = np.ones(len(es), dtype=bool)
    keep[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])  # parallel edges are neighbours in this order
    a, b = a[keep], b[keep]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a, minlength=n), out=indptr[1:])
    return matrix(st.small, np.ones(len(b), dtype=np.int8), b, indptr, (n, n))


def _rounds(st: Static, edge: np.ndarray) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Per loop node: the fewest hops of one round, from the node through `again` back to it
    (0 where the body never comes back, or for other nodes), and that round's nodes."""
    hops = np.zeros(len(st.nodes), dtype=np.int64)
    paths: dict[int, list[int]] = {}
    again = edge[st.again[edge]]
    if not len(again):
        return hops, paths
    n = len(st.nodes)
    d, pred = unit_routes(csr(np.ones(len(edge)), st.src[edge], st.dst[edge], (n, n), st.small), st.dst[again])
    for row, e in enumerate(again.tolist()):
        node, start = int(st.src[e]), int(st.dst[e])
        if not np.isfinite(d[row, node]) or (hops[node] and hops[node] <= int(d[row, node]) + 1):
            continue
        hops[node] = int(d[row, node]) + 1
        path = [node]
        while path[-1] != start:
            path.append(int(pred[row, path[-1]]))
        paths[node] = path[::-1]  # start ... the loop node
    return hops, paths

