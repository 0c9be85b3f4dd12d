"""ping-pong: queues whose agents can transfer a caller round in a cycle (through transfers and
auto moves). Reported from the node with the smallest position, as actionlint reports cycles.

Linear in the states' nodes and edges: a state's cycles are disjoint, so one pass over the
edges per state finds the edges inside each of them, and the shortest cycle is searched only
among those (a search over the whole graph per cycle made many small cycles quadratic)."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..graph import Role
from ..kinds import Kind
from ..words import listing
from ._where import edge_pos, names
from .context import CheckContext, finding

KIND = Kind("ping-pong", "IVM205", "warning", "Agents can transfer a caller round in a cycle.")
LIMITS: dict[str, tuple[int, str]] = {}

if TYPE_CHECKING:
    import numpy as np

Members = frozenset[int]


def check(ctx: CheckContext) -> Iterator[Finding]:
    found: dict[Members, list[Any]] = {}
    for res, windows in ctx.groups:
        for members in res.cycles:
            found.setdefault(frozenset(members.tolist()), []).extend(windows)
    inner = _inner_edges(ctx, set(found))
    st = ctx.static
    for members, windows in sorted(found.items(), key=lambda kv: min(ctx.node_attr(i)["line"] for i in kv[0])):
        # the same agents' cycle in other states may hold other nodes; each set is its own finding
        within = inner[members]
        first = min(within[st.role[within] == Role.AGENT].tolist(), key=lambda e: edge_pos(ctx, e)[:3])
        file, line, col, nid = edge_pos(ctx, first)
        # the shortest cycle through the first transfer, for the message
        u, v = int(st.src[first]), int(st.dst[first])
        moves = within[(st.role[within] == Role.AGENT) | (st.role[within] == Role.AUTO)]
        back = _shortest_path(st, moves, v, u)
        cycle = " -> ".join(ctx.name(i, file) for i in [u] + back)
        members_named = names(ctx, members, file)
        yield finding(KIND, f"agents can transfer callers round in a cycle: {cycle} (among "
                      f"{listing(members_named)}), expected transfers that lead to a team that resolves, or a "
                      "callback", file, line, col, node=nid, when=ctx.when(windows, file), nodes=members_named)


def _inner_edges(ctx: CheckContext, wanted: set[Members]) -> dict[Members, np.ndarray]:
    """Member set -> the indexes (ascending) of the edges from one member to another."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st = ctx.static
    out: dict[Members, np.ndarray] = {}
    for res, _ in ctx.groups:
        sets = [frozenset(m.tolist()) for m in res.cycles]
        if all(s in out for s in sets):
            continue
        label = np.full(len(st.nodes), -1, dtype=np.int64)
        for j, m in enumerate(res.cycles):
            label[m] = j
        ls = label[st.src]
        e = np.flatnonzero((ls >= 0) & (ls == label[st.dst]))
        e = e[np.argsort(ls[e], kind="stable")]  # by cycle, each cycle's edges still ascending
        bounds = np.searchsorted(ls[e], np.arange(len(sets) + 1))
        for j, s in enumerate(sets):
            if s in wanted and s not in out:
                out[s] = e[bounds[j]:bounds[j + 1]]
    return out


def _shortest_path(st: Any, edges: np.ndarray, a: int, b: int) -> list[int]:
    """Nodes on a shortest path from ``a`` to ``b`` over ``edges`` (both ends included): a
    breadth-first search over those edges alone that visits each node's successors in index
    order, so ties break as scipy's search over the whole graph broke them."""
    if a == b:
        return [a]
    succ: dict[int, set[int]] = {}
    for u, v in zip(st.src[edges].tolist(), st.dst[edges].tolist(), strict=True):
        succ.setdefault(u, set()).add(v)
    pred = {a: a}
    queue = deque([a])
    while queue and b not in pred:
        u = queue.popleft()
        for v in sorted(succ.get(u, ())):
            if v not in pred:
                pred[v] = u
                queue.append(v)
    path = [b]
    while path[-1] != a:
        path.append(pred[path[-1]])
    return path[::-1]
