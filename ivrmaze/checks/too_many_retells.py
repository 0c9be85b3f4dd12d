"""too-many-retells: on the best route, callers tell their story again more than `max_retells` times."""
from __future__ import annotations

from ..findings import Finding
from ._route import over_limit, route_text

KINDS = ("too-many-retells",)


def check(ctx, rows):
    for file, line, col, entry, intent, worst, when, limit in over_limit(ctx, rows, "retells", "max_retells"):
        via = "" if entry == "phone" else f" (channel {entry})"
        yield Finding("too-many-retells", f"callers who want `{intent}`{via} tell their story {worst.retells} more "
                      f"times on the best route ({route_text(ctx, worst.best_route, file)}), expected at most "
                      f"{limit} (use warm transfers or route straight to the right team)",
                      file, line, col, intent=intent, when=when)
