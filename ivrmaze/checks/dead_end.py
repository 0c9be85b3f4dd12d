"""dead-end: a node after which the call ends without resolving any intent, with nothing said
(a warning); honest-end: one that ends it honestly (info, off by default).

An honest end is a closing message on a `closed` route (a message, or a chain of messages, that
a closed team or time branch sends callers to, and after which the call ends), a message after a
team's conversation (its `next`: the goodbye after talking to someone), a callback, a voicemail,
or any node marked `end: intended`. An `unknown` node is never a dead end (the call goes on where
ivrmaze cannot see). Everything else that ends the call without
resolving anything stays a dead end: a disconnect after wrong keys, a closed team with no
`closed:`, a menu whose options all hang up.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..findings import Finding
from ..graph import is_unknown_hours
from ..kinds import Kind
from ..language import END_INTENDED
from ._where import node_pos
from .context import CheckContext, finding

KIND = Kind("dead-end", "IVM202", "warning", "The call ends here without resolving anything.")
HONEST_END = Kind("honest-end", "IVM212", "info", "The call ends here honestly: a closing message on a "
                  "`closed` route, a callback, a voicemail or an `end: intended` node.", enabled=False)
KINDS = (KIND, HONEST_END)
LIMITS: dict[str, tuple[int, str]] = {}

_WHAT = {"say": "the call ends after this message", "queue": "the call ends here",
         "voicemail": "the call ends in this voicemail box", "callback": "the call ends with this callback",
         "menu": "every option of this menu ends the call", "branch": "this branch hangs up",
         "external": "the call ends after this redirect", "decide": "every outcome of this decision ends the call",
         "loop": "the call ends after this loop"}
_FIX = ("expected a route to a team, message or callback that resolves the caller's intent, or an honest "
        "end (a closing message on a `closed` route, a callback, or `end: intended` on the node)")


def _what(ctx: CheckContext, i: int, state_results: Sequence[Any], transferring: set[int]) -> str:
    a = ctx.node_attr(i)
    if a["kind"] == "queue":
        closed = any(not r.moves.open_node[i] for r in state_results)
        if closed and a.get("schedule") and is_unknown_hours(a["schedule"]):
            return "the team's hours are not in the files; when it is closed, the call is disconnected"
        if closed:
            return "the team is closed and the call is disconnected"
        return "the team's only transfers hang up" if i in transferring else \
            "the team neither resolves anything nor transfers, so the call ends"
    return _WHAT.get(a["kind"], "the call ends here")


def closing_messages(ctx: CheckContext, live: Any, reached: Any, conversation: bool = False,
                     vias: Any = None) -> set[int]:
    """The messages on a `closed` route at one state: the targets of the state's `closed:` moves and
    of its time branches' sides (a dialplan's `GotoIfTime` to "we are closed" on a holiday is a time
    branch's `open` side) from nodes that calls reach then (``reached``: a mask), and the
    messages that follow them (`next:` from one message to another). A team no call reaches, or
    a closed route that does not exist at that time, makes no message honest. ``conversation``:
    the messages after a team's conversation instead (a queue's `next`). ``vias``: what ``_vias``
    gives, when the caller asks for every state (made once, not per state)."""
    st = ctx.static
    closed, talk, after = vias or _vias(ctx)
    start = talk if conversation else closed
    say = st.of_kind("say")
    first = st.dst[live[start[live] & reached[st.src[live]]]]
    # the routes' messages once each, picked on arrays (a big maze has thousands of closed routes)
    todo = sorted(set(first[say[first]].tolist()))  # not np.unique: it imports numpy.ma
    seen: set[int] = set()
    while todo:
        i = todo.pop()
        if i in seen:
            continue
        seen.add(i)
        todo += [j for j in after.get(i, ()) if say[j]]
    return seen


def _vias(ctx: CheckContext) -> tuple[Any, Any, dict[int, list[int]]]:
    """(a mask of the edges onto a closed route: `closed:` moves and time branches' sides, a mask
    of the teams' `next:` edges, a message -> where its `next:` goes)."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st = ctx.static
    via = st.via  # each edge's `via`, as an array (one pass over the edges' dictionaries was most of it)
    closed = (via == "closed") | ((via == "open") & st.of_kind("branch")[st.src])
    nexts = via == "next"
    talk = nexts & st.is_queue[st.src]
    after: dict[int, list[int]] = {}
    nxt = np.flatnonzero(nexts)
    for i, j in zip(st.src[nxt].tolist(), st.dst[nxt].tolist(), strict=True):
        after.setdefault(i, []).append(j)
    return closed, talk, after


def honest(ctx: CheckContext, i: int) -> str | None:
    """Why node ``i`` is an honest end whenever it is reached (words for the message), or None."""
    a = ctx.node_attr(i)
    if a.get("end") == END_INTENDED:
        return "it is marked `end: intended`"
    if a["kind"] in ("callback", "voicemail"):
        return f"it is a {a['kind']}"
    return None


def check(ctx: CheckContext) -> Iterator[Finding]:
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    dead = np.array([res.dead for res, _ in ctx.groups])  # states x nodes
    reached = np.array([res.reach_all for res, _ in ctx.groups])
    vias = _vias(ctx)
    closing = [closing_messages(ctx, res.moves.edge, reached[s], False, vias) for s, (res, _) in enumerate(ctx.groups)]
    talked = [closing_messages(ctx, res.moves.edge, reached[s], True, vias) for s, (res, _) in enumerate(ctx.groups)]
    # the nodes with a `transfers` edge, once (a pass over every edge per dead end was quadratic)
    transferring = set(ctx.static.src[ctx.static.via == "transfers"].tolist())
    ends_at = np.flatnonzero(dead.any(axis=0))
    # per dead node, once: the states it is a dead end in and those it is reached in (a column of
    # the states x nodes arrays per node was most of the check)
    dead_in = [[s for s, d in enumerate(row) if d] for row in dead[:, ends_at].T.tolist()]
    reached_in = [[s for s, r in enumerate(row) if r] for row in reached[:, ends_at].T.tolist()]
    windows: dict[tuple[int, ...], list[Any]] = {}  # the windows of the same states: one list
    for i, states, seen in zip(ends_at.tolist(), dead_in, reached_in, strict=True):
        why = honest(ctx, i)
        # a closing message is honest at the times a closed route (or a talk) leads to it, a dead end at others
        kept = [] if why is not None else [s for s in states if i in closing[s] or i in talked[s]]
        ends = [s for s in states if s not in kept] if why is None else []
        if kept and why is None:
            why = ("it is a closing message on a `closed` route" if any(i in closing[s] for s in kept) else
                   "it follows a team's conversation (the team's `next`)")
        if kept or why is not None:
            yield _found(ctx, i, kept or states, seen, HONEST_END, why, transferring, windows)
        if ends:
            yield _found(ctx, i, ends, seen, KIND, None, transferring, windows)


def _found(ctx: CheckContext, i: int, states: list[int], seen: list[int], kind: Kind, why: str | None,
           transferring: set[int], windows_of: dict[tuple[int, ...], list[Any]]) -> Finding:
    """``seen``: the states in which node ``i`` is reached."""
    file, line, col, nid = node_pos(ctx, i)
    key = tuple(states)
    if key not in windows_of:
        windows_of[key] = [w for s in states for w in ctx.groups[s][1]]
    every = set(states) >= set(seen)  # in every state in which it is reached
    when = ctx.when(windows_of[key], file) if (ctx.at is not None or not every) else None
    what = _what(ctx, i, [ctx.groups[s][0] for s in states], transferring)
    if why is not None:
        return finding(kind, f"honest end at `{nid}`: {what} without resolving any intent, and {why}",
                       file, line, col, node=nid, when=when)
    return finding(kind, f"dead end at `{nid}`: {what} without resolving any intent, {_FIX}",
                   file, line, col, node=nid, when=when)
