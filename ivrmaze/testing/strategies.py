"""Hypothesis strategies that draw valid menu files (format 1) as plain data.

A drawn menu is the dict a designer would write; ``dump(menu)`` gives its YAML text. Every
menu drawn here must load without problems (tests/test_properties.py holds that to account),
so the strategies only combine parts the language allows: targets are drawn from the node ids
drawn first, schedules and intents from the names drawn first.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import yaml
from hypothesis import strategies as st

from .. import language as L

Draw = Callable[[st.SearchStrategy[Any]], Any]  # what @st.composite passes

ZONES = ("UTC", "Europe/Amsterdam", "Europe/Brussels", "America/New_York", "Asia/Tokyo")

# Plain alphabets draw much faster than regexes or filters (the suite runs on 2 cores).
_NAME = st.builds(str.__add__, st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
                  st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", max_size=10))
_TEXT = st.text(alphabet="abcdeXYZ 019 éüçñ€你 ,.!?'\"#:*&-%@`|>{}[]", min_size=1, max_size=30).map(
    lambda s: s.strip() or "Welcome")
_MAYBE = st.booleans()
_DATES = st.dates(min_value=dt.date(1900, 1, 1)).map(lambda d: d.isoformat())


def ids(min_size: int = 1, max_size: int = 8, exclude: Iterable[str] = ()) -> st.SearchStrategy[list[str]]:
    """Distinct names usable as node, schedule or intent ids (never `hangup`)."""
    excluded = set(exclude)
    return st.lists(_NAME.filter(lambda n: n != L.HANGUP and n not in excluded), min_size=min_size,
                    max_size=max_size, unique=True)


def day_specs() -> st.SearchStrategy[str]:
    """Day specs as designers write them: `mon`, `mon-fri`, `fri-mon` (wraps), `sat,sun`, `daily`."""
    day = st.sampled_from(L.DAY_NAMES)
    single = day
    span = st.tuples(day, day).map(lambda ab: f"{ab[0]}-{ab[1]}")
    listed = st.lists(day, min_size=2, max_size=3, unique=True).map(",".join)
    return st.one_of(single, span, listed, st.sampled_from(L.EVERY_DAY + L.DAY_FULL_NAMES))


@st.composite
def time_ranges(draw: Draw) -> str:
    """`HH:MM-HH:MM` with a different start and end; the end may be `24:00` or before the start."""
    # no boundary at 02:xx: in the zones above that is a daylight-saving gap on some Sundays (a warning)
    start = draw(st.integers(0, 24 * 60 - 1).filter(lambda m: m // 60 != 2))
    end = draw(st.integers(1, 24 * 60).filter(lambda e: e != start and e // 60 != 2))
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


@st.composite
def schedules(draw: Draw) -> dict[str, Any]:
    """One named schedule: day specs -> a range or a list of ranges, maybe holidays."""
    out: dict[str, Any] = {}
    for spec in draw(st.lists(day_specs(), max_size=3, unique=True)):
        out[spec] = draw(st.one_of(time_ranges(), st.lists(time_ranges(), min_size=1, max_size=3)))
    if draw(_MAYBE):
        out[L.HOLIDAYS] = draw(st.lists(_DATES, max_size=3))
    return out


@st.composite
def _node(draw: Draw, node_ids: list[str], schedule_names: list[str], intent_ids: list[str],
          filename: str) -> dict[str, Any]:
    target = st.sampled_from(node_ids + [L.HANGUP])
    maybe = _MAYBE
    kinds = [k for k in L.KINDS if k != "branch" or schedule_names]
    kind = draw(st.sampled_from(kinds))

    def resolves() -> dict[str, Any]:
        if not intent_ids or not draw(maybe):
            return {}
        if draw(st.integers(0, 4)) == 0:
            return {"resolves": "*"}
        return {"resolves": draw(st.lists(st.sampled_from(intent_ids), max_size=3, unique=True))}

    if kind == "menu":
        node = draw(_menu_node(target))
    elif kind == "say":
        node = {"say": draw(_TEXT)}
        if draw(maybe):
            node["next"] = draw(target)
        node.update(resolves())
    elif kind == "queue":
        node = {"queue": draw(_TEXT)}
        if draw(maybe):  # a schedule of the file, or hours that are not in the files
            node["hours"] = draw(st.sampled_from(schedule_names + [L.UNKNOWN_HOURS]))
        if draw(maybe):
            node["closed"] = draw(target)
        node.update(resolves())
        if draw(maybe):
            items = st.one_of(target, st.builds(lambda t, w: {"to": t, "warm": w}, target, st.booleans()))
            node["transfers"] = draw(st.lists(items, max_size=3))
    elif kind == "branch":
        node = {"branch": draw(st.sampled_from(schedule_names)), "open": draw(target), "closed": draw(target)}
    elif kind in ("voicemail", "callback"):
        node = {kind: draw(_TEXT)}
        node.update(resolves())
    elif kind in ("decide", "loop", "unknown"):
        node = draw(_flow_node(kind, target))
    else:  # external: this very file, at a given node (a file may refer to itself)
        node = {"external": {"file": filename, "node": draw(st.sampled_from(node_ids))}}
    if kind == "queue" and draw(maybe):
        node["next"] = draw(target)
    if kind in L.ON_ERROR_KINDS and draw(maybe):
        node["on_error"] = draw(target)
    return node


@st.composite
def _menu_node(draw: Draw, target: st.SearchStrategy[str]) -> dict[str, Any]:
    """A menu: its options (some with labels), failure routes and retries."""
    node: dict[str, Any] = {"menu": draw(_TEXT)}
    keys = draw(st.lists(st.sampled_from(L.DTMF_KEYS), max_size=5, unique=True))
    options = {}
    for key in keys:
        to = draw(target)
        options[key] = {"to": to, "label": draw(_TEXT)} if draw(_MAYBE) else to
    if options or draw(_MAYBE):
        node["options"] = options
    for via in ("no_input", "no_match", "exhausted"):
        if draw(_MAYBE):
            node[via] = draw(target)
    if not options and "no_input" not in node and "no_match" not in node:  # a menu needs a way on
        node["options"] = {draw(st.sampled_from(L.DTMF_KEYS)): draw(target)}
    if draw(_MAYBE):
        node["retries"] = draw(st.integers(1, 5))
    return node


@st.composite
def _flow_node(draw: Draw, kind: str, target: st.SearchStrategy[str]) -> dict[str, Any]:
    """A decision, a loop or a target ivrmaze cannot follow (the kinds of platform flows)."""
    if kind == "loop":
        return {"loop": draw(st.integers(1, 4)), "again": draw(target), "done": draw(target)}
    if kind == "unknown":
        return {"unknown": draw(_TEXT)}
    names = draw(st.lists(st.sampled_from(("yes", "no", "staffed", "error-free")), min_size=1, max_size=3,
                          unique=True))
    node = {"decide": draw(_TEXT), "outcomes": {
        n: {"to": draw(target), "label": draw(_TEXT)} if draw(_MAYBE) else draw(target) for n in names}}
    if draw(_MAYBE):
        node["assume"] = draw(st.sampled_from(names))
    return node


@st.composite
def menus(draw: Draw, filename: str = "menu.yaml") -> dict[str, Any]:
    """A valid menu file as a dict. External nodes refer to ``filename`` (the file itself)."""
    node_ids = draw(ids())
    schedule_names = draw(ids(min_size=0, max_size=3))
    intent_ids = draw(ids(min_size=0, max_size=4))
    menu: dict = {"ivrmaze": L.FORMAT_VERSION}
    if draw(st.booleans()):
        menu["name"] = draw(_TEXT)
    if draw(st.booleans()):
        menu["timezone"] = draw(st.sampled_from(ZONES))
    if draw(st.booleans()):
        menu["entry"] = draw(st.sampled_from(node_ids))
    channels = draw(st.dictionaries(st.sampled_from(("chat", "social", "app")), st.sampled_from(node_ids),
                                    max_size=2))
    if channels:
        menu["channels"] = channels
    if schedule_names:
        menu["hours"] = {name: draw(schedules()) for name in schedule_names}
    if intent_ids:
        menu["intents"] = {iid: draw(_TEXT) for iid in intent_ids}
    menu["nodes"] = {nid: draw(_node(node_ids, schedule_names, intent_ids, filename)) for nid in node_ids}
    if draw(st.booleans()):
        menu["limits"] = draw(st.fixed_dictionaries({}, optional={
            "max_options": st.integers(0, 9), "max_hops": st.integers(0, 9), "max_retells": st.integers(0, 9)}))
    return menu


def dump(menu: dict[str, Any]) -> str:
    """YAML text of a drawn menu, keys in the order drawn (``ivrmaze:`` first)."""
    return yaml.safe_dump(menu, sort_keys=False, allow_unicode=True, width=1000)
