"""unreachable: a node that no move of any kind reaches from any entry at any time.

Files with no `entry` that nothing reaches are parts of other lines: they are not reported.
With ``--at`` the check still speaks of all times (a team closed at that instant is not a
defect): it then follows every edge regardless of time, which may miss a node reached only
through edges that never exist together, but never reports a reachable one.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..kinds import Kind
from ._where import node_pos
from .context import CheckContext, finding

KIND = Kind("unreachable", "IVM201", "warning", "A node no call can reach.")
LIMITS: dict[str, tuple[int, str]] = {}


def check(ctx: CheckContext) -> Iterator[Finding]:
    # here, not at the top: validate reads the checks' tables without numpy and scipy
    import numpy as np
    import scipy.sparse as sp

    from ..analysis.metrics import reachable

    if not ctx.lines:
        return
    st = ctx.static
    if ctx.at is None:
        reach = np.zeros(len(st.nodes), dtype=bool)
        for res, _ in ctx.groups:
            reach |= res.reach_all
    else:
        A = sp.csr_matrix((np.ones(len(st.src)), (st.src, st.dst)), shape=(len(st.nodes),) * 2)
        reach = reachable(A, [ln.node for ln in ctx.lines])
    live_files = {ctx.node_attr(i)["file"] for i in np.flatnonzero(reach).tolist()}
    for i in np.flatnonzero(~reach).tolist():
        a = ctx.node_attr(i)
        if a["kind"] == "hangup" or a["file"] not in live_files:
            continue
        file, line, col, nid = node_pos(ctx, i)
        yield finding(KIND, f"node `{nid}` cannot be reached from any entry, expected an option, "
                      "transfer or redirect that leads to it (or remove it)", file, line, col, node=nid)
