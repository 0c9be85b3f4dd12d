"""`ivrmaze baseline PATH... -o FILE` and `ivrmaze check --baseline FILE`: only new findings fail."""
import json

import jsonschema
import pytest
from clirun import ivrmaze
from conftest import MENUS, ROOT

from ivrmaze.baseline import document, entry, match, read
from ivrmaze.findings import Finding, fingerprint

MOBISTAR = (MENUS / "mobistar-2011.yaml").read_text()
SARIF = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
# Option 4 leads straight to Facilities, whose `closed: main` bounces callers back, and Security may
# send callers to Billing: the after-hours trap of `remove-container` now takes in Facilities too
# (a new trap; the old one, among fewer nodes, is gone), and Facilities bounces callers silently.
WORSE = (MOBISTAR.replace('"3": switchboard', '"3": switchboard\n      "4": facilities')
         .replace("transfers: [switchboard, facilities]\n", "transfers: [switchboard, facilities, billing]\n"))


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "menus").mkdir()
    (tmp_path / "menus" / "mobistar.yaml").write_text(MOBISTAR)
    monkeypatch.chdir(tmp_path)
    r = ivrmaze("baseline", "menus", "-o", "baseline.json")
    assert r.exit_code == 0, r.output + r.stderr
    return tmp_path


def findings(*args):
    return json.loads(ivrmaze("check", *args, "--format", "json").output)["findings"]


def test_baseline_holds_the_findings_of_check(project):
    today = findings("menus")
    assert ivrmaze("check", "menus").exit_code == 1 and today
    data = json.loads((project / "baseline.json").read_text())
    assert (data["ivrmaze"], data["version"]) == ("ivrmaze-baseline", 1)
    assert [(e["kind"], e["file"], e["node"], e["intent"], e["line"]) for e in data["findings"]] == [
        (f["kind"], f["file"], f["node"], f["intent"], f["line"]) for f in today]
    r = ivrmaze("check", "menus", "--baseline", "baseline.json")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1] == f"baseline baseline.json: {len(today)} known findings not shown, 0 no longer found"
    assert "error:" not in r.output and "warning:" not in r.output
    assert ivrmaze("check", "menus", "--baseline", "baseline.json", "--strict").exit_code == 0


def test_edits_elsewhere_keep_the_match(project):
    menu = project / "menus" / "mobistar.yaml"
    menu.write_text(MOBISTAR.replace("nodes:\n", "# moved down by three lines\n\n\nnodes:\n")
                    .replace("Welcome to Mobistar.", "Welcome to Mobistar, the network of Belgium."))
    before = json.loads((project / "baseline.json").read_text())["findings"]
    now = findings("menus")
    assert [f["line"] for f in now] == [e["line"] + 3 for e in before]  # every finding moved
    r = ivrmaze("check", "menus", "--baseline", "baseline.json", "--format", "json")
    data = json.loads(r.output)
    assert r.exit_code == 0 and data["findings"] == []
    assert (data["baseline"]["new"], data["baseline"]["unchanged"], data["baseline"]["absent"]) == (0, len(now), [])


def test_a_new_finding_fails_and_is_the_only_one_shown(project):
    (project / "menus" / "mobistar.yaml").write_text(WORSE)
    r = ivrmaze("check", "menus", "--baseline", "baseline.json")
    assert r.exit_code == 1
    shown = [line for line in r.output.splitlines() if line.startswith("menus/mobistar.yaml:")]
    assert [line.rsplit("[", 1)[1] for line in shown] == ["after-hours-trap IVM204]", "silent-bounce IVM211]"]
    assert "among main, billing, tech, switchboard and facilities" in shown[0]
    assert r.output.splitlines()[-2].startswith("1 error, 1 warning in 1 file")
    # (the known ones include the unannounced `*` of the main menu: wired-not-announced)
    assert r.output.splitlines()[-1].endswith(": 5 known findings not shown, 1 no longer found")
    gh = ivrmaze("check", "menus", "--baseline", "baseline.json", "--format", "github")
    assert gh.exit_code == 1
    assert [line.split(",")[0] for line in gh.output.splitlines()] == [
        "::error file=menus/mobistar.yaml", "::warning file=menus/mobistar.yaml"]
    data = json.loads(ivrmaze("check", "menus", "--baseline", "baseline.json", "--format", "json").output)
    assert [f["kind"] for f in data["findings"]] == ["after-hours-trap", "silent-bounce"]
    assert data["summary"]["errors"] == 1 and [e["kind"] for e in data["baseline"]["absent"]] == ["after-hours-trap"]


def test_sarif_baseline_states(project):
    (project / "menus" / "mobistar.yaml").write_text(WORSE)
    r = ivrmaze("check", "menus", "--baseline", "baseline.json", "--format", "sarif")
    log = json.loads(r.output)
    jsonschema.Draft4Validator(SARIF).validate(log)
    results = log["runs"][0]["results"]
    by_state = {s: sorted(x["properties"]["kind"] for x in results if x["baselineState"] == s)
                for s in ("new", "unchanged", "absent")}
    assert by_state["new"] == ["after-hours-trap", "silent-bounce"] and by_state["absent"] == ["after-hours-trap"]
    assert len(by_state["unchanged"]) == 5 and r.exit_code == 1
    [gone] = [x for x in results if x["baselineState"] == "absent"]
    assert (gone["properties"]["intent"], gone["level"], gone["ruleId"]) == ("remove-container", "error", "IVM204")
    assert gone["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "menus/mobistar.yaml"
    plain = json.loads(ivrmaze("check", "menus", "--format", "sarif").output)["runs"][0]["results"]
    assert all("baselineState" not in x for x in plain)  # no baseline, no states


def test_baseline_works_from_another_folder(project, monkeypatch):
    monkeypatch.chdir(project / "menus")
    r = ivrmaze("check", "mobistar.yaml", "--baseline", "../baseline.json")
    assert r.exit_code == 0, r.output


def test_one_fingerprint_for_sarif_and_baselines(project):
    log = json.loads(ivrmaze("check", "menus", "--format", "sarif").output)
    sarif_prints = [x["partialFingerprints"]["ivrmazeFinding/v1"] for x in log["runs"][0]["results"]]
    assert sarif_prints == [e["fingerprint"] for e in json.loads((project / "baseline.json").read_text())["findings"]]


def test_entries_are_counted_and_matched_by_identity(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "b.json")
    a = Finding("dead-end", "dead end at `x`", "m.yaml", 3, 3, "warning", node="x", code="IVM202")
    b = Finding("dead-end", "dead end at `y`", "m.yaml", 9, 3, "warning", node="y", code="IVM202")
    (tmp_path / "b.json").write_text(json.dumps(document([a], path, "0")))
    base = read(path)
    m = match([a, a.__class__(**{**a.__dict__, "line": 40, "message": "reworded"}), b], base)
    assert (len(m.unchanged), len(m.new), m.states) == (1, 2, ["unchanged", "new", "new"])
    assert match([b], base).absent == list(base.entries)
    assert entry(a, str(tmp_path)).fingerprint == fingerprint(Finding(**{**a.__dict__, "file": "m.yaml"}))
    assert entry(a, str(tmp_path)).fingerprint != entry(b, str(tmp_path)).fingerprint


GOOD = {"ivrmaze": "ivrmaze-baseline", "version": 1, "findings": [
    {"kind": "dead-end", "file": "menus/mobistar.yaml", "node": "goodbye", "intent": None,
     "fingerprint": "0" * 32}]}


@pytest.mark.parametrize("text, says", [
    ('{"ivrmaze": "ivrmaze-baseline",\n  "version": 1,,}', "bad.json:2:16: not JSON (Expecting property name"),
    ("[]", 'bad.json: not an ivrmaze baseline (no "ivrmaze": "ivrmaze-baseline" key)'),
    ('{"$schema": "x"}', "not an ivrmaze baseline"),
    (json.dumps({**GOOD, "version": 7}), "bad.json: baseline version 7, expected 1"),
    (json.dumps({**GOOD, "findings": {}}), "bad.json: `findings` is a mapping, expected a list of findings"),
    (json.dumps({**GOOD, "findings": [3]}), "bad.json: findings[0] is a number, expected an object"),
    (json.dumps({**GOOD, "findings": [{**GOOD["findings"][0], "kind": "maze"}]}),
     "bad.json: findings[0]: unknown kind 'maze'"),
    (json.dumps({**GOOD, "findings": [{**GOOD["findings"][0], "fingerprint": "abc"}]}),
     "bad.json: findings[0]: `fingerprint` is 'abc', expected 32 hexadecimal digits"),
    (json.dumps({**GOOD, "findings": [{**GOOD["findings"][0], "file": None}]}),
     "bad.json: findings[0]: `file` is nothing (null), expected a file path"),
    (b"\xff\xfe", "bad.json: cannot read the baseline"),
])
def test_bad_baseline_is_a_clear_error(project, text, says):
    (project / "bad.json").write_bytes(text if isinstance(text, bytes) else text.encode())
    r = ivrmaze("check", "menus", "--baseline", "bad.json")
    assert r.exit_code == 2 and says in r.stderr and "--baseline" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and r.output == ""


def test_missing_baseline_is_a_clear_error(project):
    r = ivrmaze("check", "menus", "--baseline", "nope.json")
    assert r.exit_code == 2 and "nope.json: cannot read the baseline (No such file or directory)" in r.stderr


def test_good_minimal_baseline_is_read(project):
    (project / "min.json").write_text(json.dumps(GOOD))
    assert [e.code for e in read(str(project / "min.json")).entries] == ["IVM202"]


@pytest.mark.parametrize("out, says", [
    ("menus/mobistar.yaml", "is a YAML file; ivrmaze never writes over menu files, expected an output file such "
                            "as menus/mobistar.json"),
    ("menus", "is a folder"),
    ("other.json", "other.json exists and is not a baseline ivrmaze wrote; it may be a menu"),
    ("nofolder/b.json", "folder nofolder does not exist"),
])
def test_baseline_refuses_to_overwrite_what_is_not_a_baseline(project, out, says):
    (project / "other.json").write_text('{"ivrmaze": 1, "entry": "main"}')
    r = ivrmaze("baseline", "menus", "-o", out)
    assert r.exit_code == 2 and says in r.stderr, r.stderr
    assert (project / "menus" / "mobistar.yaml").read_text() == MOBISTAR
    assert (project / "other.json").read_text() == '{"ivrmaze": 1, "entry": "main"}'


def test_baseline_replaces_a_baseline(project):
    (project / "menus" / "mobistar.yaml").write_text(WORSE)
    r = ivrmaze("baseline", "menus", "-o", "baseline.json")
    assert r.exit_code == 0 and r.output.startswith("wrote baseline.json: ")
    assert ivrmaze("check", "menus", "--baseline", "baseline.json").exit_code == 0


def test_baseline_of_a_broken_menu_writes_nothing(project):
    (project / "menus" / "mobistar.yaml").write_text(MOBISTAR.replace("next: main", "next: mian"))
    r = ivrmaze("baseline", "menus", "-o", "new.json")
    assert r.exit_code == 2 and "goes to `mian`, which is not defined" in r.output
    assert not (project / "new.json").exists()
