"""Marks and changes of a scene that only steer Graphviz's layout.

``back`` and ``cross`` edges do not push their targets down a rank; the leaves of very wide
ranks are staggered over a few ranks; a compact drawing (a big maze) draws edges that leave
the menu tree to a small copy (a *ref*) of their target.
"""
from __future__ import annotations

from collections.abc import Callable, Collection

from .scene import Cluster, SceneEdge, SceneNode

#: Most nodes side by side in one rank before leaves get staggered over several ranks.
STAGGER_ABOVE = 24

#: The roles of edges that lead deeper into the menu tree.
FORWARD_ROLES = ("entry", "caller", "auto", "open", "system")


def _depths(nodes: dict[str, SceneNode], out: dict[str, list[SceneEdge]]) -> tuple[dict[str, int], set[int]]:
    """Breadth-first distance of each node from the ways in, and the id() of the edge that first
    reached each node."""
    depth: dict[str, int] = {}
    tree: set[int] = set()
    frontier = [n.name for n in nodes.values() if n.kind == "start"]
    for n in frontier:
        depth[n] = 0
    while frontier:
        nxt = []
        for n in frontier:
            for e in out.get(n, ()):
                if e.dst not in depth:
                    depth[e.dst] = depth[n] + 1
                    tree.add(id(e))
                    nxt.append(e.dst)
        frontier = nxt
    return depth, tree


def mark_back_edges(nodes: dict[str, SceneNode], edges: list[SceneEdge]) -> None:
    """Mark ``back`` the caller and auto edges that do not lead deeper into the menu tree.

    Depth is the breadth-first distance from the ways in over caller and auto moves (and the
    open side of branches); a forward edge goes from depth d to d + 1 or to a node not yet met.
    """
    out: dict[str, list[SceneEdge]] = {}
    for e in edges:
        if e.role in FORWARD_ROLES:
            out.setdefault(e.src, []).append(e)
    depth, tree = _depths(nodes, out)
    for e in edges:
        if e.role in FORWARD_ROLES and e.src in depth and e.dst in depth and depth[e.dst] <= depth[e.src]:
            e.marks.append("back")
        elif e.role in FORWARD_ROLES and id(e) not in tree and e.role != "entry":
            e.marks.append("cross")
    _stagger_leaves(depth, edges, FORWARD_ROLES)


def _stagger_leaves(depth: dict[str, int], edges: list[SceneEdge], forward_roles: Collection[str]) -> None:
    """Spread the leaves of wide ranks over up to 6 ranks (like Graphviz's ``unflatten -l``), so
    a big maze is drawn less wide. A leaf here has no forward edge of its own."""
    per_rank: dict[int, int] = {}
    for d in depth.values():
        per_rank[d] = per_rank.get(d, 0) + 1
    widest = max(per_rank.values(), default=0)
    if widest <= STAGGER_ABOVE:
        return
    spread = min(6, -(-widest // STAGGER_ABOVE))
    has_forward = {e.src for e in edges if e.role in forward_roles and "back" not in e.marks}
    count: dict[str, int] = {}
    for e in edges:
        if e.role in forward_roles and "back" not in e.marks and e.dst not in has_forward \
                and depth.get(e.dst) == depth.get(e.src, -9) + 1:
            i = count.get(e.src, 0)
            count[e.src] = i + 1
            e.minlen = 1 + i % spread


def proxy_hubs(nodes: dict[str, SceneNode], edges: list[SceneEdge], clusters: list[Cluster],
               slug: Callable[..., str]) -> None:
    """Compact drawings keep the menu tree as edges and draw every other edge (transfers, closed
    redirects, failures, edges back up or across the tree) to a small copy of its target."""
    cluster_of = {name: cl for cl in clusters for name in cl.nodes}
    for e in edges:
        target = nodes[e.dst]
        if e.src == e.dst or target.kind == "start":
            continue
        if e.role not in ("agent", "failure", "error", "closed") and "back" not in e.marks and "cross" not in e.marks:
            continue
        ref = SceneNode(slug("ref", e.dst), target.qid, "ref", f"↪ {target.title}",
                        tooltip=f"the same node as {target.title}, drawn again here\n{target.tooltip}",
                        file=target.file, line=target.line, alias_of=target.name)
        nodes[ref.name] = ref
        cluster_of[e.src].nodes.append(ref.name)
        e.dst = ref.name
        e.marks = [m for m in e.marks if m not in ("back", "cross")] + ["to-ref"]
