"""The failing caller, for endless-reprompt and first-failure-disconnect: a caller who never
presses a key (``no_input``) or only wrong keys (``no_match``), walked as the simulator plays
the call.

A state is (node, failures so far). At a menu the caller fails once more: after ``retries``
failures the call takes ``exhausted`` (the count starts again), else the menu's ``no_input``
(or ``no_match``) route with the count kept, else the menu plays again. Every other move (a
message's ``next``, a branch, a redirect, a closed team's ``closed``, a decision's outcome)
starts the count again. The walk stops where a person answers (an open team), where the call
ends (hangup, voicemail, callback, a node with no move) and where ivrmaze cannot follow
(``unknown``). A bounded loop's ``again`` is not walked: it ends after its rounds. Error routes
(``on_error``) are not walked: silence does not make a step fail.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..graph import Role

if TYPE_CHECKING:
    from .context import CheckContext

MODES = ("no_input", "no_match")
#: Why a walk stops where the call is cut off.
ENDS = "the call ends"
#: How the messages name each mode.
MODE_WORDS = {"no_input": "stay silent", "no_match": "press wrong keys"}
#: Where the walk stops besides an open team: why, by node kind.
_STOPS = {"voicemail": "the caller can leave a message", "callback": "the caller is called back",
          "hangup": ENDS, "unknown": "ivrmaze cannot follow the call"}
#: The stops where the call goes on (someone or something takes it): all but the hangup.
GOES_ON = tuple(k for k, why in _STOPS.items() if why != ENDS)
#: A menu with more retries than this is walked as if it had this many (the walk stays small).
MAX_RETRIES = 1000
#: The moves that pass the call on without the caller (F1's Role.SYSTEM: a decision's outcome).
_ON = {int(Role.AUTO), *(int(r) for r in Role if r.name == "SYSTEM")}

State = tuple[int, int]  # node index, failures so far


def retries(st: Any) -> Any:
    """Per node: the failures a menu takes before its `exhausted` route (the walk's bound; 0 elsewhere)."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    r = np.zeros(len(st.nodes), dtype=np.int64)
    menus = np.flatnonzero(st.is_menu).tolist()
    if st.retries is None:
        written = [st.nattrs[i].get("retries") for i in menus]
    else:  # the nodes as loaded: no attribute dict made per menu
        written = list(map(st.retries.__getitem__, menus))
    r[menus] = [min(int(w or 3), MAX_RETRIES) for w in written]
    return r


class Fixed:
    """What the walks of every state share, made once: the retry bound per node (``retries``),
    and per edge whether it passes the call on and which failure route it is (comparing the
    edges' `via` strings state by state was most of a walk's making)."""

    def __init__(self, st: Any, bound: Any = None) -> None:
        import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

        self.bound = retries(st) if bound is None else bound
        self.on = np.isin(st.role, list(_ON)) & ~st.again
        self.via = {via: st.via == via for via in (*MODES, "exhausted")}


class Walk:
    """The failing caller's moves at one state of the week (``mv``: the analysis' Moves), as
    arrays: built in a few vectorised steps, so a big maze's walk costs no loop over its edges.
    ``bound``: ``retries(st)``, shared by the states; ``fixed``: a ``Fixed`` of ``st`` with that
    bound, to share it too (made here when not given)."""

    def __init__(self, st: Any, mv: Any, bound: Any, fixed: Fixed | None = None) -> None:
        import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

        fixed = fixed or Fixed(st, bound)
        self.st, self.mv, self.bound = st, mv, bound
        e = mv.edge[fixed.on[mv.edge]]
        e = e[np.argsort(st.src[e], kind="stable")]  # by node, in edge order within a node
        #: the edges that pass the call on, node i's in on_edge[on_start[i]:on_start[i + 1]]
        self.on_edge = e
        self.on_start = np.zeros(len(st.nodes) + 1, dtype=np.int64)
        np.cumsum(np.bincount(st.src[e], minlength=len(st.nodes)), out=self.on_start[1:])
        self.fail = {via: self._first(fixed.via[via]) for via in (*MODES, "exhausted")}
        stops = st.of_kind(*_STOPS)
        has_on = np.diff(self.on_start) > 0
        #: per node: the walk stops there (a menu never stops it)
        self.stop = ~st.is_menu & ((st.is_queue & mv.open_node) | stops | ~has_on)
        #: the live `again` edges of loops (another round: a platform's retry block, walked by
        #: first-failure-disconnect only: a bounded loop does not go round for ever)
        self.again_edge = mv.edge[st.again[mv.edge]]

    def _first(self, written: Any) -> Any:
        """Per node: its first live failure edge of those ``written`` marks (a mask over the
        edges: those written as one `via`), -1 where none."""
        import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

        e = self.mv.failure_edge[written[self.mv.failure_edge]]
        first = np.full(len(self.st.nodes), -1, dtype=np.int64)
        nodes, at = np.unique(self.st.src[e], return_index=True)  # each node's first, as edges ascend
        first[nodes] = e[at]
        return first

    def on(self, i: int) -> list[int]:
        """The edges by which node ``i`` passes the call on."""
        return self.on_edge[self.on_start[i]:self.on_start[i + 1]].tolist()

    def ends(self, i: int) -> str | None:
        """Why the walk stops at node ``i`` ("a person answers", "the call ends"), or None."""
        if not self.stop[i]:
            return None
        kind = self.st.kind[i]
        if kind == "queue" and self.mv.open_node[i]:
            return "a person answers"
        return _STOPS.get(kind, ENDS)

    def step(self, s: State, mode: str) -> list[tuple[State, int | None]]:
        """The next states of ``s`` with the edge taken (None: the menu plays again); [] at a stop."""
        i, f = s
        if self.stop[i]:
            return []
        if not self.st.is_menu[i]:
            return [((int(self.st.dst[e]), 0), e) for e in self.on(i)]
        f += 1
        if f >= self.bound[i]:
            e = int(self.fail["exhausted"][i])
            return [((int(self.st.dst[e]), 0), e)] if e >= 0 else []
        e = int(self.fail[mode][i])
        return [((int(self.st.dst[e]), f), e)] if e >= 0 else [((i, f), None)]


def walks(ctx: CheckContext) -> list[Walk]:
    """The walk at every state, in ``ctx.groups``' order: made once for the two checks that walk."""
    def make() -> list[Walk]:
        fixed = Fixed(ctx.static)
        return [Walk(ctx.static, res.moves, fixed.bound, fixed) for res, _ in ctx.groups]

    found: list[Walk] = ctx.shared("failing walks", make)
    return found


def explore(walk: Walk, starts: list[State], mode: str) -> dict[State, list[tuple[State, int | None]]]:
    """The failing caller's state graph from ``starts``: state -> its next states and edges."""
    graph: dict[State, list[tuple[State, int | None]]] = {}
    todo = list(starts)
    while todo:
        s = todo.pop()
        if s in graph:
            continue
        graph[s] = walk.step(s, mode)
        todo += [t for t, _ in graph[s] if t not in graph]
    return graph


def cycles(graph: dict[State, list[tuple[State, int | None]]]) -> Iterator[list[State]]:
    """The strongly connected parts of ``graph`` that go round (more than one state, or a state
    that leads to itself), iteratively (Tarjan's algorithm without recursion)."""
    index: dict[State, int] = {}
    low: dict[State, int] = {}
    on_stack: set[State] = set()
    stack: list[State] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                w = nxt[0]
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(graph.get(w, []))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                part = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    part.append(w)
                    if w == v:
                        break
                if len(part) > 1 or any(t == v for t, _ in graph.get(v, [])):
                    yield part
