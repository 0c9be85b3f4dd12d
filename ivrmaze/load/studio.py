"""Twilio Studio flows: a flow definition (JSON) -> an ivrmaze document with positions in the JSON.

A Studio flow is a list of widgets (``states``), each with a ``name``, a ``type``, its
``properties`` and its ``transitions`` (event -> ``next`` widget); ``initial_state`` names the
Trigger, whose events are the ways in. The REST API's Flow resource holds the same definition
under ``definition``. The widgets become nodes (``studio_widgets``; a Gather and the Split that
tests its ``Digits`` become one menu, ``studio_inputs``), named by the widget's name, each at
the position of its ``name`` key, each link at its ``next`` value.

A JavaScript module that exports a flow (``module.exports = {...}``) is recognised but not read:
it is code, its object is JSON only by chance, and what it exports may be changed by the code
that imports it before it is deployed. The reader says so at the export, and asks for the
definition as JSON (what the Studio REST API and the console's "Export to JSON" give).
"""
from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from ..errors import SourceError
from ..findings import Finding
from ..source import Document, Path, decode, document
from ..words import display_path, safe
from .platform import Context, Translated
from .sniff import JS_SUFFIXES
from .sniff import studio as looks_like  # noqa: F401 (the reader's test: platform.reader)
from .studio_graph import Flow, Transition, Widget
from .studio_text import join_surrogates, shifted
from .studio_widgets import build

PLATFORM = "twilio-studio"

_JS_EXPORT = re.compile(r"\b(?:module\.exports|exports\.[A-Za-z_$][\w$]*|export\s+default)\s*=?")
#: Studio's own placeholder for a new flow's description: not a name.
_DEFAULT_DESCRIPTION = "A New Flow"
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _problem(tr: Translated, path: str, kind: str, message: str, pos: tuple[int, int], **kw: Any) -> None:
    tr.problems.append(Finding(kind, safe(message), display_path(path), pos[0], pos[1], **kw))


def _javascript(tr: Translated, path: str, text: str) -> None:
    m = _JS_EXPORT.search(text)
    at = m.start() if m else 0
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    _problem(tr, path, "file", "a JavaScript module that exports a Studio flow is code, not a flow definition, "
             "expected the flow as JSON (the Studio REST API's `definition`, or the console's Export to JSON)",
             (line, column))


def _parse(tr: Translated, path: str, raw: bytes) -> Document | None:
    try:
        text, joins = join_surrogates(decode(raw))
        doc = document(path, text.encode("utf-8"))
    except SourceError as e:
        message = e.message.replace("invalid YAML: ", "the flow is not valid JSON: ", 1)
        if e.kind == "syntax" and message == e.message:
            message = f"the flow is not valid JSON: {message}"
        _problem(tr, path, e.kind, message, (e.line or 1, e.column or 1))
        return None
    if joins:
        doc = shifted(doc, joins)
    for kp, first, second in doc.duplicates:
        _problem(tr, path, "duplicate-key", f"key `{kp[-1]}` is given twice in `{'.'.join(map(str, kp[:-1]))}` "
                 f"(first at line {first.line}), expected each key once (JSON readers keep only the last)",
                 second)
    return doc


def _definition(tr: Translated, path: str, doc: Document) -> tuple[dict[str, Any], Path] | None:
    """The flow definition and its path in the file: ``()``, ``("definition",)`` (a Flow resource) or
    ``(0, "definition")`` (the Twilio CLI's list of one Flow)."""
    data: Any = doc.data
    at: Path = ()
    if isinstance(data, list) and len(data) == 1:  # the Twilio CLI writes the fetched Flow in a list
        data, at = data[0], (0,)
    if isinstance(data, dict) and "states" not in data and isinstance(data.get("definition"), dict):
        tr.names |= {str(data[k]) for k in ("sid", "friendly_name") if isinstance(data.get(k), str)}
        if isinstance(data.get("friendly_name"), str):
            tr.data["name"] = data["friendly_name"]
        return data["definition"], at + ("definition",)
    if isinstance(data, dict) and isinstance(data.get("states"), list):
        return data, at
    where: Path = at + (("definition",) if isinstance(data, dict) and "definition" in data else ())
    _problem(tr, path, "type", "the file holds no list of widgets, expected a Studio flow definition: a JSON object "
             "with `states` (the widgets) and `initial_state`", doc.pos(where, value=True))
    return None


def _widgets(tr: Translated, path: str, doc: Document, states: list[Any], at: Path) -> dict[str, Widget]:
    """The widgets by name (a widget without a usable name or type is reported and left out)."""
    out: dict[str, Widget] = {}
    for i, st in enumerate(states):
        sp = at + ("states", i)
        if not isinstance(st, dict) or not isinstance(st.get("name"), str) or not isinstance(st.get("type"), str):
            missing = "a mapping" if not isinstance(st, dict) else ("`name`" if not isinstance(st.get("name"), str)
                                                                   else "`type`")
            _problem(tr, path, "type", f"widget {i + 1} of `states` has no {missing} as text, expected a widget "
                     "with a `name`, a `type` and its `transitions`", doc.pos(sp))
            continue
        name = st["name"]
        if name in out:
            first = doc.pos(out[name].path + ("name",))
            _problem(tr, path, "duplicate-key", f"widget name `{name}` is used twice (first at line {first.line}), "
                     "expected each widget to have its own name", doc.pos(sp + ("name",)))
            continue
        props: dict[str, Any] = st["properties"] if isinstance(st.get("properties"), dict) else {}
        out[name] = Widget(name, st["type"], props, _transitions(tr, path, doc, st, sp), sp)
    return out


def _transitions(tr: Translated, path: str, doc: Document, st: dict[str, Any], sp: Path) -> list[Transition]:
    raw = st.get("transitions", [])
    if not isinstance(raw, list):
        _problem(tr, path, "type", f"`transitions` of widget `{st['name']}` is not a list, expected a list of "
                 "`{event, next}`", doc.pos(sp + ("transitions",), value=True))
        return []
    out = []
    for j, t in enumerate(raw):
        tp = sp + ("transitions", j)
        if not isinstance(t, dict) or not isinstance(t.get("event"), str):
            _problem(tr, path, "type", f"transition {j + 1} of widget `{st['name']}` has no `event`, expected "
                     "`{\"event\": ..., \"next\": widget}`", doc.pos(tp))
            continue
        nxt = t.get("next")
        if nxt is not None and not isinstance(nxt, str):
            _problem(tr, path, "type", f"`next` of transition `{t['event']}` of widget `{st['name']}` is not a "
                     "widget name, expected the name of a widget as text", doc.pos(tp + ("next",), value=True))
            nxt = None
        conds: list[Any] = t["conditions"] if isinstance(t.get("conditions"), list) else []
        out.append(Transition(t["event"], nxt or None, tp, [c for c in conds if isinstance(c, dict)]))
    return out


def _placeholders(tr: Translated, doc: Document) -> None:
    for p, v in doc.val_pos.items():
        value = _at(doc.data, p)
        if isinstance(value, str) and "${" in value:
            for m in _PLACEHOLDER.finditer(value):
                tr.placeholders.setdefault(m.group(1), v)


def _at(data: Any, p: Path) -> Any:
    for k in p:
        data = data[k]
    return data


def translate(path: str, raw: bytes, ctx: Context) -> Translated:
    """The Studio flow in ``raw`` as an ivrmaze document (see the module docstring); an empty
    ``data`` when the file cannot be read as a flow (``problems`` say why)."""
    tr = Translated(PLATFORM, {})
    if not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and path.lower().endswith(JS_SUFFIXES):
        _javascript(tr, path, raw.decode("utf-8", "replace"))
        return tr
    doc = _parse(tr, path, raw)
    found = _definition(tr, path, doc) if doc is not None else None
    if doc is None or found is None:
        return tr
    definition, at = found
    tr.names.add(PurePath(path).stem)
    desc = definition.get("description")
    if "name" not in tr.data and isinstance(desc, str) and desc.strip() and desc != _DEFAULT_DESCRIPTION:
        tr.data["name"] = desc
    _placeholders(tr, doc)
    widgets = _widgets(tr, path, doc, definition["states"], at)
    flow = Flow(tr, display_path(path), doc, widgets, ctx.vars)
    build(flow, definition.get("initial_state"), at + ("initial_state",))
    return tr
