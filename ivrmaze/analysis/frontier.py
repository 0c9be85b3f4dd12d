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

from .graphs import Csr, like, reached


def structure(A: Any) -> Any:
    """A's distinct edges (parallel moves summed into one), weight 1, indices sorted. ``A``: a
    scipy CSR matrix or a ``graphs.Csr`` (canonical already), answered in kind."""
    if isinstance(A, Csr):
        return Csr(np.ones(A.nnz, dtype=np.int8), A.indices, A.indptr, A.shape)
    S = like(A, np.ones(A.nnz, dtype=np.int8), A.indices, A.indptr, A.shape)
    S.sum_duplicates()
    S.data[:] = 1
    return S


def _gather(indptr: np.ndarray, indices: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position in ``rows``, column) of every entry of the given CSR rows, in order."""
    starts = indptr[rows]
    lens = indptr[rows + 1] - starts
    total = int(lens.sum())
    which = np.repeat(np.arange(len(rows)), lens)
    offs = np.arange(total) - np.repeat(np.cumsum(lens) - lens, lens) + np.repeat(starts, lens)
    return which, indices[offs]


def attractor(S: Any, won: np.ndarray, agent: np.ndarray | None = None) -> np.ndarray:
    """Per node and column: the layer at which the node is won (0 where ``won``, -1 never).
    ``S``: distinct successors (``structure``). A node is won once one of its successors is, or,
    at an ``agent`` node, once all of them are (agents pick the worst move)."""
    n, k = won.shape
    value = np.where(won, 0, -1).astype(np.int64)
    if not won.size:
        return value
    T = S.T.tocsr()  # predecessors
    outdeg = np.diff(S.indptr)
    agent = np.zeros(n, dtype=bool) if agent is None else agent & (outdeg > 1)  # one successor: as any
    row = np.full(n, -1, dtype=np.int64)  # agent node -> its row of won-successor counts
    row[agent] = np.arange(int(agent.sum()))
    count = np.zeros((int(agent.sum()), k), dtype=np.int32)
    W = won.copy()
    v, c = np.nonzero(won)
    layer = 0
    while len(v):
        layer += 1
        which, u = _gather(T.indptr, T.indices, v)
        cu = c[which]
        open_ = ~W[u, cu]
        # a pair appears once per successor won in the layer before (S's successors are distinct)
        flat, hits = np.unique(u[open_] * k + cu[open_], return_counts=True)
        u, cu = flat // k, flat % k
        gets = ~agent[u]
        a = np.flatnonzero(~gets)
        if len(a):
            r, ca = row[u[a]], cu[a]
            count[r, ca] += hits[a].astype(np.int32)
            gets[a] = count[r, ca] >= outdeg[u[a]]
        v, c = u[gets], cu[gets]
        W[v, c] = True
        value[v, c] = layer
    return value


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


def reach_stopping(A: Any, start: int, stop: np.ndarray) -> np.ndarray:
    """Bool mask of the nodes a call from ``start`` can be at along A's edges, going on from no
    ``stop`` node (it can be at one, not leave it)."""
    lens = np.diff(A.indptr)
    keep = np.repeat(~stop, lens)
    kept = np.where(stop, 0, lens)
    indptr = np.concatenate([[0], np.cumsum(kept)])
    return reached(like(A, np.ones(int(indptr[-1]), dtype=np.int8), A.indices[keep], indptr, A.shape), [start])
