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
from typing import Any

from ..graph import Role

MODES = ("no_input", "no_match")
#: Why a walk stops where the call is cut off.
ENDS = "the call ends"
#: How the messages name each mode.
MODE_WORDS = {"no_input": "stay silent", "no_match": "press wrong keys"}
#: Where the walk stops besides an open team: why, by node kind.
_STOPS = {"voicemail": "the caller can leave a message", "callback": "the caller is called back",
          "hangup": ENDS, "unknown": "ivrmaze cannot follow the call"}
#: A menu with more retries than this is walked as if it had this many (the walk stays small).
MAX_RETRIES = 1000
#: The moves that pass the call on without the caller (F1's Role.SYSTEM: a decision's outcome).
_ON = {int(Role.AUTO), *(int(r) for r in Role if r.name == "SYSTEM")}

State = tuple[int, int]  # node index, failures so far


class Walk:
    """The failing caller's moves at one state of the week (``mv``: the analysis' Moves)."""

    def __init__(self, st: Any, mv: Any) -> None:
        self.st, self.mv = st, mv
        self.on: dict[int, list[int]] = {}  # node -> edges that pass the call on
        for e in mv.edge.tolist():
            if int(st.role[e]) in _ON and st.edata[e]["via"] != "again":
                self.on.setdefault(int(st.src[e]), []).append(e)
        self.fail: dict[tuple[int, str], int] = {}  # (menu, via) -> its live failure edge
        for e in mv.failure_edge.tolist():
            self.fail.setdefault((int(st.src[e]), st.edata[e]["via"]), e)

    def ends(self, i: int) -> str | None:
        """Why the walk stops at node ``i`` ("a person answers", "the call ends"), or None."""
        kind = self.st.kind[i]
        if kind == "menu":
            return None
        if kind == "queue" and self.mv.open_node[i]:
            return "a person answers"
        if kind in _STOPS:
            return _STOPS[kind]
        return None if self.on.get(i) else ENDS

    def step(self, s: State, mode: str) -> list[tuple[State, int | None]]:
        """The next states of ``s`` with the edge taken (None: the menu plays again); [] at a stop."""
        i, f = s
        if self.ends(i):
            return []
        if self.st.kind[i] != "menu":
            return [((int(self.st.dst[e]), 0), e) for e in self.on[i]]
        f += 1
        if f >= min(int(self.st.nattrs[i].get("retries") or 3), MAX_RETRIES):
            e = self.fail.get((i, "exhausted"))
            return [((int(self.st.dst[e]), 0), e)] if e is not None else []
        e = self.fail.get((i, mode))
        return [((int(self.st.dst[e]), f), e)] if e is not None else [((i, f), None)]


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
