"""The linter (ivrmaze.lint): what `check` reports, the per-state cache, and a light `import ivrmaze`."""
import json
import subprocess
import sys

import pytest
from clirun import ivrmaze as run_cli
from conftest import MENUS, ROOT

import ivrmaze
from ivrmaze import lint
from ivrmaze.analyses import Analyses
from ivrmaze.checks import SETTINGS
from ivrmaze.config import Config
from ivrmaze.simulator import simulate
from ivrmaze.timeline import parse_at

FAILING = """
expect:
  - {intent: invoice, at: "Sat 20:00", best_hops: {max: 0}, note: closed on Saturday evening}
  - {at: "Fri 16:30", keys: ["3"], intent: remove-container, resolves: true}
  - {absent: trap}
"""


@pytest.fixture(scope="module")
def failing(tmp_path_factory):
    path = tmp_path_factory.mktemp("lint") / "mobistar.yaml"
    path.write_text((MENUS / "mobistar-2011.yaml").read_text() + FAILING)
    return path


@pytest.mark.parametrize("at", [None, "Fri 16:30"])
def test_check_is_what_the_check_command_reports(failing, at):
    args = ["check", failing, "--format", "json"] + (["--at", at] if at else [])
    shown = json.loads(run_cli(*args).output)
    maze = ivrmaze.load(failing)
    result = lint.check(maze, at, Config.for_maze(maze, settings=SETTINGS))
    assert any(f.kind == "expectation" for f in result.findings)
    assert {**result.to_dict(), "baseline": None} == shown  # check adds the baseline it ran with: none


def test_check_without_expectations_is_lint():
    maze = ivrmaze.load(MENUS / "postnl.yaml", strict=False)
    assert lint.check(maze) == lint.lint(maze)
    assert lint.evaluate(ivrmaze.load(MENUS / "mobistar-2011.yaml")) == []


def test_maze_analyze_is_lint():
    maze = ivrmaze.load(MENUS / "mobistar-2011.yaml")
    assert maze.analyze(at="Mon 10:00").to_dict() == lint.lint(maze, "Mon 10:00").to_dict()


def test_analyses_run_once_per_distinct_state():
    maze = ivrmaze.load(MENUS / "mobistar-2011.yaml")
    runs = []

    def run(instant):
        runs.append(instant)
        return lint.lint(maze, instant)

    cache = Analyses(maze, run)
    first = cache.at(parse_at("Mon 10:00"))
    assert cache.at(parse_at("Tue 11:00")) is first  # the same schedules are open: the same analysis
    assert cache.at(parse_at("Sat 20:00")) is not first
    assert cache.whole() is cache.whole()
    assert [i.text if i else None for i in runs] == ["Mon 10:00", "Sat 20:00", None]
    route = cache.best_route(parse_at("Mon 10:00"), "menus/mobistar-2011.yaml", "phone", "remove-container")
    assert [q.split("#")[1] for q in route] == ["welcome", "main", "switchboard", "facilities"]


def test_the_simulator_asks_its_best_route_function():
    maze = ivrmaze.load(MENUS / "mobistar-2011.yaml")
    asked = []

    def best_route(at, file, entry, intent):
        asked.append((at.label(), file, entry, intent))
        return ()

    simulate(maze, ["3"], at=parse_at("Mon 10:00"), intent="remove-container", best_route=best_route)
    assert asked == [("Mon 10:00", "menus/mobistar-2011.yaml", "phone", "remove-container")]


def test_import_ivrmaze_leaves_out_scipy_and_networkx():
    code = "import sys, ivrmaze; print(sorted(m for m in ('scipy', 'networkx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
