"""Words shared by every message: type names, did-you-mean, plurals, lists, paths, and text
from a menu made safe to print.

Vocabulary layer: imports nothing from ivrmaze.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable

_TYPE_NAMES: dict[type, str] = {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number",
                                bool: "true/false", type(None): "nothing (null)"}


def describe(value: object) -> str:
    """What a value is, in a designer's words: ``a mapping``, ``text``, ``a number``."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def suggest(word: object, choices: Iterable[object]) -> str:
    """`` (did you mean `x`?)`` for the closest of ``choices``, or ``""``."""
    import difflib  # start-up: difflib, only for a misspelt word

    close = difflib.get_close_matches(str(word), sorted(map(str, choices)), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def percent(p: float) -> str:
    """A probability as text: ``0.3333`` -> ``33.3%`` (one decimal; never ``0.0%`` or ``100.0%``
    for a chance that is not exactly none or certain)."""
    if 0 < p < 0.0005:
        return "<0.1%"
    if 0.9995 <= p < 1:
        return ">99.9%"
    return f"{p * 100:.1f}%"


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def listing(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def display_path(path: str) -> str:
    """Paths as the user knows them: relative to the current folder when below it."""
    ap = os.path.abspath(path)
    rel = os.path.relpath(ap)
    return ap if rel.startswith("..") else rel


# C0 and C1 controls, DEL, and the Unicode bidirectional controls (a "Trojan Source" reorders
# what a reader sees), line and paragraph separators, and lone surrogates (not encodable).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def safe(text: object) -> str:
    """``text`` with every control character, bidirectional override and lone surrogate written
    as an escape (``\\x1b``, ``\\u202e``): menu text printed to a terminal or a log can neither
    move the cursor, set a window title or clipboard, start a workflow command on a new line,
    nor reorder what a reader sees."""
    text = str(text)
    if text.isascii() and text.isprintable():  # nearly every text: nothing to escape, and no search for it
        return text
    return _UNSAFE.sub(_escape, text)


def has_unsafe(text: str) -> bool:
    """Whether ``safe(text)`` would change it."""
    return _UNSAFE.search(text) is not None
