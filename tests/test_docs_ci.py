"""docs/ci.md and .pre-commit-hooks.yaml: the workflow is a valid GitHub workflow whose ivrmaze
steps run as written in a real git repository; the pre-commit files load with pre-commit's own
loader and the hook's command works."""
import json
import os
import re
import shutil
import stat
import subprocess
import sys

import jsonschema
import pytest
from conftest import ROOT
from docblocks import blocks
from pre_commit.clientlib import load_config, load_manifest
from render_support import under_ci

from ivrmaze.source import parse

DOC = blocks((ROOT / "docs" / "ci.md").read_text())
[WORKFLOW] = [b.text for b in DOC if "workflow" in b.info]
[BASELINE_WORKFLOW] = [b.text for b in DOC if "workflow-baseline" in b.info]
SESSIONS = {b.info["ci-session"]: b.text for b in DOC if "ci-session" in b.info}
[PRE_COMMIT] = [b.text for b in DOC if "pre-commit-config" in b.info]
[MENU] = [b.text for b in blocks((ROOT / "docs" / "testing.md").read_text()) if b.info.get("file") == "menus/helpdesk.yaml"]
SCHEMA = json.loads((ROOT / "tests" / "data" / "github-workflow.schema.json").read_text())
SARIF = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())


def workflow(text=WORKFLOW):
    return parse("menus.yaml", text).data  # keys as written: `on` stays "on"


@pytest.mark.parametrize("text", [WORKFLOW, BASELINE_WORKFLOW], ids=["pull-request", "baseline"])
def test_workflow_is_a_valid_github_workflow(text):
    jsonschema.Draft7Validator(SCHEMA).validate(workflow(text))


@pytest.fixture
def shim(tmp_path):
    """An `ivrmaze` command on PATH that runs this checkout (as `pip install ivrmaze` would)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "ivrmaze"
    exe.write_text(f"#!/bin/sh\nexec {sys.executable} -m ivrmaze \"$@\"\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT),
            "GITHUB_ACTIONS": "true"}


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture
def pull_request(tmp_path):
    """A repository whose origin/main has menus/helpdesk.yaml; the working tree is the pull request."""
    repo = tmp_path / "repo"
    (repo / "menus").mkdir(parents=True)
    (repo / "menus" / "helpdesk.yaml").write_text(MENU)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "menus")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    return repo


def run_steps(repo, env, text=WORKFLOW):
    """Run the workflow's ivrmaze steps as GitHub would (bash -e), on a pull request to main."""
    results = []
    for step in workflow(text)["jobs"]["ivrmaze"]["steps"]:
        run = step.get("run", "")
        if not run.startswith("ivrmaze"):
            continue
        step_env = {k: re.sub(r"\$\{\{\s*github\.base_ref\s*\}\}", "main", str(v))
                    for k, v in step.get("env", {}).items()}
        p = subprocess.run(["bash", "-e", "-c", run], cwd=repo, env={**env, **step_env}, capture_output=True,
                           text=True, timeout=120)
        results.append((step.get("name", run), p))
    return results


def test_workflow_steps_pass_on_a_harmless_change(pull_request, shim):
    menu = pull_request / "menus" / "helpdesk.yaml"
    # option 0, announced in the prompt (an unannounced key would be a new warning: wired-not-announced)
    menu.write_text(MENU.replace('      "2": refunds\n', '      "2": refunds\n      "0": callback\n')
                    .replace("for refunds press 2.", "for refunds press 2, to be called back press 0."))
    results = run_steps(pull_request, shim)
    assert [name for name, _ in results] == [
        "Check the menus (annotations on the pull request)", "Findings for code scanning",
        "What this change does to callers", "Draw the change", "Fail when callers are worse off"]
    if shutil.which("dot") is None and not under_ci():  # the workflow installs Graphviz first
        draw = dict(results).pop("Draw the change")
        assert draw.returncode == 2 and "Graphviz's `dot` is not installed" in draw.stderr
        results = [(name, p) for name, p in results if name != "Draw the change"]
    else:
        picture = (pull_request / "menus-diff.svg").read_text()
        assert 'class="edge role&#45;caller mark&#45;added"' in picture  # option 0, drawn green
    for name, p in results:
        assert p.returncode == 0, (name, p.stdout, p.stderr)
    jsonschema.Draft4Validator(SARIF).validate(json.loads((pull_request / "ivrmaze.sarif").read_text()))
    comment = (pull_request / "ivrmaze-diff.md").read_text()
    assert comment.startswith("### ivrmaze diff: 0 worse, 0 better, 0 new findings, 0 fixed\n")
    assert "- `helpdesk.yaml`:29: + option 0 of `main` -> callback" in comment


def test_workflow_steps_fail_when_callers_are_worse_off(pull_request, shim):
    menu = pull_request / "menus" / "helpdesk.yaml"
    # after hours, callers now get the main menu, and the closed teams send them back to it
    menu.write_text(MENU.replace("closed: after-hours", "closed: main").replace("    closed: callback\n", "    closed: main\n"))
    by_name = dict(run_steps(pull_request, shim))
    check = by_name["Check the menus (annotations on the pull request)"]
    assert check.returncode == 1
    assert "::error file=menus/helpdesk.yaml,line=" in check.stdout
    assert "title=after-hours-trap IVM204::" in check.stdout and "title=expectation IVM301::" in check.stdout
    assert by_name["Findings for code scanning"].returncode == 0  # exit 1 is expected there
    assert by_name["What this change does to callers"].returncode == 0  # --fail-on never: the comment is written
    gate = by_name["Fail when callers are worse off"]
    assert gate.returncode == 1 and "Got worse" in gate.stdout
    assert (pull_request / "ivrmaze-diff.md").read_text().startswith("### ivrmaze diff: ")


def test_pre_commit_manifest_and_config_load(tmp_path):
    [hook] = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert (hook["id"], hook["entry"], hook["language"], hook["require_serial"]) == (
        "ivrmaze", "ivrmaze check", "python", True)
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("menus/a.yaml", "b.yml"))
    assert not any(files.search(p) for p in ("a.json", "yaml.txt", "menus/a.yaml.bak"))
    cfg = tmp_path / ".pre-commit-config.yaml"
    cfg.write_text(PRE_COMMIT)
    [repo] = load_config(str(cfg))["repos"]
    assert repo["hooks"][0]["id"] == hook["id"]


def test_pre_commit_entry_checks_the_files_it_is_given(tmp_path, shim):
    [hook] = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    good = tmp_path / "helpdesk.yaml"
    good.write_text(MENU)
    bad = tmp_path / "bad.yaml"
    bad.write_text(MENU.replace("next: callback", "next: calback"))
    env = {**shim, "GITHUB_ACTIONS": ""}
    ok = subprocess.run([*hook["entry"].split(), str(good)], env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = subprocess.run([*hook["entry"].split(), str(good), str(bad)], env=env, capture_output=True, text=True)
    assert broken.returncode == 2 and "goes to `calback`, which is not defined" in broken.stdout


# The helpdesk with known problems today: after hours, callers get the main menu, and the closed
# teams send them back to it (an after-hours trap, silent bounces, failed expectations).
KNOWN = MENU.replace("closed: after-hours", "closed: main").replace("    closed: callback\n", "    closed: main\n")
# The pull request of docs/ci.md: a team `shop` (option 3) whose agents can only send callers to Repairs.
SHOP = (KNOWN.replace('      "2": refunds\n', '      "2": refunds\n      "3": shop\n')
        .replace("  refunds:\n", "  shop:\n    queue: Shop\n    transfers: [repairs]\n\n  refunds:\n")
        .replace("for refunds press 2.", "for refunds press 2, for the shop press 3."))
BOGUS = MENU.replace("  hello:\n", "  hello:\n    bogus: 1\n", 1)


def session(text):
    """(command, expected output) per `$ ` line of a console block."""
    out = []
    for line in text.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            out[-1][1].append(line)
    return [(cmd, "\n".join(lines)) for cmd, lines in out]


def play(repo, env, text):
    """Run a console block's commands in ``repo`` (stdout and stderr together, as a terminal shows
    them; `echo $?` prints the exit code of the command before it): (command, output, expected)."""
    rc, results = 0, []
    for cmd, expected in session(text):
        if cmd == "echo $?":
            got = str(rc)
        else:
            p = subprocess.run(["bash", "-c", cmd + " 2>&1"], cwd=repo, env={**env, "GITHUB_ACTIONS": ""},
                               capture_output=True, text=True, timeout=120)
            rc, got = p.returncode, p.stdout.rstrip("\n")
        results.append((cmd, got, expected))
    return results


def assert_played(results):
    for cmd, got, expected in results:
        assert got == expected, f"$ {cmd}\n--- docs/ci.md says:\n{expected}\n--- it prints:\n{got}"


def test_broken_menu_diff_session(pull_request, shim):
    assert "adds `    bogus: 1` under `hello`" in (ROOT / "docs" / "ci.md").read_text()
    (pull_request / "menus" / "helpdesk.yaml").write_text(BOGUS)
    results = play(pull_request, shim, SESSIONS["broken-diff"])
    assert [cmd for cmd, _, _ in results] == ["ivrmaze diff HEAD:menus menus --fail-on metrics", "echo $?"]
    assert results[1][1] == "2"
    assert_played(results)


@pytest.fixture
def known(tmp_path):
    (tmp_path / "menus").mkdir()
    (tmp_path / "menus" / "helpdesk.yaml").write_text(KNOWN)
    return tmp_path


def test_baseline_sessions(known, shim):
    first = play(known, shim, SESSIONS["baseline"])
    assert [cmd.split()[:2] for cmd, _, _ in first][:2] == [["ivrmaze", "check"], ["echo", "$?"]]
    assert first[1][1] == "1" and first[-1][1] == "0"  # fails without the baseline, passes with it
    assert_played(first)
    (known / "menus" / "helpdesk.yaml").write_text(SHOP)
    new = play(known, shim, SESSIONS["baseline-new"])
    assert new[-1][1] == "1"
    assert_played(new)


def test_baseline_workflow_steps(known, shim):
    subprocess.run(["ivrmaze", "baseline", "menus", "-o", "ivrmaze-baseline.json"], cwd=known, env=shim, check=True,
                   capture_output=True)
    results = run_steps(known, shim, BASELINE_WORKFLOW)
    assert [name for name, _ in results] == ["Check the menus against the baseline (annotations for new findings)",
                                             "Findings for code scanning (new, unchanged and absent)"]
    for name, p in results:
        assert p.returncode == 0, (name, p.stdout, p.stderr)
    assert p.stdout == "" and results[0][1].stdout == ""  # nothing new: no annotation
    log = json.loads((known / "ivrmaze.sarif").read_text())
    jsonschema.Draft4Validator(SARIF).validate(log)
    assert {r["baselineState"] for r in log["runs"][0]["results"]} == {"unchanged"}
    (known / "menus" / "helpdesk.yaml").write_text(SHOP)
    check, scan = (p for _, p in run_steps(known, shim, BASELINE_WORKFLOW))
    assert check.returncode == 1 and scan.returncode == 0
    [line] = check.stdout.splitlines()
    assert line.startswith("::error file=menus/helpdesk.yaml,line=") and "title=after-hours-trap IVM204::" in line
    states = [r["baselineState"] for r in json.loads((known / "ivrmaze.sarif").read_text())["runs"][0]["results"]]
    assert sorted(set(states)) == ["absent", "new", "unchanged"]


def test_pre_commit_entry_skips_yaml_that_is_not_a_menu(tmp_path, shim):
    """A commit that touches the pre-commit configuration and a workflow besides a menu: the hook is
    given all three and checks the menu only; named with --all, the others are read as menus."""
    [hook] = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    (tmp_path / ".git").mkdir()
    cfg = tmp_path / ".pre-commit-config.yaml"
    cfg.write_text(PRE_COMMIT)
    flow = tmp_path / ".github" / "workflows" / "menus.yml"
    flow.parent.mkdir(parents=True)
    flow.write_text(WORKFLOW)
    menu = tmp_path / "menus" / "helpdesk.yaml"
    menu.parent.mkdir()
    menu.write_text(MENU)
    files = re.compile(hook["files"])
    given = [p.relative_to(tmp_path).as_posix() for p in (cfg, flow, menu)]
    assert all(files.search(p) for p in given)  # the hook's pattern lets all three through
    env = {**shim, "GITHUB_ACTIONS": ""}
    run = subprocess.run([*hook["entry"].split(), *given], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "in 1 file (" in run.stdout
    for p in given[:2]:
        assert f"note: {p}: skipped, not a menu (no top-level `ivrmaze:` key)" in run.stderr
    assert "helpdesk" not in run.stderr
    only = subprocess.run([*hook["entry"].split(), *given[:2]], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert only.returncode == 0 and "in 0 files" in only.stdout, only.stdout + only.stderr
    strict = subprocess.run([*hook["entry"].split(), "--all", *given], cwd=tmp_path, env=env, capture_output=True,
                            text=True)
    assert strict.returncode == 2 and "note:" not in strict.stderr
    assert ".pre-commit-config.yaml:1:1: error: the file has no `ivrmaze`" in strict.stdout
    assert "unknown key `jobs` in the file" in strict.stdout
