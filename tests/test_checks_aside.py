"""A big maze's checks on two cores (ivrmaze/checks/_aside.py): the same findings in the same
order as one process gives, a check that fails aside fails here as it would, and Ctrl-C leaves
no process behind."""
from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest
import yaml

from benchmarks import generate
from ivrmaze.analysis import computed
from ivrmaze.checks import SETTINGS, _aside, run_checks, trap
from ivrmaze.config import Config
from ivrmaze.lint import load


@pytest.fixture(scope="module")
def maze_and_results(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, computed.Computed]:
    folder: Path = tmp_path_factory.mktemp("maze")
    for name, doc in generate.generate(3000, seed=11, per_file=1000).items():
        (folder / name).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    maze = load([str(folder)])
    assert not maze.problems
    return maze, computed.compute(maze, chances=False)


def _findings(maze: object, results: computed.Computed) -> list[object]:
    return run_checks(results, Config.for_maze(maze, settings=SETTINGS))


def test_the_checks_run_aside_give_what_one_process_gives(maze_and_results, monkeypatch) -> None:
    maze, results = maze_and_results
    monkeypatch.setattr(_aside, "ASIDE_NODES", 10**12)
    alone = _findings(maze, results)
    monkeypatch.setattr(_aside, "ASIDE_NODES", 0)
    calls: list[int] = []
    split = _aside.run_split
    monkeypatch.setattr(_aside, "run_split", lambda checks, run: calls.append(1) or split(checks, run))
    together = _findings(maze, results)
    assert calls, "the checks did not go to two processes: the test did not exercise it"
    assert {f.kind for f in alone} >= {"dead-end", "after-hours-trap"}  # both sides found something
    assert together == alone


def test_a_check_that_fails_aside_fails_here(maze_and_results, monkeypatch) -> None:
    maze, results = maze_and_results
    monkeypatch.setattr(_aside, "ASIDE_NODES", 0)

    def broken(ctx: object) -> list[object]:
        raise ZeroDivisionError("a bug in a check")

    monkeypatch.setattr(trap, "check", broken)
    with pytest.raises(ZeroDivisionError):
        _findings(maze, results)
    assert not multiprocessing.active_children()


def test_ctrl_c_ends_the_child(maze_and_results, monkeypatch) -> None:
    maze, results = maze_and_results
    monkeypatch.setattr(_aside, "ASIDE_NODES", 0)
    from ivrmaze.checks import dead_end  # run here, while the child runs the trap check

    def interrupted(ctx: object) -> list[object]:
        assert multiprocessing.active_children(), "no child runs the checks aside"
        raise KeyboardInterrupt

    def slow(ctx: object) -> list[object]:
        time.sleep(60)
        return []

    monkeypatch.setattr(dead_end, "check", interrupted)
    monkeypatch.setattr(trap, "check", slow)
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        _findings(maze, results)
    assert time.monotonic() - start < 10  # the child was ended, not waited for
    assert not multiprocessing.active_children()
