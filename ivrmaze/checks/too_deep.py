"""too-deep: the best route takes more hops than `max_hops` (default 5)."""
from __future__ import annotations

from ..findings import Finding
from ._route import over_limit, route_text

KINDS = ("too-deep",)


def check(ctx, rows):
    for file, line, col, entry, intent, worst, when, limit in over_limit(ctx, rows, "best_hops", "max_hops"):
        via = "" if entry == "phone" else f" (channel {entry})"
        yield Finding("too-deep", f"the best route for `{intent}`{via} takes {worst.best_hops} hops "
                      f"({route_text(ctx, worst.best_route, file)}), expected at most {limit}",
                      file, line, col, intent=intent, when=when)
