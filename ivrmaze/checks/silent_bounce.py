"""silent-bounce: a team or time branch on a caller's route is closed and its `closed` route
brings the caller back, without a word, to a node already on that route (a menu, the welcome):
the caller hears the same menu again and is not told why. Reported whether or not a trap
results (the Mobistar mistake: "Mortgage desk is closed." and back in the main menu).

Per state: a live `closed` edge of a reached node starts a walk through the nodes that pass
the call on without speaking (branches, redirects, other closed teams). The walk is a bounce
when it lands on a node that can reach the closed node again (same strongly connected part of
the moves) and that callers reach without that closed edge; any message, menu of its own or
open team on the way stops it.

A walk that lands at all lands on its first node, the closed edge's own destination: the closed
edge is a move, so a node past that destination in the closed node's part would put the
destination in that part too. So a bounce is a live closed edge between two nodes of one part,
found for all the edges of a state at once on arrays (tests/plain_checks.py walks them one by
one, and tests/test_check_fast_paths.py compares both).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..graph import When, is_unknown_hours
from ..kinds import Kind
from ..timeline import joined
from ._where import Where, edge_pos
from .context import CheckContext, finding

KIND = Kind("silent-bounce", "IVM211", "warning",
            "A closed team or branch sends callers back to where they were, without a word.")
LIMITS: dict[str, tuple[int, str]] = {}

if TYPE_CHECKING:
    import numpy as np

def check(ctx: CheckContext) -> Iterator[Finding]:
    entries = sorted({ln.node for ln in ctx.lines})
    found = _merged(ctx, [_bounces(ctx, res, entries) for res, _ in ctx.groups])
    pos = {e: edge_pos(ctx, e) for e, _ in found}  # once per closed edge: it sorts and is shown
    dst = ctx.static.dst
    times_of: dict[tuple[int, str, bool], tuple[tuple[str, ...] | None, str]] = {}
    for e, windows in sorted(found, key=lambda f: pos[f[0]][:3] + (int(dst[f[0]]),)):
        yield _finding(ctx, e, windows, pos[e], times_of)


def _merged(ctx: CheckContext, hits: list[np.ndarray]) -> list[tuple[int, list[Any]]]:
    """(closed edge, windows of the states it bounces in) of every bounce of some state
    (``hits``: per state, its bouncing edges), in the order they first appear (state by state,
    edge by edge): grouped on arrays, not in a dictionary per state and bounce."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    edges = np.concatenate([np.zeros(0, dtype=np.int64), *hits])
    if not len(edges):
        return []
    state = np.repeat(np.arange(len(hits)), [len(h) for h in hits])
    uniq, first, inverse = np.unique(edges, return_index=True, return_inverse=True)
    member = np.zeros((len(hits), len(uniq)), dtype=bool)
    member[state, inverse.reshape(-1)] = True
    which, rows = _patterns(member)  # the bounces of the same states
    windows = [[w for s in np.flatnonzero(member[:, k]).tolist() for w in ctx.groups[s][1]] for k in rows.tolist()]
    order = np.argsort(first, kind="stable")
    return list(zip(uniq[order].tolist(), [windows[k] for k in which[order].tolist()], strict=True))


def _patterns(member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(group of each column, a column of each group) of the bool matrix ``member`` (states x
    bounces), columns grouped when equal: each column read as integers of 63 states each (so
    ``np.unique(member.T, axis=0)``'s sort of rows, field by field, is one sort of numbers)."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    keys = np.zeros(((len(member) + 62) // 63, member.shape[1]), dtype=np.int64)
    for k, row in enumerate(member):
        keys[k // 63] |= row.astype(np.int64) << (k % 63)
    order = np.lexsort(keys[::-1])
    ranked = keys[:, order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (ranked[:, 1:] != ranked[:, :-1]).any(axis=0)
    which = np.empty(len(order), dtype=np.int64)
    which[order] = np.cumsum(new) - 1
    return which, order[new]


def _bounces(ctx: CheckContext, res: Any, entries: list[int]) -> np.ndarray:
    """The closed edges that bounce at a state, in edge order."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    from ..analysis.graphs import strong_components  # numpy, as above (scipy for big mazes)
    from ..analysis.metrics import reachable  # numpy, as above
    from ..analysis.moves import adjacency  # numpy, as above

    st, mv = ctx.static, res.moves
    closed = mv.edge[(st.when[mv.edge] == When.CLOSED) & res.reach_moves[st.src[mv.edge]]]
    if not len(closed):
        return closed
    # the searches walk the moves' distinct edges out of Static's presorted order (``adjacency``):
    # a matrix summed from the edges costs a sort of every edge, per state, more than the search
    _, label = strong_components(adjacency(st, mv.edge))
    land = st.dst[closed]
    closed, land = closed[label[land] == label[st.src[closed]]], land[label[land] == label[st.src[closed]]]
    plain = reachable(adjacency(st, mv.edge[st.when[mv.edge] != When.CLOSED]), entries)
    keep = plain[land]
    # the landing node must be on the caller's way to q, not only behind q's closed route
    for g in np.flatnonzero(~keep).tolist():
        q = int(st.src[closed[g]])
        others = mv.edge[~np.isin(mv.edge, np.flatnonzero((st.src == q) & (st.when == When.CLOSED)))]
        keep[g] = reachable(adjacency(st, others), entries)[land[g]]
    return closed[keep]


def _finding(ctx: CheckContext, e: int, windows: list[Any], pos: Where,
             times_of: dict[tuple[int, str, bool], tuple[tuple[str, ...] | None, str]]) -> Finding:
    st = ctx.static
    file, line, col, nid = pos
    q = int(st.src[e])
    unknown = bool(st.sched[q] >= 0 and is_unknown_hours(st.schedules[st.sched[q]]))
    key = (id(windows), file, unknown)  # the windows of the bounces of the same states: named once
    if key not in times_of:
        when = ctx.when(windows, file)
        times = "at all times" if when is None else f"at {joined(when)}" if ctx.at is None else f"at {when[0]}"
        times_of[key] = when, "(its hours are not in the files, so ivrmaze tries it closed)" if unknown else times
    when, times = times_of[key]
    what = f"team `{nid}` is closed" if st.kind[q] == "queue" else f"branch `{nid}` takes its `closed` route"
    back = ctx.name(int(st.dst[e]), file)
    return finding(KIND, f"{what} {times} and sends callers back to `{back}` without a word ({nid} (closed) -> "
                   f"{back}), expected a closed message that gives the hours, a callback, or no way to it while it "
                   "is closed",
                   file, line, col, node=nid, when=when, nodes=(ctx.name(q, file), back))
