"""`include => context,times,weekdays,mdays,months`: an included context that counts only in its hours.

Asterisk looks an extension up in the context, then in its includes in order; an include with a
time spec is skipped outside its hours, and the search goes on to the next one. So where the
first match comes through a timed include, the call meets a `branch` on that schedule: open, the
included extension; closed, the next match (or, when there is none, the menu's `i` route, or the
end of the call). This is the classic way of office hours in a dialplan: `include => daytime,
9:00-17:59,mon-fri,*,*` then `include => nighttime`.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

from . import times as T
from .lines import Dialplan, Step, Where
from .resolve import SPECIAL, match_here
from .walk import Frame, Walk, at, slug

#: The application name of the stand-in step of a timed include's branch (not a real application name).
TIMED = "(timed include)"


def candidates(plan: Dialplan, context: str, exten: str) -> list[tuple[str, str, str | None, Where | None]]:
    """(context, extension, time spec, where the include is) of each match of ``exten`` in search
    order, up to the first one that no time spec guards."""
    out: list[tuple[str, str, str | None, Where | None]] = []
    seen: set[str] = set()
    todo: list[tuple[str, str | None, Where | None]] = [(context, None, None)]
    while todo:
        name, spec, where = todo.pop(0)
        ctx = plan.contexts.get(name)
        if ctx is None or name in seen:
            continue
        seen.add(name)
        got = match_here(ctx, exten)
        if got is not None and 1 in ctx.extens[got]:
            out.append((name, got, spec, where))
            if spec is None:
                return out
            continue
        todo[0:0] = [(inc, spec or ctx.include_times.get(inc), where if spec else
                      (w if inc in ctx.include_times else None)) for inc, w in ctx.includes]
    return out


def reach(w: Walk, context: str, exten: str, frame: Frame | None, otherwise: Callable[[], str]) -> str | None:
    """The node dialling ``exten`` in ``context`` reaches, through branches where timed includes
    guard it; None when no timed include is on the way (``lookup`` tells it alone)."""
    found = candidates(w.plan, context, exten) if exten not in SPECIAL or exten == "s" else []
    if not any(spec for _, _, spec, _ in found):
        return None
    result = otherwise() if found[-1][2] is not None else ""
    for name, ext, spec, where in reversed(found):
        target = w.follow(name, ext, 1, frame)
        result = target if spec is None or where is None else _branch(w, context, exten, name, spec, where,
                                                                       target, result, frame)
    return result


def _branch(w: Walk, context: str, exten: str, included: str, spec: str, where: Where, opened: str,
            closed: str, frame: Frame | None) -> str:
    stand_in = Step(context, exten, 0, f"time-{slug(included)}", TIMED, spec, where, where.column)
    nid = w.node_id(stand_in, frame)
    name = schedule(w, dataclasses.replace(stand_in, app="include"), spec)
    w.nodes[nid] = {"branch": name, "open": opened, "closed": closed} if name is not None else \
        {"decide": f"include {included},{spec}", "outcomes": {"open": opened, "closed": closed}}
    w.labels[nid] = f"`{nid}` (include => {included} in its hours, line {where.line})"
    return nid


def schedule(w: Walk, step: Step, spec: str) -> str | None:
    """The name of the schedule of ``spec`` (made once per spec text), or None when it cannot be read."""
    if spec in w.specs:
        return w.specs[spec]
    try:
        got = T.hours(spec)
    except T.TimeSpecError as e:
        w.problem("schedule", f"{step.app}: {e}", at(step))
        return None
    name = f"time-line-{step.at.line}" + (f"-{len(w.hours) + 1}" if f"time-line-{step.at.line}" in w.hours else "")
    w.specs[spec] = name
    w.hours[name] = got.spec
    w.key_pos[("hours", name)] = (step.at.line, step.at.column)
    for note in got.approximations:
        w.problem("schedule", f"{step.app}: {note}", at(step), "warning")
    if got.timezone and w.timezone is None:
        w.timezone = got.timezone
        w.val_pos[("timezone",)] = (step.at.line, step.app_column)
    return name
