"""The analysis' worker processes share what the parent makes before it forks them (issue 15):
scipy's sparse graphs imported once, and Static's kind masks made once, not by every worker; and
the states they analyse come out as the same states analysed here."""
import multiprocessing as mp
import subprocess
import sys

import numpy as np
import pytest

from ivrmaze.analysis import workers
from ivrmaze.analysis.computed import compute
from ivrmaze.lint import load

pytestmark = pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="workers need fork")

_CHILD = """
import sys
from ivrmaze.analysis import workers
from ivrmaze.analysis.computed import compute
from ivrmaze.lint import load
workers.PARALLEL_WORK = 1
made = []
prepare = workers.prepare
workers.prepare = lambda static: (made.append(1), prepare(static))[-1]
maze = load(["menus/telecom-provider.yaml"])
assert "scipy.sparse.csgraph" not in sys.modules
computed = compute(maze, chances=False)
print(len(made), "scipy.sparse.csgraph" in sys.modules, sorted(computed.static._orders),
      sorted(map(sorted, computed.static._kinds)))
"""


def test_the_parent_imports_scipy_and_prepares_static_before_forking():
    out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True).stdout.split()
    assert out[:2] == ["1", "True"]
    assert out[2] == "[]"  # the edge orders are the workers' (at a million nodes, memory the parent keeps)
    assert "'hangup'" in " ".join(out[3:]) and "'unknown']" in " ".join(out[3:])


def test_states_analysed_in_workers_are_the_states_analysed_here(monkeypatch):
    maze = load(["menus/telecom-provider.yaml"])
    here = compute(maze, chances=False)
    monkeypatch.setattr(workers, "PARALLEL_WORK", 1)
    there = compute(maze, chances=False)
    assert len(here.groups) == len(there.groups) > 1
    assert here.rows == there.rows
    for (a, wa), (b, wb) in zip(here.groups, there.groups, strict=True):
        assert a.state == b.state and wa == wb
        assert np.array_equal(a.dead, b.dead) and np.array_equal(a.reach_all, b.reach_all)
        assert a.lines.keys() == b.lines.keys()
        for key, la in a.lines.items():
            assert la.metrics() == b.lines[key].metrics()
            assert np.array_equal(la.trap_nodes, b.lines[key].trap_nodes)
