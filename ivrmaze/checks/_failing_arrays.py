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


def _state_graph(walk: Walk, mode: str) -> tuple[Any, Any, Any, Any]:
    """(edges from, edges to, node of each state, failures of each state) of the merged walk."""
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
    mine = walk.fail[mode][m]
    tired = f + 1 >= bound[m]
    froms = [here[tired & (out >= 0)], here[~tired & (mine >= 0)], here[~tired & (mine < 0)]]
    tos = [st.dst[out[tired & (out >= 0)]], sid(st.dst[mine[~tired & (mine >= 0)]], f[~tired & (mine >= 0)] + 1),
           sid(m[~tired & (mine < 0)], f[~tired & (mine < 0)] + 1)]
    e = walk.on_edge[~st.is_menu[st.src[walk.on_edge]] & ~walk.stop[st.src[walk.on_edge]]]
    froms.append(st.src[e])
    tos.append(st.dst[e])
    return np.concatenate(froms), np.concatenate(tos), node, fails


def cycle_states(walk: Walk, starts: Any, mode: str) -> list[State]:
    """The states on a cycle of the walk that the walk reaches from the menus ``starts`` (node
    indexes, at 0 failures): from them the walk finds every cycle it would find from ``starts``."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    from ..analysis.graphs import csr, reached, strong_components  # numpy (scipy for big mazes)

    src, dst, node, fails = _state_graph(walk, mode)
    total = len(node)
    G = csr(np.ones(len(src), dtype=np.int8), src, dst, (total, total), walk.st.small)
    seen = reached(G, starts)
    _, label = strong_components(G)
    size = np.bincount(label, minlength=int(label.max()) + 1 if total else 0)
    cyclic = size[label] > 1
    cyclic[src[src == dst]] = True
    on = np.flatnonzero(seen & cyclic)
    return list(zip(node[on].tolist(), fails[on].tolist(), strict=True))


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
    G = csr(np.ones(len(e), dtype=np.int8), st.src[e], st.dst[e], (n, n), st.small)
    _, label = strong_components(G)
    size = np.bincount(label, minlength=int(label.max()) + 1 if n else 0)
    good |= size[label] > 1
    good[st.src[e][st.src[e] == st.dst[e]]] = True
    R = csr(np.ones(len(e), dtype=np.int8), st.dst[e], st.src[e], (n, n), st.small)
    return reached(R, np.flatnonzero(good))
