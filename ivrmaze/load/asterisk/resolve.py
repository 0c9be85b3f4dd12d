"""Finding extensions in a dialplan: exact names, patterns (`_X.`, `_[1-5]`) and `include =>`d contexts.

Asterisk looks an extension up in the context, then in the contexts it includes, in order; an
exact name wins over a pattern, and of two patterns the more constrained first character wins
(`_[1-3]` over `_N` over `_X`), then ASCII order. `.` matches one or more characters, `!` zero
or more. The special extensions (`s`, `t`, `i`, `e`, `h`) are looked up by exact name only.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .lines import Context, Dialplan

SPECIAL = frozenset({"s", "t", "i", "e", "h", "o", "a", "T", "fax"})
_CLASS = {"X": "0-9", "Z": "1-9", "N": "2-9"}


@functools.lru_cache(maxsize=4096)
def pattern(name: str) -> tuple[re.Pattern[str], int] | None:
    """(regex, how many characters the first place matches) of an `_` pattern, or None for a plain name."""
    if not name.startswith("_") or len(name) < 2:
        return None
    out, first, i, body = [], 0, 0, name[1:]
    while i < len(body):
        c = body[i]
        size = 1
        if c.upper() in _CLASS:
            lo, hi = _CLASS[c.upper()].split("-")
            out.append(f"[{lo}-{hi}]")
            size = int(hi) - int(lo) + 1
        elif c == "[":
            end = body.find("]", i)
            end = len(body) if end < 0 else end
            chars = body[i + 1:end]
            out.append("[" + re.escape(chars).replace("\\-", "-") + "]" if chars else "(?!)")
            size = max(1, len(chars.replace("-", "")))
            i = end
        elif c == ".":
            out.append(".+")
            size = 1000
        elif c == "!":
            out.append(".*")
            size = 1000
        else:
            out.append(re.escape(c))
        first = first or size
        i += 1
    try:
        return re.compile("".join(out) + r"\Z"), first
    except re.error:
        return None


def match_here(ctx: Context, exten: str) -> str | None:
    if exten in ctx.extens:
        return exten
    if exten in SPECIAL:
        return None
    found = []
    for name in ctx.extens:
        got = pattern(name)
        if got is not None and got[0].match(exten):
            found.append((got[1], name))
    return min(found)[1] if found else None


def lookup(plan: Dialplan, context: str, exten: str) -> tuple[str, str] | None:
    """(context, extension name) that dialling ``exten`` in ``context`` reaches, or None."""
    for name, ctx in reached(plan, context, depth_first=True):
        got = match_here(ctx, exten)
        if got is not None and 1 in ctx.extens[got]:
            return name, got
    return None


def reached(plan: Dialplan, context: str, *, depth_first: bool = False) -> Iterator[tuple[str, Context]]:
    """``context`` and the contexts it includes (each once, missing ones skipped), as (name, context):
    depth first, in the order Asterisk searches them, or breadth first."""
    seen: set[str] = set()
    todo = [context]
    while todo:
        name = todo.pop(0)
        ctx = plan.contexts.get(name)
        if ctx is None or name in seen:
            continue
        seen.add(name)
        yield name, ctx
        incs = [inc for inc, _ in ctx.includes]
        if depth_first:
            todo[0:0] = incs
        else:
            todo += incs


def label_prio(plan: Dialplan, context: str, exten: str, prio: str) -> int | None:
    """The priority number of ``prio`` (a number or a label) in that extension, or None."""
    ctx = plan.contexts.get(context)
    if ctx is None:
        return None
    if prio.isdigit():
        return int(prio)
    return ctx.labels.get(exten, {}).get(prio)


def labels_of(plan: Dialplan, context: str) -> list[str]:
    """Every label of a context (for "did you mean")."""
    ctx = plan.contexts.get(context)
    return [] if ctx is None else sorted({lb for labels in ctx.labels.values() for lb in labels})
