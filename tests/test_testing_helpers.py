"""ivrmaze.testing: strategies for instants and keys, assertion helpers, and the property the
issue asks of the Mobistar line, written with them."""
import networkx as nx
import pytest
from conftest import FIXTURES, MENUS
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from ivrmaze import UsageError, lint, load
from ivrmaze.graph import edge_live, qualify
from ivrmaze.language import DTMF_KEYS
from ivrmaze.schedule import WEEK
from ivrmaze.simulator import simulate
from ivrmaze.testing import assert_guaranteed, assert_no_traps, assert_resolvable, instants, key_sequences
from ivrmaze.testing.keys import offered_keys
from ivrmaze.timeline import Instant, state_at

MAZE = load(MENUS / "mobistar-2011.yaml")
INTENTS = list(MAZE.files["menus/mobistar-2011.yaml"].intents)
ANALYSES = lint.analyses(MAZE)


# -- strategies ------------------------------------------------------------------------------
@given(instants(MAZE))
def test_instants_lie_in_the_week(at):
    assert isinstance(at, Instant) and 0 <= at.minute < WEEK
    assert at.date in (None, "2011-04-25")
    if at.date:
        assert at.minute // 1440 == 0  # 2011-04-25 is a Monday


def test_instants_reach_holidays_and_closing_minutes():
    from hypothesis import find
    assert find(instants(MAZE), lambda i: i.date == "2011-04-25").date == "2011-04-25"
    find(instants(MAZE), lambda i: i.minute == 4 * 1440 + 16 * 60 - 1)  # Fri 15:59, a minute before closing
    with pytest.raises(NoSuchExample):
        find(instants(MAZE, holidays=False), lambda i: i.date is not None, settings=settings(max_examples=300))


def test_offered_keys():
    assert offered_keys(MAZE) == ["1", "2", "3", "*"]
    assert offered_keys(load(FIXTURES / "calls" / "helpdesk.yaml")) == ["1", "2", "3", "4"]


@given(key_sequences(MAZE, max_size=4))
def test_key_sequences(keys):
    assert len(keys) <= 4 and set(keys) <= {"1", "2", "3", "*", "0"}  # "0": the one wrong key


@given(key_sequences(MAZE, wrong_keys=False, no_input=True, min_size=1))
def test_key_sequences_options(keys):
    assert keys and set(keys) <= {"1", "2", "3", "*", ""}
    assert all(k in DTMF_KEYS or k == "" for k in keys)


# -- the property from the issue ---------------------------------------------------------------
def escapable(node, intent, at) -> bool:
    """Whether a resolution or the end of the call can be reached from ``node`` (brute force over
    the graph, apart from the analysis)."""
    state = state_at(MAZE, at)
    G = MAZE.graph
    H = nx.DiGraph((u, v) for u, v, d in G.edges(data=True) if d["role"] != "failure" and edge_live(d, state))
    H.add_nodes_from(G)

    def way_out(q):
        d = G.nodes[q]
        is_open = d.get("schedule") is None or d["schedule"] in state
        if d["kind"] in ("hangup", "voicemail", "callback"):
            return True
        resolves = d["resolves"] == "*" or intent in d["resolves"]
        return d["kind"] == "queue" and is_open and (resolves or not any(
            dd["via"] == "transfers" for *_, dd in G.out_edges(q, data=True)))

    return any(way_out(q) for q in nx.descendants(H, node) | {node})


@given(instants(MAZE), key_sequences(MAZE, max_size=6), st.sampled_from(INTENTS))
def test_every_mobistar_call_resolves_ends_or_is_inside_a_reported_trap(at, keys, intent):
    res = simulate(MAZE, keys, at=at, intent=intent, best_route=ANALYSES.best_route)
    if res.outcome in ("resolved", "ended"):
        return
    findings = ANALYSES.at(at).findings
    trapped = {qualify(f.file, n) for f in findings if f.kind == "trap" and f.intent == intent for n in f.nodes}
    pingpong = {qualify(f.file, n) for f in findings if f.kind == "ping-pong" for n in f.nodes}
    assert res.outcome in ("waiting", "loop"), res.outcome
    if res.outcome == "loop":  # agents send the caller round: a trap, or at least reported ping-pong
        assert res.node in trapped | pingpong
    # the analysis and a brute-force search agree on whether the caller can still get out
    assert (res.node in trapped) is not escapable(res.node, intent, at), (res.node, at.label())


# -- assertion helpers ---------------------------------------------------------------------------
def test_passing_assertions_return_quietly():
    assert_no_traps(MAZE, intent="invoice")
    assert_resolvable(MAZE, "invoice", at="Mon-Fri 08:00-20:00", max_hops=2)
    assert_resolvable(MAZE, "invoice", at="Sat 09:00-17:00")
    assert_guaranteed(MAZE, "invoice", at="Mon 10:00", max_hops=2)
    assert_no_traps(MAZE, intent="outage", at="Sun 12:00")


def test_assert_no_traps_shows_the_route_in_and_round():
    with pytest.raises(AssertionError) as e:
        assert_no_traps(MAZE, intent="remove-container", at="Fri 16:30")
    assert str(e.value) == (
        "1 trap for `remove-container`:\n"
        "- menus/mobistar-2011.yaml:54:5: trap for `remove-container` (Fri 16:30): callers who want "
        "`remove-container` go round forever among main, billing, tech and switchboard; closed teams send "
        "callers back (switchboard (closed) -> main); callers fall in at welcome next -> main, expected a way to a "
        "resolution or an honest end (a callback, a closing message on a `closed` route, or `end: intended`)\n"
        "  route in: welcome -> main -[3]-> switchboard -(closed)-> main (and round again)")


def test_assert_no_traps_over_the_week_names_the_windows():
    with pytest.raises(AssertionError) as e:
        assert_no_traps(MAZE)
    text = str(e.value)
    assert text.startswith("2 traps:\n")
    assert ":28:7: trap for `outage` (Mon-Fri 08:00-16:00)" in text  # while the teams are open: a trap
    assert "  route in: welcome -> main -[1]-> billing => switchboard => billing (and round again)" in text
    assert ("after-hours-trap for `remove-container` (Mon-Fri 16:00-20:00; Sat 09:00-17:00; "
            "2011-04-25 08:00-20:00 (holiday))") in text


def test_assert_resolvable_shows_best_route_and_windows():
    with pytest.raises(AssertionError) as e:
        assert_resolvable(MAZE, "remove-container", at="Mon-Fri 09:00-18:00", max_hops=2)
    assert str(e.value) == (
        "`remove-container` is not resolvable within 2 hops (menus/mobistar-2011.yaml, entry `phone`, "
        "Mon-Fri 09:00-18:00):\n"
        "- best_hops is 3, expected at most 2 (best route: welcome -> main -[3]-> switchboard => facilities) "
        "in Mon-Fri 09:00-16:00\n"
        "- best_hops is none, expected at most 2 (best route: no route resolves it) in Mon-Fri 16:00-18:00")


def test_assert_guaranteed():
    with pytest.raises(AssertionError) as e:
        assert_guaranteed(MAZE, "remove-container", at="Mon 10:00")
    assert str(e.value) == (
        "`remove-container` is not guaranteed (menus/mobistar-2011.yaml, entry `phone`, Mon 10:00):\n"
        "- agents can keep the caller from a resolution, expected a guaranteed route "
        "(best route: welcome -> main -[3]-> switchboard => facilities)")
    with pytest.raises(AssertionError, match=r"guaranteed_hops is 2, expected at most 1"):
        assert_guaranteed(MAZE, "invoice", at="Mon 10:00", max_hops=1)


@pytest.mark.parametrize("call, message", [
    (lambda: assert_resolvable(MAZE, "invoices"),
     "unknown intent 'invoices' of menus/mobistar-2011.yaml (did you mean `invoice`?), expected one of: "
     "invoice, outage, remove-container"),
    (lambda: assert_guaranteed(MAZE, "outages", at="Mon 10:00"), "(did you mean `outage`?)"),
    (lambda: assert_no_traps(MAZE, intent="remove-containers"), "(did you mean `remove-container`?)"),
    (lambda: assert_resolvable(MAZE, "invoice", entry="phon"), "no entry `phon` (did you mean `phone`?)"),
    (lambda: assert_resolvable(MAZE, "invoice", file="menus/mobistar.yaml"),
     "unknown file 'menus/mobistar.yaml' (did you mean `menus/mobistar-2011.yaml`?)"),
    (lambda: assert_resolvable(MAZE, "zzz"), "unknown intent 'zzz' of menus/mobistar-2011.yaml, expected one of"),
])
def test_an_unknown_name_is_a_mistake_in_the_test_not_a_regression(call, message):
    with pytest.raises(UsageError) as e:
        call()
    assert not isinstance(e.value, AssertionError)
    assert message in str(e.value)


def test_instant_objects_are_accepted():
    from ivrmaze.timeline import parse_at
    assert_resolvable(MAZE, "invoice", at=parse_at("Mon 10:00"), max_hops=2)
    with pytest.raises(AssertionError, match=r"\(2011-04-25 10:00 \(Mon\)\)"):
        assert_no_traps(MAZE, intent="remove-container", at=parse_at("2011-04-25T10:00"))
