"""The C-speed reference: the least work ivrmaze's analysis needs, at the speed of C.

For a first run it scans the menu files at libyaml's event speed (``yaml.parse`` with the
C loader, consuming the events without building objects: PyYAML's object building is not part
of the reference); then, per distinct schedule state, it does on CSR arrays with
``scipy.sparse.csgraph``: a forward breadth-first search from each entry, one reverse
multi-source breadth-first search per intent from the nodes that resolve it (one super-source
per intent), and the strongly connected components. Building the model's arrays from the
files is set-up, not timed, and kept in a data-only cache next to the files
(``.reference.npz``), as yaml.load takes far longer than everything measured here.

    python -m benchmarks.reference FILE_OR_FOLDER...    # prints the counts and times as JSON
    python -m benchmarks.reference --prepare N FOLDER   # writes the N-node maze and its set-up
"""
from __future__ import annotations

import collections
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import yaml
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, connected_components

from . import generate
from .model import Arrays, arrays, states

_SETUP = ".reference.npz"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def menu_paths(targets: list[str]) -> list[str]:
    """The menu files of ``targets`` (files, or folders of ``*.yaml``), sorted, normalised."""
    out: list[str] = []
    for t in targets:
        if os.path.isdir(t):
            out += [os.path.join(t, f) for f in sorted(os.listdir(t)) if f.endswith((".yaml", ".yml"))]
        else:
            out.append(t)
    return [os.path.normpath(p) for p in out]


def scan(paths: list[str]) -> int:
    """Read and parse every file to libyaml events, consuming them; the characters read."""
    chars = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        chars += len(text)
        collections.deque(yaml.parse(text, Loader=_Loader), maxlen=0)
    return chars


def load(paths: list[str]) -> dict[str, dict[str, Any]]:
    """Path -> menu document (set-up: object building is not part of the reference)."""
    docs = {}
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            docs[path] = yaml.load(fh, Loader=_Loader)
    return docs


@dataclass
class StateResult:
    """One state's results: per entry the nodes it reaches, per intent the nodes from which a
    resolver can be reached, and a strongly-connected-component label per node."""

    reach: list[np.ndarray]
    can_resolve: list[np.ndarray]
    components: int
    labels: np.ndarray


def _csr(rows: np.ndarray, cols: np.ndarray, n: int) -> csr_matrix:
    # float64 data: csgraph converts anything else on every call
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))


def one_state(a: Arrays, is_open: np.ndarray) -> StateResult:
    """The reference's work at one state (``is_open``: a bool per schedule of ``a.schedules``)."""
    n, k = a.n, len(a.intents)
    opened = np.append(is_open, False)  # index -1 (no schedule) reads False
    live = (a.when == 0) | ((a.when == 1) & opened[a.sched]) | ((a.when == 2) & ~opened[a.sched])
    src, dst = a.src[live], a.dst[live]
    forward = _csr(src, dst, n)
    reach = [breadth_first_order(forward, e, directed=True, return_predecessors=False) for e in a.entries]
    # reverse edges, plus one super-source per intent with an edge to each resolver open now
    node_open = opened[a.node_sched] | (a.node_sched < 0)
    sources = [r[node_open[r]] for r in a.resolvers]
    rows = np.concatenate([dst] + [np.full(len(s), n + i, np.int32) for i, s in enumerate(sources)])
    cols = np.concatenate([src] + sources)
    reverse = _csr(rows, cols, n + k)
    can_resolve = [breadth_first_order(reverse, n + i, directed=True, return_predecessors=False)[1:]
                   for i in range(k)]
    components, labels = connected_components(forward, directed=True, connection="strong")
    return StateResult(reach, can_resolve, int(components), labels)


def work(a: Arrays, table: np.ndarray, keep: bool = False) -> list[StateResult]:
    """The work at every state of ``table`` (one row per state); the results only when ``keep``
    (a million-node maze's would take gigabytes)."""
    out = []
    for is_open in table:
        r = one_state(a, is_open)
        if keep:
            out.append(r)
    return out


def _fingerprint(paths: list[str]) -> str:
    """The files (names, sizes, modification times) and the model's code."""
    with open(os.path.join(os.path.dirname(__file__), "model.py"), "rb") as fh:
        h = hashlib.sha256(fh.read())
    for p in paths:
        st = os.stat(p)
        h.update(f"{os.path.abspath(p)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def _setup_path(paths: list[str]) -> str:
    return os.path.join(os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths]), _SETUP)


def save_setup(paths: list[str], docs: dict[str, dict[str, Any]]) -> tuple[Arrays, np.ndarray]:
    """Build the arrays and state table of ``docs`` (the documents of ``paths``) and cache them."""
    a, schedules = arrays(docs)
    table = states(docs, schedules)
    res = a.resolvers
    np.savez(_setup_path(paths), fingerprint=np.array(_fingerprint(paths)), src=a.src, dst=a.dst, when=a.when,
             sched=a.sched, node_sched=a.node_sched, entries=np.asarray(a.entries, np.int32),
             intents=np.array(a.intents, dtype=str), resolvers=np.concatenate(res) if res else np.zeros(0, np.int32),
             offsets=np.cumsum([0] + [len(r) for r in res]), table=table, sizes=np.array([a.n, a.declared, a.files]))
    return a, table


def setup(paths: list[str]) -> tuple[Arrays, np.ndarray]:
    """The arrays and state table of ``paths``: from the cache when it is of these files, else built."""
    try:
        with np.load(_setup_path(paths), allow_pickle=False) as z:
            if str(z["fingerprint"]) == _fingerprint(paths):
                off, flat = z["offsets"], z["resolvers"]
                n, declared, files = (int(x) for x in z["sizes"])
                a = Arrays(n, [], z["src"], z["dst"], z["when"], z["sched"], z["node_sched"],
                           [int(e) for e in z["entries"]], [str(i) for i in z["intents"]],
                           [flat[off[i]:off[i + 1]] for i in range(len(off) - 1)], declared, files)
                return a, z["table"]
    except (OSError, KeyError, ValueError):
        pass  # no cache, or not of these files: build it
    return save_setup(paths, load(paths))


def measure(targets: list[str]) -> dict[str, Any]:
    """Counts of the maze and the reference's times in seconds: ``scan`` and ``work``."""
    paths = menu_paths(targets)
    a, table = setup(paths)
    t0 = time.perf_counter()
    chars = scan(paths)
    t_scan = time.perf_counter() - t0
    t0 = time.perf_counter()
    work(a, table)
    t_work = time.perf_counter() - t0
    return {"nodes": a.declared, "edges": len(a.src), "files": a.files, "lines": len(a.entries),
            "states": len(table), "intents": len(a.intents), "bytes": sum(os.path.getsize(p) for p in paths),
            "chars": chars, "scan": t_scan, "work": t_work}


def prepare(n: int, folder: str) -> None:
    """Generate the n-node benchmark maze into ``folder`` and cache its set-up (from the generated
    documents: no yaml.load)."""
    files = generate.generate(n, seed=n)
    paths = [os.path.normpath(p) for p in generate.write(folder, files)]
    save_setup(paths, dict(zip(paths, files.values(), strict=True)))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 3 and argv[0] == "--prepare":
        prepare(int(argv[1]), argv[2])
        return 0
    if not argv or argv[0].startswith("-"):
        print("usage: python -m benchmarks.reference FILE_OR_FOLDER... | --prepare N_NODES FOLDER", file=sys.stderr)
        return 2
    print(json.dumps(measure(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
