"""A warm transfer carries the story through messages and time branches until the next human
picks up: the analysis (best route retells) and the simulator agree."""
from __future__ import annotations

import pytest

from ivrmaze import lint
from ivrmaze.simulator import simulate
from ivrmaze.timeline import parse_at

MON = parse_at("Mon 10:00")

HOLD = """\
ivrmaze: 1
name: Hold line
timezone: Europe/Amsterdam
entry: main
hours:
  office:
    mon-fri: "09:00-17:00"
intents:
  claim: A claim
nodes:
  main:
    menu: For claims press 1.
    options:
      "1": desk
  desk:
    queue: Front desk
    transfers:
      - {to: hold, warm: {warm}}
  hold:
    say: Please hold, we put you through to the claims team.
    next: {after}
  office-hours:
    branch: office
    open: claims
    closed: claims
  claims:
    queue: Claims team
    resolves: [claim]
"""


def _maze(tmp_path, warm: str, after: str = "claims"):
    p = tmp_path / "hold.yaml"
    p.write_text(HOLD.replace("{warm}", warm).replace("{after}", after), encoding="utf-8")
    return lint.load([p])


@pytest.mark.parametrize("after", ["claims", "office-hours"])
@pytest.mark.parametrize("warm, retells", [("true", 0), ("false", 1)])
def test_warm_transfer_to_a_message_carries_the_story(tmp_path, after, warm, retells) -> None:
    maze = _maze(tmp_path, warm, after)
    rows = [r for r in lint.lint(maze, at="Mon 10:00").intents if r.intent == "claim"]
    assert [r.retells for r in rows] == [retells]
    call = simulate(maze, ["1"], at=MON, intent="claim")
    assert call.outcome == "resolved"
    assert call.retells == retells


def test_a_menu_in_between_drops_the_story(tmp_path) -> None:
    """The story goes along automatic moves only: a caller who presses a key tells it again."""
    text = HOLD.replace("{warm}", "true").replace("next: {after}", "next: ask").replace(
        "  office-hours:", '  ask:\n    menu: Press 1 for claims.\n    options:\n      "1": claims\n  office-hours:')
    p = tmp_path / "menu.yaml"
    p.write_text(text, encoding="utf-8")
    maze = lint.load([p])
    row = next(r for r in lint.lint(maze, at="Mon 10:00").intents if r.intent == "claim")
    assert row.retells == 1
    assert simulate(maze, ["1", "1"], at=MON, intent="claim").retells == 1
