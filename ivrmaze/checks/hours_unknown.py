"""hours-unknown: a queue with `hours: unknown` or a `branch: unknown`, whose hours are not in
the files. Said once per node, as information: the analysis tries it open and closed (see
docs/analysis.md), so a trap that needs it closed is found whichever way the hours are set."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..kinds import Kind
from .context import CheckContext, finding

KIND = Kind("hours-unknown", "IVM215", "info", "Opening hours that are not in the files: analysed as open "
            "and as closed.")
LIMITS: dict[str, tuple[int, str]] = {}


def check(ctx: CheckContext) -> Iterator[Finding]:
    for path, mf in ctx.maze.files.items():
        for node in mf.nodes.values():
            if not node.hours_unknown:
                continue
            key = "branch" if node.kind == "branch" else "hours"
            p = node.field_pos.get(key, node.pos)
            what = f"team `{node.id}`" if node.kind == "queue" else f"branch `{node.id}`"
            yield finding(KIND, f"the hours of {what} are not in the files; ivrmaze analyses it both open and "
                          "closed, expected a schedule under `hours:` (or in the companion file) to analyse the "
                          "real week", path, p.line, p.column, node=node.id)
