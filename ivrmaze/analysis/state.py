"""Everything computed for one state of the week: run once per distinct state."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csgraph

from .metrics import Absorption, BestRoutes, Walk, guaranteed_hops, reachable, transition_matrix
from .moves import AGENT, AUTO, Moves, Static, moves_at


@dataclass
class LineIntent:
    best: tuple | None  # (hops, retells, route node indexes)
    guaranteed: int | None
    probability: float | None
    expected: float | None
    trap: np.ndarray  # bool mask
    entering: np.ndarray  # move edge indexes into the trap

    def metrics(self):
        return (None if self.best is None else self.best[0], self.guaranteed,
                None if self.probability is None else round(self.probability, 9),
                None if self.expected is None else round(self.expected, 9),
                None if self.best is None else self.best[1])


@dataclass
class StateResult:
    state: frozenset
    moves: Moves
    #: (entry index, intent) -> LineIntent
    lines: dict = field(default_factory=dict)
    reach_all: np.ndarray | None = None  # reachable from any entry by any move, failures too
    reach_moves: np.ndarray | None = None  # reachable from any entry by caller/agent/auto moves
    dead: np.ndarray | None = None  # dead-end frontier nodes
    cycles: list = field(default_factory=list)  # ping-pong SCCs as index arrays


def analyze_state(st: Static, state: frozenset, entries: list[tuple[int, list[str]]],
                  chances: bool = True) -> StateResult:
    """``entries``: (entry node index, intent ids analysed for that line). ``chances=False``
    leaves out the random caller's probability and expected hops (no finding needs them)."""
    mv = moves_at(st, state)
    res = StateResult(state, mv)
    P = transition_matrix(mv)
    if entries:
        G = guaranteed_hops(mv)
        ab = Absorption(mv, P, solve=chances)
    col = {x: i for i, x in enumerate(st.intents)}
    for entry, intents in entries:
        routes = BestRoutes(mv, entry)
        reach_any = reachable(P, [entry])
        for intent in intents:
            c = col[intent]
            best = routes.to(mv.resolves[:, c])
            g = int(G[entry, c])
            walk = Walk(mv, entry, c, P, ab, reach_any)
            res.lines[(entry, intent)] = LineIntent(best, None if g < 0 else g, walk.probability, walk.expected,
                                                     walk.trap, walk.entering_edges(mv))
    n = mv.n
    every = np.concatenate([mv.edge, mv.failure_edge])
    A_all = mv.matrix(edges=every)
    A_moves = mv.matrix()
    sources = [e for e, _ in entries]
    res.reach_all = reachable(A_all, sources)
    res.reach_moves = reachable(A_moves, sources)
    # dead ends: reachable nodes that resolve nothing and after which the call ends: no move at
    # all, or every move straight to `hangup` (a closing message, a closed queue's disconnect)
    resolves_any = mv.resolves.any(axis=1)
    hangup = st.kind == "hangup"
    e = mv.edge
    not_to_hangup = np.zeros(n, dtype=bool)
    not_to_hangup[st.src[e[~hangup[st.dst[e]]]]] = True
    res.dead = res.reach_all & ~resolves_any & ~hangup & ~not_to_hangup
    # ping-pong: cycles of agent and auto moves that contain a transfer
    e = mv.edge
    aa = e[(st.role[e] == AGENT) | (st.role[e] == AUTO)]
    if len(aa):
        A = mv.matrix(edges=aa)
        ncomp, labels = csgraph.connected_components(A, directed=True, connection="strong")
        agent_e = aa[st.role[aa] == AGENT]
        inside = labels[st.src[agent_e]] == labels[st.dst[agent_e]]
        comps = set(labels[st.src[agent_e[inside]]].tolist())
        # a component holding a transfer from one of its nodes to another (or itself) is a cycle
        for c in sorted(comps):
            res.cycles.append(np.flatnonzero(labels == c))
    return res

