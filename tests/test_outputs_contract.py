"""Issue 12 point 4: one contract. The same condition gives the same exit code and kind tag from
every command (docs/ci.md's table); each command's JSON document has one shape whatever happens,
described by ``ivrmaze schema --output COMMAND`` (tests/clirun.py validates every JSON output)."""
import json
import re

import jsonschema
import pytest
from clirun import ivrmaze
from conftest import ROOT
from docblocks import blocks

from ivrmaze.formatters.output_schema import OUTPUTS, output_schema, output_schema_text

GOOD = "ivrmaze: 1\nentry: main\nintents:\n  hello: Say hello\nnodes:\n  main:\n    say: Hello.\n    resolves: [hello]\n"
BROKEN = "ivrmaze: 1\nentry: main\nintents:\n  hello: Say hello\nnodes:\n  main:\n    say: Hello.\n    resolves: [hello]\n    bogus: 1\n"
SYNTAX = "ivrmaze: 1\nentry: main\nnodes:\n  main: [\n"
MENU = ROOT / "menus" / "mobistar-2011.yaml"


@pytest.fixture
def menus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in (("good.yaml", GOOD), ("broken.yaml", BROKEN), ("syntax.yaml", SYNTAX)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", ["broken.yaml", "syntax.yaml"])
def test_a_file_that_does_not_load_exits_2_from_every_command(menus, name):
    runs = {"validate": ivrmaze("validate", name), "check": ivrmaze("check", name),
            "report": ivrmaze("report", name), "call": ivrmaze("call", name, "--keys", "")}
    assert {cmd: r.exit_code for cmd, r in runs.items()} == dict.fromkeys(runs, 2)
    for fmt in ("json", "sarif", "github"):
        assert ivrmaze("validate", name, "--format", fmt).exit_code == 2
        assert ivrmaze("check", name, "--format", fmt).exit_code == 2


def test_a_clean_file_exits_0_from_every_command(menus):
    for args in (("validate", "good.yaml"), ("check", "good.yaml"), ("report", "good.yaml"),
                 ("call", "good.yaml", "--keys", "", "--intent", "hello"), ("diff", "good.yaml", "good.yaml")):
        assert ivrmaze(*args).exit_code == 0, args


@pytest.mark.parametrize("name, tag", [("broken.yaml", "[unknown-key IVM103]"), ("syntax.yaml", "[syntax IVM101]")])
def test_kind_tags_are_the_same_everywhere(menus, name, tag):
    for cmd in ("validate", "check", "report"):
        out = ivrmaze(cmd, name).output
        assert tag in out, (cmd, out)
        heads = [line for line in out.splitlines() if ": error: " in line]
        assert heads and all(re.search(r" \[[a-z-]+ IVM[0-9]{3}\]$", h) for h in heads), (cmd, out)
    assert tag in ivrmaze("call", name, "--keys", "").stderr


def test_the_stop_summary_is_grammatical(menus):
    assert ivrmaze("check", "broken.yaml").output.splitlines()[-1] == \
        "1 problem in the menu files stops the analysis: fix it first"
    (menus / "two.yaml").write_text(BROKEN.replace("bogus: 1", "bogus: 1\n    other: 2"), encoding="utf-8")
    assert ivrmaze("check", "two.yaml").output.splitlines()[-1] == \
        "2 problems in the menu files stop the analysis: fix them first"


def test_validate_fails_on_warnings_only_with_strict(menus):
    fifo = menus / "folder"
    fifo.mkdir()
    (fifo / "a.yaml").write_text(GOOD, encoding="utf-8")
    (fifo / "out.yaml").symlink_to("/etc/hostname")  # a link out of the project: skipped with a warning
    run = ivrmaze("validate", "folder")
    assert "warning" in run.output and run.exit_code == 0
    assert ivrmaze("validate", "--strict", "folder").exit_code == 1


def _keys(doc):
    return {k: sorted(v) if isinstance(v, dict) else None for k, v in doc.items()}


def test_check_document_has_one_shape_whatever_happens(menus):
    good = json.loads(ivrmaze("check", "good.yaml", "--format", "json").output)
    broken = json.loads(ivrmaze("check", "broken.yaml", "--format", "json").output)
    at = json.loads(ivrmaze("check", "good.yaml", "--format", "json", "--at", "Mon 10:00").output)
    assert _keys(good) == _keys(broken) == _keys(at)
    assert broken["at"] is None and broken["intents"] == [] and broken["summary"]["errors"] == 1
    assert broken["findings"][0]["code"] == "IVM103"


def test_report_and_validate_documents_on_a_broken_file(menus):
    good = json.loads(ivrmaze("report", "good.yaml", "--format", "json").output)
    broken = ivrmaze("report", "broken.yaml", "--format", "json")
    assert broken.exit_code == 2 and _keys(json.loads(broken.output)) == _keys(good)
    check = json.loads(ivrmaze("check", "good.yaml", "--format", "json").output)
    for name in ("good.yaml", "broken.yaml"):
        doc = json.loads(ivrmaze("validate", name, "--format", "json").output)
        assert sorted(doc["summary"]) == sorted(check["summary"])  # validate's summary has check's keys


@pytest.mark.parametrize("args", [
    ("check", MENU), ("check", MENU, "--at", "Fri 16:30"), ("report", MENU), ("validate", MENU),
    ("diff", MENU, MENU), ("call", MENU, "--keys", "1", "--intent", "invoice", "--at", "Mon 10:00"),
])
def test_real_outputs_validate_against_their_schema(args):
    run = ivrmaze(*args, "--format", "json")
    doc = json.loads(run.output)
    jsonschema.Draft7Validator(output_schema(args[0])).validate(doc)  # as clirun does for every run


@pytest.mark.parametrize("command", OUTPUTS)
def test_schema_command_prints_each_output_schema(command, tmp_path):
    run = ivrmaze("schema", "--output", command)
    assert run.exit_code == 0 and run.output == output_schema_text(command)
    schema = json.loads(run.output)
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False and set(schema["required"]) == set(schema["properties"])
    out = tmp_path / f"{command}.schema.json"
    assert ivrmaze("schema", "--output", command, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == run.output


def test_schema_rejects_a_document_of_another_shape():
    doc = json.loads(ivrmaze("check", MENU, "--format", "json").output)
    del doc["at"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(output_schema("check")).validate(doc)
    assert ivrmaze("schema", "--output", "bogus").exit_code == 2


def test_docs_ci_example_of_the_schema_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    [example] = [b.text for b in blocks(doc) if b.text.startswith("$ ivrmaze schema --output")]
    args = example.strip().removeprefix("$ ivrmaze ").split()
    assert ivrmaze(*args).exit_code == 0
    assert json.loads((tmp_path / "validate.schema.json").read_text()) == output_schema("validate")
    for cmd in ("validate", "check", "report", "call", "render"):
        assert f"`{cmd}`" in doc.split("## The contract")[1].split("\n## ")[0]


def test_load_warnings_never_stop_a_run(menus):
    folder = menus / "folder"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "out.yaml").symlink_to("/etc/hostname")  # skipped with a warning
    for cmd in ("validate", "check", "report"):
        run = ivrmaze(cmd, "folder")
        assert run.exit_code == 0, (cmd, run.output, run.stderr)
        assert "[file IVM100]" in run.output + run.stderr, cmd
        doc = json.loads(ivrmaze(cmd, "folder", "--format", "json").output)
        assert [f["severity"] for f in doc["findings"] if f["kind"] == "file"] == ["warning"], cmd


def test_call_on_a_file_that_does_not_load_prints_the_call_document(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: hi\n    bogus: 1\n", encoding="utf-8")
    run = ivrmaze("call", bad, "--format", "json", "--keys", "1")
    doc = json.loads(run.output)
    jsonschema.Draft7Validator(output_schema("call")).validate(doc)
    assert run.exit_code == 2 and doc["outcome"] == "not-loaded" and doc["keys"] == ["1"]
    assert [e["kind"] for e in doc["events"]] == ["problem"] and "unknown key `bogus`" in doc["events"][0]["text"]
