"""Issue 11: a named holiday calendar is written by its name ("nl-public holidays", "NL public
holidays") instead of its dates, in every output, and the name reads back as those dates."""
from __future__ import annotations

import json
import textwrap

import pytest

import ivrmaze
from ivrmaze.errors import InstantError
from ivrmaze.lint import lint
from ivrmaze.periods import maze_at, read_at
from ivrmaze.timeline import Window, calendar_dates, describe

from ivrmaze.lint import check

from clirun import ivrmaze as run_cli

MENU = """\
ivrmaze: 1
timezone: Europe/Amsterdam
entry: main
intents: {{sales: Buying}}
calendars:
  nl-public: [{{country: NL}}]
hours:
  office:
    mon-fri: "09:00-17:00"
    holidays: [{holidays}]
nodes:
  main:
    menu: "Press 1 for sales"
    options: {{1: sales}}
  sales:
    queue: Sales
    hours: office
    closed: main
    resolves: [sales]
"""


def _maze(tmp_path, holidays: str = "nl-public, 2026-12-24"):
    path = tmp_path / "line.yaml"
    path.write_text(MENU.format(holidays=holidays), encoding="utf-8")
    return ivrmaze.load([str(path)])


def _bounce_when(maze) -> tuple[str, ...]:
    found = [f for f in lint(maze, chances=False).findings if f.kind == "silent-bounce"]
    assert len(found) == 1
    assert found[0].when is not None
    return found[0].when


def test_a_named_calendar_is_written_by_its_name_and_other_dates_by_date(tmp_path) -> None:
    when = _bounce_when(_maze(tmp_path))
    assert "nl-public holidays" in when
    assert "2026-12-24 (holiday)" in when
    assert not any("2026-12-25" in w for w in when), when  # Christmas is named by the calendar


def test_a_country_in_a_schedule_is_written_as_its_public_holidays(tmp_path) -> None:
    when = _bounce_when(_maze(tmp_path, "{country: NL}"))
    assert "NL public holidays" in when
    assert not any("(holiday" in w for w in when), when


def test_a_calendar_only_partly_in_the_windows_is_written_by_date() -> None:
    dates = frozenset({"2026-12-25", "2026-12-26"})
    cals = (("xmas", dates),)
    both = [Window(d * 1440, d * 1440 + 1440, date, cals) for d, date in ((4, "2026-12-25"), (5, "2026-12-26"))]
    assert describe(both) == ["xmas holidays"]
    assert describe(both[:1]) == ["2026-12-25 (holiday)"]


def test_the_calendar_name_reads_back_as_its_dates(tmp_path) -> None:
    maze = _maze(tmp_path)
    period = maze_at(maze, "nl-public holidays")
    dates = {w.date for w, _ in period.pieces(maze)}
    assert dates == set(calendar_dates(maze)["nl-public"])
    hours = maze_at(maze, "NL public holidays 10:00-11:00")
    assert {(w.end - w.start) for w, _ in hours.pieces(maze)} == {60}


def test_an_unknown_calendar_in_at_is_an_error_naming_the_known_ones(tmp_path) -> None:
    maze = _maze(tmp_path)
    read_at("company holidays")  # reads: only the maze knows which calendars exist
    with pytest.raises(InstantError, match=r"no holiday calendar `company`.*`nl-public holidays`"):
        maze_at(maze, "company holidays")


def test_json_and_text_write_the_name(tmp_path) -> None:
    maze = _maze(tmp_path)
    path = next(iter(maze.files))
    out = run_cli("check", path, "--format", "json")
    doc = json.loads(out.output)
    bounce = next(f for f in doc["findings"] if f["kind"] == "silent-bounce")
    assert "nl-public holidays" in bounce["when"]
    text = run_cli("check", path).output
    assert "nl-public holidays" in text


def test_an_expectation_at_an_unknown_calendar_is_a_finding(tmp_path) -> None:
    menu = MENU.format(holidays="nl-public") + textwrap.dedent("""\
        expect:
          - {at: "company holidays", absent: trap}
        """)
    path = tmp_path / "line.yaml"
    path.write_text(menu, encoding="utf-8")
    found = [f for f in check(ivrmaze.load([str(path)])).findings if f.kind == "expectation"]
    assert [f.message for f in found] == [
        "expectation cannot be checked: its `at` names the holiday calendar `company`, which no schedule of "
        "these files uses, expected a calendar name or a date"]
