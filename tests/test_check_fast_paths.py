"""The checks' fast paths against the checks as first written (tests/plain_checks.py), on random
mazes, with and without scipy: the same findings, in the same order, word for word."""
from __future__ import annotations

import numpy as np
import plain_checks
import pytest
from conftest import random_maze
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrmaze.analysis import computed
from ivrmaze.checks import SETTINGS, dead_end, silent_bounce, trap
from ivrmaze.checks._failing import MODES, Walk, retries, walks
from ivrmaze.checks._failing_arrays import cycle_states_of, not_cut
from ivrmaze.checks._where import edge_pos
from ivrmaze.checks.context import CheckContext
from ivrmaze.config import Config
from ivrmaze.periods import maze_at
from ivrmaze.testing.strategies import menus


def _contexts(tmp_path_factory, menu, small):
    """The check context of the drawn menu over the week, and at one instant (None: it does not load)."""
    maze = random_maze(tmp_path_factory, menu)
    if maze is None:
        return []
    config = Config.for_maze(maze, settings=SETTINGS)
    old = computed.SMALL
    computed.SMALL = 10**9 if small else -1
    try:
        return [CheckContext(computed.compute(maze, at, chances=False), config)
                for at in (None, maze_instant(maze))]
    finally:
        computed.SMALL = old


def maze_instant(maze):
    return maze_at(maze, "Sat 12:00")


@st.composite
def closing(draw):
    """A menu file of teams and time branches with `closed` routes, redirects and menus between
    them (what the random menus draw seldom): many silent bounces, short and long, and walks
    that go round among silent nodes."""
    ids = [f"n{i}" for i in range(draw(st.integers(2, 12)))]
    target = st.sampled_from([*ids, "hangup"])
    nodes = {}
    for nid in ids:
        kind = draw(st.sampled_from(["menu", "queue", "queue", "branch", "branch", "external", "say"]))
        if kind == "menu":
            node = {"menu": "Press a key.", "options": {str(k): draw(target) for k in range(draw(st.integers(1, 3)))}}
        elif kind == "queue":
            node = {"queue": "Desk", "closed": draw(target)}
            if draw(st.booleans()):
                node["hours"] = draw(st.sampled_from(["office", "weekend", "unknown"]))
            if draw(st.booleans()):
                node["resolves"] = ["help"]
            if draw(st.booleans()):
                node["transfers"] = [draw(target)]
        elif kind == "branch":
            node = {"branch": draw(st.sampled_from(["office", "weekend"])), "open": draw(target),
                    "closed": draw(target)}
        elif kind == "external":
            node = {"external": {"file": "menu.yaml", "node": draw(st.sampled_from(ids))}}
        else:
            node = {"say": "Hello."} | ({"next": draw(target)} if draw(st.booleans()) else {})
        nodes[nid] = node
    return {"ivrmaze": 1, "entry": "n0", "hours": {"office": {"mon-fri": "09:00-17:00"},
                                                   "weekend": {"sat,sun": ["10:00-12:00", "14:00-16:00"]}},
            "intents": {"help": "Help"}, "nodes": nodes}


@st.composite
def trapping(draw):
    """A menu file whose moves mostly go round among its own nodes (few ends, few resolutions):
    traps of several parts that no move leaves, nodes that lead into them, and closed teams and
    branches whose redirects stay inside them."""
    ids = [f"n{i}" for i in range(draw(st.integers(3, 14)))]
    target = st.sampled_from(ids) if draw(st.booleans()) else st.sampled_from([*ids, *ids, "hangup"])
    nodes = {}
    for nid in ids:
        kind = draw(st.sampled_from(["menu", "menu", "say", "queue", "branch"]))
        if kind == "menu":
            node = {"menu": "Press a key.", "options": {str(k): draw(target) for k in range(draw(st.integers(1, 3)))}}
        elif kind == "say":
            node = {"say": "Hello.", "next": draw(target)}
        elif kind == "queue":
            node = {"queue": "Desk", "hours": draw(st.sampled_from(["office", "weekend"])), "closed": draw(target)}
            if draw(st.integers(0, 3)) == 0:
                node["resolves"] = ["help"]
            if draw(st.booleans()):
                node["transfers"] = [draw(target)]
        else:
            node = {"branch": draw(st.sampled_from(["office", "weekend"])), "open": draw(target),
                    "closed": draw(target)}
        nodes[nid] = node
    return {"ivrmaze": 1, "entry": "n0", "hours": {"office": {"mon-fri": "09:00-17:00"},
                                                   "weekend": {"sat,sun": ["10:00-12:00", "14:00-16:00"]}},
            "intents": {"help": "Help", "sales": "Sales"}, "nodes": nodes}


@pytest.mark.parametrize("check, plain", [(silent_bounce.check, plain_checks.silent_bounce),
                                          (dead_end.check, plain_checks.dead_end)], ids=["silent_bounce", "dead_end"])
@pytest.mark.parametrize("small", [True, False])
@settings(deadline=None)
@given(menu=st.one_of(menus(), closing()))
def test_the_fast_check_is_the_plain_one(tmp_path_factory, check, plain, small, menu):
    for ctx in _contexts(tmp_path_factory, menu, small):
        assert list(check(ctx)) == plain(ctx)


@pytest.mark.parametrize("small", [True, False])
@settings(deadline=None)
@given(menu=menus())
def test_the_failing_searches_are_the_plain_ones(tmp_path_factory, small, menu):
    """The failing caller's searches (both modes side by side, from a source node of their own)
    find what one search per mode from every start finds, on the walks the two checks share."""
    for ctx in _contexts(tmp_path_factory, menu, small):
        shared = walks(ctx)
        assert shared is walks(ctx)  # made once for both checks
        menus_ = np.flatnonzero(ctx.static.is_menu)
        for names in (("menu",), ("hangup", "unknown"), ("voicemail", "callback", "hangup", "unknown"), ("none",)):
            assert (ctx.static.of_kind(*names) == np.isin(ctx.static.kind, names)).all()
        for (res, _), walk in zip(ctx.groups, shared, strict=True):
            alone = Walk(ctx.static, res.moves, retries(ctx.static))  # a walk made by itself
            assert all((walk.fail[v] == alone.fail[v]).all() for v in walk.fail)
            assert (walk.on_edge == alone.on_edge).all() and (walk.on_start == alone.on_start).all()
            for starts in (menus_, menus_[::2], menus_[:0]):
                both = cycle_states_of(walk, starts, MODES)
                assert both == {mode: plain_checks.cycle_states(walk, starts, mode) for mode in MODES}
            assert (not_cut(walk) == plain_checks.not_cut(walk)).all()


@pytest.mark.parametrize("small", [True, False])
@settings(deadline=None)
@given(menu=st.one_of(menus(), closing()))
def test_the_closing_messages_are_the_plain_ones(tmp_path_factory, small, menu):
    """dead-end's honest messages at every state (after a `closed` route, after a team's talk),
    picked on arrays, are those the plain loop over every route's target finds."""
    for ctx in _contexts(tmp_path_factory, menu, small):
        vias, plain = dead_end._vias(ctx), plain_checks.plain_vias(ctx)
        assert all((a == b).all() for a, b in zip(vias[:2], plain[:2], strict=True)) and vias[2] == plain[2]
        for res, _ in ctx.groups:
            for talk in (False, True):
                assert dead_end.closing_messages(ctx, res.moves.edge, res.reach_all, talk, vias) == \
                    plain_checks.closing_messages(ctx, res.moves.edge, res.reach_all, talk, plain)


@pytest.mark.parametrize("small", [True, False])
@settings(deadline=None, max_examples=300)
@given(menu=st.one_of(menus(), closing(), trapping()))
def test_the_traps_are_the_plain_ones(tmp_path_factory, small, menu):
    """trap's parts of every line's trap at every state, from the trap's own edges only, are
    those of masks over every node and a pass over every move, part by part and in order."""
    for ctx in _contexts(tmp_path_factory, menu, small):
        st = ctx.static
        # the positions the findings give: read without making the edges' attribute dicts
        assert [edge_pos(ctx, e) for e in range(len(st.src))] == \
            [(d["file"], d["line"], d["column"], ctx.node_attr(int(st.src[e]))["id"]) for e, d in enumerate(st.edata)]
        for res, _ in ctx.groups:
            live = np.zeros(len(st.src), dtype=bool)
            live[res.moves.edge] = True
            for li in res.lines.values():
                if len(li.trap_nodes):
                    assert trap._found(st, live, li.trap_nodes, li.entering) == \
                        plain_checks.trap_found(st, res.moves, li)


@settings(deadline=None)
@given(states=st.sampled_from([1, 2, 11, 63, 64, 130]), bounces=st.integers(1, 40), seed=st.integers(0, 2**32 - 1),
       dense=st.sampled_from([0.05, 0.5, 0.95]))
def test_the_bounces_of_the_same_states_are_grouped_as_unique_rows(states, bounces, seed, dense):
    """silent-bounce groups its bounces by the states they bounce in (more states than an
    integer's bits too) exactly as ``np.unique`` of the rows groups them."""
    rng = np.random.default_rng(seed)
    # a few patterns, each column one of them, some with one state flipped (any state: past 63 too)
    member = (rng.random((states, 3)) < dense)[:, rng.integers(0, 3, bounces)]
    flip = rng.random(bounces) < 0.3
    member[rng.integers(0, states, int(flip.sum())), np.flatnonzero(flip)] ^= True
    which, rows = silent_bounce._patterns(member)
    _, inverse = np.unique(member.T, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    assert len(set(zip(which.tolist(), inverse.tolist(), strict=True))) == len(set(which.tolist())) == \
        len(set(inverse.tolist())) == len(rows)
    assert (which[rows] == np.arange(len(rows))).all() and (member[:, rows[which]] == member).all()
