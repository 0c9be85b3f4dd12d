"""The example menus in menus/ show what their stories (../shared/stories.md) need:
seed 001 a cross-file loop with no resolution, seed 004 reachability is not resolution,
seed 000 a clean line, seed 002 (Mobistar) in test_analysis_mobistar.py."""
import json

import pytest
from clirun import ivrmaze as run_cli
from conftest import ROOT

import ivrmaze
from ivrmaze.graph import node_id

PROVIDER = "menus/telecom-provider.yaml"
PARTNER = "menus/telecom-partner.yaml"


@pytest.fixture(scope="module")
def week():
    """`ivrmaze check menus/ --format json`: the whole week of every example menu, loaded together."""
    mp = pytest.MonkeyPatch()
    mp.chdir(ROOT)
    mp.delenv("GITHUB_ACTIONS", raising=False)
    try:
        r = run_cli("check", "menus/", "--format", "json")
    finally:
        mp.undo()
    data = json.loads(r.output)
    data["exit_code"] = r.exit_code
    return data


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


class F:
    """A finding of the JSON output, with attribute access."""

    def __init__(self, d):
        self.__dict__.update(d)
        self.when = tuple(d["when"]) if d["when"] is not None else None
        self.nodes = tuple(d["nodes"])


def of(week, file, kind=None, intent=None):
    return [F(f) for f in week["findings"]
            if f["file"] == file and kind in (None, f["kind"]) and (intent is None or intent in f["intents"])]


def test_check_menus_folder_reports_errors_and_exits_1(week):
    assert week["exit_code"] == 1
    s = week["summary"]
    assert s["errors"] == sum(f["severity"] == "error" for f in week["findings"]) > 0
    assert s["worst_case_hops"] is None  # agents can keep some callers from resolution
    assert s["files"] == len(week["files"]) == len(list((ROOT / "menus").glob("*.yaml")))


# seed 001: provider and partner refer the caller to each other ---------------------------------

@pytest.mark.parametrize("file, other", [(PROVIDER, PARTNER), (PARTNER, PROVIDER)])
def test_seed_001_cross_file_loop_for_extra_service(week, file, other):
    traps = of(week, file, intent="extra-service")
    loops = [f for f in traps if f.kind in ("trap", "after-hours-trap")]
    assert len(loops) == 1, traps
    loop = loops[0]
    # the circle runs through both organisations' lines
    assert f"{other}#welcome" in loop.nodes and "welcome" in loop.nodes
    assert any(n.startswith(other + "#") for n in loop.nodes) and any("#" not in n for n in loop.nodes)
    assert loop.when == ("Mon-Fri 09:00-17:30",)  # while both are open; else a closed message ends the call
    assert "the whole line from its entry is inside it" in loop.message
    assert [f.kind for f in traps if f.kind == "unresolvable-intent"] == ["unresolvable-intent"]


def test_seed_001_at_an_instant_is_a_trap():
    a = ivrmaze.load(PROVIDER).analyze(at="Tue 10:00")
    traps = [f for f in a.findings if f.kind == "trap" and f.intent == "extra-service"]
    assert {f.file for f in traps} == {PROVIDER, PARTNER}
    assert not [f for f in a.findings if f.kind == "after-hours-trap"]
    rows = {(m.file, m.intent): m for m in a.intents}
    for file in (PROVIDER, PARTNER):
        m = rows[(file, "extra-service")]
        assert (m.best_hops, m.guaranteed_hops, m.resolve_probability, m.expected_hops) == (None, None, 0.0, None)
    # the other intents of the provider are still resolved
    assert rows[(PROVIDER, "invoice")].best_hops == 2


def test_seed_001_cli_names_the_cross_file_loop():
    r = run_cli("check", PROVIDER)
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert (f"{PROVIDER}:25:3: error: at these times callers who want `extra-service` go round forever among "
            "welcome, main, billing, tech-support, subscriptions, partner, menus/telecom-partner.yaml#welcome, "
            "menus/telecom-partner.yaml#delivery, menus/telecom-partner.yaml#activation and "
            "menus/telecom-partner.yaml#provider; the whole line from its entry is inside it, expected a way to a "
            "resolution or an honest end (a callback, a closing message on a `closed` route, or `end: intended`) [trap IVM203]") in lines  # no team closed: a trap


# seed 004: everyone answers, nobody solves ----------------------------------------------------

COOLBLUE = "menus/coolblue-charging.yaml"


def test_seed_004_reachability_is_not_resolution(week):
    assert [f.kind for f in of(week, COOLBLUE, "unresolvable-intent")] == ["unresolvable-intent"]
    assert of(week, COOLBLUE, "unresolvable-intent")[0].intent == "charger-fault"
    loop = of(week, COOLBLUE, "trap", "charger-fault")  # also while every team is open: a trap
    assert len(loop) == 1
    assert {"charging-support", "platform-helpdesk"} <= set(loop[0].nodes)
    pp = [f for f in of(week, COOLBLUE, "ping-pong") if "charging-support" in f.nodes]
    assert len(pp) == 1 and {"charging-support", "platform-helpdesk"} <= set(pp[0].nodes)


def test_seed_004_every_route_reaches_a_human_none_resolves():
    maze = ivrmaze.load(COOLBLUE)
    a = maze.analyze(at="Mon 10:00")
    rows = {m.intent: m for m in a.intents}
    assert rows["charger-fault"].best_hops is None
    assert rows["charger-fault"].resolve_probability == 0.0
    # staff are easy to reach: the other charging intents are resolved within 3 hops
    assert rows["charge-card"].best_hops == 3 and rows["installation"].best_hops == 3
    # whatever the caller presses, a human answers and sends them on: the trap is a circle of
    # teams (issue 11: a finding's nodes are the trap's own), and every other team leads into it
    trap = [f for f in a.findings if f.kind == "trap" and "charger-fault" in f.intents]
    assert len(trap) == 1
    queues = {maze.graph.nodes[q]["id"] for q in maze.graph if maze.graph.nodes[q]["kind"] == "queue"}
    assert set(trap[0].nodes) == {"charging-support", "platform-helpdesk", "installation"} <= queues
    assert "customer-service transfer to charging-support" in trap[0].message


# seed 000: the good path ---------------------------------------------------------------------

def test_seed_000_postnl_is_clean(week):
    assert of(week, "menus/postnl.yaml") == []
    r = run_cli("check", "menus/postnl.yaml")
    assert (r.exit_code, r.output) == (0, "0 errors, 0 warnings in 1 file (5 nodes); worst case: 2 hops\n")


def test_seed_000_callback_resolves_with_one_human_and_no_retell():
    a = ivrmaze.load("menus/postnl.yaml").analyze(at="Tue 10:00")
    rows = {m.intent: m for m in a.intents}
    m = rows["mailing-requirements"]
    assert [node_id(q) for q in m.best_route] == ["main", "customer-service", "agent-callback"]
    assert (m.best_hops, m.guaranteed_hops, m.retells) == (2, 2, 0)
    assert rows["business-mail"].best_hops == 1
    assert rows["track-parcel"].best_hops == 1

