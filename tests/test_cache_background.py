"""A command-line run writes new parse-cache entries from a child process, without waiting: one
child, at the end, for every entry."""
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
    assert not folder.exists() or not os.listdir(folder)  # put off until the end of the run
    cache.write_pending()
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
    cache.write_pending()
    deadline = time.monotonic() + 30
    while not out.exists() or not out.read_text():
        assert time.monotonic() < deadline, "the background writer never ran"
        time.sleep(0.05)
    assert int(out.read_text()) > os.getpriority(os.PRIO_PROCESS, 0)


def test_every_put_off_write_is_done_by_one_child(tmp_path, monkeypatch):
    # a child per file held, at a million nodes, fifty copies of the check's pages at once
    monkeypatch.setattr(cache, "BACKGROUND", True)
    monkeypatch.setattr(cache, "_PENDING", [])
    outs = [tmp_path / f"w{i}" for i in range(3)]
    for out in outs:
        cache.in_background(lambda out=out: out.write_text(str(os.getpid())))
    assert not any(out.exists() for out in outs)
    cache.write_pending()
    deadline = time.monotonic() + 30
    while not all(out.exists() and out.read_text() for out in outs):
        assert time.monotonic() < deadline, "the background writer did not do every write"
        time.sleep(0.05)
    pids = {out.read_text() for out in outs}
    assert len(pids) == 1 and pids != {str(os.getpid())}
    assert cache._PENDING == []


def test_a_fork_does_not_do_the_writes_its_parent_put_off(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "BACKGROUND", True)
    monkeypatch.setattr(cache, "_PENDING", [])
    out = tmp_path / "parent's"
    cache.in_background(lambda: out.write_text("written"))
    pid = os.fork()
    if pid == 0:  # as the parse helper or a worker would: its own writes only
        try:
            cache.write_pending()
            time.sleep(0.5)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    time.sleep(0.3)
    assert not out.exists()
    cache.write_pending()  # the parent's own write is done
    deadline = time.monotonic() + 30
    while not out.exists():
        assert time.monotonic() < deadline, "the parent's put-off write was lost"
        time.sleep(0.05)


def test_a_pipe_reading_the_output_is_not_kept_open_by_the_writer(tmp_path):
    # CI reads a check's output through a pipe: it must end with the check, not with the writer
    import subprocess
    import sys
    done = tmp_path / "written"
    code = ("import time\nfrom ivrmaze import cache\ncache.BACKGROUND = True\n"
            f"cache.in_background(lambda: (time.sleep(3), open({str(done)!r}, 'w').write('x')))\n"
            "print('checked')\ncache.write_pending()\n")
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout == "checked\n" and time.monotonic() - start < 2.5
    deadline = time.monotonic() + 30
    while not done.exists():
        assert time.monotonic() < deadline, "the writer did not write"
        time.sleep(0.05)


def test_a_write_asked_first_is_done_first(tmp_path, monkeypatch):
    # a run's result is small and the next run looks for it first; a big maze's parsed files
    # take a minute to write
    monkeypatch.setattr(cache, "BACKGROUND", True)
    monkeypatch.setattr(cache, "_PENDING", [])
    log = tmp_path / "order"
    for name, first in (("parsed-1", False), ("parsed-2", False), ("result", True)):
        cache.in_background(lambda name=name: log.open("a").write(name + "\n"), first=first)
    cache.write_pending()
    deadline = time.monotonic() + 30
    while not log.exists() or len(log.read_text().split()) < 3:
        assert time.monotonic() < deadline, "the writer did not do every write"
        time.sleep(0.05)
    assert log.read_text().split() == ["result", "parsed-1", "parsed-2"]
