"""Opening-hours schedules: weekly intervals in local minutes, plus closed holiday dates."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import ScheduleError
from .language import DAY_FULL_NAMES, DAY_NAMES, EVERY_DAY

WEEK = 7 * 1440
#: Digits are ASCII only: `int()` would read Arabic-Indic and other digits as well.
_RANGE = re.compile(r"^\s*([0-9]{1,2}):([0-9]{2})\s*-\s*([0-9]{1,2}):([0-9]{2})\s*$")


@dataclass(frozen=True)
class Schedule:
    """``intervals``: sorted, merged (start, end) minutes of the week, Monday 00:00 = 0."""

    name: str
    intervals: tuple[tuple[int, int], ...]
    holidays: frozenset[str] = frozenset()

    def is_open(self, minute_of_week: int, date: str | None = None) -> bool:
        if date is not None and date in self.holidays:
            return False
        m = minute_of_week % WEEK
        return any(a <= m < b for a, b in self.intervals)

    def boundaries(self) -> set[int]:
        """Minutes of the week at which this schedule opens or closes."""
        out = set()
        for a, b in self.intervals:
            out.add(a % WEEK)
            out.add(b % WEEK)
        return out


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
          holidays: Iterable[str] = ()) -> Schedule:
    """A schedule open on ``days`` at ``ranges`` (minutes of the day) for each pair, closed on ``holidays``."""
    raw = [(d * 1440 + a, d * 1440 + b) for days, ranges in day_ranges for d in days for a, b in ranges]
    return Schedule(name=name, intervals=merge(raw), holidays=frozenset(holidays))
