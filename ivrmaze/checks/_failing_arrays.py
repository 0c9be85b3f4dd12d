"""The failing caller's walk (``_failing``) searched on arrays, so that a big maze's checks do not
walk every menu in Python: these searches only narrow down where the walk must look, and the walk
itself still decides (so the findings are the walk's, word for word).

The walk's states are (node, failures so far). Two kinds of states have the same next states as
another, and are merged into it here: a node that is not a menu ignores the count (its moves start
it again), and a menu at ``retries - 1`` failures or more takes its `exhausted` route next. So a
state is a node at 0 failures (id = the node's index) or a menu at 1 to ``retries - 1`` failures;
merging states with the same next states keeps which nodes lie on a cycle together, and which
states can be reached.
"""
from __future__ import annotations

from typing import Any

from ._failing import GOES_ON, State, Walk


def _state_graph(walk: Walk, modes: tuple[str, ...]) -> tuple[Any, Any, Any, Any]:
    """(edges from, edges to, node of each state, failures of each state) of the merged walk in
    each of ``modes``, one copy of the states per mode (mode k's ids are offset by k times the
    states of one copy): only the menus' own failure routes differ between the modes, so the rest
    is made once, and one search of the copies side by side answers for every mode."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st, bound = walk.st, walk.bound
    n = len(st.nodes)
    menus = np.flatnonzero(st.is_menu)
    r = np.maximum(bound[menus], 1)
    first = np.zeros(n, dtype=np.int64)  # a menu's state at 1 failure (its others follow it)
    first[menus] = n + np.concatenate([[0], np.cumsum(r - 1)[:-1]]) if len(menus) else 0
    total = n + int((r - 1).sum())
    node = np.concatenate([np.arange(n), np.repeat(menus, r - 1)])
    fails = np.concatenate([np.zeros(n, dtype=np.int64),
                            np.arange(total - n) - np.repeat(first[menus] - n, r - 1) + 1])

    def sid(i: Any, f: Any) -> Any:
        f = np.where(st.is_menu[i], np.minimum(f, np.maximum(bound[i], 1) - 1), 0)
        return np.where(f == 0, i, first[i] + f - 1)

    m = np.concatenate([menus, node[n:]])  # every menu state: its node and failures
    f = np.concatenate([np.zeros(len(menus), dtype=np.int64), fails[n:]])
    here = sid(m, f)
    out = walk.fail["exhausted"][m]
    tired = f + 1 >= bound[m]
    e = walk.on_edge[~st.is_menu[st.src[walk.on_edge]] & ~walk.stop[st.src[walk.on_edge]]]
    # the moves of every mode: `exhausted` after the last failure, and the walk's other moves
    froms = [here[tired & (out >= 0)], st.src[e]]
    tos = [st.dst[out[tired & (out >= 0)]], st.dst[e]]
    src, dst = [], []
    for k, mode in enumerate(modes):
        mine = walk.fail[mode][m]
        go, stay = ~tired & (mine >= 0), ~tired & (mine < 0)
        src += [*(a + k * total for a in froms), here[go] + k * total, here[stay] + k * total]
        dst += [*(a + k * total for a in tos), sid(st.dst[mine[go]], f[go] + 1) + k * total,
                sid(m[stay], f[stay] + 1) + k * total]
    return np.concatenate(src), np.concatenate(dst), node, fails


def cycle_states(walk: Walk, starts: Any, mode: str) -> list[State]:
    """The states on a cycle of the walk that the walk reaches from the menus ``starts`` (node
    indexes, at 0 failures): from them the walk finds every cycle it would find from ``starts``."""
    return cycle_states_of(walk, starts, (mode,))[mode]


def cycle_states_of(walk: Walk, starts: Any, modes: tuple[str, ...]) -> dict[str, list[State]]:
    """``cycle_states`` in each of ``modes``, from one search of their state graphs side by side."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    from ..analysis.graphs import distinct, reached, strong_components  # numpy (scipy for big mazes)

    src, dst, node, fails = _state_graph(walk, modes)
    total = len(node)
    size = total * len(modes)
    starts = distinct(np.asarray(starts, dtype=np.int64))
    G = _with_source(src, dst, size, np.concatenate([starts + k * total for k in range(len(modes))]), walk.st.small)
    seen = reached(G, [size])[:size]
    _, label = strong_components(G)
    count = np.bincount(label[:size], minlength=int(label.max()) + 1)
    cyclic = count[label[:size]] > 1
    cyclic[src[src == dst]] = True
    on = seen & cyclic
    out = {}
    for k, mode in enumerate(modes):
        at = np.flatnonzero(on[k * total:(k + 1) * total])
        out[mode] = list(zip(node[at].tolist(), fails[at].tolist(), strict=True))
    return out


def not_cut(walk: Walk) -> Any:
    """Per node: whether the walk from it (past a first failure) can reach a prompt (a loop's
    next round included), a person, a message box, a callback, something ivrmaze cannot follow, or go
    round, so that it does not
    surely end the call (what ``first_failure_disconnect`` looks for)."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    from ..analysis.graphs import csr, reached, strong_components  # numpy (scipy for big mazes)

    st = walk.st
    n = len(st.nodes)
    # a menu, or a stop other than the end of the call (a person, a message box, a callback, unknown)
    good = st.is_menu | (walk.stop & ((st.is_queue & walk.mv.open_node) | st.of_kind(*GOES_ON)))
    e = np.concatenate([walk.on_edge, walk.again_edge])  # a loop's next round too: it may prompt again
    e = e[~st.is_menu[st.src[e]] & ~walk.stop[st.src[e]]]
    G = csr(np.ones(len(e)), st.src[e], st.dst[e], (n, n), st.small)  # float64: what scipy's searches take
    _, label = strong_components(G)
    size = np.bincount(label, minlength=int(label.max()) + 1 if n else 0)
    good |= size[label] > 1
    good[st.src[e][st.src[e] == st.dst[e]]] = True
    return reached(_with_source(st.dst[e], st.src[e], n, np.flatnonzero(good), st.small), [n])[:n]


def _with_source(src: Any, dst: Any, n: int, starts: Any, small: bool) -> Any:
    """The matrix (n + 1 nodes) of the edges ``src`` -> ``dst`` and of edges from node n to each
    of ``starts``: one search from n finds what a search from every start finds. Built once here,
    as ``graphs.reached`` would build it again from the matrix without the source (for a big
    maze, scipy's checks and copies of a graph cost more than the search). Nothing leads to n:
    it is a component of its own."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    from ..analysis.graphs import csr  # numpy (scipy for big mazes)

    rows = np.concatenate([src, np.full(len(starts), n, dtype=np.int64)])
    cols = np.concatenate([dst, np.asarray(starts, dtype=np.int64)])
    return csr(np.ones(len(rows)), rows, cols, (n + 1, n + 1), small)  # float64: what scipy's searches take
