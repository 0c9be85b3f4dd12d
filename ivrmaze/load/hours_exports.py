"""Platform exports of opening hours -> ivrmaze schedules (docs/platforms/companion.md, "hours").

Two shapes are read, as the platforms return them:

- Amazon Connect, ``aws connect describe-hours-of-operation``: ``{"HoursOfOperation": {"Name",
  "TimeZone", "Config": [{"Day": "MONDAY", "StartTime": {"Hours", "Minutes"}, "EndTime": {...}}]}}``
  (the outer key may be left out). A day whose start and end are both 00:00 is open all day, as
  Connect reads it; an end before the start runs past midnight.
- a Genesys Cloud schedule group (``GET /api/v2/architect/schedulegroups/{id}``): ``{"name",
  "timeZone", "openSchedules": [...], "closedSchedules": [...], "holidaySchedules": [...]}``, whose
  items are schedules (``{"name", "start": "2024-01-01T08:00:00.000", "end": ..., "rrule":
  "FREQ=WEEKLY;BYDAY=MO,TU"}``), inline or as ``{"id", "name"}`` references to the items of a
  ``schedules`` (or ``entities``) list beside them (CX as Code's ``open_schedules_id``, ... lists
  of ids and ``time_zone`` too). Open weekly or daily schedules become day
  ranges; a closed or holiday schedule of whole days becomes holidays (yearly with
  ``FREQ=YEARLY``); a one-off open schedule becomes special hours on its date.

Each converter returns (the schedule in ivrmaze's syntax, its zone or None, the names it may be
matched by, what could not be converted).
"""
from __future__ import annotations

import re
from typing import Any

_AWS_DAYS = {"MONDAY": "mon", "TUESDAY": "tue", "WEDNESDAY": "wed", "THURSDAY": "thu", "FRIDAY": "fri",
             "SATURDAY": "sat", "SUNDAY": "sun"}
_RRULE_DAYS = {"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri", "SA": "sat", "SU": "sun"}
_STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})")

Converted = tuple[dict[str, Any], str | None, set[str], list[str]]
#: A schedule group's lists as the API names them, and as CX as Code (Terraform) does.
_GENESYS_KEYS = {"openSchedules": ("openSchedules", "open_schedules_id"),
                 "closedSchedules": ("closedSchedules", "closed_schedules_id"),
                 "holidaySchedules": ("holidaySchedules", "holiday_schedules_id")}


def kind_of(value: object) -> str | None:
    """``aws`` or ``genesys`` for a value shaped like one of the exports, else None."""
    if not isinstance(value, dict):
        return None
    if "HoursOfOperation" in value or "Config" in value:
        return "aws"
    if any(k in value for keys in _GENESYS_KEYS.values() for k in keys):
        return "genesys"
    return None


def _hhmm(t: object) -> str | None:
    if not isinstance(t, dict):
        return None
    h, m = t.get("Hours", 0), t.get("Minutes", 0)
    if not (isinstance(h, int) and isinstance(m, int) and 0 <= h <= 24 and 0 <= m < 60):
        return None
    return f"{h:02d}:{m:02d}"


def _add(spec: dict[str, Any], key: str, value: str) -> None:
    spec.setdefault(key, []).append(value)


def aws(value: dict[str, Any]) -> Converted:
    """An Amazon Connect hours-of-operation (see the module docstring)."""
    hoo = value.get("HoursOfOperation", value)
    hoo = hoo if isinstance(hoo, dict) else {}
    spec: dict[str, Any] = {}
    skipped: list[str] = []
    config = hoo.get("Config")
    for i, item in enumerate(config if isinstance(config, list) else []):
        day = _AWS_DAYS.get(str(item.get("Day", "")).upper()) if isinstance(item, dict) else None
        start, end = (_hhmm(item.get("StartTime")), _hhmm(item.get("EndTime"))) if day else (None, None)
        if day is None or start is None or end is None:
            skipped.append(f"Config[{i}] (expected a Day and a StartTime and EndTime of Hours and Minutes)")
            continue
        _add(spec, day, "00:00-24:00" if start == end == "00:00" else f"{start}-{end}")
    names = {str(hoo[k]) for k in ("Name", "HoursOfOperationId", "HoursOfOperationArn") if isinstance(hoo.get(k), str)}
    zone = hoo.get("TimeZone")
    return spec, zone if isinstance(zone, str) else None, names, skipped


def _rrule(text: object) -> dict[str, str]:
    parts = (p.partition("=") for p in str(text or "").upper().split(";") if p)
    return {k.strip(): v.strip() for k, _, v in parts}


def _stamp(text: object) -> tuple[str, str] | None:
    """(date YYYY-MM-DD, time HH:MM) of a Genesys local date-time, or None."""
    m = _STAMP.match(str(text or ""))
    return (f"{m[1]}-{m[2]}-{m[3]}", f"{m[4]}:{m[5]}") if m else None


def _open(spec: dict[str, Any], sched: dict[str, Any], where: str, skipped: list[str]) -> None:
    start, end = _stamp(sched.get("start")), _stamp(sched.get("end"))
    if start is None or end is None:
        skipped.append(f"{where} (expected `start` and `end` such as 2024-01-01T08:00:00.000)")
        return
    span = f"{start[1]}-{'24:00' if end[1] == '00:00' and end[0] != start[0] else end[1]}"
    rule = _rrule(sched.get("rrule"))
    freq = rule.get("FREQ")
    if freq == "WEEKLY" and rule.get("BYDAY"):
        days = [_RRULE_DAYS.get(d[-2:]) for d in rule["BYDAY"].split(",")]
        if None in days:
            skipped.append(f"{where} (expected BYDAY of MO,TU,WE,TH,FR,SA,SU)")
            return
        _add(spec, ",".join(d for d in days if d), span)
    elif freq == "DAILY":
        _add(spec, "daily", span)
    elif not freq:
        _add(spec, start[0], span)  # a one-off opening: special hours on that date
    else:
        skipped.append(f"{where} (its rrule {sched.get('rrule')!r} is neither weekly by day, daily nor absent)")


def _closed(spec: dict[str, Any], sched: dict[str, Any], where: str, skipped: list[str]) -> None:
    start, end = _stamp(sched.get("start")), _stamp(sched.get("end"))
    if start is None or end is None or start[1] != "00:00" or end[1] != "00:00":
        skipped.append(f"{where} (only whole days are read as closed: start and end at 00:00)")
        return
    yearly = _rrule(sched.get("rrule")).get("FREQ") == "YEARLY"
    _add(spec, "holidays", start[0][5:] if yearly else start[0])


def _resolve(item: object, pool: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    if isinstance(item, str):  # an id (or name) of a listed schedule
        return pool.get(item)
    if not isinstance(item, dict):
        return None
    if "start" in item:
        return item
    return pool.get(str(item.get("id"))) or pool.get(str(item.get("name")))


def genesys(value: dict[str, Any]) -> Converted:
    """A Genesys Cloud schedule group with its schedules (see the module docstring)."""
    listed = value.get("schedules", value.get("entities", []))
    pool: dict[str, dict[str, Any]] = {}
    for s in listed if isinstance(listed, list) else []:
        if isinstance(s, dict):
            pool.update({str(s[k]): s for k in ("id", "name") if k in s})
    spec: dict[str, Any] = {}
    skipped: list[str] = []
    for key, read in (("openSchedules", _open), ("closedSchedules", _closed), ("holidaySchedules", _closed)):
        items = next((value[k] for k in _GENESYS_KEYS[key] if k in value), None)
        for i, item in enumerate(items if isinstance(items, list) else []):
            sched = _resolve(item, pool)
            if sched is None:
                skipped.append(f"{key}[{i}] (a schedule that is neither inline nor in `schedules`)")
            else:
                read(spec, sched, f"{key}[{i}]", skipped)
    names = {str(value[k]) for k in ("name", "id") if isinstance(value.get(k), str)}
    zone = value.get("timeZone", value.get("time_zone"))
    return spec, zone if isinstance(zone, str) else None, names, skipped
