"""`--format sarif`: valid SARIF 2.1.0 (checked against the vendored OASIS schema), one rule per kind."""
import json

import jsonschema
import pytest
from clirun import ivrmaze
from conftest import ROOT, maze_finding

from ivrmaze import Finding
from ivrmaze.checks import KINDS
from ivrmaze.formatters import sarif

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())


def validate(log):
    jsonschema.Draft4Validator(SCHEMA).validate(log)


FINDINGS = [
    maze_finding("trap", "callers with intent `outage` go round forever", "menus/a b.yaml", 12, 5, node="billing",
            intent="outage", nodes=("billing", "switchboard")),
    maze_finding("after-hours-trap", "after 16:00 the route leads back to `main`", "menus/x.yaml", 3, 1,
            intent="remove-container", when=("Mon-Fri 16:00-20:00", "2011-04-25 (holiday)")),
    maze_finding("no-zero-out", "no quick way to a human", "menus/x.yaml", 7, 3, node="main"),
    Finding("file", "no such file, expected a path to a menu file", "menus/missing.yaml"),
]


def test_log_is_valid_sarif_with_one_rule_per_kind():
    log = json.loads(sarif.format_findings(FINDINGS, files=["menus/x.yaml", "menus/a b.yaml"], tool_version="1.2.3"))
    validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [k.code for k in KINDS.values()]
    assert len({r["id"] for r in rules}) == len(rules)
    trap = next(r for r in rules if r["name"] == "trap")
    assert trap == {
        "id": "IVM203", "name": "trap",
        "shortDescription": {"text": KINDS["trap"].summary},
        "fullDescription": {"text": f"trap (IVM203): {KINDS['trap'].summary} See {KINDS['trap'].help_uri}"},
        "helpUri": KINDS["trap"].help_uri,
        "help": trap["help"],
        "defaultConfiguration": {"level": "error", "enabled": True},
    }
    assert trap["helpUri"].endswith("docs/checks.md#trap")
    assert next(r for r in rules if r["name"] == "no-zero-out")["defaultConfiguration"] == {
        "level": "note", "enabled": False}
    assert run["tool"]["driver"]["version"] == "1.2.3"


def test_results_point_at_file_line_and_column():
    run = json.loads(sarif.format_findings(FINDINGS, files=[], tool_version="0"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    first, second, third, fourth = run["results"]
    assert first["ruleId"] == "IVM203" and rules[first["ruleIndex"]]["id"] == "IVM203"
    assert first["level"] == "error"
    assert first["message"] == {"text": "callers with intent `outage` go round forever"}
    assert first["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "menus/a%20b.yaml"}, "region": {"startLine": 12, "startColumn": 5}}}]
    assert first["properties"] == {"kind": "trap", "node": "billing", "intent": "outage", "when": None,
                                   "nodes": ["billing", "switchboard"]}
    assert second["properties"]["when"] == ["Mon-Fri 16:00-20:00", "2011-04-25 (holiday)"]
    assert third["level"] == "note"
    # line 0 means "the whole file": a location without a region
    assert fourth["locations"] == [{"physicalLocation": {"artifactLocation": {"uri": "menus/missing.yaml"}}}]


def test_fingerprint_ignores_lines_but_not_identity():
    a = maze_finding("trap", "m", "x.yaml", 3, 1, node="n", intent="i")
    moved = maze_finding("trap", "m", "x.yaml", 30, 1, node="n", intent="i")
    other = maze_finding("trap", "m", "x.yaml", 3, 1, node="n", intent="j")
    fp = [sarif.sarif_log([f], files=[], tool_version="0")["runs"][0]["results"][0]["partialFingerprints"]
          for f in (a, moved, other)]
    assert fp[0] == fp[1] != fp[2]


def test_paths_outside_the_folder_become_file_uris(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert sarif.artifact_uri(str(tmp_path / "sub" / "m.yaml")) == "sub/m.yaml"
    assert sarif.artifact_uri("/elsewhere/m.yaml") == "file:///elsewhere/m.yaml"


def test_empty_log_is_valid():
    log = json.loads(sarif.format_findings([], files=[], tool_version="0"))
    validate(log)
    assert log["runs"][0]["results"] == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_makes_a_valid_result(kind):
    validate(sarif.sarif_log([maze_finding(kind, "msg", "m.yaml", 1, 1)], files=["m.yaml"], tool_version="0"))


def test_validate_command_writes_sarif_for_load_problems(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: hi\n    nxt: main\n")
    res = ivrmaze("validate", "bad.yaml", "--format", "sarif")
    assert res.exit_code == 2, res.output  # a file that does not load
    log = json.loads(res.output)
    validate(log)
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == KINDS["unknown-key"].code
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "bad.yaml"}, "region": {"startLine": 6, "startColumn": 5}}
    assert log["runs"][0]["artifacts"] == [{"location": {"uri": "bad.yaml"}}]
