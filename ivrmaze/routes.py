"""Routes as people read them: ``welcome -> main -[3]-> switchboard => facilities``.

``-[3]->`` the caller presses 3; ``=>`` an agent transfers; ``->`` the call moves on by
itself (``-(closed)->`` because a queue is closed); ``-(no match)->`` and the like after a
failed key. Node ids are shown as written in ``file``, as ``file#id`` in other files.
"""
from __future__ import annotations

from .graph import split


def arrow(data: dict) -> str:
    role, via = data.get("role"), data.get("via")
    if role == "caller":
        return f"-[{data.get('dtmf')}]->"
    if role == "agent":
        return "=(warm)=>" if data.get("warm") else "=>"
    if role == "failure":
        return f"-({via.replace('_', ' ')})->"
    if via in ("closed", "open") and data.get("schedule"):
        return f"-({via})->"
    return "->"


def node_name(q: str, file: str | None = None) -> str:
    f, nid = split(q)
    return nid if f == file else q


def route_text(maze, nodes, edges=None, *, file=None, state=None) -> str:
    """``nodes`` (qualified ids) joined by arrows; ``edges`` the edge data taken between them, or
    None to pick, between each pair, a caller, agent or auto edge (live at ``state`` if given)."""
    if not nodes:
        return "(no route)"
    out = [node_name(nodes[0], file)]
    for i, (u, v) in enumerate(zip(nodes, nodes[1:])):
        data = edges[i] if edges is not None else _pick(maze.graph, u, v, state)
        out.append(f"{arrow(data)} {node_name(v, file)}")
    return " ".join(out)


def _pick(G, u, v, state):
    from .simulator import edge_live

    cands = [d for d in G.get_edge_data(u, v, default={}).values()
             if state is None or edge_live(d, state)] or list(G.get_edge_data(u, v, default={}).values())
    order = {"caller": 0, "agent": 1, "auto": 2, "failure": 3}
    return min(cands, key=lambda d: (order.get(d.get("role"), 9), d.get("dtmf") or "")) if cands else {}
