"""Periods: the `at` of an expectation or assertion, an instant or a stretch of the week.

A period is one instant (``"Fri 16:30"``, ``"2011-04-25T10:00"``), or windows written the way
ivrmaze prints them (``"Mon-Fri 09:00-17:00"``, ``"Sat 17:00-Mon 08:00"``, ``"Sat all day"``,
``"2011-04-25 (holiday)"``, ``"2011-04-25 08:00-12:00"``, ``"NL public holidays"``, ``"always"``), or a
list of those.
A weekly window means ordinary weeks; a date means that date (holiday or not).

``pieces(maze)`` cuts a period at every moment the maze's state can change, so checking one
instant per piece checks every instant of the period.
"""
from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from typing import Any

from . import inputs
from .errors import InstantError, PeriodError, ScheduleError
from .language import DAY_STARTS
from .schedule import WEEK, merge, parse_days, parse_range
from .timeline import Instant, Window, calendar_dates, daylight_gap, parse_at, windows

_HM = r"[0-9]{1,2}:[0-9]{2}"  # ASCII digits only, as everywhere in times
_SPAN = re.compile(rf"^([A-Za-z]+)\s+({_HM})\s*-\s*([A-Za-z]+)\s+({_HM})$")
_DATED_RANGE = re.compile(rf"^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}\s+{_HM}\s*-\s*{_HM}")
_ISO = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_RUN = rf"{_ISO}(?:\s+to\s+{_ISO})?"
#: dates as ivrmaze writes them: ``2026-12-24 to 2026-12-26, 2027-01-01``, then the hours if any
_DATE = re.compile(rf"^({_RUN}(?:\s*,\s*{_RUN})*)(?:\s+(?![0-9]{{4}}-)(.*))?$")
#: a named holiday calendar as ivrmaze writes it: ``nl-public holidays``, ``NL public holidays 08:00-15:00``
_CALENDAR = re.compile(rf"^(\S.*?)\s+holidays(?:\s+({_HM}\s*-.*))?$")
_MAX_DAYS = 366
EXAMPLES = ('an instant such as "Fri 16:30" or 2011-04-25T10:00, or a window such as "Mon-Fri 09:00-17:00", '
            '"Sat 17:00-Mon 08:00" or "2011-04-25 (holiday)"')


@dataclass(frozen=True)
class Part:
    """Week minutes ``[a, b)`` (merged, within one week); on ``date`` when set."""

    intervals: tuple[tuple[int, int], ...]
    date: str | None = None
    #: A named holiday calendar (``nl-public holidays 08:00-12:00``): its dates, known from the maze,
    #: in the hours of ``rest``.
    calendar: str | None = None
    rest: str | None = None


@dataclass(frozen=True)
class Period:
    text: str
    instant: Instant | None = None
    parts: tuple[Part, ...] = ()
    everything: bool = False  # every instant: the whole week and each holiday date

    def pieces(self, maze: Any) -> list[tuple[Window, Instant]]:
        """The period cut where the maze's state may change: (window, its first instant), in time order."""
        if self.instant is not None:
            m = self.instant.minute
            return [(Window(m, m + 1, self.instant.date), self.instant)]
        wins = windows(maze)
        cuts = sorted({w.start % WEEK for w, _ in wins} | {w.end % WEEK for w, _ in wins})
        parts = list(self.parts)
        if self.everything:
            holidays = sorted({d for s in maze.schedules.values() for d in s.holidays})
            parts = [Part(((0, WEEK),))] + [_date_part(d, None) for d in holidays]
        out = []
        for part in _resolved(parts, maze):
            for a, b in part.intervals:
                starts = [a] + [c for c in cuts if a < c < b]
                for s, e in zip(starts, starts[1:] + [b], strict=False):
                    out.append((Window(s, e, part.date), Instant(s, part.date)))
        return out


    def resolved(self, maze: Any) -> tuple[Part, ...]:
        """The parts, each named holiday calendar replaced by its dates in ``maze``."""
        return _resolved(self.parts, maze)

    def unknown_calendars(self, maze: Any) -> list[str]:
        """The holiday calendars this period names that ``maze`` does not use."""
        wanted = {p.calendar for p in self.parts if p.calendar}
        return sorted(wanted - set(calendar_dates(maze))) if wanted else []


def _resolved(parts: Any, maze: Any) -> tuple[Part, ...]:
    named = calendar_dates(maze) if any(p.calendar for p in parts) else {}
    return tuple(q for p in parts for q in ([_date_part(d, p.rest) for d in sorted(named.get(p.calendar, ()))]
                                            if p.calendar else [p]))


def _date_part(date: str, rest: str | None) -> Part:
    """One date, whole (``rest`` None or ``all day``) or the ranges of ``rest``: ``08:00-12:00, 13:00-17:00``."""
    day = dt.date.fromisoformat(date).weekday() * 1440
    if rest in (None, "", "all day"):
        return Part(((day, day + 1440),), date)
    out = []
    for r in (x.strip() for x in rest.split(",")):
        a, b = parse_range(r)
        if b > 1440:
            raise PeriodError(f"the time range {r!r} runs past midnight, expected a range within {date}")
        out.append((day + a, day + b))
    return Part(tuple(merge(out)), date)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"invalid date {text!r}, expected an ISO date such as 2011-04-25") from None


def _dated(dates: str, rest: str | None) -> tuple[Part, ...]:
    """``2026-12-24 to 2026-12-26, 2027-01-01`` (each date once) with the hours of ``rest``."""
    days: list[dt.date] = []
    for run in (x.strip() for x in dates.split(",")):
        first, _, last = (x.strip() for x in run.partition(" to "))
        a, b = _date(first), _date(last or first)
        if b < a or (b - a).days >= _MAX_DAYS:
            raise PeriodError(f"invalid dates {run!r}, expected a first date before the last, at most "
                              f"{_MAX_DAYS} days apart")
        days += [a + dt.timedelta(days=n) for n in range((b - a).days + 1)]
    return tuple(_date_part(d.isoformat(), rest) for d in sorted(set(days)))


def _minutes(hm: str) -> int:
    h, m = map(int, hm.split(":"))
    if h > 24 or m > 59 or (h == 24 and m):
        raise PeriodError(f"invalid time {hm!r}, expected HH:MM from 00:00 to 24:00")
    return h * 60 + m


def _parts(text: str) -> tuple[Part, ...]:
    s = re.sub(r"\s*\(holidays?\)\s*$", "", text.strip())
    m = _DATE.match(s)
    if m:
        return _dated(m.group(1), m.group(2))
    m = _CALENDAR.match(s)
    if m and not m.group(1).lower().startswith(DAY_STARTS):
        if m.group(2):
            _date_part("2000-01-03", m.group(2))  # the hours are checked now, the dates in ``pieces``
        return (Part((), calendar=m.group(1), rest=m.group(2)),)
    return (_part(s),)


def _part(s: str) -> Part:
    if s.lower() == "always":
        return Part(((0, WEEK),))
    m = _SPAN.match(s)
    if m:
        (da,), (db,) = parse_days(m.group(1)), parse_days(m.group(3))
        start, end = da * 1440 + _minutes(m.group(2)), db * 1440 + _minutes(m.group(4))
        if end <= start:
            end += WEEK
        return Part(merge([(start, end)]))
    days, _, rest = s.partition(" ")
    rest = rest.strip()
    ranges = [(0, 1440)] if rest in ("", "all day") else [parse_range(rest)]
    return Part(merge([(d * 1440 + a, d * 1440 + b) for d in parse_days(days) for a, b in ranges]))


def parse_period(value: object, timezone: str | None = None) -> Period:
    """A period from text (or a list of texts). Raises PeriodError saying what was expected.

    With ``timezone`` (the file's), a date and time the clocks skip there is refused."""
    if isinstance(value, (list, tuple)):
        if not value:
            raise PeriodError(f"`at` is an empty list, expected {EXAMPLES}")
        subs = [parse_period(v, timezone) for v in value]
        if any(p.instant for p in subs):
            raise PeriodError("a list in `at` holds windows only, expected one instant on its own or a list of "
                              "windows such as [\"Mon-Fri 16:00-20:00\", \"Sat 09:00-17:00\"]")
        return Period(", ".join(p.text for p in subs), parts=tuple(x for p in subs for x in p.parts),
                      everything=any(p.everything for p in subs))
    if isinstance(value, bool) or not isinstance(value, str):
        raise PeriodError(f"`at` is {value!r}, expected {EXAMPLES}")
    text = value.strip()
    if text.lower() == "now":
        raise PeriodError(f"`at` is {value!r}, which changes every minute, expected {EXAMPLES}")
    if not _DATED_RANGE.match(text):  # "2011-04-25 08:00-12:00" would read as an instant at UTC-12:00
        try:
            instant = parse_at(text)
        except InstantError:
            pass
        else:
            _refuse_gap(text, timezone)
            return Period(text, instant=instant)
    try:
        return Period(text, parts=_parts(text), everything=text.lower() == "always")
    except (ScheduleError, ValueError) as e:
        detail = f" ({e})" if isinstance(e, PeriodError) else ""
        raise PeriodError(f"cannot read {text!r} as a time{detail}, expected {EXAMPLES}") from None


def _refuse_gap(text: str, timezone: str | None) -> None:
    """A PeriodError when ``text`` is a local date and time that ``timezone`` skips."""
    if timezone is None:
        return
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return  # a weekday and time: every week has it
    gap = daylight_gap(when, timezone) if when.tzinfo is None else None
    if gap is not None:
        raise PeriodError(f"`at` {text!r} falls in a daylight-saving gap: {gap.label()} (clocks go forward), "
                          f"expected a time before {gap.start:%H:%M} or from {gap.end:%H:%M}")


def now(timezone: str | None) -> Instant:
    """This minute, read in ``timezone`` (default: the machine's), with its date."""
    zone = zoneinfo.ZoneInfo(timezone) if timezone else None
    inputs.doubt("the clock")  # a run that reads it is not cached
    return parse_at(dt.datetime.now(zone).strftime("%Y-%m-%dT%H:%M"))


def read_at(text: str, timezone: str | None = None) -> Instant | Period:
    """What ``--at`` reads: ``now``, an instant (``parse_at``, in ``timezone``) or a period of windows
    (``"Mon-Fri 09:00-17:00"``: all its instants). Raises InstantError saying what was expected."""
    s = str(text).strip()
    if s.lower() == "now":
        return now(timezone)
    try:
        period = parse_period(s, timezone)
    except PeriodError as e:
        try:
            parse_at(s, timezone)
        except InstantError as precise:
            if "invalid --at" not in str(precise):  # a day, a time or a gap that is wrong: say which
                raise
        m = re.search(r" as a time( \(.*\))?, expected", str(e))
        detail = (m.group(1) or "") if m else f" ({str(e).split(', expected')[0]})"
        raise InstantError(f"invalid --at {text!r}{detail}, expected now, {EXAMPLES}") from None
    if period.instant is not None:
        return parse_at(s, timezone)
    return period


def maze_at(maze: Any, at: Instant | Period | str) -> Instant | Period:
    """``at`` (an Instant, a Period or text for ``read_at``) read in ``maze``'s time zone; a
    Period of one instant is that instant."""
    if isinstance(at, Period):
        _known_calendars(at, maze)
        return at if at.instant is None else at.instant
    if isinstance(at, Instant):
        return at
    read = read_at(at, maze.timezone if maze is not None else None)
    if isinstance(read, Period):
        _known_calendars(read, maze)
    return read


def _known_calendars(period: Period, maze: Any) -> None:
    """An InstantError when ``period`` names a holiday calendar that ``maze`` does not use."""
    unknown = [] if maze is None else period.unknown_calendars(maze)
    if unknown:
        known = calendar_dates(maze)
        names = ", ".join(f"`{n} holidays`" for n in sorted(known)) or "none (no schedule names a calendar)"
        raise InstantError(f"invalid --at {period.text!r} (no holiday calendar `{unknown[0]}` in these files), "
                           f"expected one of {names}, or {EXAMPLES}")


#: Every instant of the week and every holiday date: the default when `at` is not given.
ALWAYS = Period("at all times", everything=True)
