"""The reader of ivrmaze's own YAML menu files (format 1): one file -> a MenuFile and its problems.

The top-level keys are read in the order their meaning depends on (intents, calendars and schedules
before the nodes that name them, nodes before the entry and channels that point at them).
Other platforms' files get readers of their own beside this one (see ``readers.py``).
"""
from __future__ import annotations

import importlib.util
import os
import re
import zoneinfo
from collections.abc import Callable
from functools import cache
from typing import Any

from .. import language as L
from ..config import Settings, check_limits_block
from ..findings import Finding
from ..model import MenuFile
from ..source import Document, Path, Pos
from ..words import describe, safe, suggest
from .calendars import calendars
from .checker import Checker, valid_names
from .hours import hours
from .nodes import node, references

_HASH_OPTION = re.compile(r"^(\s*)(#:)\s+[\w.-]+\s*$")


@cache
def _timezones() -> set[str]:
    return zoneinfo.available_timezones()


@cache
def _tzdata_zones() -> frozenset[str]:
    """The zone list of the tzdata package, which ``available_timezones`` starts from: one file,
    where the whole set opens every file under the zone folders (35 ms, a small check's tenth).
    Found by the package's folder: ``importlib.resources`` would import tempfile and zipfile,
    6 ms of a small check's start."""
    spec = importlib.util.find_spec("tzdata")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    try:
        with open(os.path.join(folders[0], "zones"), encoding="utf-8") as f:
            return frozenset(z.strip() for z in f if z.strip())
    except (IndexError, OSError, UnicodeDecodeError):
        return frozenset()


def known_timezone(tz: str) -> bool:
    """``tz in zoneinfo.available_timezones()``, without listing them when tzdata names it."""
    return (tz != "posixrules" and tz in _tzdata_zones()) or tz in _timezones()


def _hash_comments(c: Checker) -> None:
    """`#: target` in an options block is a YAML comment: the `#` option silently vanishes."""
    if "#:" not in c.doc.text:
        return
    for i, line in enumerate(c.doc.text.splitlines(), 1):
        m = _HASH_OPTION.match(line)
        if m:
            c.report("dtmf", "`#:` starts a comment in YAML, so this option is ignored, expected the hash key "
                     "in quotes: `\"#\": target`", pos=Pos(i, m.start(2) + 1))


def _version(c: Checker, data: dict[str, Any]) -> None:
    if "ivrmaze" not in data:
        return  # reported by check_keys as missing-key
    version = data["ivrmaze"]
    # `1.0` (and `true`) equal 1 in Python, but are not the version the format writes
    if type(version) is not int or version != L.FORMAT_VERSION:
        c.report("version", f"format version {version!r} is not supported, expected `ivrmaze: 1`",
                 ("ivrmaze",), value=True)


def _name(c: Checker, data: dict[str, Any]) -> None:
    c.mf.name = c.text(data["name"], ("name",))


def _timezone(c: Checker, data: dict[str, Any]) -> None:
    tz = c.text(data["timezone"], ("timezone",))
    if tz is None:
        return
    if not known_timezone(tz):
        c.report("timezone", f"unknown time zone `{tz}`{suggest(tz, _timezones())}, expected an IANA "
                 "name such as Europe/Brussels", ("timezone",), value=True)
    else:
        c.mf.timezone = tz


def _intents(c: Checker, data: dict[str, Any]) -> None:
    value = data["intents"]
    if not c.expect_mapping(value, ("intents",), "a mapping of intent id -> description"):
        return
    for iid in valid_names(c, value, ("intents",), "intent id"):
        desc = value[iid]
        d = c.text(desc, ("intents", iid)) if desc is not None else ""
        c.mf.intents[iid] = d or ""


def _calendars(c: Checker, data: dict[str, Any]) -> None:
    calendars(c, data[L.CALENDARS])


def _hours(c: Checker, data: dict[str, Any]) -> None:
    hours(c, data["hours"])


def _nodes(c: Checker, data: dict[str, Any]) -> None:
    nodes = data["nodes"]
    if not c.expect_mapping(nodes, ("nodes",), "a mapping of node id -> node"):
        return
    if not nodes:
        c.report("missing-key", "`nodes` is empty, expected at least one node", ("nodes",))
    table = c.doc.table(("nodes",))
    for nid, body in nodes.items():
        node(c, nid, body, table)
    references(c)


def _entry(c: Checker, data: dict[str, Any]) -> None:
    entry = c.target_value(data["entry"], ("entry",))
    if entry is not None:
        c.mf.entry = entry
        c.check_target(entry, ("entry",), "entry")


def _channels(c: Checker, data: dict[str, Any]) -> None:
    channels = data["channels"]
    if not c.expect_mapping(channels, ("channels",), "a mapping of channel name -> node id"):
        return
    for name in valid_names(c, channels, ("channels",), "channel name"):
        t = c.target_value(channels[name], ("channels", name))
        if t is not None:
            c.mf.channels[name] = t
            c.check_target(t, ("channels", name), f"channel `{name}`")


def _limits(c: Checker, data: dict[str, Any]) -> None:
    c.mf.limits = check_limits_block(data["limits"], ("limits",), c, c.settings) or {}


def _expect(c: Checker, data: dict[str, Any]) -> None:
    from ..expectations import check_expect_block  # start-up: expectations, only for `expect:`

    c.mf.expect = check_expect_block(data["expect"], ("expect",), c, c.settings) or []


#: Top-level key -> its reader, in reading order (see the module docstring).
SECTIONS: tuple[tuple[str, Callable[[Checker, dict[str, Any]], None]], ...] = (
    ("name", _name), ("timezone", _timezone), ("intents", _intents), (L.CALENDARS, _calendars),
    ("hours", _hours), ("nodes", _nodes),
    ("entry", _entry), ("channels", _channels), ("limits", _limits), ("expect", _expect),
)


def _run(c: Checker) -> None:
    data = c.doc.data
    if not isinstance(data, dict):
        c.report("type", f"the file holds {describe(data)}, expected a mapping with `ivrmaze: 1`, "
                 "`nodes:` and the other top-level keys", (), value=True)
        c.mf.ok = False
        return
    c.check_keys(data, (), L.TOP_LEVEL, "the file")
    _hash_comments(c)
    _version(c, data)
    for key, read in SECTIONS:
        if key in data:
            read(c, data)


def duplicate_message(kp: Path, first: Pos) -> str:
    """Message for a key written twice at path ``kp`` (first written at ``first``)."""
    *parent, key = kp
    if len(kp) == 4 and kp[0] == "nodes" and kp[2] == "options":
        same = f" (`{key}:` and `\"{key}\":` are the same key)" if str(key).isdigit() else ""
        return (f"option `{key}` of node `{kp[1]}` is given twice (first at line {first.line}), expected one option "
                f"per DTMF key{same}")
    where = f"`{'.'.join(map(str, parent))}`" if parent else "the file"
    return f"key `{key}` is given twice in {where} (first at line {first.line}), expected each key once"


def read_menu_file(mf: MenuFile, doc: Document, root: str, settings: Settings) -> list[Finding]:
    """Check the parsed ``doc`` into ``mf``; return its problems (external nodes are checked later)."""
    checker = Checker(mf, doc, root, settings)
    for kp, first, second in doc.duplicates:
        checker.problems.append(Finding("duplicate-key", safe(duplicate_message(kp, first)), mf.path, second.line,
                                        second.column, node=kp[1] if len(kp) > 1 and kp[0] == "nodes" else None))
    _run(checker)
    return checker.problems
