"""docs/platforms/genesys-archy.md cannot lie: its examples give exactly the documented output,
and its construct table names every construct the reader knows."""
import re

import docs_examples as D
import pytest

from ivrmaze.load import archy_actions, archy_menus

DOC = D.ROOT / "docs" / "platforms" / "genesys-archy.md"
TEXT = DOC.read_text(encoding="utf-8")
EXAMPLES = D.examples(TEXT, "docs/platforms/genesys-archy.md")


def test_the_page_has_examples():
    assert EXAMPLES and all(ex.files for ex in EXAMPLES)


@pytest.mark.parametrize("ex", EXAMPLES, ids=[f"{e.block.start}-{e.command}".replace(" ", "_") for e in EXAMPLES])
def test_example_gives_the_documented_output(ex, tmp_path):
    _, got = D.run(ex, tmp_path)
    assert got == ex.shown, "stale; run `python3 -m tests.docs_examples --update` and review the diff"


def _table_constructs():
    section = TEXT.split("## Construct by construct", 1)[1].split("\n## ", 1)[0]
    return {name for row in section.splitlines() if row.startswith("| `")
            for name in re.findall(r"`([A-Za-z]+)`", row.split("|")[1])}


def test_the_construct_table_names_every_action_and_choice_the_reader_translates():
    named = _table_constructs()
    handled = set(archy_actions._HANDLERS) | set(archy_menus._AS_ACTION) | {
        "menuJumpToMenu", "menuJumpToTask", "menuSubMenu", "menuTask", "menuRepeat", "menuDisconnect",
        "menuPreviousMenu", "playAudio", "callData", "dataTableLookup", "collectInput"}
    missing = handled - named - {"exitLoop", "loopExit", "loopNext", "transferToGroupVoicemail",
                                 "menuTransferToFlowSecure", "menuTransferToGroupVoicemail",
                                 "menuJumpToReusableTask"}  # named in the notes column
    assert not missing, f"not in the construct table: {sorted(missing)}"
    for name in ("exitLoop", "loopNext", "speechRecTerms", "repeatCount", "settingsErrorHandling"):
        assert name in TEXT
