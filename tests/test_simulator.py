"""The caller simulator: outcomes, hops, retells and the agents' choice, on small menus."""
import pytest
from conftest import FIXTURES, MENUS

from ivrmaze import load
from ivrmaze.graph import node_id
from ivrmaze.simulator import simulate
from ivrmaze.timeline import parse_at

MOBISTAR = load(MENUS / "mobistar-2011.yaml")
HELPDESK = load(FIXTURES / "calls" / "helpdesk.yaml")
MF = "menus/mobistar-2011.yaml"
HD = "tests/fixtures/calls/helpdesk.yaml"


def ids(res):
    return [node_id(q) for q in res.route]


def call(maze, keys, at, **kw):
    return simulate(maze, keys, at=parse_at(at), **kw)


@pytest.mark.parametrize("at, keys, intent, outcome, node, hops, retells, route", [
    # the Basta case: on Monday morning Switchboard puts the guard through to Facilities
    ("Mon 10:00", ["3"], "remove-container", "resolved", "facilities", 3, 1,
     ["welcome", "main", "switchboard", "facilities"]),
    # after 16:00 Switchboard is closed and sends him back to the main menu
    ("Fri 16:30", ["3"], "remove-container", "waiting", "main", 3, 0, ["welcome", "main", "switchboard", "main"]),
    ("2011-04-25T10:00", ["3"], "remove-container", "waiting", "main", 3, 0,
     ["welcome", "main", "switchboard", "main"]),
    ("Sat 20:00", ["1"], "invoice", "ended", "hangup", 4, 0, ["welcome", "main", "billing", "closed-message", "hangup"]),
    ("Mon 10:00", ["1"], "invoice", "resolved", "billing", 2, 0, ["welcome", "main", "billing"]),
    # outage after pressing 1: agents send the caller round Billing, Switchboard, Security desk
    ("Mon 10:00", ["1"], "outage", "loop", "switchboard", 5, 2,
     ["welcome", "main", "billing", "switchboard", "security", "switchboard"]),
    ("Mon 10:00", [], None, "waiting", "main", 1, 0, ["welcome", "main"]),
    ("Mon 10:00", ["3"], None, "answered", "switchboard", 2, 0, ["welcome", "main", "switchboard"]),
    ("Mon 10:00", ["9", "", "0"], None, "ended", "hangup", 5, 0,
     ["welcome", "main", "main", "main", "goodbye", "hangup"]),
    ("Mon 10:00", ["*", "*", "2"], "outage", "resolved", "tech", 4, 0, ["welcome", "main", "main", "main", "tech"]),
])
def test_mobistar_calls(at, keys, intent, outcome, node, hops, retells, route):
    res = call(MOBISTAR, keys, at, intent=intent)
    assert (res.outcome, ids(res)[-1], res.hops, res.retells, ids(res)) == (outcome, node, hops, retells, route)
    assert res.hops == len(res.route) - 1 == len(res.edges)
    assert res.resolved is (outcome == "resolved")


def test_a_valid_key_resets_the_failure_count():
    # two wrong keys, a valid one, two wrong keys again: never three in a row, so never `goodbye`
    res = call(MOBISTAR, ["9", "9", "*", "9", "9"], "Mon 10:00")
    assert res.outcome == "waiting" and "goodbye" not in ids(res)


def test_events_tell_the_story():
    res = call(MOBISTAR, ["3"], "Mon 10:00", intent="remove-container")
    assert [(e.kind, node_id(e.node), e.text) for e in res.events] == [
        ("say", "welcome", "Welcome to Mobistar."),
        ("menu", "main", "For invoices press 1, for technical problems press 2, for anything else press 3."),
        ("press", "main", "You press 3."),
        ("answer", "switchboard", "Switchboard answers."),
        ("transfer", "switchboard", "Switchboard: that is another department, I will put you through to Facilities."),
        ("answer", "facilities", "Facilities answers. You tell your story again (retell 1)."),
        ("resolve", "facilities", "Facilities resolves `remove-container`."),
    ]


def test_goal_steers_agents_without_intent():
    res = call(MOBISTAR, ["3"], "Mon 10:00", goal=f"{MF}#facilities")
    assert (res.outcome, ids(res)) == ("arrived", ["welcome", "main", "switchboard", "facilities"])


def test_unreachable_goal_stops_with_the_human():
    res = call(MOBISTAR, ["2"], "Mon 10:00", goal=f"{MF}#closed-message")
    assert (res.outcome, ids(res)[-1]) == ("answered", "tech")


def test_warm_transfer_costs_no_retell():
    res = call(HELPDESK, ["1"], "Mon 10:00", intent="repair")
    assert (res.outcome, ids(res), res.retells) == ("resolved", ["hello", "main", "frontdesk", "workshop"], 0)
    assert res.edges[-1]["warm"] is True


def test_nearest_transfer_wins_over_the_first_listed():
    # Front desk lists Dispatch first, but only the Workshop resolves repairs
    for best_route in (True, False):
        res = call(HELPDESK, ["1"], "Mon 10:00", intent="repair", best_route=best_route)
        assert ids(res)[-1] == "workshop"


def test_first_transfer_when_nothing_resolves():
    # nobody behind Front desk resolves `refund`: the agent picks the first transfer, Dispatch,
    # who sends the caller back: the call goes round
    res = call(HELPDESK, ["1"], "Mon 10:00", intent="refund")
    assert (res.outcome, ids(res)) == ("loop", ["hello", "main", "frontdesk", "dispatch", "frontdesk"])


@pytest.mark.parametrize("at, keys, intent, outcome, last", [
    ("Sat 10:00", [], "repair", "resolved", "mailbox"),  # branch closed -> message -> voicemail
    ("Sat 10:00", [], "refund", "ended", "mailbox"),
    ("Mon 10:00", ["2"], "refund", "resolved", "refunds"),  # a callback resolves
    ("Mon 10:00", ["3"], "contract", "ended", "backoffice"),  # a queue with nothing to offer ends the call
    ("Mon 10:00", ["9", "9"], None, "ended", "hangup"),  # retries: 2, then `exhausted` (-> sorry -> hangup)
])
def test_helpdesk_calls(at, keys, intent, outcome, last):
    res = call(HELPDESK, keys, at, intent=intent)
    assert (res.outcome, ids(res)[-1]) == (outcome, last)


def test_external_line():
    res = call(HELPDESK, ["4"], "Mon 10:00", intent="contract")
    assert res.outcome == "resolved"
    assert res.route[-1] == "tests/fixtures/calls/partner.yaml#desk"
    assert res.events[-3].text == "The call goes to another line: Partner line."


def test_hang_up_and_too_long():
    from ivrmaze.simulator import Call
    c = Call(MOBISTAR, at=parse_at("Mon 10:00"))
    assert c.run(lambda *_: "q").outcome == "hung-up"
    c = Call(MOBISTAR, at=parse_at("Mon 10:00"), max_hops=10)
    assert c.run(lambda *_: "*").outcome == "too-long"


def test_menu_options_at_the_instant():
    from ivrmaze.simulator import Call
    seen = []
    Call(HELPDESK, at=parse_at("Mon 10:00")).run(lambda _node, options: seen.append(options))
    assert [(k, node_id(t), label) for k, t, label in seen[0]] == [
        ("1", "frontdesk", "Front desk"), ("2", "refunds", None), ("3", "backoffice", None), ("4", "partner", None)]


def test_unknown_entry():
    from ivrmaze.errors import UsageError
    with pytest.raises(UsageError, match="no entry `chat`"):
        simulate(MOBISTAR, [], at=parse_at("Mon 10:00"), entry="chat")
