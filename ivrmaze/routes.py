"""Routes as people read them: ``welcome -> main -[3]-> switchboard => facilities``.

``-[3]->`` the caller presses 3; ``=>`` an agent transfers; ``->`` the call moves on by
itself (``-(closed)->`` because a queue is closed); ``-(no match)->`` and the like after a
failed key (``-(on error)->`` when a step fails); ``-(staffed)->`` the system decides an
outcome. Node ids are shown as written in ``file``, as ``file#id`` in other files.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .graph import Role, edge_live, shown

if TYPE_CHECKING:
    import networkx as nx

    from .maze import Maze

EdgeData = dict[str, Any]


def arrow(data: EdgeData) -> str:
    role, via = data.get("role"), data.get("via")
    if role == "caller":
        return f"-[{data.get('dtmf')}]->"
    if role == "agent":
        return "=(warm)=>" if data.get("warm") else "=>"
    if role == "failure":
        return f"-({str(via).replace('_', ' ')})->"
    if role == "system":
        return f"-({data.get('label')})->"
    if via in ("closed", "open") and data.get("schedule"):
        return f"-({via})->"
    return "->"


def route_text(maze: Maze, nodes: Sequence[str], edges: Sequence[EdgeData] | None = None, *,
               file: str | None = None, state: frozenset[str] | None = None) -> str:
    """``nodes`` (qualified ids) joined by arrows; ``edges`` the edge data taken between them, or
    None to pick, between each pair, a caller, agent or auto edge (live at ``state`` if given)."""
    if not nodes:
        return "(no route)"
    out = [shown(nodes[0], file)]
    for i, (u, v) in enumerate(zip(nodes, nodes[1:], strict=False)):
        data = edges[i] if edges is not None else _pick(maze.graph, u, v, state)
        out.append(f"{arrow(data)} {shown(v, file)}")
    return " ".join(out)


#: Which edge between two nodes a route shows: the caller's, an agent's, the call's own, the system's, a failure
_ORDER = {r.name.lower(): i for i, r in enumerate((Role.CALLER, Role.AGENT, Role.AUTO, Role.SYSTEM, Role.FAILURE))}


def _pick(G: nx.MultiDiGraph, u: str, v: str, state: frozenset[str] | None) -> EdgeData:
    every = list(G.get_edge_data(u, v, default={}).values())
    cands = [d for d in every if edge_live(d, state)] or every
    return min(cands, key=lambda d: (_ORDER.get(str(d.get("role")), 9), d.get("dtmf") or "")) if cands else {}
