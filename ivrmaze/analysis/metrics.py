"""The five metrics and the trap sets, as pure functions over one state's ``Moves``.

All of them run on scipy.sparse / csgraph arrays; see docs/analysis.md for the contract.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.sparse.linalg import spsolve

from .moves import AGENT, CALLER, Moves

_M = float(1 << 20)  # cost of one hop in the (hops, retells) Dijkstra; retells stay below it


def reachable(A: sp.csr_matrix, sources) -> np.ndarray:
    """Bool mask of nodes reachable from any of ``sources`` (indexes) along A's edges."""
    n = A.shape[0]
    sources = np.asarray(sources, dtype=np.int64)
    out = np.zeros(n, dtype=bool)
    if len(sources) == 0:
        return out
    if len(sources) == 1:
        out[csgraph.breadth_first_order(A, int(sources[0]), directed=True, return_predecessors=False)] = True
        return out
    # multi-source: the distance to the nearest source is finite exactly where reachable
    d = csgraph.dijkstra(A, directed=True, indices=sources, min_only=True, unweighted=True)
    return np.isfinite(d)


def without_rows(A: sp.csr_matrix, mask: np.ndarray) -> sp.csr_matrix:
    """A with the out-edges of ``mask`` nodes removed (the call stops there)."""
    return sp.diags((~mask).astype(float)) @ A


class BestRoutes:
    """Fewest hops from an entry, ties broken by fewer retells (one Dijkstra over node x met-a-human)."""

    def __init__(self, mv: Moves, entry: int):
        st, n = mv.static, mv.n
        e = mv.edge
        u, v, warm = st.src[e], st.dst[e], st.warm[e]
        hv = mv.human[v]
        # layer 0: no human met yet; layer 1: met one. Entering a human from layer 1 costs a
        # retell unless the transfer is warm.
        nh = ~hv
        su = np.concatenate([u[nh], u[nh] + n, u[hv], u[hv] + n])
        sv = np.concatenate([v[nh], v[nh] + n, v[hv] + n, v[hv] + n])
        cost = np.concatenate([np.full(2 * nh.sum(), _M), np.full(hv.sum(), _M), _M + (~warm[hv]).astype(float)])
        order = np.lexsort((cost, su * (2 * n) + sv))
        key = (su * (2 * n) + sv)[order]
        first = np.ones(len(key), dtype=bool)
        first[1:] = key[1:] != key[:-1]
        pick = order[first]
        G2 = sp.csr_matrix((cost[pick], (su[pick], sv[pick])), shape=(2 * n, 2 * n))
        self.n = n
        self.start = entry + (n if mv.human[entry] else 0)
        self.dist, self.pred = csgraph.dijkstra(G2, directed=True, indices=self.start, return_predecessors=True)

    def to(self, targets: np.ndarray):
        """(hops, retells, route as node indexes) to the nearest of ``targets`` (bool mask), or None."""
        n = self.n
        d = np.minimum(self.dist[:n], self.dist[n:])
        d = np.where(targets, d, np.inf)
        best = int(np.argmin(d))
        if not np.isfinite(d[best]):
            return None
        node = best if self.dist[best] <= self.dist[best + n] else best + n
        total = self.dist[node]
        route = [node % n]
        while node != self.start:
            node = self.pred[node]
            route.append(node % n)
        hops = int(round(total // _M))
        return hops, int(round(total - hops * _M)), route[::-1]


def guaranteed_hops(mv: Moves) -> np.ndarray:
    """Per node and intent: hops within which the caller forces resolution when agents choose
    the worst transfers (-1 = they can keep the caller from it forever). Retrograde analysis,
    one layer at a time, all intents at once."""
    st, n = mv.static, mv.n
    e = mv.edge
    A = sp.csr_matrix((np.ones(len(e)), (st.src[e], st.dst[e])), shape=(n, n))
    A.data[:] = 1.0  # distinct successors
    outdeg = np.diff(A.indptr)
    agent = mv.agent_node
    W = mv.resolves.copy()
    value = np.where(W, 0, -1).astype(np.int64)
    k = 0
    while True:
        k += 1
        cnt = A @ W.astype(np.float32)
        new = np.where(agent[:, None], cnt == outdeg[:, None], cnt > 0) & ~W & (outdeg > 0)[:, None]
        if not new.any():
            return value
        value[new] = k
        W |= new


_TOL = 1e-12
_MAX_ROUNDS = 1000


class Absorption:
    """For every node and intent at one state, the random caller's chance of resolution and
    expected hops to the end of the call (NaN where it can circle forever). Value iteration for
    all intents at once (a sparse x dense product per round); a column that does not settle
    within _MAX_ROUNDS is solved exactly with SuperLU."""

    def __init__(self, mv: Moves, P: sp.csr_matrix):
        res = mv.resolves
        absorbing = res | mv.terminal[:, None]
        PT = P.T.tocsr()
        k = res.shape[1]
        # nodes from which the call can end or resolve, per intent
        self.can_end = np.zeros(res.shape, dtype=bool)
        for c in range(k):
            self.can_end[:, c] = reachable(PT, np.flatnonzero(absorbing[:, c]))
        self.probability = _iterate(P, np.where(res, 1.0, 0.0), ~absorbing, res, constant=0.0)
        free = self.can_end & ~absorbing
        self.expected = _iterate(P, np.zeros(res.shape), free, np.zeros(res.shape, dtype=bool), constant=1.0)
        self.expected[~self.can_end] = np.nan


def _iterate(P, X, free, fixed, constant):
    """Solve x = constant + P x on ``free`` nodes (others keep X), column by column exactly
    where value iteration is slow."""
    done = np.zeros(X.shape[1], dtype=bool)
    keep = ~free
    X = X.copy()
    for rounds in range(1, _MAX_ROUNDS + 1):
        Xn = P @ X
        if constant:
            Xn += constant
        np.copyto(Xn, X, where=keep)
        if rounds % 16 == 0 or rounds == _MAX_ROUNDS:  # the convergence test costs more than a round
            delta = np.abs(Xn - X).max(axis=0) if len(X) else np.zeros(X.shape[1])
            scale = np.maximum(1.0, np.abs(Xn).max(axis=0)) if len(X) else 1.0
            done = delta <= _TOL * scale
            X = Xn
            if done.all():
                return X
        else:
            X = Xn
    for c in np.flatnonzero(~done):
        T = np.flatnonzero(free[:, c])
        if len(T) == 0:
            continue
        sub = P[T][:, T].tocsc()
        b = constant + np.asarray(P[T] @ np.where(free[:, c], 0.0, X[:, c])).ravel()
        X[T, c] = np.atleast_1d(spsolve(sp.identity(len(T), format="csc") - sub, b))
    return X


class Walk:
    """The random caller for one intent from one entry: where it can be, and its trap."""

    def __init__(self, mv: Moves, entry: int, col: int, P: sp.csr_matrix, ab: Absorption):
        res = mv.resolves[:, col]
        absorbing = res | mv.terminal
        A = without_rows(P, absorbing)
        A.eliminate_zeros()
        self.reach = reachable(A, [entry])  # where a call with this intent can be
        self.trap = self.reach & ~ab.can_end[:, col]
        self.entry = entry
        self.probability = float(min(1.0, max(0.0, ab.probability[entry, col])))
        e = ab.expected[entry, col]
        self.expected = None if self.trap.any() or np.isnan(e) else float(e)

    def entering_edges(self, mv: Moves):
        """Move edges by which callers fall into the trap (from a reachable node outside it)."""
        st = mv.static
        e = mv.edge
        return e[self.reach[st.src[e]] & ~self.trap[st.src[e]] & self.trap[st.dst[e]]]


def transition_matrix(mv: Moves) -> sp.csr_matrix:
    """Row-stochastic random caller: options equally likely per key, transfers per entry."""
    st, n = mv.static, mv.n
    e = mv.edge
    u = st.src[e]
    counts = np.bincount(u, minlength=n).astype(float)
    w = 1.0 / counts[u]
    return sp.csr_matrix((w, (u, st.dst[e])), shape=(n, n))


__all__ = ["Absorption", "BestRoutes", "Walk", "guaranteed_hops", "reachable", "transition_matrix", "CALLER", "AGENT"]
