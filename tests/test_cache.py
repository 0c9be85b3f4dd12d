"""The parse cache: a hit gives exactly what parsing gives; a damaged entry is ignored."""
import os

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
