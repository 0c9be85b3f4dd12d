"""The platform fixtures give exactly their golden `ivrmaze check` outputs (tests/platform_golden.py;
regenerate with ``python3 -m tests.platform_golden`` after a deliberate change)."""
import json

import pytest
from platform_golden import PLATFORMS, cases, golden, output


@pytest.mark.parametrize(("folder", "fmt"), cases(), ids=lambda c: getattr(c, "name", c))
def test_platform_fixtures_give_their_golden_output(folder, fmt):
    want = golden(folder, fmt)
    assert want.exists(), f"no {want.name}; run python3 -m tests.platform_golden"
    _, text = output(folder, fmt)
    assert text == want.read_text(encoding="utf-8")


def test_archy_findings_land_in_the_archy_files_with_their_platform():
    _, text = output(PLATFORMS / "archy", "json")
    doc = json.loads(text)
    mine = [f for f in doc["findings"] if f["file"] in ("main-line.yaml", "agent-transfer.yaml")]
    assert mine and all(f["line"] > 0 and f.get("platform") == "genesys-archy" for f in mine if f["node"])
    assert {"wired-not-announced", "missing-error-route", "dead-end"} <= {f["kind"] for f in mine}


def test_archy_dangling_references_stop_the_analysis_at_the_reference():
    code, text = output(PLATFORMS / "archy-errors", "txt")
    assert code == 2
    assert "dangling.yaml:24:30: error: `targetMenuRef` goes to the menu `Main Menu_11`" in text
    assert "not-yaml.yaml:8:18: error: invalid YAML" in text
