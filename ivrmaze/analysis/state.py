"""Everything computed for one state of the week: run once per distinct state."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..graph import Role
from .graphs import reached, strong_components
from .metrics import Absorption, BestRoutes, guaranteed_hops, route_graph, transition_matrix
from .moves import Moves, Static, adjacency, moves_at
from .traps import LineTraps


@dataclass
class LineIntent:
    best: tuple[int, int, list[int]] | None  # (hops, retells, route node indexes)
    guaranteed: int | None
    probability: float | None
    expected: float | None
    trap_nodes: np.ndarray  # node indexes, sorted (a trap is a handful of nodes: not a mask of them all)
    entering: np.ndarray  # move edge indexes into the trap
    n: int  # nodes in the maze

    @property
    def trap(self) -> np.ndarray:
        """The trap as a bool mask over the nodes (made on each call)."""
        mask = np.zeros(self.n, dtype=bool)
        mask[self.trap_nodes] = True
        return mask

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
    S = adjacency(st, mv.edge)  # the moves' distinct edges, once: what the searches walk
    reach = {e: reached(S, [e]) for e, _ in entries}  # where a call from each entry can be
    _line_metrics(res, entries, chances, S, reach)
    res.reach_all = reached(adjacency(st, np.concatenate([mv.edge, mv.failure_edge])), [e for e, _ in entries])
    res.reach_moves = np.logical_or.reduce(list(reach.values())) if reach else np.zeros(mv.n, dtype=bool)
    res.dead = res.reach_all & _ends_unresolved(mv)
    res.cycles = _ping_pong(mv)
    return res


def _line_metrics(res: StateResult, entries: list[tuple[int, list[str]]], chances: bool, S: Any,
                  reach: dict[int, np.ndarray]) -> None:
    """The metrics of every line and intent, into ``res.lines``. ``S``: the moves' distinct
    edges (``moves.adjacency``); ``reach``: where a call from each entry can be along them."""
    mv = res.moves
    st = mv.static
    if not entries:
        return
    T = adjacency(st, mv.edge, reverse=True)
    G = guaranteed_hops(mv, S, T)
    ab = Absorption(mv, transition_matrix(mv) if chances else None, solve=chances, S=S, T=T)
    col = {x: i for i, x in enumerate(st.intents)}
    # the moves and the error routes (on_error) together: how a call may fall into a trap
    every = adjacency(st, np.concatenate([mv.edge, mv.error_edge])) if len(mv.error_edge) else None
    ways = route_graph(mv)  # the same for every line: only the Dijkstra is the line's
    for entry, intents in entries:
        routes = BestRoutes(mv, entry, ways)
        traps = LineTraps(mv, S, entry, ab.can_end, reach[entry], False) if every is None else \
            LineTraps(mv, every, entry, ab.can_end, reached(every, [entry]), True)
        # the random call (no errors) circles forever in a trap of the moves alone
        plain = traps if every is None or not chances else LineTraps(mv, S, entry, ab.can_end, reach[entry], False)
        # every metric of an intent follows from where it is resolved: intents resolved at the same
        # nodes (those of a `resolves: "*"` team, say) share one result
        same: dict[bytes, LineIntent] = {}
        for intent in intents:
            c = col[intent]
            key = mv.resolves[:, c].tobytes()
            if key not in same:
                trap, entering = traps.trap(c)
                circles = bool(len(trap)) if plain is traps else bool(len(plain.trap(c)[0]))
                same[key] = LineIntent(routes.to(mv.resolves[:, c]), _or_none(int(G[entry, c])),
                                       *_chances(ab, entry, c, circles), trap, entering, mv.n)
            res.lines[(entry, intent)] = same[key]


def _or_none(g: int) -> int | None:
    return None if g < 0 else g


def _chances(ab: Absorption, entry: int, c: int, circles: bool) -> tuple[float | None, float | None]:
    """(probability, expected hops) of the random caller, as ``metrics.Walk`` gives them."""
    p = ab.probability[entry, c]
    e = ab.expected[entry, c]
    return (None if np.isnan(p) else float(min(1.0, max(0.0, p))),
            None if circles or np.isnan(e) else float(e))


#: The kinds a state's dead ends are read from (``Static.of_kind``): after the call, and where it goes on unseen.
_HANGUP, _ENDED = ("hangup",), ("hangup", "unknown")


def prepare(st: Static) -> None:
    """Make the kind masks every state reads once: before forking workers, so that each does not
    make its own. (Not ``edge_order``: two arrays of the edges, which at a million nodes would raise
    the parent's peak past the workers' few milliseconds of sorting.)"""
    st.of_kind(*_HANGUP)
    st.of_kind(*_ENDED)


def _ends_unresolved(mv: Moves) -> np.ndarray:
    """Nodes that resolve nothing and after which the call ends: no move at all, or every move
    straight to `hangup` (a closing message, a closed queue's disconnect). Dead ends where reachable.
    An `unknown` node is none: the call goes on where ivrmaze cannot see."""
    st = mv.static
    hangup = st.of_kind(*_HANGUP)
    e = mv.edge
    not_to_hangup = np.zeros(mv.n, dtype=bool)
    not_to_hangup[st.src[e[~hangup[st.dst[e]]]]] = True  # a move to an `unknown` node goes on
    return ~mv.resolves.any(axis=1) & ~st.of_kind(*_ENDED) & ~not_to_hangup


def _ping_pong(mv: Moves) -> list[np.ndarray]:
    """Cycles of agent, auto and system moves that contain a transfer, as node index arrays."""
    st = mv.static
    e = mv.edge
    aa = e[(st.role[e] == Role.AGENT) | (st.role[e] == Role.AUTO) | (st.role[e] == Role.SYSTEM)]
    if not len(aa):
        return []
    _, labels = strong_components(adjacency(st, aa))
    agent_e = aa[st.role[aa] == Role.AGENT]
    inside = labels[st.src[agent_e]] == labels[st.dst[agent_e]]
    # a component holding a transfer from one of its nodes to another (or itself) is a cycle
    comps = set(labels[st.src[agent_e[inside]]].tolist())
    # by first node: the same order whichever search numbered the components (graphs)
    return sorted((np.flatnonzero(labels == c) for c in comps), key=lambda m: int(m[0]))
