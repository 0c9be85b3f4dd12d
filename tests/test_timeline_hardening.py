"""Issue 9, point 11 for time: digits in times are ASCII only, and an `--at` instant the clocks
skip is an error that names the gap. Issue 10: time errors are library errors, and the zones
are read from the maze (timeline never splits qualified ids)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from clirun import ivrmaze

from ivrmaze import schedule, timeline
from ivrmaze.errors import InstantError, PeriodError, ScheduleError, UsageError
from ivrmaze.lint import load
from ivrmaze.periods import parse_period

ARABIC = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
PERSIAN = str.maketrans("0123456789", "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9")
FULLWIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + i) for i in range(10)))
DIGITS = [ARABIC, PERSIAN, FULLWIDTH]


@pytest.mark.parametrize("digits", DIGITS, ids=["arabic-indic", "persian", "fullwidth"])
def test_non_ascii_digits_are_not_times(digits):
    with pytest.raises(ScheduleError, match="expected `HH:MM-HH:MM`"):
        schedule.parse_range("08:00-16:00".translate(digits))
    with pytest.raises(ScheduleError, match="expected an ISO date"):
        schedule.parse_date("2011-04-25".translate(digits))
    with pytest.raises(InstantError, match="invalid --at"):
        timeline.parse_at("Fri 16:30".translate(digits))
    for text in ("Mon-Fri 09:00-17:00", "Sat 17:00-Mon 08:00", "2011-04-25 08:00-12:00", "Fri 16:30"):
        with pytest.raises(PeriodError, match="cannot read"):
            parse_period(text.translate(digits))


def test_non_ascii_digits_in_opening_hours_are_a_positioned_error(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text('ivrmaze: 1\nentry: main\nhours:\n  office:\n    mon-fri: "\u0660\u0668:\u0660\u0660-16:00"\n'
                    "nodes:\n  main: {say: hi}\n", encoding="utf-8")
    (problem,) = load([str(path)], strict=False).problems
    assert (problem.kind, problem.line) == ("schedule", 5)
    assert "expected `HH:MM-HH:MM`" in problem.message


def test_ascii_times_still_read():
    assert schedule.parse_range("08:00-16:00") == (480, 960)
    assert timeline.parse_at("Fri 16:30").minute == 4 * 1440 + 990


def test_an_instant_in_a_daylight_saving_gap_is_refused_naming_the_gap():
    with pytest.raises(InstantError) as e:
        timeline.parse_at("2024-03-31T02:30", "Europe/Amsterdam")
    assert str(e.value) == ("--at '2024-03-31T02:30' falls in a daylight-saving gap: 02:00-03:00 on 2024-03-31 "
                            "does not exist in Europe/Amsterdam (clocks go forward), expected a time before 02:00 "
                            "or from 03:00")


@pytest.mark.parametrize("text, zone", [
    ("2024-03-31T01:59", "Europe/Amsterdam"), ("2024-03-31T03:00", "Europe/Amsterdam"),
    ("2024-10-27T02:30", "Europe/Amsterdam"),  # happens twice: it exists
    ("2024-03-31T02:30", "UTC"), ("2024-03-31T02:30", None),
    ("2024-03-31T02:30+01:00", "Europe/Amsterdam"),  # an offset says which moment is meant
])
def test_times_that_exist_are_read(text, zone):
    assert timeline.parse_at(text, zone).date is not None


def test_the_gap_of_a_half_hour_zone():
    gap = timeline.daylight_gap(dt.datetime(2024, 10, 6, 2, 15), "Australia/Lord_Howe")
    assert gap is not None and gap.label() == "02:00-02:30 on 2024-10-06 does not exist in Australia/Lord_Howe"


def test_the_gaps_of_a_zone_in_a_year():
    labels = [g.label() for g in timeline.daylight_gaps("Europe/Amsterdam", [2024, 2025])]
    assert labels == ["02:00-03:00 on 2024-03-31 does not exist in Europe/Amsterdam",
                      "02:00-03:00 on 2025-03-30 does not exist in Europe/Amsterdam"]
    assert timeline.daylight_gaps("UTC", [2024]) == []


def test_a_schedule_time_the_clocks_skip_is_found():
    gap = timeline.gap_at_time_of_day("Europe/Amsterdam", 2 * 60 + 30, [2024])
    assert gap is not None and gap.label() == "02:00-03:00 on 2024-03-31 does not exist in Europe/Amsterdam"
    assert timeline.gap_at_time_of_day("Europe/Amsterdam", 3 * 60, [2024]) is None
    assert timeline.gap_at_time_of_day("UTC", 150, [2024]) is None


def test_a_period_instant_in_a_gap_is_refused_when_the_zone_is_given():
    with pytest.raises(PeriodError) as e:
        parse_period("2024-03-31T02:30", "Europe/Amsterdam")
    assert "02:00-03:00 on 2024-03-31 does not exist in Europe/Amsterdam" in str(e.value)
    with pytest.raises(PeriodError):
        parse_period(["Mon-Fri 09:00-17:00", "2024-03-31T02:30"], "Europe/Amsterdam")
    assert parse_period("2024-03-31T02:30").instant is not None  # no zone given: as before
    assert parse_period("2024-03-31T03:30", "Europe/Amsterdam").instant is not None
    assert parse_period("Sun 02:30", "Europe/Amsterdam").instant is not None


def test_the_cli_says_the_gap_as_an_at_problem(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("ivrmaze: 1\ntimezone: Europe/Amsterdam\nentry: main\nnodes:\n  main: {say: hi}\n")
    r = ivrmaze("check", path, "--at", "2024-03-31T02:30")
    assert r.exit_code == 2
    assert "02:00-03:00 on 2024-03-31 does not exist in Europe/Amsterdam" in r.stderr
    assert ivrmaze("check", path, "--at", "2024-03-31T03:30").exit_code == 0


def test_instant_errors_are_library_errors_with_todays_texts():
    with pytest.raises(InstantError) as e:
        timeline.parse_at("Friday")
    assert isinstance(e.value, UsageError) and isinstance(e.value, ValueError)
    assert str(e.value) == ("invalid --at 'Friday', expected a weekday and time such as \"Fri 16:30\" or a date "
                            "and time such as 2011-04-25T10:00")


def test_zones_are_read_from_the_maze():
    """Maze.timezone and Maze.schedule_zones: no file lookup, no splitting of qualified ids."""
    office = schedule.build("office", [([0, 1, 2, 3, 4], [(540, 1020)])])
    maze = SimpleNamespace(timezone="Europe/London", schedules={"a.yaml#office": office, "weird#name#office": office},
                           schedule_zones={"a.yaml#office": "Europe/London", "weird#name#office": "Europe/Amsterdam"})
    assert timeline.schedule_shifts(maze) == {"a.yaml#office": 0, "weird#name#office": -60}
    assert timeline.maze_instant(maze, "2024-01-15T10:00+00:00").minute == 600
    assert timeline.state_at(maze, timeline.parse_at("Mon 08:30")) == frozenset({"weird#name#office"})
