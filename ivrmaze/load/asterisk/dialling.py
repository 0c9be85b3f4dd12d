"""Extensions of several keys dialled from a menu (`1234` while `Background` plays).

An ivrmaze option is one key, so each prefix of such an extension is a menu of its own, the
caller pressing the next key there: `1` -> "(dialling 1...)" -> `2` -> ... -> the extension.
When the caller stops early, Asterisk tries what was dialled: the extension of that prefix if
there is one, else `i`. Only extensions written with the keys themselves (`1234`, not `_1XXX`)
are dialled this way; a pattern of several keys stands for numbers, not menu choices.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ... import language as L
from .lines import Dialplan, Step
from .walk import Frame, Walk

#: The application name of the stand-in step of a prefix menu (not a real application name).
DIALLING = "(dialling)"
_MAX_KEYS = 8


def dialled(plan: Dialplan, context: str) -> list[str]:
    """The extensions of several keys (literal, up to 8) of ``context`` and the contexts it includes."""
    out: list[str] = []
    seen: set[str] = set()
    todo = [context]
    while todo:
        name = todo.pop(0)
        ctx = plan.contexts.get(name)
        if ctx is None or name in seen:
            continue
        seen.add(name)
        out += [e for e, steps in ctx.extens.items() if 1 < len(e) <= _MAX_KEYS and 1 in steps
                and all(c in L.DTMF_KEYS for c in e) and e not in out]
        todo += [inc for inc, _ in ctx.includes]
    return out


def _exact(plan: Dialplan, context: str, exten: str) -> tuple[str, str] | None:
    """The context (this or an included one) that has the literal extension ``exten``."""
    seen: set[str] = set()
    todo = [context]
    while todo:
        name = todo.pop(0)
        ctx = plan.contexts.get(name)
        if ctx is None or name in seen:
            continue
        seen.add(name)
        if 1 in ctx.steps(exten):
            return name, exten
        todo += [inc for inc, _ in ctx.includes]
    return None


def prefix_node(w: Walk, step: Step, context: str, prefix: str, frame: Frame | None) -> str:
    """The node of the menu where the caller has dialled ``prefix`` in ``context`` (at the line of the
    first menu ``step`` it is dialled from)."""
    stand_in = dataclasses.replace(step, context=context, exten=prefix, prio=0, label="dial", app=DIALLING,
                                   args=f"{context},{prefix}")
    return w.node_id(stand_in, frame)  # one per context and prefix: `demo,12,dial`


def prefix_menu(w: Walk, step: Step, frame: Frame | None, nid: str) -> dict[str, Any]:
    """The menu of a dialled prefix: the next key of each longer extension, or the extension itself."""
    context, _, prefix = step.args.rpartition(",")
    longer = [e for e in dialled(w.plan, context) if e.startswith(prefix) and e != prefix]
    options = {}
    for key in L.DTMF_KEYS:
        nxt = prefix + key
        if any(e.startswith(nxt) and e != nxt for e in longer):
            options[key] = prefix_node(w, step, context, nxt, frame)
        elif (found := _exact(w.plan, context, nxt)) is not None:
            options[key] = w.follow(found[0], found[1], 1, frame)
    wrong = w.handler(context, ("i", "e"), frame)
    exact = _exact(w.plan, context, prefix)
    stop = w.follow(exact[0], exact[1], 1, frame) if exact is not None else wrong
    node: dict[str, Any] = {"menu": f"(dialling {prefix}...)", "no_input": stop, "no_match": wrong,
                            "exhausted": stop}
    if options:
        node["options"] = options
    w.labels[nid] = f"`{nid}` (dialling {prefix}, line {step.at.line})"
    return node
