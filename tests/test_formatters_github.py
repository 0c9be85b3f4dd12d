"""`--format github`: workflow-command annotations, escaped as the Actions toolkit does."""
import pytest
from clirun import ivrmaze
from conftest import maze_finding

from ivrmaze import Finding
from ivrmaze.formatters import default_format
from ivrmaze.formatters.github import annotation, escape_data, escape_property, format_findings


def test_annotation_shape():
    f = maze_finding("trap", "callers with intent `outage` go round forever", "menus/x.yaml", 12, 5, node="billing")
    assert annotation(f) == ("::error file=menus/x.yaml,line=12,col=5,title=trap IVM203::"
                             "callers with intent `outage` go round forever")


@pytest.mark.parametrize("severity, command", [("error", "error"), ("warning", "warning"), ("info", "notice")])
def test_severity_picks_the_command(severity, command):
    f = maze_finding("dead-end", "m", "x.yaml", 1, 1, severity=severity)
    assert annotation(f).startswith(f"::{command} ")


def test_escaping_in_message_and_properties():
    f = Finding("type", "100% wrong,\r\nsee: here", "dir,a:b/x%.yaml", 2, 3)
    assert annotation(f) == ("::error file=dir%2Ca%3Ab/x%25.yaml,line=2,col=3,title=type IVM105::"
                             "100%25 wrong,%0D%0Asee: here")
    assert escape_data("a%b\nc") == "a%25b%0Ac"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_whole_file_finding_has_no_line():
    assert annotation(Finding("file", "no such file", "x.yaml")) == "::error file=x.yaml,title=file IVM100::no such file"


def test_one_line_per_finding():
    fs = [maze_finding("trap", "a", "x.yaml", 1, 1), maze_finding("dead-end", "b", "x.yaml", 2, 1)]
    assert format_findings(fs, files=["x.yaml"], tool_version="0").splitlines() == [annotation(f) for f in fs]
    assert format_findings([], files=[], tool_version="0") == ""


@pytest.mark.parametrize("env, expected", [({"GITHUB_ACTIONS": "true"}, "github"), ({}, "text"),
                                           ({"GITHUB_ACTIONS": "false"}, "text")])
def test_default_format(env, expected):
    assert default_format(env) == expected


def test_validate_picks_github_under_github_actions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: hi\n    nxt: main\n")
    res = ivrmaze("validate", "bad.yaml", env={"GITHUB_ACTIONS": "true"})
    assert res.exit_code == 2
    assert res.output.startswith("::error file=bad.yaml,line=6,col=5,title=unknown-key IVM103::unknown key `nxt`")
    plain = ivrmaze("validate", "bad.yaml", env={"GITHUB_ACTIONS": ""})
    assert plain.output.startswith("bad.yaml:6:5: error: unknown key `nxt`")
