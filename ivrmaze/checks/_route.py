"""Shared by the route-based checks (too-deep, too-many-retells)."""
from __future__ import annotations

from ._where import intent_pos


def over_limit(ctx, rows, metric: str, limit_name: str):
    """Per (file, entry, intent): the rows whose ``metric`` exceeds the limit, grouped."""
    groups: dict = {}
    for m in rows:
        value = getattr(m, metric)
        if value is None or value <= ctx.config.limit(m.file, limit_name):
            continue
        groups.setdefault((m.file, m.entry, m.intent), []).append(m)
    for (file, entry, intent), ms in groups.items():
        worst = max(ms, key=lambda m: getattr(m, metric))
        f, line, col = intent_pos(ctx, file, intent)
        all_when = [w for m in ms for w in m.when]
        every = len(ms) == sum(1 for r in rows if (r.file, r.entry, r.intent) == (file, entry, intent))
        when = None if every and ctx.at is None else tuple(all_when)
        yield f, line, col, entry, intent, worst, when, ctx.config.limit(file, limit_name)


def route_text(ctx, route, file) -> str:
    return " -> ".join(q.rpartition("#")[2] if q.rpartition("#")[0] == file else q for q in route)
