"""Extensions of several keys dialled from a menu (`1234` while `Background` plays).

An ivrmaze option is one key, so the first key of such extensions leads to a decision,
"(dialling 1...)", whose outcomes are the extensions that start with it (`1234`, `1299`) and a
wrong number (`i`, else `e`, else the call hangs up). The caller, not the system, picks the
outcome: the decision stands for the keys that follow, without a menu per key (whose failure
routes would repeat the menu's own findings). Only extensions written with the keys
themselves (`1234`, not `_1XXX`) are dialled this way; a pattern of several keys stands for
numbers (an outside line, a phone), not menu choices.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ... import language as L
from .lines import Dialplan, Step
from .resolve import reached
from .walk import Frame, Walk

#: The application name of the stand-in step of a prefix menu (not a real application name).
DIALLING = "(dialling)"
_MAX_KEYS = 8


def dialled(plan: Dialplan, context: str) -> list[str]:
    """The extensions of several keys (literal, up to 8) of ``context`` and the contexts it includes."""
    out: list[str] = []
    for _, ctx in reached(plan, context):
        out += [e for e, steps in ctx.extens.items() if 1 < len(e) <= _MAX_KEYS and 1 in steps
                and all(c in L.DTMF_KEYS for c in e) and e not in out]
    return out


def _exact(plan: Dialplan, context: str, exten: str) -> tuple[str, str] | None:
    """The context (this or an included one) that has the literal extension ``exten``."""
    return next(((name, exten) for name, ctx in reached(plan, context) if 1 in ctx.steps(exten)), None)


def prefix_node(w: Walk, step: Step, context: str, prefix: str, frame: Frame | None) -> str:
    """The node of the decision where the caller has dialled ``prefix`` in ``context`` (at the line
    of the first menu ``step`` it is dialled from): one per context and first key."""
    stand_in = dataclasses.replace(step, context=context, exten=prefix, prio=0, label="dial", app=DIALLING,
                                   args=f"{context},{prefix}")
    return w.node_id(stand_in, frame)  # `demo,1,dial`


def prefix_menu(w: Walk, step: Step, frame: Frame | None, nid: str) -> dict[str, Any]:
    """The decision of a dialled first key: each extension that starts with it, or a wrong number."""
    context, _, prefix = step.args.rpartition(",")
    outcomes = {}
    for exten in dialled(w.plan, context):
        found = _exact(w.plan, context, exten) if exten.startswith(prefix) else None
        if found is not None:
            outcomes[exten] = w.follow(found[0], found[1], 1, frame)
    outcomes["wrong number"] = w.handler(context, ("i", "e"), frame)
    w.labels[nid] = f"`{nid}` (dialling {prefix}..., line {step.at.line})"
    return {"decide": f"the extension dialled after {prefix}", "outcomes": outcomes}
