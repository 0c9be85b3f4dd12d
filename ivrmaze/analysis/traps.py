"""Every intent's trap on one phone line from two searches of the line, not one per intent.

A call with intent c is trapped at the nodes it can be at (``reach_c``: from the entry, going
on from no node that resolves c) from which it can neither resolve nor end (``~can_end_c``).
Those nodes are few, and ``reach_c`` lies between two searches made once per line: ``low``,
going on from no node that resolves any intent, and ``high``, going on from every node. Where
the two agree on the trap's nodes and on the sources of the moves into them, the trap and its
entering moves are known with no search of their own; where they do not (a trap reached only
through another intent's resolution), the intent gets its own search, as ``metrics.Walk`` does.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .frontier import gather, induced, reach_stopping
from .graphs import distinct, like, reached
from .moves import Moves


class LineTraps:
    """The traps of one line at one state. ``G``: the distinct edges a call walks (the moves,
    with the error routes when ``errors``: then a node with no move goes on by its error route);
    ``can_end``: per node and intent (``Absorption.can_end``); ``high``: where a call from
    ``entry`` can be along G, stopping nowhere."""

    def __init__(self, mv: Moves, G: Any, entry: int, can_end: np.ndarray, high: np.ndarray,
                 errors: bool) -> None:
        st = mv.static
        self.mv, self.G, self.entry, self.can_end, self.high, self.errors = mv, G, entry, can_end, high, errors
        self.low: np.ndarray | None = None  # searched when a trap is first met
        self.behind: _Behind | None = None  # made when low and high first differ where it matters
        self.zone = np.flatnonzero(high & ~can_end.all(axis=1))  # trapped for some intent
        zone = np.zeros(mv.n, dtype=bool)
        zone[self.zone] = True
        e = self.edges()
        e = e[zone[st.dst[e]]]  # the only moves that can enter a trap
        self.into, self.src, self.dst = e, st.src[e], st.dst[e]

    def edges(self) -> np.ndarray:
        """The moves and error routes: how a call may fall into a trap (in Walk's order)."""
        return np.concatenate([self.mv.edge, self.mv.error_edge])

    def stop(self, resolves: np.ndarray) -> np.ndarray:
        """Where a call that resolves at ``resolves`` goes no further along G."""
        return resolves if self.errors else resolves | self.mv.terminal

    def trap(self, col: int, how: str = "bounds") -> tuple[np.ndarray, np.ndarray]:
        """(trap node indexes, sorted; move edges into the trap from reachable nodes outside it)
        for intent column ``col``, as ``Walk.trap`` and ``Walk.entering_edges`` give them.
        ``how``: "bounds" (``low`` and ``high``, then ``behind`` where they differ), or one way
        for every intent, "behind" or "search" (the intent's own search: what tests compare)."""
        out = ~self.can_end[:, col]
        nodes = self.zone[out[self.zone]]
        if not len(nodes):
            return nodes, self.into[:0]
        if how == "search":
            return self._searched(col)
        low = self._low()
        into = out[self.dst]  # moves into the nodes that cannot end: from inside them none enters
        from_out = into & ~out[self.src]
        if how == "bounds" and not (self.high[nodes] & ~low[nodes]).any() and \
                not (self.high[self.src[from_out]] & ~low[self.src[from_out]]).any():
            reach = low  # every node that matters is reached along both or neither
        else:
            reach = self._behind(col)
        inside = reach(nodes) if callable(reach) else reach[nodes]
        at = reach(self.dst) if callable(reach) else reach[self.dst]
        by = reach(self.src) if callable(reach) else reach[self.src]
        return nodes[inside], self.into[from_out & into & at & by]

    def _low_stop(self) -> np.ndarray:
        """Where ``low`` goes no further: wherever some intent resolves."""
        return self.stop(np.asarray(self.mv.resolves.any(axis=1)))

    def _low(self) -> np.ndarray:
        if self.low is None:
            self.low = reach_stopping(self.G, self.entry, self._low_stop())
        return self.low

    def _behind(self, col: int) -> Any:
        """Whether a call with intent ``col`` can be at given nodes, exactly: ``low``'s nodes, and
        those of ``high`` past a resolution (``behind``: reached only through a node that
        resolves some intent) that it reaches from a node of ``low`` where it goes on."""
        if self.behind is None:
            self.behind = _Behind(self.G, self._low(), self.high, self._low_stop())
        return self.behind.reach(self.stop(self.mv.resolves[:, col]))

    def _searched(self, col: int) -> tuple[np.ndarray, np.ndarray]:
        """The trap from the intent's own search (``Walk``'s way)."""
        st = self.mv.static
        reach = reach_stopping(self.G, self.entry, self.stop(self.mv.resolves[:, col]))
        trap = reach & ~self.can_end[:, col]
        e = self.edges()
        if not trap.any():
            return np.flatnonzero(trap), e[:0]
        return np.flatnonzero(trap), e[reach[st.src[e]] & ~trap[st.src[e]] & trap[st.dst[e]]]


class _Behind:
    """The nodes of ``high`` that are not in ``low`` (reached only past a node that resolves some
    intent, ``low_stop``), as their own graph, and the moves into them from the stops of ``low``:
    a call with one intent reaches the low nodes and, from the stops of low where it goes on,
    some of these. (A node of low where the call goes on, not a stop of low, has all its
    successors in low.)"""

    def __init__(self, G: Any, low: np.ndarray, high: np.ndarray, low_stop: np.ndarray) -> None:
        self.low = low
        self.nodes = np.flatnonzero(high & ~low)
        self.pos = np.full(len(low) + 1, -1, dtype=np.int64)  # the last: for index -1
        self.pos[self.nodes] = np.arange(len(self.nodes))
        self.G = induced(G, self.nodes)
        stops = np.flatnonzero(low & low_stop)
        which, dst = gather(np.asarray(G.indptr, dtype=np.int64), G.indices, stops)
        keep = self.pos[dst] >= 0
        self.seed_src, self.seed_dst = stops[which[keep]], self.pos[dst[keep]]

    def reach(self, stop: np.ndarray) -> Any:
        """For a call going on from no ``stop`` node: whether it can be at given nodes (a function
        of an index array)."""
        seeds = distinct(self.seed_dst[~stop[self.seed_src]])
        at = np.zeros(len(self.nodes) + 1, dtype=bool)  # the last: for nodes not behind
        if len(seeds):
            at[:-1] = _reach_from(self.G, seeds, stop[self.nodes])

        def reach(idx: np.ndarray) -> np.ndarray:
            return self.low[idx] | at[self.pos[idx]]
        return reach


def _reach_from(G: Any, seeds: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """Bool mask of the nodes reachable from ``seeds`` along G, going on from no ``stop`` node."""
    lens = np.diff(G.indptr)
    keep = np.repeat(~stop, lens)
    indptr = np.concatenate([[0], np.cumsum(np.where(stop, 0, lens))])
    return reached(like(G, np.ones(int(indptr[-1]), dtype=np.int8), G.indices[keep], indptr, G.shape), seeds)


__all__ = ["LineTraps"]
