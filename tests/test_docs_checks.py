"""docs/checks.md and docs/analysis.md cannot lie: every example gives exactly the documented
output, every finding kind has a section (anchor = kind name) with an example that produces
it, and every picture is drawn by a command that still works.

After a deliberate change of messages: `python3 -m tests.docs_examples --update`
(`--images` redraws the pictures)."""
import re

import docs_examples as D
import pytest

from ivrmaze.checks import KINDS

TEXT = D.DOC.read_text(encoding="utf-8")
EXAMPLES = D.examples(TEXT)
ANALYSIS_DOC = D.ROOT / "docs" / "analysis.md"
ANALYSIS = ANALYSIS_DOC.read_text(encoding="utf-8")
ANALYSIS_EXAMPLES = D.examples(ANALYSIS, "docs/analysis.md")
PICTURES = D.pictures(ANALYSIS, "docs/analysis.md")


def _id(ex):
    return f"{ex.doc.split('/')[-1]}:{ex.block.start}-{ex.heading}-{ex.command}".replace(" ", "_")


@pytest.mark.parametrize("ex", EXAMPLES + ANALYSIS_EXAMPLES, ids=[_id(e) for e in EXAMPLES + ANALYSIS_EXAMPLES])
def test_example_gives_the_documented_output(ex, tmp_path):
    code, got = D.run(ex, tmp_path)
    assert got == ex.shown, (f"{ex.name} is stale; run `python3 -m tests.docs_examples --update` and review "
                             "the diff")
    # the summary line and the exit code agree
    if ex.argv()[0] == "check" and got:
        last = got.splitlines()[-1]
        m = re.match(r"(\d+) errors?, (\d+) warnings?", last)
        if m:
            assert code == (1 if int(m.group(1)) else 0)
        else:  # loading or configuration problems
            assert code == 2


def _section(heading: str) -> list:
    return [ex for ex in EXAMPLES if ex.heading == heading]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_has_a_section_with_an_example_that_produces_it(name):
    k = KINDS[name]
    level = "###" if k.code.startswith("IVM1") else "##"
    assert re.search(rf"^{level} {re.escape(name)}$", TEXT, re.M), f"no `{level} {name}` heading in docs/checks.md"
    tag = f"[{name} {k.code}]"
    shown = [ex for ex in _section(name) if tag in ex.shown]
    assert shown, f"no example under `{level} {name}` shows a finding {tag}"


@pytest.mark.parametrize("name", sorted(n for n, k in KINDS.items() if not k.code.startswith("IVM1")))
def test_maze_kind_sections_say_why_and_how_to_fix(name):
    body = TEXT.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
    assert "**Why it matters.**" in body
    assert "**How to fix.**" in body
    assert f"**{KINDS[name].code}, " in body


def test_summary_table_lists_every_maze_kind_with_its_code_and_severity():
    for name, k in KINDS.items():
        if k.code.startswith("IVM1"):
            assert f"| {k.code} | [{name}](#{name}) |" in TEXT
        else:
            assert re.search(rf"^\| {k.code} \| \[{re.escape(name)}\]\(#{re.escape(name)}\) \| {k.severity}", TEXT,
                             re.M), name


def test_configuration_is_documented():
    for needle in (".ivrmaze.yaml", "`limits:`", "--max-options", "--max-hops", "--max-retells", "--enable",
                   "--disable", "checks: {dead-end: info}", "off by default"):
        assert needle in TEXT, needle


def test_a_stale_output_is_detected_and_rewritten(tmp_path):
    ex = next(e for e in EXAMPLES if e.heading == "too-many-options")
    broken = TEXT.replace("expected at most 5 (callers forget", "expected at most 9 (callers forget", 1)
    assert broken != TEXT
    fixed, stale = D.update(broken)
    assert [s.block.start for s in stale] == [ex.block.start]
    assert fixed == TEXT


def test_a_yaml_block_without_a_command_is_refused():
    with pytest.raises(ValueError, match="no `\\$ ivrmaze"):
        D.examples("## x\n\n```yaml\nivrmaze: 1\n```\n\n## y\n")
    # a command without yaml runs in the repository root
    (ex,) = D.examples("## x\n\n```text\n$ ivrmaze check menus/postnl.yaml\n```\n")
    assert ex.files == {}
    assert D.run(ex)[0] == 0


def test_named_blocks_go_to_their_files():
    doc = ("## x\n\n```yaml\n# .ivrmaze.yaml\nmax_hops: 1\n```\n\n```yaml\n# lines/a.yaml\nivrmaze: 1\n```\n\n"
           "```text\n$ ivrmaze check lines/a.yaml\nout\n```\n\n"
           "```text\n$ ivrmaze check lines/a.yaml --at \"Fri 16:30\"\n"
           "```\n\n```yaml\nivrmaze: 1\n```\n\n```text\n$ ivrmaze check example.yaml\n```\n")
    a, b, c = D.examples(doc)
    assert set(a.files) == {".ivrmaze.yaml", "lines/a.yaml"} and a.shown == "out"
    assert b.files == a.files and b.argv() == ["check", "lines/a.yaml", "--at", "Fri 16:30"] and b.shown == ""
    assert set(c.files) == {"example.yaml"}


@pytest.mark.parametrize("pic", PICTURES, ids=[p.image for p in PICTURES])
def test_pictures_exist_and_their_command_still_draws(pic, tmp_path):
    image = ANALYSIS_DOC.parent / pic.image
    assert image.is_file() and image.stat().st_size > 1000, f"{image} missing: python3 -m tests.docs_examples --images"
    code, out = D.draw(pic, tmp_path / "picture.dot")  # DOT needs no Graphviz and is quick
    assert code == 0, out
    assert (tmp_path / "picture.dot").read_text(encoding="utf-8").startswith("digraph")


def test_analysis_covers_the_contract():
    for needle in ("**caller**", "**agent**", "**auto**", "**failure**", "**resolves**", "**ends**", "**hop**",
                   "best_hops", "guaranteed_hops", "resolve_probability", "expected_hops", "retells",
                   "**dead end**", "**trap**", "**after-hours trap**", "holiday", "distinct state",
                   "**first file**", "standard", "A menu with no options", "worst case"):
        assert needle in ANALYSIS, needle
    # the Mobistar numbers of the issue, as worked examples
    for needle in ("**best 3**", "**guaranteed -**", "**resolves 100.0%**", "**expected 6.5**", "**retells 1**",
                   "**resolves 33.3%**"):
        assert needle in ANALYSIS, needle
    assert len(PICTURES) >= 4


def test_pictures_need_their_image_line():
    with pytest.raises(ValueError, match="must be followed"):
        D.pictures("<!-- ivrmaze render x.yaml -->\ntext\n")
    (pic,) = D.pictures("## a\n\n<!-- ivrmaze render a.yaml --at \"Mon 10:00\" -->\n![a](images/a.png)\n\n"
                        "```yaml\n# a.yaml\nivrmaze: 1\n```\n\n```text\n$ ivrmaze check a.yaml\n```\n")
    assert (pic.image, pic.line, set(pic.files)) == ("images/a.png", 3, {"a.yaml"})
