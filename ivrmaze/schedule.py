"""Opening-hours schedules: weekly intervals in local minutes, plus holiday dates (closed all day,
or open only in special hours), and the holiday rules (yearly dates, a country's public holidays)
that give those dates for the years analysed."""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .errors import ScheduleError
from .language import DAY_FULL_NAMES, DAY_NAMES, EVERY_DAY

WEEK = 7 * 1440
#: Digits are ASCII only: `int()` would read Arabic-Indic and other digits as well.
_RANGE = re.compile(r"^\s*([0-9]{1,2}):([0-9]{2})\s*-\s*([0-9]{1,2}):([0-9]{2})\s*$")


Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Rules:
    """Holiday dates as written: fixed ISO dates, yearly (month, day) dates and (country, subdivision)
    public holidays; ``dates_in`` gives them for some years (fixed dates whatever the year)."""

    dates: frozenset[str] = frozenset()
    yearly: frozenset[tuple[int, int]] = frozenset()
    countries: frozenset[tuple[str, str | None]] = frozenset()
    #: (name, its rules) of each named calendar or country these rules hold: windows are written
    #: by that name ("NL public holidays") instead of its dates.
    named: frozenset[tuple[str, Rules]] = frozenset()

    def __or__(self, other: Rules) -> Rules:
        return Rules(self.dates | other.dates, self.yearly | other.yearly, self.countries | other.countries,
                     self.named | other.named)

    def as_named(self, name: str) -> Rules:
        """These rules, known by ``name`` too."""
        return Rules(self.dates, self.yearly, self.countries, self.named | {(name, Rules(self.dates, self.yearly,
                                                                                      self.countries))})

    def dates_in(self, years: Iterable[int]) -> frozenset[str]:
        years = tuple(sorted(set(years)))
        out = set(self.dates)
        for year in years:
            for month, day in self.yearly:
                if month != 2 or day != 29 or _leap(year):
                    out.add(dt.date(year, month, day).isoformat())
        for country, subdiv in self.countries:
            out |= country_dates(country, subdiv, years)
        return frozenset(out)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@functools.lru_cache(maxsize=256)
def country_dates(country: str, subdiv: str | None, years: tuple[int, ...]) -> frozenset[str]:
    """The public holidays of ``country`` (and ``subdiv``) in ``years``, from the `holidays` package."""
    import holidays  # kept off start-up: only files that name a country need it

    found = holidays.country_holidays(country, subdiv=subdiv, years=years)
    return frozenset(d.isoformat() for d in found)


def countries() -> Mapping[str, list[str]]:
    """Country code -> its subdivision codes, as the `holidays` package knows them."""
    import holidays  # kept off start-up: only files that name a country need it

    known: Mapping[str, list[str]] = holidays.list_supported_countries()
    return known


def analysed_years(today: dt.date | None = None, extra: Iterable[int] = ()) -> tuple[int, ...]:
    """The years whose holidays are resolved: the current and the next year, and ``extra``."""
    year = (today or dt.date.today()).year
    return tuple(sorted({year, year + 1, *extra}))


@dataclass(frozen=True)
class Holidays:
    """A schedule's holidays as written: dates closed all day, and dates open only in special hours
    (minutes of the day); special hours win over a closed date."""

    closed: Rules = Rules()
    special: tuple[tuple[Rules, Spans], ...] = ()

    def resolve(self, years: Iterable[int]) -> tuple[frozenset[str], dict[str, Spans]]:
        """(every holiday date, date -> its special hours) in ``years``."""
        years = tuple(years)
        special: dict[str, list[tuple[int, int]]] = {}
        for rules, spans in self.special:
            for date in rules.dates_in(years):
                special.setdefault(date, []).extend(spans)
        merged = {d: _merge_day(s) for d, s in special.items()}
        return self.closed.dates_in(years) | frozenset(merged), merged


def _merge_day(spans: Iterable[tuple[int, int]]) -> Spans:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return tuple((a, b) for a, b in out)


@dataclass(frozen=True)
class Schedule:
    """``intervals``: sorted, merged (start, end) minutes of the week, Monday 00:00 = 0.

    ``holidays``: the dates on which the week's hours do not apply (resolved for ``years``):
    closed all day, or, for a date in ``special``, open only in its (start, end) minutes of the
    day. ``rules``: the holidays as written, which give the dates of any other year."""

    name: str
    intervals: Spans
    holidays: frozenset[str] = frozenset()
    special: Mapping[str, Spans] = field(default_factory=dict, hash=False)
    rules: Holidays | None = None
    years: tuple[int, ...] = ()

    def day_hours(self, date: str) -> Spans | None:
        """The minutes of the day ``date`` is open, or None when the week's hours apply."""
        if self.rules is not None and self.years and int(date[:4]) not in self.years:
            return self.for_years((int(date[:4]),)).day_hours(date)
        if date in self.special:
            return self.special[date]
        return () if date in self.holidays else None

    def is_open(self, minute_of_week: int, date: str | None = None) -> bool:
        m = minute_of_week % WEEK
        if date is not None:
            day = self.day_hours(date)
            if day is not None:
                return any(a <= m % 1440 < b for a, b in day)
        return any(a <= m < b for a, b in self.intervals)

    def for_years(self, years: Iterable[int]) -> Schedule:
        """This schedule with its holidays resolved for ``years`` (itself without rules)."""
        if self.rules is None:
            return self
        return _resolved(self, tuple(sorted(set(years))))

    def boundaries(self) -> set[int]:
        """Minutes of the week at which this schedule opens or closes (on a special date too)."""
        out = set()
        for a, b in self.intervals:
            out.add(a % WEEK)
            out.add(b % WEEK)
        for date, spans in self.special.items():
            day = dt.date.fromisoformat(date).weekday() * 1440
            out |= {(day + m) % WEEK for span in spans for m in span}
        return out


@functools.lru_cache(maxsize=256)
def _resolved(s: Schedule, years: tuple[int, ...]) -> Schedule:
    assert s.rules is not None
    dates, special = s.rules.resolve(years)
    return Schedule(s.name, s.intervals, dates, special, s.rules, years)


def parse_days(spec: object) -> list[int]:
    """``mon``, ``mon-fri``, ``sat,sun``, ``fri-mon`` (wraps), ``daily`` -> weekday numbers (Mon=0)."""
    text = str(spec).strip().lower()
    if text in EVERY_DAY:
        return list(range(7))
    days: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            raise ScheduleError(f"invalid day spec `{spec}`, expected days like `mon`, `mon-fri`, `sat,sun` or `daily`")
        if "-" in part:
            a, _, b = part.partition("-")
            ia, ib = _day(a.strip(), spec), _day(b.strip(), spec)
            i = ia
            while True:
                days.append(i)
                if i == ib:
                    break
                i = (i + 1) % 7
        else:
            days.append(_day(part, spec))
    return days


def _day(name: str, spec: object) -> int:
    if name in DAY_NAMES:
        return DAY_NAMES.index(name)
    if name in DAY_FULL_NAMES:
        return DAY_FULL_NAMES.index(name)
    where = "" if name == str(spec).strip().lower() else f" in `{spec}`"
    raise ScheduleError(f"invalid day `{name}`{where}, expected one of {', '.join(DAY_NAMES)} "
                        "(or a range such as `mon-fri`)")


def parse_range(text: object) -> tuple[int, int]:
    """``"08:00-16:00"`` -> (480, 960). ``24:00`` may end a range; an end before the start runs past midnight."""
    m = _RANGE.match(str(text))
    if not m:
        raise ScheduleError(f"invalid time range `{text}`, expected `HH:MM-HH:MM` such as \"08:00-16:00\"")
    h1, m1, h2, m2 = map(int, m.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        raise ScheduleError(f"invalid time in `{text}`, expected hours 00-23 (or 24:00 as an end) and minutes 00-59")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if start == end:
        raise ScheduleError(f"empty time range `{text}`, expected an end that differs from the start")
    if end < start:
        end += 1440
    return start, end


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def parse_date(text: object) -> str:
    """``"2011-04-25"`` -> the same date, checked (``YYYY-MM-DD`` only, as the JSON Schema says)."""
    s = str(text).strip()
    try:
        if not _DATE.match(s):
            raise ValueError(s)
        return dt.date.fromisoformat(s).isoformat()
    except ValueError:
        raise ScheduleError(f"invalid date `{text}`, expected an ISO date YYYY-MM-DD such as 2011-04-25") from None


def merge(intervals: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Merge minute-of-week intervals, splitting those that run past Sunday 24:00."""
    pieces = []
    for a, b in intervals:
        if b > WEEK:
            pieces.append((a, WEEK))
            pieces.append((0, b - WEEK))
        else:
            pieces.append((a, b))
    pieces.sort()
    out: list[list[int]] = []
    for a, b in pieces:
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return tuple((a, b) for a, b in out)


def build(name: str, day_ranges: list[tuple[list[int], list[tuple[int, int]]]],
          holidays: Iterable[str] | Holidays = (), years: Iterable[int] | None = None) -> Schedule:
    """A schedule open on ``days`` at ``ranges`` (minutes of the day) for each pair; closed on the
    dates ``holidays`` lists, or with the holidays those rules give in ``years`` (by default
    ``analysed_years()``)."""
    raw = [(d * 1440 + a, d * 1440 + b) for days, ranges in day_ranges for d in days for a, b in ranges]
    if not isinstance(holidays, Holidays):
        return Schedule(name=name, intervals=merge(raw), holidays=frozenset(holidays))
    return Schedule(name, merge(raw), rules=holidays).for_years(analysed_years() if years is None else years)


_YEARLY = re.compile(r"^([0-9]{2})-([0-9]{2})$")


def parse_yearly(text: object) -> tuple[int, int]:
    """``"12-25"`` -> (12, 25): a date every year (``02-29`` in leap years only)."""
    m = _YEARLY.match(str(text).strip())
    month, day = (int(g) for g in m.groups()) if m else (0, 0)
    try:
        dt.date(2024, month, day)  # a leap year: 02-29 is a date
    except ValueError:
        raise ScheduleError(f"invalid yearly date `{text}`, expected MM-DD such as 12-25") from None
    return month, day


def is_date_like(text: object) -> bool:
    """Whether ``text`` is meant as a date (``2026-12-24``) or a yearly date (``12-24``)."""
    s = str(text).strip()
    return bool(re.match(r"^([0-9]{2,4}-[0-9]|[0-9]+$)", s))


def parse_day_range(text: object) -> tuple[int, int]:
    """A time range within one day (special hours on a date): ``"08:00-15:00"`` -> (480, 900)."""
    a, b = parse_range(text)
    if b > 1440:
        raise ScheduleError(f"the time range `{text}` runs past midnight, expected hours within the day "
                            "(special hours apply to one date)")
    return a, b
