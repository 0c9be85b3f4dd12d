"""too-many-options: a menu with more option keys than `max_options` (default 5)."""
from __future__ import annotations

from ..findings import Finding

KINDS = ("too-many-options",)


def check(ctx, rows):
    for path, mf in ctx.maze.files.items():
        limit = ctx.config.limit(path, "max_options")
        for node in mf.nodes.values():
            if node.kind != "menu":
                continue
            n = sum(1 for link in node.links if link.via == "options")
            if n > limit:
                p = node.field_pos.get("options", node.pos)
                yield Finding("too-many-options", f"menu `{node.id}` offers {n} options, expected at most {limit} "
                              "(callers forget the first before they hear the last)", path, p.line, p.column,
                              node=node.id)
