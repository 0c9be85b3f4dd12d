"""The fast paths of issue 15 with the platform round's kinds (decisions and `assume`, loops and
their rounds, error routes, unknown nodes): on random mazes, at every state, guaranteed hops
(frontier.attractor with a loop's `done` as a delayed edge), the random caller's reach and trap
(frontier.reach_stopping on the moves and error routes together) and the loops' rounds
(graphs.unit_routes) against the straightforward versions they replace (sparse products one
layer at a time, matrices without the rows where the call stops, scipy's searches), with scipy's
matrices and with a small maze's."""
import numpy as np
import scipy.sparse as sp
from conftest import random_maze
from hypothesis import given, settings
from hypothesis import strategies as hs
from scipy.sparse import csgraph

from ivrmaze import timeline as T
from ivrmaze.analysis.frontier import structure
from ivrmaze.analysis.metrics import Absorption, Walk, guaranteed_hops, transition_matrix
from ivrmaze.analysis.moves import build_static, moves_at
from ivrmaze.graph import unknown_variants
from ivrmaze.testing.strategies import menus


def layered_guaranteed(mv):
    """Guaranteed hops one layer of every node at a time (a sparse product a layer); a loop is
    won through its body at once, or through `done` after its rounds."""
    st, n = mv.static, mv.n
    e = mv.edge
    done = e[st.done[e]]
    e = e[~st.done[e]]
    A = sp.csr_matrix((np.ones(len(e)), (st.src[e], st.dst[e])), shape=(n, n))
    A.data[:] = 1.0
    outdeg = np.diff(A.indptr)
    outdeg[st.src[done]] = np.maximum(outdeg[st.src[done]], 1)
    W = mv.resolves.copy()
    value = np.where(W, 0, -1).astype(np.int64)
    wait = (st.loop * mv.round_hops)[st.src[done]]
    k = 0
    while True:
        k += 1
        cnt = A @ W.astype(np.float32)
        new = np.where(mv.agent_node[:, None], cnt == outdeg[:, None], cnt > 0) & ~W & (outdeg > 0)[:, None]
        won = value[st.dst[done]]
        for j, u in enumerate(st.src[done].tolist()):
            new[u] |= (won[j] >= 0) & (won[j] + 1 + wait[j] == k) & ~W[u]
        pending = ((won >= 0) & (won + 1 + wait[:, None] > k) & ~W[st.src[done]]).any()
        if not new.any() and not pending:
            return value
        value[new] = k
        W |= new


def without_rows(A, mask):
    """A without the out-edges of ``mask`` nodes (the call stops there)."""
    A = sp.diags((~mask).astype(float)) @ A
    A.eliminate_zeros()
    return A


def plain_reach(A, start):
    order = csgraph.breadth_first_order(A, start, directed=True, return_predecessors=False)
    out = np.zeros(A.shape[0], dtype=bool)
    out[order] = True
    return out


def plain_walk(mv, entry, col, P, can_end):
    """(reach, trap, circles) of the random caller: the moves stop at resolvers and ends, the
    error routes at resolvers; circles: a trap of the moves alone."""
    res = mv.resolves[:, col]
    A = without_rows(P, res | mv.terminal)
    reach = plain_reach(A, entry)
    circles = bool((reach & ~can_end).any())
    if len(mv.error_edge):
        n = mv.n
        errors = sp.csr_matrix((np.ones(len(mv.error_edge)), (mv.static.src[mv.error_edge],
                                mv.static.dst[mv.error_edge])), shape=(n, n))
        reach = plain_reach(A + without_rows(errors, res), entry)
    return reach, reach & ~can_end, circles


def plain_rounds(mv):
    """Per loop node: the fewest hops from it through `again` back to it (0: never)."""
    st, n = mv.static, mv.n
    A = sp.csr_matrix((np.ones(len(mv.edge)), (st.src[mv.edge], st.dst[mv.edge])), shape=(n, n))
    hops = np.zeros(n, dtype=np.int64)
    for e in mv.edge[st.again[mv.edge]].tolist():
        d = csgraph.shortest_path(A, directed=True, unweighted=True, indices=int(st.dst[e]))[int(st.src[e])]
        if np.isfinite(d) and (not hops[st.src[e]] or d + 1 < hops[st.src[e]]):
            hops[st.src[e]] = int(d) + 1
    return hops


@hs.composite
def flows(draw, max_nodes=8):
    """Small flows rich in loops (most with a body that comes back), decisions, error routes and
    unknown nodes: the kinds the fast paths were extended for."""
    n = draw(hs.integers(2, max_nodes))
    ids = [f"n{i}" for i in range(n)]
    target = hs.sampled_from(ids + ["hangup"])
    nodes = {}
    for nid in ids:
        kind = draw(hs.sampled_from(["menu", "say", "queue", "decide", "loop", "loop", "unknown"]))
        if kind == "menu":
            keys = draw(hs.lists(hs.sampled_from("0123456789"), min_size=1, max_size=3, unique=True))
            node = {"menu": nid, "options": {k: draw(target) for k in keys}}
        elif kind == "say":
            node = {"say": nid, "next": draw(target)}
        elif kind == "queue":
            node = {"queue": nid, "transfers": draw(hs.lists(target, max_size=2))}
            if draw(hs.booleans()):
                node["hours"], node["closed"] = "office", draw(target)
        elif kind == "decide":
            outs = draw(hs.lists(hs.sampled_from(["yes", "no", "maybe"]), min_size=1, max_size=3, unique=True))
            node = {"decide": nid, "outcomes": {o: draw(target) for o in outs}}
            if draw(hs.booleans()):
                node["assume"] = draw(hs.sampled_from(outs))
        elif kind == "loop":
            body = f"{nid}-body"
            node = {"loop": draw(hs.integers(1, 4)), "again": body, "done": draw(target)}
            nodes[body] = {"say": body, "next": nid if draw(hs.integers(0, 3)) else draw(target)}
        else:
            node = {"unknown": nid}
        if kind in ("say", "queue") and draw(hs.booleans()):
            node["resolves"] = draw(hs.lists(hs.sampled_from(["a", "b"]), min_size=1, max_size=2, unique=True))
        if kind in ("say", "queue", "decide") and draw(hs.booleans()):
            node["on_error"] = draw(target)
        nodes[nid] = node
    return {"ivrmaze": 1, "entry": ids[0], "hours": {"office": {"mon-fri": "08:00-16:00"}},
            "intents": {"a": "A", "b": "B"}, "nodes": nodes}


def states(maze):
    for state in T.distinct_states(T.windows(maze)):
        yield from unknown_variants(state, maze.unknown_hours)


@settings(max_examples=150, deadline=None)
@given(hs.one_of(menus(), flows()))
def test_fast_paths_match_the_straightforward_ones(tmp_path_factory, menu):
    maze = random_maze(tmp_path_factory, menu)
    if maze is None:
        return
    entries = [q for _, _, q in maze.entries()]
    for small in (False, True):
        st = build_static(maze.parts, [i for mf in maze.files.values() for i in mf.intents])
        st.small = small
        starts = [st.index[q] for q in entries]
        for state in states(maze):
            mv = moves_at(st, state)
            assert np.array_equal(mv.round_hops, plain_rounds(mv))
            P = transition_matrix(mv)
            S = structure(P)
            assert np.array_equal(guaranteed_hops(mv, S), layered_guaranteed(mv))
            ab = Absorption(mv, P, solve=not small, S=S)  # the chances: scipy's only
            Pd = sp.csr_matrix((P.data, P.indices, P.indptr), shape=P.shape) if small else P
            every = mv.matrix(edges=np.concatenate([mv.edge, mv.error_edge])) if len(mv.error_edge) else None
            for entry in starts:
                for col in range(len(st.intents)):
                    walk = Walk(mv, entry, col, P, ab, None, every)
                    reach, trap, circles = plain_walk(mv, entry, col, Pd, ab.can_end[:, col])
                    assert np.array_equal(walk.reach, reach) and np.array_equal(walk.trap, trap)
                    assert (walk.expected is None) == (circles or np.isnan(ab.expected[entry, col]))
