"""formatters.text: findings as linter text; snippets safe, and only from the maze's menus."""
import pytest

from ivrmaze.findings import Finding
from ivrmaze.formatters.text import format_finding, snippet
from ivrmaze.words import percent


def test_snippet_puts_the_caret_under_the_column():
    assert snippet("    nxt: main\n", 5) == ["  |     nxt: main", "  |     ^"]
    assert snippet("\tnxt: main", 2) == ["  |  nxt: main", "  |  ^"]
    assert snippet("   ", 1) == [] and snippet("x", 0) == []


def test_snippet_escapes_and_keeps_the_caret_aligned():
    line, caret = snippet("a\u202eb: \x1bx", 6)
    assert line == "  | a\\u202eb: \\x1bx"
    assert caret.index("^") == line.index("\\x1b")
    assert snippet("a\u00a0b", 3) == ["  | a?b", "  |   ^"]  # other unprintable characters as before


def test_format_finding_escapes_file_and_message():
    f = Finding("reference", "goes to `a\x1b]0;x\x07`", "m\n.yaml", 0, 0)
    assert format_finding(f, lambda _path: None) == "m\\x0a.yaml: error: goes to `a\\x1b]0;x\\x07` [reference IVM107]"


@pytest.mark.parametrize("p, text", [(1 / 3, "33.3%"), (2 / 3, "66.7%"), (0.5, "50.0%"), (0.0, "0.0%"), (1.0, "100.0%"),
                                     (0.0001, "<0.1%"), (0.9999, ">99.9%"), (0.0005, "0.1%")])
def test_a_probability_reads_as_a_percentage_with_one_decimal(p, text):
    assert percent(p) == text
