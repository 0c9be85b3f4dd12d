"""Issue 9, points 9-11 for the reader: hostile YAML gets a positioned error, never an internal
error or a silent acceptance, and only regular files are read."""
from __future__ import annotations

import os
import stat
import threading

import pytest

from ivrmaze import source
from ivrmaze.errors import IvrmazeError, SourceError
from ivrmaze.lint import load

HEAD = "ivrmaze: 1\nentry: main\n"


def refused(text: str) -> SourceError:
    with pytest.raises(SourceError) as e:
        source.parse("m.yaml", text)
    return e.value


# -- point 9: positioned errors instead of internal errors -----------------------------------

@pytest.mark.parametrize("text, line, column, words", [
    ("ivrmaze: 1\nmain: &m {say: hi, <<: *m}\n", 2, 24, "alias `*m` is used inside the value of its own anchor"),
    ("ivrmaze: 1\nx: &r [a, *r]\n", 2, 11, "alias `*r` is used inside the value of its own anchor"),
    ("ivrmaze: 1\nx: &r\n  - a\n  - [b, *r]\n", 4, 9, "alias `*r` is used inside"),
    ("ivrmaze: 1\nx: &r\n  k: {deeper: *r}\n", 3, 15, "alias `*r` is used inside"),
    ("ivrmaze: 1\nx: !!seq &r [a, *r]\n", 2, 17, "alias `*r` is used inside the value of its own anchor `&r`"),
], ids=["merge-into-itself", "list-holds-itself", "nested-list", "nested-mapping", "after-a-tag"])
def test_an_anchor_used_inside_itself_is_refused_as_such(text, line, column, words):
    e = refused(text)
    assert (e.kind, e.line, e.column) == ("syntax", line, column)
    assert words in e.message and "expected an alias after the anchored value ends" in e.message


@pytest.mark.parametrize("levels", [65, 100, 1000, 5000])
def test_nesting_deeper_than_the_limit_is_refused_where_it_gets_too_deep(levels):
    text = "ivrmaze: 1\nx: " + "[" * levels + "]" * levels + "\n"
    e = refused(text)
    # the root mapping is level 1 and the first `[` level 2: the 64th `[` is level 65
    assert (e.kind, e.line, e.column) == ("syntax", 2, 4 + source.MAX_DEPTH - 1)
    assert f"nested more than {source.MAX_DEPTH} levels deep" in e.message


def test_block_nesting_too_deep_is_refused_at_its_line():
    lines = ["ivrmaze: 1"] + [" " * i + f"k{i}:" for i in range(200)] + [" " * 200 + "v"]
    e = refused("\n".join(lines) + "\n")
    # level n is the mapping of key k(n-2), at line n + 1 and column n
    assert (e.line, e.column) == (source.MAX_DEPTH + 2, source.MAX_DEPTH + 1)


def test_nesting_up_to_the_limit_is_read():
    levels = source.MAX_DEPTH - 1  # under the root mapping
    doc = source.parse("m.yaml", "ivrmaze: 1\nx: " + "[" * levels + "1" + "]" * levels + "\n")
    value = doc.data["x"]
    for _ in range(levels):
        value = value[0]
    assert value == 1


def test_a_limit_of_64_levels_is_documented():
    with open(os.path.join(os.path.dirname(__file__), "..", "docs", "format.md"), encoding="utf-8") as fh:
        prose = fh.read()
    assert source.MAX_DEPTH == 64 and "64 levels" in prose


@pytest.mark.parametrize("text, line, column", [
    ('ivrmaze: 1\nx: "\\ud800"\n', 2, 4),
    ('ivrmaze: 1\nnodes:\n  "a\\udfffb": {say: hi}\n', 3, 3),
    ('ivrmaze: 1\nx: [ok, {say: "fine \\U0001F600 \\udc00"}]\n', 2, 15),
], ids=["value", "key", "nested"])
def test_a_lone_surrogate_is_refused_at_read_time(text, line, column):
    e = refused(text)
    assert (e.kind, e.line, e.column) == ("syntax", line, column)
    assert "surrogate" in e.message and "expected text that can be written as UTF-8" in e.message


def test_an_escape_beyond_unicode_is_refused_with_its_position():
    e = refused('ivrmaze: 1\nx: "a \\U00110000"\n')
    assert (e.kind, e.line, e.column) == ("syntax", 2, 7)
    assert "`\\U00110000` is not a Unicode character" in e.message


def test_a_pair_of_surrogate_escapes_and_other_escapes_are_still_text():
    doc = source.parse("m.yaml", 'ivrmaze: 1\nx: "\\u00e9 \\U0001F600 \\x41"\n')
    assert doc.data["x"] == "\u00e9 \U0001F600 A"


def test_every_string_the_loader_keeps_can_be_written_as_utf8(tmp_path):
    """The whole load: a surrogate in a node id or a prompt is a finding, nothing later can crash."""
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + 'nodes:\n  main: {say: "Hello \\ud83d"}\n', encoding="utf-8")
    maze = load([str(path)], strict=False)
    (problem,) = maze.problems
    assert (problem.kind, problem.line, problem.column) == ("syntax", 4, 15)


# -- point 11: silently accepted before, a positioned error now ------------------------------

@pytest.mark.parametrize("text, line, column, kind, words", [
    ("ivrmaze: 1\n!!python/object/apply:os.system main: {say: hi}\n", 2, 1, "unsafe",
     "the tag !!python/object/apply:os.system is not allowed"),
    ("ivrmaze: 1\nnodes:\n  !include x: 1\n", 3, 3, "unsafe", "the tag !include is not allowed"),
    ("ivrmaze: 1\nx: !!str {a: 1}\n", 2, 4, "type", "the tag !!str is given to a mapping"),
    ("ivrmaze: 1\nx: !!str [a]\n", 2, 4, "type", "the tag !!str is given to a list"),
    ("ivrmaze: 1\nx: !!map text\n", 2, 4, "type", "the tag !!map is given to a single value"),
    ("ivrmaze: 1\nx: !!seq {a: 1}\n", 2, 4, "type", "the tag !!seq is given to a mapping"),
    ("ivrmaze: 1\nx: {<<: !!str {a: 1}}\n", 2, 9, "type", "the tag !!str is given to a mapping"),
], ids=["object-tag-on-key", "local-tag-on-key", "str-mapping", "str-list", "map-scalar", "seq-mapping",
        "str-merge"])
def test_a_tag_on_a_key_or_one_that_contradicts_its_value_is_refused(text, line, column, kind, words):
    e = refused(text)
    assert (e.kind, e.line, e.column) == (kind, line, column)
    assert words in e.message


def test_plain_tags_that_fit_their_value_are_still_read():
    doc = source.parse("m.yaml", "ivrmaze: 1\na: !!str 1\nb: !!map {c: !!int 2}\nd: !!seq [x]\n!!str 3: e\n")
    assert doc.data == {"ivrmaze": 1, "a": "1", "b": {"c": 2}, "d": ["x"], "3": "e"}


# -- point 10: only regular files are read -----------------------------------------------------

def _read_in_thread(path: str) -> SourceError:
    """read_bytes in a thread, so that a hang fails the test instead of blocking the suite."""
    out: list[BaseException] = []

    def run() -> None:
        try:
            source.read_bytes(path)
        except BaseException as e:  # noqa: BLE001 - handed to the test
            out.append(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(5)
    assert not t.is_alive(), f"reading {path} blocked"
    assert out and isinstance(out[0], SourceError), out
    return out[0]


def test_a_fifo_named_like_a_menu_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    e = _read_in_thread(str(fifo))
    assert e.kind == "file" and "is a FIFO (named pipe), not a regular file" in e.message


def test_a_fifo_is_a_finding_of_the_load(tmp_path):
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    result: list[object] = []

    def run() -> None:
        try:
            result.append(load([str(fifo)], strict=False))
        except IvrmazeError as e:  # given directly, it is a usage error (exit 2), never a hang
            result.append(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(5)
    assert not t.is_alive(), "loading a FIFO blocked"
    assert "FIFO" in str(result[0])


@pytest.mark.parametrize("path, words", [
    ("/dev/zero", "is a character device, not a regular file"),
    ("/dev/null", "is a character device, not a regular file"),
    ("/proc/self/environ", "is a system file whose size is not known"),
    ("/proc/self/status", "is a system file whose size is not known"),
    ("/sys/devices/system/cpu/online", "is a system file whose size is not known"),
])
def test_devices_and_proc_files_are_not_read(path, words):
    if not os.path.exists(path):  # pragma: no cover - every Linux has them
        pytest.fail(f"{path} is missing")
    e = _read_in_thread(path)
    assert e.kind == "file" and words in e.message


def test_a_symlink_to_a_proc_file_is_not_read(tmp_path):
    link = tmp_path / "menu.yaml"
    link.symlink_to("/proc/self/environ")
    assert "is a system file" in _read_in_thread(str(link)).message


def test_a_folder_is_still_a_folder(tmp_path):
    e = _read_in_thread(str(tmp_path))
    assert e.message == "is a folder, expected a menu file"


def test_a_regular_file_and_a_symlink_to_one_are_read(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_bytes(b"ivrmaze: 1\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert source.read_bytes(str(link)) == b"ivrmaze: 1\n"
    assert stat.S_ISREG(os.stat(link).st_mode)


def test_source_errors_are_library_errors():
    assert issubclass(SourceError, IvrmazeError) and source.SourceError is SourceError
