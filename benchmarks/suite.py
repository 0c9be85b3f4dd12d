"""The benchmark's runs: ivrmaze through its command line and the reference, side by side.

Each repetition runs, one after the other on the same maze: the reference (its own process),
then `ivrmaze check` as a first run (an empty cache folder), a later run (the cache that first
run left), and the same two with ``--format json``. Measuring them together makes their ratio
meaningful on a machine whose speed drifts from minute to minute.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import generate
from .intents import COUNT
from .measure import Run, run

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
SMALL = "menus/mobistar-2011.yaml"
IMPORTS = "import yaml, click"
#: (name, extra arguments, first run) of the ivrmaze runs of each repetition, in order
CHECKS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("text_first", (), True), ("text_later", (), False),
    ("json_first", ("--format", "json"), True), ("json_later", ("--format", "json"), False))


@dataclass
class Options:
    sizes: list[int]
    runs: int = 3
    timeout: float = 1200.0  # seconds per ivrmaze run
    cap_mb: float = 8192.0  # stop a run whose processes hold more
    intents: int = COUNT  # 0: no many-intents case
    intents_timeout: float = 60.0
    small: bool = True
    data: str = DATA
    log: Callable[[str], None] = field(default=lambda line: print(line, file=sys.stderr, flush=True))


def _stamp(n: int) -> str:
    with open(generate.__file__, "rb") as fh:
        return hashlib.sha256(fh.read() + str(n).encode()).hexdigest()


def maze_folder(data: str, n: int) -> str:
    """The folder of the n-node maze, generated (with the reference's set-up) unless already there
    from this generator. Generated in a process of its own: a child's peak memory, as the kernel
    counts it, starts from its parent's, so the benchmark's own process stays small."""
    folder = os.path.join(data, f"maze{n}")
    stamp = os.path.join(folder, ".stamp")
    if os.path.isfile(stamp):
        with open(stamp) as fh:
            if fh.read() == _stamp(n):
                return folder
    shutil.rmtree(folder, ignore_errors=True)
    r = run([sys.executable, "-m", "benchmarks.reference", "--prepare", str(n), folder], cwd=ROOT)
    if r.code != 0:
        raise SystemExit(f"generating the {n}-node maze failed (exit {r.code}):\n{r.stderr}")
    with open(stamp, "w") as fh:
        fh.write(_stamp(n))
    return folder


def _env(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "IVRMAZE_NO_CACHE"}
    env["IVRMAZE_CACHE_DIR"] = cache
    return env


def ivrmaze(args: list[str], cache: str, *, timeout: float, cap_mb: float) -> Run:
    """One `ivrmaze` command in a fresh process, run from the repository root."""
    r = run([sys.executable, "-m", "ivrmaze", *args], _env(cache), timeout=timeout, cap_mb=cap_mb, cwd=ROOT,
            capture=False)
    if r.stopped is None and r.code not in (0, 1):
        raise SystemExit(f"ivrmaze {' '.join(args)} failed (exit {r.code}):\n{r.stderr}")
    return r


def reference(folder: str, opts: Options) -> tuple[Run, dict[str, Any]]:
    r = run([sys.executable, "-m", "benchmarks.reference", folder], timeout=opts.timeout, cap_mb=opts.cap_mb,
            cwd=ROOT)
    if r.code != 0:
        raise SystemExit(f"the reference failed on {folder} (exit {r.code}):\n{r.stderr}")
    return r, json.loads(r.stdout)


def one_size(n: int, opts: Options, caches: str) -> dict[str, Any]:
    """Every repetition on the n-node maze: the reference's figures and each ivrmaze run."""
    folder = maze_folder(opts.data, n)
    out: dict[str, Any] = {"reference": [], **{name: [] for name, _, _ in CHECKS}}
    stopped = False
    for rep in range(opts.runs):
        if stopped:  # the runs after a stopped one would find no cache, or stop too
            break
        proc, figures = reference(folder, opts)
        out["counts"] = {k: figures[k] for k in ("nodes", "edges", "files", "lines", "states", "intents", "bytes")}
        out["reference"].append({"scan": figures["scan"], "work": figures["work"], "process": proc.wall,
                                 "peak_mb": proc.peak_mb})
        cache = ""
        for name, extra, first in CHECKS:
            if stopped:
                break
            if first:
                cache = tempfile.mkdtemp(prefix=f"{name}-", dir=caches)
            r = ivrmaze(["check", folder, *extra], cache, timeout=opts.timeout, cap_mb=opts.cap_mb)
            out[name].append(r)
            opts.log(f"{n:>9,} nodes, run {rep + 1}: {name.replace('_', ', ')} {r.wall:.2f} s, {r.peak_mb:.0f} MB"
                     + (f" ({r.stopped})" if r.stopped else ""))
            stopped = r.stopped is not None
    return out


def small_file(opts: Options, caches: str) -> dict[str, list[Run]]:
    """`ivrmaze check` on a 10-node file against the bare imports of PyYAML and click: as after a
    save (an empty cache: the file changed, the target's figure) and on the unchanged file (the
    cache that run left: ivrmaze replays its result)."""
    out: dict[str, list[Run]] = {"check": [], "later": [], "imports": []}
    for _ in range(opts.runs):
        cache = tempfile.mkdtemp(prefix="small-", dir=caches)
        out["imports"].append(run([sys.executable, "-c", IMPORTS], cwd=ROOT))
        out["check"].append(ivrmaze(["check", SMALL], cache, timeout=opts.timeout, cap_mb=opts.cap_mb))
        out["later"].append(ivrmaze(["check", SMALL], cache, timeout=opts.timeout, cap_mb=opts.cap_mb))
    opts.log(f"small file: check {out['check'][-1].wall:.2f} s (unchanged: {out['later'][-1].wall:.2f} s), "
             f"imports {out['imports'][-1].wall:.2f} s")
    return out


def many_intents(opts: Options, caches: str) -> dict[str, Any]:
    """`ivrmaze check` on one file of ``opts.intents`` intents, each run with an empty cache; no
    repetition once a run is stopped."""
    path = os.path.join(opts.data, f"intents{opts.intents}.yaml")
    made = run([sys.executable, "-m", "benchmarks.intents", str(opts.intents), path], cwd=ROOT)  # as maze_folder
    if made.code != 0:
        raise SystemExit(f"writing {path} failed (exit {made.code}):\n{made.stderr}")
    runs: list[Run] = []
    for _ in range(opts.runs):
        cache = tempfile.mkdtemp(prefix="intents-", dir=caches)
        runs.append(ivrmaze(["check", path], cache, timeout=opts.intents_timeout, cap_mb=opts.cap_mb))
        opts.log(f"{opts.intents:,} intents: {runs[-1].wall:.2f} s" + (f" ({runs[-1].stopped})" if runs[-1].stopped
                                                                       else ""))
        if runs[-1].stopped:
            break
    return {"intents": opts.intents, "bytes": os.path.getsize(path), "runs": runs}


def collect(opts: Options) -> dict[str, Any]:
    """Every measurement of one benchmark run, raw (``report.summarise`` makes the report)."""
    os.makedirs(opts.data, exist_ok=True)
    caches = tempfile.mkdtemp(prefix=".caches-", dir=opts.data)  # ours, absolute, 0700: a cache ivrmaze trusts
    try:
        raw: dict[str, Any] = {"load_before": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
        raw["sizes"] = {n: one_size(n, opts, caches) for n in opts.sizes}
        if opts.small:
            raw["small"] = small_file(opts, caches)
        if opts.intents:
            raw["many_intents"] = many_intents(opts, caches)
        return raw
    finally:
        shutil.rmtree(caches, ignore_errors=True)
