"""Time: instants (`--at`), the week split into windows of constant state, and their names.

The *state* of a maze at an instant is the frozenset of schedules (qualified names) that are
open. The week is cut at every schedule's opening and closing minute; each holiday date
gets windows of its own. Many windows share a state, and analysis runs once per state.

All times are local to the files' time zone. When files of one maze use different time
zones, their schedules are shifted to the zone of the first file by their standard UTC
offset difference (documented in docs/analysis.md).
"""
from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import InstantError
from .language import DAY_FULL_NAMES, DAY_NAMES
from .schedule import WEEK

_DAY_TITLES = tuple(d.title() for d in DAY_NAMES)
#: Digits are ASCII only: `int()` would read Arabic-Indic and other digits as well.
_AT_WEEKDAY = re.compile(r"^\s*([A-Za-z]+)\s+([0-9]{1,2}):([0-9]{2})\s*$")


@dataclass(frozen=True)
class Instant:
    """A minute of the local week (Mon 00:00 = 0), and the date when one was given."""

    minute: int
    date: str | None = None
    text: str = ""

    def label(self) -> str:
        d, m = divmod(self.minute, 1440)
        base = f"{_DAY_TITLES[d]} {m // 60:02d}:{m % 60:02d}"
        return f"{self.date} {m // 60:02d}:{m % 60:02d} ({_DAY_TITLES[d]})" if self.date else base


def parse_at(text: str, timezone: str | None = None) -> Instant:
    """``"Fri 16:30"``, ``"friday 16:30"``, ``"2011-04-25T10:00"``, ``"2011-04-25 10:00"``, or an ISO
    datetime with an offset (converted to ``timezone``). A date and time that does not exist in
    ``timezone`` (the clocks skip it) is refused. Raises InstantError saying what was expected."""
    s = str(text).strip()
    m = _AT_WEEKDAY.match(s)
    if m:
        return _weekday_instant(text, s, m)
    try:
        when = dt.datetime.fromisoformat(s)
    except ValueError:
        raise InstantError(f"invalid --at {text!r}, expected a weekday and time such as \"Fri 16:30\" or a date "
                           "and time such as 2011-04-25T10:00") from None
    if len(s) == 10:  # a bare date: the start of that day is rarely meant
        raise InstantError(f"--at {text!r} has no time, expected a date and time such as {s}T10:00")
    if when.tzinfo is not None and timezone:
        when = when.astimezone(zoneinfo.ZoneInfo(timezone))
    elif timezone:
        gap = daylight_gap(when, timezone)
        if gap is not None:
            raise InstantError(f"--at {text!r} falls in a daylight-saving gap: {gap.label()} (clocks go "
                               f"forward), expected a time before {gap.start:%H:%M} or from {gap.end:%H:%M}")
    return Instant(when.weekday() * 1440 + when.hour * 60 + when.minute, when.date().isoformat(), s)


def _weekday_instant(text: str, s: str, m: re.Match[str]) -> Instant:
    name, hh, mm = m.group(1).lower(), int(m.group(2)), int(m.group(3))
    day = next((i for i, d in enumerate(DAY_NAMES) if name in (d, DAY_FULL_NAMES[i])), None)
    if day is None:
        raise InstantError(f"invalid day {m.group(1)!r} in --at {text!r}, expected Mon, Tue, Wed, Thu, Fri, "
                           "Sat or Sun")
    if hh > 23 or mm > 59:
        raise InstantError(f"invalid time in --at {text!r}, expected HH:MM from 00:00 to 23:59")
    return Instant(day * 1440 + hh * 60 + mm, None, s)


@dataclass(frozen=True)
class Gap:
    """Local times the clocks skip: ``[start, end)`` wall-clock times in ``zone``."""

    start: dt.datetime
    end: dt.datetime
    zone: str

    def label(self) -> str:
        """``02:00-03:00 on 2024-03-31 does not exist in Europe/Amsterdam``."""
        return (f"{self.start:%H:%M}-{self.end:%H:%M} on {self.start.date().isoformat()} does not exist in "
                f"{self.zone}")


def daylight_gap(when: dt.datetime, zone: str) -> Gap | None:
    """The gap holding the wall-clock time ``when`` (naive) in ``zone``, or None when it exists."""
    tz = zoneinfo.ZoneInfo(zone)
    before = when.replace(tzinfo=tz, fold=0).utcoffset()
    after = when.replace(tzinfo=tz, fold=1).utcoffset()
    if before is None or after is None or after <= before:  # a time that exists (once or twice)
        return None
    # the clocks jump at some UTC minute in (when - after, when - before]: find it
    utc = (when - after).replace(tzinfo=dt.UTC)
    while utc.astimezone(tz).utcoffset() != after:
        utc += dt.timedelta(minutes=1)
    start = (utc + before).replace(tzinfo=None)
    return Gap(start, start + (after - before), zone)


def daylight_gaps(zone: str, years: Iterable[int]) -> list[Gap]:
    """Every gap of ``zone`` in ``years`` (for warnings about schedule times the clocks skip)."""
    tz = zoneinfo.ZoneInfo(zone)
    out = []
    for year in years:
        hour = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
        offset = hour.astimezone(tz).utcoffset()
        while hour.year == year:
            nxt = hour + dt.timedelta(hours=1)
            step = nxt.astimezone(tz).utcoffset()
            if offset is not None and step is not None and step > offset:
                jump = hour  # the clocks jump within this hour (at a whole minute): find it
                while jump.astimezone(tz).utcoffset() != step:
                    jump += dt.timedelta(minutes=1)
                start = (jump + offset).replace(tzinfo=None)
                out.append(Gap(start, start + (step - offset), zone))
            hour, offset = nxt, step
    return out


def gap_at_time_of_day(zone: str, minute: int, years: Iterable[int]) -> Gap | None:
    """The first gap of ``zone`` in ``years`` that skips the time of day ``minute`` (00:00 = 0), or
    None: a schedule that opens or closes then never does so on that day."""
    for gap in daylight_gaps(zone, years):
        day = dt.datetime.combine(gap.start.date(), dt.time()) + dt.timedelta(minutes=minute)
        if gap.start <= day < gap.end:
            return gap
    return None


def instant_label(maze: Any, instant: Instant) -> str:
    """An instant as pages and reports name it: ``Fri 16:30``, ``2011-04-25 10:00 (Mon, a holiday)``
    (a holiday when some schedule of ``maze`` names that date)."""
    label = instant.label()
    if maze is not None and instant.date and any(instant.date in s.holidays for s in maze.schedules.values()):
        label = label[:-1] + ", a holiday)"
    return label


def reference_zone(maze: Any) -> str | None:
    """The zone ``maze``'s times are read in (its first file's), None for no maze."""
    if maze is None:
        return None
    zone: str = maze.timezone
    return zone


def schedule_zones(maze: Any) -> Mapping[str, str]:
    """Qualified schedule -> the time zone of the file it is written in."""
    zones: Mapping[str, str] = maze.schedule_zones
    return zones


def maze_instant(maze: Any, at: Instant | str) -> Instant:
    """``at`` (an Instant, or text for ``parse_at``) read in ``maze``'s time zone."""
    if isinstance(at, Instant):
        return at
    return parse_at(at, reference_zone(maze))


def _tz_shift(zone: str, ref: str) -> int:
    """Minutes to add to times in ``zone`` to express them in ``ref`` (standard offsets)."""
    if zone == ref:
        return 0
    day = dt.datetime(2026, 1, 15, 12)
    a = day.replace(tzinfo=zoneinfo.ZoneInfo(zone)).utcoffset() or dt.timedelta(0)
    b = day.replace(tzinfo=zoneinfo.ZoneInfo(ref)).utcoffset() or dt.timedelta(0)
    return int((b - a).total_seconds() // 60)


def schedule_shifts(maze: Any) -> dict[str, int]:
    """Per qualified schedule: minutes to shift it into the maze's reference zone."""
    ref = reference_zone(maze) or "UTC"
    zones = schedule_zones(maze)
    return {key: _tz_shift(zones[key], ref) for key in maze.schedules}


def state_at(maze: Any, instant: Instant) -> frozenset[str]:
    """The schedules open at ``instant`` (read in the maze's reference time zone)."""
    shifts = schedule_shifts(maze)
    return frozenset(k for k, s in maze.schedules.items()
                     if s.is_open(instant.minute - shifts[k], instant.date))


@dataclass(frozen=True)
class Window:
    """``[start, end)`` minutes of the week; ``date`` set for a holiday window (then start/end lie
    within that date's weekday)."""

    start: int
    end: int
    date: str | None = None
    #: (name, all its dates) of each named holiday calendar holding ``date``: ``describe`` writes
    #: the name when every date of the calendar is among the windows it names.
    calendars: tuple[tuple[str, frozenset[str]], ...] = field(default=(), compare=False)

    def label(self) -> str:
        return describe([self])[0]

    def instant(self) -> Instant:
        """A representative instant inside the window (its first minute)."""
        return Instant(self.start % WEEK, self.date, self.label())


def windows(maze: Any) -> list[tuple[Window, frozenset[str]]]:
    """The week (and each holiday date) split into windows of constant state, in time order."""
    shifts = schedule_shifts(maze)
    cut_set = {0}
    for key, s in maze.schedules.items():
        cut_set |= {(b + shifts[key]) % WEEK for b in s.boundaries()}
    cuts = sorted(cut_set)
    out: list[tuple[Window, frozenset[str]]] = []
    bounds = cuts + [WEEK]
    for a, b in zip(bounds, bounds[1:], strict=False):
        st = state_at(maze, Instant(a))
        if out and out[-1][1] == st and out[-1][0].end == a and out[-1][0].date is None:
            out[-1] = (Window(out[-1][0].start, b), st)
        else:
            out.append((Window(a, b), st))
    # Sunday night wraps into Monday: one window when the state carries over.
    if len(out) > 1 and out[0][1] == out[-1][1]:
        first = out.pop(0)
        out[-1] = (Window(out[-1][0].start, WEEK + first[0].end), first[1])
    holidays = sorted({d for s in maze.schedules.values() for d in s.holidays})
    named = calendar_dates(maze)
    for date in holidays:
        cals = tuple(sorted((n, ds) for n, ds in named.items() if date in ds))
        day = dt.date.fromisoformat(date).weekday()
        lo, hi = day * 1440, day * 1440 + 1440
        day_cuts = sorted({lo, hi} | {c for c in cuts if lo < c < hi})
        prev = None
        for a, b in zip(day_cuts, day_cuts[1:], strict=False):
            st = state_at(maze, Instant(a, date))
            if prev is not None and out[-1][1] == st:
                out[-1] = (Window(out[-1][0].start, b, date, cals), st)
            else:
                out.append((Window(a, b, date, cals), st))
            prev = st
    return out


def calendar_dates(maze: Any) -> dict[str, frozenset[str]]:
    """Name -> dates of every named holiday calendar (and country) the maze's schedules use,
    in the years they are resolved for."""
    out: dict[str, frozenset[str]] = {}
    for s in maze.schedules.values():
        if s.rules is None:
            continue
        for rules in (s.rules.closed, *(r for r, _ in s.rules.special)):
            for name, r in rules.named:
                out[name] = out.get(name, frozenset()) | r.dates_in(s.years)
    return out


def distinct_states(wins: Iterable[tuple[Window, frozenset[str]]]) -> dict[frozenset[str], list[Window]]:
    """State -> its windows; analysis runs once per key."""
    out: dict[frozenset[str], list[Window]] = {}
    for w, st in wins:
        out.setdefault(st, []).append(w)
    return out


def _hm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def _merge(intervals: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Sorted (start, end) pairs with touching ones joined."""
    out: list[list[int]] = []
    for a, b in sorted(intervals):
        if out and out[-1][1] == a:
            out[-1][1] = b
        else:
            out.append([a, b])
    return out


def _consecutive(days: Iterable[int]) -> list[list[int]]:
    """Day numbers grouped into runs of consecutive days: [0, 1, 2, 4] -> [[0, 1, 2], [4]]."""
    runs: list[list[int]] = []
    for d in sorted(days):
        if runs and runs[-1][-1] == d - 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def _days(run: list[int]) -> str:
    first, last = _DAY_TITLES[run[0] % 7], _DAY_TITLES[run[-1] % 7]
    return first if len(run) == 1 else f"{first}-{last}"


def describe(wins: Iterable[Window]) -> list[str]:
    """The one way windows are written, by every output: ``Mon-Fri 16:00-20:00``, ``Mon-Thu
    20:00-08:00`` (overnight), ``Sat 17:00-Mon 08:00``, ``Mon-Sun all day`` (the whole week, no
    holiday), then the holidays: ``2011-04-25 (holiday)``, ``2026-12-24 to 2026-12-26 08:00-12:00
    (holidays)``, ``2026-12-25, 2027-01-01 (holidays)``. Contiguous windows merge; the same hours on
    consecutive days are named once; the week is sorted Monday first and comes before the
    holidays; each holiday date is named once (dates with the same hours share one name per
    range). ``always`` (every week window and every holiday) is not a name here: a finding
    that holds always has no windows (see ``Computed.when``)."""
    wins = list(wins)
    labels = _describe_week([(w.start, w.end) for w in wins if w.date is None])
    by_date: dict[str, list[list[int]]] = {}
    for date in sorted({w.date for w in wins if w.date}):
        by_date[date] = _merge((w.start % 1440, w.end - (w.start - w.start % 1440)) for w in wins if w.date == date)
    by_hours: dict[tuple[tuple[int, int], ...], list[str]] = {}
    for date, parts in by_date.items():
        by_hours.setdefault(tuple((a, b) for a, b in parts), []).append(date)
    calendars = {c for w in wins if w.date for c in w.calendars}
    for hours, dates in sorted(by_hours.items(), key=lambda kv: kv[1][0]):
        spans = ", ".join(f"{_hm(a)}-{_hm(b)}" for a, b in hours if (a, b) != (0, 1440))
        names, dates = _calendar_names(dates, calendars)
        labels += [f"{n} holidays {spans}" if spans else f"{n} holidays" for n in names]
        if dates:
            tag = "(holiday)" if len(dates) == 1 else "(holidays)"
            labels.append(f"{_dates(dates)} {spans} {tag}" if spans else f"{_dates(dates)} {tag}")
    return labels


def _calendar_names(dates: list[str], calendars: set[tuple[str, frozenset[str]]]) -> tuple[list[str], list[str]]:
    """(names of the calendars all of whose dates are in ``dates``, biggest first, the dates left)."""
    left = set(dates)
    names = []
    # the designer's own calendar names before the countries' ("NL public") they hold
    for name, ds in sorted(calendars, key=lambda c: (-len(c[1]), c[0].endswith(" public"), c[0])):
        if ds and ds <= left:
            names.append(name)
            left -= ds
    return names, sorted(left)


def _dates(dates: list[str]) -> str:
    """Sorted ISO dates, runs of consecutive days as ``first to last``: ``2026-12-24 to 2026-12-26, 2027-01-01``."""
    runs: list[list[dt.date]] = []
    for d in (dt.date.fromisoformat(x) for x in dates):
        if runs and (d - runs[-1][-1]).days == 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ", ".join(r[0].isoformat() if len(r) == 1 else f"{r[0].isoformat()} to {r[-1].isoformat()}"
                     for r in runs)


def _describe_week(intervals: list[tuple[int, int]]) -> list[str]:
    """Names of week minutes ``intervals`` (see ``describe``), Monday first."""
    merged = _merge(intervals)
    if len(merged) > 1 and merged[0][0] == 0 and merged[-1][1] == WEEK:  # wraps Sunday -> Monday
        first = merged.pop(0)
        merged[-1][1] = WEEK + first[1]
    if len(merged) == 1 and merged[0][1] - merged[0][0] >= WEEK:
        return ["Mon-Sun all day"]
    # spans shorter than a day, grouped by their hours: within a day, or overnight
    same_hours: dict[tuple[int, int], list[int]] = {}
    items: list[tuple[int, str]] = []
    for a, b in merged:
        if b - a < 1440 or (b - a == 1440 and a % 1440 == 0):
            same_hours.setdefault((a % 1440, b - (a - a % 1440)), []).append(a // 1440)
        elif a % 1440 == 0 and b % 1440 == 0:  # whole days
            items.append((a, f"{_days(list(range(a // 1440, b // 1440)))} all day"))
        else:  # longer: named by its ends
            end = b % 1440 or 1440
            items.append((a, f"{_DAY_TITLES[(a // 1440) % 7]} {_hm(a % 1440)}-"
                             f"{_DAY_TITLES[((b - 1) // 1440) % 7]} {_hm(end)}"))
    for (ta, tb), days in same_hours.items():
        for run in _consecutive(days):
            if tb <= 1440:
                span = "all day" if (ta, tb) == (0, 1440) else f"{_hm(ta)}-{_hm(tb)}"
                items.append((run[0] * 1440 + ta, f"{_days(run)} {span}"))
            elif len(run) == 1:  # one night: name both days
                d = run[0] % 7
                items.append((run[0] * 1440 + ta,
                              f"{_DAY_TITLES[d]} {_hm(ta)}-{_DAY_TITLES[(d + 1) % 7]} {_hm(tb - 1440)}"))
            else:
                items.append((run[0] * 1440 + ta, f"{_days(run)} {_hm(ta)}-{_hm(tb - 1440)}"))
    return [t for _, t in sorted(items)]


def joined(when: Iterable[str]) -> str:
    """Window names as one text, the way every output joins them: ``Mon-Fri 16:00-20:00; Sat 09:00-17:00``."""
    return "; ".join(when)
