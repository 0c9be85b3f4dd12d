"""Inline directives in a menu file's comments, in the style of yamllint's ``# yamllint
disable-line`` and flake8's ``# noqa``.

``# ivrmaze: disable=dead-end`` (or ``disable=dead-end,trap``) at the end of a line disables
those kinds for findings on that line; on a line of its own, for findings on the next line.
``# ivrmaze: disable-file=dead-end`` on a line of its own before the first key disables them
for the whole file. Comments are not in the YAML data, so they are read here from the file's
text, with their positions; which words name a kind is for the caller to decide.

Reading layer: imports nothing from ivrmaze but the vocabulary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .words import safe, suggest

#: The directive words.
DISABLE = "disable"
DISABLE_FILE = "disable-file"

# a `#` that starts a comment (at the start of the line or after a blank), then `ivrmaze:`
_DIRECTIVE = re.compile(r"(?:^|(?<=\s))#\s*ivrmaze\s*:\s*(?P<body>.*?)\s*$")
_VERB = re.compile(r"(?P<verb>[\w-]+)\s*(?:=\s*(?P<words>.*))?$")
_WORD = re.compile(r"[^,\s]+")


@dataclass(frozen=True)
class Word:
    """A kind name as written in a directive, with its 1-based position."""

    text: str
    line: int
    column: int


@dataclass
class Directives:
    """The directives of one file: ``lines`` (line of the findings -> the words of the kinds
    disabled there), ``file`` (the words of the kinds disabled in the whole file) and
    ``problems`` ((line, column, message) of every directive that cannot be read)."""

    lines: dict[int, list[Word]] = field(default_factory=dict)
    file: list[Word] = field(default_factory=list)
    problems: list[tuple[int, int, str]] = field(default_factory=list)

    def words(self) -> list[Word]:
        return [*self.file, *(w for ws in self.lines.values() for w in ws)]


def _is_key_line(stripped: str) -> bool:
    """Whether a line holds YAML content (not blank, not a comment, not a document marker)."""
    return bool(stripped) and not stripped.startswith(("#", "---", "%"))


def read(text: str) -> Directives:
    """The ``# ivrmaze:`` directives of a file's text."""
    out = Directives()
    if "ivrmaze" not in text:
        return out
    seen_key = False
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        m = _DIRECTIVE.search(line)
        own_line = stripped.startswith("#")
        if m is not None and not (own_line and not stripped.startswith(m.group(0).strip())):
            _one(out, n, m, own_line=own_line, seen_key=seen_key)
        seen_key = seen_key or _is_key_line(stripped)
    return out


def _one(out: Directives, n: int, m: re.Match[str], *, own_line: bool, seen_key: bool) -> None:
    body = m.group("body")
    col = m.start("body") + 1
    v = _VERB.match(body)
    verb = v.group("verb") if v else body
    if v is None or verb not in (DISABLE, DISABLE_FILE):
        hint = suggest(safe(verb), (DISABLE, DISABLE_FILE))
        out.problems.append((n, col, f"`# ivrmaze: {safe(body)}` is not a directive{hint}, "
                             "expected `# ivrmaze: disable=KIND` or `# ivrmaze: disable-file=KIND`"))
        return
    words_at = m.start("body") + (v.start("words") if v.group("words") is not None else len(body))
    words = [Word(w.group(0), n, words_at + w.start() + 1) for w in _WORD.finditer(v.group("words") or "")]
    if not words:
        out.problems.append((n, col, f"`# ivrmaze: {verb}` names no kind, expected `{verb}=KIND` "
                             "(several separated by commas)"))
    elif verb == DISABLE_FILE and (seen_key or not own_line):
        out.problems.append((n, col, f"`# ivrmaze: {DISABLE_FILE}` stands after the first key, expected it "
                             "on a line of its own at the top of the file, before any key"))
    elif verb == DISABLE_FILE:
        out.file += words
    else:
        out.lines.setdefault(n + 1 if own_line else n, []).extend(words)
