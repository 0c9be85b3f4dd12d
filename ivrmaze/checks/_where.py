"""Positions for findings: the YAML key a designer would edit."""
from __future__ import annotations

from collections.abc import Iterable

from .context import CheckContext

Where = tuple[str, int, int, str]  # file, line, column, node id as written


def node_pos(ctx: CheckContext, idx: int) -> Where:
    """(file, line, column, id as written) of a node's key."""
    a = ctx.node_attr(idx)
    return a["file"], a["line"], a["column"], a["id"]


def edge_pos(ctx: CheckContext, e: int) -> Where:
    """(file, line, column, source node id) of an edge's key."""
    edata = ctx.static.edata
    where = getattr(edata, "where", None)  # graph.EdgeList's: without making the attribute dict
    file, line, column = where(e) if where is not None else (edata[e]["file"], edata[e]["line"], edata[e]["column"])
    return file, line, column, ctx.node_attr(int(ctx.static.src[e]))["id"]


def edge_text(ctx: CheckContext, e: int) -> str:
    """How a designer names an edge: `main option "1"`, `billing transfer to switchboard`."""
    d = ctx.static.edata[e]
    src = ctx.node_attr(int(ctx.static.src[e]))["id"]
    dst = ctx.node_attr(int(ctx.static.dst[e]))["id"]
    if d["via"] == "options":
        return f'{src} option "{d["dtmf"]}"'
    if d["via"] == "transfers":
        return f"{src} transfer to {dst}"
    if d["via"] == "outcomes":
        return f'{src} outcome "{d["label"]}" -> {dst}'
    if d["via"] == "on_error":
        return f"{src} on error -> {dst}"
    if d["via"] == "closed" and ctx.node_attr(int(ctx.static.src[e]))["kind"] == "queue":
        return f"{src} (closed) -> {dst}"
    return f"{src} {d['via']} -> {dst}"


def intent_pos(ctx: CheckContext, file: str, intent: str) -> tuple[str, int, int]:
    """(file, line, column) of an intent's key under `intents:`."""
    p = ctx.maze.files[file].document.pos(("intents", intent))
    return file, p.line, p.column


def names(ctx: CheckContext, idxs: Iterable[int], file: str) -> tuple[str, ...]:
    """Node ids ordered by position, those of ``file`` (as written) first, then ``file#id``."""
    def key(i: int) -> tuple[bool, str, int, int]:
        a = ctx.node_attr(i)
        return a["file"] != file, a["file"], a["line"], a["column"]

    return tuple(ctx.name(int(i), file) for i in sorted(idxs, key=key))


def channel(entry: str) -> str:
    """How a message names a line's entry: nothing for the phone line, else ` (channel x)`."""
    return "" if entry == "phone" else f" (channel {entry})"
