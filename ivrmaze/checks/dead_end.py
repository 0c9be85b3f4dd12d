"""dead-end: a node after which the call ends without resolving any intent."""
from __future__ import annotations

import numpy as np

from ..findings import Finding
from ._where import node_pos

KINDS = ("dead-end",)

_WHAT = {"say": "the call ends after this message", "queue": "the call ends here",
         "voicemail": "the call ends in this voicemail box", "callback": "the call ends with this callback",
         "menu": "every option of this menu ends the call", "branch": "the call ends after this branch",
         "external": "the call ends after this redirect"}


def _what(ctx, i, state_results):
    a = ctx.node_attr(i)
    if a["kind"] == "queue":
        closed = any(not r.moves.open_node[i] for r in state_results)
        return "the team is closed and the call is disconnected" if closed else \
            "the team neither resolves anything nor transfers, so the call ends"
    return _WHAT.get(a["kind"], "the call ends here")


def check(ctx, rows):
    dead_windows: dict[int, list] = {}
    reached_windows: dict[int, list] = {}
    dead_in: dict[int, list] = {}
    for res, windows in ctx.groups:
        for i in np.flatnonzero(res.dead):
            dead_windows.setdefault(int(i), []).extend(windows)
            dead_in.setdefault(int(i), []).append(res)
        for i in np.flatnonzero(res.reach_all):
            reached_windows.setdefault(int(i), []).extend(windows)
    for i, windows in dead_windows.items():
        file, line, col, nid = node_pos(ctx, i)
        always = set(windows) >= set(reached_windows.get(i, []))
        when = ctx.when(windows, file) if (ctx.at is not None or not always) else None
        yield Finding("dead-end", f"dead end at `{nid}`: {_what(ctx, i, dead_in[i])} without resolving "
                      "any intent, expected a route to a team, message or callback that resolves the caller's "
                      "intent", file, line, col, node=nid, when=when)
