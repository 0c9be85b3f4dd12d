"""The platform readers' pages (docs/platforms/, tests/docs_examples.PLATFORM_PAGES) cannot lie: every example gives exactly the documented output
(`python3 -m tests.docs_examples --update` rewrites them), and the Amazon Connect page's table
names every action type the reader translates."""
import re

import docs_examples as D
import pytest

from ivrmaze.load import connect
from ivrmaze.load.connect_actions import TRANSLATORS

PAGES = [D.ROOT / "docs" / "platforms" / page for page in D.PLATFORM_PAGES]
EXAMPLES = [ex for page in PAGES for ex in D.examples(page.read_text(encoding="utf-8"),
                                                      str(page.relative_to(D.ROOT)))]


@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda ex: f"{ex.doc.split('/')[-1]}:{ex.block.start}")
def test_platform_page_example_gives_the_documented_output(ex, tmp_path):
    _, got = D.run(ex, tmp_path)
    assert got == ex.shown, f"{ex.name} is stale; run `python3 -m tests.docs_examples --update` and review the diff"


def test_connect_page_has_an_example_and_names_every_translated_type():
    page = (D.ROOT / "docs" / "platforms" / "amazon-connect.md").read_text(encoding="utf-8")
    assert any(ex.doc.endswith("amazon-connect.md") for ex in EXAMPLES)
    table = {m for m in re.findall(r"^\| `(\w+)`", page, re.M)} | set(re.findall(r"`(\w+)`", page))
    assert set(TRANSLATORS) | set(connect.HANDOVERS) <= table


def test_json_blocks_are_named_by_the_comment_above_them():
    text = "## x\n\n<!-- a.json -->\n```json\n{}\n```\n\n```json\n[]\n```\n\n```text\n$ ivrmaze validate a.json\n```\n"
    [ex] = D.examples(text, "x.md")
    assert ex.files == {"a.json": "{}\n", "example.json": "[]\n"}
