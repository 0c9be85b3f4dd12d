"""The benchmark's own code: exact maze sizes, a reference that computes what networkx computes on
the graph ivrmaze loads, measurement, and the report's shape. No timing assertions."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
import yaml

import ivrmaze
from benchmarks import generate, intents, measure, model, reference, report, suite
from benchmarks.measure import Run
from ivrmaze.graph import qualify

MILL = 1_000_000
#: ivrmaze's graph of a maze, the documents, and the reference's arrays and schedules of it
Small = tuple[Any, dict[str, Any], model.Arrays, list[model.Key]]


@pytest.mark.parametrize(("n", "per_file"), [(250, 100), (100, 100), (301, 100), (305, 100), (40, 20000)])
def test_the_generator_makes_exactly_n_nodes_with_one_entry(n: int, per_file: int) -> None:
    files = generate.generate(n, seed=n, per_file=per_file)
    sizes = [len(doc["nodes"]) for doc in files.values()]
    assert sum(sizes) == n and sizes == generate.part_sizes(n, per_file)
    main, *parts = files
    assert main == generate.MAIN and [name for name, doc in files.items() if "entry" in doc] == [main]
    exits = [body["external"] for body in files[main]["nodes"].values() if "external" in body]
    assert exits == [{"file": p, "node": f"p{k}-root"} for k, p in enumerate(parts, 1)]
    for doc in files.values():
        assert list(doc["intents"]) == generate.INTENTS and len(generate.INTENTS) == 20
        assert doc["hours"] == generate.HOURS and len(doc["hours"]) == 5


def test_the_hundred_thousand_maze_is_five_files_of_twenty_thousand() -> None:
    assert generate.part_sizes(100_000) == [20_000] * 5
    assert generate.part_sizes(1_000_000) == [20_000] * 50
    assert generate.part_sizes(10_000) == [10_000]


@pytest.fixture(scope="module")
def small_maze(tmp_path_factory: pytest.TempPathFactory) -> Small:
    """A 3-file maze, as ivrmaze loads it and as the reference reads it."""
    folder = tmp_path_factory.mktemp("maze")
    paths = [os.path.normpath(p) for p in generate.write(str(folder), generate.generate(250, seed=4, per_file=100))]
    docs = reference.load(paths)
    a, schedules = model.arrays(docs)
    return ivrmaze.load(paths[0]).graph, docs, a, schedules


def _node_qid(key: model.Key) -> str:
    return qualify(*key)


def test_the_reference_model_has_the_graph_ivrmaze_loads(small_maze: Small) -> None:
    G, _, a, schedules = small_maze
    assert a.declared == 250 == sum(d["kind"] != "hangup" for _, d in G.nodes(data=True))
    assert sorted(map(_node_qid, a.keys)) == sorted(G.nodes)
    when = {0: "always", 1: "open", 2: "closed"}
    ours = sorted((_node_qid(a.keys[u]), _node_qid(a.keys[v]), when[int(w)],
                   None if s < 0 else qualify(*schedules[s])) 
                   for u, v, w, s in zip(a.src, a.dst, a.when, a.sched, strict=True))
    theirs = sorted((u, v, d["when"], d["schedule"]) for u, v, d in G.edges(data=True))
    assert ours == theirs
    assert [_node_qid(a.keys[e]) for e in a.entries] == [q for q, d in G.nodes(data=True) if d["entry"]]


def _live(G: nx.MultiDiGraph, is_open: set[str]) -> nx.DiGraph:
    """The graph at one state, with networkx: edges per their `when` and `schedule`."""
    H = nx.DiGraph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v) for u, v, d in G.edges(data=True)
                     if d["when"] == "always" or (d["when"] == "open") == (d["schedule"] in is_open))
    return H


def test_the_reference_computes_what_networkx_computes_at_every_state(small_maze: Small) -> None:
    G, docs, a, schedules = small_maze
    table = model.states(docs, schedules)
    results = reference.work(a, table, keep=True)
    assert len(results) == len(table) == 11  # the generator's 5 schedules, the week and 2 holidays
    qid = [_node_qid(k) for k in a.keys]
    for row, res in zip(table, results, strict=True):
        is_open = {qualify(*schedules[s]) for s in np.flatnonzero(row)}
        H = _live(G, is_open)
        for e, reach in zip(a.entries, res.reach, strict=True):
            assert {qid[i] for i in reach} == nx.descendants(H, qid[e]) | {qid[e]}
        for intent, can in zip(a.intents, res.can_resolve, strict=True):
            ends = {q for q, d in G.nodes(data=True) if intent in d["resolves"]
                    and (d["kind"] != "queue" or d["schedule"] is None or d["schedule"] in is_open)}
            expected = set(ends).union(*(nx.ancestors(H, q) for q in ends))
            assert {qid[i] for i in can} == expected
        ours: dict[int, set[str]] = {}
        for i, label in enumerate(res.labels):
            ours.setdefault(int(label), set()).add(qid[i])
        assert sorted(map(sorted, ours.values())) == sorted(map(sorted, nx.strongly_connected_components(H)))
        assert res.components == len(ours)


def test_schedules_are_read_per_minute() -> None:
    night, support = model.open_minutes(generate.HOURS["night"]), model.open_minutes(generate.HOURS["support"])
    mon, sun = 0, 6 * 1440
    assert night[mon + 7 * 60 + 59] and not night[mon + 8 * 60] and night[sun + 23 * 60]  # 20:00-08:00 wraps
    assert support[mon + 11 * 60] and not support[mon + 12 * 60 + 30] and not support[sun + 11 * 60]


def test_the_scan_parses_to_events(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("ivrmaze: 1\nnodes: {a: {say: hi}}\n")
    bad.write_text("ivrmaze: 1\nnodes: {a: [\n")
    assert reference.scan([str(good)]) == len(good.read_text())
    with pytest.raises(yaml.YAMLError):
        reference.scan([str(bad)])


def test_the_setup_cache_gives_back_the_same_arrays(tmp_path: Path) -> None:
    paths = [os.path.normpath(p) for p in generate.write(str(tmp_path), generate.generate(120, seed=2, per_file=60))]
    built, table = reference.save_setup(paths, reference.load(paths))
    cached, again = reference.setup(paths)
    assert np.array_equal(table, again) and cached.n == built.n and cached.entries == built.entries
    for name in ("src", "dst", "when", "sched", "node_sched"):
        assert np.array_equal(getattr(cached, name), getattr(built, name))
    assert [list(r) for r in cached.resolvers] == [list(r) for r in built.resolvers]


def test_a_run_counts_the_memory_of_the_processes_it_leaves_behind() -> None:
    code = ("import os, time\nif os.fork() == 0:\n    x = bytearray(200 * 2**20)\n    time.sleep(0.3)\n"
            "    os._exit(0)\nprint('parent done')")
    r = measure.run([sys.executable, "-c", code])
    assert r.code == 0 and r.stdout == "parent done\n" and r.stopped is None
    assert r.peak_mb >= 200 and r.wall > 0


@pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="proportional set sizes are Linux's")
def test_pages_that_forked_processes_share_count_once_in_the_total() -> None:
    # 300 MB made resident, then 3 forks that only hold them: resident sets would sum to 1.2 GB
    code = ("import os, time\nx = bytearray(300 * 2**20)\nx[::4096] = bytes(len(x) // 4096)\nkids = []\n"
            "for _ in range(3):\n    pid = os.fork()\n    if pid == 0:\n        time.sleep(2.5)\n        os._exit(0)\n"
            "    kids.append(pid)\n"
            "for pid in kids:\n    os.waitpid(pid, 0)")
    r = measure.run([sys.executable, "-c", code])
    assert r.code == 0 and r.stopped is None
    assert r.peak_mb >= 300 and 300 <= r.total_mb < 500


def test_a_run_past_its_time_is_stopped() -> None:
    r = measure.run([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert r.stopped == "stopped at 0.5 s" and r.code != 0


def test_the_many_intents_case(tmp_path: Path) -> None:
    doc = intents.many_intents(3000)
    assert len(doc["intents"]) == 3000 and doc["nodes"]["desk"]["resolves"] == "*"
    path = intents.write(str(tmp_path / "i.yaml"), 3000)
    with open(path, encoding="utf-8") as fh:
        assert len(yaml.safe_load(fh)["intents"]) == 3000


def _run(wall: float, peak: float = 100.0, stopped: str | None = None) -> Run:
    return Run(wall, peak, 0, "", "", stopped)


def test_the_report_divides_by_the_right_reference() -> None:
    ref = [{"scan": 1.0, "work": 0.5, "process": 2.0, "peak_mb": 50.0}]
    raw = {"sizes": {10: {"counts": {"nodes": 10, "edges": 30, "files": 1, "lines": 1, "states": 11, "intents": 20,
                                     "bytes": 999}, "reference": ref,
                          "text_first": [_run(4.5)], "text_later": [_run(3.0)], "json_first": [_run(9.5)],
                          "json_later": [_run(5.0)]},
                     MILL: {"counts": {"nodes": MILL, "edges": 3, "files": 50, "lines": 1, "states": 11,
                                       "intents": 20, "bytes": 9}, "reference": ref,
                            "text_first": [_run(70.0, 5000.0, "stopped at 70 s")], "text_later": [],
                            "json_first": [], "json_later": []}},
           "small": {"check": [_run(0.3), _run(0.1), _run(0.2)], "later": [_run(0.15)] * 3,
                     "imports": [_run(0.1)] * 3},
           "many_intents": {"intents": 100000, "bytes": 1_600_000, "runs": [_run(2.0)]}}
    rep = report.summarise(raw, 1)
    got = {t["what"]: (t["value"], t["met"]) for t in rep["targets"]}
    assert got["10 nodes: text first run / (scan + work)"] == (3.0, True)
    assert got["10 nodes: text later run / work alone"] == (6.0, False)
    assert got["10 nodes: JSON / text, first run"] == (9.5 / 4.5, False)
    assert got["10 nodes: JSON / text, later run"] == (5.0 / 3.0, True)
    assert got["1,000,000 nodes: text first run"] == (70.0, False)
    assert got["1,000,000 nodes: peak memory"] == (5000.0, False)
    assert got["1,000,000 nodes: text later run"] == (None, None)
    assert {t["note"] for t in rep["targets"] if t["value"] is None} == {"not measured"}
    assert got["small file: check mobistar-2011.yaml / `import yaml, click`"][0] == pytest.approx(2.0)
    assert got["small file, unchanged (replayed): check / `import yaml, click`"] == (pytest.approx(1.5), True)
    assert got["100,000 intents (1.6 MB): check"] == (2.0, True)
    growth = got["growth 10 -> 1,000,000 nodes: exponent of the first-run time"]
    assert growth[0] == pytest.approx(np.log(70 / 4.5) / np.log(MILL / 10)) and growth[1] is False
    text = report.table(rep)
    assert all(t["what"] in text for t in rep["targets"]) and ">70.00 (5000)" in text
    md = report.markdown(rep)
    assert all(f"| {t['what']} |" in md for t in rep["targets"]) and "| > 70.0 (5,000) | - | - | - |" in md


def test_one_benchmark_run_reports_every_figure(tmp_path: Path) -> None:
    opts = suite.Options(sizes=[300], runs=1, intents=500, data=str(tmp_path), log=lambda _: None)
    rep = report.summarise(suite.collect(opts), 1)
    (size,) = rep["sizes"]
    assert {k: size[k] for k in ("nodes", "files", "lines", "states", "intents")} == \
        {"nodes": 300, "files": 1, "lines": 1, "states": 11, "intents": 20}
    assert size["edges"] > 300 and size["reference"]["scan"] > 0 and size["reference"]["work"] > 0
    for name, _, _ in suite.CHECKS:
        s = size["ivrmaze"][name]
        assert s["runs"] == 1 and s["wall"] > 0 and 0 < s["peak_mb"] <= s["total_mb"] and s["stopped"] is None
    assert rep["small"]["check"]["wall"] > 0 and rep["small"]["imports"]["wall"] > 0
    assert rep["small"]["later"]["wall"] > 0
    assert rep["many_intents"]["intents"] == 500 and rep["many_intents"]["check"]["stopped"] is None
    assert len(rep["targets"]) == 4 + 3  # per size, small file (after a save, unchanged), many intents
    assert all(t["value"] is not None for t in rep["targets"])
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".caches-")]  # its cache folders are gone
