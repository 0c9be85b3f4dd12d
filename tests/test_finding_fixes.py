"""Every finding's advice leads to a state with no new warning (issue 11, "findings never
contradict each other").

For each finding kind, its documented example (the first example under its heading in
docs/checks.md that shows a finding of that kind; for dead-end, every form listed there) is run
as the docs run it, then again after the fix its message proposes, written here as text
replacements next to the kind. The fixed menu must have no finding of that kind, and no warning
or error that the example did not have.
"""
from __future__ import annotations

import json
import pathlib

import pytest

from ivrmaze.checks import KINDS
from tests import docs_examples as D

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = D.examples((ROOT / "docs" / "checks.md").read_text(encoding="utf-8"))

CLOSING = ("  closed-message:\n    say: We are closed. Please call again on a weekday between 8 and 8.\n"
           "    next: hangup\n")

#: kind -> one fix per example of its section that shows it: {file: [(old, new), ...]}, each
#: with the advice of the message it follows.
FIXES: dict[str, list[dict[str, list[tuple[str, str]]]]] = {
    # "expected an option, transfer or redirect that leads to it (or remove it)"
    # (and the prompt announces the new option: wired-not-announced)
    "unreachable": [{"example.yaml": [('      "1": billing\n', '      "1": billing\n      "2": old-sales\n'),
                                      ("    menu: For invoices press 1.\n",
                                       "    menu: For invoices press 1, for sales press 2.\n")]}],
    # "or an honest end (... `end: intended` on the node)"; "a closing message on a `closed` route";
    # "a route to a team ... that resolves"
    "dead-end": [
        {"example.yaml": [("    say: Sorry, we did not understand you. Goodbye.\n    next: hangup\n",
                           "    say: Sorry, we did not understand you. Goodbye.\n    next: hangup\n"
                           "    end: intended\n")]},
        {"example.yaml": [("    hours: office\n    resolves: [invoice]\n",
                           "    hours: office\n    closed: closed-message\n    resolves: [invoice]\n"
                           "  closed-message:\n    say: We are closed. Please call again between 9 and 5.\n")]},
        {"example.yaml": [("    closed: hangup\n", "    closed: closed-message\n"),
                          ("    resolves: [invoice]\n", "    resolves: [invoice]\n  closed-message:\n"
                           "    say: We are closed. Please call again between 9 and 5.\n")]},
        {"example.yaml": [('      "2": hangup\n', '      "2": hangup\n    end: intended\n')]},
        {"example.yaml": [("    queue: Shop\n    transfers: [hangup]\n", "    queue: Shop\n    transfers: [billing]\n"),
                          ("    queue: Reception\n", "    queue: Reception\n    resolves: \"*\"\n")]},
    ],
    # "a way to a resolution or an honest end (a callback, ...)"
    "trap": [{"example.yaml": [('      "9": hours-menu\n', '      "9": hours-menu\n      "0": call-me\n'),
                               ("To hear this again press 9.", "To hear this again press 9, to be called back press 0."),
                               ("  service:\n", "  call-me:\n    callback: We call you back.\n  service:\n")]}],
    # "an honest end (... a closing message on a `closed` route ...)": the closed message at the
    # end of the trap's route removes the trap and adds no finding
    "after-hours-trap": [{"example.yaml": [("    closed: main\n    transfers: [facilities]\n",
                                            "    closed: closed-message\n    transfers: [facilities]\n"),
                                           ("    closed: main\n    resolves: [remove-container]\n",
                                            "    closed: closed-message\n    resolves: [remove-container]\n")]}],
    # "expected transfers that lead to a team that resolves, or a callback"
    "ping-pong": [{"example.yaml": [("    transfers: [billing]    # \"that is a matter for Billing\"\n",
                                     "    transfers: [call-me]\n  call-me:\n    callback: Billing calls you back.\n")]}],
    # "expected a queue, message or callback that lists it under `resolves` and can be reached"
    "unresolvable-intent": [{"example.yaml": [("    resolves: [charge-card]\n",
                                               "    resolves: [charge-card, charger-fault]\n")]}],
    # "expected at most 5"
    # (and the prompt no longer announces them: announced-not-wired)
    "too-many-options": [{"example.yaml": [('      "6": service\n      "7": service\n', ""),
                                           ("cancellations 5, outages 6, anything else 7.", "anything else 5.")]}],
    # "expected at most 5": one menu less
    "too-deep": [{"example.yaml": [("    next: language\n", "    next: main\n"),
                                   ('  language:\n    menu: For English press 1.\n    options: {"1": main}\n', "")]}],
    # "use warm transfers or route straight to the right team"
    "too-many-retells": [{"example.yaml": [("    transfers: [sales]\n", "    transfers: [{to: sales, warm: true}]\n"),
                                           ("    transfers: [moves]\n", "    transfers: [{to: moves, warm: true}]\n")]}],
    # "expected an option (often 0) that leads to an open team or a callback"
    # (announced in the prompts: wired-not-announced)
    "no-zero-out": [{"example.yaml": [('    options: {"1": invoice-menu}\n', '    options: {"1": invoice-menu, "0": person}\n'),
                                      ('    options: {"1": balance}\n', '    options: {"1": balance, "0": person}\n'),
                                      ("For invoices press 1.", "For invoices press 1, to speak to someone press 0."),
                                      ("To hear your balance press 1.", "To hear your balance press 1, or 0 for a person."),
                                      ("  balance:\n", "  person:\n    queue: Customer service\n    resolves: \"*\"\n"
                                       "  balance:\n")]}],
    # "expected a closed message that gives the hours, a callback, or no way to it while it is closed"
    "silent-bounce": [{"example.yaml": [("    closed: main\n    resolves: [mortgage]\n",
                                         "    closed: mortgage-hours\n    resolves: [mortgage]\n"
                                         "  mortgage-hours:\n    say: The mortgage desk is open on weekdays from 9 to 4.\n"
                                         "    next: main\n")]}],
    # "expected an option for every key the prompt announces (or a prompt that announces only the wired keys)"
    "announced-not-wired": [{"example.yaml": [(" For the main menu press pound.", "")]}],
    # "expected the prompt to announce every option"
    "wired-not-announced": [{"example.yaml": [("Press 1 for invoices, 2 for the shop.",
                                               "Press 1 for invoices, 2 for the shop, 0 to speak to someone.")]}],
    # "`retries` failures to end in an `exhausted` route to a person, ...": no_input and no_match
    # back to the menu itself (the count bounds them), exhausted to a person
    "endless-reprompt": [{"example.yaml": [("    no_input: sorry\n    no_match: sorry\n",
                                            "    no_input: main\n    no_match: main\n    exhausted: billing\n"),
                                           ("  sorry:\n    say: Sorry, we did not get that.\n    next: main\n", "")]}],
    # "expected a second chance: the menu again (...) or a route to a person"
    "first-failure-disconnect": [{"example.yaml": [("    no_input: goodbye\n    no_match: goodbye\n",
                                                    "    no_input: main\n    no_match: main\n"
                                                    "    exhausted: goodbye\n")]}],
    # "expected a transition to the next step"
    "no-way-out": [{"example.yaml": [("    end: unwired\n", "    next: shop\n"),
                                     ("  billing:\n", "  shop:\n    queue: Shop\n    resolves: \"*\"\n  billing:\n")]}],
    # "expected `on_error` to a message, a person or a callback"
    "missing-error-route": [{"example.yaml": [("    can_fail: true\n", "    can_fail: true\n    on_error: sorry\n"),
                                              ("nodes:\n", "nodes:\n  sorry:\n    say: Billing cannot take calls now.\n"
                                               "    next: call-me\n  call-me:\n    callback: Billing calls you back.\n"
                                               "    resolves: \"*\"\n")]}],
    # "expected a target in the files": the queue the call really reaches
    "cannot-follow": [{"example.yaml": [("    unknown: dynamic queue $.Attributes.QueueARN\n",
                                         "    queue: Support\n    resolves: [order]\n")]}],
    # "expected a schedule under `hours:`"
    "hours-unknown": [{"example.yaml": [("    hours: unknown\n", "    hours: office\n"),
                                        ("intents:\n", 'hours:\n  office:\n    mon-fri: "09:00-17:00"\nintents:\n')]}],
    # the kind names and the directive word, as the did-you-mean proposes
    "directive": [{"example.yaml": [("dead-ends", "dead-end"), ("disabel=", "disable=")]}],
    # "expected it to resolve `invoice` in Mon-Thu 20:00-08:00, ...": the callback resolves it,
    # and then the best route takes 2 hops at night
    "expectation": [{"example.yaml": [("    callback: Billing calls back on the next working day\n",
                                       "    callback: Billing calls back on the next working day\n"
                                       "    resolves: [invoice]\n"),
                                      ("    best_hops: {max: 1}\n", "    best_hops: {max: 2}\n")]}],
}
#: Kinds whose message proposes no fix: an honest end is reported (info, off by default) only to be seen.
NO_FIX = {"honest-end"}


def _shown(name: str) -> list[D.Example]:
    tag = f"[{name} {KINDS[name].code}]"
    shown = [e for e in EXAMPLES if e.heading == name and tag in e.shown]
    return shown if name == "dead-end" else shown[:1]


def _findings(argv: list[str], files: dict[str, str]) -> list[dict]:
    code, out = D.invoke([*argv, "--format", "json"], files)
    assert code in (0, 1), out
    return json.loads(out)["findings"]


def _serious(found: list[dict]) -> set[tuple]:
    return {(f["kind"], f["file"], f["node"], tuple(f["intents"])) for f in found if f["severity"] in ("error", "warning")}


CASES = [(name, i) for name in sorted(FIXES) for i in range(len(FIXES[name]))]


def test_every_kind_that_can_be_found_has_its_fix():
    maze_kinds = {n for n, k in KINDS.items() if not k.code.startswith("IVM1")}
    assert set(FIXES) | NO_FIX == maze_kinds
    for name, fixes in FIXES.items():
        assert len(fixes) == len(_shown(name)), name


@pytest.mark.parametrize("name, index", CASES, ids=[f"{n}-{i}" for n, i in CASES])
def test_the_proposed_fix_removes_the_finding_and_adds_no_warning(name, index):
    ex = _shown(name)[index]
    argv = ex.argv()
    before = _findings(argv, ex.files)
    assert any(f["kind"] == name for f in before), ex.shown
    fixed = dict(ex.files)
    for file, edits in FIXES[name][index].items():
        for old, new in edits:
            assert fixed[file].count(old) == 1, (name, old)
            fixed[file] = fixed[file].replace(old, new)
    after = _findings(argv, fixed)
    assert not [f for f in after if f["kind"] == name and f["severity"] != "info"], after
    assert _serious(after) <= _serious(before) - {k for k in _serious(before) if k[0] == name}, after


def test_a_closed_message_at_the_end_of_a_trap_route_leaves_no_finding_at_all():
    """The issue's property: adding a closed message at the end of the after-hours trap's route
    removes the trap and adds no finding, not even an info."""
    ex = _shown("after-hours-trap")[0]
    fixed = ex.files["example.yaml"]
    for old, new in FIXES["after-hours-trap"][0]["example.yaml"]:
        fixed = fixed.replace(old, new)
    assert _findings(ex.argv(), {"example.yaml": fixed}) == []
    # and the honest ends it makes are there, as info, for whoever turns them on
    found = _findings([*ex.argv(), "--enable", "honest-end"], {"example.yaml": fixed})
    assert {(f["kind"], f["severity"], f["node"]) for f in found} == {("honest-end", "info", "closed-message")}
