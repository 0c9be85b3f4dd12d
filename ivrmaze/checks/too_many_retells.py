"""too-many-retells: on the best route, callers tell their story again more than `max_retells` times."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..kinds import Kind
from ._route import over_limit, route_text
from ._where import channel
from .context import CheckContext, finding

KIND = Kind("too-many-retells", "IVM209", "warning", "Callers must tell their story too many times.",
            limits=("max_retells",))
LIMITS = {"max_retells": (1, "most retells the best route may ask (too-many-retells)")}


def check(ctx: CheckContext) -> Iterator[Finding]:
    for o in over_limit(ctx, "retells", "max_retells"):
        yield finding(KIND, f"callers who want `{o.intent}`{channel(o.entry)} tell their story {o.worst.retells} "
                      f"more times on the best route ({route_text(o.worst.best_route, o.file)}), expected at most "
                      f"{o.limit} (use warm transfers or route straight to the right team)",
                      o.file, o.line, o.column, intent=o.intent, when=o.when)
