"""The Mobistar line (menus/mobistar-2011.yaml): the values the analysis issue states,
from an independent calculation by hand."""
import pytest
from conftest import MENUS

import ivrmaze
import ivrmaze.lint
from ivrmaze.checks import SETTINGS
from ivrmaze.config import Config

MOBISTAR = str(MENUS / "mobistar-2011.yaml")


@pytest.fixture(scope="module")
def maze():
    return ivrmaze.load(MOBISTAR)


def rows(analysis):
    return {m.intent: m for m in analysis.intents}


def by_kind(analysis, kind):
    return [f for f in analysis.findings if f.kind == kind]


def test_monday_morning_metrics(maze):
    a = maze.analyze(at="Mon 10:00")
    r = rows(a)
    assert len(a.intents) == 3  # one row per intent with --at
    rc = r["remove-container"]
    assert (rc.best_hops, rc.guaranteed_hops, rc.retells) == (3, None, 1)
    assert rc.resolve_probability == pytest.approx(1.0)
    assert rc.expected_hops == pytest.approx(6.5)
    inv = r["invoice"]
    assert (inv.best_hops, inv.guaranteed_hops) == (2, 2)
    assert inv.resolve_probability == pytest.approx(1.0)
    out = r["outage"]
    assert (out.best_hops, out.guaranteed_hops) == (2, 2)
    assert out.resolve_probability == pytest.approx(1 / 3)
    assert out.expected_hops is None  # a random caller can circle forever
    assert rc.best_route == tuple(f"{maze.graph.nodes[n]['file']}#{n.split('#')[1]}" for n in rc.best_route)
    assert [n.split("#")[1] for n in rc.best_route] == ["welcome", "main", "switchboard", "facilities"]


def test_monday_morning_outage_trap(maze):
    a = maze.analyze(at="Mon 10:00")
    traps = by_kind(a, "trap")
    assert len(traps) == 1
    t = traps[0]
    assert t.intent == "outage"
    assert set(t.nodes) == {"billing", "switchboard", "security", "facilities"}
    assert (t.line, t.column) == (28, 7)  # main's option "1": where callers fall in
    assert t.severity == "error"


@pytest.mark.parametrize("at", ["Fri 16:30", "2011-04-25T10:00"])
def test_after_closing_container_caller_circles(maze, at):
    a = maze.analyze(at=at)
    r = rows(a)
    assert r["remove-container"].best_hops is None
    assert r["invoice"].best_hops == 2
    traps = [f for f in by_kind(a, "trap") if f.intent == "remove-container"]
    assert len(traps) == 1
    assert {"main", "switchboard"} <= set(traps[0].nodes)
    assert traps[0].node == "switchboard"  # the closed redirect back to the main menu
    assert not by_kind(a, "after-hours-trap")  # one instant: a plain trap


def test_whole_week_after_hours_trap(maze):
    a = maze.analyze()
    aht = [f for f in by_kind(a, "after-hours-trap") if f.intent == "remove-container"]
    assert len(aht) == 1
    assert aht[0].when == ("Mon-Fri 16:00-20:00", "Sat 09:00-17:00", "2011-04-25 08:00-20:00 (holiday)")
    assert not [f for f in by_kind(a, "trap") if f.intent == "remove-container"]


def test_saturday_night_is_an_honest_end_not_a_trap(maze):
    config = Config.for_maze(maze, {"checks": {"honest-end": True}}, settings=SETTINGS)
    a = ivrmaze.lint.lint(maze, "Sat 20:00", config)
    assert all(m.best_hops is None for m in a.intents)
    assert not by_kind(a, "trap")
    assert "closed-message" not in {f.node for f in by_kind(a, "dead-end")}  # never a warning
    assert "closed-message" in {f.node for f in by_kind(a, "honest-end") if f.severity == "info"}


def test_whole_week_ping_pong(maze):
    a = maze.analyze()
    pp = by_kind(a, "ping-pong")
    assert len(pp) == 1
    assert set(pp[0].nodes) == {"switchboard", "security", "facilities", "billing"}
    assert "billing -> switchboard -> billing" in pp[0].message


def test_whole_week_rows_cover_every_window_once(maze):
    from ivrmaze import timeline as T
    a = maze.analyze()
    all_windows = set(T.describe([w for w, _ in T.windows(maze)]))
    for intent in ("remove-container", "invoice", "outage"):
        names = [w for m in a.intents if m.intent == intent for w in m.when]
        assert len(names) == len(set(names))
    assert a.worst_case_hops is None  # agents can bounce the container caller forever
    assert all_windows


def test_json_shape(maze):
    d = maze.analyze(at="Mon 10:00").to_dict()
    assert set(d) >= {"files", "findings", "intents", "summary"}
    f = d["findings"][0]
    assert set(f) >= {"kind", "severity", "code", "message", "file", "line", "column", "node", "intent", "when", "nodes"}
    i = d["intents"][0]
    assert set(i) >= {"file", "intent", "when", "best_hops", "guaranteed_hops", "resolve_probability",
                      "expected_hops", "retells"}
    assert set(d["summary"]) >= {"files", "nodes", "errors", "warnings", "worst_case_hops"}
