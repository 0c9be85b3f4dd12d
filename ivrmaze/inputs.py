"""What a run asked of the file system, so that a later run can tell that none of it has changed.

The result cache (``cli/replay.py``) replays the output of an earlier ``ivrmaze check`` when every
question that run asked the file system gets the same answer now. So every file read, folder
listing and probe that can change a check's output goes through this module: each is an
observation ``(op, path) -> answer`` made by one of the pure functions of ``OPS``, recorded while
``start()`` is in effect and re-made, the same way, by ``verify``. Answers are plain JSON data
(file contents as SHA-256 digests). Anything that cannot be recorded exactly (a read that fails, an
answer that changed during the run, the clock) is a ``doubt``, and a run with a doubt is not cached.
``tests/test_result_cache.py`` holds every other file-system probe in ``ivrmaze/`` to an allow-list.

Without ``start()`` the functions here are the plain probes, with no recording.
"""
from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["HEAD_BYTES", "OPS", "PLAIN_BYTES", "READ_BYTES", "access", "doubt", "exists", "head", "isdir",
           "isfile", "islink", "lexists", "mode", "read_done", "read_nofollow", "read_plain", "realpath",
           "recording", "start", "stop", "verify", "walk"]

#: How much of a file ``head`` reads (a folder walk tells platform files by their first bytes).
HEAD_BYTES = 1 << 20
#: How much ``read_plain`` reads: enough for 64 million characters of UTF-8 (a baseline's limit).
PLAIN_BYTES = 4 * 64_000_001
#: More than ``source.read_bytes`` ever gives (its limit, 10 MB, and a byte).
READ_BYTES = 10 * 1024 * 1024 + 1
#: Folders of the kernel's files, which ``source.read_bytes`` refuses to read.
SYSTEM_FOLDERS = ("/proc/", "/sys/")
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)

_seen: dict[tuple[str, str], Any] | None = None
_doubts: list[str] = []


def start() -> None:
    """Record from now on (the result cache's first run)."""
    global _seen
    _seen = {}
    _doubts.clear()


def recording() -> bool:
    return _seen is not None


def stop() -> list[list[Any]] | None:
    """Stop recording: the observations as ``[op, path, answer]`` rows, or None after a doubt."""
    global _seen
    seen, _seen = _seen, None
    if seen is None or _doubts:
        return None
    return [[op, path, answer] for (op, path), answer in seen.items()]


def doubt(why: str) -> None:
    """Something this run depends on cannot be recorded (``why``): its result is not cached."""
    if _seen is not None:
        _doubts.append(why)


def _note(op: str, path: str, answer: Any) -> None:
    if _seen is not None and _seen.setdefault((op, path), answer) != answer:
        doubt(f"{op} {path!r} changed during the run")


def _observe(op: str, path: str) -> Any:
    try:
        answer = OPS[op](path)
    except Exception:
        doubt(f"{op} {path!r} failed")
        raise
    _note(op, path, answer)
    return answer


def verify(manifest: list[list[Any]]) -> bool:
    """Whether every observation of ``manifest`` gives the same answer now (any error: no)."""
    try:
        return all(OPS[op](path) == answer for op, path, answer in manifest)
    except Exception:  # a vanished folder, an odd path, a malformed row: run afresh
        return False


# -- the observations -----------------------------------------------------------------------

def _mode(path: str) -> int | None:
    """The file type (``stat.S_IFMT``), links followed; None when there is none to be had."""
    try:
        return stat.S_IFMT(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None


def _lmode(path: str) -> int | None:
    try:
        return stat.S_IFMT(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return None


def _listing(path: str) -> list[list[str]] | None:
    """A folder's entries in the order ``os.walk`` gives them: [name, "d" folder, "l" link to a
    folder (listed, not entered), "f" anything else]; None when it cannot be listed."""
    out = []
    try:
        with os.scandir(path) as it:
            for e in it:
                try:
                    is_dir = e.is_dir()
                except OSError:
                    is_dir = False
                out.append([e.name, ("l" if e.is_symlink() else "d") if is_dir else "f"])
    except OSError:
        return None
    return out


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _open_regular(path: str, limit: int) -> bytes | str:
    """Up to ``limit`` bytes of a regular file, opened without blocking (a FIFO swapped in cannot
    hang a check); a word for anything else. OSError when it cannot be opened."""
    with os.fdopen(os.open(path, os.O_RDONLY | _NONBLOCK), "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return "not a regular file"
        return fh.read(limit)


def _head(path: str) -> str | None:
    try:
        raw = _open_regular(path, HEAD_BYTES)
    except OSError:
        return None
    return raw if isinstance(raw, str) else _digest(raw)


def _read(path: str) -> str:
    """The digest of what ``source.read_bytes`` gives for ``path`` now (a word when it refuses)."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        return "not a regular file"
    if os.path.realpath(path).startswith(SYSTEM_FOLDERS):
        return "a system file"
    with os.fdopen(os.open(path, os.O_RDONLY | _NONBLOCK), "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            return "not a regular file"
        raw = fh.read(READ_BYTES)  # a file grown past the reader's limit differs from any it read
    return "a system file" if raw and st.st_size == 0 else _digest(raw)


def _nofollow(path: str) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None
        return fh.read()


def _plain(path: str) -> str:
    """The digest of a file read as ``open(path, "rb")`` reads it (a word for anything else)."""
    raw = _open_regular(path, PLAIN_BYTES)  # verifying never blocks on a FIFO
    return raw if isinstance(raw, str) else _digest(raw)


#: op -> the observation it makes of a path (each a pure function of the file system).
OPS: dict[str, Callable[[str], Any]] = {
    "mode": _mode,
    "lmode": _lmode,
    "real": os.path.realpath,
    "access": lambda p: os.access(p, os.R_OK),
    "list": _listing,
    "head": _head,
    "read": _read,
    "nofollow": lambda p: (lambda raw: None if raw is None else _digest(raw))(_nofollow(p)),
    "plain": _plain,
}


# -- the probes the loaders make ------------------------------------------------------------

def mode(path: str) -> int | None:
    """``stat.S_IFMT`` of ``os.stat(path)``, or None when it fails."""
    return _observe("mode", path)


def isdir(path: str) -> bool:
    return mode(path) == stat.S_IFDIR


def isfile(path: str) -> bool:
    return mode(path) == stat.S_IFREG


def exists(path: str) -> bool:
    return mode(path) is not None


def lexists(path: str) -> bool:
    return _observe("lmode", path) is not None


def islink(path: str) -> bool:
    return _observe("lmode", path) == stat.S_IFLNK


def realpath(path: str) -> str:
    return str(_observe("real", path))


def access(path: str) -> bool:
    """``os.access(path, os.R_OK)``."""
    return bool(_observe("access", path))


def head(path: str) -> bytes | None:
    """The first HEAD_BYTES of a file, or None when it cannot be opened."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(HEAD_BYTES)
    except OSError:
        _note("head", path, None)
        return None
    _note("head", path, _digest(raw))
    return raw


def read_done(path: str, raw: bytes) -> None:
    """``source.read_bytes(path)`` gave ``raw`` (verified by redoing its checks: ``_read``)."""
    if _seen is not None:
        _note("read", path, _digest(raw))


def read_nofollow(path: str) -> bytes | None:
    """The bytes of a regular file, not following a last link, never blocking; None otherwise."""
    raw = _nofollow(path)
    _note("nofollow", path, None if raw is None else _digest(raw))
    return raw


def read_plain(path: str) -> bytes:
    """The first PLAIN_BYTES of ``open(path, "rb")`` (its errors raised as they are)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(PLAIN_BYTES)
    except OSError:
        doubt(f"reading {path!r} failed")
        raise
    _note("plain", path, _digest(raw))
    return raw


def walk(top: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(top)``: top-down, links to folders listed but not entered, an unreadable folder
    skipped; the caller may prune ``dirs`` in place. Each folder's listing is recorded."""
    listing = _observe("list", top)
    if listing is None:
        return
    dirs = [name for name, kind in listing if kind != "f"]
    yield top, dirs, [name for name, kind in listing if kind == "f"]
    links = {name for name, kind in listing if kind == "l"}
    for d in dirs:
        if d not in links:
            yield from walk(os.path.join(top, d))
