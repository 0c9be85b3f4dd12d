"""unreachable: a node that no move of any kind reaches from any entry at any time.

Files with no `entry` that nothing reaches are parts of other lines: they are not reported.
With ``--at`` the check still speaks of all times (a team closed at that instant is not a
defect): it then follows every edge regardless of time, which may miss a node reached only
through edges that never exist together, but never reports a reachable one.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..findings import Finding
from ..analysis.metrics import reachable
from ._where import node_pos

KINDS = ("unreachable",)


def check(ctx, rows):
    if not ctx.lines:
        return
    if ctx.at is None:
        reach = np.zeros(len(ctx.static.nodes), dtype=bool)
        for res, _ in ctx.groups:
            reach |= res.reach_all
    else:
        st = ctx.static
        A = sp.csr_matrix((np.ones(len(st.src)), (st.src, st.dst)), shape=(len(st.nodes),) * 2)
        reach = reachable(A, [ln.node for ln in ctx.lines])
    live_files = {ctx.node_attr(i)["file"] for i in np.flatnonzero(reach)}
    for i in np.flatnonzero(~reach):
        a = ctx.node_attr(int(i))
        if a["kind"] == "hangup" or a["file"] not in live_files:
            continue
        file, line, col, nid = node_pos(ctx, int(i))
        yield Finding("unreachable", f"node `{nid}` cannot be reached from any entry, expected an option, "
                      "transfer or redirect that leads to it (or remove it)", file, line, col, node=nid)
