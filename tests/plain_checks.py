"""The checks as first written, one finding at a time in plain Python: what the fast paths of
``ivrmaze.checks`` (walks and groupings on arrays, positions and texts made once) must give,
finding for finding (tests/test_check_fast_paths.py)."""
from __future__ import annotations

from typing import Any

import numpy as np

from ivrmaze.analysis.graphs import csr, reached, strong_components
from ivrmaze.analysis.metrics import reachable
from ivrmaze.checks import silent_bounce as sb
from ivrmaze.checks._failing import GOES_ON
from ivrmaze.checks._where import edge_pos
from ivrmaze.graph import Role, When, is_unknown_hours
from ivrmaze.timeline import joined


def silent_bounce(ctx: Any) -> list[Any]:
    found: dict[tuple[int, tuple[int, ...]], list[Any]] = {}
    entries = sorted({ln.node for ln in ctx.lines})
    for res, windows in ctx.groups:
        for e, chain in _bounces(ctx, res, entries):
            found.setdefault((e, chain), []).extend(windows)
    return [_bounce_finding(ctx, e, chain, windows)
            for (e, chain), windows in sorted(found.items(), key=lambda kv: edge_pos(ctx, kv[0][0])[:3] + kv[0][1:])]


def _bounces(ctx: Any, res: Any, entries: list[int]) -> Any:
    st, mv = ctx.static, res.moves
    closed = mv.edge[(st.when[mv.edge] == When.CLOSED) & res.reach_moves[st.src[mv.edge]]]
    if not len(closed):
        return
    _, label = strong_components(mv.matrix())
    auto = mv.edge[st.role[mv.edge] == Role.AUTO]
    count = np.bincount(st.src[auto], minlength=len(st.nodes))
    only = np.full(len(st.nodes), -1, dtype=np.int64)
    only[st.src[auto][count[st.src[auto]] == 1]] = st.dst[auto][count[st.src[auto]] == 1]
    plain = reachable(mv.matrix(edges=mv.edge[st.when[mv.edge] != When.CLOSED]), entries)
    for e in closed.tolist():
        q = int(st.src[e])
        chain = _walk(ctx, mv, int(st.dst[e]), label, label[q], only)
        if chain is None:
            continue
        land = chain[-1]
        if not plain[land]:
            others = mv.edge[~np.isin(mv.edge, np.flatnonzero((st.src == q) & (st.when == When.CLOSED)))]
            if not reachable(mv.matrix(edges=others), entries)[land]:
                continue
        yield e, tuple(chain)


def _bounce_finding(ctx: Any, e: int, chain: tuple[int, ...], windows: list[Any]) -> Any:
    st = ctx.static
    file, line, col, nid = edge_pos(ctx, e)
    q = int(st.src[e])
    when = ctx.when(windows, file)
    times = "at all times" if when is None else f"at {joined(when)}" if ctx.at is None else f"at {when[0]}"
    if st.sched[q] >= 0 and is_unknown_hours(st.schedules[st.sched[q]]):
        times = "(its hours are not in the files, so ivrmaze tries it closed)"
    what = f"team `{nid}` is closed" if st.kind[q] == "queue" else f"branch `{nid}` takes its `closed` route"
    route = " -> ".join([f"{nid} (closed)", *(ctx.name(i, file) for i in chain)])
    back = ctx.name(chain[-1], file)
    return sb.finding(sb.KIND, f"{what} {times} and sends callers back to `{back}` without a word ({route}), "
                      "expected a closed message that gives the hours, a callback, or no way to it while it is "
                      "closed", file, line, col, node=nid, when=when, nodes=tuple(ctx.name(i, file) for i in (q, *chain)))


def _walk(ctx: Any, mv: Any, d: int, label: Any, part: int, only: Any) -> list[int] | None:
    """The silent nodes from ``d`` to the first node of ``part`` (the closed node's strongly
    connected part), or None when a message, a menu or an open team comes first. ``only``: per
    node, the destination of its one automatic move (-1: none, or more than one)."""
    st = ctx.static
    chain: list[int] = []
    while d not in chain:
        chain.append(d)
        if label[d] == part:
            return chain
        if st.kind[d] not in {"branch", "external", "queue"} or (st.kind[d] == "queue" and mv.open_node[d]):
            return None
        if only[d] < 0:
            return None
        d = int(only[d])
    return None


def plain_vias(ctx: Any) -> tuple[Any, Any, dict[int, list[int]]]:
    """``dead_end._vias`` as first written: a pass over the edges' dictionaries."""
    st = ctx.static
    via = np.array([d["via"] for d in st.edata], dtype=object)
    after: dict[int, list[int]] = {}
    for e, d in enumerate(st.edata):
        if d["via"] == "next":
            after.setdefault(int(st.src[e]), []).append(int(st.dst[e]))
    return ((via == "closed") | ((via == "open") & (st.kind[st.src] == "branch")), (via == "next") & st.is_queue[st.src],
            after)


def closing_messages(ctx: Any, live: Any, reached: Any, conversation: bool, vias: Any) -> set[int]:
    """``dead_end.closing_messages`` as first written: every route's target looked at in the loop."""
    st = ctx.static
    closed, talk, after = vias
    start = talk if conversation else closed
    todo = st.dst[live[start[live] & reached[st.src[live]]]].tolist()
    seen: set[int] = set()
    while todo:
        i = todo.pop()
        if i in seen or st.kind[i] != "say":
            continue
        seen.add(i)
        todo += after.get(i, [])
    return seen


def dead_end(ctx: Any) -> list[Any]:
    """dead-end and honest-end as first written: a pass over the edges' dictionaries, a column
    of the states x nodes arrays per node."""
    from ivrmaze.checks import dead_end as de

    dead = np.array([res.dead for res, _ in ctx.groups])
    reached = np.array([res.reach_all for res, _ in ctx.groups])
    st = ctx.static
    vias = plain_vias(ctx)
    closing = [closing_messages(ctx, r.moves.edge, reached[s], False, vias) for s, (r, _) in enumerate(ctx.groups)]
    talked = [closing_messages(ctx, r.moves.edge, reached[s], True, vias) for s, (r, _) in enumerate(ctx.groups)]
    transferring = {int(st.src[e]) for e, d in enumerate(st.edata) if d["via"] == "transfers"}
    out = []
    for i in np.flatnonzero(dead.any(axis=0)).tolist():
        states = np.flatnonzero(dead[:, i]).tolist()
        why = de.honest(ctx, i)
        kept = [] if why is not None else [s for s in states if i in closing[s] or i in talked[s]]
        ends = [s for s in states if s not in kept] if why is None else []
        if kept and why is None:
            why = ("it is a closing message on a `closed` route" if any(i in closing[s] for s in kept) else
                   "it follows a team's conversation (the team's `next`)")
        seen = np.flatnonzero(reached[:, i]).tolist()
        if kept or why is not None:
            out.append(de._found(ctx, i, kept or states, seen, de.HONEST_END, why, transferring, {}))
        if ends:
            out.append(de._found(ctx, i, ends, seen, de.KIND, None, transferring, {}))
    return out


def _state_graph(walk: Any, mode: str) -> tuple[Any, Any, Any, Any]:
    """The failing caller's merged state graph in one mode, as first written (one per mode)."""
    st, bound = walk.st, walk.bound
    n = len(st.nodes)
    menus = np.flatnonzero(st.is_menu)
    r = np.maximum(bound[menus], 1)
    first = np.zeros(n, dtype=np.int64)
    first[menus] = n + np.concatenate([[0], np.cumsum(r - 1)[:-1]]) if len(menus) else 0
    total = n + int((r - 1).sum())
    node = np.concatenate([np.arange(n), np.repeat(menus, r - 1)])
    fails = np.concatenate([np.zeros(n, dtype=np.int64),
                            np.arange(total - n) - np.repeat(first[menus] - n, r - 1) + 1])

    def sid(i: Any, f: Any) -> Any:
        f = np.where(st.is_menu[i], np.minimum(f, np.maximum(bound[i], 1) - 1), 0)
        return np.where(f == 0, i, first[i] + f - 1)

    m = np.concatenate([menus, node[n:]])
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


def cycle_states(walk: Any, starts: Any, mode: str) -> list[tuple[int, int]]:
    """The states on a cycle of the walk reached from ``starts``, as first written: one mode's
    graph, searched from every start (``graphs.reached``)."""
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


def not_cut(walk: Any) -> Any:
    """Per node: the walk from it does not surely end the call, as first written: the search
    backwards from every good node (``graphs.reached``) on a matrix of its own."""
    st = walk.st
    n = len(st.nodes)
    good = st.is_menu | (walk.stop & ((st.is_queue & walk.mv.open_node) | st.of_kind(*GOES_ON)))
    e = np.concatenate([walk.on_edge, walk.again_edge])
    e = e[~st.is_menu[st.src[e]] & ~walk.stop[st.src[e]]]
    G = csr(np.ones(len(e), dtype=np.int8), st.src[e], st.dst[e], (n, n), st.small)
    _, label = strong_components(G)
    size = np.bincount(label, minlength=int(label.max()) + 1 if n else 0)
    good |= size[label] > 1
    good[st.src[e][st.src[e] == st.dst[e]]] = True
    R = csr(np.ones(len(e), dtype=np.int8), st.dst[e], st.src[e], (n, n), st.small)
    return reached(R, np.flatnonzero(good))


def trap_found(st: Any, mv: Any, li: Any) -> list[tuple[frozenset[int], set[int], set[int], bool]]:
    """The traps of one line, intent and state as first written: masks over every node, and a
    pass over every move of the state (``trap._found`` looks at the trap's own edges only)."""
    closed = mv.edge[st.when[mv.edge] == When.CLOSED]
    mask = li.trap
    idx = np.flatnonzero(mask)
    e = mv.edge[mask[st.src[mv.edge]] & mask[st.dst[mv.edge]]]
    pos = np.full(len(mask), -1, dtype=np.int64)
    pos[idx] = np.arange(len(idx))
    A = csr(np.ones(len(e)), pos[st.src[e]], pos[st.dst[e]], (len(idx), len(idx)), st.small)
    n, label = strong_components(A)
    lu, lv = label[pos[st.src[e]]], label[pos[st.dst[e]]]
    left = np.zeros(n, dtype=bool)
    left[lu[lu != lv]] = True
    made = bool((mask[st.src[closed]] & mask[st.dst[closed]]).any())
    out = []
    for c in np.flatnonzero(~left).tolist():
        part = np.zeros(len(mask), dtype=bool)
        part[idx[label == c]] = True
        into = {int(x) for x in li.entering if part[st.dst[x]]}
        into |= {int(x) for x in e if part[st.dst[x]] and not part[st.src[x]]}
        redirects = {int(x) for x in closed if part[st.src[x]] and part[st.dst[x]]}
        out.append((frozenset(np.flatnonzero(part).tolist()), into, redirects, made))
    return out

