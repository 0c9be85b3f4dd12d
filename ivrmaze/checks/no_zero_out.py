"""no-zero-out: a menu with no option that leads to a human within one more hop.
Off by default; enable with `checks: {no-zero-out: true}`."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..graph import Role
from ..kinds import Kind
from .context import CheckContext, finding

KIND = Kind("no-zero-out", "IVM210", "info", "A menu with no quick way to a human.", enabled=False)
LIMITS: dict[str, tuple[int, str]] = {}


def check(ctx: CheckContext) -> Iterator[Finding]:
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st = ctx.static
    is_queue = st.is_queue
    # nodes that are a queue or pass the call on to one by an auto move
    auto_q = np.flatnonzero((st.role == Role.AUTO) & is_queue[st.dst])
    near = is_queue.copy()
    near[st.src[auto_q]] = True
    caller = np.flatnonzero(st.role == Role.CALLER)
    human = np.zeros(len(st.nodes), dtype=bool)
    human[st.src[caller[near[st.dst[caller]]]]] = True
    for i in np.flatnonzero(st.is_menu & ~human).tolist():
        a = ctx.node_attr(i)
        yield finding(KIND, f"menu `{a['id']}` has no option that reaches a person within one more hop, "
                      "expected an option (often 0) that leads to an agent", a["file"], a["line"], a["column"],
                      node=a["id"])
