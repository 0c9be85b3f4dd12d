"""The checks as first written, one finding at a time in plain Python: what the fast paths of
``ivrmaze.checks`` (walks and groupings on arrays, positions and texts made once) must give,
finding for finding (tests/test_check_fast_paths.py)."""
from __future__ import annotations

from typing import Any

import numpy as np

from ivrmaze.analysis.graphs import strong_components
from ivrmaze.analysis.metrics import reachable
from ivrmaze.checks import silent_bounce as sb
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


def dead_end(ctx: Any) -> list[Any]:
    """dead-end and honest-end as first written: a pass over the edges' dictionaries, a column
    of the states x nodes arrays per node."""
    from ivrmaze.checks import dead_end as de

    dead = np.array([res.dead for res, _ in ctx.groups])
    reached = np.array([res.reach_all for res, _ in ctx.groups])
    st = ctx.static
    via = np.array([d["via"] for d in st.edata], dtype=object)
    after: dict[int, list[int]] = {}
    for e, d in enumerate(st.edata):
        if d["via"] == "next":
            after.setdefault(int(st.src[e]), []).append(int(st.dst[e]))
    vias = ((via == "closed") | ((via == "open") & (st.kind[st.src] == "branch")), (via == "next") & st.is_queue[st.src],
            after)
    closing = [de.closing_messages(ctx, r.moves.edge, reached[s], False, vias) for s, (r, _) in enumerate(ctx.groups)]
    talked = [de.closing_messages(ctx, r.moves.edge, reached[s], True, vias) for s, (r, _) in enumerate(ctx.groups)]
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
