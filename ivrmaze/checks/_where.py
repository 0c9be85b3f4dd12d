"""Positions for findings: the YAML key a designer would edit."""
from __future__ import annotations


def node_pos(ctx, idx: int):
    """(file, line, column, id as written) of a node's key."""
    a = ctx.node_attr(idx)
    return a["file"], a["line"], a["column"], a["id"]


def edge_pos(ctx, e: int):
    d = ctx.static.edata[e]
    src = ctx.node_attr(int(ctx.static.src[e]))
    return d["file"], d["line"], d["column"], src["id"]


def edge_text(ctx, e: int) -> str:
    """How a designer names an edge: `main option "1"`, `billing transfer to switchboard`."""
    d = ctx.static.edata[e]
    src = ctx.node_attr(int(ctx.static.src[e]))["id"]
    dst = ctx.node_attr(int(ctx.static.dst[e]))["id"]
    if d["via"] == "options":
        return f'{src} option "{d["dtmf"]}"'
    if d["via"] == "transfers":
        return f"{src} transfer to {dst}"
    if d["via"] == "closed" and ctx.node_attr(int(ctx.static.src[e]))["kind"] == "queue":
        return f"{src} (closed) -> {dst}"
    return f"{src} {d['via']} -> {dst}"


def intent_pos(ctx, file: str, intent: str):
    mf = ctx.maze.files[file]
    p = mf.document.pos(("intents", intent))
    return file, p.line, p.column


def names(ctx, idxs, file) -> tuple[str, ...]:
    """Node ids ordered by position, those of ``file`` (as written) first, then ``file#id``."""
    ordered = sorted(idxs, key=lambda i: (ctx.node_attr(i)["file"] != file, ctx.node_attr(i)["file"],
                                          ctx.node_attr(i)["line"], ctx.node_attr(i)["column"]))
    return tuple(ctx.name(int(i), file) for i in ordered)


def listing(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def windows_text(when) -> str:
    return f" ({'; '.join(when)})" if when else ""
