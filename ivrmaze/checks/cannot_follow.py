"""cannot-follow: an `unknown` node, a target ivrmaze cannot follow (a dynamic queue or flow, a
flow not among the files). Said once per node, as information: the analysis treats the call
as leaving what ivrmaze can see there (not a dead end, not a trap, no resolution)."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..kinds import Kind
from ..words import safe
from .context import CheckContext, finding

KIND = Kind("cannot-follow", "IVM214", "info", "A target ivrmaze cannot follow: the call leaves what it can see.")
LIMITS: dict[str, tuple[int, str]] = {}


def check(ctx: CheckContext) -> Iterator[Finding]:
    for path, mf in ctx.maze.files.items():
        for node in mf.nodes.values():
            if node.kind != "unknown":
                continue
            yield finding(KIND, f"cannot follow `{node.id}`: {safe(node.text)}; ivrmaze does not see where the "
                          "call goes from here (not a dead end, and no intent counts as resolved there), expected "
                          "a target in the files, if the route matters", path, node.pos.line, node.pos.column,
                          node=node.id)
