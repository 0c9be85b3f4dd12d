"""Issue 9 for the outputs: what ivrmaze prints cannot inject (terminal, CI log, GitHub annotations,
Markdown), `diff REV:path` writes only inside its temporary folder, `-o` and `demo` write safely,
and Ctrl-C exits 130. Each test fails on the code before the fix."""
import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile

import pytest
from clirun import ivrmaze
from conftest import MENUS

import ivrmaze as lib
from ivrmaze.cli import main
from ivrmaze.diff import open_side
from ivrmaze.findings import Finding
from ivrmaze.formatters import markdown as md
from ivrmaze.formatters.github import annotation
from ivrmaze.formatters.text import source_lines

MOBISTAR = (MENUS / "mobistar-2011.yaml").read_text()
EVIL = "[click](https://evil.example) ![t](https://evil.example/p.png) @someone"


def git(cwd, *args, input=None):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          input=input).stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "menus").mkdir()
    (tmp_path / "menus" / "m.yaml").write_text(MOBISTAR)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "menus")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def crafted_commit(repo, entries):
    """A commit whose root tree holds ``menus`` (as HEAD has it) and ``entries``: (mode, type, oid, name)."""
    menus = git(repo, "rev-parse", "HEAD:menus")
    lines = [f"040000 tree {menus}\tmenus", *(f"{m} {t} {o}\t{n}" for m, t, o, n in entries)]
    root = git(repo, "mktree", input="\n".join(lines) + "\n")
    return git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit-tree", root, "-m", "crafted")


# -- point 3: git used safely -------------------------------------------------------------------
def test_a_tree_entry_named_dot_dot_is_refused_before_anything_is_written(repo, monkeypatch):
    blob = git(repo, "hash-object", "-w", "--stdin", input=MOBISTAR)
    inner = git(repo, "mktree", input=f"100644 blob {blob}\tescaped.yaml\n")
    commit = crafted_commit(repo, [("040000", "tree", inner, "..")])
    tmp = repo / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    r = ivrmaze("diff", f"{commit}:menus", "menus")
    assert not (tmp / "escaped.yaml").exists()  # the temporary folder's parent is untouched
    assert r.exit_code == 2 and "entry named '../escaped.yaml'" in r.stderr
    assert list(tmp.iterdir()) == []  # and the temporary folder is gone


def test_symbolic_links_in_a_revision_are_not_followed(repo):
    link = git(repo, "hash-object", "-w", "--stdin", input="/etc/hostname")
    menus = git(repo, "rev-parse", "HEAD:menus")
    blob = git(repo, "rev-parse", "HEAD:menus/m.yaml")
    tree = git(repo, "mktree", input=f"100644 blob {blob}\tm.yaml\n120000 blob {link}\tlink.yaml\n")
    commit = crafted_commit(repo, [("040000", "tree", tree, "more")])
    assert menus != tree
    with contextlib.ExitStack() as stack:
        side = open_side(f"{commit}:more", stack)
        assert sorted(side.key(p) for p in side.maze.files) == ["m.yaml"]


def test_a_revision_starting_with_a_dash_is_refused_and_never_given_to_git(repo, monkeypatch):
    calls = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: calls.append(args) or real(args, **kw))
    r = ivrmaze("diff", "--", "--output=x:menus/m.yaml", "menus/m.yaml")
    assert r.exit_code == 2 and "a revision cannot start with '-'" in r.stderr
    assert not any("--output=x" in a for args in calls for a in args)


def test_git_gets_end_of_options_before_the_revision(repo, monkeypatch):
    calls = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: calls.append(list(args)) or real(args, **kw))
    assert ivrmaze("diff", "HEAD:menus", "menus").exit_code == 0
    ls = next(a for a in calls if "ls-tree" in a)
    assert ls.index("--end-of-options") == ls.index("HEAD") - 1


# -- point 5: output that cannot inject -----------------------------------------------------------
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_text_output_escapes_control_characters_in_messages(tmp_path):
    menu = write(tmp_path / "m.yaml", 'ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: hi\n'
                                      '    next: "gone\\e]0;owned\\a\\e[2J"\n')
    r = ivrmaze("validate", "--format", "text", menu)
    assert r.exit_code == 2 and r.output
    assert not RAW.search(r.output), r.output
    assert "\\x1b" in r.output


def test_snippets_show_bidi_overrides_escaped(tmp_path):
    menu = write(tmp_path / "m.yaml", "ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: hi\n    n\u202ext: main\n")
    r = ivrmaze("validate", "--format", "text", menu)
    assert r.exit_code == 2
    assert r.output.splitlines()[1:3] == ["  |     n\\u202ext: main", "  |     ^"]
    assert "unknown key `n\\u202ext`" in r.output and not RAW.search(r.output)


def test_call_transcript_escapes_prompts(tmp_path):
    menu = write(tmp_path / "m.yaml", 'ivrmaze: 1\nentry: main\nnodes:\n  main:\n'
                                      '    say: "Hello\\e]52;c;c2VjcmV0\\a\\e[1A"\n    next: hangup\n')
    r = ivrmaze("call", menu, "--at", "Mon 10:00", "--keys", "")
    assert r.exit_code == 0, r.output + r.stderr
    assert "Hello\\x1b]52;c;c2VjcmV0\\x07\\x1b[1A" in r.output
    assert not RAW.search(r.output)


@pytest.mark.parametrize("sep", ["\n", "\r", "\x85", "\u2028", "\x1b[2K\r"])
def test_a_github_annotation_never_starts_a_second_command(sep):
    f = Finding("reference", f"goes to `x`{sep}::error file=a.yaml::Security review PASSED", "m.yaml", 3, 5)
    line = annotation(f)
    assert not RAW.search(line) and line.splitlines() == [line]  # splitlines also splits at NEL and U+2028
    assert line.startswith("::error file=m.yaml,line=3,col=5,")


def test_snippets_come_only_from_the_mazes_own_menu_files(tmp_path):
    secret = write(tmp_path / "secret.env", "TOKEN=ghp_abcdef\n")
    menu = write(tmp_path / "m.yaml", "ivrmaze: 1\nentry: main\nnodes:\n  main:\n    external: {file: secret.env}\n")
    r = ivrmaze("validate", "--format", "text", menu)
    assert "ghp_abcdef" not in r.output + r.stderr
    lines_of = source_lines(lib.load(str(menu), strict=False))
    assert lines_of(str(secret)) is None and lines_of("/etc/hostname") is None


# -- point 6: Markdown injection --------------------------------------------------------------------
def outside_code_spans(text):
    """The Markdown with its code spans removed (a run of n backticks closes on a run of exactly n)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "`":
            n = len(text[i:]) - len(text[i:].lstrip("`"))
            close = re.compile(rf"(?<!`){'`' * n}(?!`)").search(text, i + n)
            if close:
                i = close.end()
                continue
            out.append(text[i:i + n])
            i += n
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


@pytest.mark.parametrize("change", [
    ("say: Welcome to Mobistar.", f"say: \"Welcome ``{EVIL}` <img src=x> | a |\""),  # a prompt (the file stays valid)
    ('"3": switchboard', f'"3": switchboard\n      "4": "{EVIL}"'),  # a target (a reference error)
])
def test_markdown_diff_makes_no_link_image_or_mention(tmp_path, change):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = write(tmp_path / "old" / "m.yaml", MOBISTAR)
    new = write(tmp_path / "new" / "m.yaml", MOBISTAR.replace(*change))
    r = ivrmaze("diff", old, new, "--format", "markdown")
    if change[0].startswith("say"):
        assert "evil.example" in r.output and "@someone" in r.output
    plain = outside_code_spans(r.output)
    for markup in ("](", "![", "@someone", "<img", "evil.example"):
        assert markup not in plain, r.output


@pytest.mark.parametrize("text", ["a`b", "``", "`x`", " y ", EVIL, "x | y", "www.evil.example"])
def test_code_spans_hold_any_text(text):
    span = md.code(text)
    fence = len(span) - len(span.lstrip("`"))
    assert span.startswith("`" * fence) and span.endswith("`" * fence)
    assert "`" * fence not in span[fence:-fence]
    assert span[fence:-fence].strip(" ") == text.strip(" ") or span[fence:-fence] == f" {text} "


# -- point 7: safe writes -----------------------------------------------------------------------------
def test_a_planted_temporary_name_is_never_written_through(tmp_path):
    victim = write(tmp_path / "victim.txt", "keep me")
    out = tmp_path / "m.dot"
    os.symlink(victim, f"{out}.tmp-{os.getpid()}")
    assert ivrmaze("render", MENUS / "mobistar-2011.yaml", "-o", out).exit_code == 0
    assert victim.read_text() == "keep me" and out.read_text().startswith("digraph")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["victim.txt", "m.dot", f"m.dot.tmp-{os.getpid()}"])


def test_a_symlink_at_the_output_path_is_refused(tmp_path):
    victim = write(tmp_path / "victim.dot", "keep me")
    link = tmp_path / "m.dot"
    os.symlink(victim, link)
    r = ivrmaze("render", MENUS / "mobistar-2011.yaml", "-o", link)
    assert r.exit_code == 2 and "is a symbolic link" in r.stderr
    assert os.path.islink(link) and victim.read_text() == "keep me"


@pytest.mark.parametrize("name, says", [
    ("flow.json", "menu file format ivrmaze reads (.json)"),
    ("asterisk.conf", "menu file format ivrmaze reads (.conf)"),
    ("menu.YAML", "is a YAML file"),
])
def test_never_writes_over_menu_formats(tmp_path, name, says):
    target = write(tmp_path / name, "keep me")
    r = ivrmaze("render", MENUS / "mobistar-2011.yaml", "-o", target, "--format", "dot")
    assert r.exit_code == 2 and says in r.stderr
    assert target.read_text() == "keep me"


def test_never_replaces_what_is_not_its_own_output(tmp_path):
    notes = write(tmp_path / "notes.txt", "keep me")
    r = ivrmaze("render", MENUS / "mobistar-2011.yaml", "-o", notes, "--format", "dot")
    assert r.exit_code == 2 and "is not an output of this command" in r.stderr
    fifo = tmp_path / "pipe.dot"
    os.mkfifo(fifo)
    r = ivrmaze("render", MENUS / "mobistar-2011.yaml", "-o", fifo)
    assert r.exit_code == 2 and "is not a regular file" in r.stderr
    assert notes.read_text() == "keep me" and not os.path.isfile(fifo)
    diagram = write(tmp_path / "m.svg", "<svg/>")  # a diagram is not a review page
    r = ivrmaze("review", MENUS / "mobistar-2011.yaml", "-o", diagram)
    assert r.exit_code == 2 and "not an output of this command (a .html/.htm file)" in r.stderr
    assert diagram.read_text() == "<svg/>"


def test_schema_output_is_checked_too(tmp_path):
    menu = write(tmp_path / "menu.yaml", "keep me")
    flow = write(tmp_path / "flow.json", '{"Version": "2019-10-30", "Actions": []}')
    for target in (menu, flow):
        r = ivrmaze("schema", "-o", target)
        assert r.exit_code == 2, r.output
    assert menu.read_text() == "keep me" and flow.read_text().startswith('{"Version"')
    schema = tmp_path / "s.json"
    assert ivrmaze("schema", "-o", schema).exit_code == 0
    assert ivrmaze("schema", "-o", schema).exit_code == 0  # its own output is replaced


# -- point 8: demo ------------------------------------------------------------------------------------
def no_dot(monkeypatch):
    import ivrmaze.cli.commands.demo as demo
    monkeypatch.setattr(demo, "have_dot", lambda: False)


def test_demo_gives_lines_with_the_same_file_name_distinct_outputs(tmp_path, monkeypatch):
    no_dot(monkeypatch)
    for sub in ("a", "b"):
        (tmp_path / "lines" / sub).mkdir(parents=True)
        write(tmp_path / "lines" / sub / "main.yaml", MOBISTAR)
    r = ivrmaze("demo", tmp_path / "lines", "-o", tmp_path / "out")
    assert r.exit_code == 0, r.output + r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a-main.dot", "b-main.dot"]


def test_demo_never_writes_over_a_part_reached_through_external(tmp_path, monkeypatch):
    no_dot(monkeypatch)
    menus = tmp_path / "menus"
    (menus / "out").mkdir(parents=True)
    part = write(menus / "out" / "main.dot", "ivrmaze: 1\nnodes:\n  bye:\n    say: Bye.\n    next: hangup\n")
    write(menus / "main.yaml", "ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: hi\n"
                               "    next: away\n  away:\n    external: {file: out/main.dot, node: bye}\n")
    before = part.read_text()
    r = ivrmaze("demo", menus, "-o", menus / "out")
    assert part.read_text() == before
    # the loader refuses an `external` that is not a menu file, so the line is skipped, never drawn over it
    assert "skipped" in r.output and "out/main.dot" in r.output


def test_demo_says_when_the_output_folder_is_a_file(tmp_path):
    out = write(tmp_path / "out", "a file")
    r = ivrmaze("demo", MENUS, "-o", out)
    assert r.exit_code == 2 and "is a file, expected a folder" in r.stderr
    assert "internal error" not in r.stderr and out.read_text() == "a file"


# -- point 11: Ctrl-C ---------------------------------------------------------------------------------
def test_keyboard_interrupt_exits_130(monkeypatch, capsys):
    import ivrmaze.cli.commands.validate as validate

    def interrupted(paths):
        raise KeyboardInterrupt
    monkeypatch.setattr(validate, "load_maze", interrupted)
    with pytest.raises(SystemExit) as e:
        main(["validate", "x.yaml"])
    assert e.value.code == 130
    assert capsys.readouterr().err.strip().endswith("ivrmaze: interrupted")


def test_sigint_exits_130(tmp_path):
    code = ("import sys, time\nimport ivrmaze.cli.commands.validate as v\nfrom ivrmaze.cli import main\n"
            "def slow(paths):\n    print('ready', flush=True)\n    time.sleep(60)\n"
            "v.load_maze = slow\nmain(['validate', 'x.yaml'])\n")
    p = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    assert p.stdout.readline().strip() == "ready"
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    assert p.returncode == 130 and err.strip().endswith("ivrmaze: interrupted"), err
