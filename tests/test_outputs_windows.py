"""Issue 12 point 3: every output says when a finding holds (annotations, SARIF, diff), and under
GitHub Actions a Markdown summary is appended to ``$GITHUB_STEP_SUMMARY``."""
import json

import pytest
from clirun import ivrmaze
from conftest import ROOT, maze_finding

from ivrmaze.formatters import sarif, when_text, with_when
from ivrmaze.formatters.github import annotation, step_summary

TIMED = maze_finding("after-hours-trap", "callers who want `balance` go round forever", "menus/x.yaml", 3, 1,
                     intent="balance", when=("Mon-Fri 16:00-20:00", "Sat all day"))
ALWAYS = maze_finding("trap", "callers who want `outage` go round forever", "menus/x.yaml", 9, 5, intent="outage")
MENU = ROOT / "menus" / "mobistar-2011.yaml"


@pytest.fixture(autouse=True)
def _no_real_summary(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)  # under a real CI run: not its summary page


def test_the_one_window_format():
    assert with_when("m", TIMED) == "m (when: Mon-Fri 16:00-20:00; Sat all day)"
    assert with_when("m", ALWAYS) == "m"
    assert when_text(TIMED) == "Mon-Fri 16:00-20:00; Sat all day"
    assert when_text(ALWAYS) == "always"


def test_annotation_says_when():
    assert annotation(TIMED).endswith("::callers who want `balance` go round forever "
                                      "(when: Mon-Fri 16:00-20:00; Sat all day)")
    assert annotation(ALWAYS).endswith("::callers who want `outage` go round forever")


def test_sarif_message_and_properties_say_when():
    results = sarif.sarif_log([TIMED, ALWAYS], files=["menus/x.yaml"], tool_version="0")["runs"][0]["results"]
    assert results[0]["message"]["text"].endswith("(when: Mon-Fri 16:00-20:00; Sat all day)")
    assert results[0]["properties"]["when"] == ["Mon-Fri 16:00-20:00", "Sat all day"]
    assert results[1]["message"]["text"] == "callers who want `outage` go round forever"
    assert results[1]["properties"]["when"] is None


def test_check_annotations_carry_the_windows_of_real_findings():
    run = ivrmaze("check", MENU, "--format", "json")
    timed = [f for f in json.loads(run.output)["findings"] if f["when"]]
    assert timed, "the menu has findings at some times only"
    lines = ivrmaze("check", MENU, "--format", "github").output.splitlines()
    for f in timed:
        assert any(line.endswith(f"(when: {'; '.join(f['when'])})") for line in lines), f


def test_step_summary_is_appended_under_github_actions(tmp_path):
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(target)}
    run = ivrmaze("check", MENU, env=env)
    assert run.output.startswith("::")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### ivrmaze check: ")
    doc = json.loads(ivrmaze("check", MENU, "--format", "json").output)
    s = doc["summary"]
    assert f"{s['errors']} error" in text.splitlines()[1] and f"{s['warnings']} warning" in text.splitlines()[1]
    assert "| line | intent | when |" in text
    rows = [line for line in text.splitlines() if line.startswith("| menus/mobistar-2011.yaml phone | ")]
    assert {r.split(" | ")[1] for r in rows} == {m["intent"] for m in doc["intents"]}  # every intent has its rows
    ivrmaze("validate", MENU, env=env)
    assert target.read_text(encoding="utf-8").startswith(text)  # appended again, never replaced
    assert "### ivrmaze validate: 0 errors" in target.read_text(encoding="utf-8")


def test_no_step_summary_outside_github_format(tmp_path):
    target = tmp_path / "summary.md"
    ivrmaze("check", MENU, "--format", "text", env={"GITHUB_STEP_SUMMARY": str(target)})
    assert not target.exists()


def test_step_summary_escapes_menu_text():
    hostile = maze_finding("trap", "go to [x](http://evil) <img src=x> @team", "menus/a|b.yaml", 2, 1,
                           intent="x", when=("Mon 09:00-10:00",))
    text = step_summary("ivrmaze check", [hostile])
    assert "](http" not in text.replace("`[x](http://evil)`", "")
    assert "<img" not in text.replace("`<img`", "")
    assert " @team" not in text
    assert "(when: Mon 09:00-10:00)" in text


def test_step_summary_lists_the_worst_first():
    many = [maze_finding("no-zero-out", f"w{i}", "x.yaml", i, 1) for i in range(1, 20)]
    text = step_summary("t", [*many, ALWAYS])
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) == 10 and items[0].startswith("- **error**")
    assert "The worst 10 findings" in text


def test_diff_findings_say_when(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "line.yaml").write_text(
        "ivrmaze: 1\nentry: main\nintents:\n  outage: Report an outage\nnodes:\n  main:\n    say: Hello.\n"
        "    resolves: [outage]\n", encoding="utf-8")
    (tmp_path / "new" / "line.yaml").write_text(MENU.read_text(encoding="utf-8"), encoding="utf-8")
    doc = json.loads(ivrmaze("diff", tmp_path / "old", tmp_path / "new", "--format", "json").output)
    timed = [f for f in doc["findings"]["added"] if f["when"]]
    assert timed, "the new side has findings at some times only"
    text = ivrmaze("diff", tmp_path / "old", tmp_path / "new").output
    markdown = ivrmaze("diff", tmp_path / "old", tmp_path / "new", "--format", "markdown").output
    for f in timed:
        assert f"(when: {'; '.join(f['when'])})" in text
        assert f"(when: {'; '.join(f['when'])})" in markdown.replace("`", "")
