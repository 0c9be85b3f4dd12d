"""`# ivrmaze: disable=KIND` / `disable-file=KIND` comment directives and the `end: intended`
node field (issue 11: findings never contradict each other)."""
from __future__ import annotations

import pytest

import ivrmaze
from ivrmaze.directives import Word, read
from ivrmaze.errors import MazeLoadError

MENU = """\
ivrmaze: 1
entry: main
intents:
  invoice: A question about an invoice
nodes:
  main:
    menu: For invoices press 1.
    options:
      "1": billing
    exhausted: goodbye
  billing:
    queue: Billing
    resolves: [invoice]
  goodbye:{goodbye}
    say: Sorry, we did not understand you. Goodbye.
  old:
    queue: Old team
    resolves: [invoice]
"""


def lint(tmp_path, text, **kw):
    p = tmp_path / "example.yaml"
    p.write_text(text, encoding="utf-8")
    return [(f.kind, f.severity, f.line, f.column, f.node) for f in ivrmaze.load(str(p)).analyze(**kw).findings]


def test_without_directives_both_findings(tmp_path):
    assert lint(tmp_path, MENU.format(goodbye="")) == [
        ("dead-end", "warning", 14, 3, "goodbye"), ("unreachable", "warning", 16, 3, "old")]


@pytest.mark.parametrize("comment", ["  # ivrmaze: disable=dead-end", "  #ivrmaze:disable=IVM202",
                                     "  # ivrmaze: disable=unreachable, dead-end"])
def test_a_directive_at_the_end_of_the_line_drops_that_kind_there(tmp_path, comment):
    assert lint(tmp_path, MENU.format(goodbye=comment)) == [("unreachable", "warning", 16, 3, "old")]


def test_a_directive_for_another_kind_drops_nothing(tmp_path):
    assert [k for k, *_ in lint(tmp_path, MENU.format(goodbye="  # ivrmaze: disable=trap"))] == [
        "dead-end", "unreachable"]


def test_a_directive_on_a_line_of_its_own_applies_to_the_next_line(tmp_path):
    text = MENU.format(goodbye="").replace("  old:\n", "  # ivrmaze: disable=unreachable\n  old:\n")
    assert lint(tmp_path, text) == [("dead-end", "warning", 14, 3, "goodbye")]


def test_disable_file_at_the_top_drops_the_kind_in_the_whole_file(tmp_path):
    text = "# a comment first is fine\n# ivrmaze: disable-file=dead-end,unreachable\n" + MENU.format(goodbye="")
    assert lint(tmp_path, text) == []


def test_disable_file_after_a_key_is_a_positioned_warning_and_disables_nothing(tmp_path):
    text = MENU.format(goodbye="").replace("nodes:\n", "nodes:\n# ivrmaze: disable-file=dead-end\n")
    found = lint(tmp_path, text)
    assert ("directive", "warning", 6, 12, None) in found
    assert "dead-end" in [k for k, *_ in found]


def test_an_unknown_kind_is_a_positioned_warning_with_a_suggestion(tmp_path):
    p = tmp_path / "example.yaml"
    p.write_text(MENU.format(goodbye="  # ivrmaze: disable=dead-ends"), encoding="utf-8")
    found = [f for f in ivrmaze.load(str(p)).analyze().findings if f.kind == "directive"]
    assert [(f.line, f.column, f.severity, f.code) for f in found] == [(14, 32, "warning", "IVM213")]
    assert "`dead-ends`" in found[0].message and "(did you mean `dead-end`?)" in found[0].message


def test_directive_text_is_printed_safely(tmp_path):
    p = tmp_path / "example.yaml"
    p.write_text(MENU.format(goodbye="  # ivrmaze: disable=\u202ex"), encoding="utf-8")
    found = [f for f in ivrmaze.load(str(p)).analyze().findings if f.kind == "directive"]
    assert found and "\u202e" not in found[0].message and "\\u202e" in found[0].message


def test_directives_hold_at_an_instant_too(tmp_path):
    assert lint(tmp_path, MENU.format(goodbye="  # ivrmaze: disable=dead-end"), at="Mon 10:00") == [
        ("unreachable", "warning", 16, 3, "old")]


def test_read_gives_positions():
    d = read("# ivrmaze: disable-file=a, b\nx: 1  # ivrmaze: disable=c\n# ivrmaze: disable=d\ny: 2\n")
    assert d.file == [Word("a", 1, 25), Word("b", 1, 28)]
    assert d.lines == {2: [Word("c", 2, 26)], 4: [Word("d", 3, 20)]}
    assert d.problems == []


@pytest.mark.parametrize("text, words", [
    ("x: 1  # ivrmaze: disabel=c\n", "(did you mean `disable`?)"),
    ("x: 1  # ivrmaze: disable\n", "names no kind"),
    ("x: 1  # ivrmaze: disable-file=c\n", "before any key"),
])
def test_read_reports_what_it_cannot_read(text, words):
    (problem,) = read(text).problems
    assert problem[:2] == (1, 18) and words in problem[2]


def test_end_intended_turns_a_dead_end_into_an_honest_end(tmp_path):
    text = MENU.format(goodbye="").replace("Goodbye.\n", "Goodbye.\n    end: intended\n")
    assert lint(tmp_path, text) == [("unreachable", "warning", 17, 3, "old")]
    p = tmp_path / "example.yaml"
    found = ivrmaze.load(str(p)).analyze(config=None)
    assert "honest-end" not in {f.kind for f in found.findings}  # off by default


def test_end_with_another_value_is_a_positioned_error(tmp_path):
    p = tmp_path / "example.yaml"
    p.write_text(MENU.format(goodbye="").replace("Goodbye.\n", "Goodbye.\n    end: intendd\n"), encoding="utf-8")
    with pytest.raises(MazeLoadError) as e:
        ivrmaze.load(str(p))
    (f,) = e.value.problems
    assert (f.kind, f.line, f.column) == ("type", 16, 10)
    assert "(did you mean `intended`?)" in f.message and "expected `intended`" in f.message
