"""The result cache of `ivrmaze check` (ivrmaze/cli/replay.py): a later run on unchanged inputs prints
exactly what a fresh run prints, and any change to an input, an option or the date runs afresh.

Runs are real command-line processes (the cache is only used by them). Whether a run was replayed is
told by the entry files: a replay leaves them as they are (same inode) and marks the one it used as
recently used (its time), a full run writes its entry anew through a temporary file and a rename.
"""
from __future__ import annotations

import ast
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import measure
from ivrmaze import cache, inputs, results, source
from ivrmaze.cli import replay

ROOT = Path(__file__).resolve().parent.parent
MENUS = ROOT / "menus"
ASTERISK = ROOT / "tests" / "fixtures" / "platforms" / "asterisk"


@dataclass
class Run:
    out: bytes
    err: bytes
    code: int
    replayed: bool


@pytest.fixture
def project(tmp_path):
    proj = tmp_path / "proj"
    (proj / ".git").mkdir(parents=True)
    shutil.copytree(MENUS, proj / "menus", ignore=shutil.ignore_patterns(".*"))
    flows = proj / "flows"
    flows.mkdir()
    for name in ("includes.conf", "includes-part.conf"):
        shutil.copy(ASTERISK / name, flows / name)
    return proj


def _entries(folder: Path) -> dict[str, int]:
    if not folder.is_dir():
        return {}
    return {p.name: p.stat().st_ino for p in folder.iterdir() if p.name.endswith(cache.RESULT_SUFFIX)}


def _age(folder: Path) -> None:
    for name in _entries(folder):
        os.utime(folder / name, (1000, 1000))


def _used(folder: Path) -> bool:
    return any((folder / name).stat().st_mtime > 1000 for name in _entries(folder))


def check(proj: Path, *args: str, cached: bool = True, env: dict[str, str] | None = None,
          python: list[str] | None = None) -> Run:
    """``ivrmaze check ARGS`` run in ``proj`` (with the cache in ``proj/../cache`` unless not ``cached``)."""
    folder = proj.parent / "cache"
    full = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "IVRMAZE_"))}
    full.update(PYTHONPATH=str(ROOT), IVRMAZE_CACHE_DIR=str(folder), **(env or {}))
    if not cached:
        full["IVRMAZE_NO_CACHE"] = "1"
    before = _entries(folder)
    _age(folder)
    p = subprocess.Popen([sys.executable, *(python or []), "-m", "ivrmaze", "check", *args], cwd=proj, env=full,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    out, err = p.communicate(timeout=300)
    wait_for_session(p.pid)  # the writer of the new entry, forked as the run ends: the entry is there now
    after = _entries(folder)
    return Run(out, err, p.returncode, replayed=bool(before) and before == after and _used(folder))


def wait_for_session(sid: int, timeout: float = 60) -> None:
    """Until the processes of session ``sid`` have ended (on Linux; elsewhere at once)."""
    deadline = time.monotonic() + timeout
    while measure.session(sid):
        assert time.monotonic() < deadline, "a process of the run is still there"
        time.sleep(0.01)


def same(a: Run, b: Run) -> bool:
    return (a.out, a.err, a.code) == (b.out, b.err, b.code)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_later_run_replays_exactly_what_a_fresh_run_prints(project, fmt):
    args = ("menus", "flows", "--format", fmt)
    fresh = check(project, *args, cached=False)
    first = check(project, *args)
    later = check(project, *args)
    assert not first.replayed and later.replayed
    assert same(first, fresh) and same(later, fresh)
    assert fresh.code == 1 and fresh.out


def test_the_step_summary_is_appended_again(project, tmp_path):
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true"}
    first = check(project, "menus", env=env)
    once = summary.read_text(encoding="utf-8")
    later = check(project, "menus", env=env)
    assert later.replayed and same(first, later)
    assert once.startswith("## ivrmaze check") or "ivrmaze check" in once
    assert summary.read_text(encoding="utf-8") == once * 2


def test_a_baseline_is_an_input(project):
    made = subprocess.run([sys.executable, "-m", "ivrmaze", "baseline", "menus", "-o", "base.json"], cwd=project,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "IVRMAZE_NO_CACHE": "1"}, capture_output=True)
    assert made.returncode == 0, made.stderr
    for fmt in ("text", "sarif"):
        args = ("menus", "--baseline", "base.json", "--format", fmt)
        first = check(project, *args)
        later = check(project, *args)
        assert later.replayed and same(first, later) and same(later, check(project, *args, cached=False))
    base = project / "base.json"
    doc = json.loads(base.read_text(encoding="utf-8"))
    doc["findings"] = doc["findings"][1:]  # one finding no longer accepted
    base.write_text(json.dumps(doc), encoding="utf-8")
    changed = check(project, "menus", "--baseline", "base.json")
    assert not changed.replayed and same(changed, check(project, "menus", "--baseline", "base.json", cached=False))


def _edit_menu(p: Path) -> None:
    f = p / "menus" / "postnl.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("ivrmaze: 1", "ivrmaze: 1\n# edited", 1), encoding="utf-8")


def _break_menu(p: Path) -> None:
    (p / "menus" / "postnl.yaml").write_text("ivrmaze: 1\nentry: nowhere\nnodes: {}\n", encoding="utf-8")


def _add_menu(p: Path) -> None:
    (p / "menus" / "sub").mkdir()
    (p / "menus" / "sub" / "new.yaml").write_text("ivrmaze: 1\nentry: a\nnodes:\n  a: {say: Bye}\n", encoding="utf-8")


def _add_config(p: Path) -> None:
    (p / ".ivrmaze.yaml").write_text("max_hops: 1\n", encoding="utf-8")


def _add_companion(p: Path) -> None:
    (p / "flows" / "ivrmaze-companion.yaml").write_text("intents: [billing]\n", encoding="utf-8")


def _change_include(p: Path) -> None:
    f = p / "flows" / "includes-part.conf"
    f.write_text(f.read_text(encoding="utf-8") + "\n[more]\nexten => s,1,Hangup()\n", encoding="utf-8")


def _link_out(p: Path) -> None:
    f = p / "menus" / "postnl.yaml"
    outside = p.parent / "outside.yaml"
    outside.write_bytes(f.read_bytes())
    f.unlink()
    f.symlink_to(outside)


MUTATIONS = [_edit_menu, _break_menu, _add_menu, _add_config, _add_companion, _change_include, _link_out]


@pytest.mark.parametrize("mutate", MUTATIONS, ids=[m.__name__.strip("_") for m in MUTATIONS])
def test_a_changed_input_runs_afresh(project, mutate):
    check(project, "menus", "flows")
    assert check(project, "menus", "flows").replayed
    mutate(project)
    changed = check(project, "menus", "flows")
    assert not changed.replayed
    assert same(changed, check(project, "menus", "flows", cached=False))
    assert check(project, "menus", "flows").replayed  # the new entry serves the next run


def test_the_config_file_s_change_runs_afresh(project):
    _add_config(project)
    check(project, "menus")
    (project / ".ivrmaze.yaml").write_text("max_hops: 2\n", encoding="utf-8")
    changed = check(project, "menus")
    assert not changed.replayed and same(changed, check(project, "menus", cached=False))


def test_other_options_and_formats_are_other_entries(project):
    check(project, "menus")
    for args in (("menus", "--strict"), ("menus", "--format", "json"), ("menus", "--max-hops", "2"),
                 ("menus/postnl.yaml",)):
        run = check(project, *args)
        assert not run.replayed and same(run, check(project, *args, cached=False))
    assert len(_entries(project.parent / "cache")) == 5


def test_the_clock_is_never_cached(project):
    check(project, "menus", "--at", "now")
    assert _entries(project.parent / "cache") == {}
    check(project, "menus", "--at", "Fri 16:30")
    assert len(_entries(project.parent / "cache")) == 1


def test_the_key_holds_the_date_the_arguments_and_the_folder(monkeypatch, tmp_path):
    key = replay._key(["check", "menus"])
    assert replay._key(["check", "menus"]) == key

    tomorrow = dt.date.fromordinal(dt.date.today().toordinal() + 1)

    class Tomorrow(dt.date):
        @classmethod
        def today(cls):
            return tomorrow

    monkeypatch.setattr(replay.dt, "date", Tomorrow)
    assert replay._key(["check", "menus"]) != key
    monkeypatch.undo()
    assert replay._key(["check", "menus", "--strict"]) != key
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert replay._key(["check", "menus"]) != key
    monkeypatch.delenv("GITHUB_ACTIONS")
    monkeypatch.chdir(tmp_path)
    assert replay._key(["check", "menus"]) != key


def _entry_path(proj: Path) -> Path:
    (name,) = _entries(proj.parent / "cache")
    return proj.parent / "cache" / name


def test_a_garbage_entry_is_ignored_and_replaced(project):
    first = check(project, "menus")
    entry = _entry_path(project)
    entry.write_bytes(b"ivrmaze-result {not json\n")
    again = check(project, "menus")
    assert not again.replayed and same(again, first)
    assert check(project, "menus").replayed


def test_an_entry_that_would_print_a_control_sequence_is_refused(project):
    first = check(project, "menus")
    entry = _entry_path(project)
    blob = entry.read_bytes()
    evil = b"\x1b]0;owned\x07"  # a terminal title escape, same length as the text it replaces
    at = blob.rindex(b"error")
    forged = blob[:at] + evil[:5] + blob[at + 5:]
    key = entry.name.split(".")[0]
    assert results.decode(blob, key) is not None and results.decode(forged, key) is None
    entry.write_bytes(forged)
    again = check(project, "menus")
    assert not again.replayed and same(again, first) and b"\x1b" not in again.out


def test_hostile_menu_text_is_replayed_escaped(project):
    (project / "menus" / "evil.yaml").write_text(
        'ivrmaze: 1\nentry: a\nnodes:\n  a: {say: "Hi\\e]0;owned\\a\\u202e", next: b}\n  b: {menu: {options: {}}}\n',
        encoding="utf-8")
    first = check(project, "menus/evil.yaml")
    later = check(project, "menus/evil.yaml")
    assert later.replayed and same(first, later)
    assert b"\x1b" not in later.out + later.err and "\u202e".encode() not in later.out
    assert b"\\x1b" in later.out or b"\\u" in later.out or b"evil.yaml" in later.out


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_cache_folder_writable_by_others_is_not_used(project, mode):
    first = check(project, "menus")
    folder = project.parent / "cache"
    os.chmod(folder, mode)
    again = check(project, "menus")
    inode = _entry_path(project).stat().st_ino
    assert not again.replayed
    assert same(again, first)
    assert _entry_path(project).stat().st_ino == inode  # nor written to
    os.chmod(folder, 0o700)


def test_an_entry_of_another_user_is_ignored(project, monkeypatch):
    check(project, "menus")
    entry = _entry_path(project)
    key = entry.name.split(".")[0]
    monkeypatch.setenv("IVRMAZE_CACHE_DIR", str(project.parent / "cache"))
    assert results.load(key) is not None
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
    assert results.load(key) is None


def test_a_symlinked_entry_is_not_followed(project, monkeypatch):
    check(project, "menus")
    entry = _entry_path(project)
    key = entry.name.split(".")[0]
    elsewhere = project.parent / "elsewhere"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    monkeypatch.setenv("IVRMAZE_CACHE_DIR", str(project.parent / "cache"))
    assert results.load(key) is None


def test_cache_info_counts_the_results_and_clear_removes_them(project, monkeypatch):
    from clirun import ivrmaze

    check(project, "menus")
    monkeypatch.setenv("IVRMAZE_CACHE_DIR", str(project.parent / "cache"))
    monkeypatch.delenv("IVRMAZE_NO_CACHE", raising=False)
    assert cache.info().results == 1 and cache.info().entries == 1
    assert "1 check result" in ivrmaze("cache", "info").output
    assert ivrmaze("cache", "clear").output.startswith("removed 1 file")
    assert _entries(project.parent / "cache") == {}


def test_no_result_cache_when_turned_off(project):
    check(project, "menus", cached=False)
    assert not (project.parent / "cache").exists()


def test_the_read_limits_match_the_readers():
    from ivrmaze import baseline

    assert inputs.READ_BYTES == source.MAX_FILE_BYTES + 1
    assert inputs.PLAIN_BYTES >= 4 * (baseline.MAX_BYTES + 1)
    assert inputs.SYSTEM_FOLDERS == source._SYSTEM_FOLDERS


def test_verify_redoes_each_observation(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_text("a: 1\n")
    inputs.start()
    source.read_bytes(str(f))
    inputs.isdir(str(tmp_path))
    list(inputs.walk(str(tmp_path)))
    manifest = inputs.stop()
    assert manifest is not None and inputs.verify(manifest)
    f.write_text("a: 2\n")
    assert not inputs.verify(manifest)
    inputs.start()
    with pytest.raises(source.SourceError):
        source.read_bytes(str(tmp_path / "missing.yaml"))
    assert inputs.stop() is None  # a failed read is a doubt: not cached


def test_the_replay_path_loads_no_analysis(project):
    def imported(run: Run) -> set[str]:
        lines = run.err.decode().splitlines()
        return {line.rsplit("|", 1)[-1].strip().split(".")[0] if "ivrmaze" not in line else
                ".".join(line.rsplit("|", 1)[-1].strip().split(".")[:2]) for line in lines if "import time:" in line}

    first = check(project, "menus", python=["-X", "importtime"])
    later = check(project, "menus", python=["-X", "importtime"])
    assert later.replayed and first.out == later.out
    heavy = {"numpy", "scipy", "networkx", "ivrmaze.analysis", "ivrmaze.formatters"}
    assert {"numpy", "ivrmaze.analysis", "ivrmaze.formatters"} <= imported(first)  # what a full run needs
    assert heavy & imported(later) == set()


# -- every file-system probe, environment variable and clock read is known ------------------

#: (module, function) -> why its probes do not make a cached result stale.
ALLOWED = {
    ("ivrmaze/inputs.py", "<module>"): "the recorder itself",
    ("ivrmaze/inputs.py", "_listing"): "the recorder itself",
    ("ivrmaze/inputs.py", "_lmode"): "the recorder itself",
    ("ivrmaze/inputs.py", "_mode"): "the recorder itself",
    ("ivrmaze/inputs.py", "_nofollow"): "the recorder itself",
    ("ivrmaze/inputs.py", "_open_regular"): "the recorder itself",
    ("ivrmaze/inputs.py", "_read"): "the recorder itself",
    ("ivrmaze/inputs.py", "head"): "the recorder itself",
    ("ivrmaze/inputs.py", "read_plain"): "the recorder itself",
    ("ivrmaze/source.py", "_read_bytes"): "recorded as a whole by read_bytes (inputs._read redoes its checks)",
    ("ivrmaze/config.py", "_only_comments"): "reads a file whose bytes read_bytes recorded",
    ("ivrmaze/schedule.py", "analysed_years"): "today's date is in the key",
    ("ivrmaze/periods.py", "now"): "the clock: a doubt, never cached",
    ("ivrmaze/formatters/__init__.py", "default_format"): "GITHUB_ACTIONS is in the key",
    ("ivrmaze/cli/output.py", "step_summary"): "GITHUB_STEP_SUMMARY is in the key; the summary is output",
    ("ivrmaze/cli/__init__.py", "_run"): "IVRMAZE_DEBUG is in the key",
    ("ivrmaze/load/menu_file.py", "_tzdata_zones"): "the tzdata package's zone list: the packages are in the key",
    ("ivrmaze/load/ahead.py", "sizes"): "file sizes say only whether a helper parses ahead, and which process parses "
                                        "a file; each file is recorded when read",
    ("ivrmaze/__main__.py", "<module>"): "OPENBLAS_NUM_THREADS: the threads of a library no check calls, never the output",
    ("ivrmaze/cache.py", "_location"): "where the caches live",
    ("ivrmaze/cache.py", "_let_go_of_output"): "the null device, for the writer of new entries, after the check",
    ("ivrmaze/cache.py", "_own_files"): "the cache's own files",
    ("ivrmaze/cache.py", "code_fingerprint"): "ivrmaze's code: in the key",
    ("ivrmaze/cache.py", "info"): "the cache's own files",
    ("ivrmaze/cache.py", "read_entry"): "a cache entry: a parse gives what parsing gives, a result is checked",
    ("ivrmaze/cache.py", "prune"): "the cache's own files",
    ("ivrmaze/cache.py", "usable"): "the cache's own folder",
    ("ivrmaze/cli/replay.py", "_key"): "the key",
    ("ivrmaze/cli/replay.py", "_packages"): "the key",
    ("ivrmaze/cli/replay.py", "_zones"): "the key",
    ("ivrmaze/cli/replay.py", "_replay"): "the step summary, written",
    ("ivrmaze/baseline.py", "is_baseline_file"): "`ivrmaze baseline -o` only",
    ("ivrmaze/cli/commands/call.py", "now_at"): "`ivrmaze call` only",
    ("ivrmaze/cli/commands/import_.py", "command"): "`ivrmaze import` only",
    ("ivrmaze/cli/files.py", "_check_existing"): "-o of other commands",
    ("ivrmaze/cli/files.py", "_check_kind"): "-o of other commands",
    ("ivrmaze/cli/files.py", "_is_json_schema"): "-o of other commands",
    ("ivrmaze/cli/files.py", "check_output"): "-o of other commands",
    ("ivrmaze/cli/files.py", "check_output_folder"): "-o of other commands",
    ("ivrmaze/cli/files.py", "output_names"): "-o of other commands",
    ("ivrmaze/cli/files.py", "write_bytes"): "-o of other commands",
    ("ivrmaze/cli/lines.py", "drawn_maze"): "render, review and demo only",
    ("ivrmaze/diff/sources.py", "_disk_side"): "`ivrmaze diff` only",
    ("ivrmaze/diff/sources.py", "_write_new"): "`ivrmaze diff` only",
    ("ivrmaze/diff/sources.py", "is_git_spec"): "`ivrmaze diff` only",
    ("ivrmaze/diff/sources.py", "open_side"): "`ivrmaze diff` only",
    ("ivrmaze/render/html.py", "_asset"): "ivrmaze's own package data, for review pages",
}
PROBES = frozenset({
    "os.path.exists", "os.path.lexists", "os.path.isfile", "os.path.isdir", "os.path.islink", "os.path.realpath",
    "os.path.samefile", "os.path.getsize", "os.path.getmtime", "os.stat", "os.lstat", "os.fstat", "os.listdir",
    "os.scandir", "os.walk", "os.access", "os.open", "os.readlink", "open", "io.open", "os.getenv", "time.time"})
#: Methods that probe whatever they are called on (pathlib, the clock's ``now``/``today``).
METHODS = frozenset({"read_text", "read_bytes", "iterdir", "glob", "rglob", "is_file", "is_dir", "exists",
                     "today", "now", "environ"})


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def probes(top: Path) -> set[tuple[str, str]]:
    """(module, function) of every file-system probe, environment read and clock read under ``top/ivrmaze``."""
    found = set()

    def visit(node: ast.AST, module: str, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inner = f"{where}.{child.name}" if where else child.name
            name = _dotted(child.func) if isinstance(child, ast.Call) else None
            hit = (isinstance(child, ast.Call) and not (name or "").startswith("inputs.")
                   and (name in PROBES or (isinstance(child.func, ast.Attribute) and child.func.attr in METHODS)))
            if hit or (isinstance(child, ast.Attribute) and _dotted(child) == "os.environ"):
                found.add((module, where or "<module>"))
            visit(child, module, inner)

    for path in sorted((top / "ivrmaze").rglob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8")), str(path.relative_to(top)), "")
    return found


def test_every_probe_is_recorded_or_known_not_to_change_a_check():
    found = probes(ROOT)
    assert sorted(found - ALLOWED.keys()) == [], "record these through ivrmaze/inputs.py (or allow them here, saying why)"
    assert sorted(ALLOWED.keys() - found) == []  # the list stays exact


def test_the_probe_scan_finds_a_new_probe(tmp_path):
    (tmp_path / "ivrmaze" / "load").mkdir(parents=True)
    (tmp_path / "ivrmaze" / "load" / "x.py").write_text(
        "import os, pathlib\ndef f(p):\n    return os.path.isfile(p)\n"
        "def g(p):\n    return pathlib.Path(p).exists()\ndef h():\n    return os.environ['X']\n"
        "def k(p):\n    return inputs.isfile(p)\n")
    assert probes(tmp_path) == {("ivrmaze/load/x.py", "f"), ("ivrmaze/load/x.py", "g"), ("ivrmaze/load/x.py", "h")}


def test_the_commands_allowed_as_not_check_are_not_loaded_by_check():
    code = ("import sys; from ivrmaze.cli import _run; _run(['check', 'menus/postnl.yaml']);"
            "print(' '.join(sorted(sys.modules)))")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "IVRMAZE_NO_CACHE": "1"}
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    loaded = p.stdout.split()[-1:] and set(p.stdout.split())
    for module in ("ivrmaze.cli.commands.call", "ivrmaze.cli.commands.import_", "ivrmaze.cli.files",
                   "ivrmaze.cli.lines", "ivrmaze.diff.sources", "ivrmaze.render.html"):
        assert module not in loaded
    assert "ivrmaze.cli.commands.check" in loaded


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from("abc"), min_size=1, max_size=3),
                          st.sampled_from(["file", "dir", "link-dir", "link-file", "dangling"])), max_size=12))
def test_the_recorded_walk_is_os_walk(tmp_path_factory, tree):
    top = tmp_path_factory.mktemp("walk")
    for parts, kind in tree:
        path = top.joinpath(*parts)
        if path.exists() or path.is_symlink() or not path.parent.is_dir():
            continue
        if kind == "file":
            path.write_text("x")
        elif kind == "dir":
            path.mkdir()
        elif kind == "dangling":
            path.symlink_to(top / "nowhere")
        else:
            path.symlink_to(top if kind == "link-dir" else __file__)

    def walked(walk):
        out = []
        for here, dirs, names in walk(str(top)):
            dirs[:] = sorted(d for d in dirs if d != "b")  # pruned in place, as the folder walk does
            out.append((here, sorted(dirs), sorted(names)))
        return out

    inputs.start()
    mine = walked(inputs.walk)
    manifest = inputs.stop()
    assert mine == walked(os.walk)
    assert manifest is not None and inputs.verify(manifest)
