"""unresolvable-intent: an intent that no route resolves at any time."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..kinds import Kind
from ._where import intent_pos
from .context import CheckContext, finding

KIND = Kind("unresolvable-intent", "IVM206", "error", "No route resolves this intent at any time.")
LIMITS: dict[str, tuple[int, str]] = {}


def check(ctx: CheckContext) -> Iterator[Finding]:
    # one pass over the rows: (file, intent) -> whether some row of it has a best route
    resolved: dict[tuple[str, str], bool] = {}
    for m in ctx.rows:
        key = (m.file, m.intent)
        resolved[key] = resolved.get(key, False) or m.best_hops is not None
    when = "" if ctx.at is None else " at this time"
    for (file, intent), ok in resolved.items():
        if ok:
            continue
        f, line, col = intent_pos(ctx, file, intent)
        yield finding(KIND, f"no route resolves intent `{intent}`{when}, expected a queue, "
                      "message or callback that lists it under `resolves` and can be reached",
                      f, line, col, intent=intent, when=ctx.when([]) if ctx.at is not None else None)
