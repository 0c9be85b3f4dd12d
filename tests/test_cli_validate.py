"""`ivrmaze validate`: exact output, exit codes (0 clean, 2 a file that does not load or usage), JSON, folders."""
import hashlib
import json
import os
import subprocess
import sys

import pytest
from clirun import ivrmaze
from conftest import MENUS, ROOT

import ivrmaze as ivrmaze_api
from ivrmaze.cli import main
from ivrmaze.load.walk import is_menu

GOOD = "ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: Welcome.\n"
BAD = "ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: Welcome.\n    nxt: hangup\n"
BAD_OUTPUT = (
    "bad.yaml:6:5: error: unknown key `nxt` in a say node (did you mean `next`?), expected one of `can_fail`, `end`, `next`, "
    "`on_error`, `resolves`, `say` [unknown-key IVM103]\n"
    "  |     nxt: hangup\n"
    "  |     ^\n"
    "1 problem in 1 of 1 file\n"
)


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def test_clean_file(here):
    (here / "good.yaml").write_text(GOOD)
    run = ivrmaze("validate", "good.yaml")
    assert (run.exit_code, run.output) == (0, "1 file valid, no problems\n")


def test_problem_is_printed_with_position_and_caret(here):
    (here / "bad.yaml").write_text(BAD)
    run = ivrmaze("validate", "bad.yaml")
    assert (run.exit_code, run.output) == (2, BAD_OUTPUT)


def test_every_problem_of_every_file_in_one_run(here):
    (here / "a.yaml").write_text("ivrmaze: 1\nnodes:\n  main: {say: x, next: nowhere}\n")
    (here / "b.yaml").write_text("ivrmaze: 3\nnodes:\n  main: {say: x}\n")
    (here / "c.yaml").write_text(GOOD)
    run = ivrmaze("validate", "a.yaml", "b.yaml", "c.yaml")
    assert run.exit_code == 2
    firsts = [line for line in run.output.splitlines() if not line.startswith("  |")]
    assert firsts == [
        "a.yaml:3:24: error: `next` of node `main` goes to `nowhere`, which is not defined, expected a node id "
        "under `nodes:` or `hangup` [reference IVM107]",
        "b.yaml:1:10: error: format version 3 is not supported, expected `ivrmaze: 1` [version IVM112]",
        "2 problems in 2 of 3 files",
    ]


def test_json_format(here):
    (here / "bad.yaml").write_text(BAD)
    (here / "good.yaml").write_text(GOOD)
    run = ivrmaze("validate", "--format", "json", "bad.yaml", "good.yaml")
    assert run.exit_code == 2
    data = json.loads(run.output)
    assert data["files"] == ["bad.yaml", "good.yaml"]
    assert data["summary"] == {"files": 2, "nodes": 2, "errors": 1, "warnings": 0, "infos": 0, "worst_case_hops": None}
    assert data["findings"] == [{
        "kind": "unknown-key", "severity": "error", "code": "IVM103",
        "message": "unknown key `nxt` in a say node (did you mean `next`?), expected one of `can_fail`, `end`, `next`, `on_error`, `resolves`, `say`",
        "file": "bad.yaml", "line": 6, "column": 5, "node": "main", "intent": None, "intents": [], "when": None,
        "nodes": [], "platform": None,
    }]


def test_json_format_clean(here):
    (here / "good.yaml").write_text(GOOD)
    run = ivrmaze("validate", "--format", "json", "good.yaml")
    assert run.exit_code == 0
    assert json.loads(run.output)["findings"] == []


def test_folders_are_searched_recursively(here):
    (here / "lines" / "nl" / "deep").mkdir(parents=True)
    (here / "lines" / ".hidden").mkdir()
    (here / "lines" / "a.yaml").write_text(GOOD)
    (here / "lines" / "nl" / "b.yml").write_text(GOOD)
    (here / "lines" / "nl" / "deep" / "c.yaml").write_text(BAD)
    (here / "lines" / "nl" / "notes.txt").write_text("not a menu")
    (here / "lines" / ".hidden" / "d.yaml").write_text("broken: [")
    run = ivrmaze("validate", "--format", "json", "lines")
    assert run.exit_code == 2
    data = json.loads(run.output)
    assert data["files"] == ["lines/a.yaml", "lines/nl/b.yml", "lines/nl/deep/c.yaml"]
    assert [f["file"] for f in data["findings"]] == ["lines/nl/deep/c.yaml"]


def test_external_files_are_loaded_and_counted(here):
    (here / "a.yaml").write_text("ivrmaze: 1\nentry: main\nnodes:\n  main: {external: b.yaml}\n")
    (here / "b.yaml").write_text("ivrmaze: 1\nentry: desk\nnodes:\n  desk: {queue: Partner, bogus: 1}\n")
    run = ivrmaze("validate", "a.yaml")
    assert run.exit_code == 2
    assert run.output.startswith("b.yaml:4:26: error: unknown key `bogus` in a queue node")
    assert run.output.endswith("1 problem in 1 of 2 files\n")


def test_nonexistent_path_exits_2(here):
    run = ivrmaze("validate", "missing.yaml")
    assert run.exit_code == 2
    assert "missing.yaml: no such file or folder" in run.stderr


def test_no_paths_is_a_usage_error(here):
    run = ivrmaze("validate")
    assert run.exit_code == 2
    assert "Missing argument" in run.stderr


def test_unknown_format_is_a_usage_error(here):
    (here / "good.yaml").write_text(GOOD)
    assert ivrmaze("validate", "--format", "xml", "good.yaml").exit_code == 2


def test_unreadable_file_exits_2(here, monkeypatch):
    (here / "secret.yaml").write_text(GOOD)
    monkeypatch.setattr(os, "access", lambda *_: False)  # tests may run as root
    run = ivrmaze("validate", "secret.yaml")
    assert run.exit_code == 2
    assert "secret.yaml" in run.stderr and "not readable" in run.stderr


def test_main_exits_with_the_codes(here, capsys):
    (here / "good.yaml").write_text(GOOD)
    (here / "bad.yaml").write_text(BAD)
    for args, code in ((["validate", "good.yaml"], 0), (["validate", "bad.yaml"], 2),
                       (["validate", "nope.yaml"], 2), (["validate"], 2)):
        with pytest.raises(SystemExit) as info:
            main(args)
        assert info.value.code == code, args
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err


def _module(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "ivrmaze", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=60)


def test_python_dash_m_ivrmaze(here):
    (here / "bad.yaml").write_text(BAD)
    (here / "good.yaml").write_text(GOOD)
    bad = _module("validate", "bad.yaml", cwd=here)
    assert (bad.returncode, bad.stdout) == (2, BAD_OUTPUT)
    good = _module("validate", "good.yaml", cwd=here)
    assert (good.returncode, good.stdout) == (0, "1 file valid, no problems\n")
    missing = _module("validate", "nope.yaml", cwd=here)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_example_menus_validate_clean():
    run = ivrmaze("validate", "--format", "json", MENUS)
    assert run.exit_code == 0, run.output
    names = {os.path.basename(f) for f in json.loads(run.output)["files"]}
    assert {"mobistar-2011.yaml", "telecom-provider.yaml", "telecom-partner.yaml", "coolblue-charging.yaml",
            "postnl.yaml", "t-mobile.yaml"} <= names


def test_mobistar_file_is_the_issue_text_unchanged():
    data = (MENUS / "mobistar-2011.yaml").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "890946e1c052b37a2c51e4cc3c9f518ca2b4550f8d8a0a96fb583ffa50f1509b"


@pytest.mark.parametrize("text, menu", [
    ("ivrmaze: 1\nnodes: {}\n", True),
    ("\ufeffivrmaze: 1\n", True),  # after a byte-order mark
    ("# a comment\n---\n'ivrmaze': 1\n", True),  # quoted, after a document marker
    ('"ivrmaze" : 1\n', True),
    ("nodes:\n  main: {say: 'unclosed}\nivrmaze: 1\n", True),  # a syntax error elsewhere: still a menu
    ("name: Helpdesk\nnodes:\n  main: {say: x}\n", True),  # a menu that lost its version line: told so
    ("repos:\n  - repo: local\n", False),
    ("name: ci\non: push\njobs:\n  x:\n    ivrmaze: 1\n", False),  # nested, not top-level
    ("ivrmazes: 1\n'nodes\": 1\n", False),
    ("", False),
])
def test_is_menu_is_a_top_level_ivrmaze_key(here, text, menu):
    (here / "f.yaml").write_text(text, encoding="utf-8")
    assert is_menu("f.yaml") is menu


def test_files_named_that_are_not_menus_are_skipped_with_a_note(here):
    (here / "good.yaml").write_text(GOOD)
    (here / "bad.yaml").write_text(BAD)
    (here / "compose.yaml").write_text("services:\n  web: {image: x}\n")
    run = ivrmaze("validate", "compose.yaml", "good.yaml")
    assert (run.exit_code, run.output) == (0, "1 file valid, no problems\n")
    assert run.stderr == ("note: compose.yaml: skipped, not a menu (no top-level `ivrmaze:` key); "
                          "name it with --all to read it as one\n")
    run = ivrmaze("validate", "compose.yaml", "bad.yaml")  # a broken menu is still reported
    assert run.exit_code == 2 and "unknown key `nxt`" in run.output
    run = ivrmaze("validate", "--all", "compose.yaml")
    assert run.exit_code == 2 and "compose.yaml:1:1: error: unknown key `services`" in run.output
    assert run.stderr == ""
    run = ivrmaze("check", "compose.yaml", "good.yaml")
    assert run.exit_code == 0 and "in 1 file (" in run.output and "note: compose.yaml: skipped" in run.stderr
    run = ivrmaze("check", "--all", "compose.yaml", "good.yaml")
    assert run.exit_code == 2 and "unknown key `services`" in run.output


def test_a_folder_walk_and_the_library_read_every_yaml_file_as_a_menu(here):
    (here / "menus").mkdir()
    (here / "menus" / "compose.yaml").write_text("services: {}\n")
    run = ivrmaze("validate", "menus")
    assert run.exit_code == 2 and "unknown key `services`" in run.output
    maze = ivrmaze_api.load(["menus/compose.yaml"], strict=False)
    assert not maze.ok
