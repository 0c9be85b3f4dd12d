"""The parse cache: a hit gives exactly what parsing gives; a damaged entry is ignored."""
import json
import os
import stat

import pytest

from ivrmaze import cache, source


@pytest.fixture
def big_menu(tmp_path, monkeypatch):
    monkeypatch.setenv("IVRMAZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IVRMAZE_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "MIN_BYTES", 10)
    nodes = "".join(f"  n{i}:\n    say: Message {i}\n    next: n{i + 1}\n" for i in range(200))
    path = tmp_path / "big.yaml"
    path.write_text(f"ivrmaze: 1\nentry: n0\nnodes:\n{nodes}  n200:\n    say: Bye\n  n1:\n    say: again\n")
    return path


def _parts(doc):
    return doc.data, doc.key_pos, doc.val_pos, doc.duplicates


def test_a_cache_hit_equals_a_parse(big_menu, tmp_path):
    first = source.read_file(str(big_menu))
    assert len(os.listdir(tmp_path / "cache")) == 1
    second = source.read_file(str(big_menu))
    assert _parts(second) == _parts(first)
    assert second.duplicates  # `n1` twice: problems survive the cache
    assert _parts(first) == _parts(source.parse(str(big_menu), big_menu.read_text()))


def test_a_damaged_entry_is_ignored(big_menu, tmp_path):
    source.read_file(str(big_menu))
    (entry,) = (tmp_path / "cache").iterdir()
    entry.write_bytes(b"not a pickle")
    assert source.read_file(str(big_menu)).data["entry"] == "n0"


def test_a_changed_file_is_parsed_again(big_menu):
    source.read_file(str(big_menu))
    big_menu.write_text(big_menu.read_text().replace("entry: n0", "entry: n5"))
    assert source.read_file(str(big_menu)).data["entry"] == "n5"


def test_no_cache_when_turned_off(big_menu, tmp_path, monkeypatch):
    monkeypatch.setenv("IVRMAZE_NO_CACHE", "1")
    source.read_file(str(big_menu))
    assert not (tmp_path / "cache").exists()


def test_a_read_only_cache_folder_does_not_stop_a_check(big_menu, tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("IVRMAZE_CACHE_DIR", str(blocker / "cache"))
    assert source.read_file(str(big_menu)).data["entry"] == "n0"


def test_other_code_does_not_use_the_entry(big_menu, tmp_path, monkeypatch):
    source.read_file(str(big_menu))
    monkeypatch.setattr(cache, "_code", "other code")
    source.read_file(str(big_menu))
    assert len(os.listdir(tmp_path / "cache")) == 2  # a new entry, not the old one


# -- issue 9, point 1: the cache holds data, never code -----------------------------------------

def _entry(tmp_path):
    (entry,) = (tmp_path / "cache").iterdir()
    return entry


def test_a_pickled_entry_runs_no_code_and_is_replaced(big_menu, tmp_path):
    import pickle

    source.read_file(str(big_menu))
    entry = _entry(tmp_path)
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    entry.write_bytes(pickle.dumps(Payload()))
    doc = source.read_file(str(big_menu))
    assert not marker.exists()
    assert doc.data["entry"] == "n0"
    assert b"pwned" not in entry.read_bytes()  # replaced by a good entry


@pytest.mark.parametrize("forged", ["number", "list", "other-key", "other-format", "cut",
                                    "surrogate", "bad-path"])
def test_an_entry_of_the_wrong_shape_is_ignored_and_replaced(big_menu, tmp_path, forged):
    import pickle

    first = source.read_file(str(big_menu))
    entry = _entry(tmp_path)
    good = entry.read_bytes()
    header, _, body = good.partition(b"\n")
    bad = {
        "number": pickle.dumps(42),  # trusted before: `check` said the file holds a number
        "list": pickle.dumps([1, 2, 3, 4, 5]),
        "other-key": header.replace(entry.stem.encode(), b"0" * 64) + b"\n" + body,
        "other-format": header.replace(b'"format": 2', b'"format": 1') + b"\n" + body,
        "cut": good[:-7],
        "surrogate": good.replace(b"Message 10", b"Mess\\ud800", 1),  # same length: the JSON is valid
        "bad-path": header + b"\n" + body[:-4] + b"\xff\xff\xff\x7f",  # a column of 2**31 - 1 is fine ...
    }[forged]
    if forged == "bad-path":  # ... but a negative parent is not: the first path's parent is the second int
        n_json = json.loads(header.partition(b" ")[2])["json"]
        bad = header + b"\n" + body[:n_json + 4] + b"\xfe\xff\xff\xff" + body[n_json + 8:]
    entry.write_bytes(bad)
    raw = big_menu.read_bytes()
    assert cache.load(raw) is None
    again = source.read_file(str(big_menu))
    assert _parts(again) == _parts(first)
    assert entry.read_bytes() == good  # replaced


def test_an_entry_round_trips_exactly(big_menu):
    doc = source.parse(str(big_menu), big_menu.read_text())
    parts = cache.Parsed(doc.data, doc.key_pos, doc.val_pos, [(p, tuple(a), tuple(b)) for p, a, b in doc.duplicates])
    assert cache.decode_entry(cache.encode_entry(parts, "k"), "k") == parts
    assert cache.decode_entry(cache.encode_entry(parts, "k"), "other") is None


def test_a_forged_path_part_cannot_make_the_reader_allocate(big_menu):
    doc = source.parse(str(big_menu), big_menu.read_text())
    parts = cache.Parsed(doc.data, doc.key_pos, doc.val_pos, [(p, tuple(a), tuple(b)) for p, a, b in doc.duplicates])
    blob = cache.encode_entry(parts, "k")
    header, _, body = blob.partition(b"\n")
    sizes = json.loads(header.partition(b" ")[2])
    at = sizes["json"] + 4 * sizes["paths"] + 4  # the second path's part: a huge "sequence index"
    forged = header + b"\n" + body[:at] + b"\xff\xff\xff\x7f" + body[at + 4:]
    assert cache.decode_entry(forged, "k") is None


def test_the_folder_is_made_private(big_menu, tmp_path):
    source.read_file(str(big_menu))
    assert stat.S_IMODE(os.stat(tmp_path / "cache").st_mode) == 0o700


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_folder_writable_by_others_is_not_used(big_menu, tmp_path, mode):
    source.read_file(str(big_menu))
    folder = tmp_path / "cache"
    os.chmod(folder, mode)
    assert cache.load(big_menu.read_bytes()) is None
    for entry in folder.iterdir():
        entry.unlink()
    source.read_file(str(big_menu))
    assert os.listdir(folder) == []  # nor written to


def test_entries_not_owned_by_the_user_are_ignored(big_menu, monkeypatch):
    source.read_file(str(big_menu))
    raw = big_menu.read_bytes()
    assert cache.load(raw) is not None
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
    assert cache.load(raw) is None


def test_a_symlinked_entry_is_not_followed(big_menu, tmp_path):
    source.read_file(str(big_menu))
    entry = _entry(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert cache.load(big_menu.read_bytes()) is None


def test_no_cache_without_a_safe_absolute_location(big_menu, tmp_path, monkeypatch):
    """HOME unset (as in some CI containers): never `./~/.cache` inside the checkout."""
    for name in ("IVRMAZE_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no passwd entry either
    work = tmp_path / "checkout"
    work.mkdir()
    monkeypatch.chdir(work)
    assert source.read_file(str(big_menu)).data["entry"] == "n0"
    assert os.listdir(work) == []
    assert cache.folder() is None


@pytest.mark.parametrize("name, value", [("IVRMAZE_CACHE_DIR", "cache"), ("XDG_CACHE_HOME", "rel/xdg"),
                                         ("HOME", "~")])
def test_relative_locations_are_never_used(big_menu, tmp_path, monkeypatch, name, value):
    for other in ("IVRMAZE_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(other, raising=False)
    monkeypatch.setenv(name, value)
    work = tmp_path / "checkout"
    work.mkdir()
    monkeypatch.chdir(work)
    source.read_file(str(big_menu))
    assert os.listdir(work) == []


def test_the_cache_is_bounded_and_the_oldest_entries_go_first(big_menu, tmp_path, monkeypatch):
    source.read_file(str(big_menu))
    size = _entry(tmp_path).stat().st_size
    os.utime(_entry(tmp_path), (999, 999))  # the oldest
    monkeypatch.setattr(cache, "MAX_BYTES", int(size * 2.5))
    text = big_menu.read_text()
    for i in range(5):
        other = tmp_path / f"m{i}.yaml"
        other.write_text(text.replace("entry: n0", f"entry: n{i + 1}"))
        source.read_file(str(other))
        os.utime(_newest(tmp_path), (1000 + i, 1000 + i))  # distinct ages, in order
    kept = sorted((tmp_path / "cache").iterdir(), key=lambda p: p.stat().st_mtime)
    assert sum(p.stat().st_size for p in kept) <= cache.MAX_BYTES
    assert len(kept) == 2
    last = (tmp_path / "m4.yaml").read_bytes()
    assert cache.load(last) is not None and cache.load(big_menu.read_bytes()) is None


def _newest(tmp_path):
    return max((tmp_path / "cache").iterdir(), key=lambda p: p.stat().st_mtime_ns)


def test_the_size_limit_is_documented():
    with open(os.path.join(os.path.dirname(__file__), "..", "docs", "performance.md"), encoding="utf-8") as fh:
        prose = fh.read()
    assert cache.MAX_BYTES == 500 * 1024 * 1024 and "500 MB" in prose


def test_leftover_temporary_files_are_cleaned(big_menu, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    old = folder / "tmpabc123.tmp"
    old.write_bytes(b"half an entry")
    os.utime(old, (1000, 1000))
    fresh = folder / "tmpdef456.tmp"  # another run may be writing this one right now
    fresh.write_bytes(b"being written")
    other = folder / "notes.tmp"  # not a name the cache gives: never touched
    other.write_bytes(b"mine")
    os.utime(other, (1000, 1000))
    source.read_file(str(big_menu))
    assert not old.exists() and fresh.exists() and other.exists()


def test_clear_empties_only_a_folder_of_the_user_and_only_its_own_files(big_menu, tmp_path):
    from clirun import ivrmaze

    source.read_file(str(big_menu))
    folder = tmp_path / "cache"
    keep = folder / "keep.entry"
    keep.write_bytes(b"not an entry name")
    os.chmod(folder, 0o777)
    r = ivrmaze("cache", "clear")
    assert r.output == f"not cleared: {folder} is not a folder, not yours, or writable by others\n"
    assert len(os.listdir(folder)) == 2
    os.chmod(folder, 0o700)
    assert ivrmaze("cache", "clear").output == f"removed 1 file from {folder}\n"
    assert os.listdir(folder) == ["keep.entry"]


def test_cache_info_and_clear(big_menu, tmp_path):
    from clirun import ivrmaze

    source.read_file(str(big_menu))
    info = ivrmaze("cache", "info")
    folder = tmp_path / "cache"
    assert info.exit_code == 0
    assert info.output.splitlines() == [f"folder: {folder} (from $IVRMAZE_CACHE_DIR)",
                                        f"1 entry, {_entry(tmp_path).stat().st_size / 2**20:.1f} MB of at most 500.0 MB"]
    cleared = ivrmaze("cache", "clear")
    assert cleared.exit_code == 0 and cleared.output == f"removed 1 file from {folder}\n"
    assert os.listdir(folder) == []
    assert ivrmaze("cache", "info").output.splitlines()[1] == "0 entries, 0.0 MB of at most 500.0 MB"


def test_cache_info_without_a_cache(monkeypatch):
    from clirun import ivrmaze

    monkeypatch.setenv("IVRMAZE_NO_CACHE", "1")
    assert ivrmaze("cache", "info").output == "no parse cache: turned off by IVRMAZE_NO_CACHE\n"
    assert ivrmaze("cache", "clear").output == "no parse cache: turned off by IVRMAZE_NO_CACHE\n"
