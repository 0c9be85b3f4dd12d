"""Issue 9 for the loader: `external` confined to the project root (point 2), folder walks that
skip FIFOs, devices and links out of the project (point 10), and input that used to be
accepted silently (point 11). Each test fails on the loader before the issue."""
import os
import threading

import pytest
from clirun import ivrmaze as run_cli

import ivrmaze
from ivrmaze.checks import SETTINGS
from ivrmaze.errors import UsageError
from ivrmaze.load import load_files, menu_paths, project_root
from ivrmaze.words import display_path

MAIN = "ivrmaze: 1\nentry: main\nnodes:\n  main:\n    external: {target}\n"
PART = "ivrmaze: 1\nentry: desk\nnodes:\n  desk: {queue: Desk}\n"


def _project(tmp_path):
    """A project folder (it holds `.git`) with a menu part in it."""
    root = tmp_path / "proj"
    (root / "menus").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "menus" / "part.yaml").write_text(PART)
    return root


def _problems(path):
    return [(p.kind, p.line, p.column, p.message) for p in ivrmaze.load(str(path), strict=False).problems]


def _one(path, kind, line, column, *words):
    """The file has exactly one problem, of ``kind`` at ``line``:``column``, whose message has ``words``."""
    found = _problems(path)
    assert len(found) == 1, found
    assert found[0][:3] == (kind, line, column), found
    for w in words:
        assert w in found[0][3], found


def _with_timeout(fn, seconds=10):
    """Run ``fn``; fail (instead of hanging the suite) when it blocks, as reading a FIFO does."""
    out = {}

    def run():
        try:
            out["value"] = fn()
        except Exception as e:  # re-raised in the test's thread
            out["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "blocked (a FIFO was opened)"
    if "error" in out:
        raise out["error"]
    return out["value"]


# -- point 2: external stays inside the project ------------------------------------------------------
def test_external_absolute_path_is_refused_and_never_read(tmp_path):
    root = _project(tmp_path)
    menu = root / "menus" / "main.yaml"
    menu.write_text(MAIN.format(target="/proc/self/environ"))
    _one(menu, "reference", 5, 15, "external file `/proc/self/environ` is an absolute path", "expected a path")
    maze = ivrmaze.load(str(menu), strict=False)
    assert list(maze.files) == [display_path(menu)]  # the environment was never loaded as a file
    out = run_cli("validate", menu).output
    assert "external: /proc/self/environ" in out  # the snippet is the menu's own line
    with open("/proc/self/environ", "rb") as fh:
        secrets = [v for v in fh.read().decode("utf-8", "replace").split("\0") if len(v) > 8]
    assert not any(s in out for s in secrets)


def test_external_absolute_path_inside_the_project_is_refused_too(tmp_path):
    root = _project(tmp_path)
    menu = root / "menus" / "main.yaml"
    menu.write_text(MAIN.format(target=root / "menus" / "part.yaml"))
    _one(menu, "reference", 5, 15, "is an absolute path")


def test_external_dot_dot_out_of_the_project_is_refused(tmp_path):
    root = _project(tmp_path)
    (tmp_path / "secret.yaml").write_text("ivrmaze: 1\nentry: x\nnodes: {x: {say: TOKEN=abc}}\n")
    menu = root / "menus" / "main.yaml"
    menu.write_text(MAIN.format(target="../../secret.yaml"))
    _one(menu, "reference", 5, 15, "external file `../../secret.yaml` is outside the project folder")
    assert len(ivrmaze.load(str(menu), strict=False).files) == 1


def test_external_dot_dot_inside_the_project_still_works(tmp_path):
    root = _project(tmp_path)
    (root / "lines").mkdir()
    menu = root / "lines" / "main.yaml"
    menu.write_text(MAIN.format(target="../menus/part.yaml"))
    assert _problems(menu) == []


def test_external_link_that_resolves_outside_the_project_is_refused(tmp_path):
    root = _project(tmp_path)
    (tmp_path / "outside.yaml").write_text(PART)
    os.symlink(tmp_path / "outside.yaml", root / "menus" / "link.yaml")
    menu = root / "menus" / "main.yaml"
    menu.write_text(MAIN.format(target="link.yaml"))
    _one(menu, "reference", 5, 15, "external file `link.yaml` is a link to a file outside the project folder")


def test_external_fifo_is_refused_without_opening_it(tmp_path):
    root = _project(tmp_path)
    os.mkfifo(root / "menus" / "pipe.yaml")
    menu = root / "menus" / "main.yaml"
    menu.write_text(MAIN.format(target="pipe.yaml"))
    found = _with_timeout(lambda: _problems(menu))
    assert [f[:3] for f in found] == [("reference", 5, 15)]
    assert "external file `pipe.yaml` is a FIFO, not a regular file" in found[0][3]


def test_external_file_that_is_not_a_menu_file_is_never_read(tmp_path):
    root = _project(tmp_path)
    (root / "menus" / "secret.env").write_text("TOKEN=abc123\n")
    menu = root / "menus" / "main.yaml"
    menu.write_text(MAIN.format(target="secret.env"))
    _one(menu, "reference", 5, 15, "external file `secret.env` is not a menu file", "expected a path ending in .yaml")
    assert "TOKEN" not in run_cli("validate", menu).output


def test_project_root_is_the_nearest_folder_with_git_or_ivrmaze_yaml(tmp_path):
    root = _project(tmp_path)
    assert project_root([str(root / "menus" / "part.yaml")]) == str(root)
    (root / "menus" / ".ivrmaze.yaml").write_text("limits: {max_hops: 3}\n")
    assert project_root([str(root / "menus" / "part.yaml")]) == str(root / "menus")


def test_project_root_without_a_marker_is_the_common_folder_of_the_paths(tmp_path):
    (tmp_path / "a" / "x").mkdir(parents=True)
    (tmp_path / "a" / "y").mkdir()
    paths = [str(tmp_path / "a" / "x" / "m.yaml"), str(tmp_path / "a" / "y" / "n.yaml")]
    assert project_root(paths).endswith(os.path.join("a"))  # (unless tmp_path itself is in a repository)


def test_load_files_takes_the_root_it_is_given(tmp_path):
    root = _project(tmp_path)
    menu = root / "menus" / "main.yaml"
    menu.write_text(MAIN.format(target="part.yaml"))
    _, problems = load_files([str(menu)], SETTINGS, root=str(root / "menus"))
    assert problems == []
    (root / "lines").mkdir()
    menu2 = root / "lines" / "main.yaml"
    menu2.write_text(MAIN.format(target="../menus/part.yaml"))
    _, problems = load_files([str(menu2)], SETTINGS, root=str(root / "lines"))
    assert [p.message.split(",")[0] for p in problems] == ["external file `../menus/part.yaml` is outside the "
                                                           f"project folder `{display_path(root / 'lines')}`"]


# -- point 10: folder walks skip what is not a regular file in the project ---------------------------
def test_folder_walk_skips_a_fifo_with_a_warning(tmp_path):
    root = _project(tmp_path)
    os.mkfifo(root / "menus" / "x.yaml")
    maze = _with_timeout(lambda: ivrmaze.load(str(root / "menus"), strict=False))
    assert list(maze.files) == [display_path(root / "menus" / "part.yaml")]
    [w] = maze.problems
    assert (w.kind, w.severity, w.file, w.line) == ("file", "warning", display_path(root / "menus" / "x.yaml"), 0)
    assert w.message == "skipped: a FIFO, expected a regular menu file"
    assert maze.ok  # a warning: the rest still loads strictly
    run = _with_timeout(lambda: run_cli("validate", root / "menus"))
    assert (run.exit_code, run.output.splitlines()[-1]) == (0, "1 problem in 1 of 2 files")  # a warning only
    assert _with_timeout(lambda: run_cli("validate", "--strict", root / "menus")).exit_code == 1


def test_folder_walk_skips_a_link_out_of_the_project_with_a_warning(tmp_path):
    root = _project(tmp_path)
    (tmp_path / "outside.yaml").write_text(PART)
    os.symlink(tmp_path / "outside.yaml", root / "menus" / "out.yaml")
    os.symlink(root / "menus" / "part.yaml", root / "menus" / "in.yaml")  # a link inside is fine
    maze = ivrmaze.load(str(root / "menus"), strict=False)
    assert sorted(maze.files) == sorted(display_path(root / "menus" / n) for n in ("in.yaml", "part.yaml"))
    assert [(p.file, p.severity, p.message) for p in maze.problems] == [
        (display_path(root / "menus" / "out.yaml"), "warning",
         "skipped: a link to a file outside the project folder, expected a regular menu file")]


def test_a_fifo_given_directly_is_a_usage_error_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "x.yaml")
    with pytest.raises(UsageError, match="a FIFO, not a regular file"):
        _with_timeout(lambda: ivrmaze.load(str(tmp_path / "x.yaml")))


# -- point 11: silently accepted before ---------------------------------------------------------------
def test_version_one_point_zero_is_refused(tmp_path):
    menu = tmp_path / "m.yaml"
    menu.write_text("ivrmaze: 1.0\nnodes: {main: {say: Hi}}\n")
    _one(menu, "version", 1, 10, "format version 1.0 is not supported, expected `ivrmaze: 1`")


BAD_IDS = {
    "empty node id": ('nodes:\n  "": {say: Hi}\n', 4, 3, "node id is empty, expected letters, digits"),
    "space": ('nodes:\n  " ": {say: Hi}\n', 4, 3, "node id ` ` contains a space"),
    "inner space": ("nodes:\n  sales desk: {say: Hi}\n", 4, 3, "node id `sales desk` contains a space"),
    "newline": ('nodes:\n  "a\\nb": {say: Hi}\n', 4, 3, "node id `a\\x0ab` contains a newline"),
    "control": ('nodes:\n  "a\\x1b[2Jb": {say: Hi}\n', 4, 3, "node id `a\\x1b[2Jb` contains a control character"),
    "bidi": ('nodes:\n  "a\\u202eb": {say: Hi}\n', 4, 3, "node id `a\\u202eb` contains a control character"),
    "slash": ("nodes:\n  a/b: {say: Hi}\n", 4, 3, "node id `a/b` contains `/`"),
    "hangup in another case": ("nodes:\n  Hangup: {say: Hi}\n", 4, 3,
                               "node id `Hangup` is the built-in `hangup` in another case"),
    "intent id": ('intents:\n  "sales desk": x\nnodes:\n  main: {say: Hi}\n', 4, 3,
                  "intent id `sales desk` contains a space"),
    "schedule name": ('hours:\n  "office\\t": {mon: "08:00-17:00"}\nnodes:\n  main: {say: Hi}\n', 4, 3,
                      "schedule name `office\\x09` contains a tab"),
    "channel name": ('channels:\n  "chat\\n::error::x": main\nnodes:\n  main: {say: Hi}\n', 4, 3,
                     "channel name `chat\\x0a::error::x` contains a newline"),
}


@pytest.mark.parametrize("name", BAD_IDS)
def test_ids_outside_the_documented_pattern_are_refused_at_their_key(tmp_path, name):
    body, line, column, words = BAD_IDS[name]
    menu = tmp_path / "m.yaml"
    menu.write_text("ivrmaze: 1\nentry: main\n" + body)
    found = [f for f in _problems(menu) if f[1:3] == (line, column)]
    assert len(found) == 1, _problems(menu)
    assert words in found[0][3], found
    assert "\n" not in found[0][3] and "\x1b" not in found[0][3]


def test_a_refused_intent_or_schedule_is_reported_once(tmp_path):
    menu = tmp_path / "m.yaml"
    menu.write_text('ivrmaze: 1\nentry: main\nintents: {"a b": x}\nhours: {"o h": {mon: "08:00-17:00"}}\n'
                    'nodes:\n  main: {queue: Desk, hours: "o h", resolves: ["a b"]}\n')
    assert [f[:3] for f in _problems(menu)] == [("type", 3, 11), ("type", 4, 9)]


def test_accented_and_other_scripts_ids_still_load(tmp_path):
    menu = tmp_path / "m.yaml"
    menu.write_text("ivrmaze: 1\nentry: accueil\nintents: {facture: x}\n"
                    "nodes:\n  accueil: {say: Bonjour, next: équipe}\n  équipe: {queue: É, resolves: facture}\n"
                    "  窓口: {say: x}\n  e\u0301té: {say: x}\n  a_b-c.d:e: {say: x}\n")
    assert _problems(menu) == []


def test_a_folder_without_menu_files_is_a_usage_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(UsageError, match=f"no menu files found under {tmp_path}"):
        ivrmaze.load(str(tmp_path))
    run = run_cli("validate", tmp_path)
    assert run.exit_code == 2
    assert "no menu files found under" in run.stderr


def test_upper_case_extensions_are_menu_files(tmp_path):
    (tmp_path / "A.YAML").write_text(PART)
    (tmp_path / "b.YML").write_text(PART)
    maze = ivrmaze.load(str(tmp_path))
    assert sorted(os.path.basename(p) for p in maze.files) == ["A.YAML", "b.YML"]


GAP = "ivrmaze: 1\ntimezone: {zone}\nentry: main\nhours:\n  office:\n    {days}: \"{range}\"\nnodes:\n  main: {{queue: Desk, hours: office}}\n"


def _gap_warnings(tmp_path, zone, days, span):
    menu = tmp_path / "m.yaml"
    menu.write_text(GAP.format(zone=zone, days=days, range=span))
    return [(p.severity, p.line, p.column, p.message) for p in ivrmaze.load(str(menu), strict=False).problems]


def test_a_boundary_in_a_daylight_saving_gap_gets_a_warning(tmp_path):
    [w] = _gap_warnings(tmp_path, "Europe/Amsterdam", "sun", "02:30-17:00")
    assert w[:3] == ("warning", 6, 10)
    assert w[3].startswith("`02:30-17:00` opens at 02:30, which does not exist on the Sunday Europe/Amsterdam "
                           "moves its clocks forward (on 2020-03-29 02:00-03:00 is skipped)")
    assert w[3].endswith(", expected a time outside the daylight-saving gap")


def test_a_closing_time_past_midnight_is_checked_on_the_next_day(tmp_path):
    [w] = _gap_warnings(tmp_path, "America/New_York", "sat", "20:00-02:15")
    assert "closes at 02:15, which does not exist on the Sunday America/New_York" in w[3]


def test_boundaries_outside_the_gap_or_in_zones_without_one_get_no_warning(tmp_path):
    assert _gap_warnings(tmp_path, "Europe/Amsterdam", "sun", "03:00-17:00") == []
    assert _gap_warnings(tmp_path, "Europe/Amsterdam", "mon-sat", "02:30-17:00") == []
    assert _gap_warnings(tmp_path, "Asia/Tokyo", "sun", "02:30-17:00") == []
    assert _gap_warnings(tmp_path, "UTC", "sun", "02:30-17:00") == []


def test_text_quoted_from_the_file_in_a_message_is_escaped(tmp_path):
    menu = tmp_path / "m.yaml"
    menu.write_text('ivrmaze: 1\nentry: main\nnodes:\n  main: {say: Hi, next: "x\\n::error::PASSED", "k\\x1b]0;t": 1}\n')
    messages = [p.message for p in ivrmaze.load(str(menu), strict=False).problems]
    assert any("goes to `x\\x0a::error::PASSED`" in m for m in messages), messages
    assert any("unknown key `k\\x1b]0;t`" in m for m in messages), messages
    assert not any("\n" in m or "\x1b" in m for m in messages)


def test_check_reports_a_load_warning_and_still_analyses(tmp_path):
    menu = tmp_path / "m.yaml"
    menu.write_text(GAP.format(zone="Europe/Amsterdam", days="sun", range="02:30-17:00"))
    out = run_cli("check", menu).output
    assert "m.yaml:6:10: warning: `02:30-17:00` opens at 02:30" in out
    assert "dead end at `main`" in out  # the analysis ran


def test_a_named_link_to_a_file_outside_the_project_is_refused(tmp_path):
    # a pre-commit hook or a CI step names a pull request's files: one may be a link to a secret
    root = _project(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=abc\n")
    link = root / "menus" / "evil.yaml"
    os.symlink(secret, link)
    with pytest.raises(UsageError, match="is a link to a file outside the project folder"):
        menu_paths([str(link)])
    inside = root / "menus" / "in.yaml"
    os.symlink(root / "menus" / "part.yaml", inside)  # a link inside the project is read
    assert menu_paths([str(inside)])[0] == [str(inside)]
