"""`ivrmaze diff`: menu changes, findings and metrics that changed, git revisions, output and exit codes."""
import json
import pathlib
import shutil
import subprocess

import pytest
from clirun import ivrmaze
from conftest import MENUS

from ivrmaze.diff import diff
from ivrmaze.diff.metrics import verdict

MOBISTAR = (MENUS / "mobistar-2011.yaml").read_text()
# Office open until 17:00, option 4 straight to Facilities, Security may send callers to Billing,
# and a message nobody reaches.
CHANGED = (MOBISTAR.replace('"3": switchboard', '"3": switchboard\n      "4": facilities')
           .replace("transfers: [switchboard, facilities]\n", "transfers: [switchboard, facilities, billing]\n")
           .replace('mon-fri: "08:00-16:00"', 'mon-fri: "08:00-17:00"')
           .replace("  goodbye:", "  helpdesk:\n    say: Call us later.\n\n  goodbye:"))


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old, new = tmp_path / "old" / "mobistar.yaml", tmp_path / "new" / "mobistar.yaml"
    old.write_text(MOBISTAR)
    new.write_text(CHANGED)
    return old, new


def test_menu_changes(pair):
    res = diff(str(pair[0]), str(pair[1]), metrics=False)
    assert [c.text() for c in res.changes] == [
        "~ schedule `office`: Mon-Fri 08:00-16:00; closed 2011-04-25 -> Mon-Fri 08:00-17:00; closed 2011-04-25",
        "+ node `helpdesk` (say)",
        "+ option 4 of `main` -> facilities",
        "+ transfer of `security` -> billing",
    ]
    assert res.changes[2].to_dict() == {"change": "added", "what": "option", "file": "mobistar.yaml", "node": "main",
                                        "key": "4", "old": None, "new": "facilities", "line": 25}


def test_more_menu_changes(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("""ivrmaze: 1
entry: main
hours: {day: {mon-fri: "09:00-17:00"}}
intents: {x: X, y: Y}
nodes:
  main: {menu: Hi, options: {"1": q, "2": gone, "3": q}, retries: 3}
  q: {queue: Q, resolves: [x], transfers: [{to: main, warm: true}]}
  gone: {say: Bye}
""")
    b.write_text("""ivrmaze: 1
entry: main
hours: {day: {mon-fri: "09:00-18:00"}}
intents: {x: X, z: Z}
nodes:
  main: {menu: Hello, options: {"1": q, "3": main}, retries: 2, no_match: main}
  q: {queue: Q, hours: day, resolves: [x, z], transfers: [main]}
  gone: {menu: Now a menu, no_input: main}
""")
    res = diff(str(a), str(b), metrics=False)  # two files of different names are each other's versions
    assert [c.text() for c in res.changes] == [
        "- intent `y`", "+ intent `z`",
        "~ schedule `day`: Mon-Fri 09:00-17:00 -> Mon-Fri 09:00-18:00",
        "~ node `gone` is now a menu (was a say)",
        "~ `main` now says 'Hello' (was 'Hi')",
        "- option 2 of `main` (was gone)",
        "~ option 3 of `main`: q -> main",
        "+ `no_match` of `main` -> main",
        "~ retries of `main`: 3 -> 2",
        "+ `closed` of `q` -> hangup",  # the default that comes with `hours`
        "~ transfer of `q`: main (warm) -> main (cold)",
        "+ `q` resolves z",
        "+ hours of `q` -> day",
    ]


def test_metrics_and_findings(pair):
    res = diff(str(pair[0]), str(pair[1]))
    assert [(m.intent, m.metric, m.old, m.new, m.change, m.when) for m in res.metrics] == [
        ("outage", "resolve_probability", 0.333333, 0.25, "worse", ("Mon-Fri 08:00-16:00",)),
        ("outage", "resolve_probability", 1.0, 0.25, "worse", ("Mon-Fri 16:00-17:00",)),
        ("remove-container", "best_hops", 3, 2, "better", ("Mon-Fri 08:00-16:00",)),
        ("remove-container", "best_hops", None, 2, "better", ("Mon-Fri 16:00-17:00",)),
        ("remove-container", "guaranteed_hops", None, 2, "better", ("Mon-Fri 08:00-17:00",)),
        ("remove-container", "resolve_probability", 0.0, 1.0, "better", ("Mon-Fri 16:00-17:00",)),
        ("remove-container", "retells", 1, 0, "better", ("Mon-Fri 08:00-16:00",)),
        ("remove-container", "retells", None, 0, "better", ("Mon-Fri 16:00-17:00",)),
    ]
    # option 4 leads straight to Facilities, whose `closed: main` bounces callers back
    assert sorted((f.kind, f.severity) for f in res.added) == [("after-hours-trap", "error"),
                                                               ("silent-bounce", "warning"),
                                                               ("unreachable", "warning")]
    assert [f.kind for f in res.removed] == ["after-hours-trap"]
    assert sorted((o.kind, o.when, n.when) for o, n in res.moved) == [
        ("ping-pong", ("Mon-Fri 08:00-16:00",), ("Mon-Fri 08:00-17:00",)),
        ("silent-bounce", ("Mon-Thu 16:00-08:00", "Fri 16:00-Mon 08:00", "2011-04-25 (holiday)"),
         ("Mon-Thu 17:00-08:00", "Fri 17:00-Mon 08:00", "2011-04-25 (holiday)")),
        ("trap", ("Mon-Fri 08:00-16:00",), ("Mon-Fri 08:00-17:00",))]  # the outage trap: office hours


def test_same_file_is_no_change(pair):
    res = diff(str(pair[0]), str(pair[0]))
    assert (res.changes, res.added, res.removed, res.moved, res.metrics, res.reasons(("any",))) == (
        [], [], [], [], [], [])


@pytest.mark.parametrize("a, b, worse", [
    ("best_hops", (3, 2), "better"), ("best_hops", (2, None), "worse"), ("best_hops", (None, 4), "better"),
    ("resolve_probability", (0.5, 0.25), "worse"), ("resolve_probability", (0.5, 0.5000000001), None),
    ("retells", (0, 1), "worse"), ("guaranteed_hops", (None, None), None)])
def test_verdict(a, b, worse):
    assert verdict(a, *b) == worse


@pytest.mark.parametrize("fail_on, code", [
    ([], 1), (["--fail-on", "never"], 0), (["--fail-on", "metrics"], 1), (["--fail-on", "errors"], 1),
    (["--fail-on", "structure"], 1), (["--fail-on", "findings,metrics"], 1)])
def test_exit_codes(pair, fail_on, code):
    assert ivrmaze("diff", pair[0], pair[1], *fail_on).exit_code == code


def test_better_only_passes(pair):
    # Technical support learns to have the container removed: better, and the after-hours trap goes
    fixed = MOBISTAR.replace("    resolves: [outage]\n", "    resolves: [outage, remove-container]\n")
    pair[1].write_text(fixed)
    r = ivrmaze("diff", pair[0], pair[1])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1] == "Result: passes"
    assert "Got better (6):\n  `remove-container`: best_hops 3 -> 2 in Mon-Fri 08:00-16:00\n" in r.output
    assert "Got worse" not in r.output and "Findings removed (1):" in r.output
    assert ivrmaze("diff", pair[0], pair[1], "--fail-on", "structure").exit_code == 1


def test_text_output(pair):
    r = ivrmaze("diff", pair[0], pair[1])
    out = r.output
    assert out.startswith(f"ivrmaze diff {pair[0]} -> {pair[1]}\n\nGot worse (2):\n"
                          "  `outage`: resolve_probability 33.3% -> 25.0% in Mon-Fri 08:00-16:00\n")
    assert "Menu changes (4):\n  mobistar.yaml\n    ~ schedule `office`" in out
    assert out.splitlines()[-1] == "Result: fails (1 new error, 2 new warnings, 2 metrics worse)"


def test_json_output(pair):
    data = json.loads(ivrmaze("diff", pair[0], pair[1], "--format", "json").output)
    assert data["result"] == {"fails": True, "reasons": ["1 new error", "2 new warnings", "2 metrics worse"],
                              "fail_on": ["findings", "metrics"]}
    assert data["summary"] == {"changes": 4, "findings_added": 3, "findings_removed": 1, "findings_moved": 3,
                               "worse": 2, "better": 6}
    assert data["metrics"][0] == {"file": "mobistar.yaml", "entry": "phone", "intent": "outage",
                                  "metric": "resolve_probability", "old": 0.333333, "new": 0.25, "change": "worse",
                                  "when": ["Mon-Fri 08:00-16:00"]}
    assert {f["kind"] for f in data["findings"]["added"]} == {"after-hours-trap", "silent-bounce", "unreachable"}


def test_markdown_output(pair):
    md = ivrmaze("diff", pair[0], pair[1], "--format", "markdown").output
    lines = md.splitlines()
    assert lines[0] == "### ivrmaze diff: 2 worse, 6 better, 3 new findings, 1 fixed"
    assert "**Fails**: 1 new error, 2 new warnings, 2 metrics worse" in lines
    i = lines.index("#### Got worse")
    assert lines[i + 2:i + 5] == ["| intent | metric | before | after | when |", "|---|---|---|---|---|",
                                  "| `outage` | resolve_probability | 33.3% | 25.0% | Mon-Fri 08:00-16:00 |"]
    assert "- `mobistar.yaml`:25: + option 4 of `main` -> facilities" in lines
    assert any(x.startswith("- :x: **error** `after-hours-trap` (IVM204) at ") for x in lines)


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "menus").mkdir()
    (tmp_path / "menus" / "m.yaml").write_text(MOBISTAR)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "menus")
    (tmp_path / "menus" / "m.yaml").write_text(CHANGED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_git_revision(repo):
    r = ivrmaze("diff", "HEAD:menus/m.yaml", "menus/m.yaml")
    assert r.exit_code == 1
    assert "HEAD:menus/m.yaml:54:5: error: at these times callers who want `remove-container`" in r.output
    assert "menus/m.yaml:55:5: error: at these times" in r.output
    folders = json.loads(ivrmaze("diff", "HEAD:menus", "menus", "--format", "json").output)
    assert folders["summary"]["worse"] == 2 and folders["changes"][0]["file"] == "m.yaml"


def test_new_file_in_a_pull_request(repo):
    (repo / "menus" / "extra.yaml").write_text(MOBISTAR)
    r = ivrmaze("diff", "HEAD:menus/extra.yaml", "menus/extra.yaml", "--format", "json")
    data = json.loads(r.output)
    assert data["changes"] == [{"change": "added", "what": "file", "file": "extra.yaml", "node": None, "key": None,
                                "old": None, "new": 9, "line": 0}]
    assert data["notes"] == ["metrics not compared: HEAD:menus/extra.yaml does not exist"]
    assert r.exit_code == 1  # its traps are new errors


def test_broken_new_side(pair):
    pair[1].write_text(MOBISTAR.replace("next: main", "next: mian"))
    res = diff(str(pair[0]), str(pair[1]))
    assert [(u.side, u.label, [p.kind for p in u.problems]) for u in res.unloaded] == [
        ("NEW", str(pair[1]), ["reference"])]
    # fails closed: nothing compared, so nothing is "fixed", and no --fail-on lets it pass
    assert (res.changes, res.added, res.removed, res.moved, res.metrics) == ([], [], [], [], [])
    assert [res.exit_code(f) for f in (("never",), ("metrics",), ("any",))] == [2, 2, 2]
    assert diff(str(pair[1]), str(pair[0])).unloaded[0].side == "OLD"


@pytest.fixture
def menus_repo(tmp_path, monkeypatch):
    """The repository's menus committed; the working tree's mobistar menu gets ``    bogus: 1`` (issue 12)."""
    shutil.copytree(MENUS, tmp_path / "menus")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "menus")
    menu = tmp_path / "menus" / "mobistar-2011.yaml"
    menu.write_text(MOBISTAR.replace("    next: main\n", "    bogus: 1\n    next: main\n", 1))
    monkeypatch.chdir(tmp_path)
    return tmp_path


BOGUS = "menus/mobistar-2011.yaml:23:5: error: unknown key `bogus` in a say node"


def test_broken_menu_fails_closed_in_every_format(menus_repo):
    args = ("diff", "HEAD:menus", "menus", "--fail-on", "metrics")
    text = ivrmaze(*args)
    assert text.exit_code == 2
    lines = text.output.splitlines()
    assert lines[:3] == ["ivrmaze diff HEAD:menus -> menus: cannot compare", "", "NEW (menus) does not load (1 error):"]
    assert lines[3].startswith(f"  {BOGUS}") and lines[3].endswith("[unknown-key IVM103]")
    assert lines[-1].startswith("Result: cannot compare (NEW (menus) does not load (1 error)); fix the files first")
    assert "passes" not in text.output and "removed" not in text.output and "fixed" not in text.output
    md = ivrmaze(*args, "--format", "markdown")
    assert md.exit_code == 2
    assert md.output.startswith("### ivrmaze diff: cannot compare, NEW does not load\n")
    assert f"at `{BOGUS.split(': ')[0]}`: unknown key `bogus`" in md.output
    assert "fixed" not in md.output and "Passes" not in md.output and "removed" not in md.output
    js = ivrmaze(*args, "--format", "json")
    data = json.loads(js.output)
    assert js.exit_code == 2 and data["result"]["fails"] is True
    assert data["result"]["reasons"] == ["NEW (menus) does not load (1 error)"]
    assert [(u["side"], u["label"], [p["kind"] for p in u["problems"]]) for u in data["unloaded"]] == [
        ("new", "menus", ["unknown-key"])]
    assert data["findings"] == {"added": [], "removed": [], "moved": []} and data["changes"] == []
    gh = ivrmaze(*args, "--format", "github")
    assert gh.exit_code == 2
    assert gh.output.splitlines() == [
        "::error title=ivrmaze diff::NEW (menus) does not load (1 error); nothing compared",
        "::error file=menus/mobistar-2011.yaml,line=23,col=5,title=unknown-key IVM103::unknown key `bogus` in a "
        "say node, expected one of `can_fail`, `end`, `next`, `on_error`, `resolves`, `say`"]


def test_broken_old_side_is_named_and_nothing_is_fixed(menus_repo):
    git(menus_repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "broken")
    (menus_repo / "menus" / "mobistar-2011.yaml").write_text(MOBISTAR)  # the pull request repairs it
    r = ivrmaze("diff", "HEAD:menus", "menus", "--format", "json", "--fail-on", "never")
    data = json.loads(r.output)
    assert r.exit_code == 2 and [u["side"] for u in data["unloaded"]] == ["old"]
    assert data["unloaded"][0]["problems"][0]["file"] == "HEAD:menus/mobistar-2011.yaml"
    assert data["findings"]["removed"] == []  # its findings were never computed: not "fixed"
    r = ivrmaze("diff", "HEAD:menus", "menus")
    assert "OLD (HEAD:menus) does not load (1 error):\n  HEAD:menus/mobistar-2011.yaml:23:5: error:" in r.output


def test_unchanged_files_are_not_reported_changed(menus_repo):
    (menus_repo / "menus" / "mobistar-2011.yaml").write_text(MOBISTAR.replace(
        "Welcome to Mobistar.", "Welcome to Mobistar!"))
    data = json.loads(ivrmaze("diff", "HEAD:menus", "menus", "--format", "json").output)
    assert {c["file"] for c in data["changes"]} == {"mobistar-2011.yaml"}
    assert data["findings"] == {"added": [], "removed": [], "moved": []} and data["unloaded"] == []
    gh = ivrmaze("diff", "HEAD:menus", "menus", "--format", "github")
    assert gh.exit_code == 0 and gh.output.splitlines() == ["::notice title=ivrmaze diff::Result: passes"]


@pytest.mark.parametrize("args, says", [
    (["nope.yaml", "menus/mobistar-2011.yaml"], "nope.yaml: no such file or folder"),
    (["nosuchrev:menus/mobistar-2011.yaml", "menus/mobistar-2011.yaml"], "nosuchrev: not a git revision"),
    (["menus/mobistar-2011.yaml", "menus/mobistar-2011.yaml", "--fail-on", "worse"], "'worse' is not one of"),
])
def test_usage_errors(args, says, monkeypatch):
    monkeypatch.chdir(MENUS.parent)
    r = ivrmaze("diff", *args)
    assert r.exit_code == 2 and says in r.stderr


def test_not_a_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(MOBISTAR)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    r = ivrmaze("diff", "HEAD:m.yaml", "m.yaml")
    assert r.exit_code == 2 and "not inside a git repository" in r.stderr


def test_at_one_instant(pair):
    # The outage line gets worse only while the office is open (Mon-Fri 08:00-17:00 on the new side).
    week = diff(str(pair[0]), str(pair[1]))
    assert week.at is None and any(m.intent == "outage" for m in week.worse)
    sat = diff(str(pair[0]), str(pair[1]), at="Sat 10:00")
    assert sat.at == "Sat 10:00" and sat.metrics == []
    assert [c.text() for c in sat.changes] == [c.text() for c in week.changes]  # structure as ever
    mon = diff(str(pair[0]), str(pair[1]), at="Mon 16:30")
    assert [(m.intent, m.metric, m.old, m.new, m.change, m.when) for m in mon.worse] == [
        ("outage", "resolve_probability", 1.0, 0.25, "worse", ("Mon 16:30",))]
    # findings of that instant: a trap found then is a trap, not an after-hours trap
    assert sorted(f.kind for f in mon.removed) == ["silent-bounce", "trap", "unresolvable-intent"]
    assert all(f.kind != "after-hours-trap" for f in mon.added + mon.removed)


def test_at_on_the_command_line(pair):
    r = ivrmaze("diff", pair[0], pair[1], "--at", "Sat 10:00", "--fail-on", "metrics")
    assert r.exit_code == 0, r.output
    assert r.output.startswith(f"ivrmaze diff {pair[0]} -> {pair[1]} at Sat 10:00\nAt Sat 10:00 only: ")
    assert "Got worse" not in r.output and "Menu changes (4):" in r.output
    r = ivrmaze("diff", pair[0], pair[1], "--at", "Mon 16:30", "--fail-on", "metrics")
    assert r.exit_code == 1
    assert "Got worse (1):\n  `outage`: resolve_probability 100.0% -> 25.0% at Mon 16:30\n" in r.output
    data = json.loads(ivrmaze("diff", pair[0], pair[1], "--at", "Mon 16:30", "--format", "json").output)
    assert data["at"] == "Mon 16:30" and data["summary"]["worse"] == 1
    assert data["metrics"][0]["when"] == ["Mon 16:30"]
    assert json.loads(ivrmaze("diff", pair[0], pair[1], "--format", "json").output)["at"] is None
    md = ivrmaze("diff", pair[0], pair[1], "--at", "2011-04-25T10:00", "--format", "markdown").output.splitlines()
    assert md[2] == f"`{pair[0]}` → `{pair[1]}` at **2011-04-25 10:00 (Mon, a holiday)**"
    assert md[4].startswith("_At 2011-04-25 10:00 (Mon, a holiday) only: ")


@pytest.mark.parametrize("at, says", [("Fry 16:30", "invalid day 'Fry'"), ("Mon 24:00", "invalid time"),
                                      ("2011-13-25", "invalid date"), ("soon", "expected now, an instant")])
def test_bad_at_is_a_usage_error(pair, at, says):
    r = ivrmaze("diff", pair[0], pair[1], "--at", at)
    assert r.exit_code == 2 and says in r.stderr and "--at" in r.stderr
    assert "Traceback" not in r.stderr + r.output and r.output == ""


def test_a_revision_of_platform_flows_is_read_by_content(tmp_path, monkeypatch):
    """Issue 13: `diff REV:folder` reads the revision's Connect flows (`.json`) and companion file,
    not only its `.yaml` menus."""
    line = pathlib.Path(__file__).parent / "fixtures" / "platforms" / "connect" / "line"
    shutil.copytree(line, tmp_path / "flows")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "flows")
    flow = tmp_path / "flows" / "open_hours.json"
    flow.write_text(flow.read_text(encoding="utf-8").replace('"Text": "', '"Text": "Changed. ', 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(ivrmaze("diff", "HEAD:flows", "flows", "--format", "json").output)
    assert not data["unloaded"]
    assert [(c["file"], c["what"]) for c in data["changes"]] == [("open_hours.json", "text")]
