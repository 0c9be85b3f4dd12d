"""A command-line run writes new parse-cache entries from a child process, without waiting."""
import os
import time

from ivrmaze import cache, source


def test_a_background_store_writes_the_same_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("IVRMAZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IVRMAZE_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "MIN_BYTES", 10)
    monkeypatch.setattr(cache, "BACKGROUND", True)
    path = tmp_path / "m.yaml"
    path.write_text("ivrmaze: 1\nentry: a\nnodes:\n  a: {say: Hello, next: b}\n  b: {say: Bye}\n")
    first = source.read_file(str(path))
    folder = tmp_path / "cache"
    deadline = time.monotonic() + 30
    while not (folder.is_dir() and any(n.endswith(cache.SUFFIX) for n in os.listdir(folder))):
        assert time.monotonic() < deadline, "the background writer left no entry"
        time.sleep(0.05)
    hit = cache.load(path.read_bytes())
    assert hit is not None and hit[0] == first.data and hit[1] == first.key_pos


def test_the_background_writer_yields_the_cores_to_the_check(tmp_path, monkeypatch):
    # encoding a big file's entry takes seconds of CPU: at the check's priority it slowed the
    # check's own helper and workers by a third on two cores
    monkeypatch.setattr(cache, "BACKGROUND", True)
    out = tmp_path / "priority"
    cache.in_background(lambda: out.write_text(str(os.getpriority(os.PRIO_PROCESS, 0))))
    deadline = time.monotonic() + 30
    while not out.exists() or not out.read_text():
        assert time.monotonic() < deadline, "the background writer never ran"
        time.sleep(0.05)
    assert int(out.read_text()) > os.getpriority(os.PRIO_PROCESS, 0)
