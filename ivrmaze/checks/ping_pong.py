"""ping-pong: queues whose agents can transfer a caller round in a cycle (through transfers and
auto moves). Reported from the node with the smallest position, as actionlint reports cycles.

Linear in the states' nodes and edges: a state's cycles are disjoint, so one pass over the
edges per state finds the edges inside each of them, and the shortest cycle is searched only
among those."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from ..findings import Finding
from ..graph import Role
from ..kinds import Kind
from ..words import listing
from ._where import edge_pos, names
from .context import CheckContext, finding

KIND = Kind("ping-pong", "IVM205", "warning", "Agents can transfer a caller round in a cycle.")
LIMITS: dict[str, tuple[int, str]] = {}

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
        back = _shortest_path(st, members, moves, v, u)
        cycle = " -> ".join(ctx.name(i, file) for i in [u] + back)
        members_named = names(ctx, members, file)
        yield finding(KIND, f"agents can transfer callers round in a cycle: {cycle} (among "
                      f"{listing(members_named)}), expected transfers that lead to a team that resolves, or a "
                      "callback", file, line, col, node=nid, when=ctx.when(windows, file), nodes=members_named)


def _inner_edges(ctx: CheckContext, wanted: set[Members]) -> dict[Members, np.ndarray]:
    """Member set -> the indexes (ascending) of the edges from one member to another."""
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


def _shortest_path(st: Any, members: Members, edges: np.ndarray, a: int, b: int) -> list[int]:
    """Nodes on a shortest path from ``a`` to ``b`` over ``edges`` (both ends included), searched
    on the members alone (numbered in the same order, so ties break as on the whole graph)."""
    if a == b:
        return [a]
    nodes = np.array(sorted(members), dtype=np.int64)
    local = np.searchsorted(nodes, st.src[edges]), np.searchsorted(nodes, st.dst[edges])
    A = sp.csr_matrix((np.ones(len(edges)), local), shape=(len(nodes), len(nodes)))
    start, end = int(np.searchsorted(nodes, a)), int(np.searchsorted(nodes, b))
    _, pred = csgraph.breadth_first_order(A, start, directed=True, return_predecessors=True)
    path = [end]
    while path[-1] != start:
        path.append(int(pred[path[-1]]))
    return [int(nodes[i]) for i in path[::-1]]
