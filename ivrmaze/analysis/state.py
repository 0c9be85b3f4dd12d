"""Everything computed for one state of the week: run once per distinct state."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..graph import Role
from .frontier import structure
from .graphs import strong_components
from .metrics import Absorption, BestRoutes, Walk, guaranteed_hops, reachable, transition_matrix
from .moves import Moves, Static, moves_at


@dataclass
class LineIntent:
    best: tuple[int, int, list[int]] | None  # (hops, retells, route node indexes)
    guaranteed: int | None
    probability: float | None
    expected: float | None
    trap: np.ndarray  # bool mask
    entering: np.ndarray  # move edge indexes into the trap

    def metrics(self) -> tuple[Any, ...]:
        """(best hops, guaranteed, probability, expected, retells): equal tuples share a row."""
        return (None if self.best is None else self.best[0], self.guaranteed,
                None if self.probability is None else round(self.probability, 9),
                None if self.expected is None else round(self.expected, 9),
                None if self.best is None else self.best[1])


@dataclass
class StateResult:
    state: frozenset[str]
    moves: Moves
    #: (entry index, intent) -> LineIntent
    lines: dict[tuple[int, str], LineIntent] = field(default_factory=dict)
    reach_all: np.ndarray | None = None  # reachable from any entry by any move, failures too
    reach_moves: np.ndarray | None = None  # reachable from any entry by caller/agent/auto moves
    dead: np.ndarray | None = None  # dead-end frontier nodes
    cycles: list[np.ndarray] = field(default_factory=list)  # ping-pong SCCs as index arrays


def analyze_state(st: Static, state: frozenset[str], entries: list[tuple[int, list[str]]],
                  chances: bool = True) -> StateResult:
    """``entries``: (entry node index, intent ids analysed for that line). ``chances=False``
    leaves out the random caller's probability and expected hops (no finding needs them)."""
    mv = moves_at(st, state)
    res = StateResult(state, mv)
    _line_metrics(res, entries, chances)
    every = np.concatenate([mv.edge, mv.failure_edge])
    sources = [e for e, _ in entries]
    res.reach_all = reachable(mv.matrix(edges=every), sources)
    res.reach_moves = reachable(mv.matrix(), sources)
    res.dead = res.reach_all & _ends_unresolved(mv)
    res.cycles = _ping_pong(mv)
    return res


def _line_metrics(res: StateResult, entries: list[tuple[int, list[str]]], chances: bool) -> None:
    """The metrics of every line and intent, into ``res.lines``."""
    mv = res.moves
    st = mv.static
    if not entries:
        return
    P = transition_matrix(mv)
    S = structure(P)  # the moves' distinct edges: what the searches walk
    G = guaranteed_hops(mv, S)
    ab = Absorption(mv, P, solve=chances, S=S)
    col = {x: i for i, x in enumerate(st.intents)}
    # the moves and the error routes (on_error) together: how a call may fall into a trap
    every = mv.matrix(edges=np.concatenate([mv.edge, mv.error_edge])) if len(mv.error_edge) else None
    for entry, intents in entries:
        routes = BestRoutes(mv, entry)
        reach_any = reachable(P if every is None else every, [entry])
        # every metric of an intent follows from where it is resolved: intents resolved at the same
        # nodes (those of a `resolves: "*"` team, say) share one result
        same: dict[bytes, LineIntent] = {}
        for intent in intents:
            c = col[intent]
            key = mv.resolves[:, c].tobytes()
            if key not in same:
                best = routes.to(mv.resolves[:, c])
                g = int(G[entry, c])
                walk = Walk(mv, entry, c, P, ab, reach_any, every)
                same[key] = LineIntent(best, None if g < 0 else g, walk.probability, walk.expected, walk.trap,
                                       walk.entering_edges(mv))
            res.lines[(entry, intent)] = same[key]


def _ends_unresolved(mv: Moves) -> np.ndarray:
    """Nodes that resolve nothing and after which the call ends: no move at all, or every move
    straight to `hangup` (a closing message, a closed queue's disconnect). Dead ends where reachable.
    An `unknown` node is none: the call goes on where ivrmaze cannot see."""
    st = mv.static
    hangup = st.of_kind("hangup")
    e = mv.edge
    not_to_hangup = np.zeros(mv.n, dtype=bool)
    not_to_hangup[st.src[e[~hangup[st.dst[e]]]]] = True  # a move to an `unknown` node goes on
    return ~mv.resolves.any(axis=1) & ~st.of_kind("hangup", "unknown") & ~not_to_hangup


def _ping_pong(mv: Moves) -> list[np.ndarray]:
    """Cycles of agent, auto and system moves that contain a transfer, as node index arrays."""
    st = mv.static
    e = mv.edge
    aa = e[(st.role[e] == Role.AGENT) | (st.role[e] == Role.AUTO) | (st.role[e] == Role.SYSTEM)]
    if not len(aa):
        return []
    _, labels = strong_components(mv.matrix(edges=aa))
    agent_e = aa[st.role[aa] == Role.AGENT]
    inside = labels[st.src[agent_e]] == labels[st.dst[agent_e]]
    # a component holding a transfer from one of its nodes to another (or itself) is a cycle
    comps = set(labels[st.src[agent_e[inside]]].tolist())
    # by first node: the same order whichever search numbered the components (graphs)
    return sorted((np.flatnonzero(labels == c) for c in comps), key=lambda m: int(m[0]))
