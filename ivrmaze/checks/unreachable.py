"""unreachable: a node that no move of any kind reaches from any entry at any time.

Files with no `entry` that nothing reaches are parts of other lines: they are not reported.
"""
from __future__ import annotations

import numpy as np

from ..findings import Finding
from ._where import node_pos

KINDS = ("unreachable",)


def check(ctx, rows):
    if not ctx.lines:
        return
    reach = np.zeros(len(ctx.static.nodes), dtype=bool)
    for res, _ in ctx.groups:
        reach |= res.reach_all
    live_files = {ctx.node_attr(i)["file"] for i in np.flatnonzero(reach)}
    for i in np.flatnonzero(~reach):
        a = ctx.node_attr(int(i))
        if a["kind"] == "hangup" or a["file"] not in live_files:
            continue
        file, line, col, nid = node_pos(ctx, int(i))
        when = "" if ctx.at is None else " at this time"
        yield Finding("unreachable", f"node `{nid}` cannot be reached from any entry{when}, expected an option, "
                      "transfer or redirect that leads to it (or remove it)", file, line, col, node=nid,
                      when=ctx.when([]) if ctx.at is not None else None)
