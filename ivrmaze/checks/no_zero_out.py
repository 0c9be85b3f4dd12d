"""no-zero-out: a menu with no option that leads to a person or a callback within one more
hop, at any time the menu is reached (a team counts only while it is open then).
Off by default; enable with `checks: {no-zero-out: true}`."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..graph import Role
from ..kinds import Kind
from .context import CheckContext, finding

KIND = Kind("no-zero-out", "IVM210", "info", "A menu with no quick way to a human.", enabled=False)
LIMITS: dict[str, tuple[int, str]] = {}

if TYPE_CHECKING:
    import numpy as np


def check(ctx: CheckContext) -> Iterator[Finding]:
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st = ctx.static
    reached = np.array([res.reach_all for res, _ in ctx.groups])  # states x nodes
    # a menu never reached is judged at every state (unreachable reports it already)
    looked = reached | ~reached.any(axis=0)
    zero_out = np.zeros(len(st.nodes), dtype=bool)
    for (res, _), at in zip(ctx.groups, looked, strict=True):
        zero_out |= _zero_out(st, res.moves) & at
    for i in np.flatnonzero(st.is_menu & ~zero_out).tolist():
        a = ctx.node_attr(i)
        yield finding(KIND, f"menu `{a['id']}` has no option that reaches a person within one more hop, "
                      "expected an option (often 0) that leads to an open team or a callback", a["file"], a["line"],
                      a["column"], node=a["id"])


def _zero_out(st: Any, mv: Any) -> np.ndarray:
    """Nodes with a live option to an open team or a callback, directly or through one auto move."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    e = mv.edge
    near = mv.human | st.of_kind("callback")
    auto = e[((st.role[e] == Role.AUTO) | (st.role[e] == Role.SYSTEM)) & near[st.dst[e]]]  # a decision too
    near = near.copy()
    near[st.src[auto]] = True
    caller = e[st.role[e] == Role.CALLER]
    out = np.zeros(len(st.nodes), dtype=bool)
    out[st.src[caller[near[st.dst[caller]]]]] = True
    return out
