"""Config reads the settings table as data: the kinds and limits it validates against come from
the check modules (or any table given), and a renamed kind's old name still works in
.ivrmaze.yaml, a `limits:` block and the command line (``--enable``/``--disable``)."""
from __future__ import annotations

import dataclasses
import pathlib
import subprocess
import sys
import types
from typing import Any

import pytest
import yaml

import ivrmaze
from ivrmaze import checks
from ivrmaze.checks import dead_end
from ivrmaze.config import Config, Settings, check_limits_block, read_config_file
from ivrmaze.findings import Finding
from ivrmaze.graph import finding_nodes
from ivrmaze.kinds import BASE, EXPECTATION, LOADING, Kind
from ivrmaze.lint import lint as analyze

CASES = pathlib.Path(__file__).parent / "cases" / "checks"


class Reporter:
    def __init__(self) -> None:
        self.problems: list[tuple[str, str, tuple[Any, ...], bool]] = []

    def report(self, kind: str, message: str, path: tuple[Any, ...] = (), *, value: bool = False) -> None:
        self.problems.append((kind, message, path, value))


def renamed_table() -> Settings:
    """The checks' table, with dead-end renamed from `dead-stop` (its old name)."""
    renamed = types.SimpleNamespace(KINDS=(dataclasses.replace(dead_end.KIND, aliases=("dead-stop",)),
                                           dead_end.HONEST_END), LIMITS=dead_end.LIMITS)
    return checks.settings_of([renamed if c is dead_end else c for c in checks.CHECKS])


def test_the_tables_are_built_from_the_check_modules():
    assert list(checks.KINDS) == [k.name for k in sorted(checks.KINDS.values(), key=lambda k: k.code)]
    assert [k.name for k in checks.KINDS.values() if k.code.startswith("IVM1")] == list(LOADING)
    assert checks.KINDS["expectation"] is EXPECTATION
    maze_kinds = {k.name: k for c in checks.CHECKS for k in checks.kinds_of(c)}
    assert {n: k for n, k in checks.KINDS.items() if n not in BASE} == maze_kinds
    assert checks.LIMITS == {"max_options": 5, "max_hops": 5, "max_retells": 1}
    assert all(set(k.limits) <= set(checks.LIMITS) for k in checks.KINDS.values())
    assert {name for k in checks.KINDS.values() for name in k.limits} == set(checks.LIMITS)
    assert checks.ALIASES == {}
    assert checks.SETTINGS.kinds == checks.KINDS


def test_a_table_with_an_alias():
    table = renamed_table()
    assert table.aliases == {"dead-stop": "dead-end"}
    assert table.kinds["dead-end"].code == "IVM202"  # a renamed kind keeps its code


def test_a_name_or_code_given_twice_is_refused():
    twin = types.SimpleNamespace(KIND=Kind("dead-end", "IVM299", "warning", "twice"), LIMITS={})
    with pytest.raises(ValueError, match="dead-end"):
        checks.settings_of([*checks.CHECKS, twin])
    stolen = types.SimpleNamespace(KIND=Kind("dead-stop", "IVM202", "warning", "an old code"), LIMITS={})
    with pytest.raises(ValueError, match="IVM202"):
        checks.settings_of([*checks.CHECKS, stolen])


def test_an_old_name_works_in_a_limits_block():
    rep = Reporter()
    got = check_limits_block({"checks": {"dead-stop": "info"}}, ("limits",), rep, renamed_table())
    assert (got, rep.problems) == ({"checks": {"dead-end": "info"}}, [])
    rep = Reporter()  # without the alias, the old name is unknown
    check_limits_block({"checks": {"dead-stop": "info"}}, ("limits",), rep, checks.SETTINGS)
    assert rep.problems == [("config", "unknown check `dead-stop`, expected a finding kind from docs/checks.md", ("limits", "checks", "dead-stop"), False)]


def test_limits_are_validated_against_the_table_given():
    table = Settings(BASE, {}, {"max_depth": (3, "most menus deep")})
    rep = Reporter()
    assert check_limits_block({"max_depth": 2, "max_hops": 4}, (), rep, table) == {"max_depth": 2}
    assert rep.problems == [("config", "unknown limit `max_hops`, expected one of checks, max_depth", ("max_hops",), False)]
    assert Config(settings=table).limit("x.yaml", "max_depth") == 3
    assert Config({"max_depth": 1}, settings=table).limit("x.yaml", "max_depth") == 1


def test_an_old_name_works_in_ivrmaze_yaml(tmp_path):
    cfg = tmp_path / ".ivrmaze.yaml"
    cfg.write_text("checks:\n  dead-stop: false\n", encoding="utf-8")
    assert read_config_file(str(cfg), renamed_table()) == ({"checks": {"dead-end": False}}, [])


@pytest.mark.parametrize("cli, expected", [
    ({"checks": {"dead-stop": False}}, []),  # --disable dead-stop
    ({"checks": {"dead-stop": "info"}}, ["info"]),
    (None, ["warning"]),
])
def test_an_old_name_works_on_the_command_line(cli, expected, tmp_path, monkeypatch):
    menu = yaml.safe_load((CASES / "dead-end.yaml").read_text(encoding="utf-8"))["menus"]["closed-queue-hangs-up"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "example.yaml").write_text(menu, encoding="utf-8")
    maze = ivrmaze.load("example.yaml")
    config = Config.for_maze(maze, cli, settings=renamed_table())
    assert config.setting("example.yaml", "dead-end") == (bool(expected), (expected or ["warning"])[0])
    found = analyze(maze, config=config).findings
    assert [f.severity for f in found if f.kind == "dead-end"] == expected


def test_finding_code_is_a_field():
    assert Finding("file", "no such file", "x.yaml").code == "IVM100"
    assert Finding("expectation", "not met", "x.yaml").code == "IVM301"
    f = Finding("dead-stop", "m", "x.yaml", 1, 2, severity="warning", code="IVM202")  # a check gives its own
    assert (f.code, f.severity) == ("IVM202", "warning")
    assert list(f.to_dict()) == ["kind", "severity", "code", "message", "file", "line", "column", "node", "intent",
                                 "intents", "when", "nodes", "platform"]
    with pytest.raises(ValueError, match="unknown finding kind 'nonsense'"):
        Finding("nonsense", "m")


def test_finding_nodes_are_graph_ids():
    f = Finding("reference", "m", "a.yaml", 1, 1, node="main", nodes=("billing", "lib.yaml#desk"))
    assert finding_nodes(f) == ("a.yaml#main", "a.yaml#billing", "lib.yaml#desk")


def test_the_tables_are_read_without_numpy_or_scipy():
    # validate and the schema read the checks' tables: the analysis' libraries are loaded only to analyse
    code = ("import sys, ivrmaze; before = set(sys.modules); import ivrmaze.checks; "
            "print(sorted(m for m in set(sys.modules) - before if m.split('.')[0] in ('numpy', 'scipy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"
