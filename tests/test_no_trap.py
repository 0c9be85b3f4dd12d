"""`no: trap` rules out after-hours traps too: they are traps at some times."""
from __future__ import annotations

import pathlib

import pytest

from ivrmaze import lint

MOBISTAR = pathlib.Path(__file__).resolve().parent.parent / "menus" / "mobistar-2011.yaml"


def _failures(tmp_path: pathlib.Path, expectation: str) -> list[str]:
    p = tmp_path / "mobistar.yaml"
    p.write_text(MOBISTAR.read_text(encoding="utf-8").rstrip("\n") + f"\nexpect:\n  - {expectation}\n",
                 encoding="utf-8")
    maze = lint.load([p])
    return [f.message for f in lint.check(maze).findings if f.kind == "expectation"]


@pytest.mark.parametrize("at", ["", ", at: \"Mon-Fri 16:00-20:00\""])
def test_no_trap_fails_on_an_after_hours_trap(tmp_path, at) -> None:
    """remove-container is trapped only while the switchboard is closed: an after-hours trap."""
    week = [f for f in lint.lint(lint.load([MOBISTAR])).findings if "remove-container" in f.intents]
    assert {f.kind for f in week} >= {"after-hours-trap"} and "trap" not in {f.kind for f in week}
    failed = _failures(tmp_path, "{no: trap, intent: remove-container" + at + "}")
    assert len(failed) == 1 and "no `trap` for `remove-container`" in failed[0], failed


def test_no_trap_passes_where_there_is_none(tmp_path) -> None:
    assert _failures(tmp_path, '{no: trap, intent: invoice, at: "Mon-Fri 09:00-12:00"}') == []


def test_an_expectation_failing_always_has_no_when(tmp_path) -> None:
    """Failing at every week window and on the holiday: no `when` (`always` is not a window)."""
    p = tmp_path / "desk.yaml"
    p.write_text("""ivrmaze: 1
name: Desk
entry: main
hours:
  office:
    mon-fri: "09:00-17:00"
    holidays: [2026-12-25]
intents:
  ask: A question
nodes:
  main:
    menu: Press 1.
    options:
      "1": desk
      "2": office-desk
  desk:
    queue: Desk
    resolves: [ask]
  office-desk:
    queue: Office
    hours: office
    closed: desk
expect:
  - {intent: ask, best_hops: {max: 0}}
  - {intent: ask, at: always, best_hops: {max: 0}}
  - {intent: ask, at: "Mon-Fri 10:00-11:00", best_hops: {max: 0}}
""", encoding="utf-8")
    found = [f for f in lint.check(lint.load([p])).findings if f.kind == "expectation"]
    assert [f.when for f in found] == [None, None, ("Mon-Fri 10:00-11:00",)]
