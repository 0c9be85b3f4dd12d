"""The fast paths of findings on their way out against the straightforward way, on drawn findings
and lines: the text of many findings is each finding formatted by itself, a plain line's snippet
is the one escaped character by character, ``safe`` of plain text is the full search and
replace, the config's severities (looked up once per file and kind) are each finding's own, and
the findings of ``lint.check`` come in the order ``ivrmaze check`` shows them (it sorts them
again only to merge load warnings in)."""
from __future__ import annotations

import dataclasses

from conftest import random_maze
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrmaze import lint
from ivrmaze.checks import SETTINGS
from ivrmaze.config import Config
from ivrmaze.findings import Finding
from ivrmaze.formatters.text import findings_text, format_finding, snippet
from ivrmaze.testing.strategies import menus
from ivrmaze.timeline import joined
from ivrmaze.words import _UNSAFE, _escape, safe

# mostly plain ASCII, with what a snippet or a name must escape or replace: a tab, an escape, a
# bidi override, a line separator, a no-break space, an accented letter, a lone surrogate
_CHARS = st.sampled_from(["a", "b", " ", ":", "-", "#", "1", "\t", "\x1b", "\x7f", "\u202e", "\u2028", "\u00a0", "é",
                          "\ud800", "\x85"])
_TEXT = st.lists(_CHARS, max_size=12).map("".join)
_PLAIN = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7e), max_size=12)
_LINE = st.one_of(_PLAIN, _TEXT)
_FILES = ["m.yaml", "other.yaml", "bad\x1bname.yaml", "missing.yaml"]


def _plain_shown(text: str) -> str:
    text = _UNSAFE.sub(_escape, text.replace("\t", " "))
    return "".join(c if c.isprintable() else "?" for c in text)


def _plain_snippet(source_line: str, column: int) -> list[str]:
    """``snippet`` as first written: every line escaped and looked at character by character."""
    if not source_line.strip() or column < 1:
        return []
    line = source_line.rstrip("\n")
    indent = len(_plain_shown(line[:column - 1])) if column - 1 <= len(line) else column - 1
    return [f"  | {_plain_shown(line)}", f"  | {' ' * indent}^"]


@given(line=_LINE, column=st.integers(-1, 16))
def test_a_snippet_is_the_plain_one(line, column):
    assert snippet(line, column) == _plain_snippet(line, column)
    assert snippet(line + "\n", column) == _plain_snippet(line + "\n", column)


@given(text=st.one_of(_PLAIN, _TEXT, st.text(max_size=20)))
def test_safe_is_the_full_search_and_replace(text):
    assert safe(text) == _UNSAFE.sub(_escape, text)


_WHEN = st.one_of(st.none(), st.lists(st.sampled_from(["Mon-Fri 09:00-17:00", "Sat 10:00-12:00", "b\x1bad"]),
                                      min_size=1, max_size=3).map(tuple))
_FINDING = st.builds(
    Finding, kind=st.sampled_from(["reference", "dead-end"]), message=_TEXT,
    file=st.sampled_from([None, *_FILES]), line=st.integers(0, 6), column=st.integers(0, 14),
    severity=st.sampled_from(["error", "warning", "info"]), code=st.sampled_from(["IVM107", "IVM202"]), when=_WHEN)


@given(findings=st.lists(_FINDING, max_size=12), texts=st.lists(_LINE, max_size=5), color=st.booleans(),
       when_lines=st.booleans())
def test_the_text_of_findings_is_each_finding_formatted(findings, texts, color, when_lines):
    files = {"m.yaml": texts, "other.yaml": [], "bad\x1bname.yaml": texts[::-1]}
    asked: list[str] = []

    def lines_of(path):
        asked.append(path)
        return files.get(path)

    want = []
    for f in findings:
        want.append(format_finding(f, lines_of, color=color))
        if f.when and when_lines:
            want.append(f"  = when: {safe(joined(f.when))}")
    plain_asked = set(asked)
    asked.clear()
    assert findings_text(findings, lines_of, color=color, when_lines=when_lines) == "\n".join(want)
    assert set(asked) == plain_asked  # the same files read, and only those


_CHECKS = st.dictionaries(st.sampled_from(["dead-end", "honest-end", "reference"]),
                          st.one_of(st.booleans(), st.sampled_from(["error", "warning", "info"])), max_size=3)


@given(findings=st.lists(_FINDING.map(lambda f: dataclasses.replace(f, kind="honest-end") if f.line % 2 else f),
                        max_size=12),
       cli=_CHECKS, files=st.dictionaries(st.sampled_from(_FILES), _CHECKS, max_size=3),
       project=st.dictionaries(st.sampled_from(_FILES), _CHECKS, max_size=3))
def test_the_configured_severities_are_each_findings_own(findings, cli, files, project):
    config = Config({"checks": cli}, {f: {"checks": c} for f, c in files.items()},
                    {f: {"checks": c} for f, c in project.items()}, settings=SETTINGS)
    want = []
    for f in findings:
        enabled, severity = config.setting(f.file, f.kind)
        if enabled:
            want.append(f if f.severity == severity else f.with_severity(severity))
    got = config.apply(findings)
    assert got == want and [g.severity for g in got] == [w.severity for w in want]


@settings(deadline=None, max_examples=50)
@given(menu=menus(), at=st.sampled_from([None, "Sat 12:00", "Mon-Fri 09:00-17:00"]))
def test_the_findings_of_a_check_come_in_the_order_shown(tmp_path_factory, menu, at):
    maze = random_maze(tmp_path_factory, menu)
    if maze is None:
        return
    found = lint.check(maze, at, chances=False).findings
    assert list(found) == sorted(found, key=lambda f: f.sort_key)
