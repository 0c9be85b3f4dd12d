"""`calendars:`: named holiday calendars, and the holiday items that a calendar or a schedule's
`holidays` lists: ISO dates, yearly dates (`12-25`), a country's public holidays
(`{country: NL}`, `{country: US, subdiv: CA}`) and, in a schedule, the name of a calendar."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .. import language as L
from .. import schedule as S
from ..source import Path
from ..words import describe, suggest
from .checker import Checker, valid_names

_ITEMS = ("a date such as 2026-12-31, a yearly date such as 12-25, or a country such as `{country: NL}`")


def _code(value: object, known: Mapping[str, object] | list[str]) -> str | None:
    """``value`` as one of the ``known`` codes (in any case), or None."""
    text = str(value).strip()
    for candidate in (text, text.upper()):
        if candidate in known:
            return candidate
    return None


def _country(c: Checker, item: dict[str, Any], kp: Path) -> S.Rules | None:
    c.check_keys(item, kp, L.COUNTRY_FIELDS, "a country's holidays")
    if "country" not in item:
        return None
    raw = item["country"]
    known = S.countries()
    country = _code(raw, known) if isinstance(raw, str) else None
    if country is None:
        c.report("reference", f"unknown country `{raw}`{suggest(str(raw).upper(), known)}, expected an ISO 3166 "
                 "code that the `holidays` package knows, such as NL, BE, DE or US", kp + ("country",), value=True)
        return None
    subdiv = None
    if "subdiv" in item:
        raw = item["subdiv"]
        subs = list(known[country])
        subdiv = _code(raw, subs) if isinstance(raw, (str, int)) and not isinstance(raw, bool) else None
        if subdiv is None:
            shown = ", ".join(subs[:15]) + (", ..." if len(subs) > 15 else "")
            expected = f"one of {shown}" if subs else f"no subdivision ({country} has none in the `holidays` package)"
            c.report("reference", f"unknown subdivision `{raw}` of {country}{suggest(str(raw).upper(), subs)}, "
                     f"expected {expected}", kp + ("subdiv",), value=True)
            return None
    label = f"{country}-{subdiv} public" if subdiv else f"{country} public"
    return S.Rules(countries=frozenset({(country, subdiv)})).as_named(label)


def _dated(c: Checker, text: str, kp: Path) -> S.Rules | None:
    try:
        if text.count("-") == 1:
            return S.Rules(yearly=frozenset({S.parse_yearly(text)}))
        return S.Rules(dates=frozenset({S.parse_date(text)}))
    except S.ScheduleError as e:
        c.report("schedule", str(e), kp, value=True)
        return None


def holiday_item(c: Checker, value: object, kp: Path, calendars: Mapping[str, S.Rules] | None) -> S.Rules | None:
    """One holiday item (``calendars``: the names a schedule may use; None inside a calendar)."""
    if isinstance(value, dict):
        return _country(c, value, kp)
    if isinstance(value, bool) or not isinstance(value, (str, int, dt.date)):
        c.report("type", f"`{c.keypath(kp)}` is {describe(value)}, expected {_ITEMS}", kp, value=True)
        return None
    text = str(value).strip()
    if calendars is not None and text in calendars:
        return calendars[text].as_named(text)
    if S.is_date_like(text):
        return _dated(c, text, kp)
    if calendars is None:
        c.report("type", f"`{text}` is not a holiday, expected {_ITEMS}", kp, value=True)
    elif text not in c.bad_names:
        extra = "" if calendars else " (the file has no `calendars:` block)"
        c.report("reference", f"calendar `{text}` is not defined{suggest(text, calendars)}, expected a name under "
                 f"`calendars:`{extra} or a date such as 2026-12-31", kp, value=True)
    return None


def holiday_items(c: Checker, value: object, kp: Path, calendars: Mapping[str, S.Rules] | None) -> S.Rules:
    """A list of holiday items, or a single one, as one set of rules."""
    items = value if isinstance(value, list) else [value]
    out = S.Rules()
    for i, item in enumerate(items):
        got = holiday_item(c, item, kp + (i,) if isinstance(value, list) else kp, calendars)
        if got is not None:
            out |= got
    return out


def _name_problem(name: str) -> str | None:
    """Why a calendar name could not be a schedule's key, or None."""
    if name == L.HOLIDAYS:
        return f"is the key `{L.HOLIDAYS}` of a schedule"
    if S.is_date_like(name):
        return "looks like a date"
    start = next((d for d in L.DAY_STARTS if name.lower().startswith(d)), None)
    return None if start is None else f"starts like a day (`{name[:len(start)]}`)"


def calendars(c: Checker, value: object) -> None:
    """Read `calendars:` into the checker's calendars."""
    path: Path = (L.CALENDARS,)
    if not c.expect_mapping(value, path, "a mapping of calendar name -> a list of holidays such as "
                            "`nl-public: [{country: NL}]`"):
        return
    for name in valid_names(c, value, path, "calendar name"):
        problem = _name_problem(name)
        if problem is not None:
            c.bad_names.add(name)
            c.report("type", f"calendar name `{name}` {problem}, expected a name a schedule can tell from days "
                     f"and dates (not starting with {', '.join(L.DAY_STARTS)}), such as `nl-public`", path + (name,))
            continue
        c.calendars[name] = holiday_items(c, value[name], path + (name,), None)
