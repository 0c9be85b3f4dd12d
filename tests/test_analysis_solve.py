"""solve_many (batched BiCGSTAB, one system per column) agrees with an exact solve per column."""
import numpy as np
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st
from scipy.sparse.linalg import spsolve

from ivrmaze.analysis.solve import solve_many


def exact(P, free, b):
    """x = b + F P F x on the free rows, 0 elsewhere, by a direct solve."""
    x = np.zeros(len(b))
    idx = np.flatnonzero(free)
    if len(idx):
        M = sp.identity(len(idx), format="csc") - P[idx][:, idx].tocsc()
        x[idx] = np.atleast_1d(spsolve(M, b[idx]))
    return x


@given(st.integers(2, 30), st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), min_size=1, max_size=90),
       st.integers(1, 4), st.randoms(use_true_random=False))
def test_batched_columns_match_a_direct_solve_each(n, edges, k, rnd):
    edges = [(u % n, v % n) for u, v in edges]
    rows = np.array([u for u, _ in edges])
    out = np.bincount(rows, minlength=n).astype(float)
    # a random caller's chain: each move equally likely, and some chance to leave at every node
    # that has moves, so every system restricted to a free set has a unique solution
    keep = np.array([0.5 + 0.5 * rnd.random() for _ in range(n)])
    w = keep[rows] / out[rows]
    P = sp.csr_matrix((w, (rows, [v for _, v in edges])), shape=(n, n))
    free = np.array([[rnd.random() < 0.8 for _ in range(k)] for _ in range(n)])
    B = np.array([[rnd.random() * 3 for _ in range(k)] for _ in range(n)])
    got = solve_many(P, free, B)
    for c in range(k):
        want = exact(P, free[:, c], B[:, c])
        assert np.allclose(got[:, c], want, rtol=1e-8, atol=1e-8)
        assert np.all(got[~free[:, c], c] == 0)
