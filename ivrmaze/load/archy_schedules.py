"""Archy's schedule actions -> ivrmaze branches and decisions.

Genesys evaluates a schedule group in the order emergency, holiday, closed, open, and takes
the closed path when no schedule of the group holds (or the group is not set). The schedules
themselves live in Genesys, not in the flow file, so their hours are ``unknown`` (both open
and closed are analysed) unless a companion file gives them; the schedule group's name is an
alias of its node for that. Whether an emergency group is active is switched by hand, and
whether a closed day is a holiday comes from the holiday schedule: both are decisions.
"""
from __future__ import annotations

from typing import Any, Protocol

from ..source import Path
from .archy_build import Build, Scope
from .archy_values import value


class Sequencer(Protocol):
    """What schedule actions need of ``archy_actions.Actions``."""

    b: Build

    def output(self, path: Path, name: str, scope: Scope, nxt: str) -> str: ...

    def has_output(self, path: Path, name: str) -> bool: ...


#: Output names of evaluateSchedule that mean "in the schedule" and "not in it".
IN_SCHEDULE = ("open", "active", "yes", "inSchedule", "available")
OUT_OF_SCHEDULE = ("closed", "inactive", "no", "notInSchedule", "unavailable")


def _named(path: Path, b: Build, key: str) -> str | None:
    """The literal name of the schedule (group) under ``key``, or None when unset or dynamic."""
    got = value(b.get((*path, key)))
    if got is None or got.dynamic or "NOT_SET" in got.text:
        return None
    return got.text


Step = tuple[str, dict[str, Any], dict[tuple[str, ...], Path], set[str]]


def evaluate_schedule_group(a: Sequencer, path: Path, name: str, scope: Scope, nxt: str) -> str:
    """Emergency (a decision), then holiday (a decision), then the group's open/closed hours."""
    b = a.b
    out = (*path, "outputs")
    open_, closed = a.output(path, "open", scope, nxt), a.output(path, "closed", scope, nxt)
    holiday, emergency = a.output(path, "holiday", scope, nxt), a.output(path, "emergency", scope, nxt)
    group, egroup = _named(path, b, "scheduleGroup"), _named(path, b, "emergencyGroup")
    steps: list[Step] = []
    if egroup is not None:
        steps.append(("emergency", {"decide": f"Is the emergency group '{egroup}' active?",
                                    "outcomes": {"emergency": emergency, "normal": None}},
                      {("outcomes", "emergency"): (*out, "emergency"), ("decide",): (*path, "emergencyGroup")},
                      {egroup}))
    if group is not None and holiday != closed:
        steps.append(("holiday", {"decide": f"Is it a holiday in the schedule group '{group}'?",
                                  "outcomes": {"holiday": holiday, "not-holiday": None}},
                      {("outcomes", "holiday"): (*out, "holiday"), ("decide",): (*path, "scheduleGroup")}, {group}))
    if group is not None:
        steps.append(("hours", {"branch": "unknown", "open": open_, "closed": closed},
                      {("open",): (*out, "open"), ("closed",): (*out, "closed"), ("branch",): (*path, "scheduleGroup")},
                      {group}))
    # no schedule group (or NOT_SET): Genesys takes the closed path unless the emergency holds
    return chain(b, path, f"evaluateScheduleGroup '{name}'", steps, closed, {name})


def chain(b: Build, path: Path, label: str, steps: list[Step], fallback: str, aliases: set[str]) -> str:
    """Write ``steps`` (in the order they run) so that each one's open outcome (None) goes on to
    the next, the last one's to ``fallback``; the first takes the action's own id."""
    ids = [b.reserved[path]] + [b.reserve((*path, what), f"{b.reserved[path]}:{what}") for what, *_ in steps[1:]]
    target = fallback
    for nid, (what, node, fields, names) in reversed(list(zip(ids, steps, strict=True))):
        if "outcomes" in node:
            node["outcomes"] = {k: (target if v is None else v) for k, v in node["outcomes"].items()}
        node["on_error"] = b.error_route
        b.add(nid, node, path, f"{label} ({what})", {}, names | aliases)
        for key, where in fields.items():
            b.place(("nodes", nid, *key), where)
        target = nid
    return target


def evaluate_schedule(a: Sequencer, path: Path, name: str, scope: Scope, nxt: str) -> str:
    """One schedule: in it or not, by hours ``unknown`` unless a companion file gives them."""
    b = a.b
    ins = next((o for o in IN_SCHEDULE if a.has_output(path, o)), "open")
    outs = next((o for o in OUT_OF_SCHEDULE if a.has_output(path, o)), "closed")
    schedule = _named(path, b, "schedule") or _named(path, b, "scheduleGroup")
    out = (*path, "outputs")
    step: Step = ("hours", {"branch": "unknown", "open": a.output(path, ins, scope, nxt),
                            "closed": a.output(path, outs, scope, nxt)},
                  {("open",): (*out, ins), ("closed",): (*out, outs), ("branch",): (*path, "schedule")},
                  {schedule} if schedule else set())
    return chain(b, path, f"evaluateSchedule '{name}'", [step], nxt, {name})
