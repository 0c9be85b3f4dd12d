"""The start-up path stays lean: what `import ivrmaze` and a small check import (issue 15, target 5)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS = ("ivrmaze.load", "ivrmaze.lint", "ivrmaze.maze", "ivrmaze.analysis", "ivrmaze.checks")
HEAVY = ("scipy", "networkx", "holidays", "jsonschema", "graphviz")


def _modules_after(code: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "IVRMAZE_CACHE_DIR": os.devnull + "-none"}
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_ivrmaze_loads_no_reader_nor_analysis() -> None:
    mods = _modules_after("import ivrmaze")
    assert not {m for m in mods if m.startswith(READERS) or m.split(".")[0] in HEAVY + ("numpy",)}


def test_public_names_still_work() -> None:
    mods = _modules_after("import ivrmaze, ivrmaze.load.walk\n"
                          "from ivrmaze.lint import load\n"
                          "assert ivrmaze.load is load and ivrmaze.Maze.__name__ == 'Maze'")
    assert "ivrmaze.lint" in mods


def test_small_check_imports_no_heavy_module() -> None:
    code = ("import sys\nfrom ivrmaze.cli import _run\nsys.stdout = open(__import__('os').devnull, 'w')\n"
            "_run(['check', 'menus/mobistar-2011.yaml'])\nsys.stdout = sys.__stdout__")
    mods = _modules_after(code)
    assert "ivrmaze.checks" in mods  # the check did run
    assert not {m for m in mods if m.split(".")[0] in HEAVY}
    platform_readers = ("ivrmaze.load.connect", "ivrmaze.load.archy", "ivrmaze.load.studio", "ivrmaze.load.asterisk")
    assert not {m for m in mods if m.startswith(platform_readers)}
    # worker processes are for big mazes: multiprocessing would bring sockets, logging and subprocess
    assert not {m for m in mods if m.split(".")[0] in ("multiprocessing", "concurrent")}
    # np.unique imports numpy.ma on first use (11 ms): graphs.distinct instead
    assert "numpy.ma" not in mods
    # needed only for a crash, the help's list of commands, a misspelt word
    assert not {"traceback", "pkgutil", "difflib"} & mods


def test_the_command_line_collects_garbage_less_often() -> None:
    # the entry (`python -m ivrmaze`, the `ivrmaze` script) raises the threshold before importing
    out = subprocess.run([sys.executable, "-c", "import gc, ivrmaze.__main__; print(gc.get_threshold()[0])"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    assert int(out.stdout) >= 100_000
    lib = subprocess.run([sys.executable, "-c", "import gc, ivrmaze.cli; print(gc.get_threshold()[0])"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    assert int(lib.stdout) == 700  # importing the library leaves Python's default alone


def test_the_command_line_starts_no_blas_thread_pool_unless_asked() -> None:
    # numpy's import loads OpenBLAS, whose pool ivrmaze never uses; a user's own setting is kept
    code = "import os, ivrmaze.__main__; print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    assert out.stdout.strip() == "1"
    mine = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**env, "OPENBLAS_NUM_THREADS": "4"})
    assert mine.stdout.strip() == "4"
    lib = subprocess.run([sys.executable, "-c", code.replace("ivrmaze.__main__", "ivrmaze.cli")],
                         capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    assert lib.stdout.strip() == "None"  # importing the library leaves the environment alone


def test_a_platform_file_still_finds_its_reader() -> None:
    from ivrmaze.load import readers
    raw = b'{"Version": "2019-10-30", "StartAction": "a", "Actions": []}'
    assert readers.recognised("flow.json", raw) and readers.reader_for("flow.json", raw) is not readers.read_ivrmaze_yaml
    assert readers.reader_for("m.yaml", b"ivrmaze: 1\nnodes: {}\n") is readers.read_ivrmaze_yaml


def test_a_known_time_zone_is_one_zoneinfo_lists() -> None:
    # tzdata's zone list answers first; the full listing opens every zone file (35 ms a check)
    import zoneinfo

    from hypothesis import given
    from hypothesis import strategies as st

    from ivrmaze.load.menu_file import known_timezone
    every = zoneinfo.available_timezones()
    odd = ["posixrules", "localtime", "Factory", "right/UTC", "posix/UTC", "europe/brussels", "Europe/Brussels/",
           "Etc/GMT+1", "", "zone.tab", "tzdata.zi", "leapseconds", "Europe//Brussels", "../zoneinfo/UTC"]

    @given(st.sampled_from(sorted(every)) | st.sampled_from(odd) | st.text(max_size=12))
    def agrees(tz: str) -> None:
        assert known_timezone(tz) == (tz in every)

    agrees()
