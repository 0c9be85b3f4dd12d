"""Sparse graphs for the analysis: scipy's for big mazes, numpy's own for small ones.

Importing scipy's sparse graphs takes about 0.3 s, several times what a small maze's whole
check needs, so a small maze (``Static.small``) gets ``Csr``, a CSR made of numpy arrays, and
the few searches the analysis runs on it are done here in Python, giving what scipy gives:
the same reached nodes, the same components and the same shortest routes, ties included
(``dijkstra`` pops equal distances highest node first, as scipy's priority queue does;
tests/test_analysis_small.py compares both on random graphs and mazes). Every function takes
either kind of matrix and answers in kind.
"""
from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    pass

#: Nodes up to which a maze is analysed without scipy (a small maze, checked on every save).
SMALL = 2000


class Csr:
    """A canonical CSR matrix (indices sorted in each row, no duplicates) of numpy arrays, with
    the attributes of scipy's that the analysis reads."""

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int]) -> None:
        self.data, self.indices, self.indptr, self.shape = data, indices, indptr, shape

    @property
    def nnz(self) -> int:
        return len(self.indices)

    @property
    def T(self) -> Csr:
        rows = np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))
        return from_coo(self.data, self.indices, rows, (self.shape[1], self.shape[0]))

    def tocsr(self) -> Csr:
        return self


def from_coo(data: np.ndarray, rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> Csr:
    """A Csr of the entries (rows, cols, data), parallel entries summed, as scipy builds one."""
    order = np.lexsort((cols, rows))
    r, c, d = rows[order], cols[order], np.asarray(data)[order]
    first = np.ones(len(r), dtype=bool)
    first[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
    starts = np.flatnonzero(first)
    summed = np.add.reduceat(d, starts) if len(d) else d
    indptr = np.zeros(shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(r[starts], minlength=shape[0]), out=indptr[1:])
    return Csr(summed, c[starts].astype(np.int64), indptr, shape)


def csr(data: np.ndarray, rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int], small: bool) -> Any:
    """The matrix of entries (rows, cols, data): a Csr when ``small``, else scipy's."""
    if small:
        return from_coo(data, rows, cols, shape)
    import scipy.sparse as sp  # scipy: only for big mazes, see the module's docstring

    return sp.csr_matrix((data, (rows, cols)), shape=shape)


def like(A: Any, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int]) -> Any:
    """A matrix of A's kind from canonical CSR arrays (for scipy: weights as float64 and indexes
    as int32, what its searches take, so that they do not copy the matrix every time)."""
    return matrix(isinstance(A, Csr), data, indices, indptr, shape)


def matrix(small: bool, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int]) -> Any:
    """A Csr when ``small``, else scipy's, from canonical CSR arrays (as ``like``)."""
    if small:
        return Csr(data, indices, indptr, shape)
    import scipy.sparse as sp  # scipy: only for big mazes

    fits = max(shape) < 2**31 - 1 and len(indices) < 2**31 - 1
    kind = np.int32 if fits else np.int64
    return sp.csr_matrix((data.astype(np.float64, copy=False), indices.astype(kind, copy=False),
                          indptr.astype(kind, copy=False)), shape=shape)


def _successors(A: Csr) -> list[list[int]]:
    ind, ptr = A.indices.tolist(), A.indptr.tolist()
    return [ind[ptr[u]:ptr[u + 1]] for u in range(A.shape[0])]


def distinct(a: Any) -> np.ndarray:
    """``np.unique(a)`` (sorted, each value once) by a sort. numpy's own looks whether ``a`` is a
    masked array, which imports ``numpy.ma`` on first use: 11 ms, a good part of a small check."""
    a = np.sort(np.asarray(a))
    keep = np.ones(len(a), dtype=bool)
    keep[1:] = a[1:] != a[:-1]
    return a[keep]


def reached(A: Any, starts: list[int] | np.ndarray) -> np.ndarray:
    """Bool mask of the nodes reachable from any of ``starts`` along A's edges."""
    n = A.shape[0]
    out = np.zeros(n, dtype=bool)
    if not len(starts):
        return out
    if not isinstance(A, Csr):
        from scipy.sparse import csgraph  # scipy: only for big mazes

        first = distinct(np.asarray(starts, dtype=np.int64))
        if len(first) > 1:  # one search from a super-source whose edges go to the starts
            k = len(first)
            A = like(A, np.ones(A.nnz + k, dtype=np.int8), np.concatenate([A.indices, first]),
                     np.concatenate([A.indptr, [A.nnz + k]]), (n + 1, n + 1))
            first = np.array([n])
        found = np.zeros(A.shape[0], dtype=bool)
        found[csgraph.breadth_first_order(A, int(first[0]), directed=True, return_predecessors=False)] = True
        out[:] = found[:n]
        out[first[first < n]] = True
        return out
    starts = [int(s) for s in starts]
    succ = _successors(A)
    seen = [False] * n
    todo = list(starts)
    for s in starts:
        seen[s] = True
    while todo:
        for v in succ[todo.pop()]:
            if not seen[v]:
                seen[v] = True
                todo.append(v)
    return np.array(seen, dtype=bool)


def dijkstra(A: Any, start: int) -> tuple[np.ndarray, np.ndarray]:
    """(distance, predecessor) from ``start`` along A's weighted edges (predecessor -9999 where
    none), as ``scipy.sparse.csgraph.dijkstra`` gives them, ties broken alike."""
    if not isinstance(A, Csr):
        from scipy.sparse import csgraph  # scipy: only for big mazes

        dist, pred = csgraph.dijkstra(A, directed=True, indices=start, return_predecessors=True)
        return dist, pred
    n = A.shape[0]
    ind, ptr, w = A.indices.tolist(), A.indptr.tolist(), A.data.tolist()
    dist = [float("inf")] * n
    pred = [-9999] * n
    done = [False] * n
    dist[start] = 0.0
    heap = [(0.0, -start)]
    while heap:
        d, neg = heapq.heappop(heap)
        u = -neg
        if done[u]:
            continue
        done[u] = True
        for j in range(ptr[u], ptr[u + 1]):
            v = ind[j]
            nd = d + w[j]
            if not done[v] and nd < dist[v]:
                dist[v], pred[v] = nd, u
                heapq.heappush(heap, (nd, -v))
    return np.array(dist), np.array(pred, dtype=np.int32)


def unit_routes(A: Any, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distance, predecessor), one row per start, along A's edges counted one hop each, as
    ``scipy.sparse.csgraph.dijkstra(..., unweighted=True)`` gives them, ties broken alike."""
    if not isinstance(A, Csr):
        from scipy.sparse import csgraph  # scipy: only for big mazes

        d, p = csgraph.dijkstra(A, directed=True, indices=starts, unweighted=True, return_predecessors=True)
        return d.reshape(len(starts), A.shape[0]), p.reshape(len(starts), A.shape[0])
    unit = Csr(np.ones(A.nnz), A.indices, A.indptr, A.shape)
    rows = [dijkstra(unit, int(s)) for s in starts]
    n = A.shape[0]
    return (np.array([d for d, _ in rows]).reshape(len(rows), n),
            np.array([p for _, p in rows], dtype=np.int32).reshape(len(rows), n))


def strong_components(A: Any) -> tuple[int, np.ndarray]:
    """(count, label per node) of A's strongly connected components. Labels name components
    (what the analysis compares), their numbers may differ between the two kinds of matrix."""
    if not isinstance(A, Csr):
        from scipy.sparse import csgraph  # scipy: only for big mazes

        n, labels = csgraph.connected_components(A, directed=True, connection="strong")
        return int(n), labels
    return _tarjan(_successors(A))


def _tarjan(succ: list[list[int]]) -> tuple[int, np.ndarray]:
    """Tarjan's strongly connected components, iteratively."""
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    label = [-1] * n
    on: list[int] = []
    count = counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            u, i = work.pop()
            if i == 0:
                index[u] = low[u] = counter
                counter += 1
                on.append(u)
            if i < len(succ[u]):
                work.append((u, i + 1))
                v = succ[u][i]
                if index[v] < 0:
                    work.append((v, 0))
                elif label[v] < 0:
                    low[u] = min(low[u], index[v])
                continue
            if low[u] == index[u]:
                while True:
                    v = on.pop()
                    label[v] = count
                    if v == u:
                        break
                count += 1
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[u])
    return count, np.array(label, dtype=np.int32)


__all__ = ["SMALL", "Csr", "csr", "like", "matrix", "from_coo", "distinct", "reached", "dijkstra", "unit_routes",
           "strong_components"]
