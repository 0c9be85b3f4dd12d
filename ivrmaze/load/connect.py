"""The Amazon Connect reader: a flow in the Connect flow language (JSON) -> an ivrmaze document.

A flow is ``{"Version": ..., "StartAction": id, "Metadata": {...}, "Actions": [...]}``; each
action has an ``Identifier``, a ``Type``, ``Parameters`` and ``Transitions`` (``NextAction``,
``Errors``, ``Conditions``). Each action becomes the node of the same id (``connect_actions``,
``connect_transfers``), at the line of its ``Identifier``; each link sits at its ``NextAction``.
Pass-through actions (set an attribute, a voice, logging, recording...) that cannot fail
elsewhere are not kept: a transition to one goes on to where it leads. The JSON is read with
``jsontree`` (positions of every key and value; see there why not with the YAML reader).
"""
from __future__ import annotations

import os
from typing import Any

from ..errors import SourceError
from ..findings import Finding
from ..jsontree import parse_json
from ..source import decode
from ..words import display_path, safe
from . import platform
from .connect_actions import TRANSLATORS, Translator, generic, is_stored_compare, passing
from .connect_flow import BEFORE, TERMINAL, Action, Flow
from .connect_refs import is_dynamic, placeholders, ref_name
from .connect_transfers import callback, to_flow, to_module, to_phone, to_queue
from .sniff import connect as looks_like  # noqa: F401 (the reader's test: platform.reader)

PLATFORM = "amazon-connect"


#: Actions that only change the contact's settings: passed through to their `NextAction`.
PASS_THROUGH_PREFIXES = ("Update", "Set")
#: The hand-over actions (connect_transfers).
HANDOVERS: dict[str, Translator] = {
    "TransferContactToQueue": to_queue, "CreateCallbackContact": callback, "TransferToFlow": to_flow,
    "InvokeFlowModule": to_module, "TransferParticipantToThirdParty": to_phone, "TransferToPhoneNumber": to_phone,
}


def translate(path: str, raw: bytes, ctx: platform.Context) -> platform.Translated:
    """The flow in the file ``path`` (its bytes ``raw``) as an ivrmaze document."""
    shown, text = display_path(path), ""
    try:
        text = decode(raw)
        built = parse_json(text)
    except SourceError as e:
        message = e.message + _unquoted_placeholder(text, e.line, e.column)
        return platform.Translated(PLATFORM, {}, problems=[Finding(e.kind, safe(message), shown, e.line, e.column)])
    fl = Flow(shown, built)
    data = built.data
    for kp, _, second in built.duplicates:
        fl.problems.append(Finding("duplicate-key", f"key `{kp[-1]}` is given twice in this object, expected "
                                   "each key once (JSON readers keep only one of them)", shown, *second))
    if not isinstance(data, dict):
        fl.report("type", "the file holds no JSON object, expected a Connect flow `{\"Version\": ..., "
                  "\"StartAction\": ..., \"Actions\": [...]}`", ())
        return _translated(fl, path, {})
    _read_actions(fl, data, ctx.vars if ctx is not None else {})
    if not fl.actions:  # nothing to check: what is wrong is said above
        if not fl.problems:
            fl.report("missing-key", "the flow has no actions, expected at least one in `Actions`", ("Actions",))
        return _translated(fl, path, {})
    _metadata_names(fl, data.get("Metadata"))
    _placeholders(fl)
    _passes(fl)
    _target_queues(fl, data)
    merged = _merged_compares(fl)
    for a in list(fl.actions.values()):
        if a.ident in fl.passes or a.type in TERMINAL or a.ident in merged:
            continue
        _translator(a)(fl, a)
    doc: dict[str, Any] = {"ivrmaze": 1, "name": _flow_name(path, data), "nodes": fl.nodes}
    _entry(fl, data, doc)
    return _translated(fl, path, doc)


def _unquoted_placeholder(text: str, line: int, column: int) -> str:
    """A hint when the JSON breaks at a deploy-time placeholder written outside quotes (a template
    such as `"InputTimeLimitSeconds": ${timeout}`), which only the deploy tool fills."""
    lines = text.split("\n")
    rest = lines[line - 1][column - 1:] if 0 < line <= len(lines) else ""
    if not rest.startswith(("${", "{{")):
        return ""
    return (" (a deploy-time placeholder outside quotes: this is a template, not yet a flow; fill it before "
            "checking, or write it in quotes)")


def _translated(fl: Flow, path: str, doc: dict[str, Any]) -> platform.Translated:
    names = {os.path.splitext(os.path.basename(path))[0]}
    if doc.get("name"):
        names.add(str(doc["name"]))
    return platform.Translated(PLATFORM, doc, fl.key_pos, fl.val_pos, names, fl.labels, fl.aliases, fl.notes,
                               fl.problems, fl.placeholders)


def _translator(a: Action) -> Translator:
    if a.type in TRANSLATORS:
        return TRANSLATORS[a.type]
    if a.type in HANDOVERS:
        return HANDOVERS[a.type]
    if a.type == "UpdateContactTargetQueue" or a.type.startswith(PASS_THROUGH_PREFIXES):
        return passing
    return generic


def _filled(value: Any, values: dict[str, str]) -> Any:
    """``value`` with each deploy-time placeholder that ``--var`` (or the companion's `vars:`) gives
    a value for replaced by it: `${var.queues_map["sales"]}` with `--var 'var.queues_map["sales"]=Sales'`."""
    if isinstance(value, dict):
        return {k: _filled(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v, values) for v in value]
    if not isinstance(value, str) or not values:
        return value
    for ph in placeholders(value):
        inner = ph[2:-1] if ph.startswith("${") else ph[2:-2]
        if inner.strip() in values:
            value = value.replace(ph, values[inner.strip()])
    return value


def _read_actions(fl: Flow, data: dict[str, Any], values: dict[str, str]) -> None:
    actions = data.get("Actions")
    if "Actions" not in data:
        fl.report("missing-key", "the flow has no `Actions`, expected a list of the flow's actions", (), value=True)
        return
    if not isinstance(actions, list):
        fl.report("type", "`Actions` is not a list, expected a list of the flow's actions", ("Actions",))
        return
    for i, item in enumerate(actions):
        where = ("Actions", i)
        if not isinstance(item, dict):
            fl.report("type", "this action is not a JSON object, expected `{\"Identifier\": ..., \"Type\": ..., "
                      "\"Parameters\": {...}, \"Transitions\": {...}}`", where)
            continue
        ident, kind = item.get("Identifier"), item.get("Type")
        if not isinstance(ident, str) or not ident:
            fl.report("missing-key" if ident is None else "type", "this action has no `Identifier` text, expected "
                      "the id its transitions are known by", where + (("Identifier",) if ident is not None else ()))
            continue
        if ident in fl.actions:
            first = fl.at(fl.actions[ident].path + ("Identifier",))
            fl.report("duplicate-key", f"the Identifier \"{ident}\" is given to two actions (first at line "
                      f"{first[0]}), expected each action's own", where + ("Identifier",),
                      node=fl.actions[ident].nid)
            continue
        if not isinstance(kind, str) or not kind:
            fl.report("missing-key" if kind is None else "type", f"action `{ident}` has no `Type` text, expected "
                      "the kind of action, such as `MessageParticipant`",
                      where + (("Type",) if kind is not None else ()))
            kind = "no Type"
        params, trans = item.get("Parameters"), item.get("Transitions")
        for key, value in (("Parameters", params), ("Transitions", trans)):
            if value is not None and not isinstance(value, dict):
                fl.report("type", f"`{key}` of action `{ident}` is not an object, expected `{{...}}`", where + (key,))
        fl.actions[ident] = Action(ident, fl.new_id(ident), kind,
                                   _filled(params, values) if isinstance(params, dict) else {},
                                   trans if isinstance(trans, dict) else {}, i)


def _metadata_names(fl: Flow, meta: Any) -> None:
    """The names the flow designer shows for actions: a prompt's file, a flow's or a queue's name."""
    actions = meta.get("ActionMetadata") if isinstance(meta, dict) else None
    if not isinstance(actions, dict):
        return
    for ident, m in actions.items():
        if ident not in fl.actions or not isinstance(m, dict):
            continue
        found = [m.get("name"), m.get("promptName")]
        for key in ("ContactFlow", "contactFlow", "queue", "Hours", "hoursOfOperation", "flowModule"):
            v = m.get(key)
            found.append(v.get("text") if isinstance(v, dict) else None)
        params = m.get("parameters")
        if isinstance(params, dict):
            found += [v.get("displayName") for v in params.values() if isinstance(v, dict)]
        name = next((x for x in found if isinstance(x, str) and x.strip()), None)
        if name:
            fl.names[ident] = name.strip()


def _placeholders(fl: Flow) -> None:
    """The deploy-time placeholders written in the actions' parameters (before `--var` fills them)."""
    actions = fl.src.data.get("Actions") if isinstance(fl.src.data, dict) else None
    for a in fl.actions.values():
        params = actions[a.index].get("Parameters") if isinstance(actions, list) else None
        for key, value in (params.items() if isinstance(params, dict) else ()):
            if isinstance(value, str):
                for ph in placeholders(value):
                    fl.placeholders.setdefault(ph, fl.at(a.path + ("Parameters", key), value=True))


def _passes(fl: Flow) -> None:
    """The pass-through actions that are dropped: no error route elsewhere, a `NextAction` in the flow."""
    for a in fl.actions.values():
        if not (a.type == "UpdateContactTargetQueue" or a.type.startswith(PASS_THROUGH_PREFIXES)):
            continue
        nxt = a.next()
        if nxt is None or nxt[0] not in fl.actions or a.conditions():
            continue
        if all(to == nxt[0] for _, to, _ in a.errors()):
            fl.passes[a.ident] = nxt[0]
    for start in list(fl.passes):  # a ring of pass-throughs: keep its actions, the call spins there
        if start not in fl.passes:
            continue
        seen, at = [start], fl.passes[start]
        while at in fl.passes and at not in seen:
            seen.append(at)
            at = fl.passes[at]
        if at in seen:
            for ident in seen[seen.index(at):]:
                fl.passes.pop(ident, None)


def _successors(a: Action) -> list[str]:
    out = [to for _, _, to, _ in a.conditions()] + [to for _, to, _ in a.errors()]
    nxt = a.next()
    return [x for x in out + ([nxt[0]] if nxt else []) if isinstance(x, str)]


def _target_queues(fl: Flow, data: dict[str, Any]) -> None:
    """Which target queues each action can run with: spread from each `UpdateContactTargetQueue`
    (and from the start, with the queue the contact came with) until another one sets it."""
    starts: list[tuple[str, tuple[str, set[str], bool]]] = []
    for a in fl.actions.values():
        if a.type != "UpdateContactTargetQueue":
            continue
        value = a.params.get("QueueId", a.params.get("AgentId"))
        if isinstance(value, str):
            shown = f"dynamic queue {value.strip()}" if is_dynamic(value) else fl.names.get(a.ident) or ref_name(value)
            q = (shown, {value.strip(), ref_name(value)} | ({fl.names[a.ident]} if a.ident in fl.names else set()),
                 is_dynamic(value))
            starts += [(s, q) for s in _successors(a)]
    for first, q in starts:
        stack, seen = [first], set()
        while stack:
            ident = stack.pop()
            b = fl.actions.get(ident)
            if b is None or ident in seen:
                continue
            seen.add(ident)
            fl.queues.setdefault(ident, []).append(q)
            if b.type != "UpdateContactTargetQueue":
                stack += _successors(b)
    unset = _reached_unset(fl, data)
    for ident, qs in fl.queues.items():
        if ident in unset:
            qs.append((BEFORE, set(), False))


def _reached_unset(fl: Flow, data: dict[str, Any]) -> set[str]:
    """The actions the start reaches before any `UpdateContactTargetQueue`."""
    start = data.get("StartAction")
    stack, seen = ([start] if isinstance(start, str) else []), set()
    while stack:
        ident = stack.pop()
        b = fl.actions.get(ident)
        if b is None or ident in seen or b.type == "UpdateContactTargetQueue":
            continue
        seen.add(ident)
        stack += _successors(b)
    return seen


def _merged_compares(fl: Flow) -> set[str]:
    """The Compares of stored digits that only menus lead to: they are those menus' options."""
    follows = {a.ident: str(nxt[0]) for a in fl.actions.values() if (nxt := a.next()) is not None}
    menus = {i for i, to in follows.items() if fl.actions[i].type == "GetParticipantInput"
             and is_stored_compare(fl.actions.get(to))}
    merged = {follows[m] for m in menus}
    for a in fl.actions.values():
        if a.ident not in menus:
            merged -= set(_successors(a))
    return merged


def _flow_name(path: str, data: dict[str, Any]) -> str:
    meta = data.get("Metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else os.path.splitext(os.path.basename(path))[0]


def _entry(fl: Flow, data: dict[str, Any], doc: dict[str, Any]) -> None:
    start = data.get("StartAction")
    if start is None:
        fl.report("missing-key", "the flow has no `StartAction`, expected the Identifier of the action calls "
                  "start at", (), value=True)
        return
    if not fl.actions:
        return
    t = fl.target(None, start, ("StartAction",))
    if t is not None:
        doc["entry"] = t
        fl.put(("entry",), ("StartAction",))
