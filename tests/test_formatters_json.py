"""formatters.json: every JSON document ivrmaze prints, built in one place, shaped as before."""
import json

import pytest
from clirun import ivrmaze
from conftest import MENUS

import ivrmaze as lib
from ivrmaze.formatters.json import dumps, report_document, stopped_document, validate_document
from ivrmaze.lint import evaluate
from ivrmaze.lint import lint as analyze

MOBISTAR = str(MENUS / "mobistar-2011.yaml")


@pytest.mark.parametrize("at", [None, "Fri 16:30"])
def test_report_document_is_the_analysis_as_data(at):
    analysis = analyze(lib.load(MOBISTAR), at=at)
    assert report_document(analysis) == analysis.to_dict()
    assert list(report_document(analysis)) == ["files", "at", "findings", "intents", "summary"]


def test_check_document_counts_every_finding_shown():
    maze = lib.load(MOBISTAR)
    analysis = analyze(maze)
    findings = sorted([*analysis.findings, *evaluate(maze, analysis)], key=lambda f: f.sort_key)
    doc = report_document(analysis, findings)
    assert doc["findings"] == [f.to_dict() for f in findings]
    assert list(doc["summary"]) == ["files", "nodes", "errors", "warnings", "infos", "worst_case_hops"]
    assert doc["summary"]["errors"] == sum(f.severity == "error" for f in findings)
    out = ivrmaze("check", "--format", "json", MOBISTAR).output
    assert out == dumps({**doc, "baseline": None}) + "\n"  # check says it ran without a baseline


def test_validate_and_stopped_documents(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: hi\n    nxt: main\n")
    maze = lib.load(str(bad), strict=False)
    files = list(maze.files)
    v = validate_document(maze.problems, files, maze.node_count)
    assert v == {"files": files, "findings": [p.to_dict() for p in maze.problems],
                 "summary": {"files": 1, "nodes": maze.node_count, "errors": 1, "warnings": 0, "infos": 0,
                             "worst_case_hops": None}}
    assert json.loads(ivrmaze("validate", "--format", "json", bad).output) == v
    s = stopped_document(maze.problems, files, maze.node_count)
    assert s["intents"] == [] and s["at"] is None and s["summary"] == v["summary"]
    assert json.loads(ivrmaze("check", "--format", "json", bad).output) == {**s, "baseline": None}


def test_dumps_keeps_text_and_escapes_controls():
    assert dumps({"a": "é\x1b"}) == '{\n  "a": "é\\u001b"\n}'
