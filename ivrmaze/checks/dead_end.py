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


def _what(ctx: CheckContext, i: int, state_results: Sequence[Any]) -> str:
    a = ctx.node_attr(i)
    if a["kind"] == "queue":
        closed = any(not r.moves.open_node[i] for r in state_results)
        if closed and a.get("schedule") and is_unknown_hours(a["schedule"]):
            return "the team's hours are not in the files; when it is closed, the call is disconnected"
        if closed:
            return "the team is closed and the call is disconnected"
        transfers = any(d["via"] == "transfers" and int(ctx.static.src[e]) == i for e, d in enumerate(ctx.static.edata))
        return "the team's only transfers hang up" if transfers else \
            "the team neither resolves anything nor transfers, so the call ends"
    return _WHAT.get(a["kind"], "the call ends here")


def closing_messages(ctx: CheckContext, after_conversation: bool = False) -> set[int]:
    """The messages on a `closed` route: the targets of `closed:` moves, and the messages that
    follow them (`next:` from one message to another). ``after_conversation``: those after a
    team's conversation instead (a queue's `next`: the goodbye after talking to someone)."""
    st = ctx.static
    if after_conversation:
        todo = [int(st.dst[e]) for e, d in enumerate(st.edata) if d["via"] == "next" and st.is_queue[st.src[e]]]
    else:
        todo = [int(st.dst[e]) for e, d in enumerate(st.edata) if d["via"] == "closed"]
    after: dict[int, list[int]] = {}  # a message -> where the call goes next
    for e, d in enumerate(st.edata):
        if d["via"] == "next":
            after.setdefault(int(st.src[e]), []).append(int(st.dst[e]))
    seen: set[int] = set()
    while todo:
        i = todo.pop()
        if i in seen or st.kind[i] != "say":
            continue
        seen.add(i)
        todo += after.get(i, [])
    return seen


def honest(ctx: CheckContext, i: int, closing: set[int], after: frozenset[int] | set[int] = frozenset()) -> str | None:
    """Why node ``i`` is an honest end (words for the message), or None. ``after``: the messages
    after a team's conversation (``closing_messages(ctx, after_conversation=True)``)."""
    a = ctx.node_attr(i)
    if a.get("end") == END_INTENDED:
        return "it is marked `end: intended`"
    if a["kind"] in ("callback", "voicemail"):
        return f"it is a {a['kind']}"
    if i in closing:
        return "it is a closing message on a `closed` route"
    if i in after:
        return "it follows a team's conversation (the team's `next`)"
    return None


def check(ctx: CheckContext) -> Iterator[Finding]:
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    dead = np.array([res.dead for res, _ in ctx.groups])  # states x nodes
    reached = np.array([res.reach_all for res, _ in ctx.groups])
    always = ~(reached & ~dead).any(axis=0)  # dead in every state in which it is reached
    closing = closing_messages(ctx)
    after = closing_messages(ctx, after_conversation=True)
    for i in np.flatnonzero(dead.any(axis=0)).tolist():
        states = np.flatnonzero(dead[:, i]).tolist()
        file, line, col, nid = node_pos(ctx, i)
        windows = [w for s in states for w in ctx.groups[s][1]]
        when = ctx.when(windows, file) if (ctx.at is not None or not always[i]) else None
        what = _what(ctx, i, [ctx.groups[s][0] for s in states])
        why = honest(ctx, i, closing, after)
        if why is not None:
            yield finding(HONEST_END, f"honest end at `{nid}`: {what} without resolving any intent, and "
                          f"{why}", file, line, col, node=nid, when=when)
        else:
            yield finding(KIND, f"dead end at `{nid}`: {what} without resolving any intent, {_FIX}",
                          file, line, col, node=nid, when=when)
