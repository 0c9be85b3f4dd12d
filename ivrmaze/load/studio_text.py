"""Text helpers of the Studio reader: JSON's surrogate-pair escapes, and words for widgets.

JSON writes a character beyond the Basic Multilingual Plane as two ``\\u`` escapes (an emoji in a
message is ``"\\ud83d\\ude00"`` once Python's ``json.dumps`` has written it); the project's YAML
reader refuses each half as not a character. ``join_surrogates`` rewrites each pair as the one
YAML escape of the same character (``\\U0001f600``, two characters shorter), and ``shifted``
moves the columns after it back to where the file has them.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..source import Document

_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
_SHRINK = 2  # "\uXXXX\uXXXX" (12) -> "\UXXXXXXXX" (10)

#: line -> the columns (1-based, in the rewritten text) after which the file's columns are 2 more
Joins = dict[int, list[int]]


def join_surrogates(text: str) -> tuple[str, Joins]:
    """``text`` with every surrogate-pair escape joined into one ``\\U`` escape, and where."""
    if "\\u" not in text:
        return text, {}
    joins: Joins = {}
    out: list[str] = []
    last = 0
    line, line_start, removed = 1, 0, 0
    for m in _PAIR.finditer(text):
        nl = text.count("\n", last, m.start())
        if nl:
            line += nl
            line_start = text.rfind("\n", 0, m.start()) + 1
            removed = 0
        hi, lo = int(m.group(2), 16), int(m.group(3), 16)
        code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        out.append(text[last:m.start()] + m.group(1) + f"\\U{code:08x}")
        end_col = m.end() - line_start + 1 - removed - _SHRINK  # where the rewritten escape ends
        joins.setdefault(line, []).append(end_col)
        removed += _SHRINK
        last = m.end()
    out.append(text[last:])
    return "".join(out), joins


def shifted(doc: Document, joins: Joins) -> Document:
    """``doc`` (parsed from the rewritten text) with its columns as the original file has them."""
    def fix(pos: tuple[int, int]) -> tuple[int, int]:
        cols = joins.get(pos[0])
        return pos if not cols else (pos[0], pos[1] + _SHRINK * bisect_right(cols, pos[1]))

    doc.key_pos = {p: fix(v) for p, v in doc.key_pos.items()}
    doc.val_pos = {p: fix(v) for p, v in doc.val_pos.items()}
    return doc


def condition_text(cond: dict[str, object]) -> str:
    """A Split condition as people read it: ``{{widgets.menu.Digits}} equal_to 1``."""
    args = cond.get("arguments")
    subject = " ".join(str(a) for a in args) if isinstance(args, list) and args else "the input"
    value = cond.get("value")
    kind = str(cond.get("type", "test"))
    return f"{subject} {kind}" + (f" {value}" if value not in (None, "") else "")


def short(text: object, limit: int = 80) -> str:
    """One line of at most ``limit`` characters."""
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[:limit - 1] + "…"
