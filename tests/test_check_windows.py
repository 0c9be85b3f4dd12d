"""Issue 11: a finding's windows, parsed back, are exactly the instants at which it holds.

Every week finding of the time-dependent checks is compared with the findings at instants
sampled every 30 minutes of the week: the same problem (the same trap nodes, the same bounce,
a cycle sharing its teams) is found at an instant exactly when the instant lies in its windows
(a trap over the week may be an after-hours-trap; at an instant it is a trap)."""
from __future__ import annotations

import pathlib
from typing import Any

import pytest
import yaml

import ivrmaze
from ivrmaze.lint import lint as analyze
from ivrmaze.periods import parse_period

CASES = pathlib.Path(__file__).parent / "cases" / "checks"
MENUS = [("trap", "basta"), ("trap", "night-trap-and-week-trap"), ("trap", "office-hours-loop"),
         ("ping-pong", "third-desk-at-half-past"), ("ping-pong", "closed-desk-holds"), ("silent-bounce", "bank"),
         ("silent-bounce", "branch-back"), ("menus", "mobistar-2011"), ("menus", "coolblue-charging")]
KINDS = {"trap": "trap", "after-hours-trap": "trap", "ping-pong": "ping-pong", "silent-bounce": "silent-bounce"}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _menu(check: str, name: str) -> str:
    if check == "menus":
        return (pathlib.Path(__file__).parent.parent / "menus" / f"{name}.yaml").read_text(encoding="utf-8")
    text: str = yaml.safe_load((CASES / f"{check}.yaml").read_text(encoding="utf-8"))["menus"][name]
    return text


def _inside(when: tuple[str, ...] | None, minute: int) -> bool:
    """Whether a week minute lies in the week windows of ``when`` (None: at all times)."""
    if when is None:
        return True
    parts = [p for w in when for p in parse_period(w).parts if p.date is None]
    return any(a <= minute < b or a <= minute + 7 * 1440 < b for p in parts for a, b in p.intervals)


def _same(week: Any, at: Any) -> bool:
    if KINDS[week.kind] != at.kind or week.file != at.file:
        return False
    if week.kind == "ping-pong":  # the cycle of an instant holds some of the week's teams
        return bool(set(week.nodes) & set(at.nodes))
    if week.kind == "silent-bounce":
        return (week.line, week.column, week.nodes) == (at.line, at.column, at.nodes)
    return set(week.nodes) == set(at.nodes) and set(at.intents) <= set(week.intents)


@pytest.mark.parametrize("check, name", MENUS, ids=[f"{c}: {n}" for c, n in MENUS])
def test_windows_are_exactly_the_instants_at_which_a_finding_holds(check, name, tmp_path):
    path = tmp_path / "example.yaml"
    path.write_text(_menu(check, name), encoding="utf-8")
    maze = ivrmaze.load([str(path)])
    week = [f for f in analyze(maze, chances=False).findings if f.kind in KINDS]
    assert week, "every menu here has a time-dependent finding"
    for minute in range(0, 7 * 1440, 30):
        at = f"{DAYS[minute // 1440]} {minute % 1440 // 60:02d}:{minute % 60:02d}"
        found = [f for f in analyze(maze, at=at, chances=False).findings if f.kind in KINDS]
        for f in week:
            assert _inside(f.when, minute) == any(_same(f, g) for g in found), (at, f)
