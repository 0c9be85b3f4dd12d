"""The worklist searches of analysis/frontier.py against straightforward versions (one full
layer of every node at a time, as the analysis did before), on random graphs."""
import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrmaze.analysis.frontier import attractor, can_reach, reach_stopping, structure


def layered(A, won, agent):
    """The retrograde game one layer at a time over every node: a node is won when one successor
    is (all of them at an agent node); its value is the layer."""
    n, k = won.shape
    succ = [sorted(set(A.indices[A.indptr[u]:A.indptr[u + 1]].tolist())) for u in range(n)]
    value = np.where(won, 0, -1)
    W = won.copy()
    layer = 0
    while True:
        layer += 1
        new = np.zeros_like(W)
        for u in range(n):
            for c in range(k):
                if W[u, c] or not succ[u]:
                    continue
                hits = [W[v, c] for v in succ[u]]
                new[u, c] = all(hits) if agent[u] else any(hits)
        if not new.any():
            return value
        value[new] = layer
        W |= new


def walk(A, start, stop):
    """Where a search from ``start`` gets, going on from no ``stop`` node (a plain worklist)."""
    seen = {start}
    todo = [start]
    while todo:
        u = todo.pop()
        if stop[u]:
            continue
        for v in A.indices[A.indptr[u]:A.indptr[u + 1]].tolist():
            if v not in seen:
                seen.add(v)
                todo.append(v)
    out = np.zeros(A.shape[0], dtype=bool)
    out[list(seen)] = True
    return out


@st.composite
def graphs(draw):
    n = draw(st.integers(1, 30))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=4 * n))
    A = sp.csr_matrix((np.ones(len(edges)), ([u for u, _ in edges], [v for _, v in edges])), shape=(n, n))
    k = draw(st.integers(1, 4))
    won = np.array(draw(st.lists(st.lists(st.booleans(), min_size=k, max_size=k), min_size=n, max_size=n)))
    agent = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    return A, won.reshape(n, k), agent


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_attractor_matches_the_layered_game(g):
    A, won, agent = g
    assert np.array_equal(attractor(structure(A), won, agent), layered(A, won, agent))


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_attractor_without_agents_is_backward_reachability(g):
    A, won, _ = g
    assert np.array_equal(attractor(structure(A), won), layered(A, won, np.zeros(len(won), dtype=bool)))


@settings(max_examples=200, deadline=None)
@given(graphs(), st.data())
def test_reach_stopping_matches_a_plain_search(g, data):
    A, won, _ = g
    start = data.draw(st.integers(0, A.shape[0] - 1))
    assert np.array_equal(reach_stopping(A, start, won[:, 0]), walk(A, start, won[:, 0]))


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_can_reach_is_backward_reachability(g):
    A, won, _ = g
    assert np.array_equal(can_reach(structure(A), won), layered(A, won, np.zeros(len(won), dtype=bool)) >= 0)


def layered_delayed(A, won, agent, delayed):
    """``layered`` with delayed edges (src, dst, wait), not in A: a source is won 1 + wait layers
    after the edge's target (as the analysis counted a loop's rounds before `done`)."""
    n, k = won.shape
    succ = [sorted(set(A.indices[A.indptr[u]:A.indptr[u + 1]].tolist())) for u in range(n)]
    value = np.where(won, 0, -1)
    layer = 0
    while True:
        layer += 1
        new = np.zeros_like(won)
        for u in range(n):
            for c in range(k):
                if value[u, c] >= 0:
                    continue
                hits = [value[v, c] >= 0 for v in succ[u]]
                new[u, c] = bool(hits) and (all(hits) if agent[u] else any(hits))
        for u, v, wait in zip(*delayed, strict=True):
            new[u] |= (value[v] >= 0) & (value[v] + 1 + wait == layer) & (value[u] < 0)
        pending = any(((value[v] >= 0) & (value[v] + 1 + w > layer)).any() for _, v, w in zip(*delayed, strict=True))
        if not new.any() and not pending:
            return value
        value[new] = layer


@settings(max_examples=300, deadline=None)
@given(graphs(), st.data())
def test_attractor_with_delayed_edges_matches_the_layered_game(g, data):
    A, won, agent = g
    n = A.shape[0]
    m = data.draw(st.integers(0, min(4, n)))
    src = np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m, unique=True)), dtype=np.int64)
    dst = np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m)), dtype=np.int64)
    wait = np.array(data.draw(st.lists(st.integers(0, 12), min_size=m, max_size=m)), dtype=np.int64)
    agent = agent.copy()
    agent[src] = False  # a delayed edge leaves a loop, never an agent's node
    delayed = (src, dst, wait)
    assert np.array_equal(attractor(structure(A), won, agent, delayed), layered_delayed(A, won, agent, delayed))
