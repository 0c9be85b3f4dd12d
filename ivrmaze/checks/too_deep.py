"""too-deep: the best route takes more hops than `max_hops` (default 5)."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..kinds import Kind
from ._route import over_limit, route_text
from ._where import channel
from .context import CheckContext, finding

KIND = Kind("too-deep", "IVM208", "warning", "The best route takes more hops than the limit.", limits=("max_hops",))
LIMITS = {"max_hops": (5, "most hops the best route may take (too-deep)")}


def check(ctx: CheckContext) -> Iterator[Finding]:
    for o in over_limit(ctx, "best_hops", "max_hops"):
        yield finding(KIND, f"the best route for `{o.intent}`{channel(o.entry)} takes {o.worst.best_hops} hops "
                      f"({route_text(o.worst.best_route, o.file)}), expected at most {o.limit}",
                      o.file, o.line, o.column, intent=o.intent, when=o.when)
