"""The Studio fixtures give exactly their golden outputs (``python3 -m tests.golden_studio`` to
regenerate): findings at the widgets' lines and columns in the JSON, whatever the command."""
import pytest
from golden_studio import CASES, FOLDER, GOLDEN, golden_output


@pytest.mark.parametrize("name", sorted(CASES))
def test_studio_fixture_gives_its_golden_output(name):
    out = GOLDEN / f"{name}.out"
    assert out.exists(), f"no {out.name}; run python3 -m tests.golden_studio"
    assert golden_output(name) == out.read_text(encoding="utf-8")


def test_every_fixture_has_a_golden_case():
    named = {a for args in CASES.values() for a in args}
    assert {p.name for p in FOLDER.iterdir()} <= named


def test_the_goldens_hold_findings_in_the_json_files():
    text = (GOLDEN / "support.out").read_text(encoding="utf-8")
    assert "support.json:431:9: warning: menu `support_menu` (gather-input-on-call) announces key #" in text
    assert "[endless-reprompt IVM218]" in text and "10 times in a row" in text
    broken = (GOLDEN / "broken.out").read_text(encoding="utf-8")
    assert broken.startswith("exit 2\n") and "did you mean `support_queue`" in broken
