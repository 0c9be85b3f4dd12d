"""Benchmarks: time and peak memory of `ivrmaze check` on generated IVR-like mazes.

    python -m benchmarks                 # 1k, 10k and 100k nodes
    python -m benchmarks 1000 10000      # chosen sizes
    make bench

Each run is a fresh `python -m ivrmaze check` process, so the figures include start-up,
YAML loading and analysis, as a designer sees them: the whole week without the parse cache
(the first run on a changed file, and every run in CI) and again with files unchanged since
the last run, each as text (a designer's `ivrmaze check`, which needs no random-caller
chances) and as JSON (with every metric), and one `--at` instant. Wall time depends on what else the machine
does.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time

from .generate import generate, write

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
SIZES = (1000, 10000, 100000)
AT = "Wed 10:00"
#: The benchmark's own parse cache (not the user's), emptied at every start.
CACHE = os.path.join(DATA, ".cache")


def maze_folder(n: int) -> str:
    folder = os.path.join(DATA, f"maze{n}")
    if not os.path.isdir(folder):
        write(folder, generate(n, seed=n))
    return folder


def run(args, cold: bool = False) -> dict:
    """Wall seconds, CPU seconds (with the child's children) and peak RSS (MB) of one process.
    ``cold``: with an empty parse cache, as the first run on a changed file."""
    env = dict(os.environ)
    env.pop("IVRMAZE_NO_CACHE", None)
    # cold: a new, empty cache folder, so the run parses and writes its entries as a first run does
    env["IVRMAZE_CACHE_DIR"] = tempfile.mkdtemp(prefix="cold-", dir=CACHE) if cold else CACHE
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "ivrmaze", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode()
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"ivrmaze {' '.join(args)} failed (exit {code}):\n{err}")
    rss_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": rss_mb}


def _entries() -> int:
    return sum(n.endswith(".pickle") for n in os.listdir(CACHE))


def fill_cache(folder: str) -> None:
    """Run `ivrmaze validate`, as the previous save did, and wait for its parse-cache entries
    (written in the background) so that the next run finds them."""
    from ivrmaze.cache import MIN_BYTES

    before = _entries()
    run(["validate", folder])
    big = sum(os.path.getsize(os.path.join(folder, f)) >= MIN_BYTES for f in os.listdir(folder))
    deadline = time.monotonic() + 120
    while _entries() < before + big and time.monotonic() < deadline:
        time.sleep(0.05)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sizes = [int(a) for a in argv] or list(SIZES)
    shutil.rmtree(CACHE, ignore_errors=True)
    os.makedirs(CACHE)
    print(f"ivrmaze check on generated mazes ({os.cpu_count()} cores, Python {sys.version.split()[0]})")
    print(f"{'nodes':>7}  {'files':>5}  {'run':<24}  {'wall s':>7}  {'cpu s':>7}  {'peak MB':>8}")
    for n in sizes:
        folder = maze_folder(n)
        files = len([f for f in os.listdir(folder) if f.endswith(".yaml")])
        runs = (("whole week, text, cold", [], True), ("whole week, text", [], False),
                ("whole week, json, cold", ["--format", "json"], True), ("whole week, json", ["--format", "json"], False),
                (f"--at '{AT}', text", ["--at", AT], False))
        for label, extra, cold in runs:
            if not cold:
                fill_cache(folder)
            r = run(["check", folder, *extra], cold)
            print(f"{n:>7}  {files:>5}  {label:<24}  {r['wall']:>7.2f}  {r['cpu']:>7.2f}  {r['rss']:>8.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
