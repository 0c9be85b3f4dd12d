"""Shared test setup: Hypothesis profiles and paths."""
import os
import pathlib

from hypothesis import HealthCheck, settings

ROOT = pathlib.Path(__file__).resolve().parent.parent
MENUS = ROOT / "menus"
FIXTURES = ROOT / "tests" / "fixtures"

# CI: bounded examples, no deadline (2 shared cores make timings noisy).
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def maze_finding(kind, *args, **kwargs):
    """A Finding of a maze kind (a check's), with that kind's code and default severity, as the
    check modules make them (``Finding`` itself knows only the loading kinds' codes)."""
    from ivrmaze.checks import KINDS
    from ivrmaze.findings import Finding

    k = KINDS[kind]
    kwargs.setdefault("severity", k.severity)
    return Finding(kind, *args, code=k.code, **kwargs)


def random_maze(tmp_path_factory, menu):
    """A random menu (a strategy's data) written to a file of its own and loaded; None when it
    has loading problems (the property tests compare analyses, not loading)."""
    import yaml

    import ivrmaze

    path = tmp_path_factory.mktemp("m") / "menu.yaml"
    path.write_text(yaml.safe_dump(menu, sort_keys=False, allow_unicode=True), encoding="utf-8")
    maze = ivrmaze.load(str(path), strict=False)
    return None if maze.problems else maze


def both_statics(maze):
    """The maze's arrays twice: analysed with scipy, then as a small maze (numpy's own CSR)."""
    from ivrmaze.analysis.moves import build_static

    for small in (False, True):
        st = build_static(maze.parts, [i for mf in maze.files.values() for i in mf.intents])
        st.small = small
        yield st
