"""Issue 14, point 4: a random maze written as a dialplan (tests/dialplan_writer.py) reads back to
the same findings as the maze itself (by kind, severity, node, intent and times)."""
from __future__ import annotations

import os
import pathlib
import tempfile

import yaml
from dialplan_writer import dialplan, entry, mazes, node_id
from hypothesis import given, settings

import ivrmaze as api
from ivrmaze.lint import check

#: What only platform files get (the reader's own notes), not the maze's findings.
_PLATFORM_ONLY = {"companion"}


def _findings(path: pathlib.Path, rename=lambda n: n, enter: str | None = None) -> list[tuple]:
    maze = api.load([str(path)], strict=False, entry=enter)
    assert not [p for p in maze.problems if p.severity == "error"], maze.problems
    found = list(maze.problems) + list(check(maze, chances=False).findings)
    return sorted((f.kind, f.severity, rename(f.node) if f.node else "", f.intent or "", f.when or ())
                  for f in found if f.kind not in _PLATFORM_ONLY)


def compare(maze: dict) -> tuple[list[tuple], list[tuple]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        (folder / ".git").mkdir()
        (folder / "maze.yaml").write_text(yaml.safe_dump(maze, sort_keys=False))
        (folder / "maze.conf").write_text(dialplan(maze))
        old = os.getcwd()
        os.chdir(folder)
        try:
            return _findings(folder / "maze.yaml", node_id), _findings(folder / "maze.conf", enter=entry(maze))
        finally:
            os.chdir(old)


@settings(max_examples=40)
@given(mazes())
def test_a_maze_written_as_a_dialplan_gives_the_same_findings(maze):
    original, read_back = compare(maze)
    assert read_back == original
