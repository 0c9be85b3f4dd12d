"""`ivrmaze render`, `review` and `demo` on the command line: formats, errors and exit codes."""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
from clirun import ivrmaze
from conftest import MENUS
from dotparse import parse
from render_support import require_dot

import ivrmaze.render.dot as dotmod

MOBISTAR = str(MENUS / "mobistar-2011.yaml")


def test_render_dot_without_graphviz(tmp_path, monkeypatch):
    monkeypatch.setattr(dotmod.shutil, "which", lambda name: None)
    out = tmp_path / "m.dot"
    r = ivrmaze("render", MOBISTAR, "-o", out)
    assert r.exit_code == 0, r.output + r.stderr
    assert "wrote" in r.output
    g = parse(out.read_text(encoding="utf-8"))
    assert any(n.endswith("__switchboard") for n in g.nodes)


@pytest.mark.parametrize("ext", ["svg", "png", "pdf"])
def test_other_formats_need_graphviz(tmp_path, monkeypatch, ext):
    monkeypatch.setattr(dotmod.shutil, "which", lambda name: None)
    out = tmp_path / f"m.{ext}"
    r = ivrmaze("render", MOBISTAR, "-o", out)
    assert r.exit_code == 2
    assert "Graphviz's `dot` is not installed" in r.stderr and "apt-get install graphviz" in r.stderr
    assert "Traceback" not in r.stderr + r.output
    assert not out.exists()


def test_render_svg_and_png(tmp_path):
    require_dot()
    svg = tmp_path / "m.svg"
    r = ivrmaze("render", MOBISTAR, "-o", svg, "--at", "Fri 16:30", "--intent", "invoice")
    assert r.exit_code == 0, r.output + r.stderr
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    titles = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert any(t.startswith("switchboard (queue)") for t in titles)  # tooltips are the full node story
    png = tmp_path / "m.png"
    assert ivrmaze("render", MOBISTAR, "-o", png, "--no-failures").exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    out = tmp_path / "diagram.out"
    assert ivrmaze("render", MOBISTAR, "-o", out, "--format", "svg").exit_code == 0
    assert out.read_bytes().lstrip().startswith(b"<?xml")


def test_unknown_extension_needs_format(tmp_path):
    r = ivrmaze("render", MOBISTAR, "-o", tmp_path / "m.jpeg")
    assert r.exit_code == 2 and "cannot tell the format" in r.stderr


@pytest.mark.parametrize("name", ["menu.yaml", "menu.YML"])
def test_never_writes_over_yaml(tmp_path, name):
    target = tmp_path / name
    target.write_text("keep me", encoding="utf-8")
    for cmd in ("render", "review"):
        r = ivrmaze(cmd, MOBISTAR, "-o", target)
        assert r.exit_code == 2 and "never writes over menu files" in r.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


def test_never_writes_over_an_input_file(tmp_path):
    src = tmp_path / "line.dot"  # a menu file with an odd name is still an input
    shutil.copy(MOBISTAR, src)
    r = ivrmaze("render", src, "-o", src)
    assert r.exit_code == 2 and "one of the menu files being read" in r.stderr
    assert src.read_text(encoding="utf-8").startswith("#")


def test_unknown_intent_and_focus(tmp_path):
    r = ivrmaze("render", MOBISTAR, "-o", tmp_path / "m.dot", "--intent", "invoices")
    assert r.exit_code == 2 and "did you mean `invoice`" in r.stderr
    r = ivrmaze("render", MOBISTAR, "-o", tmp_path / "m.dot", "--focus", "swichboard")
    assert r.exit_code == 2 and "did you mean `switchboard`" in r.stderr
    r = ivrmaze("render", MOBISTAR, "-o", tmp_path / "m.dot", "--at", "Fry 16:30")
    assert r.exit_code == 2 and "invalid day" in r.stderr
    r = ivrmaze("review", MOBISTAR, "-o", tmp_path / "r.html", "--intent", "nope")
    assert r.exit_code == 2 and "no intent `nope`" in r.stderr


def test_focus_and_depth(tmp_path):
    out = tmp_path / "f.dot"
    r = ivrmaze("render", MOBISTAR, "-o", out, "--focus", "facilities", "--depth", "1", "--no-legend")
    assert r.exit_code == 0
    ids = {n.rpartition("__")[2] for n in parse(out.read_text(encoding="utf-8")).nodes}
    assert ids == {"facilities", "switchboard", "security", "main"}


def test_files_with_problems_are_not_drawn(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("ivrmaze: 1\nentry: a\nnodes:\n  a: {say: hi, next: nowhere}\n", encoding="utf-8")
    r = ivrmaze("render", bad, "-o", tmp_path / "bad.dot")
    assert r.exit_code == 2 and "fix them first" in r.stderr and "nowhere" in r.stderr
    assert not (tmp_path / "bad.dot").exists()


def test_review_writes_one_file(tmp_path):
    require_dot()
    out = tmp_path / "review.html"
    r = ivrmaze("review", MOBISTAR, "-o", out)
    assert r.exit_code == 0, r.output + r.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text
    assert list(tmp_path.iterdir()) == [out]


def test_review_at_one_instant(tmp_path):
    require_dot()
    out = tmp_path / "fri.html"
    r = ivrmaze("review", MOBISTAR, "-o", out, "--at", "Fri 16:30", "--intent", "remove-container")
    assert r.exit_code == 0, r.output + r.stderr
    text = out.read_text(encoding="utf-8")
    assert "One instant: Fri 16:30." in text and '<option value="-1" selected>Fri 16:30 only</option>' in text
    assert "Review: Mobistar customer line, January 2011 at Fri 16:30" in text


@pytest.mark.parametrize("at, says", [("Fry 16:30", "invalid day 'Fry'"), ("Fri 16:60", "invalid time"),
                                      ("2011-13-25", "invalid date"), ("tomorrow", "expected now, an instant")])
def test_review_bad_at_is_a_usage_error(tmp_path, at, says):
    out = tmp_path / "r.html"
    r = ivrmaze("review", MOBISTAR, "-o", out, "--at", at)
    assert r.exit_code == 2 and says in r.stderr and "--at" in r.stderr
    assert "Traceback" not in r.stderr and not out.exists()


def test_bad_at_as_a_process_has_no_traceback(tmp_path):
    import os
    import subprocess
    import sys
    root = MENUS.parent
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for args in (["review", MOBISTAR, "-o", str(tmp_path / "r.html")], ["diff", MOBISTAR, MOBISTAR]):
        p = subprocess.run([sys.executable, "-m", "ivrmaze", *args, "--at", "Fry 16:30"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=60)
        assert p.returncode == 2 and "Invalid value for --at: invalid day 'Fry'" in p.stderr, p.stderr
        assert "Traceback" not in p.stderr and p.stdout == ""


def test_demo_writes_diagrams_and_pages(tmp_path):
    require_dot()
    menus = tmp_path / "menus"
    menus.mkdir()
    shutil.copy(MOBISTAR, menus)
    out = tmp_path / "out"
    r = ivrmaze("demo", menus, "-o", out)
    assert r.exit_code == 0, r.output + r.stderr  # findings exist, but it is a demo
    assert "after-hours-trap" in r.output  # the check's findings are printed
    for ext in ("svg", "png", "html"):
        assert (out / f"mobistar-2011.{ext}").stat().st_size > 1000
        assert str(out / f"mobistar-2011.{ext}") in r.output


def test_missing_tools_fail_under_ci_and_skip_elsewhere(monkeypatch):
    import _pytest.outcomes
    import render_support
    monkeypatch.setattr(render_support.shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(_pytest.outcomes.Failed, match="must run, not skip"):
        render_support.require_dot()
    with pytest.raises(_pytest.outcomes.Failed, match="apt-get install chromium"):
        render_support.require_browser()
    monkeypatch.delenv("CI")
    with pytest.raises(_pytest.outcomes.Skipped, match="apt-get install graphviz"):
        render_support.require_dot()
