"""silent-bounce: a team or time branch on a caller's route is closed and its `closed` route
brings the caller back, without a word, to a node already on that route (a menu, the welcome):
the caller hears the same menu again and is not told why. Reported whether or not a trap
results (the Mobistar mistake: "Mortgage desk is closed." and back in the main menu).

Per state: a live `closed` edge of a reached node starts a walk through the nodes that pass
the call on without speaking (branches, redirects, other closed teams). The walk is a bounce
when it lands on a node that can reach the closed node again (same strongly connected part of
the moves) and that callers reach without that closed edge; any message, menu of its own or
open team on the way stops it.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..graph import Role, When, is_unknown_hours
from ..kinds import Kind
from ..timeline import joined
from ._where import edge_pos
from .context import CheckContext, finding

KIND = Kind("silent-bounce", "IVM211", "warning",
            "A closed team or branch sends callers back to where they were, without a word.")
LIMITS: dict[str, tuple[int, str]] = {}

if TYPE_CHECKING:
    import numpy as np

#: Nodes that pass a call on without a word: the walk goes on through them.
_SILENT = {"branch", "external", "queue"}


def check(ctx: CheckContext) -> Iterator[Finding]:
    found: dict[tuple[int, tuple[int, ...]], list[Any]] = {}
    entries = sorted({ln.node for ln in ctx.lines})
    for res, windows in ctx.groups:
        for e, chain in _bounces(ctx, res, entries):
            found.setdefault((e, chain), []).extend(windows)
    for (e, chain), windows in sorted(found.items(), key=lambda kv: edge_pos(ctx, kv[0][0])[:3] + kv[0][1:]):
        yield _finding(ctx, e, chain, windows)


def _bounces(ctx: CheckContext, res: Any, entries: list[int]) -> Iterator[tuple[int, tuple[int, ...]]]:
    """(closed edge, nodes after it up to the landing node) of every silent bounce at a state."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    from ..analysis.graphs import strong_components  # numpy, as above (scipy for big mazes)
    from ..analysis.metrics import reachable  # numpy, as above

    st, mv = ctx.static, res.moves
    closed = mv.edge[(st.when[mv.edge] == When.CLOSED) & res.reach_moves[st.src[mv.edge]]]
    if not len(closed):
        return
    _, label = strong_components(mv.matrix())
    auto = mv.edge[st.role[mv.edge] == Role.AUTO]
    count = np.bincount(st.src[auto], minlength=len(st.nodes))
    only = np.full(len(st.nodes), -1, dtype=np.int64)  # the one automatic move on, where there is one
    only[st.src[auto][count[st.src[auto]] == 1]] = st.dst[auto][count[st.src[auto]] == 1]
    plain = reachable(mv.matrix(edges=mv.edge[st.when[mv.edge] != When.CLOSED]), entries)
    for e in closed.tolist():
        q = int(st.src[e])
        chain = _walk(ctx, mv, int(st.dst[e]), label, label[q], only)
        if chain is None:
            continue
        land = chain[-1]
        # the landing node must be on the caller's way to q, not only behind q's closed route
        if not plain[land]:
            others = mv.edge[~np.isin(mv.edge, np.flatnonzero((st.src == q) & (st.when == When.CLOSED)))]
            if not reachable(mv.matrix(edges=others), entries)[land]:
                continue
        yield e, tuple(chain)


def _walk(ctx: CheckContext, mv: Any, d: int, label: np.ndarray, part: int, only: np.ndarray) -> list[int] | None:
    """The silent nodes from ``d`` to the first node of ``part`` (the closed node's strongly
    connected part), or None when a message, a menu or an open team comes first. ``only``: per
    node, the destination of its one automatic move (-1: none, or more than one)."""
    st = ctx.static
    chain: list[int] = []
    while d not in chain:
        chain.append(d)
        if label[d] == part:
            return chain
        if st.kind[d] not in _SILENT or (st.kind[d] == "queue" and mv.open_node[d]):
            return None
        if only[d] < 0:
            return None
        d = int(only[d])
    return None


def _finding(ctx: CheckContext, e: int, chain: tuple[int, ...], windows: list[Any]) -> Finding:
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
    return finding(KIND, f"{what} {times} and sends callers back to `{back}` without a word ({route}), expected "
                   "a closed message that gives the hours, a callback, or no way to it while it is closed",
                   file, line, col, node=nid, when=when, nodes=tuple(ctx.name(i, file) for i in (q, *chain)))
