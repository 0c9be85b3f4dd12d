"""A toy platform reader, to test the platform foundation before (and besides) the real readers.

A toy flow is JSON: ``{"toy": 1, "name": ..., "start": id, "blocks": [{"id", "type", ...}]}`` with
block types ``Menu`` (``prompt``, ``keys``: key -> id, ``audio``), ``Say`` (``text``, ``next``),
``Queue`` (``queue``: its name), ``Hours`` (``hours``: the platform's name of the hours,
``open``, ``closed``), ``Flow`` (``flow``: a reference to another flow) and ``End``. It follows the
reader contract of ivrmaze/load/platform.py: positions in the toy file, labels, aliases, notes.
"""
from __future__ import annotations

import os
from typing import Any

from ivrmaze.errors import SourceError
from ivrmaze.findings import Finding
from ivrmaze.load import platform
from ivrmaze.source import decode, parse

PLATFORM = "toy"


def looks_like(path: str, raw: bytes) -> bool:
    return path.endswith(".json") and b'"toy"' in raw[:200]


def _target(value: object) -> str:
    return "hangup" if value in (None, "", "END") else str(value)


def _block(b: dict[str, Any], tr: platform.Translated, key_pos: dict, i: int) -> dict[str, Any] | None:
    kind = b.get("type")
    if kind == "Menu":
        body: dict[str, Any] = {"menu": b.get("prompt") or "(recorded prompt)",
                                "options": {str(k): _target(v) for k, v in b.get("keys", {}).items()}}
        for k in b.get("keys", {}):
            tr.key_pos[("nodes", str(b["id"]), "options", str(k))] = key_pos.get(("blocks", i, "keys", k), (1, 1))
        if "audio" in b:
            body["audio"] = b["audio"]
        return body
    if kind == "Say":
        return {"say": b.get("text", ""), "next": _target(b.get("next"))}
    if kind == "Queue":
        tr.aliases.setdefault(b["id"], set()).add(b["queue"])
        return {"queue": b["queue"]}
    if kind == "Hours":
        tr.aliases.setdefault(b["id"], set()).add(b["hours"])
        return {"branch": "unknown", "open": _target(b.get("open")), "closed": _target(b.get("closed"))}
    if kind == "Flow":
        name = platform.flow_ref(str(b.get("flow", "")))
        return {"external": {"flow": name}} if name else {"say": "dynamic flow", "next": "hangup"}
    if kind == "End":
        return {"say": b.get("text", "Goodbye."), "next": "hangup"}
    return None


def translate(path: str, raw: bytes, ctx: platform.Context) -> platform.Translated:
    shown = os.path.relpath(path)
    tr = platform.Translated(PLATFORM, {"ivrmaze": 1, "nodes": {}})
    try:
        doc = parse(path, decode(raw))
    except SourceError as e:
        tr.problems.append(Finding(e.kind, e.message, shown, e.line, e.column))
        return tr
    data = doc.data if isinstance(doc.data, dict) else {}
    stem = os.path.splitext(os.path.basename(path))[0]
    tr.names = {str(data.get("name", stem)), stem}
    tr.data["name"] = str(data.get("name", stem))
    tr.data["entry"] = ctx.entry or _target(data.get("start"))  # --entry, or the companion's for this flow
    tr.key_pos[("entry",)] = doc.key_pos.get(("start",), (1, 1))
    for i, b in enumerate(data.get("blocks", [])):
        bid = str(b["id"])
        body = _block(b, tr, doc.key_pos, i)
        if body is None:
            tr.problems.append(Finding("type", f"unknown toy block type {b.get('type')!r}", shown,
                                       *doc.key_pos.get(("blocks", i, "type"), (1, 1))))
            continue
        tr.data["nodes"][bid] = body
        tr.key_pos[("nodes", bid)] = doc.key_pos.get(("blocks", i, "id"), (1, 1))
        tr.labels[bid] = f"`{bid[:4]}…` ({b['type']})"
        tr.notes[bid] = f"toy block {bid} ({b['type']})"
        tr.aliases.setdefault(bid, set()).add(f"full:{bid}")
    for name in ctx.vars:
        tr.placeholders.setdefault(name, (1, 1))
    if "greeting" in data:
        tr.data["nodes"]["greeting"] = {"say": str(data["greeting"]).replace("{{who}}", ctx.vars.get("who", "?")),
                                        "next": tr.data["entry"]}
        tr.data["entry"] = "greeting"
    return tr
