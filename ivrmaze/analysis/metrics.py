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
    # a virtual source linked to every source
    rows = np.full(len(sources), n)
    link = sp.csr_matrix((np.ones(len(sources)), (rows, sources)), shape=(n + 1, n + 1))
    big = sp.bmat([[A, None], [None, sp.csr_matrix((1, 1))]], format="csr") + link
    order = csgraph.breadth_first_order(big, n, directed=True, return_predecessors=False)
    out[order[order < n]] = True
    return out


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


class Walk:
    """The random caller for one intent from one entry: reach, traps, probability, expected hops."""

    def __init__(self, mv: Moves, entry: int, col: int, P: sp.csr_matrix, R_rows: np.ndarray | None = None):
        n = mv.n
        res = mv.resolves[:, col]
        absorbing = res | mv.terminal
        A = without_rows(P, absorbing)
        A.eliminate_zeros()
        self.reach = reachable(A, [entry])  # where a call with this intent can be
        can_end = reachable(P.T.tocsr(), np.flatnonzero(absorbing))  # who can reach an end or resolution
        self.trap = self.reach & ~can_end
        self.entry = entry
        if res[entry]:
            self.probability, self.expected = 1.0, 0.0
            return
        can_resolve = reachable(P.T.tocsr(), np.flatnonzero(res))
        T = np.flatnonzero(self.reach & can_resolve & ~absorbing)
        if entry not in set(T.tolist()):
            self.probability = 0.0
        else:
            self.probability = float(min(1.0, max(0.0, _solve(A, T, res.astype(float), entry))))
        if self.trap.any():
            self.expected = None
        else:
            T2 = np.flatnonzero(self.reach & ~absorbing)
            self.expected = float(_solve(A, T2, None, entry))

    def entering_edges(self, mv: Moves):
        """Move edges by which callers fall into the trap (from a reachable node outside it)."""
        st = mv.static
        e = mv.edge
        sel = e[self.reach[st.src[e]] & ~self.trap[st.src[e]] & self.trap[st.dst[e]]]
        return sel


def _solve(A: sp.csr_matrix, T: np.ndarray, reward, entry: int) -> float:
    """x = A x + b on the transient set T; ``reward`` None means b = 1 (expected hops), else
    b = A @ reward restricted to T (absorption probability)."""
    if len(T) == 0:
        return 0.0
    sub = A[T][:, T]
    if reward is None:
        b = np.ones(len(T))
    else:
        b = np.asarray(A[T] @ reward).ravel()
    M = sp.identity(len(T), format="csc") - sub.tocsc()
    x = spsolve(M, b) if len(T) > 1 else np.array([b[0] / M.toarray()[0, 0]])
    pos = int(np.searchsorted(T, entry))
    return float(np.atleast_1d(x)[pos])


def transition_matrix(mv: Moves) -> sp.csr_matrix:
    """Row-stochastic random caller: options equally likely per key, transfers per entry."""
    st, n = mv.static, mv.n
    e = mv.edge
    u = st.src[e]
    counts = np.bincount(u, minlength=n).astype(float)
    w = 1.0 / counts[u]
    return sp.csr_matrix((w, (u, st.dst[e])), shape=(n, n))


__all__ = ["BestRoutes", "Walk", "guaranteed_hops", "reachable", "transition_matrix", "CALLER", "AGENT"]
