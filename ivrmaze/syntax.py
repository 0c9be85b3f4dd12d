"""PyYAML's syntax errors, said for menu designers: where the mistake is, and what was expected.

PyYAML reports in parser terms (``expected <block end>, but found '<block mapping start>'``)
and often at the end of the file. This module turns an error into (message, line, column):
a known mistake gets its own words, an unfinished quote or bracket is reported where it
starts (also when a later quote closes it: the line with the unclosed quote, not where the
parser stumbles), an over-indented key as such, and "expected X, but found Y" becomes
"found Y, expected X" in plain words.
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
#: The text before the colon of a line that is a lone key: its indentation and the key.
_LONE_KEY = re.compile(r"^( *)([\w.\-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*$")
_KEY_OF = re.compile(r"^( *)(?:- +)*([\w.\-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*:(?:[ \t]|$)")


def _words(token: str) -> str:
    return TOKENS.get(token.strip(), token.strip())


def unclosed_quote(text: str, mark: yaml.Mark) -> tuple[str, int, int] | None:
    """When the parser stumbles just after a quoted text that runs over several lines, the quote
    that opens it was most likely never closed on its own line: (message, line, column) there."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if not isinstance(last, yaml.ScalarToken) or last.style not in ('"', "'"):
        return None
    start, end = last.start_mark, last.end_mark
    if start.line == end.line or end.line != mark.line:
        return None
    quote = "a closing quote" if last.style == '"' else "a closing `'`"
    return (f"invalid YAML: the quoted text that starts here is not closed on its line (a quote on line "
            f"{end.line + 1} closes it), expected {quote}", start.line + 1, start.column + 1)


def over_indented(text: str, mark: yaml.Mark) -> tuple[str, int, int] | None:
    """A ``key:`` indented more than the ``key: value`` line above it (PyYAML: "mapping values are
    not allowed here"): (message, line, column) at the key, or None for another mistake."""
    lines = text.splitlines()
    if mark.line >= len(lines):
        return None
    here = _LONE_KEY.match(lines[mark.line][:mark.column])
    above = next((ln for ln in reversed(lines[:mark.line]) if ln.strip() and not ln.lstrip().startswith("#")), "")
    prev = _KEY_OF.match(above)
    indent = len(above) - len(above.lstrip(" -"))  # where the key above starts, after any `- `
    if here is None or prev is None or len(here.group(1)) <= indent:
        return None
    key, other = here.group(2), prev.group(2)
    return (f"invalid YAML: `{key}:` is indented more than `{other}:` above it, expected it in line with "
            f"`{other}:` ({indent} spaces; if it is text, put the whole text in quotes)",
            mark.line + 1, len(here.group(1)) + 1)


def describe(e: yaml.MarkedYAMLError, text: str) -> tuple[str, int, int]:
    """(message, line, column) of a PyYAML error in ``text``; line and column are 1-based."""
    problem = (e.problem or str(e)).strip()
    context = (e.context or "").strip()
    mark = e.problem_mark or e.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    found = None
    if mark is not None and "mapping values are not allowed" in problem:
        found = over_indented(text, mark)
    elif mark is not None and "while parsing" in context:
        found = unclosed_quote(text, mark)
    if found is not None:
        return found
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
