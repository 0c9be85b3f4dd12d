"""Studio flow definitions for the tests, written as the Studio REST API documents them: widgets
(``states``) with a ``name``, a ``type``, ``transitions`` (``event`` -> ``next``) and
``properties``; ``initial_state`` names the Trigger. ``studio_flow(menu)`` writes an ivrmaze
menu (the part of the language Studio can say) as such a flow, for the round-trip property."""
from __future__ import annotations

import json
from typing import Any

from ivrmaze import language as L


def widget(name: str, type_: str, transitions: list[dict[str, Any]] | None = None, **props: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, "transitions": transitions or [],
            "properties": {**props, "offset": {"x": 0, "y": 0}}}


def tr(event: str, next_: str | None = None, **kw: Any) -> dict[str, Any]:
    return {"event": event, **({"next": next_} if next_ else {}), **kw}


def cond(arg: str, type_: str, value: str, friendly: str | None = None) -> dict[str, Any]:
    return {"friendly_name": friendly or f"If value {type_} {value}", "arguments": [arg], "type": type_,
            "value": value}


def match(next_: str | None, *conds: dict[str, Any]) -> dict[str, Any]:
    return tr("match", next_, conditions=list(conds))


def trigger(call: str | None = None, **others: str) -> dict[str, Any]:
    events = [tr("incomingCall", call)] + [tr(e, n) for e, n in others.items()]
    return widget("Trigger", "trigger", events)


def flow(*states: dict[str, Any], description: str = "A New Flow", initial: str | None = "Trigger") -> dict[str, Any]:
    out: dict[str, Any] = {"description": description, "states": list(states)}
    if initial is not None:
        out["initial_state"] = initial
    out["flags"] = {"allow_concurrent_calls": True}
    return out


def text(definition: dict[str, Any]) -> str:
    return json.dumps(definition, indent=2, ensure_ascii=False) + "\n"


def digits(widget_name: str) -> str:
    return "{{widgets." + widget_name + ".Digits}}"


def gather_menu(name: str, prompt: str, options: dict[str, str | None], *, no_match: str | None = None,
                timeout: str | None = None, speech: str | None = None) -> list[dict[str, Any]]:
    """A Gather and the Split on its Digits: the two widgets of a Studio menu."""
    split = f"{name}_keys"
    g = widget(name, "gather-input-on-call", [tr("keypress", split), tr("speech", speech), tr("timeout", timeout)],
               say=prompt, number_of_digits=1, timeout=5)
    s = widget(split, "split-based-on", [tr("noMatch", no_match)] +
               [match(to, cond(digits(name), "equal_to", key)) for key, to in options.items()], input=digits(name))
    return [g, s]


def _target(t: object) -> str | None:
    t = t["to"] if isinstance(t, dict) else t
    return None if t == L.HANGUP else str(t)


def studio_flow(menu: dict[str, Any]) -> dict[str, Any]:
    """An ivrmaze menu of menus, messages, queues (with `next`), voicemails, decisions and unknown
    nodes (no hours, intents, transfers or external files) as a Studio flow."""
    states = [trigger(_target(menu.get("entry", L.HANGUP)),
                      **{"incomingMessage": _target(menu["channels"]["message"])} if "message" in menu.get(
                          "channels", {}) else {})]
    for nid, body in menu["nodes"].items():
        if "menu" in body:
            states += gather_menu(nid, body["menu"], {k: _target(t) for k, t in body.get("options", {}).items()},
                                  no_match=_target(body["no_match"]), timeout=_target(body["no_input"]))
        elif "say" in body:
            states.append(widget(nid, "say-play", [tr("audioComplete", _target(body.get("next", L.HANGUP)))],
                                 say=body["say"]))
        elif "queue" in body:
            states.append(widget(nid, "connect-call-to", [tr("callCompleted", _target(body.get("next", L.HANGUP))),
                                                          tr("hangup")], noun="number", to=body["queue"]))
        elif "voicemail" in body:
            states.append(widget(nid, "record-voicemail", [tr("recordingComplete"), tr("noAudio"), tr("hangup")]))
        elif "decide" in body:
            *firsts, last = body["outcomes"].items()
            arg = "{{flow.variables." + nid + "}}"
            states.append(widget(nid, "split-based-on", [tr("noMatch", _target(last[1]))] + [
                match(_target(t), cond(arg, "equal_to", name)) for name, t in firsts], input=arg))
        else:
            states.append(widget(nid, "x-widget-ivrmaze-does-not-know", [tr("next", None)]))
    return flow(*states)
