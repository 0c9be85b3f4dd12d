"""`--at now` and `--at WINDOW` in every command that takes --at: a window means all its instants,
the findings that hold at some instant of it, with their windows cut to it."""
from __future__ import annotations

import json

import pytest

from ivrmaze import lint
from ivrmaze.periods import Period, parse_period, read_at
from ivrmaze.schedule import WEEK
from tests.clirun import ivrmaze

LUNCH = """\
ivrmaze: 1
name: Lunch line
timezone: Europe/Amsterdam
entry: main
hours:
  morning:
    mon-fri: "08:00-12:00"
  afternoon:
    mon-fri: "13:00-17:00"
intents:
  invoice: An invoice
nodes:
  main:
    menu: For invoices press 1.
    options:
      "1": a
  a:
    queue: A
    hours: morning
    closed: b
    resolves: [invoice]
  b:
    queue: B
    hours: afternoon
    closed: a
    resolves: [invoice]
"""


def _minutes(when: tuple[str, ...]) -> set[int]:
    return {m % WEEK for label in when for p in parse_period(label).parts for a, b in p.intervals
            for m in range(a, b)}


@pytest.fixture
def lunch(tmp_path):
    p = tmp_path / "lunch.yaml"
    p.write_text(LUNCH, encoding="utf-8")
    return p


def test_read_at_reads_now_instants_and_windows() -> None:
    assert isinstance(read_at("Mon-Fri 09:00-17:00"), Period)
    assert read_at("Fri 16:30").minute == 4 * 1440 + 990
    assert read_at("now", "Europe/Amsterdam").date is not None


def test_window_findings_are_the_week_findings_cut_to_it(lunch) -> None:
    maze = lint.load([lunch])
    week = [f for f in lint.lint(maze).findings if f.kind == "after-hours-trap"]
    assert len(week) == 1 and week[0].when is not None
    period = "Mon-Fri 11:00-14:00"
    cut = [f for f in lint.lint(maze, at=period).findings if f.kind == "after-hours-trap"]
    assert len(cut) == 1 and cut[0].when is not None
    assert _minutes(cut[0].when) == _minutes(week[0].when) & _minutes((period,))
    assert cut[0].when == ("Mon-Fri 12:00-13:00",)
    # a window where it never holds: no finding
    assert not [f for f in lint.lint(maze, at="Mon-Fri 09:00-11:00").findings if f.kind == "after-hours-trap"]


def test_check_and_report_take_a_window(lunch) -> None:
    res = ivrmaze("check", lunch, "--at", "Mon-Fri 11:00-14:00")
    assert res.exit_code == 1, res.output
    assert "= when: Mon-Fri 12:00-13:00" in res.output
    assert "at Mon-Fri 11:00-14:00;" in res.output
    doc = json.loads(ivrmaze("report", lunch, "--at", "Mon-Fri 11:00-14:00", "--format", "json").output)
    assert doc["at"] == "Mon-Fri 11:00-14:00"
    assert [m["when"] for m in doc["intents"]] == [["Mon-Fri 11:00-12:00"], ["Mon-Fri 12:00-13:00"],
                                                    ["Mon-Fri 13:00-14:00"]]


@pytest.mark.parametrize("at", ["now", "Mon-Fri 11:00-14:00"])
def test_every_command_takes_now_and_windows(lunch, tmp_path, at) -> None:
    assert ivrmaze("check", lunch, "--at", at).exit_code in (0, 1)
    assert ivrmaze("report", lunch, "--at", at).exit_code == 0
    assert ivrmaze("render", lunch, "--at", at, "-o", tmp_path / "x.dot").exit_code == 0
    assert ivrmaze("review", lunch, "--at", at, "-o", tmp_path / "x.html").exit_code == 0
    other = tmp_path / "other.yaml"
    other.write_text(LUNCH.replace('"13:00-17:00"', '"12:00-17:00"'), encoding="utf-8")
    res = ivrmaze("diff", lunch, other, "--at", at)
    assert res.exit_code in (0, 1), res.output + res.stderr


def test_diff_over_a_window_cuts_the_changes(lunch, tmp_path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(LUNCH.replace('"13:00-17:00"', '"12:00-17:00"'), encoding="utf-8")
    doc = json.loads(ivrmaze("diff", lunch, other, "--at", "Mon-Fri 11:00-14:00", "--format", "json").output)
    assert doc["at"] == "Mon-Fri 11:00-14:00"
    assert {w for m in doc["metrics"] for w in m["when"]} == {"Mon-Fri 12:00-13:00"}


@pytest.mark.parametrize("cmd", ["check", "report"])
def test_a_bad_window_is_a_usage_error(lunch, cmd) -> None:
    res = ivrmaze(cmd, lunch, "--at", "Mon-Fry 09:00-17:00")
    assert res.exit_code == 2
    assert "expected now, an instant" in res.stderr


def test_call_takes_now(lunch) -> None:
    res = ivrmaze("call", lunch, "--at", "now", "--keys", "1", "--intent", "invoice")
    assert res.exit_code in (0, 1) and res.output.startswith("Calling Lunch line at 20")  # 1: not resolved now
