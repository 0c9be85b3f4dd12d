"""Markdown that text from a menu cannot turn into markup (the pull-request comment of `diff`).

Anything from a menu (ids, prompts, file names, messages that quote them) is shown either as a
plain word that no Markdown rule can act on, or inside a code span whose fence is longer than
any run of backticks in it: no link, image, mention, HTML, emphasis or table break can be made.
"""
from __future__ import annotations

import re

from ..words import safe

# A word no Markdown (GFM) rule reads as markup: no brackets (links, images), `<` (HTML, autolinks),
# `@` (mentions, emails), backticks, `|` (tables), backslashes, entities, `*` or `~` (emphasis,
# strike), `_` other than inside a word, no `#` before a digit (issue links, `owner/repo#1`) and
# no `www.` or `://` (bare autolinks).
_PLAIN = re.compile(r"[^\[\]<@`|\\&~*]*")
_UNSAFE_IN_WORD = re.compile(r"www\.|://|#\d|(?:^|[^0-9A-Za-z])_|_(?:$|[^0-9A-Za-z])", re.IGNORECASE)
_SPAN = re.compile(r"`([^`]*)`")


def _one_line(text: object) -> str:
    return safe(str(text).replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def code(text: object) -> str:
    """``text`` as one code span: fenced by more backticks than its longest backtick run."""
    s = _one_line(text)
    fence = "`" * (max((len(r) for r in re.findall("`+", s)), default=0) + 1)
    if s.startswith("`") or s.endswith("`") or (s.startswith(" ") and s.endswith(" ") and s.strip()):
        s = f" {s} "  # a space the renderer strips, so the content stays as it is
    return f"{fence}{s}{fence}"


def _word(word: str) -> str:
    if (_PLAIN.fullmatch(word) and not _UNSAFE_IN_WORD.search(word)) or word in ("*", "#", "~", "&", "_"):
        return word  # a lone mark (the DTMF keys `*` and `#`, a change's `~`) marks nothing
    return code(word)


def _plain(text: str) -> str:
    return " ".join(_word(w) if w else w for w in text.split(" "))


def text(message: object) -> str:
    """A message for Markdown: its own code spans (`` `main` ``) kept as code spans, every other
    word kept when plain, else put in a code span. A message with unpaired backticks is one span."""
    s = _one_line(message)
    if s.count("`") % 2:
        return code(s)
    out, pos = [], 0
    for m in _SPAN.finditer(s):
        out.append(_plain(s[pos:m.start()]))
        out.append(code(m.group(1)) if m.group(1) else "``")
        pos = m.end()
    out.append(_plain(s[pos:]))
    return "".join(out)


def cell(message: object) -> str:
    """``text`` for a table cell: `|` escaped even inside code spans, as GFM tables require."""
    return text(message).replace("|", "\\|")
