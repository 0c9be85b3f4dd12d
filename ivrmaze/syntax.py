"""PyYAML's syntax errors, said for menu designers: where the mistake is, and what was expected.

PyYAML reports in parser terms (``expected <block end>, but found '<block mapping start>'``)
and often at the end of the file. This module turns an error into (message, line, column):
a known mistake gets its own words, an unfinished quote or bracket is reported where it
starts, and "expected X, but found Y" becomes "found Y, expected X" in plain words.
"""
from __future__ import annotations

import re

import yaml

#: Known mistakes: (words in PyYAML's problem or context, our message; `{}` is PyYAML's problem).
KNOWN = (
    ("but found another document", "a second YAML document starts here, expected one menu per file"),
    ("while scanning an alias", "`*` starts an alias in YAML, expected the star key in quotes: `\"*\": target`"),
    ("found character '\\t'", "a tab, expected spaces for indentation"),
    ("mapping values are not allowed here", "{}, expected one `key: value` per line (quote text that contains `: `)"),
    ("found undefined alias", "{}, expected an anchor (`&name`) defined earlier in the file"),
    ("cannot start any token", "{}, expected text in quotes"),
)

#: Things left open at the end of the file: context -> (what, what closes it).
UNFINISHED = {
    "while scanning a quoted scalar": ("the quoted text that starts here is not closed", "a closing quote"),
    "while parsing a flow mapping": ("the `{` that starts here is not closed", "a closing `}`"),
    "while parsing a flow sequence": ("the `[` that starts here is not closed", "a closing `]`"),
}

#: PyYAML's token names in plain words.
TOKENS = {
    "<block end>": "the end of the indented block",
    "'<block mapping start>'": "a mapping indented differently",
    "'<block sequence start>'": "a list indented differently",
    "'<block end>'": "the end of the indented block",
    "'<stream end>'": "the end of the file",
    "'?'": "a key",
    "'-'": "a list item (`-`)",
    "'<scalar>'": "a value",
    "'<anchor>'": "an anchor (`&name`)",
    "'<tag>'": "a tag (`!name`)",
    "'<document start>'": "a new document (`---`)",
}

_EXPECTED_FOUND = re.compile(r"^expected (.+?), but (?:found|got) (.+)$")


def _words(token: str) -> str:
    return TOKENS.get(token.strip(), token.strip())


def describe(e: yaml.MarkedYAMLError, text: str) -> tuple[str, int, int]:
    """(message, line, column) of a PyYAML error in ``text``; line and column are 1-based."""
    problem = (e.problem or str(e)).strip()
    context = (e.context or "").strip()
    mark = e.problem_mark or e.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    for words, message in KNOWN:
        if words in problem or words in context:
            return f"invalid YAML: {message.format(problem)}", line, column
    cm = e.context_mark
    lines = text.splitlines()
    at_end = mark is not None and (mark.line >= len(lines) or not lines[mark.line].strip())
    if cm is not None and context and at_end:  # report where the unfinished thing starts
        what, closer = UNFINISHED.get(context, (f"{context} that starts here, the file ends", "the rest of it"))
        return f"invalid YAML: {what}, expected {closer}", cm.line + 1, cm.column + 1
    m = _EXPECTED_FOUND.match(problem)
    if m:
        problem, expected = f"found {_words(m.group(2))}", _words(m.group(1))
    else:
        expected = "valid YAML"
    if cm is not None and context and mark is not None and cm.line != mark.line:
        problem += f" ({context} that starts at line {cm.line + 1})"
    elif context:
        problem += f" ({context})"
    hint = "; check the indentation" if "block" in context else ""
    return f"invalid YAML: {problem}, expected {expected}{hint}", line, column


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting lines as ``str.splitlines`` does."""
    lines = text[:index].splitlines(keepends=True)
    if not lines or lines[-1].splitlines()[0] != lines[-1]:  # at the start of a line
        return len(lines) + 1, 1
    return len(lines), len(lines[-1]) + 1
