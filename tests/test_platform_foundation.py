"""The platform foundation, on a toy platform (tests/toy_platform.py): reading through a reader,
the companion file, cross-flow references, folder walks by content, --var, labels and `platform`
in findings. The real readers plug into the same code."""
from __future__ import annotations

import json
import os

import pytest
import toy_platform
from clirun import ivrmaze

import ivrmaze as api
from ivrmaze.load import platform, readers
from ivrmaze.load.flows import flow_ref
from ivrmaze.load.walk import is_menu, menu_paths


@pytest.fixture(autouse=True)
def toy(monkeypatch):
    monkeypatch.setattr(readers, "READERS", (platform.reader(toy_platform),))


def flow(name, start, *blocks, **extra):
    return json.dumps({"toy": 1, "name": name, "start": start, "blocks": list(blocks), **extra}, indent=1)


MAIN_BLOCKS = (
            {"id": "m1", "type": "Menu", "prompt": "Press 1 for billing, 2 for the other line.",
             "keys": {"1": "h1", "2": "f1"}},
            {"id": "h1", "type": "Hours", "hours": "Basic Hours", "open": "q1", "closed": "bye"},
            {"id": "q1", "type": "Queue", "queue": "Billing Queue"},
            {"id": "f1", "type": "Flow", "flow": "{{contactFlows.Other.arn}}"},
            {"id": "bye", "type": "End", "text": "We are closed."})
MAIN = flow("Main line", "m1", *MAIN_BLOCKS)
OTHER = flow("Other", "q2", {"id": "q2", "type": "Queue", "queue": "Sales Queue"})
COMPANION = """\
ivrmaze-companion: 1
timezone: Europe/Brussels
intents:
  billing: Pay a bill
  sales: Buy something
hours:
  basic:
    aws:
      HoursOfOperation:
        Name: Basic Hours
        TimeZone: Europe/Brussels
        Config:
          - {Day: MONDAY, StartTime: {Hours: 8, Minutes: 0}, EndTime: {Hours: 17, Minutes: 30}}
nodes:
  Billing Queue: {resolves: [billing]}
  Sales Queue: {resolves: [sales]}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "main.json").write_text(MAIN)
    (tmp_path / "flows" / "other.json").write_text(OTHER)
    return tmp_path


def kinds(findings):
    return sorted((f.kind, f.node or "") for f in findings)


def test_flow_ref_reduces_references_to_names():
    assert flow_ref('${var.contact_flows_map["Sales flow"]}') == "Sales flow"
    assert flow_ref("{{contactFlows.Sales.arn}}") == "Sales"
    assert flow_ref("${flows.Sales.arn}") == "Sales"
    assert flow_ref("arn:aws:connect:eu-west-1:123456789012:instance/abc/contact-flow/1234-5678") == "1234-5678"
    assert flow_ref("Plain name") == "Plain name"
    assert flow_ref("$.Attributes.FlowARN") is None
    assert flow_ref("  ") is None


def test_walk_takes_platform_files_by_content(project):
    (project / "flows" / "package.json").write_text('{"name": "not a flow"}')
    (project / "flows" / "ivrmaze-companion.yaml").write_text(COMPANION)
    paths, _ = menu_paths(["flows"])
    assert [os.path.basename(p) for p in paths] == ["main.json", "other.json"]
    assert is_menu("flows/main.json") and not is_menu("flows/package.json")
    assert not is_menu("flows/ivrmaze-companion.yaml")


def test_walk_never_reads_outside_the_project(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.json"
    outside.write_text(OTHER)
    (project / "flows" / "link.json").symlink_to(outside)
    (project / "flows" / "ivrmaze-companion.yaml").symlink_to(outside)
    paths, _ = menu_paths(["flows"])
    assert [os.path.basename(p) for p in paths] == ["main.json", "other.json"]
    maze = api.load(["flows/main.json"], strict=False)  # its companion file is a link out: refused, unread
    assert [(p.kind, p.file) for p in maze.problems if p.severity == "error"] == [
        ("file", "flows/ivrmaze-companion.yaml")]


def test_without_companion_defaults_and_a_note(project):
    maze = api.load(["flows"], strict=False)
    mf = maze.files["flows/main.json"]
    assert mf.platform == "toy" and mf.nodes["q1"].resolves == "*"
    note = [p for p in maze.problems if p.kind == "companion"]
    assert len(note) == 1 and note[0].severity == "info" and "ivrmaze-companion.yaml" in note[0].message
    assert all(p.platform == "toy" for p in maze.problems if p.file and p.file.endswith(".json"))


def test_cross_flow_reference_is_followed(project):
    maze = api.load(["flows"], strict=False)
    link = next(lk for lk in maze.files["flows/main.json"].nodes["f1"].links if lk.via == "external")
    assert link.file == str(project / "flows" / "other.json") and link.flow == "Other"


def test_flow_not_among_the_files_cannot_be_followed(project):
    maze = api.load(["flows/main.json"], strict=False)  # other.json not given
    node = maze.files["flows/main.json"].nodes["f1"]
    assert node.kind == "unknown" and node.text == "flow Other is not among the files"
    assert not node.links and maze.ok


def test_companion_applied_before_checking(project):
    (project / "ivrmaze-companion.yaml").write_text(COMPANION)
    maze = api.load(["flows"], strict=False)
    assert maze.ok, maze.problems
    main, other = maze.files["flows/main.json"], maze.files["flows/other.json"]
    assert main.nodes["q1"].resolves == frozenset({"billing"})
    assert main.nodes["h1"].hours == "basic" and main.timezone == "Europe/Brussels"
    assert set(main.intents) == {"billing", "sales"}
    assert other.intents == {}  # called by main: a part of its line
    assert not [p for p in maze.problems if p.kind == "companion"]


def test_entries_naming_one_node_add_up_and_a_flow_entry_wins(project):
    (project / "ivrmaze-companion.yaml").write_text(COMPANION + """\
  full:q1: {resolves: [sales]}
flows:
  Other:
    nodes:
      q2: {resolves: [billing]}
""")
    maze = api.load(["flows"], strict=False)
    assert maze.files["flows/main.json"].nodes["q1"].resolves == frozenset({"billing", "sales"})
    assert maze.files["flows/other.json"].nodes["q2"].resolves == frozenset({"billing"})


def test_companion_problems_at_their_positions(project):
    (project / "ivrmaze-companion.yaml").write_text(COMPANION.replace("[sales]", "[sales, bogus]")
                                                    + "  Typo Queue: {resolves: '*'}\n")
    maze = api.load(["flows"], strict=False)
    got = {(p.kind, p.file, p.line, p.column) for p in maze.problems if p.file == "ivrmaze-companion.yaml"}
    assert got == {("reference", "ivrmaze-companion.yaml", 16, 35), ("companion", "ivrmaze-companion.yaml", 17, 3)}
    run = ivrmaze("check", "flows")  # the snippet is the companion file's own line
    assert run.exit_code == 2 and "  |   Sales Queue: {resolves: [sales, bogus]}\n" in run.stderr + run.output


def test_one_flow_checked_alone_gets_no_unused_warnings(project):
    (project / "ivrmaze-companion.yaml").write_text(COMPANION)  # `Sales Queue` is in other.json only
    assert not [p for p in api.load(["flows/main.json"], strict=False).problems if p.kind == "companion"]
    (project / "ivrmaze-companion.yaml").write_text(COMPANION + "  Sales Queueue: {}\n")
    assert [p.line for p in api.load(["flows"], strict=False).problems if p.kind == "companion"] == [17]


def test_a_bad_companion_file_is_a_finding_not_a_crash(project):
    (project / "ivrmaze-companion.yaml").write_text("ivrmaze-companion: 2\nnodes: [1\n")
    maze = api.load(["flows"], strict=False)
    assert [(p.kind, p.file) for p in maze.problems if p.severity == "error"] == [("syntax", "ivrmaze-companion.yaml")]


def test_companion_checks_its_keys(project):
    (project / "ivrmaze-companion.yaml").write_text("ivrmaze-companion: 2\nintent: {}\nhours:\n  x: {aws: {a: 1}}\n")
    maze = api.load(["flows"], strict=False)
    assert kinds(p for p in maze.problems if p.file == "ivrmaze-companion.yaml") == [
        ("schedule", ""), ("unknown-key", ""), ("version", "")]


def test_prompt_transfers_and_flow_entry(project):
    (project / "ivrmaze-companion.yaml").write_text(COMPANION + """\
  full:q1: {transfers: [{to: Billing Queue, warm: true}, Nobody]}
flows:
  Main line:
    entry: Basic Hours
    nodes:
      m1: {prompt: "Press 1."}
""")
    maze = api.load(["flows"], strict=False)
    main = maze.files["flows/main.json"]
    assert main.entry == "h1" and main.nodes["m1"].text == "Press 1."
    assert [(lk.target, lk.warm) for lk in main.nodes["q1"].links if lk.via == "transfers"] == [("q1", True)]
    assert [p.message for p in maze.problems if p.kind == "companion"] == [
        "transfer `Nobody` of `full:q1` names no node of flow `Main line`, expected a node id or platform name of "
        "that flow"]


def test_messages_show_labels_and_json_has_platform(project):
    (project / "flows" / "main.json").write_text(MAIN.replace('"2": "f1"', '"2": "bye"'))
    run = ivrmaze("check", "--format", "json", "flows")
    findings = json.loads(run.output)["findings"]
    f1 = next(f for f in findings if f["kind"] == "unreachable" and f["node"] == "f1")
    assert "`f1…` (Flow)" in f1["message"] and f1["platform"] == "toy"


def test_an_intent_spelt_like_a_node_keeps_its_name():
    f = platform.dress([api.Finding("reference", "intent `q1` and node `q1`", "x.json", 1, 1, intent="q1")],
                       [type("F", (), {"path": "x.json", "platform": "toy", "labels": {"q1": "`q1…` (Queue)"}})()])
    assert f[0].message == "intent `q1` and node `q1`" and f[0].platform == "toy"
    assert platform.relabel("node `q1` and `q2`", {"q1": "`q1…` (Queue)"}) == "node `q1…` (Queue) and `q2`"


def test_var_reaches_the_reader(project):
    (project / "flows" / "main.json").write_text(flow("Main line", "q1", {"id": "q1", "type": "Queue", "queue": "Q"},
                                                      greeting="Hello {{who}}"))
    maze = api.load(["flows/main.json"], strict=False, vars={"who": "Ann"})
    assert maze.files["flows/main.json"].nodes["greeting"].text == "Hello Ann"
    (project / "ivrmaze-companion.yaml").write_text("ivrmaze-companion: 1\nvars: {who: Bob}\n")
    assert api.load(["flows/main.json"], strict=False).files["flows/main.json"].nodes["greeting"].text == "Hello Bob"
    run = ivrmaze("call", "--var", "who=Cy", "--keys", "", "--format", "json", "flows/main.json")
    assert "Hello Cy" in run.output
    assert ivrmaze("check", "--var", "novalue", "flows").exit_code == 2


def test_entry_from_the_command_line_or_the_companion(project):
    run = ivrmaze("check", "--format", "json", "--entry", "q1", "flows/main.json")
    assert [f["node"] for f in json.loads(run.output)["findings"] if f["kind"] == "unreachable"] == ["m1", "h1", "f1",
                                                                                                    "bye"]
    (project / "ivrmaze-companion.yaml").write_text("ivrmaze-companion: 1\nflows:\n  main: {entry: bye}\n")
    assert api.load(["flows/main.json"], strict=False).files["flows/main.json"].entry == "bye"
    assert api.load(["flows/main.json"], strict=False, entry="q1").files["flows/main.json"].entry == "q1"


def test_hand_written_menu_calls_a_flow_by_name(project):
    (project / "line.yaml").write_text("ivrmaze: 1\nentry: go\nnodes:\n  go:\n    external: {flow: Other}\n")
    maze = api.load(["line.yaml", "flows/other.json"], strict=False)
    assert maze.ok and [lk.file for lk in maze.files["line.yaml"].nodes["go"].links] == [
        str(project / "flows" / "other.json")]
    (project / "bad.yaml").write_text("ivrmaze: 1\nentry: go\nnodes:\n  go:\n    external: {flow: X, file: a.yaml}\n")
    assert [p.kind for p in api.load(["bad.yaml"], strict=False).problems] == ["type"]


def test_import_writes_menus_that_check_the_same(project):
    (project / "ivrmaze-companion.yaml").write_text(COMPANION)
    orphan = {"id": "orphan", "type": "Queue", "queue": "Lost"}
    (project / "flows" / "main.json").write_text(flow("Main line", "m1", *MAIN_BLOCKS, orphan))
    run = ivrmaze("import", "flows", "-o", "out")
    assert run.exit_code == 0, run.output
    assert sorted(os.listdir("out")) == ["ivrmaze-companion.yaml", "main.yaml", "other.yaml"]
    text = (project / "out" / "main.yaml").read_text()
    assert "# toy block q1 (Queue)" in text and "file: other.yaml" in text
    flows, menus = api.load(["flows"]).analyze(), api.load(["out/main.yaml", "out/other.yaml"]).analyze()
    assert kinds(flows.findings) == kinds(menus.findings) and kinds(flows.findings)
    assert ivrmaze("import", "flows", "-o", "out").exit_code == 2  # never over a file
    skeleton = (project / "out" / "ivrmaze-companion.yaml").read_text()
    assert "Billing Queue: {}" in skeleton
    comp, problems = __import__("ivrmaze.load.companion", fromlist=["read"]).read(
        str(project / "out" / "ivrmaze-companion.yaml"), str(project), api.checks.SETTINGS)
    assert comp is not None and not problems
