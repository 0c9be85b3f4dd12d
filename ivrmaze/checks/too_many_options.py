"""too-many-options: a menu with more option keys than `max_options` (default 5)."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..kinds import Kind
from .context import CheckContext, finding

KIND = Kind("too-many-options", "IVM207", "warning", "A menu with more options than callers can keep in mind.",
            limits=("max_options",))
LIMITS = {"max_options": (5, "most option keys a menu may offer (too-many-options)")}


def check(ctx: CheckContext) -> Iterator[Finding]:
    for path, mf in ctx.maze.files.items():
        limit = ctx.config.limit(path, "max_options")
        for node in mf.nodes.values():
            if node.kind != "menu":
                continue
            n = sum(1 for link in node.links if link.via == "options")
            if n > limit:
                p = node.field_pos.get("options", node.pos)
                yield finding(KIND, f"menu `{node.id}` offers {n} options, expected at most {limit} "
                              "(callers forget the first before they hear the last)", path, p.line, p.column,
                              node=node.id)
