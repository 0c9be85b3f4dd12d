"""missing-error-route: a step that can fail on its platform (a function or lookup, an hours
check, a transfer to a queue, a number or another flow) with no `on_error` route. Only steps
marked `can_fail: true` are judged (platform readers mark the actions that can fail), so a
hand-written queue without `on_error` is no finding.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..kinds import Kind
from .context import CheckContext, finding

KIND = Kind("missing-error-route", "IVM221", "warning", "A step that can fail has no `on_error` route.")
LIMITS: dict[str, tuple[int, str]] = {}


def check(ctx: CheckContext) -> Iterator[Finding]:
    for path, mf in ctx.maze.files.items():
        for node in mf.nodes.values():
            if not node.can_fail or any(link.via == "on_error" for link in node.links):
                continue
            p = node.field_pos.get("can_fail", node.pos)
            yield finding(KIND, f"{node.kind} `{node.id}` can fail and has no `on_error` route: when it fails the "
                          "call has nowhere to go and the platform drops it, expected `on_error` to a message, a "
                          "person or a callback", path, p.line, p.column, node=node.id)
