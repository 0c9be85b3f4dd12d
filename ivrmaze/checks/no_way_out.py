"""no-way-out: a step that passes the call on, with no way on wired: the platform cuts the call
off there without a word. A platform reader marks such a step `end: unwired` (a Connect action
with no transition, an Archy action with no next); ivrmaze's own YAML cannot write a step with no
way on (a `say` without `next` ends the call on purpose, a branch needs `open` and `closed`, a
decision an outcome, a loop `again` and `done`), but may mark one by hand while it is unfinished.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..kinds import Kind
from ..language import END_UNWIRED
from .context import CheckContext, finding

KIND = Kind("no-way-out", "IVM220", "warning", "A step with no way on wired: the call is cut off there.")
LIMITS: dict[str, tuple[int, str]] = {}


def check(ctx: CheckContext) -> Iterator[Finding]:
    for path, mf in ctx.maze.files.items():
        for node in mf.nodes.values():
            if node.end != END_UNWIRED:
                continue
            where = "the platform file" if mf.platform else "the file"
            yield finding(KIND, f"`{node.id}` has no way out: {where} wires no transition from this {node.kind} "
                          "step, so the call is cut off here without a word, expected a transition to the next "
                          "step (or a goodbye and a disconnect where the call is meant to end)", path,
                          node.pos.line, node.pos.column, node=node.id)
