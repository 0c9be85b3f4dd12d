"""Issue 11, a property that guards the whole: a closing message at the end of the routes a
closed team or branch sends callers along removes every after-hours trap and silent bounce, and
adds no trap, ping-pong or dead end (every one left was there before, on the same nodes or more).

Random mazes (``small_menus``: queues and branches on an office schedule) get every `closed`
route replaced by a message that gives the hours and ends the call (an honest end)."""
from __future__ import annotations

from typing import Any

from hypothesis import given
from test_analysis_oracle import load_dict, small_menus

from ivrmaze.lint import lint

CLOSING = {"say": "We are closed. Please call again on a weekday between 8 and 4.", "next": "hangup"}
KEPT = ("trap", "ping-pong", "dead-end")


def _closed_to_message(data: dict[str, Any]) -> dict[str, Any]:
    nodes = {k: dict(v) for k, v in data["nodes"].items()}
    for body in nodes.values():
        if "closed" in body:
            body["closed"] = "closing"
    nodes["closing"] = dict(CLOSING)
    return {**data, "nodes": nodes}


def _problems(maze: Any) -> list[tuple[str, frozenset[str]]]:
    # a finding's own nodes (a trap's members), not where it is anchored (the key to edit)
    return [(f.kind, frozenset(f.nodes or ((f.node,) if f.node else ())))
            for f in lint(maze, chances=False).findings if f.severity in ("error", "warning")]


@given(small_menus())
def test_a_closing_message_removes_after_hours_traps_and_adds_no_problem(tmp_path_factory: Any,
                                                                          data: dict[str, Any]) -> None:
    before = _problems(load_dict(tmp_path_factory, data))
    after = _problems(load_dict(tmp_path_factory, _closed_to_message(data)))
    assert not [p for p in after if p[0] in ("after-hours-trap", "silent-bounce")], after
    for kind, nodes in after:
        if kind in KEPT:
            was = {"trap": ("trap", "after-hours-trap")}.get(kind, (kind,))
            assert any(k in was and nodes - {"closing"} <= n for k, n in before), (kind, nodes, before)
