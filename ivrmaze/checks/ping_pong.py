"""ping-pong: queues whose agents can transfer a caller round in a cycle (through transfers and
auto moves). Reported from the node with the smallest position, as actionlint reports cycles.

One finding per cycle: the states' cycles that share nodes are one problem, with their windows
merged and all their nodes. The message shows a cycle that exists at a state
(live moves only: not one through a transfer of a team that is never open).

Linear in the states' nodes and edges: a state's cycles are disjoint, so one pass over its live
edges finds the edges inside each of them, and the shortest cycle is searched only among those
(a search over the whole graph per cycle made many small cycles quadratic)."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
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


@dataclass
class _Cycle:
    """A cycle over every state: its first transfer, the shown cycle (through that transfer, at
    the first state that has it), its nodes and its windows."""

    first: int = -1
    path: list[int] = field(default_factory=list)
    members: set[int] = field(default_factory=set)
    windows: list[Any] = field(default_factory=list)


def check(ctx: CheckContext) -> Iterator[Finding]:
    found = _merged(ctx)
    for c in sorted(found, key=lambda c: min(ctx.node_attr(i)["line"] for i in c.members)):
        file, line, col, nid = edge_pos(ctx, c.first)
        cycle = " -> ".join(ctx.name(i, file) for i in c.path)
        members_named = names(ctx, c.members, file)
        yield finding(KIND, f"agents can transfer callers round in a cycle: {cycle} (among "
                      f"{listing(members_named)}), expected transfers that lead to a team that resolves, or a "
                      "callback", file, line, col, node=nid, when=ctx.when(c.windows, file), nodes=members_named)


def _merged(ctx: CheckContext) -> list[_Cycle]:
    """The states' cycles, those that share a node (at different states) merged into one: the
    same teams sending callers round, whoever joins them for part of the day. Independent of
    the order of the file: groups by shared nodes, the shown transfer by position."""
    st = ctx.static
    seen = [(s, members, within) for s, (res, _) in enumerate(ctx.groups) for members, within in _inner_edges(ctx, res)]
    root: dict[int, int] = {}

    def find(i: int) -> int:
        while root.setdefault(i, i) != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for _, members, _ in seen:
        first, *rest = members
        for i in rest:
            root[find(i)] = find(first)
    out: dict[int, _Cycle] = {}
    for s, members, within in seen:
        c = out.setdefault(find(next(iter(members))), _Cycle())
        first = min(within[st.role[within] == Role.AGENT].tolist(), key=lambda e: edge_pos(ctx, e)[:3])
        if c.first < 0 or edge_pos(ctx, first)[:3] < edge_pos(ctx, c.first)[:3]:
            # the shortest cycle through the first transfer, for the message
            u, v = int(st.src[first]), int(st.dst[first])
            moves = within[(st.role[within] == Role.AGENT) | (st.role[within] == Role.AUTO) |
                           (st.role[within] == Role.SYSTEM)]
            c.first, c.path = first, [u] + _shortest_path(st, moves, v, u)
        c.members |= members
        c.windows.extend(ctx.groups[s][1])
    return list(out.values())


def _inner_edges(ctx: CheckContext, res: Any) -> list[tuple[set[int], np.ndarray]]:
    """(members, indexes ascending of the state's live moves from one member to another) of
    each of the state's cycles."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st = ctx.static
    label = np.full(len(st.nodes), -1, dtype=np.int64)
    for j, m in enumerate(res.cycles):
        label[m] = j
    live = res.moves.edge
    ls = label[st.src[live]]
    e = live[(ls >= 0) & (ls == label[st.dst[live]])]
    e = e[np.argsort(label[st.src[e]], kind="stable")]  # by cycle, each cycle's edges still ascending
    bounds = np.searchsorted(label[st.src[e]], np.arange(len(res.cycles) + 1))
    return [(set(m.tolist()), e[bounds[j]:bounds[j + 1]]) for j, m in enumerate(res.cycles)]


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
