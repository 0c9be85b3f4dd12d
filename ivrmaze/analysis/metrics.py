"""The five metrics and the trap sets, as pure functions over one state's ``Moves``.

All of them run on scipy.sparse / csgraph arrays (a small maze's on ``graphs.Csr``, without
scipy; the random caller's chances always on scipy's); see docs/analysis.md for the contract.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..graph import Role
from .frontier import attractor, can_end, can_reach, reach_stopping, structure
from .graphs import csr, dijkstra, reached
from .moves import Moves
from .solve import solve_many

_M = float(1 << 20)  # cost of one hop in the (hops, retells) Dijkstra; retells stay below it


def reachable(A: Any, sources: Sequence[int] | np.ndarray) -> np.ndarray:
    """Bool mask of nodes reachable from any of ``sources`` (indexes) along A's edges (a scipy
    CSR matrix or a ``graphs.Csr``)."""
    return reached(A, np.asarray(sources, dtype=np.int64))


def reachable_many(A: Any, sources: np.ndarray, rounds: int = 64) -> np.ndarray:  # noqa: ARG001
    """Column by column, the nodes reachable from the ``sources`` mask (n x k) along A's edges:
    one breadth-first search per column with a super-source (``frontier.can_reach``).
    ``rounds`` is kept for callers of the layered version it replaces: a search has no limit."""
    if not sources.size:
        return sources.copy()
    return can_reach(structure(A.T.tocsr()), sources)


class BestRoutes:
    """Fewest hops from an entry, ties broken by fewer retells (one Dijkstra over node x story).

    Three layers: 0, no human met yet; 1, a human heard the story; 2, the story is carried (a
    warm transfer left a human, and only messages, branches and other automatic moves came
    since). Entering a human costs a retell from layer 1 unless the move is a warm transfer, and
    from layer 2 unless it is warm or automatic: the story goes along until the next human."""

    def __init__(self, mv: Moves, entry: int, graph: Any = None) -> None:
        """``graph``: the state's ``route_graph(mv)``, made once for all its lines."""
        n = mv.n
        G2 = route_graph(mv) if graph is None else graph
        self.n, self.mv = n, mv
        self.start = entry + (n if mv.human[entry] else 0)
        self.dist, self.pred = dijkstra(G2, self.start)
        by_layer = self.dist.reshape(3, n)
        self._near, self._layer = by_layer.min(axis=0), by_layer.argmin(axis=0)  # what every intent reads

    def to(self, targets: np.ndarray) -> tuple[int, int, list[int]] | None:
        """(hops, retells, route as node indexes) to the nearest of ``targets`` (bool mask), or None."""
        n = self.n
        d = np.where(targets, self._near, np.inf)
        best = int(np.argmin(d))
        if not np.isfinite(d[best]):
            return None
        node = best + int(self._layer[best]) * n
        total = self.dist[node]
        route = [node % n]
        while node != self.start:
            node = self.pred[node]
            route.append(node % n)
        hops = int(round(total // _M))
        route = route[::-1]
        if len(route) - 1 < hops:  # a loop's `done` came after its rounds: show them
            route = self._with_rounds(route)
        return hops, int(round(total - hops * _M)), route

    def _with_rounds(self, route: list[int]) -> list[int]:
        """``route`` with each loop's rounds (its shortest round, `loop` times) before its `done`."""
        mv, st = self.mv, self.mv.static
        done = {(int(st.src[e]), int(st.dst[e])) for e in mv.edge[st.done[mv.edge]]}
        out = [route[0]]
        for u, v in zip(route, route[1:], strict=False):
            if (u, v) in done and u in mv.round_path:
                out += mv.round_path[u] * int(st.loop[u])
            out.append(v)
        return out


def route_graph(mv: Moves) -> Any:
    """The graph of BestRoutes' Dijkstra at one state (3n x 3n: node x story layer), the same
    for every entry: cheapest of parallel moves, a retell costing 1 and a hop ``_M``."""
    st, n = mv.static, mv.n
    e = mv.edge
    u, v, warm = st.src[e], st.dst[e], st.warm[e]
    carry = warm | (st.role[e] == Role.AUTO) | (st.role[e] == Role.SYSTEM)
    hv = mv.human[v]
    layers = [  # per source layer: (target layer, retell) per edge
        (np.where(hv, 1, 0), np.zeros(len(e))),
        (np.where(hv, 1, np.where(warm, 2, 1)), (hv & ~warm).astype(float)),
        (np.where(hv, 1, np.where(carry, 2, 1)), (hv & ~carry).astype(float)),
    ]
    su = np.concatenate([u + k * n for k in range(3)])
    sv = np.concatenate([v + t * n for t, _ in layers])
    # a loop's `done` comes after its rounds: each costs the hops of the loop's shortest round
    hops = 1.0 + np.where(st.done[e], st.loop[u] * mv.round_hops[u], 0)
    cost = np.tile(_M * hops, 3) + np.concatenate([r for _, r in layers])
    pick = _cheapest(su * (3 * n) + sv, cost, np.tile(_parallel(mv), 3))
    return csr(cost[pick], su[pick], sv[pick], (3 * n, 3 * n), st.small)


def _parallel(mv: Moves) -> np.ndarray:
    """Per move: whether another move has its source and target."""
    st = mv.static
    sel = np.zeros(len(st.src), dtype=bool)
    sel[mv.edge] = True
    order = st.edge_order()
    es = order[sel[order]]  # the moves by (source, target): parallel ones are neighbours
    same = (st.src[es[1:]] == st.src[es[:-1]]) & (st.dst[es[1:]] == st.dst[es[:-1]])
    twin = np.zeros(len(st.src), dtype=bool)
    twin[es[1:][same]] = twin[es[:-1][same]] = True
    return twin[mv.edge]


def _cheapest(key: np.ndarray, cost: np.ndarray, parallel: np.ndarray) -> np.ndarray:
    """One index per distinct ``key``, of its least ``cost``: only ``parallel`` entries share a
    key, so only they are sorted (as a lexsort of all by key and cost would pick)."""
    idx = np.flatnonzero(parallel)
    order = idx[np.lexsort((cost[idx], key[idx]))]
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[order[1:]] != key[order[:-1]]
    return np.concatenate([np.flatnonzero(~parallel), order[first]])


def guaranteed_hops(mv: Moves, S: Any = None, T: Any = None) -> np.ndarray:
    """Per node and intent: hops within which the caller forces resolution when agents choose
    the worst transfers and the system the worst outcomes (-1 = they can keep the caller from
    it forever). Retrograde analysis as a worklist (``frontier.attractor``), all intents at
    once. A loop is won through its body at once, or through `done` after its rounds (each its
    shortest round): `done` is a delayed edge of the worklist. ``S``: the moves' distinct edges
    (``frontier.structure``), when the caller has them and the maze holds no loop; ``T``: S reversed."""
    st = mv.static
    e = mv.edge
    done = e[st.done[e]]
    if len(done):  # a loop's `done` waits for its rounds: not an edge of S
        S = structure(mv.matrix(edges=e[~st.done[e]]))
        u = st.src[done]
        delayed = (u, st.dst[done], st.loop[u] * mv.round_hops[u])
    else:
        delayed = None
        if S is None:
            S, T = structure(mv.matrix()), None
    return attractor(S, mv.resolves, mv.agent_node, delayed, T if delayed is None else None)


class Absorption:
    """For every node and intent at one state: the random caller's chance of resolution, and
    the expected hops to the end of the call (NaN where it can circle forever).

    Nodes with one way on that resolve nothing (a message, a closed team's redirect, a single
    transfer) are skipped over first (``chains``): often half of a maze. The rest is a linear
    system per intent on the nodes that matter (those that can still resolve, or end), all
    intents solved together (``solve.solve_many``)."""

    def __init__(self, mv: Moves, P: Any, solve: bool = True, S: Any = None, T: Any = None) -> None:
        """``solve=False``: only ``can_end`` (what traps need); the chances are left unknown (NaN),
        and P is not read when S is given. ``S``: P's distinct edges (``frontier.structure``),
        when the caller has them; ``T``: S reversed."""
        res = mv.resolves
        absorbing = res | mv.terminal[:, None]
        S = structure(P) if S is None else S
        n, k = res.shape
        # who can reach an end or a resolution
        self.can_end = can_end(S, res, mv.terminal, T)
        if not solve:
            self.probability = self.expected = np.full(res.shape, np.nan)
            return
        import scipy.sparse as sp  # scipy: the chances are solved with it, whatever the maze's size

        rep, dist = chains(mv, P)
        kept = rep == np.arange(n)
        coo = P.tocoo()
        col = rep[coo.col]
        ok = col >= 0
        Pr = sp.csr_matrix((coo.data[ok], (coo.row[ok], col[ok])), shape=(n, n))
        steps = 1.0 + P @ np.where(rep >= 0, dist, 0).astype(float)  # hops of a move, chain included
        can_resolve = can_reach(S, res)
        free = kept[:, None] & can_resolve & ~absorbing
        self.probability = res.astype(float) + solve_many(Pr, free, np.asarray(Pr @ res.astype(float)))
        free = kept[:, None] & self.can_end & ~absorbing
        self.expected = solve_many(Pr, free, np.repeat(steps[:, None], k, axis=1))
        # the skipped nodes take their chain end's values
        skipped = ~kept
        through = skipped & (rep >= 0)
        self.probability[skipped] = 0.0
        self.probability[through] = self.probability[rep[through]]
        self.expected[through] = self.expected[rep[through]] + dist[through][:, None]
        self.expected[skipped & (rep < 0)] = np.nan
        self.expected[~self.can_end] = np.nan


def chains(mv: Moves, P: Any) -> tuple[np.ndarray, np.ndarray]:
    """(rep, dist): for a node with exactly one way on that resolves nothing, the first node
    along its chain that is not such a node and the hops to it; other nodes map to themselves
    at 0. ``rep`` is -1 on a chain that loops forever. Pointer jumping, O(n log n)."""
    n = mv.n
    deg = np.diff(P.indptr)  # distinct successors (the matrix sums parallel moves)
    skip = (deg == 1) & ~mv.resolves.any(axis=1) & ~mv.terminal
    ptr = np.arange(n)
    ptr[skip] = P.indices[P.indptr[:-1][skip]]
    dist = skip.astype(np.int64)
    for _ in range(64):
        nxt = ptr[ptr]
        dist = np.minimum(dist + dist[ptr], n + 1)
        if np.array_equal(nxt, ptr):
            break
        ptr = nxt
    ptr = np.where(skip[ptr], -1, ptr)  # still on a skippable node: a loop of them
    return ptr, dist


class Walk:
    """The random caller for one intent from one entry: where it can be, and its trap."""

    def __init__(self, mv: Moves, entry: int, col: int, P: Any, ab: Absorption,
                 reach_any: np.ndarray | None = None, every: Any = None) -> None:
        """``reach_any``: where any call from ``entry`` can be (stopping nowhere, error routes
        too); when every such node can still end, there is no trap and the exact reach is not
        needed. ``every``: the moves and the error routes (on_error) together, when there are
        error routes: a way into a trap, never out of one."""
        circles = False
        if reach_any is not None and not (reach_any & ~ab.can_end[:, col]).any():
            self.reach, self.trap = reach_any, np.zeros(mv.n, dtype=bool)
        else:
            res = mv.resolves[:, col]
            self.reach = reach_stopping(P, entry, res | mv.terminal)  # where a call with this intent can be
            self.trap = self.reach & ~ab.can_end[:, col]
            circles = bool(self.trap.any())  # the random call (no errors) can circle forever
            if every is not None:  # a terminal node has no move: only its error routes go on
                self.reach = reach_stopping(every, entry, res)
                self.trap = self.reach & ~ab.can_end[:, col]
        self.entry = entry
        p = ab.probability[entry, col]
        self.probability = None if np.isnan(p) else float(min(1.0, max(0.0, p)))
        e = ab.expected[entry, col]
        self.expected = None if circles or np.isnan(e) else float(e)

    def entering_edges(self, mv: Moves) -> np.ndarray:
        """Move edges by which callers fall into the trap (from a reachable node outside it)."""
        st = mv.static
        e = np.concatenate([mv.edge, mv.error_edge])
        if not self.trap.any():
            return e[:0]
        return e[self.reach[st.src[e]] & ~self.trap[st.src[e]] & self.trap[st.dst[e]]]


def transition_matrix(mv: Moves) -> Any:
    """Row-stochastic random caller: options equally likely per key, transfers per entry."""
    st, n = mv.static, mv.n
    e = mv.edge
    u = st.src[e]
    counts = np.bincount(u, minlength=n).astype(float)
    w = 1.0 / counts[u]
    # a loop of N rounds: `again` N/(N+1), `done` 1/(N+1), so the random call makes N rounds on average
    rounds = st.loop[u].astype(float)
    w = np.where(st.again[e], rounds / (rounds + 1), np.where(st.done[e], 1 / (rounds + 1), w))
    return csr(w, u, st.dst[e], (n, n), st.small)


__all__ = ["Absorption", "BestRoutes", "Walk", "guaranteed_hops", "reachable", "reachable_many", "route_graph",
           "transition_matrix"]
