"""Big menu files parsed ahead in a second process while this one checks the files before them.

Loading is most of a big maze's first run, and parsing (libyaml's events made into data and
positions) is about half of loading; checking the parsed nodes is the other half and builds
the records the analysis needs, which cost more to send between processes than to make again.
So a forked helper parses files from the back of the list while this process parses and checks
them from the front, and the two meet: each file is parsed once, by whichever reaches it first.
This process parses no more than its share of the bytes (``SHARE``), since it also checks every
file the helper parsed; past that share it checks the helper's files as they come. A parsed file
comes back as its Document (plain data and position tables, and the few positions it keeps once
slim, made here: ``Document.prepare_slim``).

The helper reads a file exactly as this process would (``read_bytes``, ``document``: the same
checks and the same parse cache); anything it cannot read as an ivrmaze menu file it leaves to
this process, which reads it again and reports what is wrong. A file the helper parsed is kept
in the parse cache by this process, with its own new entries (one writer for all, at the end).
The helper ignores Ctrl-C (the whole process group gets it): this process ends it, at once, on
its way out.
"""
from __future__ import annotations

import os
import queue
import signal
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..errors import SourceError
from ..source import Document, cached_or_parsed, read_bytes
from .readers import read_ivrmaze_yaml, reader_for

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess
    from multiprocessing.queues import Queue
    from multiprocessing.sharedctypes import SynchronizedArray

#: Below this many bytes in all, a second process costs more than it saves (its start is ~50 ms).
AHEAD_BYTES = 4 * 1024 * 1024
#: How often a wait for the helper looks whether it is still alive (seconds).
_POLL = 0.05
#: At most this share of the bytes is parsed here. A file parsed here costs this process about
#: P = 1.0 s a 2.5 MB file (parse and check), one the helper parsed M = 0.5 s (unpickle and
#: check), and the helper H = 0.75 s; both end together when this process parses (H - M) /
#: (P - M + H) of them (measured at a million nodes: it parsed 16 of 50 files and checked the
#: helper's last ones for 10 s after the helper was done).
SHARE = 0.2

#: What the helper sends for a file: its bytes, its Document and whether it was parsed now (not
#: in the parse cache: to be kept there), or None (left to this process).
Parsed = tuple[bytes, Document, bool] | None


def parse_one(ap: str) -> Parsed:
    """``ap`` read and parsed as an ivrmaze menu file, or None when it is not one or is broken."""
    try:
        raw = read_bytes(ap)
        if reader_for(ap, raw) is not read_ivrmaze_yaml:
            return None
        doc, fresh = cached_or_parsed(ap, raw)
        doc.prepare_slim()  # here, on the second core: the main process then only drops the tables
        return raw, doc, fresh
    except SourceError:
        return None


def sizes(paths: Sequence[str]) -> list[int]:
    """The size of each of ``paths`` (0 for one that cannot be looked at)."""
    out = []
    for ap in paths:
        try:
            out.append(os.stat(ap).st_size)
        except OSError:
            out.append(0)
    return out


def worth_it(paths: Sequence[str], size: Sequence[int]) -> bool:
    """Whether ``paths`` (absolute, regular files or not; ``size``: their sizes) hold enough bytes
    for a helper."""
    return len(paths) >= 2 and (os.cpu_count() or 1) >= 2 and sum(size[1:]) >= AHEAD_BYTES


def _helper(paths: Sequence[str], bounds: SynchronizedArray[Any], out: Queue[tuple[int, Parsed]]) -> None:
    """The helper's loop: claim the last unclaimed file, parse it, send it; until they meet. A
    queue, not a bare pipe: its sending thread lets the loop go on while a file is on its way."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        with bounds.get_lock():
            if bounds[1] <= bounds[0]:
                break
            bounds[1] -= 1
            i = bounds[1]
        out.put((i, parse_one(paths[i])))
    out.close()


class Ahead:
    """The files of ``paths`` (absolute, in the order they are read), parsed ahead by a forked
    helper when they are big enough; ``take(ap)`` before reading the file ``ap``. A context manager:
    the helper is ended on the way out, Ctrl-C included."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = list(dict.fromkeys(paths))
        self._index = {ap: i for i, ap in enumerate(self.paths)}
        self._proc: BaseProcess | None = None
        self._got: dict[int, Parsed] = {}
        self._started = False
        self._gone = False  # the helper ended without sending all it claimed
        self._size = sizes(self.paths) if len(self.paths) >= 2 else [0] * len(self.paths)
        self._total = sum(self._size)
        self._mine = self._size[0] if self._size else 0  # bytes parsed here: file 0, and those claimed
        if worth_it(self.paths, self._size):
            self._start()

    def _start(self) -> None:
        # multiprocessing: only for big mazes (it imports socket, selectors, logging, subprocess)
        import multiprocessing as mp
        if "fork" not in mp.get_all_start_methods():
            return
        ctx = mp.get_context("fork")
        # [next file this process reads, first file the helper has claimed]; file 0 is read here
        self._bounds = ctx.Array("i", [1, len(self.paths)])
        self._in: Queue[tuple[int, Parsed]] = ctx.Queue()
        try:
            self._proc = ctx.Process(target=_helper, args=(self.paths, self._bounds, self._in), daemon=True)
            self._proc.start()
            self._started = True
        except OSError:  # no process to be had: everything is read here
            self._proc = None

    def take(self, ap: str) -> Parsed:
        """The parsed file ``ap``, when the helper has it or is on it (waited for: it is then
        nearer done than a parse here would be); None when this process is to read it."""
        i = self._index.get(ap, 0)
        if self._proc is None or i == 0:
            return None
        with self._bounds.get_lock():
            if i < self._bounds[1]:  # not claimed: the helper will not take it now
                self._bounds[0] = max(self._bounds[0], i + 1)
                self._mine += self._size[i]
                return None
        while i not in self._got:
            if not self._receive():
                return None  # the helper is gone (killed, out of memory): read it here
        return self._got.pop(i)

    def wait_instead(self, ap: str) -> bool:
        """Whether to wait for the helper's next file rather than parse ``ap`` here: the helper
        would take it in its turn, and this process has parsed its share of all the bytes
        (``SHARE``; the file that takes it past that share is parsed here too, so that a few
        big files still split about evenly). Otherwise it would be left checking the helper's
        files once the helper is done."""
        i = self._index.get(ap, 0)
        if self._proc is None or self._gone or i == 0:
            return False
        with self._bounds.get_lock():
            if i >= self._bounds[1]:
                return False  # the helper's already: ``take`` waits for it
        return self._mine > SHARE * self._total

    def next_arrived(self) -> list[tuple[str, tuple[bytes, Document, bool]]]:
        """``arrived``, once at least one more file came (waited for); [] when the helper ended
        without sending more (or sent a file it left to this process)."""
        if self._proc is None or self._gone or not self._receive():
            self._gone = True  # no more waiting for it: what is left is parsed here
            return []
        return self.arrived()

    @property
    def started(self) -> bool:
        """Whether a helper was started (it may have ended, or been ended, since)."""
        return self._started

    def arrived(self) -> list[tuple[str, tuple[bytes, Document, bool]]]:
        """The files the helper has parsed and sent so far that were not taken, without waiting:
        read them now, and this process keeps busy while the helper parses on. A file it left
        to this process stays for ``take`` (None), to be read in its turn."""
        if self._proc is None:
            return []
        while True:
            try:
                i, parsed = self._in.get_nowait()
            except (queue.Empty, EOFError, OSError):
                break
            self._got[i] = parsed
        out = [(self.paths[i], parsed) for i, parsed in sorted(self._got.items()) if parsed is not None]
        for ap, _ in out:
            del self._got[self._index[ap]]
        return out

    def _receive(self) -> bool:
        """One result from the helper into ``_got``; False when it ended without sending more."""
        while True:
            try:
                i, parsed = self._in.get(timeout=_POLL)
                break
            except queue.Empty:
                if self._proc is None or not self._proc.is_alive() and self._in.empty():
                    return False
            except (EOFError, OSError):
                return False
        self._got[i] = parsed
        return True

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """End the helper, at once (what it was still sending is dropped)."""
        if self._proc is None:
            return
        if self._proc.is_alive():  # on Ctrl-C or an error; or sending a file nobody took
            self._proc.terminate()
        self._proc.join(1)
        self._in.close()
        self._in.cancel_join_thread()  # what it did not take is not waited for
        self._proc = None
