"""Golden DOT for the example menus: the drawing of each phone line in menus/, without findings
(so a change in the analysis does not move them; the overlays have tests of their own).

Regenerate after an intended change with:  IVRMAZE_REGEN_GOLDEN=1 python -m pytest tests/test_render_golden.py
"""
from __future__ import annotations

import os

import pytest
from conftest import MENUS, ROOT

import ivrmaze
from ivrmaze.render import build_scene, to_dot

GOLDEN = ROOT / "tests" / "golden"
LINES = sorted(p.name for p in MENUS.glob("*.yaml"))


@pytest.mark.parametrize("name", LINES)
def test_golden_dot(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the drawing are as given: menus/<name>
    maze = ivrmaze.load(f"menus/{name}")
    source = to_dot(build_scene(maze))
    golden = GOLDEN / (name.rsplit(".", 1)[0] + ".dot")
    if os.environ.get("IVRMAZE_REGEN_GOLDEN"):
        golden.write_text(source, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run with IVRMAZE_REGEN_GOLDEN=1 to write it"
    expected = golden.read_text(encoding="utf-8")
    assert source == expected, (f"the drawing of menus/{name} changed; if that is intended, run "
                                "IVRMAZE_REGEN_GOLDEN=1 python -m pytest tests/test_render_golden.py and review "
                                "the diff of tests/golden/")
