"""unresolvable-intent: an intent that no route resolves at any time."""
from __future__ import annotations

from ..findings import Finding
from ._where import intent_pos

KINDS = ("unresolvable-intent",)


def check(ctx, rows):
    seen = set()
    for m in rows:
        key = (m.file, m.intent)
        if key in seen:
            continue
        seen.add(key)
        if any(r.best_hops is not None for r in rows if (r.file, r.intent) == key):
            continue
        file, line, col = intent_pos(ctx, m.file, m.intent)
        when = "" if ctx.at is None else " at this time"
        yield Finding("unresolvable-intent", f"no route resolves intent `{m.intent}`{when}, expected a queue, "
                      "message or callback that lists it under `resolves` and can be reached",
                      file, line, col, intent=m.intent, when=ctx.when([]) if ctx.at is not None else None)
