"""`hours:`: named opening-hours schedules, and a warning for a time the file's zone skips.

A boundary such as `02:30` on a Sunday does not exist on the day Europe/Amsterdam moves its
clocks forward; the schedule still loads (the analysis reads wall-clock weeks), but the
designer gets a warning at the range, naming the gap.
"""
from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable
from typing import Any

from .. import language as L
from .. import schedule as S
from ..source import Path
from ..words import describe, suggest
from .calendars import holiday_item, holiday_items
from .checker import Checker, valid_names

#: The years searched for daylight-saving gaps: fixed, so a warning does not come and go with the date.
GAP_YEARS = (2020, 2035)
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


_STEP = 7 * 86400  # a week: no zone changes its clocks twice within one


def _offset(tz: zoneinfo.ZoneInfo, t: int) -> dt.timedelta:
    return dt.datetime.fromtimestamp(t, tz).utcoffset() or dt.timedelta()


@functools.lru_cache(maxsize=64)
def gaps(zone: str) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """The (first skipped, first existing) wall-clock times of each spring-forward in ``zone``."""
    tz = zoneinfo.ZoneInfo(zone)
    start = int(dt.datetime(GAP_YEARS[0], 1, 1, tzinfo=dt.UTC).timestamp())
    stop = int(dt.datetime(GAP_YEARS[1] + 1, 1, 1, tzinfo=dt.UTC).timestamp())
    out = []
    before = _offset(tz, start)
    for t in range(start + _STEP, stop + _STEP, _STEP):
        after = _offset(tz, t)
        if after > before:
            lo, hi = t - _STEP, t  # the change lies in (lo, hi]: bisect to the second
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (lo, mid) if _offset(tz, mid) == after else (mid, hi)
            wall = (dt.datetime.fromtimestamp(hi, dt.UTC) + before).replace(tzinfo=None)
            out.append((wall, wall + (after - before)))
        before = after
    return tuple(out)


def _gap_at(zone: str, weekday: int, minute: int) -> tuple[dt.datetime, dt.datetime] | None:
    """The first gap of ``zone`` that swallows ``minute`` (of the day) on a ``weekday``, or None."""
    for first, end in gaps(zone):
        for day in {first.date(), end.date()}:
            at = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
            if day.weekday() == weekday and first <= at < end:
                return first, end
    return None


def _warn_gaps(c: Checker, days: list[int], span: tuple[int, int], text: str, path: Path) -> None:
    zone = c.mf.timezone
    if zone == "UTC":
        return
    for what, minute, shift in (("opens", span[0], 0), ("closes", span[1] % 1440, span[1] // 1440)):
        for day in days:
            gap = _gap_at(zone, (day + shift) % 7, minute)
            if gap is None:
                continue
            first, end = gap
            c.report("schedule", f"`{text}` {what} at {minute // 60:02d}:{minute % 60:02d}, which does not exist "
                     f"on the {_DAY_NAMES[first.weekday()]} {zone} moves its clocks forward (on "
                     f"{first.date().isoformat()} {first:%H:%M}-{end:%H:%M} is skipped), expected a time outside "
                     "the daylight-saving gap", path, value=True, severity="warning")
            break


def _days(c: Checker, key: str, kp: Path) -> list[int] | None:
    try:
        return S.parse_days(key)
    except S.ScheduleError as e:
        hint = suggest(key, [L.HOLIDAYS, *c.calendars])
        message = str(e) if not hint else (
            f"invalid day spec `{key}`{hint}, expected days such as `mon-fri`, `{L.HOLIDAYS}:` "
            "with a list of dates, or a date or calendar with its special hours")
        c.report("schedule", message, kp)
        return None


def _special(c: Checker, key: str, ranges: object, kp: Path) -> tuple[S.Rules, S.Spans] | None:
    """`2026-12-24: "08:00-15:00"` (or a calendar's name): open only in these hours on those dates."""
    rules = holiday_item(c, key, kp, c.calendars)
    spans = [span for span, _, _ in _each_range(c, ranges, kp, S.parse_day_range,
                                                "a time range such as \"08:00-15:00\" (the special hours of the day)")]
    return None if rules is None else (rules, tuple(spans))


def _is_special(c: Checker, key: str) -> bool:
    return key in c.calendars or S.is_date_like(key)


def _each_range(c: Checker, ranges: object, kp: Path, parse: Callable[[str], tuple[int, int]],
                what: str) -> list[tuple[tuple[int, int], str, Path]]:
    """(span, text, path) of each time range in ``ranges`` (one, or a list) that ``parse`` reads;
    the others reported where they are written."""
    items = ranges if isinstance(ranges, list) else [ranges]
    out = []
    for i, r in enumerate(items):
        ip = kp + (i,) if isinstance(ranges, list) else kp
        if not isinstance(r, str):
            c.report("type", f"`{c.keypath(kp)}` holds {describe(r)}, expected {what} or a list of them", ip,
                     value=True)
            continue
        try:
            out.append((parse(r), r, ip))
        except S.ScheduleError as e:
            c.report("schedule", str(e), ip, value=True)
    return out


def _ranges(c: Checker, days: list[int], ranges: object, kp: Path) -> list[tuple[int, int]]:
    parsed = _each_range(c, ranges, kp, S.parse_range, "a time range such as \"08:00-16:00\"")
    for span, text, ip in parsed:
        _warn_gaps(c, days, span, text, ip)
    return [span for span, _, _ in parsed]


def _schedule(c: Checker, name: str, spec: dict[str, Any], path: Path) -> S.Schedule:
    day_ranges: list[tuple[list[int], list[tuple[int, int]]]] = []
    closed = S.Rules()
    special: list[tuple[S.Rules, S.Spans]] = []
    for key, ranges in spec.items():
        kp = path + (key,)
        if key == L.HOLIDAYS:
            closed |= holiday_items(c, ranges, kp, c.calendars)
            continue
        if _is_special(c, str(key)):
            got = _special(c, str(key), ranges, kp)
            special += [got] if got is not None else []
            continue
        days = _days(c, key, kp)
        if days is not None:
            day_ranges.append((days, _ranges(c, days, ranges, kp)))
    if not special and not closed.yearly and not closed.countries:
        return S.build(name, day_ranges, closed.dates)  # plain dates: as written, whatever the year
    return S.build(name, day_ranges, S.Holidays(closed, tuple(special)))


def hours(c: Checker, value: object) -> None:
    """Read `hours:` into the file's schedules."""
    if not c.expect_mapping(value, ("hours",), "a mapping of schedule name -> opening hours"):
        return
    for name in valid_names(c, value, ("hours",), "schedule name"):
        path = ("hours", name)
        spec = value[name]
        if c.expect_mapping(spec, path, 'a mapping of days -> "HH:MM-HH:MM" such as `mon-fri: "08:00-16:00"`'):
            c.mf.schedules[name] = _schedule(c, name, spec, path)
