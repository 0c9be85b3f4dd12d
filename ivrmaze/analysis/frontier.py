"""Linear-time graph searches on CSR arrays, all intents at once.

``attractor`` is the retrograde game of guaranteed hops (and, with no agent nodes, backward
reachability) as a worklist: each layer looks only at the predecessors of the pairs (node,
intent) won in the layer before, so the whole computation touches every edge once per intent,
not once per layer. ``reach_stopping`` is one breadth-first search that does not go on from
the nodes where the call stops.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .graphs import Csr, distinct, like, reached


def structure(A: Any) -> Any:
    """A's distinct edges (parallel moves summed into one), weight 1, indices sorted. ``A``: a
    scipy CSR matrix or a ``graphs.Csr`` (canonical already), answered in kind."""
    if isinstance(A, Csr):
        return Csr(np.ones(A.nnz, dtype=np.int8), A.indices, A.indptr, A.shape)
    S = like(A, np.ones(A.nnz, dtype=np.int8), A.indices, A.indptr, A.shape)
    S.sum_duplicates()
    S.data[:] = 1
    return S


def gather(indptr: np.ndarray, indices: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position in ``rows``, column) of every entry of the given CSR rows, in order."""
    starts = indptr[rows]
    lens = indptr[rows + 1] - starts
    total = int(lens.sum())
    which = np.repeat(np.arange(len(rows)), lens)
    offs = np.arange(total) + (starts - (np.cumsum(lens) - lens))[which]
    return which, indices[offs]


def attractor(S: Any, won: np.ndarray, agent: np.ndarray | None = None, delayed: Any = None,
              T: Any = None) -> np.ndarray:
    """Per node and column: the layer at which the node is won (0 where ``won``, -1 never).
    ``S``: distinct successors (``structure``). A node is won once one of its successors is, or,
    at an ``agent`` node, once all of them are (agents pick the worst move). ``delayed``: edges
    that are not in S, as arrays (src, dst, wait): a source is won ``1 + wait`` layers after the
    edge's target (a loop's `done`, after its rounds); a source is no agent node. ``T``: S
    reversed, when the caller has it."""
    n, k = won.shape
    value = np.where(won, np.int32(0), np.int32(-1))  # int32 at once: nodes x intents is big
    if not won.size:
        return value
    T = S.T.tocsr() if T is None else T  # predecessors
    outdeg = np.diff(S.indptr)
    agent = np.zeros(n, dtype=bool) if agent is None else agent & (outdeg > 1)  # one successor: as any
    row = np.full(n, -1, dtype=np.int64)  # agent node -> its row of won-successor counts
    row[agent] = np.arange(int(agent.sum()))
    count = np.zeros((int(agent.sum()), k), dtype=np.int32)
    later = _Later(n, k, delayed)
    W = won.copy()
    Wf, vf = W.reshape(-1), value.reshape(-1)  # flat views: pair (node, column) = node * k + column
    v, c = np.nonzero(won)
    later.add(v, c, 0)
    layer = 0
    while len(v) or later.due:
        layer = layer + 1 if len(v) else min(later.due)  # nothing won meanwhile: on to the next due
        which, u = gather(T.indptr, T.indices, v)
        pair = u * k + c[which]
        open_ = ~Wf[pair]
        u, pair = u[open_], pair[open_]
        # a pair appears once per successor won in the layer before (S's successors are distinct):
        # only an agent node's count needs them all, any other is won at its first
        ag = agent[u]
        flat = distinct(pair[~ag])
        if ag.any():
            ap, hits = np.unique(pair[ag], return_counts=True)
            au = ap // k
            r, ca = row[au], ap - au * k
            count[r, ca] += hits.astype(np.int32)
            flat = distinct(np.concatenate([flat, ap[count[r, ca] >= outdeg[au]]]))
        flat = later.take(layer, flat, W)
        v = flat // k
        c = flat - v * k
        Wf[flat] = True
        vf[flat] = layer
        later.add(v, c, layer)
    return value


class _Later:
    """The pairs (node, column) that delayed edges win at a later layer: flat keys by layer."""

    def __init__(self, n: int, k: int, delayed: Any) -> None:
        self.k = k
        self.due: dict[int, list[np.ndarray]] = {}
        src, dst, wait = delayed if delayed is not None else (np.zeros(0, np.int64),) * 3
        order = np.argsort(dst, kind="stable")
        self.src, self.wait = src[order], wait[order]
        self.ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(dst, minlength=n), out=self.ptr[1:])
        self.ids = np.arange(len(order))

    def add(self, v: np.ndarray, c: np.ndarray, layer: int) -> None:
        """Pairs won at ``layer``: the sources of the delayed edges into them are due later."""
        if not len(self.src):
            return
        which, d = gather(self.ptr, self.ids, v)
        keys, at = self.src[d] * self.k + c[which], layer + 1 + self.wait[d]
        for t in distinct(at).tolist():
            self.due.setdefault(t, []).append(keys[at == t])

    def take(self, layer: int, flat: np.ndarray, W: np.ndarray) -> np.ndarray:
        """``flat`` (pairs won now through S) with the pairs due now that are not won yet."""
        due = self.due.pop(layer, None)
        if due is None:
            return flat
        more = np.concatenate(due)
        more = more[~W[more // self.k, more % self.k]]
        return distinct(np.concatenate([flat, more]))


def can_reach(S: Any, targets: np.ndarray) -> np.ndarray:
    """Per column of ``targets`` (n x k): the nodes from which one of its targets can be reached
    along S's edges. One breadth-first search per column at C speed, from a super-source whose
    edges go to the column's targets, on the reversed edges."""
    n, k = targets.shape
    out = targets.copy()
    if not targets.size:
        return out
    T = S.T.tocsr()
    indptr = np.concatenate([T.indptr, [0]])
    for c in range(k):
        tg = np.flatnonzero(targets[:, c])
        if not len(tg):
            continue
        indptr[-1] = T.indptr[-1] + len(tg)
        B = like(S, np.ones(int(indptr[-1]), dtype=np.int8), np.concatenate([T.indices, tg]), indptr.copy(),
                 (n + 1, n + 1))
        out[:, c] |= reached(B, [n])[:n]
    return out


def can_end(S: Any, won: np.ndarray, terminal: np.ndarray, T: Any = None) -> np.ndarray:
    """``can_reach(S, won | terminal[:, None])`` from one search for the nodes that can reach a
    ``terminal`` node and, per column, a search among the others only: a node that reaches one
    that can reach a terminal node can too, so the others reach only each other (in most mazes
    a handful: the per-column searches cost next to nothing). ``T``: S reversed, when the caller
    has it."""
    n, k = won.shape
    T = S.T.tocsr() if T is None else T
    ends = reached(T, np.flatnonzero(terminal))
    out = np.repeat(ends[:, None], k, axis=1)
    rest = np.flatnonzero(~ends)
    if len(rest) and k:
        out[rest] = can_reach(induced(S, rest), won[rest])
    return out


def induced(S: Any, nodes: np.ndarray) -> Any:
    """The subgraph of S on ``nodes`` (sorted indexes), renumbered 0.. in their order, in kind."""
    inside = np.full(S.shape[0], -1, dtype=np.int64)
    inside[nodes] = np.arange(len(nodes))
    which, cols = gather(np.asarray(S.indptr, dtype=np.int64), S.indices, nodes)
    keep = inside[cols] >= 0
    m = len(nodes)
    indptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.bincount(which[keep], minlength=m), out=indptr[1:])
    return like(S, np.ones(int(keep.sum()), dtype=np.int8), inside[cols[keep]], indptr, (m, m))


def reach_stopping(A: Any, start: int, stop: np.ndarray) -> np.ndarray:
    """Bool mask of the nodes a call from ``start`` can be at along A's edges, going on from no
    ``stop`` node (it can be at one, not leave it)."""
    lens = np.diff(A.indptr)
    keep = np.repeat(~stop, lens)
    kept = np.where(stop, 0, lens)
    indptr = np.concatenate([[0], np.cumsum(kept)])
    return reached(like(A, np.ones(int(indptr[-1]), dtype=np.int8), A.indices[keep], indptr, A.shape), [start])
