"""`ivrmaze import` on every platform fixture (tests/fixtures/platforms/<platform>/**, where the
readers' fixtures live, and the toy platform's): checking the imported menus gives the same findings
as checking the flows (by kind, node, intent and severity: lines and labels differ by nature),
except the `companion` note, which only platform flows get, and the readers' remarks on the
platform files themselves. A folder of fixtures is one maze (its
flows call each other); a file on its own is one too."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import toy_platform
from clirun import ivrmaze

import ivrmaze as api
from ivrmaze.checks import SETTINGS
from ivrmaze.load import companion, platform, readers
from ivrmaze.load.walk import menu_paths

ROOT = Path(__file__).resolve().parent / "fixtures" / "platforms"


_SUFFIXES = (".json", ".conf", ".yaml", ".yml")


def _mazes() -> list[Path]:
    """Every folder of fixtures (each a maze), and every fixture file (a maze on its own too)."""
    if not ROOT.is_dir():
        return []
    files = [p for p in ROOT.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES]
    return sorted({p.parent for p in files} | set(files))


def _shape(findings) -> list[tuple[str, str, str, str]]:
    return sorted((f.kind, f.node or "", f.intent or "", f.severity) for f in findings if f.kind != "companion")


def _write_toy(folder: Path) -> None:
    blocks = [{"id": "m", "type": "Menu", "prompt": "Press 1 or 2.", "keys": {"1": "q", "2": "sub"}},
              {"id": "q", "type": "Queue", "queue": "Desk"},
              {"id": "sub", "type": "Flow", "flow": "${var.flows[\"Second\"]}"},
              {"id": "lost", "type": "End"}]
    (folder / "first.json").write_text(json.dumps({"toy": 1, "name": "First", "start": "m", "blocks": blocks}))
    (folder / "second.json").write_text(json.dumps({"toy": 1, "name": "Second", "start": "h", "blocks": [
        {"id": "h", "type": "Hours", "hours": "Desk hours", "open": "q", "closed": "END"},
        {"id": "q", "type": "Queue", "queue": "Desk"}]}))


def round_trip(folder: Path, tmp: Path) -> None:
    """Import the flows of ``folder`` (copied into a project at ``tmp``) and compare the findings."""
    work = tmp / "project"
    if folder.is_dir():
        shutil.copytree(folder, work / "flows")
    else:
        (work / "flows").mkdir(parents=True)
        shutil.copy(folder, work / "flows" / folder.name)
    (work / ".git").mkdir()
    os.chdir(work)
    try:
        paths, _ = menu_paths(["flows"])
    except api.UsageError:
        return
    maze = api.load(paths, strict=False)
    run = ivrmaze("import", *paths, "-o", "out")
    if not any(mf.platform for mf in maze.files.values()) or not maze.ok:
        # nothing a reader reads, or a flow that does not load: import refuses, and writes nothing
        assert run.exit_code == 2 and not (work / "out").exists()
        return
    assert run.exit_code == 0, run.output + run.stderr
    menus = sorted(str(p) for p in (work / "out").glob("*.yaml") if p.name != "ivrmaze-companion.yaml")
    imported = api.load(menus, strict=False)
    assert imported.ok, [p.message for p in imported.problems]
    # the reader's own remarks on the platform file (a dynamic target, a construct approximated) have
    # no counterpart in the menus; everything else is the same
    assert set(_shape(imported.problems)) <= set(_shape(maze.problems))
    assert _shape(imported.analyze().findings) == _shape(maze.analyze().findings)
    # the skeleton is a companion file that loads as it is (the hours to fill in are comments)
    skeleton = work / "out" / "ivrmaze-companion.yaml"
    comp, problems = companion.read(str(skeleton), str(work), SETTINGS)
    assert comp is not None and problems == [], skeleton.read_text()


@pytest.mark.parametrize("folder", _mazes() or [ROOT], ids=lambda p: str(p.relative_to(ROOT)) or "none")
def test_import_checks_the_same_on_fixtures(folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if folder == ROOT and not _mazes():  # no reader has landed its fixtures yet
        assert not any(ROOT.rglob("*.json")) if ROOT.is_dir() else True
        return
    round_trip(folder, tmp_path)


def test_import_checks_the_same_on_the_toy_platform(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "READERS", (*readers.READERS, platform.reader(toy_platform)))
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "src"
    src.mkdir()
    _write_toy(src)
    round_trip(src, tmp_path)
    assert (tmp_path / "project" / "out" / "first.yaml").is_file()  # it did run
    assert '#   Desk hours: {mon-fri: "09:00-17:00"}' in (tmp_path / "project" / "out" / "ivrmaze-companion.yaml").read_text()
