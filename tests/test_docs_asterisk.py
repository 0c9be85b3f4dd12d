"""The examples of docs/platforms/asterisk.md give exactly the output they show (tests/docs_platforms.py)."""
import pytest
from docs_platforms import DOCS, examples, stale


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_platform_doc_examples_print_what_they_show(doc):
    assert examples(doc.read_text(encoding="utf-8")), f"{doc.name} has no example"
    assert stale(doc) == [], f"run python3 -m tests.docs_platforms --update and review the diff of {doc.name}"


def test_the_asterisk_page_shows_an_after_hours_trap_found_through_gotoiftime():
    doc = next(d for d in DOCS if d.name == "asterisk.md")
    outputs = [out for _, _, _, files, out in examples(doc.read_text(encoding="utf-8"))
               if any("GotoIfTime" in text for text in files.values())]
    assert any("[after-hours-trap IVM204]" in out and "GotoIfTime" in out for out in outputs)
