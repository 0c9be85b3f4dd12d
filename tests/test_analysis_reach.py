"""reachable_many agrees with one breadth-first search per column, also past its layer limit."""
import numpy as np
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st

from ivrmaze.analysis.metrics import reachable, reachable_many


@given(st.integers(2, 40), st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)), max_size=80),
       st.lists(st.lists(st.integers(0, 39), max_size=3), min_size=1, max_size=4), st.integers(1, 5))
def test_many_columns_match_one_search_each(n, edges, sources, rounds):
    edges = [(u % n, v % n) for u, v in edges]
    A = sp.csr_matrix((np.ones(len(edges)), ([u for u, _ in edges], [v for _, v in edges])), shape=(n, n))
    S = np.zeros((n, len(sources)), dtype=bool)
    for c, nodes in enumerate(sources):
        S[[x % n for x in nodes], c] = True
    got = reachable_many(A, S, rounds=rounds)  # few rounds: long chains go to the fallback
    for c in range(len(sources)):
        assert np.array_equal(got[:, c], reachable(A, np.flatnonzero(S[:, c])))
