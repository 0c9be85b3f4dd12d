"""ping-pong: queues whose agents can transfer a caller round in a cycle (through transfers and
auto moves). Reported from the node with the smallest position, as actionlint reports cycles."""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from ..analysis.moves import AGENT, AUTO
from ..findings import Finding
from ._where import edge_pos, listing, names

KINDS = ("ping-pong",)


def check(ctx, rows):
    found: dict[frozenset, list] = {}
    for res, windows in ctx.groups:
        for members in res.cycles:
            found.setdefault(frozenset(members.tolist()), []).extend(windows)
    st = ctx.static
    for members, windows in sorted(found.items(), key=lambda kv: min(ctx.node_attr(i)["line"] for i in kv[0])):
        # the same agents' cycle in other states may hold other nodes; each set is its own finding
        m = np.zeros(len(st.nodes), dtype=bool)
        m[list(members)] = True
        within = m[st.src] & m[st.dst]
        inner = np.flatnonzero(within & (st.role == AGENT)).tolist()
        first = min(inner, key=lambda e: edge_pos(ctx, e)[:3])
        file, line, col, nid = edge_pos(ctx, first)
        # the shortest cycle through the first transfer, for the message
        u, v = int(st.src[first]), int(st.dst[first])
        back = _shortest_path(st, within & ((st.role == AGENT) | (st.role == AUTO)), v, u)
        cycle = " -> ".join(ctx.name(i, file) for i in [u] + back)
        members_named = names(ctx, members, file)
        yield Finding("ping-pong", f"agents can transfer callers round in a cycle: {cycle} (among "
                      f"{listing(members_named)}), expected transfers that lead to a team that resolves, or a "
                      "callback", file, line, col, node=nid, when=ctx.when(windows, file), nodes=members_named)


def _shortest_path(st, edges, a: int, b: int) -> list[int]:
    """Nodes on a shortest path from ``a`` to ``b`` over the masked edges (both ends included)."""
    if a == b:
        return [a]
    e = np.flatnonzero(edges)
    n = len(st.nodes)
    A = sp.csr_matrix((np.ones(len(e)), (st.src[e], st.dst[e])), shape=(n, n))
    _, pred = csgraph.breadth_first_order(A, a, directed=True, return_predecessors=True)
    path = [b]
    while path[-1] != a:
        path.append(int(pred[path[-1]]))
    return path[::-1]
