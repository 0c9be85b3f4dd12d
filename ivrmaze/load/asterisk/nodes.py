"""One priority -> one ivrmaze node (docs/platforms/asterisk.md has the table).

`Background`/`WaitExten`/`Read` are menus whose options are the context's one-key extensions
(`t` = no input, `i` = no match, `e` for either; missing: the call hangs up); `Playback` and
the `Say...` applications are messages; `Dial` a person and `Queue` a queue (what they resolve
is platform.py's default, `*`, or the companion's; both go on to the next priority when the call
comes back);
`VoiceMail` a voicemail; `GotoIf`/`GosubIf` decisions on opaque expressions; `GotoIfTime` and
`ExecIfTime` branches on a real schedule; what ivrmaze cannot follow (`Stasis`, a `Goto` to
`${VAR}`, ...) an `unknown` node.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ... import language as L
from . import apps as A
from . import dialling as D
from . import times as T
from .lines import Step, app_call
from .resolve import lookup
from .timed import TIMED, reach, schedule
from .walk import MAX_CALLS, Frame, Walk, at

_AUDIO = any(f.name == "audio" for f in L.NODE_FIELDS["menu"])


def _next_real(w: Walk, step: Step) -> Step | None:
    """The first priority after ``step`` that is not pass-through, in the same extension."""
    prio = step.prio + 1
    while (nxt := w.step_at(step.context, step.exten, prio)) is not None and nxt.app.lower() in A.PASS:
        prio += 1
    return nxt


def _options(w: Walk, step: Step, nid: str, context: str, frame: Frame | None) -> dict[str, str]:
    options = {}
    longer = D.dialled(w.plan, context)
    for key in L.DTMF_KEYS:
        found = lookup(w.plan, context, key)
        if found is None:
            if any(name.startswith(key) for name in longer):
                options[key] = D.prefix_node(w, step, context, key, frame)
            continue
        got = reach(w, context, key, frame, lambda: w.handler(context, ("i", "e"), frame))
        options[key] = w.follow(found[0], found[1], 1, frame) if got is None else got
        first = w.plan.contexts[found[0]].extens[found[1]][1]
        w.key_pos[("nodes", nid, "options", key)] = (first.at.line, first.at.column)
        w.val_pos[("nodes", nid, "options", key)] = (first.at.line, first.app_column)
    return options


def _menu(w: Walk, step: Step, frame: Frame | None, nid: str) -> dict[str, Any]:
    args, app = A.args_of(step.args), step.app.lower()
    context, waits, files = step.context, True, ""
    if app == "background":
        files = args[0]
        if len(args) >= 4 and args[3] in w.plan.contexts:
            context = args[3]
        nxt = _next_real(w, step)
        waits = nxt is not None and nxt.app.lower() == "waitexten"
    elif app == "read":
        files = args[1] if len(args) > 1 else ""
        nxt = _next_real(w, step)
        var = "${" + args[0].strip() + "}"
        if nxt is None or nxt.app.lower() != "goto" or var not in nxt.args:
            return _say(w, step, frame, files or "(Read collects digits)")
        t = A.target(nxt.args)
        context = t.context if t is not None and t.context and not A.is_dynamic(t.context) else context
    timeout = w.handler(context, ("t", "e"), frame) if waits else w.after(step, frame)
    text = A.readable(files) or "(waits for a key)"
    node: dict[str, Any] = {"menu": text, "options": _options(w, step, nid, context, frame),
                            "no_input": timeout, "no_match": w.handler(context, ("i", "e"), frame),
                            "exhausted": timeout}
    if _AUDIO and files:
        node["audio"] = files
    if not node["options"]:
        del node["options"]
    return node


def _say(w: Walk, step: Step, frame: Frame | None, text: str | None = None) -> dict[str, Any]:
    if text is None:
        app = step.app.lower()
        args = w.expand(step.args, frame)
        text = A.readable(args) if app in ("playback", "controlplayback") else f"{step.app} {args}"
    return {"say": text or step.app, "next": w.after(step, frame)}


def _person(w: Walk, step: Step, frame: Frame | None) -> dict[str, Any]:
    args = A.args_of(step.args)
    node: dict[str, Any] = {"queue": w.expand(args[0], frame) or step.app}  # resolves: platform.py's default
    after = w.after(step, frame)
    if after != L.HANGUP:
        node["next"] = after
    return node


def _outcome(w: Walk, step: Step, text: str, frame: Frame | None, suffix: str, call: bool) -> str:
    if text.strip() and A.is_dynamic(A.called(text, step.app.lower() == "macroif") if call else text):
        jump = dataclasses.replace(step, app="Gosub" if call else "Goto", args=text, label=None)
        return w.node_id(jump, frame, suffix)
    if call and text.strip():
        return w.call(step, text, step.app.lower() == "macroif", frame)
    return w.follow_text(step, text, frame)


def _decide(w: Walk, step: Step, frame: Frame | None) -> dict[str, Any]:
    cond, yes, no = A.split_condition(step.args)
    call = step.app.lower() in ("gosubif", "macroif")
    return {"decide": cond or step.app,
            "outcomes": {"then": _outcome(w, step, yes, frame, ".then", call),
                         "else": _outcome(w, step, no or "", frame, ".else", call)}}


def _time_branch(w: Walk, step: Step, frame: Frame | None) -> dict[str, Any]:
    parts = A.split_args(step.args, "?")
    spec, rest = parts[0], "?".join(parts[1:])
    name = schedule(w, step, spec)
    if step.app.lower() == "execiftime":
        inner = app_call(rest)
        opened = w.after(step, frame) if inner is None else _run(w, dataclasses.replace(
            step, app=inner[0], args=inner[1], label=None), frame)
        closed = w.after(step, frame)
    else:
        _, yes, no = A.split_condition(step.args)
        opened, closed = w.follow_text(step, yes, frame), w.follow_text(step, no or "", frame)
    if name is None:
        return {"decide": f"{step.app} {spec}", "outcomes": {"open": opened, "closed": closed}}
    return {"branch": name, "open": opened, "closed": closed}


def _run(w: Walk, inner: Step, frame: Frame | None) -> str:
    """Where `ExecIfTime`'s application takes the call."""
    app = inner.app.lower()
    if app in A.HANGUP:
        return L.HANGUP
    if app in A.RETURN:
        return frame.ret if frame is not None else L.HANGUP
    if app == "goto" and not A.is_dynamic(inner.args):
        return w.follow_text(inner, inner.args, frame)
    if app in ("gosub", "macro") and not A.is_dynamic(A.called(inner.args, app == "macro")):
        return w.call(inner, inner.args, app == "macro", frame)
    if app in A.PASS or app not in _BUILDERS and app not in A.SAY | A.MENU | A.PERSON | A.UNKNOWN:
        return w.after(inner, frame)
    return w.node_id(inner, frame, ".then")


def _unknown(w: Walk, step: Step, frame: Frame | None) -> dict[str, Any]:
    if step.app.lower() == "goto":
        outcomes = _prefixed(w, step, frame)
        if outcomes:
            return {"decide": f"{step.app}({step.args})", "outcomes": outcomes}
    return {"unknown": f"{step.app}({step.args})" if step.args else step.app}


def _prefixed(w: Walk, step: Step, frame: Frame | None) -> dict[str, str]:
    """`Goto(s-${DIALSTATUS},1)`: the extensions of the context that start with the written
    prefix, each an outcome (the variable's value is not known, any of them may be taken)."""
    t = A.target(step.args)
    if t is None or t.exten is None or A.is_dynamic(t.context or "") or A.is_dynamic(t.prio):
        return {}
    prefix = t.exten.split("${")[0].split("$[")[0]
    ctx = w.plan.contexts.get(t.context or step.context)
    if not prefix or ctx is None:
        return {}
    out = {}
    for exten in ctx.extens:
        prio = ctx.labels.get(exten, {}).get(t.prio) if not t.prio.isdigit() else int(t.prio)
        if exten.startswith(prefix) and prio is not None and prio in ctx.extens[exten]:
            out[exten] = w.follow(ctx.name, exten, prio, frame)
    return out


def _voicemail(w: Walk, step: Step, frame: Frame | None) -> dict[str, Any]:
    return {"voicemail": w.expand(A.args_of(step.args)[0], frame) or step.app}


_BUILDERS = {"gotoif": _decide, "gosubif": _decide, "macroif": _decide, "gotoiftime": _time_branch,
             "execiftime": _time_branch, "queue": _person, "voicemail": _voicemail}


def build(w: Walk, step: Step, frame: Frame | None, nid: str, suffix: str) -> None:
    """Fill the node ``nid`` of ``step`` (made by ``Walk.node_id``)."""
    app = step.app.lower()
    if step.app == TIMED:
        return  # made whole where it was asked for (``timed.reach``)
    if suffix == ".loop":
        node: dict[str, Any] = {"say": f"{step.app}({step.args}) jumps round without a stop", "next": nid}
    elif suffix == ".deep":
        node = {"unknown": f"{step.app}({step.args}): calls nested more than {MAX_CALLS} deep"}
    elif app == D.DIALLING:
        node = D.prefix_menu(w, step, frame, nid)
    elif app in A.MENU:
        node = _menu(w, step, frame, nid)
    elif app in A.SAY:
        node = _say(w, step, frame)
    elif app in A.PERSON:
        node = _person(w, step, frame)
    elif app in _BUILDERS:
        node = _BUILDERS[app](w, step, frame)
    else:
        node = _unknown(w, step, frame)
    w.nodes[nid] = node
    for kind in ("queue", "voicemail"):  # a companion file may name a person by queue or mailbox
        if kind in node:
            w.aliases.setdefault(nid, set()).add(node[kind])
    for key in node:
        w.val_pos.setdefault(("nodes", nid, key), (step.at.line, step.app_column))
        w.key_pos.setdefault(("nodes", nid, key), (step.at.line, step.app_column))


def finish(w: Walk) -> None:
    """Build every node asked for, until none is left."""
    while w.todo:
        step, frame, nid, suffix = w.todo.pop(0)
        build(w, step, frame, nid, suffix)


def _jumps(step: Step) -> list[tuple[str, bool]]:
    """The literal jumps written in ``step`` (text, whether it is a call), for ``check_jumps``."""
    app = step.app.lower()
    if app in ("goto", "gosub"):
        return [(A.called(step.args, False), app == "gosub")]
    if app in ("gotoif", "gosubif", "gotoiftime"):
        _, yes, no = A.split_condition(step.args)
        return [(A.called(t, False), app == "gosubif") for t in (yes, no or "") if t.strip()]
    return []


def check_jumps(w: Walk) -> None:
    """Check every jump and time spec of the dialplan, followed or not: a `Goto` to a missing
    context is a mistake wherever it is written."""
    for ctx in w.plan.contexts.values():
        if ctx.template:
            continue
        for steps in ctx.extens.values():
            for step in steps.values():
                for text, _ in _jumps(step):
                    if not A.is_dynamic(text):
                        w.jump(step, text)
                if step.app.lower() == "macro" and not A.is_dynamic(step.args):
                    got = w.macro(step, step.args)
                    if got is not None:
                        w.jump(step, got)
                if step.app.lower() in ("gotoiftime", "execiftime"):
                    _schedule_check(w, step)


def _schedule_check(w: Walk, step: Step) -> None:
    spec = A.split_args(step.args, "?")[0]
    try:
        T.hours(spec)
    except T.TimeSpecError as e:
        w.problem("schedule", f"{step.app}: {e}", at(step))
