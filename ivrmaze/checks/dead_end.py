"""dead-end: a node after which the call ends without resolving any intent."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..findings import Finding
from ..kinds import Kind
from ._where import node_pos
from .context import CheckContext, finding

KIND = Kind("dead-end", "IVM202", "warning", "The call ends here without resolving anything.")
LIMITS: dict[str, tuple[int, str]] = {}

_WHAT = {"say": "the call ends after this message", "queue": "the call ends here",
         "voicemail": "the call ends in this voicemail box", "callback": "the call ends with this callback",
         "menu": "every option of this menu ends the call", "branch": "the call ends after this branch",
         "external": "the call ends after this redirect"}


def _what(ctx: CheckContext, i: int, state_results: Sequence[Any]) -> str:
    a = ctx.node_attr(i)
    if a["kind"] == "queue":
        closed = any(not r.moves.open_node[i] for r in state_results)
        return "the team is closed and the call is disconnected" if closed else \
            "the team neither resolves anything nor transfers, so the call ends"
    return _WHAT.get(a["kind"], "the call ends here")


def check(ctx: CheckContext) -> Iterator[Finding]:
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    dead = np.array([res.dead for res, _ in ctx.groups])  # states x nodes
    reached = np.array([res.reach_all for res, _ in ctx.groups])
    always = ~(reached & ~dead).any(axis=0)  # dead in every state in which it is reached
    for i in np.flatnonzero(dead.any(axis=0)).tolist():
        states = np.flatnonzero(dead[:, i]).tolist()
        file, line, col, nid = node_pos(ctx, i)
        windows = [w for s in states for w in ctx.groups[s][1]]
        when = ctx.when(windows, file) if (ctx.at is not None or not always[i]) else None
        what = _what(ctx, i, [ctx.groups[s][0] for s in states])
        yield finding(KIND, f"dead end at `{nid}`: {what} without resolving any intent, expected a route "
                      "to a team, message or callback that resolves the caller's intent", file, line, col,
                      node=nid, when=when)
