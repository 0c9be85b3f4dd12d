"""The per-state fast paths of the analysis against the straightforward ways they replace, on
random mazes at every state and on random graphs: a state's adjacency out of Static's presorted
edges (moves.adjacency) against scipy's matrix of the edges, the nodes that can end
(frontier.can_end, one search and the rest) against a search per intent (frontier.can_reach),
every intent's trap of a line (traps.LineTraps, from two searches per line, exact past a
resolution) against the random caller's own search per intent (metrics.Walk), and the cheapest
of parallel entries (metrics._cheapest) against a lexsort of them all."""
import numpy as np
import scipy.sparse as sp
from conftest import both_statics, random_maze
from hypothesis import given, settings
from hypothesis import strategies as hs
from test_analysis_fast_kinds import flows, states
from test_analysis_frontier import graphs

from ivrmaze.analysis.frontier import can_end, can_reach, structure
from ivrmaze.analysis.graphs import reached
from ivrmaze.analysis.metrics import Absorption, Walk, _cheapest, transition_matrix
from ivrmaze.analysis.moves import adjacency, build_static, moves_at
from ivrmaze.analysis.traps import LineTraps
from ivrmaze.testing.strategies import menus


def same_csr(A, B):
    return A.shape == B.shape and np.array_equal(np.asarray(A.indptr), np.asarray(B.indptr)) and \
        np.array_equal(np.asarray(A.indices), np.asarray(B.indices))


def check_state(mv, starts):
    st = mv.static
    S = adjacency(st, mv.edge)
    plain = structure(mv.matrix())
    assert same_csr(S, plain)
    T = adjacency(st, mv.edge, reverse=True)
    assert same_csr(T, structure(mv.matrix().T.tocsr()))
    every = np.concatenate([mv.edge, mv.error_edge])
    E = adjacency(st, every)
    assert same_csr(E, structure(mv.matrix(edges=every)))
    ends = can_end(S, mv.resolves, mv.terminal, T)
    assert np.array_equal(ends, can_reach(S, mv.resolves | mv.terminal[:, None]))
    P = transition_matrix(mv)
    ab = Absorption(mv, P, solve=False, S=S)
    Pe = mv.matrix(edges=every) if len(mv.error_edge) else None
    for entry in starts:
        high = reached(S, [entry])
        for G, errors in ((S, False), (E, True)) if len(mv.error_edge) else ((S, False),):
            traps = LineTraps(mv, G, entry, ends, reached(G, [entry]), errors)
            for col in range(len(st.intents)):
                walk = Walk(mv, entry, col, P, ab, None, Pe if errors else None)
                want = (np.flatnonzero(walk.trap).tolist(), walk.entering_edges(mv).tolist())
                for how in ("bounds", "behind", "search"):
                    trap, entering = traps.trap(col, how)
                    assert (trap.tolist(), entering.tolist()) == want, how
        assert np.array_equal(high, reached(plain, [entry]))


@settings(max_examples=150, deadline=None)
@given(hs.one_of(menus(), flows()))
def test_the_state_fast_paths_match_the_straightforward_ones(tmp_path_factory, menu):
    maze = random_maze(tmp_path_factory, menu)
    if maze is None:
        return
    for st in both_statics(maze):
        starts = [st.index[q] for _, _, q in maze.entries()]
        for state in states(maze):
            check_state(moves_at(st, state), starts)


@settings(max_examples=200, deadline=None)
@given(graphs(), hs.data())
def test_can_end_is_a_search_per_column_on_random_graphs(g, data):
    A, won, _ = g
    n = A.shape[0]
    terminal = np.array(data.draw(hs.lists(hs.booleans(), min_size=n, max_size=n)))
    S = structure(A)
    assert np.array_equal(can_end(S, won, terminal), can_reach(S, won | terminal[:, None]))


@settings(max_examples=200, deadline=None)
@given(hs.lists(hs.tuples(hs.integers(0, 5), hs.integers(0, 3)), max_size=40), hs.data())
def test_the_cheapest_of_each_key_is_the_lexsorts_pick(entries, data):
    key = np.array([k for k, _ in entries], dtype=np.int64)
    cost = np.array([c for _, c in entries], dtype=float)
    # entries that share a key are the parallel ones; some others may be marked too
    shared = np.array([key.tolist().count(k) > 1 for k in key.tolist()], dtype=bool)
    extra = np.array(data.draw(hs.lists(hs.booleans(), min_size=len(key), max_size=len(key))), dtype=bool)
    pick = _cheapest(key, cost, shared | extra.reshape(len(key)))
    order = np.lexsort((cost, key))
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[order[1:]] != key[order[:-1]]
    want = order[first]
    got = sp.coo_matrix((cost[pick], (key[pick], np.zeros(len(pick), dtype=np.int64))), shape=(6, 1)).toarray()
    assert sorted(key[pick].tolist()) == sorted(key[want].tolist())
    assert np.array_equal(got, sp.coo_matrix((cost[want], (key[want], np.zeros(len(want), dtype=np.int64))),
                                             shape=(6, 1)).toarray())
