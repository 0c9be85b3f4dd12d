"""The failing caller's walk on arrays (checks/_failing.py, _failing_arrays.py) against the
straightforward walk, on random mazes, with and without scipy: the same steps from every state,
the same cycles as a walk from every menu (endless-reprompt), and exactly the menus whose first
failure ends the call (first-failure-disconnect)."""
import dataclasses

import numpy as np
import pytest
from conftest import random_maze
from hypothesis import given, settings

from ivrmaze.analysis import computed
from ivrmaze.checks import first_failure_disconnect as ffd
from ivrmaze.checks._failing import MAX_RETRIES, MODES, Walk, cycles, explore, retries
from ivrmaze.checks._failing_arrays import cycle_states, not_cut
from ivrmaze.graph import Role
from ivrmaze.testing.strategies import menus

_STOPS = {"voicemail", "callback", "hangup", "unknown"}
_ON = {int(Role.AUTO), int(Role.SYSTEM)}


class PlainWalk:
    """The walk as first written: dictionaries of edges, one loop over them."""

    def __init__(self, st, mv):
        self.st, self.mv = st, mv
        self.on, self.fail = {}, {}
        for e in mv.edge.tolist():
            if int(st.role[e]) in _ON and st.edata[e]["via"] != "again":
                self.on.setdefault(int(st.src[e]), []).append(e)
        for e in mv.failure_edge.tolist():
            self.fail.setdefault((int(st.src[e]), st.edata[e]["via"]), e)

    def stops(self, i):
        kind = self.st.kind[i]
        if kind == "menu":
            return False
        return (kind == "queue" and self.mv.open_node[i]) or kind in _STOPS or not self.on.get(i)

    def step(self, s, mode):
        i, f = s
        if self.stops(i):
            return []
        if self.st.kind[i] != "menu":
            return [((int(self.st.dst[e]), 0), e) for e in self.on[i]]
        f += 1
        if f >= min(int(self.st.nattrs[i].get("retries") or 3), MAX_RETRIES):
            e = self.fail.get((i, "exhausted"))
            return [((int(self.st.dst[e]), 0), e)] if e is not None else []
        e = self.fail.get((i, mode))
        return [((int(self.st.dst[e]), f), e)] if e is not None else [((i, f), None)]


def _walks(maze, small):
    old = computed.SMALL
    computed.SMALL = 10**9 if small else -1
    try:
        c = computed.compute(maze, chances=False)
    finally:
        computed.SMALL = old
    bound = retries(c.static)
    return c.static, [(Walk(c.static, res.moves, bound), PlainWalk(c.static, res.moves)) for res, _ in c.groups]


@pytest.mark.parametrize("small", [True, False])
@settings(max_examples=100, deadline=None)
@given(menu=menus())
def test_the_array_walk_is_the_plain_walk(tmp_path_factory, small, menu):
    maze = random_maze(tmp_path_factory, menu)
    if maze is None:
        return
    st, walks = _walks(maze, small)
    menus_ = np.flatnonzero(st.is_menu)
    # the retries read from the nodes as loaded are those of the attribute dicts
    assert st.retries is not None
    assert retries(st).tolist() == retries(dataclasses.replace(st, retries=None)).tolist()
    for walk, plain in walks:
        for mode in MODES:
            for i in range(len(st.nodes)):
                for f in range(4):
                    assert walk.step((i, f), mode) == plain.step((i, f), mode)
            _same_cycles(walk, menus_, mode)
        _same_cut_offs(walk, menus_)


def _same_cycles(walk, menus_, mode):
    """The walk from ``cycle_states`` finds the cycles of the walk from every menu, with the same
    moves inside each (a cycle's route is drawn from them)."""
    everywhere = explore(walk, [(i, 0) for i in menus_.tolist()], mode)
    starts = cycle_states(walk, menus_, mode)
    for s in starts:  # a state the walk reaches, or one with the same next states as one it reaches
        assert s in everywhere or any(t[0] == s[0] and walk.step(t, mode) == walk.step(s, mode) for t in everywhere)
    narrow = explore(walk, starts, mode)
    want = {frozenset(p) for p in cycles(everywhere)}
    assert {frozenset(p) for p in cycles(narrow)} == want
    for part in want:
        assert all(everywhere[s] == narrow[s] for s in part)


def _same_cut_offs(walk, menus_):
    """The arrays pick exactly the menus whose first failure surely ends the call."""
    maybe = ffd._maybe_cut(walk, menus_, not_cut(walk))
    for m in menus_.tolist():
        for mode in MODES:
            assert bool(maybe[mode][m]) == (ffd._cut_off(walk, m, mode) is not None), (m, mode)
