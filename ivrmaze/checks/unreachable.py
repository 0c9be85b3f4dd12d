"""unreachable: a node that no move of any kind reaches from any entry at any time.

Structural in every mode: with ``--at`` it is still the whole week that decides (a team
closed at that instant is not a defect), so the check looks at every state of the week then
too, and reports exactly the nodes the week's analysis reports.
Files with no `entry` that nothing reaches are parts of other lines: they are not reported.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .. import timeline
from ..findings import Finding
from ..graph import unknown_variants
from ..kinds import Kind
from ._where import node_pos
from .context import CheckContext, finding

KIND = Kind("unreachable", "IVM201", "warning", "A node no call can reach.")
LIMITS: dict[str, tuple[int, str]] = {}

if TYPE_CHECKING:
    import numpy as np


def check(ctx: CheckContext) -> Iterator[Finding]:
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    if not ctx.lines:
        return
    reach = _week_reach(ctx)
    live_files = ctx.node_files(np.flatnonzero(reach).tolist())
    for i in np.flatnonzero(~reach).tolist():
        a = ctx.node_attr(i)
        if a["kind"] == "hangup" or a["file"] not in live_files:
            continue
        file, line, col, nid = node_pos(ctx, i)
        yield finding(KIND, f"node `{nid}` cannot be reached from any entry, expected an option, "
                      "transfer or redirect that leads to it (or remove it)", file, line, col, node=nid)


def _week_reach(ctx: CheckContext) -> np.ndarray:
    """Nodes some move (failures too) reaches from an entry at some state of the week."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st = ctx.static
    reach = np.zeros(len(st.nodes), dtype=bool)
    if ctx.at is None and not ctx.computed.span:  # the whole week was analysed
        for res, _ in ctx.groups:
            reach |= res.reach_all
        return reach
    # one instant or the windows of a period were analysed: the week's other states are looked
    # at here, for reach alone; the analysis' arrays need numpy and scipy: imported here, as above
    from ..analysis.metrics import reachable
    from ..analysis.moves import moves_at

    entries = [ln.node for ln in ctx.lines]
    states = {v for s in timeline.distinct_states(timeline.windows(ctx.maze))
              for v in unknown_variants(s, ctx.maze.unknown_hours)}
    for state in states:
        mv: Any = moves_at(st, state)
        reach |= reachable(mv.matrix(edges=np.concatenate([mv.edge, mv.failure_edge])), entries)
    return reach
