"""Studio's input widgets: Gather Input On Call (and Send & Wait For Reply), with the Split that
tests what the caller gave.

A Gather whose ``keypress`` goes to a Split testing ``{{widgets.NAME.Digits}}`` against single
keys (``equal_to 1``, ``matches_any_of 1,2``) is a menu: the Split's matches are its options,
its ``noMatch`` the menu's ``no_match``, the Gather's ``timeout`` its ``no_input``. Studio counts
no retries: a timeout that leads back replays the prompt for ever (until Studio's own caps), so
``exhausted`` goes where silence goes. Speech that leads where the keys lead adds nothing; speech
that leads elsewhere makes the Gather a decision between the keys (the menu) and what was said.
Any other input (several digits, speech alone, a chat reply) is a decision of its own: the
caller's input decides, each of the Split's matches an outcome; silence is its error route.
The Split merged this way is no node of its own, unless another transition also leads to it.
"""
from __future__ import annotations

import re
from typing import Any

from .. import language as L
from .studio_graph import Flow, Transition, Widget, knows
from .studio_text import condition_text, short

_RESULT = re.compile(r"^\s*\{\{\s*widgets\.(?P<w>[\w.-]+?)\.(?P<f>Digits|SpeechResult|inbound\.Body)\s*\}\}\s*$")
SPLIT = "split-based-on"
#: Studio's default name of a condition ("If value equal_to 1"): says nothing a diagram needs
_DEFAULT_FRIENDLY = re.compile(r"^If value ")


def split_on(flow: Flow, t: Transition | None, w: Widget, result: str) -> Widget | None:
    """The Split that ``t`` leads to, when it tests ``{{widgets.<w>.<result>}}``."""
    s = flow.widgets.get(t.next) if t is not None and t.next is not None else None
    if s is None or s.type != SPLIT:
        return None
    m = _RESULT.match(s.prop("input") or "")
    return s if m is not None and m.group("w") == w.name and m.group("f") == result else None


def matches(s: Widget) -> list[Transition]:
    return [t for t in s.transitions if t.event == "match"]


def _keys(t: Transition) -> list[str] | None:
    """The single DTMF keys a Split match tests, or None when it tests anything else."""
    if len(t.conditions) != 1:
        return None
    c = t.conditions[0]
    value = str(c.get("value", "")).strip()
    keys = [value] if c.get("type") == "equal_to" else (
        [k.strip() for k in value.split(",")] if c.get("type") == "matches_any_of" else [])
    return keys if keys and all(k in L.DTMF_KEYS for k in keys) else None


def key_options(s: Widget | None) -> list[tuple[str, Transition]] | None:
    """(key, transition) of every match of a Digits Split, or None when one is not a key."""
    if s is None:
        return None
    out = []
    for t in matches(s):
        keys = _keys(t)
        if keys is None:
            return None
        out += [(k, t) for k in keys]
    return out


def _label(t: Transition) -> str | None:
    name = t.conditions[0].get("friendly_name") if t.conditions else None
    return short(name) if isinstance(name, str) and name.strip() and not _DEFAULT_FRIENDLY.match(name) else None


def _value(t: Transition) -> str:
    """What a match tests for, as an outcome's name: the value it compares with (``no-answer``)."""
    if len(t.conditions) == 1 and str(t.conditions[0].get("value", "")).strip():
        c = t.conditions[0]
        return short(c["value"] if c.get("type") == "equal_to" else f"{c.get('type')} {c['value']}", 60)
    return short(" and ".join(condition_text(c) for c in t.conditions) or "match", 60)


def _prompt(flow: Flow, nid: str, w: Widget, body: dict[str, Any], key: str) -> None:
    say, play = w.prop("say"), w.prop("play")
    body[key] = say or play or f"(the widget {w.name} plays no prompt)"
    flow.text(nid, key, w, "say" if say else "play")
    if play and key == "menu" and knows("menu", "audio"):
        body["audio"] = play
        flow.text(nid, "audio", w, "play")


def menu(flow: Flow, w: Widget, nid: str, s: Widget, keys: list[tuple[str, Transition]]) -> dict[str, Any]:
    """The menu of a Gather ``w`` and its Digits Split ``s``, as node ``nid``."""
    body: dict[str, Any] = {}
    _prompt(flow, nid, w, body, "menu")
    options: dict[str, Any] = {}
    first: dict[str, Transition] = {}
    finish = str(w.props.get("finish_on_key", "")).strip()
    for key, t in keys:
        at = ("nodes", nid, "options", key)
        if key == finish:  # the Gather never passes its finish key on as a digit
            flow.problem("dtmf", f"key {key} of the menu `{w.name}` can never be chosen: it is the Gather's "
                         "`finish_on_key`, which ends the input with no digits, expected `finish_on_key` set to "
                         "another key (or to none)", flow.pos(t.path + ("conditions", 0, "value"), value=True),
                         node=nid, severity="warning")
            continue
        if key in first:
            line = flow.pos(first[key].path)[0]
            flow.problem("duplicate-key", f"key {key} of the menu `{w.name}` is tested twice in `{s.name}` (first at "
                         f"line {line}): Studio takes the first match, so this one is never taken, expected each key "
                         "once", flow.pos(t.path + ("conditions", 0, "value"), value=True), node=nid,
                         severity="warning")
            continue
        first[key] = t
        to = flow.link(at, t)
        flow.tr.key_pos[at] = flow.pos(t.path + ("conditions", 0, "value"), value=True)
        if to is not None:
            label = _label(t)
            options[key] = {"to": to, "label": label} if label and label != key else to
    body["options"] = options
    for key, fail in (("no_match", s.on("noMatch")), ("no_input", w.on("timeout"))):
        to = flow.link(("nodes", nid, key), fail)
        if to is not None:
            body[key] = to
    again = next((k for k in ("no_input", "no_match") if body.get(k, L.HANGUP) != L.HANGUP), None)
    if again is not None:  # no retry count in Studio: a failure always goes where it is wired
        body["exhausted"] = body[again]
        flow.tr.val_pos[("nodes", nid, "exhausted")] = flow.tr.val_pos[("nodes", nid, again)]
    return body


def _items(source: Widget | Transition | None) -> list[tuple[str, Transition | None]]:
    """(outcome name, transition) of a Split (each match, then `noMatch`) or of one transition."""
    if isinstance(source, Widget):
        return [(_label(t) or _value(t), t) for t in matches(source)] + [("no match", source.on("noMatch"))]
    return [(source.event, source)] if source is not None else []


def outcomes(flow: Flow, nid: str, source: Widget | Transition | None, prefix: str,
              outs: dict[str, Any]) -> None:
    """Add the outcomes of ``source`` (see ``_items``) to ``outs``."""
    for name, t in _items(source):
        base = name = f"{prefix}{name}"
        n = 2
        while name in outs:
            name, n = f"{base} ({n})", n + 1
        to = flow.link(("nodes", nid, "outcomes", name), t)
        if to is not None:
            outs[name] = to


def gather(flow: Flow, w: Widget) -> None:
    """A Gather Input On Call widget (with the Splits merged into it)."""
    press, speech = w.on("keypress"), w.on("speech")
    digits = split_on(flow, press, w, "Digits")
    said = split_on(flow, speech, w, "SpeechResult")
    one_key = str(w.props.get("number_of_digits", 1)).strip() in ("", "1")
    keys = key_options(digits) if one_key else None
    heard: Widget | Transition | None = said or (speech if speech is not None and speech.next else None)
    for s in (digits, said):
        if s is not None:
            flow.absorbed.add(s.name)
    if digits is not None and keys is not None:
        wired = {flow.target(t) for _, t in keys} | {flow.target(digits.on("noMatch")), flow.target(w.on("timeout"))}
        if heard is None or all(flow.target(t) in wired for _, t in _items(heard)):
            flow.node(w.nid, menu(flow, w, w.nid, digits, keys), w, merged=digits.name)
            return
        keys_id = flow.fresh(f"{w.nid}.keys")
        flow.node(keys_id, menu(flow, w, keys_id, digits, keys), w, "keys", merged=digits.name)
        outs: dict[str, Any] = {"keys": keys_id}
        outcomes(flow, w.nid, heard, "said: ", outs)
        decide(flow, w, {"decide": f"does the caller press keys or speak at {w.name}?", "outcomes": outs}, ())
        return
    outs = {}
    outcomes(flow, w.nid, digits or press, "", outs)
    outcomes(flow, w.nid, heard, "said: " if (digits or press) else "", outs)
    body: dict[str, Any] = {}
    _prompt(flow, w.nid, w, body, "decide")
    body["decide"] = f"what the caller enters after: {short(body['decide'])}"
    decide(flow, w, {**body, "outcomes": outs}, ("timeout",))


def reply(flow: Flow, w: Widget) -> None:
    """Send & Wait For Reply: the customer's reply decides (with the Split on it merged)."""
    got = w.on("incomingMessage")
    s = split_on(flow, got, w, "inbound.Body")
    if s is not None:
        flow.absorbed.add(s.name)
    outs: dict[str, Any] = {}
    outcomes(flow, w.nid, s or got, "", outs)
    text = w.prop("body") or "(no message body)"
    body = {"decide": f"what the customer replies to: {short(text)}"}
    flow.text(w.nid, "decide", w, "body")
    decide(flow, w, {**body, "outcomes": outs}, ("timeout", "deliveryFailure"))


def decide(flow: Flow, w: Widget, body: dict[str, Any], failures: tuple[str, ...], *, can_fail: bool = False,
           what: str = "") -> None:
    """A decide node for widget ``w``, its error route from the ``failures`` events (``can_fail``:
    they are the platform's failures, not the caller's silence)."""
    err = flow.error_route(w, failures) if failures else None
    if err is not None:
        body["on_error"] = err
        t = next(t for t in w.transitions if t.event in failures and t.next is not None)
        flow.tr.key_pos[("nodes", w.nid, "on_error")] = flow.pos(t.path + ("event",))
        flow.tr.val_pos[("nodes", w.nid, "on_error")] = flow.pos(t.path + ("next",), value=True)
    if can_fail and knows("decide", "can_fail"):
        body["can_fail"] = True
    if not body["outcomes"]:
        body["outcomes"] = {"done": flow.end()}
    if all(t.next is None for t in w.transitions):
        body["end"] = L.END_UNWIRED
    flow.node(w.nid, body, w, what)

