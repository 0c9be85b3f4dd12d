"""One process, measured: wall time, peak memory, and a stop when it runs too long or too big.

Every measured command runs in a session of its own. Its wall time ends when its first process
exits (when the user gets the prompt back); then the benchmark waits for the session's other
processes (ivrmaze writes new cache entries from a forked child), so that the next run finds
what this one left. Peak memory is the largest resident set of any process of the run, from
the kernel's resource usage of each (on Linux the benchmark becomes the "subreaper" of the
processes its runs leave behind, so it gets theirs too). What the processes hold together is
sampled as their proportional set sizes: a page that forked processes share is counted once,
split among them, not once per process (a fork's resident set starts as its parent's).
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any

_PR_SET_CHILD_SUBREAPER = 36
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Run:
    """``wall`` seconds, ``peak_mb`` (largest resident set of one process), exit ``code``, the
    captured ``stdout`` and ``stderr``, ``stopped``: why the benchmark stopped it, or None, and
    ``total_mb``: the most its processes held together, sampled every second (proportional set
    sizes: pages that forked processes share count once)."""

    wall: float
    peak_mb: float
    code: int
    stdout: str
    stderr: str
    stopped: str | None = None
    total_mb: float = 0.0


def _subreaper(on: bool) -> None:
    """Adopt (or no longer adopt) the orphans of our runs; only while a run is measured, so that a
    caller's other children (a test suite's) are left alone. Elsewhere (or without prctl) the
    processes a run leaves behind are waited for, not measured."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0)


def session(sid: int) -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, resident bytes) of every process of session ``sid`` (Linux; else empty)."""
    out: dict[int, tuple[int, int]] = {}
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return out
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                fields = fh.read().rpartition(b")")[2].split()
        except OSError:
            continue  # ended meanwhile
        # after the command name: state ppid pgrp session ... rss is field 24 of stat (index 21 here)
        if int(fields[3]) == sid:
            out[pid] = (int(fields[1]), int(fields[21]) * _PAGE)
    return out


def _pss(pid: int, rss: int) -> int:
    """The proportional set size of ``pid`` in bytes (``Pss:`` of smaps_rollup), else ``rss``."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return rss


class _Watch(threading.Thread):
    """Stops session ``sid`` (SIGKILL to its process group) past ``timeout`` seconds or when its
    processes together hold more than ``cap_mb`` (proportional set sizes)."""

    def __init__(self, sid: int, timeout: float, cap_mb: float) -> None:
        super().__init__(daemon=True)
        self.sid, self.deadline, self.cap = sid, time.monotonic() + timeout, cap_mb * 2**20
        self.timeout, self.cap_mb = timeout, cap_mb
        self.done = threading.Event()
        self.reason: str | None = None
        self.total_mb = 0.0

    def run(self) -> None:
        last = 0.0  # when the proportional set sizes were last read
        while not self.done.wait(0.2):
            procs = session(self.sid)
            held = sum(r for _, r in procs.values())
            # the kernel walks a process's page tables to give its proportional set size: a read
            # every 0.2 s of a big run slowed it by a tenth, so at most once a second, or to confirm a stop
            if held > self.cap or time.monotonic() - last >= 1.0:
                held = sum(_pss(pid, r) for pid, (_, r) in procs.items())
                last = time.monotonic()
                self.total_mb = max(self.total_mb, held / 2**20)
            if time.monotonic() > self.deadline:
                self.reason = f"stopped at {self.timeout:g} s"
            elif held > self.cap:
                self.reason = f"stopped at {self.cap_mb / 1024:.1f} GB held"
            if self.reason:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.sid, signal.SIGKILL)
                return


def _reap_session(sid: int) -> float:
    """Wait for the processes the run left behind; the largest resident set among them (MB)."""
    peak, me = 0.0, os.getpid()
    while procs := session(sid):
        mine = [pid for pid, (ppid, _) in procs.items() if ppid == me]
        for pid in mine:
            with contextlib.suppress(ChildProcessError):
                peak = max(peak, _rss_mb(os.wait4(pid, 0)[2]))
        if not mine:
            time.sleep(0.02)  # not ours to wait for (no subreaper): poll until they end
    return peak


def _rss_mb(usage: Any) -> float:  # a resource.struct_rusage
    kb = getattr(usage, "ru_maxrss", 0)
    return kb / 2**20 if sys.platform == "darwin" else kb / 1024


def run(argv: list[str], env: dict[str, str] | None = None, *, timeout: float = 3600, cap_mb: float = 1e9,
        cwd: str | None = None, capture: bool = True) -> Run:
    """Run ``argv`` to the end (or until stopped) and measure it; its output is kept only with
    ``capture`` (a big maze's JSON would swell the benchmark's process, and with it the peak
    memory the kernel counts for the next runs)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        _subreaper(True)
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out if capture else subprocess.DEVNULL,
                                    stderr=err, env=env, cwd=cwd, start_new_session=True)
            watch = _Watch(proc.pid, timeout, cap_mb)
            watch.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = code = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
            peak = max(_rss_mb(usage), _reap_session(proc.pid))
        finally:
            _subreaper(False)
        watch.done.set()
        watch.join()
        out.seek(0)
        err.seek(0)
        return Run(wall, peak, code, out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                   watch.reason, max(watch.total_mb, peak))
