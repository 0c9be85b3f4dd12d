"""Issue 13, point 8: a random ivrmaze maze written out as an Archy flow (tests/archy_writer.py)
and read back by the Archy reader gives the same findings as the original."""
import yaml
from archy_writer import archy_id, mazes, to_archy
from hypothesis import given

import ivrmaze

#: Findings only a platform file has: the companion file's advice.
PLATFORM_ONLY = {"companion"}


def _findings(path):
    maze = ivrmaze.load(str(path), strict=False)
    assert not [p for p in maze.problems if p.severity == "error"], [p.message for p in maze.problems]
    got = list(maze.problems) + list(maze.analyze().findings)
    return sorted((f.kind, f.severity, f.node or "") for f in got if f.kind not in PLATFORM_ONLY)


@given(mazes())
def test_a_maze_written_as_archy_reads_back_with_the_same_findings(tmp_path_factory, data):
    d = tmp_path_factory.mktemp("rt")
    (d / "maze.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    (d / "flow.yaml").write_text(to_archy(data))
    want = sorted((kind, sev, archy_id(data, node) if node else "") for kind, sev, node in _findings(d / "maze.yaml"))
    assert _findings(d / "flow.yaml") == want


def test_the_writer_writes_what_the_reader_reads():
    data = {"ivrmaze": 1, "name": "L", "entry": "n0", "nodes": {
        "n0": {"menu": "For sales press 1.", "options": {"1": "n1", "*": "n0"}, "no_input": "n0", "no_match": "n0",
               "retries": 2, "exhausted": "hangup"},
        "n1": {"queue": "Sales", "can_fail": True, "resolves": "*", "on_error": "n0"}}}
    from archy_support import translate
    tr = translate(to_archy(data))
    assert tr.problems == []
    assert tr.data["nodes"]["n0"]["options"]["1"]["to"] == "n1.a"
    assert tr.data["nodes"]["n1.a"] == {"queue": "Sales", "can_fail": True, "on_error": "n0"}
