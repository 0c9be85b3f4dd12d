"""Genesys Cloud Architect flows in Archy YAML -> ivrmaze documents (docs/platforms/genesys-archy.md).

An Archy file holds one flow: ``inboundCall:`` (or ``inboundChat:``, ``inboundEmail:``,
``inboundShortMessage:``) with its ``startUpRef``, ``menus`` and ``tasks``. Each menu becomes a
``menu`` node (id: its refId, slugged), each action of a task a node (``task.action``), and a
task is where its first action is; the positions are those of the menu, choice and action keys
in the Archy file. Deploy-time placeholders (``{{name}}``) are read as opaque text
(``archy_text``).
"""
from __future__ import annotations

import os

from ..errors import SourceError
from ..findings import Finding
from ..language import HANGUP
from ..source import Path, decode
from ..words import display_path, safe
from .archy_actions import NO_NODE, PASS_THROUGH, Actions
from .archy_build import Build, Scope
from .archy_menus import Menus
from .archy_text import parse_archy
from .archy_values import audio, mapping, number, reference, scalar
from .menu_file import duplicate_message
from .platform import Context, Translated
from .sniff import FLOW_TYPES
from .sniff import archy as looks_like  # noqa: F401 (the reader's test: platform.reader)

PLATFORM = "genesys-archy"
#: Stands for the flow's error route until it is known (it may be a task that uses it).
_ERROR = "\x00error-route"


def translate(path: str, raw: bytes, ctx: Context) -> Translated:
    """The Archy flow in ``raw`` (the file ``path``) as an ivrmaze document with positions."""
    text = decode(raw)
    parsed = parse_archy(path, text, ctx.vars)
    doc = parsed.doc
    tr = Translated(PLATFORM, {"ivrmaze": 1, "nodes": {}}, placeholders=parsed.placeholders)
    for kp, first, second in doc.duplicates:
        tr.problems.append(Finding("duplicate-key", safe(duplicate_message(kp, first)), display_path(path), second.line,
                                   second.column))
    root = mapping(doc.data)
    key = next((k for k in FLOW_TYPES if k in root), None)
    if key is None or not isinstance(root[key], dict):
        raise SourceError("missing-key", f"an Archy flow file holds one flow, `{FLOW_TYPES[0]}:` (or "
                          f"{', '.join(f'`{t}:`' for t in FLOW_TYPES[1:])}) with its menus and tasks, "
                          "expected that mapping", *doc.pos((key,) if key else ()))
    b = Build(doc, tr, (key,))
    _flow(b, path)
    return tr


def _flow(b: Build, path: str) -> None:
    flow = mapping(b.get(b.flow))
    name = scalar(flow.get("name"))
    tr = b.tr
    tr.data["name"] = name or os.path.basename(path)
    tr.names = {n for n in (name, os.path.splitext(os.path.basename(path))[0]) if n}
    tr.key_pos[("name",)] = b.at((*b.flow, "name"))
    tr.key_pos[("nodes",)] = tr.key_pos[()] = b.at(b.flow)
    b.index("menu", (*b.flow, "menus"))
    b.index("task", (*b.flow, "tasks"))
    b.repeat = max(1, _repeat(b, (*b.flow, "settingsMenu")) or 3)
    b.error_route = _ERROR
    actions = Actions(b, lambda p: entry(b, actions, menus, p))
    menus = Menus(b, actions)
    start = _start(b, actions, menus)
    for item_path in list(b.menus.values()) + list(b.tasks.values()):
        entry(b, actions, menus, item_path)
    _error_handling(b, actions)
    greeting = (*b.flow, "initialGreeting")
    if b.get(greeting) is not None and start is not None:
        text, recording = audio(b.get(greeting))
        gid = b.reserve(greeting, "initialGreeting")
        say = text if text is not None else f"(recording {recording})" if recording else "(initial greeting)"
        start = b.add(gid, {"say": say, "next": start}, greeting, "initialGreeting", {"next": (*b.flow, "startUpRef")})
    if start is not None:
        tr.data["entry"] = start
        b.place(("entry",), (*b.flow, "startUpRef"))
    # in the order of the file, as `ivrmaze import` writes them
    tr.data["nodes"] = dict(sorted(b.nodes.items(), key=lambda kv: tr.key_pos[("nodes", kv[0])]))


def _repeat(b: Build, settings: Path) -> int | None:
    return number(b.get((*settings, "repeatCount")))


def _start(b: Build, actions: Actions, menus: Menus) -> str | None:
    """Where calls start (``startUpRef``), or None with a positioned problem."""
    ref_path = (*b.flow, "startUpRef")
    if b.get(ref_path) is None:
        b.problem("missing-key", f"`{b.flow[0]}` has no `startUpRef`, expected the menu or task where calls start, "
                  "such as `startUpRef: /inboundCall/menus/menu[Main Menu]`", b.flow)
        return None
    kind = (reference(b.get(ref_path)) or ("menu", ""))[0]
    return b.target_of(ref_path, kind, lambda p: entry(b, actions, menus, p))


def entry(b: Build, actions: Actions, menus: Menus, path: Path) -> str:
    """The node of the menu or task at ``path`` (translated on first use)."""
    if path in b.ids:
        return b.ids[path]
    if path[-1] == "menu":
        return menus.menu(path, Scope(""))
    if path in b.busy:
        return _busy_entry(b, path)
    b.busy.add(path)
    try:
        nid = actions.sequence((*path, "actions"), Scope(b.base_id(path, "task")), HANGUP)
    finally:
        b.busy.discard(path)
    b.ids[path] = nid
    body = mapping(b.get(path))
    if tuple(b.owner.get(nid, ()))[: len(path)] == tuple(path):  # its own first action, not a jump's target
        b.tr.aliases.setdefault(nid, set()).update(str(body[k]) for k in ("refId", "name") if scalar(body.get(k)))
        what = f"task '{scalar(body.get('name')) or nid}', {b.labels.get(nid, 'its first action')}"
        b.tr.labels[nid] = safe(f"`{nid}` ({what})")
        ref = f" (refId {body['refId']})" if scalar(body.get("refId")) else ""
        b.tr.notes[nid] = safe(f"Archy task '{scalar(body.get('name')) or nid}'{ref}, {b.labels.get(nid, '')}")
    return nid


def _busy_entry(b: Build, path: Path) -> str:
    """A task's first node while the task is being translated (a jump back to its own start)."""
    items = b.get((*path, "actions"))
    for i, item in enumerate(items if isinstance(items, list) else []):
        kind = next(iter(mapping(item)), None)
        if kind in PASS_THROUGH:
            continue
        apath = (*path, "actions", i, kind)
        if kind not in NO_NODE and apath in b.reserved:
            return b.reserved[apath]
        if kind == "disconnect":
            return HANGUP
        b.problem("reference", "this task starts by jumping back to itself, which Genesys repeats until the "
                  "10,000-action limit ends the call, expected an action before the jump", apath)
        return HANGUP
    return HANGUP


def _error_handling(b: Build, actions: Actions) -> None:
    """The flow's error route (``settingsErrorHandling``): its pre-handling audio, then a disconnect,
    a jump to a menu or task, or a transfer to a queue; Genesys's default is a disconnect."""
    base = (*b.flow, "settingsErrorHandling")
    handling = mapping(b.get((*base, "errorHandling")))
    kind = next(iter(handling), "disconnect")
    hpath = (*base, "errorHandling", kind)
    route = HANGUP
    if kind in ("jumpToMenu", "jumpToTask"):
        route = actions.jump(hpath, "error handling", Scope("errorHandling"), HANGUP)
    elif kind == "transferToAcd":
        b.reserve(hpath, "errorHandling.transfer")
        route = actions.transfer(hpath, "error handling", Scope("errorHandling"), HANGUP)
    used = any(node.get("on_error") == _ERROR for node in b.nodes.values())
    if used and b.get((*base, "preHandlingAudio")) is not None:
        text, recording = audio(b.get((*base, "preHandlingAudio")))
        say = text if text is not None else f"(recording {recording})" if recording else "(error audio)"
        nid = b.reserve(base, "errorHandling")
        route = b.add(nid, {"say": say, "next": route}, base, "settingsErrorHandling", {"next": hpath})
    b.error_route = route
    for node in b.nodes.values():
        if node.get("on_error") == _ERROR:
            node["on_error"] = route
