"""Holidays as designers keep them: named calendars, yearly dates, countries' public holidays
(the `holidays` package), special hours on a date or calendar; resolved for the years analysed."""
import datetime as dt

import holidays as holidays_package

import ivrmaze
from ivrmaze import schedule as S
from ivrmaze import timeline as T

FILE = """\
ivrmaze: 1
entry: desk
calendars:
  nl-public: [{country: NL}]
  company: ["12-31", 2026-05-04]
hours:
  office:
    mon-fri: "08:00-17:00"
    holidays: [nl-public, company]
    "12-24": "08:00-15:00"
nodes:
  desk:
    queue: Desk
    hours: office
    closed: sorry
  sorry:
    say: We are closed.
"""


def _office(tmp_path, text=FILE):
    path = tmp_path / "h.yaml"
    path.write_text(text)
    maze = ivrmaze.load(str(path))
    return maze, maze.schedules[f"{maze.roots[0]}#office"]


def test_yearly_dates_and_leap_days():
    rules = S.Rules(yearly=frozenset({(12, 25), (2, 29)}))
    assert rules.dates_in([2027, 2028]) == {"2027-12-25", "2028-12-25", "2028-02-29"}


def test_country_and_region_holidays_come_from_the_holidays_package():
    for country, subdiv in (("NL", None), ("US", "CA")):
        rules = S.Rules(countries=frozenset({(country, subdiv)}))
        expected = {d.isoformat() for d in holidays_package.country_holidays(country, subdiv=subdiv, years=[2026])}
        assert rules.dates_in([2026]) == expected
    ca = S.Rules(countries=frozenset({("US", "CA")})).dates_in([2026])
    assert "2026-03-31" in ca  # César Chávez Day: California's, not the country's
    assert "2026-03-31" not in S.Rules(countries=frozenset({("US", None)})).dates_in([2026])


def test_the_years_analysed_are_this_and_next_year_and_those_asked_for():
    assert S.analysed_years(dt.date(2026, 6, 1)) == (2026, 2027)
    assert S.analysed_years(dt.date(2026, 6, 1), [2030]) == (2026, 2027, 2030)


def test_a_schedule_resolves_its_calendars_for_the_years_analysed(tmp_path):
    _, office = _office(tmp_path)
    this = dt.date.today().year
    assert office.years == (this, this + 1)
    nl = {d.isoformat() for d in holidays_package.country_holidays("NL", years=[this, this + 1])}
    assert nl <= office.holidays
    assert {f"{this}-12-31", f"{this + 1}-12-31", "2026-05-04", f"{this}-12-24"} <= office.holidays
    assert office.special == {f"{y}-12-24": ((480, 900),) for y in (this, this + 1)}


def test_special_hours_open_the_schedule_only_then(tmp_path):
    _, office = _office(tmp_path)
    eve = "2026-12-24"  # a Thursday
    thu = 3 * 1440
    assert office.is_open(thu + 8 * 60, eve) and office.is_open(thu + 14 * 60 + 59, eve)
    assert not office.is_open(thu + 15 * 60, eve) and not office.is_open(thu + 7 * 60, eve)
    assert office.is_open(thu + 16 * 60)  # an ordinary Thursday
    assert not office.is_open(thu + 10 * 60, "2026-12-31")  # the company's yearly day off


def test_a_year_outside_the_analysed_ones_is_resolved_when_asked(tmp_path):
    _, office = _office(tmp_path)
    kings_day = dt.date(2040, 4, 27)  # NL's King's Day: a Friday in 2040
    week_before = kings_day - dt.timedelta(days=7)
    assert kings_day.weekday() == 4 and 2040 not in office.years
    minute = kings_day.weekday() * 1440 + 10 * 60
    assert not office.is_open(minute, kings_day.isoformat())
    assert office.is_open(minute, week_before.isoformat())
    assert office.for_years([2040]).special == {"2040-12-24": ((480, 900),)}


def test_the_timeline_cuts_a_special_day_at_its_hours(tmp_path):
    maze, office = _office(tmp_path)
    this = dt.date.today().year
    eve = f"{this}-12-24"
    day = [(w.start % 1440, w.end % 1440 or 1440, bool(st)) for w, st in T.windows(maze) if w.date == eve]
    open_hours = [(a, b) for a, b, is_open in day if is_open]
    assert open_hours == [(480, 900)]
    assert sum(b - a for a, b, _ in day) == 1440


def test_an_instant_in_special_hours_sees_the_team_open_only_then(tmp_path):
    maze, _ = _office(tmp_path)
    assert T.state_at(maze, T.maze_instant(maze, "2026-12-24T16:00")) == frozenset()
    assert T.state_at(maze, T.maze_instant(maze, "2026-12-24T10:00")) != frozenset()
    assert T.state_at(maze, T.maze_instant(maze, "2026-12-23T16:00")) != frozenset()


def test_plain_dates_keep_the_schedule_as_before(tmp_path):
    text = FILE.replace("    holidays: [nl-public, company]\n    \"12-24\": \"08:00-15:00\"\n",
                        "    holidays: [2011-04-25]\n")
    _, office = _office(tmp_path, text)
    assert office.holidays == {"2011-04-25"} and office.rules is None and not office.special
