"""The `check` and `report` commands on exact output and exit codes, and .ivrmaze.yaml
problems as the command shows them. The menus are those of the check cases
(tests/cases/checks/)."""
from __future__ import annotations

import json
import pathlib
import textwrap

import pytest
import yaml
from clirun import ivrmaze as run_cli

CASES = pathlib.Path(__file__).parent / "cases" / "checks"


def case_menu(check: str, name: str) -> str:
    return yaml.safe_load((CASES / f"{check}.yaml").read_text(encoding="utf-8"))["menus"][name]


BASTA = case_menu("trap", "basta")
DEAD_END_MESSAGE = case_menu("dead-end", "goodbye-after-wrong-keys")
CHARGER = case_menu("unresolvable-intent", "charger")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Every test runs in its own empty folder (paths in findings are relative to it), with no
    .ivrmaze.yaml above it and outside GitHub Actions (which would switch the output format)."""
    for parent in [tmp_path, *tmp_path.parents]:
        assert not (parent / ".ivrmaze.yaml").exists(), f"{parent}/.ivrmaze.yaml would change every limit"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def write(name: str, text: str) -> str:
    p = pathlib.Path(name)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return name


@pytest.mark.parametrize("config, where, words", [
    ("max_hops: -1\n", "1:11", "`max_hops` is -1, expected a whole number of 0 or more"),
    ("max_hops: 3\nmax_hops: 4\n", "2:1", "`max_hops` is given twice (first at line 1)"),
    ("checks:\n  trap: maybe\n", "2:9", "`trap` is 'maybe', expected true, false, error, warning or info"),
    ("checks:\n  dead-ends: info\n", "2:3", "unknown check `dead-ends` (did you mean `dead-end`?)"),
    ("max_option: 3\n", "1:1", "unknown limit `max_option` (did you mean `max_options`?)"),
    ("checks: [trap]\n", "1:9", "`checks` is a list, expected a mapping"),
    ("max_hops: [3\n", "1:11", "invalid YAML"),
    ("max_hops: true\n", "1:11", "`max_hops` is true, expected a whole number"),
    ("[1, 2]\n", "1:1", "the settings are a list, expected a mapping such as `max_hops: 5`"),
    ("limits: 3\n", "1:9", "the settings are a number, expected a mapping"),
    ("max_hops: 3\nlimits:\n  max_hops: 2\n", "2:1", "`limits` next to other settings"),
])
def test_invalid_ivrmaze_yaml_exits_2_with_a_positioned_message(config, where, words):
    write(".ivrmaze.yaml", config)
    write("example.yaml", CHARGER)
    r = run_cli("check", "example.yaml")
    assert r.exit_code == 2
    first = r.output.splitlines()[0]
    assert first.startswith(f".ivrmaze.yaml:{where}: error: "), r.output
    assert first.endswith("[config IVM113]")
    assert words in first
    assert "  | " in r.output  # the source line with a caret


@pytest.mark.parametrize("config", ["", "# max_hops: 3\n\n# checks: {dead-end: info}\n"])
def test_an_empty_ivrmaze_yaml_has_no_settings(config):
    write(".ivrmaze.yaml", config)
    write("example.yaml", CHARGER)
    r = run_cli("check", "example.yaml")
    assert r.exit_code == 1
    assert "[unresolvable-intent IVM206]" in r.output and ".ivrmaze.yaml" not in r.output



CLEAN = """
    ivrmaze: 1
    entry: main
    intents:
      invoice: A question about an invoice
    nodes:
      main:
        menu: For invoices press 1.
        options: {"1": billing}
      billing:
        queue: Billing
        resolves: [invoice]
    """


def test_check_clean_exit_0():
    write("example.yaml", CLEAN)
    r = run_cli("check", "example.yaml")
    assert (r.exit_code, r.output) == (0, "0 errors, 0 warnings in 1 file (2 nodes); worst case: 1 hop\n")


def test_check_warnings_exit_0_and_strict_exit_1():
    write("example.yaml", DEAD_END_MESSAGE)
    expected = (
        "example.yaml:14:3: warning: dead end at `goodbye`: the call ends after this message without "
        "resolving any intent, expected a route to a team, message or callback that resolves the caller's intent, "
        "or an honest end (a closing message on a `closed` route, a callback, or `end: intended` on the node) "
        "[dead-end IVM202]\n"
        "  |   goodbye:\n"
        "  |   ^\n"
        "0 errors, 1 warning in 1 file (3 nodes); worst case: 1 hop\n")
    r = run_cli("check", "example.yaml")
    assert (r.exit_code, r.output) == (0, expected)
    r = run_cli("check", "--strict", "example.yaml")
    assert (r.exit_code, r.output) == (1, expected)
    # an info never fails, not even with --strict
    write(".ivrmaze.yaml", "checks: {dead-end: info}\n")
    r = run_cli("check", "--strict", "example.yaml")
    assert r.exit_code == 0
    assert "info: dead end" in r.output


def test_check_errors_exit_1_with_when_lines():
    write("example.yaml", BASTA)
    r = run_cli("check", "example.yaml")
    assert r.exit_code == 1
    assert r.output == (
        "example.yaml:28:5: error: at these times callers who want `remove-container` go round forever among main, "
        "billing and switchboard; closed teams send callers back (switchboard (closed) -> main), expected a way to a "
        "resolution or an honest end (a callback, a closing message on a `closed` route, or `end: intended`) [after-hours-trap IVM204]\n"
        "  |     closed: main\n"
        "  |     ^\n"
        "  = when: Mon-Fri 16:00-20:00; 2011-04-25 08:00-20:00 (holiday)\n"
        "example.yaml:28:5: warning: team `switchboard` is closed at Mon-Thu 16:00-08:00; Fri 16:00-Mon 08:00; "
        "2011-04-25 (holiday) and sends callers back to `main` without a word (switchboard (closed) -> main), "
        "expected a closed message that gives the hours, a callback, or no way to it while it is closed "
        "[silent-bounce IVM211]\n"
        "  |     closed: main\n"
        "  |     ^\n"
        "  = when: Mon-Thu 16:00-08:00; Fri 16:00-Mon 08:00; 2011-04-25 (holiday)\n"
        "1 error, 1 warning in 1 file (5 nodes); worst case: 2 hops\n")


def test_check_at_an_instant_prints_no_when_lines():
    write("example.yaml", BASTA)
    r = run_cli("check", "example.yaml", "--at", "Fri 16:30")
    assert r.exit_code == 1
    assert "= when:" not in r.output
    assert "[trap IVM203]" in r.output and "[after-hours-trap" not in r.output
    assert r.output.splitlines()[-1] == "2 errors, 1 warning in 1 file (5 nodes) at Fri 16:30; worst case: 1 hop"


def test_check_a_trap_downgraded_to_a_warning_passes():
    write("example.yaml", BASTA)
    write(".ivrmaze.yaml", "checks: {after-hours-trap: warning}\n")
    assert run_cli("check", "example.yaml").exit_code == 0
    assert run_cli("check", "example.yaml", "--strict").exit_code == 1


def test_check_load_error_exit_2():
    write("example.yaml", 'ivrmaze: 1\nentry: main\nnodes:\n  main:\n    menu: Press 1.\n    options: {"1": biling}\n')
    r = run_cli("check", "example.yaml")
    assert r.exit_code == 2
    assert r.output == (
        "example.yaml:6:20: error: option `1` of node `main` goes to `biling`, which is not defined, expected a node "
        "id under `nodes:` or `hangup` [reference IVM107]\n"
        "  |     options: {\"1\": biling}\n"
        "  |                    ^\n"
        "1 problem in the menu files stops the analysis: fix it first\n")


@pytest.mark.parametrize("args, words", [
    (["--at", "Fri 25:00"], "invalid time in --at 'Fri 25:00', expected HH:MM from 00:00 to 23:59"),
    (["--at", "Fri-Mo 10:00-11:00"], "invalid --at 'Fri-Mo 10:00-11:00', expected now, an instant"),
    (["--at", "Fry 10:00"], "invalid day 'Fry'"),
    (["--max-hops", "-1"], "-1"),
    (["--enable", "no-such-check"], "no-such-check"),
])
def test_check_usage_errors_exit_2(args, words):
    write("example.yaml", CLEAN)
    r = run_cli("check", "example.yaml", *args)
    assert r.exit_code == 2
    assert words in r.stderr
    assert r.output == ""


def test_check_missing_path_exit_2():
    r = run_cli("check", "nowhere.yaml")
    assert r.exit_code == 2
    assert "nowhere.yaml: no such file or folder" in r.stderr


def test_check_json():
    write("example.yaml", BASTA)
    r = run_cli("check", "example.yaml", "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["files"] == ["example.yaml"]
    assert [(f["kind"], f["severity"], f["code"], f["file"], f["line"], f["column"], f["node"], f["intent"],
             f["when"], f["nodes"]) for f in data["findings"]] == [
        ("after-hours-trap", "error", "IVM204", "example.yaml", 28, 5, "switchboard", "remove-container",
         ["Mon-Fri 16:00-20:00", "2011-04-25 08:00-20:00 (holiday)"], ["main", "billing", "switchboard"]),
        ("silent-bounce", "warning", "IVM211", "example.yaml", 28, 5, "switchboard", None,
         ["Mon-Thu 16:00-08:00", "Fri 16:00-Mon 08:00", "2011-04-25 (holiday)"], ["switchboard", "main"]),
    ]
    assert data["summary"]["files"] == 1
    assert data["summary"]["nodes"] == 5  # as declared; the built-in hangup is not counted
    assert (data["summary"]["errors"], data["summary"]["warnings"]) == (1, 1)
    assert data["summary"]["worst_case_hops"] == 2
    keys = {"file", "intent", "when", "best_hops", "guaranteed_hops", "resolve_probability", "expected_hops",
            "retells"}
    assert all(keys <= set(m) for m in data["intents"])
    rows = {(m["intent"], tuple(m["when"])): m for m in data["intents"]}
    office = rows[("remove-container", ("Mon-Fri 08:00-16:00",))]
    assert (office["best_hops"], office["guaranteed_hops"], office["resolve_probability"], office["retells"]) == \
        (2, 2, 1.0, 1)


def test_check_json_at_an_instant_has_one_row_per_intent():
    write("example.yaml", BASTA)
    data = json.loads(run_cli("check", "example.yaml", "--format", "json", "--at", "Fri 16:30").output)
    assert [(m["intent"], m["when"], m["best_hops"]) for m in data["intents"]] == [
        ("remove-container", ["Fri 16:30"], None), ("invoice", ["Fri 16:30"], 1)]
    assert {f["kind"] for f in data["findings"]} == {"trap", "unresolvable-intent", "silent-bounce"}
    assert all(f["when"] == ["Fri 16:30"] for f in data["findings"])


def test_report_text():
    write("example.yaml", "name: Head office line\n" + textwrap.dedent(BASTA).lstrip("\n"))
    r = run_cli("report", "example.yaml")
    assert r.exit_code == 0
    table = r.output.split("\n\nbest: fewest hops")[0]
    assert table == (
        'Head office line (example.yaml, entry main)\n'
        'intent            when                                           best  guaranteed  resolves  expected  retells\n'
        '----------------  ---------------------------------------------  ----  ----------  --------  --------  -------\n'
        'remove-container  Mon-Fri 08:00-16:00                               2           2    100.0%       2.5        1\n'
        '                  Mon-Fri 16:00-20:00                               -           -      0.0%         -        -\n'
        '                  2011-04-25 08:00-20:00 (holiday)\n'
        '                  Mon-Thu 20:00-08:00                               -           -      0.0%         5        -\n'
        '                  Fri 20:00-Mon 08:00\n'
        '                  2011-04-25 00:00-08:00, 20:00-24:00 (holiday)\n'
        'invoice           Mon-Fri 08:00-16:00                               1           1     50.0%       1.5        0\n'
        '                  Mon-Fri 16:00-20:00                               1           1    100.0%         3        0\n'
        '                  2011-04-25 08:00-20:00 (holiday)\n'
        '                  Mon-Thu 20:00-08:00                               -           -      0.0%         5        -\n'
        '                  Fri 20:00-Mon 08:00\n'
        '                  2011-04-25 00:00-08:00, 20:00-24:00 (holiday)'
    )


def test_report_json_and_at():
    write("example.yaml", BASTA)
    r = run_cli("report", "example.yaml", "--format", "json", "--at", "Mon 10:00")
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["at"] == "Mon 10:00"
    got = [(m["intent"], m["when"], m["best_hops"], m["guaranteed_hops"], m["resolve_probability"],
            m["expected_hops"], m["retells"]) for m in data["intents"]]
    assert got == [("remove-container", ["Mon 10:00"], 2, 2, 1.0, 2.5, 1),
                   ("invoice", ["Mon 10:00"], 1, 1, 0.5, 1.5, 0)]


def test_report_exit_2_on_load_errors_and_bad_at():
    write("example.yaml", CLEAN)
    r = run_cli("report", "example.yaml", "--at", "someday")
    assert r.exit_code == 2 and "invalid --at 'someday'" in r.stderr
    write("broken.yaml", "ivrmaze: 1\nnodes: {}\nentry: nowhere\n")
    assert run_cli("report", "broken.yaml").exit_code == 2
