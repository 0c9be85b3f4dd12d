"""The loading API of issue 10: the settings table passed in, the analyzer a Maze runs, and the
time zones a Maze states once (its reference zone, and each schedule's)."""
import dataclasses

import pytest
from conftest import MENUS

import ivrmaze
from ivrmaze import schema
from ivrmaze.checks import SETTINGS
from ivrmaze.errors import UsageError
from ivrmaze.kinds import Kind
from ivrmaze.load import load_files
from ivrmaze.maze import Maze, load

MOBISTAR = str(MENUS / "mobistar-2011.yaml")


def _with_kind(name, **changes):
    s = SETTINGS
    kinds = dict(s.kinds, **{name: Kind(name, "IVM299", "warning", "A kind a check module adds.")})
    return dataclasses.replace(s, kinds=kinds, **changes)


def test_analyze_calls_the_analyzer_the_maze_was_loaded_with():
    calls = []

    def analyzer(maze, *, at=None, config=None, chances=True):
        calls.append((maze, at, config, chances))
        return "analysed"

    maze = load(MOBISTAR, settings=SETTINGS, analyzer=analyzer)
    assert maze.analyze("Mon 10:00", chances=False) == "analysed"
    assert calls == [(maze, "Mon 10:00", None, False)]


def test_analyze_without_an_analyzer_is_a_usage_error_naming_ivrmaze_load():
    files, problems = load_files([MOBISTAR], SETTINGS)
    maze = Maze(files, problems, [MOBISTAR], analyzer=None)
    with pytest.raises(UsageError, match=r"ivrmaze\.load"):
        maze.analyze()


def test_the_maze_states_its_reference_zone_and_each_schedules_zone(tmp_path):
    (tmp_path / "a.yaml").write_text("ivrmaze: 1\ntimezone: Europe/Brussels\nentry: m\nhours: {o: {mon: \"08:00-17:00\"}}\n"
                                     "nodes:\n  m: {queue: Desk, hours: o}\n  x: {external: b.yaml}\n")
    (tmp_path / "b.yaml").write_text("ivrmaze: 1\ntimezone: Asia/Tokyo\nentry: n\nhours: {p: {tue: \"09:00-10:00\"}}\n"
                                     "nodes:\n  n: {queue: Desk, hours: p}\n")
    maze = ivrmaze.load(str(tmp_path / "a.yaml"))
    a, b = maze.files
    assert maze.timezone == "Europe/Brussels"
    assert maze.schedule_zones == {f"{a}#o": "Europe/Brussels", f"{b}#p": "Asia/Tokyo"}
    assert Maze({}, [], []).timezone == "UTC"


def test_no_names_the_analysis_kinds_of_the_settings_it_is_given(tmp_path):
    menu = tmp_path / "m.yaml"
    menu.write_text("ivrmaze: 1\nentry: m\nnodes: {m: {say: Hi}}\nexpect:\n  - absent: new-check\n  - absent: old-trap\n")
    plain = ivrmaze.load(str(menu), strict=False)
    assert [p.line for p in plain.problems] == [5, 6]
    richer = ivrmaze.load(str(menu), strict=False, settings=_with_kind("new-check", aliases={"old-trap": "trap"}))
    assert richer.problems == []
    assert [e.no for e in next(iter(richer.files.values())).expect] == ["new-check", "trap"]


def test_the_schema_names_the_kinds_and_limits_of_the_settings_it_is_given():
    s = _with_kind("new-check", limits=dict(SETTINGS.limits, max_depth=(7, "most depth")))
    built = schema.menu_schema(s)
    limits = built["properties"]["limits"]["properties"]
    assert limits["max_depth"] == {"type": "integer", "minimum": 0, "default": 7, "description": "most depth"}
    assert "new-check" in limits["checks"]["properties"]
    assert "new-check" in str(schema.expect_item_schema(s))
