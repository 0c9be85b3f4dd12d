"""The example menus carry expectations, and they hold (menus/mobistar-2011.yaml stays as the
story has it; its expectations live in tests/test_expectations_eval.py and docs/testing.md)."""
import pytest
from conftest import MENUS

from ivrmaze import load
from ivrmaze.lint import evaluate

WITH_EXPECTATIONS = ["postnl.yaml", "coolblue-charging.yaml", "t-mobile.yaml", "telecom-provider.yaml",
                     "telecom-partner.yaml"]


@pytest.mark.parametrize("name", WITH_EXPECTATIONS)
def test_expectations_hold(name):
    maze = load(MENUS / name)
    [mf] = [mf for mf in maze.files.values() if mf.path.endswith(name)]
    assert {e.family for e in mf.expect} >= {"journey", "bounds"}
    assert [f.message for f in evaluate(maze) if f.file == mf.path] == []


def test_a_broken_menu_breaks_its_expectations(tmp_path):
    text = (MENUS / "postnl.yaml").read_text().replace("closed: callback-request", "closed: main")
    (tmp_path / "postnl.yaml").write_text(text)
    found = evaluate(load(tmp_path / "postnl.yaml"))
    assert found and all(f.kind == "expectation" for f in found)
    assert any("closed teams offer a callback" in f.message for f in found)
