"""Big menu files parsed ahead by a second process (ivrmaze/load/ahead.py): the same load, each
file parsed once, broken files left to the loading process, and no process left behind."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from benchmarks import generate
from ivrmaze.checks import SETTINGS
from ivrmaze import inputs
from ivrmaze.keptpos import kept
from ivrmaze.load import ahead, load_files
from ivrmaze.source import Document, document, read_bytes


def _maze(folder: Path, n: int = 3000, per_file: int = 600) -> list[str]:
    """A generated maze of ``n`` nodes in files of ``per_file``, main file first."""
    files = generate.generate(n, seed=7, per_file=per_file)
    for name, doc in files.items():
        (folder / name).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return [str(folder / name) for name in files]


def _load(paths: list[str], root: Path) -> tuple[dict[str, object], list[object]]:
    files, problems = load_files(paths, SETTINGS, root=str(root))
    shape = {ap: (mf.ok, list(mf.nodes), [n.links for n in mf.nodes.values()], mf.document and mf.document.data)
             for ap, mf in files.items()}
    return shape, problems


@pytest.fixture()
def eager(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Parse ahead whatever the size, and record which files came from the helper."""
    monkeypatch.setattr(ahead, "AHEAD_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    came: list[str] = []
    take, arrived = ahead.Ahead.take, ahead.Ahead.arrived

    def spy(self: ahead.Ahead, ap: str) -> ahead.Parsed:
        got = take(self, ap)
        if got is not None:
            came.append(ap)
        return got

    def spy_arrived(self: ahead.Ahead) -> list[tuple[str, tuple[bytes, Document, bool]]]:
        got = arrived(self)
        came.extend(ap for ap, _ in got)
        return got

    monkeypatch.setattr(ahead.Ahead, "take", spy)
    monkeypatch.setattr(ahead.Ahead, "arrived", spy_arrived)
    return came


def test_a_maze_parsed_ahead_loads_as_one_parsed_here(tmp_path: Path, eager: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _maze(tmp_path)
    # a broken file and a file that is no menu, among them: both left to this process
    (tmp_path / "broken.yaml").write_text("ivrmaze: 1\nnodes: {a: [\n", encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("# nothing\n", encoding="utf-8")
    paths[2:2] = [str(tmp_path / "broken.yaml"), str(tmp_path / "empty.yaml")]
    together = _load(paths, tmp_path)
    assert eager, "no file came from the helper: the test did not exercise it"
    assert not {os.path.basename(p) for p in eager} & {"broken.yaml", "empty.yaml"}
    monkeypatch.setattr(ahead, "AHEAD_BYTES", 10**15)
    eager.clear()
    alone = _load(paths, tmp_path)
    assert not eager
    assert together == alone
    assert {os.path.basename(str(p.file)) for p in together[1]} >= {"broken.yaml", "empty.yaml"}  # type: ignore[attr-defined]


def test_each_file_is_parsed_once_and_comes_back_as_parsed_here(tmp_path: Path, eager: list[str]) -> None:
    paths = _maze(tmp_path, 2400, 400)
    seen: list[str] = []
    with ahead.Ahead(paths) as a:
        for ap in paths:
            got = a.take(ap)
            if got is None:
                continue
            seen.append(ap)
            raw, doc, _ = got
            here = document(ap, read_bytes(ap))
            assert raw == read_bytes(ap)
            assert (doc.data, dict(doc.key_pos), dict(doc.val_pos)) == (here.data, dict(here.key_pos),
                                                                        dict(here.val_pos))
            assert doc.pos(("nodes",)) == here.pos(("nodes",))
            # the slim positions come made by the helper, as this process would make them
            assert doc.ready is not None and here.ready is None
            ahead_kept, mine = doc.ready, kept(here.key_pos, here.val_pos)
            assert mine is not None
            assert (ahead_kept.nodes, ahead_kept.at, ahead_kept.shapes) == (mine.nodes, mine.at, mine.shapes)
    assert seen == eager and len(set(seen)) == len(seen)
    assert paths[0] not in seen  # the first file is always read here


def test_the_helper_is_ended_on_ctrl_c(tmp_path: Path, eager: list[str]) -> None:
    paths = _maze(tmp_path, 2400, 400)
    with pytest.raises(KeyboardInterrupt), ahead.Ahead(paths) as a:
        proc = a._proc
        assert proc is not None and proc.is_alive()
        raise KeyboardInterrupt
    assert not proc.is_alive()


def test_a_small_maze_starts_no_helper(tmp_path: Path) -> None:
    paths = _maze(tmp_path, 600, 200)
    with ahead.Ahead(paths) as a:
        assert a._proc is None and all(a.take(ap) is None for ap in paths)


def test_the_files_the_helper_read_are_recorded_for_the_result_cache(tmp_path: Path, eager: list[str]) -> None:
    # the helper's own record of its reads is lost with it: a changed part file would replay
    # a stale result unless this process notes each file it was given
    paths = _maze(tmp_path)
    inputs.start()
    try:
        _load(paths, tmp_path)
    finally:
        rows = inputs.stop()
    assert eager and rows is not None
    read = {path: digest for op, path, digest in rows if op == "read"}
    assert set(paths) <= read.keys()
    assert all(read[p] == inputs._digest(Path(p).read_bytes()) for p in eager)


def test_the_files_the_helper_parsed_are_kept_in_the_cache_by_this_process(
        tmp_path: Path, eager: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # one writer for the cache's new entries: the helper's would hold its parsed files until the
    # end (or, in a child per file, copies of them all)
    from ivrmaze import cache
    (tmp_path / "maze").mkdir()
    paths = _maze(tmp_path / "maze", 2400, 400)
    monkeypatch.setenv("IVRMAZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IVRMAZE_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "MIN_BYTES", 10)
    log = tmp_path / "stored-by"
    store = cache.store

    def spy(raw: bytes, parts: Callable[[], cache.Parsed]) -> None:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        store(raw, parts)

    monkeypatch.setattr(cache, "store", spy)
    _load(paths, tmp_path / "maze")
    assert eager, "no file came from the helper: the test did not exercise it"
    assert log.read_text().split() == [str(os.getpid())] * len(paths)
    assert all(cache.load(read_bytes(ap)) is not None for ap in paths)
    # and a later load takes them from the cache, in the helper too: nothing is stored again
    log.unlink()
    eager.clear()
    _load(paths, tmp_path / "maze")
    assert eager and not log.exists()


def test_the_parts_a_main_file_reaches_are_parsed_ahead_too(tmp_path: Path, eager: list[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # `ivrmaze check main.yaml`: the parts are known only once the main file is read
    paths = _maze(tmp_path, 2400, 400)
    together = _load(paths[:1], tmp_path)
    assert eager and set(eager) <= set(paths[1:]), "the parts were not parsed ahead"
    assert len(together[0]) == len(paths)
    monkeypatch.setattr(ahead, "AHEAD_BYTES", 10**15)
    eager.clear()
    assert _load(paths[:1], tmp_path) == together and not eager


def test_this_process_parses_about_its_share_and_loads_the_same(tmp_path: Path, eager: list[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _maze(tmp_path, 3000, 300)  # 10 files of about the same size
    shared = _load(paths, tmp_path)
    helper = {os.path.basename(p) for p in eager}
    here = {os.path.basename(p) for p in paths} - helper
    # its share (SHARE of the bytes), and the file that took it past: not the half it parsed before
    sizes, most = ahead.sizes(paths), 1
    while sum(sizes[:most]) <= ahead.SHARE * sum(sizes):
        most += 1
    assert len(here) <= most
    assert os.path.basename(paths[0]) in here
    monkeypatch.setattr(ahead, "SHARE", 1.0)  # parse here whenever nothing has come: the same load
    eager.clear()
    assert _load(paths, tmp_path) == shared
