"""`ivrmaze import`: platform flows written out as ivrmaze menus, and a companion file skeleton.

Each flow's translated document (the companion file already applied) becomes one YAML menu, each
node under a comment that cites the platform's own id (``Translated.notes``). A reference to
another imported flow (`external: {flow: NAME}`) becomes `external: {file: other.yaml, node: ...}`;
a flow that another imported flow calls loses its `entry`, as an ivrmaze file that is a part of
another line, so the menus are analysed as the flows were (`ivrmaze check` gives the same findings).
"""
from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from ..model import MenuFile
from ..words import safe

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][\w .-]*")
_TOP_ORDER = ("ivrmaze", "name", "timezone", "entry", "channels", "calendars", "hours", "intents")
#: the kinds a companion file can say more about, and what it can say
_COMPANION_HINTS = {"queue": "resolves, transfers, hours", "voicemail": "resolves", "callback": "resolves",
                    "menu": "prompt", "say": "prompt, resolves", "decide": "assume", "branch": "hours"}


def _comment(text: str) -> str:
    """``text`` as one safe comment line (no newline or control character can end it early)."""
    return "# " + safe(" ".join(text.split()))


def _dump(value: Any, indent: int = 0) -> str:
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    pad = " " * indent
    return "".join(pad + line + "\n" for line in text.splitlines())


def _externals(mf: MenuFile, data: dict[str, Any], out_names: Mapping[str, str], entries: Mapping[str, str]) -> None:
    """External links to other imported flows, by file; links that ivrmaze followed keep their target."""
    for nid, node in mf.nodes.items():
        body = data["nodes"].get(nid)
        ext = body.get("external") if isinstance(body, dict) else None
        if not isinstance(ext, dict) or "flow" not in ext:
            continue
        link = next((lk for lk in node.links if lk.via == "external" and lk.file in out_names), None)
        if link is None:
            continue
        target = link.node or entries.get(str(link.file))
        ext.pop("flow")
        ext["file"] = out_names[str(link.file)]
        if target is not None:
            ext["node"] = target


def menu_yaml(mf: MenuFile, out_names: Mapping[str, str], entries: Mapping[str, str], called: bool) -> str:
    """The ivrmaze menu of the platform flow ``mf`` (loaded): ``out_names`` maps each imported flow's
    path to its new file name, ``entries`` to its entry; ``called``: another imported flow calls it."""
    assert mf.document is not None
    data = copy.deepcopy(mf.document.data)
    assert isinstance(data, dict)
    _externals(mf, data, out_names, entries)
    if called:
        data.pop("entry", None)
    lines = [_comment(f"Imported by `ivrmaze import` from {mf.path} ({mf.platform}); the comments cite the "
                      "platform's ids."), ""]
    for key in [*_TOP_ORDER, *(k for k in data if k not in _TOP_ORDER and k != "nodes")]:
        if key in data:
            lines.append(_dump({key: data[key]}).rstrip("\n"))
    lines.append("nodes:")
    for nid, body in (data.get("nodes") or {}).items():
        if nid in mf.notes:
            lines.append("  " + _comment(mf.notes[nid]))
        lines.append(_dump({nid: body}, 2).rstrip("\n"))
    return "\n".join(lines) + "\n"


def _companion_names(nid: str, aliases: Mapping[str, set[str]], kind: str) -> list[str]:
    """The names a companion file best uses for a node: its platform names that people read (not an
    ARN or a path), each of a queue step (it may serve several queues), else the first; else its id."""
    names = sorted((n for n in aliases.get(nid, ()) if ":" not in n and "/" not in n and n != nid),
                   key=lambda n: (" " not in n, len(n), n))
    return (names if kind == "queue" else names[:1]) or [nid]


def _worth_saying(kind: str, body: dict[str, Any]) -> bool:
    """Whether a companion file can say something about this node that changes the analysis."""
    if kind in ("menu", "say"):
        return "audio" in body  # a recording: its text
    if kind == "decide":
        return len(body.get("outcomes") or {}) > 1  # a real choice: which one is usual
    if kind == "branch":
        return body.get("branch") == "unknown"
    return True


def companion_skeleton(flows: list[MenuFile]) -> str:
    """A companion file to fill in for the imported ``flows``: every node it can say more about, by
    its platform name, with what it could say in a comment; the hours checks whose hours are not
    in the files, as commented examples under `hours:` (named as the flow names them)."""
    nodes: list[str] = []
    hours: list[str] = []
    seen: set[str] = set()
    for mf in flows:
        assert mf.document is not None and isinstance(mf.document.data, dict)
        for nid, body in (mf.document.data.get("nodes") or {}).items():
            kind = next((k for k in _COMPANION_HINTS if isinstance(body, dict) and k in body), None)
            if kind is None or not _worth_saying(kind, body):
                continue
            for name in _companion_names(nid, mf.aliases, kind):
                if name in seen:
                    continue
                seen.add(name)
                where = _comment(f"{mf.path}: {nid} ({kind})" + ("" if kind == "branch" else
                                                                  f"; may say: {_COMPANION_HINTS[kind]}"))
                if kind == "branch":  # its hours go under `hours:`, by the name the flow gives them
                    key = name if _PLAIN_KEY.fullmatch(name) else json.dumps(name)
                    hours.append(f'#   {key}: {{mon-fri: "09:00-17:00"}}   {where}')
                else:
                    nodes.append(_dump({name: {}}, 2).rstrip("\n") + "   " + where)
    lines = [_comment("Companion file skeleton written by `ivrmaze import`: say what the flows do not hold, then "
                      "put it beside them (docs/platforms/companion.md)."),
             "ivrmaze-companion: 1", "# timezone: Europe/Brussels",
             "intents: {}   # what callers want: intent id -> description",
             "nodes:" if nodes else "nodes: {}", *nodes]
    if hours:
        lines += ["hours: {}   # opening hours the flows check, by their name there, such as:", *hours]
    return "\n".join(lines) + "\n"
