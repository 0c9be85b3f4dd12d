"""Every check's cases, as data: tests/cases/checks/<kind>.yaml, one file per check module
(named after its first kind), run by one test (sqlfluff's and yamllint's way).

A case file holds ``menus`` (name -> menu text) and ``cases``, each with:

- ``name``; ``menu``: the menu written to ``path`` (default ``example.yaml``), by name;
- ``files``: more files to write (path -> a menu's name or the text itself), e.g. ``.ivrmaze.yaml``;
- ``load``: the paths loaded (default ``[path]``); ``at``: an instant; ``cli``: CLI settings
  (the keys of a limits block);
- ``kind``: look only at findings of this kind;
- ``findings``: exactly the findings expected, in order; or ``includes``: findings that must be
  among them. Each gives the fields it asserts (``kind``, ``line``, ``column``, ``node``,
  ``intent``, ``intents``, ``when``, ``nodes``, ``file``, ``severity``, ``message``) and may add
  ``message_has`` (parts of the message) and ``message_starts``.

Every case runs in its own empty folder, with no .ivrmaze.yaml above it; the config it loads
must have no problems.
"""
from __future__ import annotations

import pathlib
from typing import Any

import pytest
import yaml

import ivrmaze
from ivrmaze.checks import CHECKS, SETTINGS, kinds_of
from ivrmaze.config import Config
from ivrmaze.findings import Finding
from ivrmaze.lint import lint as analyze

CASES = pathlib.Path(__file__).parent / "cases" / "checks"
FIELDS = ("kind", "line", "column", "node", "intent", "intents", "when", "nodes", "file", "severity", "message")
CASE_KEYS = {"name", "menu", "path", "files", "load", "at", "cli", "kind", "findings", "includes"}


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append(pytest.param(data.get("menus", {}), case, id=f"{path.stem}: {case['name']}"))
    return out


def test_every_check_has_a_case_file():
    assert sorted(p.stem for p in CASES.glob("*.yaml")) == sorted(kinds_of(c)[0].name for c in CHECKS)


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_menu_of_a_case_file_is_used(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    used = {c["menu"] for c in data["cases"] if "menu" in c}
    used |= {text for c in data["cases"] for text in c.get("files", {}).values()}
    assert set(data.get("menus", {})) <= used


def _write(path: str, text: str) -> None:
    p = pathlib.Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


def _seen(f: Finding, expected: dict[str, Any]) -> dict[str, Any]:
    """The fields of ``f`` that ``expected`` asserts, as YAML writes them (lists, not tuples)."""
    got: dict[str, Any] = {}
    for key in expected:
        if key in FIELDS:
            value = getattr(f, key)
            got[key] = list(value) if isinstance(value, tuple) else value
        elif key == "message_has":
            got[key] = [part for part in expected[key] if part in f.message]
        elif key == "message_starts":
            got[key] = expected[key] if f.message.startswith(expected[key]) else f.message
        else:
            raise AssertionError(f"unknown field {key!r} in an expected finding")
    return got


@pytest.mark.parametrize("menus, case", _cases())
def test_check_case(menus, case, tmp_path, monkeypatch):
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    for parent in [tmp_path, *tmp_path.parents]:
        assert not (parent / ".ivrmaze.yaml").exists(), f"{parent}/.ivrmaze.yaml would change every limit"
    monkeypatch.chdir(tmp_path)
    path = case.get("path", "example.yaml")
    if "menu" in case:
        _write(path, menus[case["menu"]])
    for name, text in case.get("files", {}).items():
        _write(name, menus.get(text, text))
    maze = ivrmaze.load(case.get("load", [path]))
    config = Config.for_maze(maze, case.get("cli"), settings=SETTINGS)
    assert not config.problems, config.problems
    at = case.get("at")
    assert at is None or isinstance(at, str)
    found = [f for f in analyze(maze, at=at, config=config).findings if case.get("kind") in (None, f.kind)]
    if "includes" in case:
        for e in case["includes"]:
            assert e in [_seen(f, e) for f in found], (e, found)
    else:
        assert [_seen(f, e) for f, e in zip(found, case["findings"], strict=False)] == case["findings"]
        assert len(found) == len(case["findings"]), found
