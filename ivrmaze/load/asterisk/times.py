"""`GotoIfTime`/`ExecIfTime` time specs -> ivrmaze opening hours (docs/format.md, "Opening hours").

Asterisk matches `times,weekdays,mdays,months` field by field: each is `*` or a range (`9:00-17:59`,
`mon-fri`, `1-15`, `jan-mar`, wrapping round like `fri-mon` or `22:00-06:00`) or a list joined
by `&`. The end of a time range is matched to the minute (`9:00-17:59` is open until 18:00), and a
time range that wraps stays on the matched day (`22:00-06:00,fri` is Friday's night and Friday's
early morning, not Saturday's). Days of month and months become yearly dates (`"12-25"`) with
special hours, which ivrmaze keeps apart from weekdays: a spec restricting both (`*,mon,1-7,*`)
is read with its dates only, and a warning says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .apps import args_of

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class TimeSpecError(ValueError):
    """A field of a time spec that cannot be read (the message says what was expected)."""


@dataclass
class Hours:
    """An ivrmaze schedule as plain data, and what could not be said exactly."""

    spec: dict[str, object]
    timezone: str | None = None
    approximations: list[str] = field(default_factory=list)


def _minute(text: str) -> int:
    hh, sep, mm = text.strip().partition(":")
    if not sep or not hh.isdigit() or not mm.isdigit() or int(hh) > 23 or int(mm) > 59:
        raise TimeSpecError(f"invalid time `{text.strip()}`, expected `HH:MM` such as 9:00")
    return int(hh) * 60 + int(mm)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def time_ranges(text: str) -> list[str]:
    """`9:00-17:59` -> ["09:00-18:00"]; `22:00-06:00` -> ["00:00-06:01", "22:00-24:00"]; `*` -> all day."""
    text = text.strip()
    if text in ("*", ""):
        return ["00:00-24:00"]
    start, sep, end = text.partition("-")
    if not sep:
        raise TimeSpecError(f"invalid time range `{text}`, expected `HH:MM-HH:MM` such as 9:00-17:59, or `*`")
    lo, hi = _minute(start), _minute(end) + 1  # the end minute matches too
    if hi > lo:
        return [f"{_clock(lo)}-{_clock(hi) if hi < 1440 else '24:00'}"]
    return [f"00:00-{_clock(hi)}", f"{_clock(lo)}-24:00"]


def _index(name: str, names: tuple[str, ...], what: str) -> int:
    key = name.strip().lower()[:3]
    if key not in names or not name.strip().isalpha():
        raise TimeSpecError(f"invalid {what} `{name.strip()}`, expected one of {', '.join(names)}")
    return names.index(key)


def _set(text: str, size: int, parse: object, what: str) -> list[int] | None:
    """The members of a `&`-list of values and wrapping ranges, or None for `*` (all)."""
    if text.strip() in ("*", ""):
        return None
    assert callable(parse)
    out: list[int] = []
    for part in text.split("&"):
        a, sep, b = part.partition("-")
        lo = parse(a, what)
        hi = parse(b, what) if sep else lo
        n = lo
        while True:
            if n not in out:
                out.append(n)
            if n == hi:
                break
            n = (n + 1) % size
    return sorted(out)


def _mday(text: str, what: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 31:
        raise TimeSpecError(f"invalid {what} `{text.strip()}`, expected a day of the month 1-31")
    return int(text) - 1


def _weekdays(days: list[int] | None) -> str:
    """Weekday numbers as an ivrmaze day spec: runs of three or more as ranges (`mon-fri,sun`)."""
    if days is None or len(days) == 7:
        return "daily"
    runs: list[list[int]] = []
    for d in days:
        if runs and runs[-1][-1] == d - 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ",".join(f"{DAYS[r[0]]}-{DAYS[r[-1]]}" if len(r) > 2 else ",".join(DAYS[d] for d in r) for r in runs)


def hours(text: str) -> Hours:
    """The schedule of a `times,weekdays,mdays,months[,timezone]` spec."""
    parts = args_of(text)
    if len(parts) < 4 or len(parts) > 5:
        raise TimeSpecError(f"a time spec has {len(parts)} fields, expected `times,weekdays,mdays,months` and "
                            "an optional timezone, such as `9:00-17:59,mon-fri,*,*`")
    ranges = time_ranges(parts[0])
    days = _set(parts[1], 7, lambda t, w: _index(t, DAYS, w), "weekday")
    mdays = _set(parts[2], 31, _mday, "day of the month")
    months = _set(parts[3], 12, lambda t, w: _index(t, MONTHS, w), "month")
    zone = parts[4].strip() if len(parts) == 5 and parts[4].strip() else None
    value: object = ranges[0] if len(ranges) == 1 else ranges
    if mdays is None and months is None:
        return Hours({_weekdays(days): value}, zone)
    out = Hours({}, zone)
    if days is not None:
        out.approximations.append(f"weekdays `{parts[1].strip()}` together with days of month or months cannot be "
                                  "said in ivrmaze hours; read with the dates only")
    for m in months if months is not None else range(12):
        for d in mdays if mdays is not None else range(31):
            if d < _MONTH_DAYS[m]:
                out.spec[f"{m + 1:02d}-{d + 1:02d}"] = value
    return out
