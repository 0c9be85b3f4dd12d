"""The companion file: what platform flows do not hold (docs/platforms/companion.md).

No platform export says what callers want, which team resolves what, where agents transfer,
the hours of a queue or the text of a recorded prompt. ``ivrmaze-companion.yaml`` (the nearest
one at or above a platform file, inside the project) says it, by the platform's own names and
ids; ``companion_apply`` puts it into each translated flow before the flow is checked. Its own
problems are reported at their positions in the companion file, once per load.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from .. import inputs
from .. import language as L
from ..config import Settings
from ..errors import SourceError
from ..findings import Finding
from ..model import ANY_INTENT, MenuFile
from ..source import Path, document, read_bytes
from ..words import describe, display_path
from . import hours_exports as X
from .checker import Checker, valid_names
from .hours import hours as read_hours
from .menu_file import _intents, _timezone
from .project import is_inside, not_regular

#: The companion file's names, looked for in the platform file's folder and each folder above it.
NAMES = ("ivrmaze-companion.yaml", "ivrmaze-companion.yml")
FORMAT_VERSION = 1
VERSION_KEY = "ivrmaze-companion"

F = L.Field
TOP_FIELDS = (
    F(VERSION_KEY, "version", "Format version of the companion file; always `1`.", required=True),
    F("timezone", "timezone", "IANA time zone of the flows' hours (default: the first hours export's, else UTC)."),
    F("intents", "intents", "What callers want: intent id -> description. Given to the flows no other flow calls."),
    F("hours", "companion-hours", "Named opening hours: name -> an ivrmaze schedule, `{aws: <export>}`, "
      "`{genesys: <export>}` or `{file: path}` (an export saved as JSON or YAML)."),
    F("nodes", "companion-nodes", "Platform node (its id, full id or platform name) -> what the flow does not say."),
    F("flows", "companion-flows", "Flow (its name, id, ARN or file stem) -> `entry` and `nodes` for that flow only."),
    F("vars", "companion-vars", "Deploy-time placeholder values: name -> text (`--var NAME=VALUE` wins)."),
    F("default_resolves", "resolves", "What a queue, voicemail or callback that `nodes` does not describe resolves: "
      "`\"*\"` (any intent, the default) or a list of intent ids (`[]`: none).", default=ANY_INTENT),
)
NODE_FIELDS = (
    F("resolves", "resolves", "Intents settled here: a list of intent ids, or `\"*\"`."),
    F("transfers", "transfers", "Where agents send a caller they cannot help: platform names or ids of this flow's "
      "nodes, each a name or `{to: name, warm: true}`."),
    F("hours", "schedule", "The opening hours of this queue or hours check: a name under `hours:`."),
    F("prompt", "text", "The text of the node's (recorded) prompt: the menu's `menu:` or the message's `say:`."),
    F("assume", "text", "A decision's outcome to analyse as if it always came out so (`staffed`)."),
)
FLOW_FIELDS = (
    F("entry", "text", "The node calls enter the flow at (its platform name or id), when the flow does not say."),
    F("nodes", "companion-nodes", "As the top-level `nodes`, for this flow only (these win)."),
)
EXPORT_KEYS = ("aws", "genesys", "file")
_EXPORTS = {"aws": ("an Amazon Connect hours-of-operation", "`{HoursOfOperation: {Name, TimeZone, Config: [...]}}`"),
            "genesys": ("a Genesys schedule group",
                        "`{name, timeZone, openSchedules, closedSchedules, holidaySchedules}`")}


@dataclass
class Companion:
    """A companion file as read: only what was valid (the rest is reported)."""

    path: str  # as shown
    abspath: str
    intents: dict[str, str] = field(default_factory=dict)
    timezone: str | None = None
    vars: dict[str, str] = field(default_factory=dict)
    #: schedule name -> the schedule in ivrmaze syntax (checked)
    hours: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: a platform's name for hours (an export's Name, Id, ARN) -> schedule name
    hour_names: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    flows: dict[str, dict[str, Any]] = field(default_factory=dict)
    default_resolves: Any = ANY_INTENT
    #: the keys of `nodes` (and of each flow's `nodes`, as (flow, key)) some node matched, and where each is written
    used: set[Any] = field(default_factory=set)
    positions: dict[Any, tuple[int, int]] = field(default_factory=dict)


def find(path: str, root: str) -> str | None:
    """The companion file of the platform file ``path``: the nearest at or above its folder, not above ``root``."""
    here = os.path.dirname(os.path.abspath(path))
    while True:
        for name in NAMES:
            p = os.path.join(here, name)
            if inputs.lexists(p):  # recorded for the result cache, as the probes below
                return p
        up = os.path.dirname(here)
        if here == root or up == here or not is_inside(up, root):
            return None
        here = up


def companion_for(path: str, ctx: Any) -> tuple[Companion | None, list[Finding]]:
    """(the companion of ``path``, its problems the first time this load reads it) for the
    loader's context ``ctx`` (``platform.Context``: ``root``, ``settings``, ``companions``)."""
    found = find(path, ctx.root or os.path.dirname(os.path.abspath(path)))
    if found is None:
        return None, []
    if found in ctx.companions:
        return ctx.companions[found], []
    comp, problems = read(found, ctx.root, ctx.settings)
    ctx.companions[found] = comp
    return comp, problems


def read(ap: str, root: str, settings: Settings) -> tuple[Companion | None, list[Finding]]:
    """The companion file ``ap`` checked: (what was valid, or None when it cannot be read; its problems)."""
    shown = display_path(ap)
    root = root or os.path.dirname(os.path.abspath(ap))
    why = "a link to a file outside the project folder" if root and not is_inside(
        inputs.realpath(ap), inputs.realpath(root)) else not_regular(ap)
    if why is not None:
        return None, [Finding("file", f"the companion file is {why}, expected a regular file", shown)]
    try:
        doc = document(ap, read_bytes(ap))
    except SourceError as e:
        return None, [Finding(e.kind, e.message, shown, e.line, e.column)]
    c = Checker(MenuFile(path=shown, abspath=ap), doc, root, settings)
    comp = Companion(shown, ap)
    _check(c, comp, doc.data)
    return comp, c.problems


def _check(c: Checker, comp: Companion, data: object) -> None:
    if not isinstance(data, dict):
        c.report("type", f"the companion file holds {describe(data)}, expected a mapping with "
                 f"`{VERSION_KEY}: 1` and `intents:`, `nodes:`, `hours:` ...", (), value=True)
        return
    c.check_keys(data, (), TOP_FIELDS, "the companion file")
    version = data.get(VERSION_KEY)
    if VERSION_KEY in data and (type(version) is not int or version != FORMAT_VERSION):
        c.report("version", f"companion format version {version!r} is not supported, expected "
                 f"`{VERSION_KEY}: 1`", (VERSION_KEY,), value=True)
    if "timezone" in data:
        c.mf.timezone = ""
        _timezone(c, data)
        comp.timezone = c.mf.timezone or None
    if "intents" in data:
        _intents(c, data)
        comp.intents = dict(c.mf.intents)
    if "hours" in data:
        _hours(c, comp, data["hours"])
    if "vars" in data and c.expect_mapping(data["vars"], ("vars",), "a mapping of placeholder name -> value"):
        for name, value in data["vars"].items():
            text = c.text(value, ("vars", name))
            if text is not None:
                comp.vars[str(name)] = text
    if "default_resolves" in data:
        got = _resolves(c, comp, data["default_resolves"], ("default_resolves",))
        comp.default_resolves = got if got is not None else ANY_INTENT
    if "nodes" in data:
        comp.nodes = _nodes(c, comp, data["nodes"], ("nodes",), None)
    if "flows" in data and c.expect_mapping(data["flows"], ("flows",), "a mapping of flow name -> `entry`, `nodes`"):
        for name, body in data["flows"].items():
            fp: Path = ("flows", name)
            if not c.expect_mapping(body, fp, "a mapping with `entry` and `nodes`"):
                continue
            c.check_keys(body, fp, FLOW_FIELDS, f"flow `{name}`")
            flow: dict[str, Any] = {"nodes": _nodes(c, comp, body.get("nodes", {}), fp + ("nodes",), str(name))}
            if "entry" in body and (entry := c.text(body["entry"], fp + ("entry",))) is not None:
                flow["entry"] = entry
            comp.flows[str(name)] = flow


def _export(c: Checker, comp: Companion, spec: dict[str, Any], path: Path) -> tuple[dict[str, Any], set[str]] | None:
    """An exported schedule (`aws:`, `genesys:` or `file:`) in ivrmaze syntax, and its platform names."""
    c.check_keys(spec, path, (F("aws", "mapping", ""), F("genesys", "mapping", ""), F("file", "text", "")),
                 "an hours export")
    key = next(k for k in EXPORT_KEYS if k in spec)
    value, kp = spec[key], path + (key,)
    if key == "file":
        value = _export_file(c, value, kp)
        if value is None:
            return None
        key = X.kind_of(value) or "aws"
    if not isinstance(value, dict) or X.kind_of(value) != key:
        what, shape = _EXPORTS[key]
        c.report("schedule", f"`{c.keypath(kp)}` is not {what} export, expected {shape}", kp, value=True)
        return None
    sched, zone, names, skipped = X.aws(value) if key == "aws" else X.genesys(value)
    for what in skipped:
        c.report("schedule", f"`{c.keypath(kp)}`: {what} is not read", kp, value=True, severity="warning")
    if zone and comp.timezone is None:
        comp.timezone = zone
    elif zone and zone != comp.timezone:
        c.report("timezone", f"`{c.keypath(kp)}` is in {zone}, but the flows' hours are read in {comp.timezone}, "
                 "expected one time zone for the flows (set `timezone:`)", kp, value=True, severity="warning")
    return sched, names


def _export_file(c: Checker, value: object, kp: Path) -> Any:
    file = c.text(value, kp)
    if file is None:
        return None
    resolved = os.path.normpath(os.path.join(os.path.dirname(c.mf.abspath), file))
    if os.path.isabs(file) or not is_inside(resolved, c.root) or not is_inside(
            inputs.realpath(resolved), inputs.realpath(c.root)):
        c.report("reference", f"hours file `{file}` is outside the project folder, expected a path relative to the "
                 "companion file inside it", kp, value=True)
        return None
    try:
        return document(resolved, read_bytes(resolved)).data
    except SourceError as e:
        c.report("reference", f"hours file `{file}` cannot be read: {e.message}", kp, value=True)
        return None


def _hours(c: Checker, comp: Companion, value: object) -> None:
    if not c.expect_mapping(value, ("hours",), "a mapping of name -> opening hours or an export"):
        return
    plain: dict[str, Any] = {}
    for name in valid_names(c, value, ("hours",), "schedule name"):
        spec = value[name]
        if isinstance(spec, dict) and any(k in spec for k in EXPORT_KEYS):
            got = _export(c, comp, spec, ("hours", name))
            if got is None:
                continue
            spec, names = got
            comp.hour_names.update(dict.fromkeys(names, name))
        plain[name] = spec
    c.mf.timezone = comp.timezone or "UTC"
    read_hours(c, plain)
    comp.hours = {n: s for n, s in plain.items() if n in c.mf.schedules}
    comp.hour_names = {k: v for k, v in comp.hour_names.items() if v in comp.hours}  # only hours that load
    comp.hour_names.update({n: n for n in comp.hours})


def _resolves(c: Checker, comp: Companion, value: object, path: Path) -> Any:
    if value == ANY_INTENT:
        return ANY_INTENT
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(i, str) for i in items):
        c.report("type", f"`{c.keypath(path)}` is {describe(value)}, expected a list of intent ids or \"*\"",
                 path, value=True)
        return None
    for i, iid in enumerate(items):
        if iid not in comp.intents:
            c.report("reference", f"intent `{iid}` is not under `intents:` of the companion file, expected one of "
                     f"{', '.join(f'`{x}`' for x in comp.intents) or 'the intents it declares'}",
                     path + ((i,) if isinstance(value, list) else ()), value=True)
    return [i for i in items if i in comp.intents]


def _transfers(c: Checker, value: object, path: Path) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for i, item in enumerate(value if isinstance(value, list) else [value]):
        ip = path + (i,) if isinstance(value, list) else path
        if isinstance(item, dict):
            c.check_keys(item, ip, L.TRANSFER_FIELDS, "a transfer")
            to = c.text(item.get("to"), ip + ("to",)) if "to" in item else None
            warm = item.get("warm", False)
            if not isinstance(warm, bool):
                c.report("type", f"`{c.keypath(ip + ('warm',))}` is {describe(warm)}, expected true or false",
                         ip + ("warm",), value=True)
            if to is not None:
                out.append((to, warm is True))
        elif (to := c.text(item, ip)) is not None:
            out.append((to, False))
    return out


def _nodes(c: Checker, comp: Companion, value: object, path: Path, flow: str | None) -> dict[str, dict[str, Any]]:
    if not c.expect_mapping(value, path, "a mapping of platform node name or id -> its settings"):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for key, body in value.items():
        kp = path + (key,)
        if not c.expect_mapping(body, kp, "a mapping with `resolves`, `transfers`, `hours`, `prompt` or `assume`"):
            continue
        c.check_keys(body, kp, NODE_FIELDS, f"companion node `{key}`")
        got: dict[str, Any] = {}
        if "resolves" in body and (r := _resolves(c, comp, body["resolves"], kp + ("resolves",))) is not None:
            got["resolves"] = r
        if "transfers" in body:
            got["transfers"] = _transfers(c, body["transfers"], kp + ("transfers",))
        if "hours" in body and (h := c.text(body["hours"], kp + ("hours",))) is not None:
            if h in comp.hours:
                got["hours"] = h
            else:
                c.report("reference", f"hours `{h}` are not under `hours:` of the companion file, expected one of "
                         f"{', '.join(f'`{x}`' for x in comp.hours) or 'the hours it names'}", kp + ("hours",),
                         value=True)
        for name in ("prompt", "assume"):
            if name in body and (t := c.text(body[name], kp + (name,))) is not None:
                got[name] = t
        out[str(key)] = got
        comp.positions[(flow, str(key))] = c.doc.key_pos.get(kp, (1, 1))
    return out
