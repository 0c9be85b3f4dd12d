"""A small maze is analysed without scipy (analysis/graphs.py): the same results as scipy's path,
on random graphs (every search, ties of the shortest routes included) and on random mazes (every
metric, trap, dead end, cycle and finding; the strategy's mazes hold decisions, loops, error
routes and unknown nodes too)."""
import os
import subprocess
import sys

import numpy as np
import scipy.sparse as sp
from conftest import ROOT, random_maze
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrmaze.analysis import computed, graphs
from ivrmaze.lint import lint
from ivrmaze.testing.strategies import menus


@st.composite
def weighted(draw):
    n = draw(st.integers(1, 25))
    m = draw(st.integers(0, 5 * n))
    rows = draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
    cols = draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
    # few distinct weights, so that many routes tie
    w = draw(st.lists(st.sampled_from([1.0, 2.0, float(1 << 20), float(1 << 20) + 1]), min_size=m, max_size=m))
    return n, np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(w)


@settings(max_examples=400, deadline=None)
@given(weighted(), st.data())
def test_every_search_gives_what_scipy_gives(g, data):
    n, rows, cols, w = g
    mine = graphs.csr(w, rows, cols, (n, n), small=True)
    theirs = graphs.csr(w, rows, cols, (n, n), small=False)
    assert isinstance(mine, graphs.Csr) and isinstance(theirs, sp.csr_matrix)
    for a, b in ((mine, theirs), (mine.T, theirs.T.tocsr())):
        assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
        assert np.array_equal(a.data, b.data)
    start = data.draw(st.integers(0, n - 1))
    starts = data.draw(st.lists(st.integers(0, n - 1), max_size=3))
    assert np.array_equal(graphs.reached(mine, starts), graphs.reached(theirs, starts))
    d1, p1 = graphs.dijkstra(mine, start)
    d2, p2 = graphs.dijkstra(theirs, start)
    assert np.array_equal(d1, d2) and np.array_equal(p1, p2)
    rows = np.array(starts, dtype=np.int64)  # a loop's rounds: hop counts from several starts
    (u1, q1), (u2, q2) = graphs.unit_routes(mine, rows), graphs.unit_routes(theirs, rows)
    assert u1.shape == u2.shape == (len(starts), n)
    assert np.array_equal(u1, u2) and np.array_equal(q1, q2)
    k1, l1 = graphs.strong_components(mine)
    k2, l2 = graphs.strong_components(theirs)
    assert k1 == k2  # the same partition: each label of one names exactly one label of the other
    assert len(set(zip(l1.tolist(), l2.tolist()))) == k1


def results(maze, small):
    """Everything the analysis gives the checks and the report, with or without scipy."""
    old = computed.SMALL
    computed.SMALL = 10**9 if small else -1
    try:
        c = computed.compute(maze, chances=False)
        a = lint(maze, chances=False)
    finally:
        computed.SMALL = old
    assert c.static.small is small
    per_state = []
    for res, windows in c.groups:
        lines = {key: (li.metrics(), li.best, li.trap.tolist(), li.entering.tolist()) for key, li in res.lines.items()}
        per_state.append((res.state, windows, lines, res.reach_all.tolist(), res.reach_moves.tolist(),
                          res.dead.tolist(), [m.tolist() for m in res.cycles]))
    return per_state, c.rows, a


@settings(max_examples=150, deadline=None)
@given(menus())
def test_small_mazes_get_what_scipy_gives(tmp_path_factory, menu):
    maze = random_maze(tmp_path_factory, menu)
    if maze is None:
        return
    assert results(maze, True) == results(maze, False)


def test_a_small_check_imports_no_scipy():
    env = {**os.environ, "IVRMAZE_NO_CACHE": "1"}  # a replayed result (the result cache) would import nothing
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "ivrmaze", "check", "menus/mobistar-2011.yaml"],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    imported = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")]
    assert "ivrmaze.analysis.graphs" in imported  # the check did run its analysis
    assert "numpy" in imported
    assert [m for m in imported if m.split(".")[0] in ("scipy", "networkx")] == []
