"""docs/security.md names, for every promise, the tests that hold it: each must exist."""
from __future__ import annotations

import ast
import re

from conftest import ROOT

DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
TEST = re.compile(r"`(tests/[\w/]+\.py)::(\w+)(?:\[[^\]]*\])?`")


def _tests_in(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}


def test_every_named_test_exists() -> None:
    named = TEST.findall(DOC)
    assert len(named) >= 8
    missing = [f"{path}::{name}" for path, name in named
               if not (ROOT / path).is_file() or name not in _tests_in(path)]
    assert not missing, "docs/security.md names tests that do not exist:\n" + "\n".join(missing)


def test_every_promise_has_a_test() -> None:
    table = DOC[DOC.index("## How each promise is tested"):]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| promise")]
    assert rows
    untested = [row for row in rows if not TEST.search(row)]
    assert not untested, "promises without a test:\n" + "\n".join(untested)
