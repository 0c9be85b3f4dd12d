"""Ctrl-C during a long `ivrmaze check` stops every worker process within a second (issue 9, point 10)."""
import os
import signal
import subprocess
import sys
import time

from conftest import ROOT

from benchmarks.generate import generate, write


def alive_in_group(pgid: int) -> list[int]:
    """Processes of process group ``pgid`` that still run (zombies have ended: they wait to be reaped)."""
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                stat = fh.read()
        except OSError:  # ended meanwhile
            continue
        state, _ppid, group = stat.rpartition(")")[2].split()[:3]
        if int(group) == pgid and state != "Z":
            out.append(int(name))
    return out


def test_ctrl_c_ends_every_worker_within_a_second(tmp_path):
    folder = tmp_path / "big"
    write(str(folder), generate(20_000))  # 20,000 nodes and 11 states: the states go to worker processes
    env = {**os.environ, "IVRMAZE_NO_CACHE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "ivrmaze", "check", str(folder)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(alive_in_group(proc.pid)) < 2:  # the run itself, then its workers
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no worker process started"
            time.sleep(0.02)
        time.sleep(0.3)  # well into the states' work
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
        sent = time.monotonic()


        def workers() -> list[int]:
            return [p for p in alive_in_group(proc.pid) if p != proc.pid]

        while alive_in_group(proc.pid) and time.monotonic() - sent < 1.0:
            time.sleep(0.02)
        assert workers() == [], "worker processes still running a second after Ctrl-C"
        assert alive_in_group(proc.pid) == [], "ivrmaze still running a second after Ctrl-C"
        proc.wait(10)
        assert proc.returncode == 130
        assert b"ivrmaze: interrupted" in proc.stderr.read()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
