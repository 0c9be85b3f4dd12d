"""docs/platforms/twilio-studio.md cannot lie: its example gives exactly the documented output
(`python3 -m tests.docs_examples --update` rewrites it), and its table names every widget type
the reader translates."""
import re

import docs_examples as D
import pytest

from ivrmaze.load.studio_widgets import WIDGETS

PAGE = D.ROOT / "docs" / "platforms" / "twilio-studio.md"
TEXT = PAGE.read_text(encoding="utf-8")
EXAMPLES = D.examples(TEXT, "docs/platforms/twilio-studio.md")


@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda ex: f"twilio-studio.md:{ex.block.start}")
def test_the_studio_page_example_gives_the_documented_output(ex, tmp_path):
    _, got = D.run(ex, tmp_path)
    assert got == ex.shown, f"{ex.name} is stale; run `python3 -m tests.docs_examples --update` and review the diff"


def test_the_studio_page_has_an_example_with_its_findings_in_the_json():
    assert EXAMPLES and all(name.endswith(".json") for ex in EXAMPLES for name in ex.files)
    assert "announced-not-wired" in EXAMPLES[-1].shown and "10 times in a row" in EXAMPLES[-1].shown


def test_the_widget_table_names_every_widget_type_the_reader_translates():
    table = [line for line in TEXT.splitlines() if line.startswith("| `")]
    named = {w for line in table for w in re.findall(r"`([a-z0-9-]+)`", line.split("|")[1])}
    assert set(WIDGETS) | {"trigger"} <= named
