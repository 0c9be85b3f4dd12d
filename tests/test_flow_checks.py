"""The checks real flows need (issue 13 point 6, issue 14 point 2), beyond their case files
(tests/cases/checks/): the phrase tables, the `key_phrases` setting, the fields platform
readers set (`audio`, `can_fail`, `end: unwired`), the bounded loop and the decision in the
failing caller's walk, and the platforms' runtime caps in the trap and endless-reprompt messages."""
from __future__ import annotations

import pathlib
import tempfile
import time

import pytest
from hypothesis import HealthCheck, assume, given, settings

import ivrmaze
from ivrmaze.checks import SETTINGS
from ivrmaze.checks._caps import RUNTIME_CAPS, cap_text
from ivrmaze.checks._phrases import announced, template_problem
from ivrmaze.config import Config
from ivrmaze.graph import node_id
from ivrmaze.lint import lint
from ivrmaze.simulator import simulate
from ivrmaze.testing import dump, menus
from ivrmaze.timeline import parse_at


def _findings(tmp_path: pathlib.Path, text: str, kind: str | None = None, platform: str | None = None) -> list:
    """The findings (of ``kind``) of ``text`` as example.yaml, read as a file of ``platform``."""
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    maze = ivrmaze.load([str(path)])
    if platform is not None:
        for mf in maze.files.values():
            mf.platform = platform
    config = Config.for_maze(maze, settings=SETTINGS)
    return [f for f in lint(maze, config=config).findings if kind in (None, f.kind)]


# -- the phrase tables ----------------------------------------------------------------------
@pytest.mark.parametrize("text, keys", [
    ("For invoices press 1, for technical problems press 2.", ["1", "2"]),
    ("To hear this again press star. Press the pound key to go back.", ["*", "#"]),
    ("Press hash to confirm, or dial 0 for the operator.", ["#", "0"]),
    ("Press one for sales, two for support, or three for billing.", ["1", "2", "3"]),
    ("Press 1 or 2 now.", ["1", "2"]),
    ("For invoices press 1, payments 2, your contract 3, anything else 4.", ["1", "2", "3", "4"]),
    ("Choose option 5 to hear our address.", ["5"]),
    ("Voor facturen druk op 1, voor storingen toets 2.", ["1", "2"]),
    ("Kies 3 voor iets anders, of druk hekje.", ["3", "#"]),
    ("Druk op het sterretje om te herhalen. Toets een 4 voor de balie.", ["*", "4"]),
    ("Kies een of twee.", ["1", "2"]),
])
def test_phrases_announce_keys(text, keys):
    assert list(announced(text)) == keys


@pytest.mark.parametrize("text", [
    "Select one of the options below.",
    "Kies een optie uit het menu.",
    "Please dial 0800 1234 or press 10 for nothing.",
    "We are open from 9 to 5.",
    "Press_1_for_sales.wav",
    "Welcome. Calls may be recorded.",
])
def test_prose_announces_no_key(text):
    assert announced(text) == {}


@pytest.mark.parametrize("text", ["press 1" + " " * 50_000 + "x", "press" + " " * 50_000 + "x",
                                  "press 1, " + " " * 50_000 + "x", "kies een" + "\n" * 50_000 + "x",
                                  "press 1" + " " * 50_000 + ", 2", "press 1 or " * 5_000 + "x"])
def test_hostile_runs_of_spaces_do_not_make_the_phrases_run_away(text):
    # menu text is hostile input: an expression that tries every way to split a run of spaces
    # (`\s+\s*`) took a minute on 20,000 of them
    start = time.monotonic()
    announced(text, ["oprima {key}"])
    assert time.monotonic() - start < 5


def test_config_templates_are_words_not_expressions():
    assert announced("Para ventas oprima 1.") == {}
    assert announced("Para ventas oprima 1.", ["oprima {key}"]) == {"1": "oprima 1"}
    # a template's words are escaped: `.*` means those two characters, not "anything"
    assert announced("Para ventas oprima 1.", [".* {key}"]) == {}
    assert template_problem("oprima {key}") is None
    assert "nowhere" in template_problem("oprima")
    assert "more than once" in template_problem("{key} o {key}")
    assert "brace" in template_problem("oprima {tecla} {key}")
    assert "no words" in template_problem(" {key} ")
    assert "at most" in template_problem("x " * 50 + "{key}")


def test_bad_key_phrases_are_config_problems_at_their_position(tmp_path):
    (tmp_path / ".ivrmaze.yaml").write_text('key_phrases:\n  - "oprima {key}"\n  - oprima\n  - 3\n', encoding="utf-8")
    menu = tmp_path / "example.yaml"
    menu.write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: Hello.\n", encoding="utf-8")
    maze = ivrmaze.load([str(menu)])
    config = Config.for_maze(maze, settings=SETTINGS)
    got = [(f.kind, f.line, f.column, f.message) for f in config.problems]
    assert got == [("config", 3, 5, "item 2 of `key_phrases` holds `{key}` nowhere, expected it once"),
                   ("config", 4, 5, "item 3 of `key_phrases` is a number, expected a text")]
    assert config.texts(maze.roots[0], "key_phrases") == ("oprima {key}",)


def test_key_phrases_must_be_a_list(tmp_path):
    menu = tmp_path / "example.yaml"
    menu.write_text("ivrmaze: 1\nentry: main\nlimits:\n  key_phrases: oprima {key}\nnodes:\n  main:\n    say: Hi.\n",
                    encoding="utf-8")
    maze = ivrmaze.load([str(menu)], strict=False)
    assert [(p.kind, p.line, p.message) for p in maze.problems] == [
        ("config", 4, "`key_phrases` is text, expected a list of texts")]


# -- the fields platform readers set --------------------------------------------------------
def test_can_fail_takes_true_or_false(tmp_path):
    menu = tmp_path / "example.yaml"
    menu.write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    queue: Billing\n    can_fail: \"true\"\n",
                    encoding="utf-8")
    maze = ivrmaze.load([str(menu)], strict=False)
    assert [(p.kind, p.line, p.column, p.message) for p in maze.problems] == [
        ("type", 6, 15, "`can_fail` is text, expected true or false")]


def test_end_takes_unwired(tmp_path):
    menu = tmp_path / "example.yaml"
    menu.write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: Hello.\n    end: unwird\n", encoding="utf-8")
    maze = ivrmaze.load([str(menu)], strict=False)
    [p] = maze.problems
    assert (p.kind, p.line) == ("type", 6)
    assert "(did you mean `unwired`?)" in p.message


def test_audio_is_read_and_the_menu_keeps_its_text(tmp_path):
    menu = tmp_path / "example.yaml"
    menu.write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    menu: Press 1.\n    audio: main.wav\n"
                    "    options: {\"1\": desk}\n  desk:\n    queue: Desk\n", encoding="utf-8")
    node = next(iter(ivrmaze.load([str(menu)]).files.values())).nodes["main"]
    assert (node.text, node.audio) == ("Press 1.", "main.wav")


def test_can_fail_with_an_error_route_is_fine(tmp_path):
    text = ("ivrmaze: 1\nentry: main\nintents:\n  invoice: An invoice\nnodes:\n  main:\n    menu: Press 1.\n"
            "    options: {\"1\": billing}\n  billing:\n    queue: Billing\n    resolves: \"*\"\n    can_fail: true\n"
            "    on_error: sorry\n  sorry:\n    say: Billing cannot take your call now.\n    next: call-me\n"
            "  call-me:\n    callback: Billing calls you back\n    resolves: \"*\"\n")
    assert _findings(tmp_path, text, "missing-error-route") == []
    assert len(_findings(tmp_path, text.replace("    on_error: sorry\n", ""), "missing-error-route")) == 1


def test_no_way_out_names_the_platform_file(tmp_path):
    text = "ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: Welcome.\n    end: unwired\n"
    [f] = _findings(tmp_path, text, "no-way-out", platform="amazon-connect")
    assert f.message.startswith("`main` has no way out: the platform file wires no transition from this say step")


# -- the failing caller through bounded loops and decisions ---------------------------------
RETRY_LOOP = """\
ivrmaze: 1
entry: main
intents:
  invoice: A question about an invoice
nodes:
  main:
    menu: For invoices press 1.
    options: {"1": billing}
    no_input: tries
    no_match: tries
  tries:
    loop: 3
    again: main
    done: billing
  billing:
    queue: Billing
    resolves: [invoice]
"""


def test_a_bounded_loop_ends_the_reprompts(tmp_path):
    assert _findings(tmp_path, RETRY_LOOP, "endless-reprompt") == []
    # the same body with a plain message instead of the loop goes round for ever
    endless = RETRY_LOOP.replace("    loop: 3\n    again: main\n    done: billing\n", "    say: Sorry.\n    next: main\n")
    [f] = _findings(tmp_path, endless, "endless-reprompt")
    assert f.nodes == ("main", "tries")


def test_a_loop_back_to_the_menu_is_a_second_chance(tmp_path):
    # a platform's retry block: "sorry", then the loop plays the menu again (Connect's Loop)
    sorry = RETRY_LOOP.replace("    no_input: tries\n    no_match: tries\n", "    no_input: sorry\n    no_match: sorry\n")
    sorry = sorry.replace("  tries:\n", "  sorry:\n    say: Sorry, I did not get that.\n    next: tries\n  tries:\n")
    sorry = sorry.replace("done: billing", "done: hangup")
    assert _findings(tmp_path, sorry, "first-failure-disconnect") == []
    # a loop of no rounds back (its `again` to the end too) gives none
    [f] = _findings(tmp_path, sorry.replace("again: main", "again: hangup"), "first-failure-disconnect")
    assert f.message.startswith("menu `main` hangs up on the first silence or wrong key")


DECIDED = """\
ivrmaze: 1
entry: main
intents:
  invoice: A question about an invoice
nodes:
  main:
    menu: For invoices press 1.
    options: {"1": billing}
    no_input: check
    no_match: check
  check:
    decide: Is the caller known?
    outcomes: {known: main, unknown: hangup}
  billing:
    queue: Billing
    resolves: [invoice]
"""


def test_a_decision_that_can_lead_back_makes_it_endless_and_not_a_first_failure_disconnect(tmp_path):
    [f] = _findings(tmp_path, DECIDED, "endless-reprompt")
    assert "main -> (no_input) check -> main" in f.message
    assert _findings(tmp_path, DECIDED, "first-failure-disconnect") == []
    # when every outcome ends the call, it is a disconnect on the first silence
    ends = DECIDED.replace("outcomes: {known: main, unknown: hangup}", "outcomes: {known: hangup, unknown: hangup}")
    [g] = _findings(tmp_path, ends, "first-failure-disconnect")
    assert g.message.startswith("menu `main` hangs up on the first silence or wrong key")


# -- the platforms' runtime caps ------------------------------------------------------------
TRAP = """\
ivrmaze: 1
entry: main
intents:
  invoice: A question about an invoice
nodes:
  main:
    menu: For invoices press 1.
    options: {"1": more}
  more:
    menu: For the main menu press 9.
    options: {"9": main}
"""


def test_every_platform_has_its_cap_and_ivrmaze_yaml_none():
    assert set(RUNTIME_CAPS) == {"amazon-connect", "genesys-archy", "twilio-studio", "asterisk"}
    assert cap_text(None) == "" and cap_text("another-platform") == ""
    assert "10,000 actions" in cap_text("genesys-archy")
    assert "10 times in a row" in cap_text("twilio-studio") and "1,000 steps" in cap_text("twilio-studio")
    assert "no cap" in cap_text("asterisk")


@pytest.mark.parametrize("platform, words", [
    (None, None),
    ("genesys-archy", "Genesys Cloud ends a call after 10,000 actions"),
    ("twilio-studio", "Twilio Studio ends the execution when one widget runs 10 times in a row or after 1,000 steps"),
    ("asterisk", "Asterisk has no cap: an endless loop is an endless call"),
    ("amazon-connect", "Amazon Connect documents no cap"),
])
def test_the_trap_message_says_what_the_platform_does(tmp_path, platform, words):
    [f] = _findings(tmp_path, TRAP, "trap", platform=platform)
    if words is None:
        assert f.message.endswith("or `end: intended`)")
    else:
        assert f.message.endswith("; " + RUNTIME_CAPS[platform]) and words in f.message


def test_the_endless_reprompt_message_says_what_the_platform_does(tmp_path):
    text = TRAP.replace('    options: {"1": more}\n', '    options: {"1": billing}\n    exhausted: main\n') + \
        "  billing:\n    queue: Billing\n    resolves: [invoice]\n"
    [plain] = _findings(tmp_path, text, "endless-reprompt")
    [studio] = _findings(tmp_path, text, "endless-reprompt", platform="twilio-studio")
    assert studio.message == plain.message + "; " + RUNTIME_CAPS["twilio-studio"]


# -- the walk is the simulator's: every silent call that never ends is an endless re-prompt -----
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(menus())
def test_every_endless_silent_call_is_an_endless_reprompt(menu):
    assume("entry" in menu)
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "menu.yaml"
        path.write_text(dump(menu), encoding="utf-8")
        maze = ivrmaze.load([str(path)])
        # a silent caller: no key, over and over; a call that can end does so within far fewer steps
        call = simulate(maze, [""] * 2000, at=parse_at("Mon 10:00"), max_hops=5000)
        found = [f for f in lint(maze, at="Mon 10:00").findings if f.kind == "endless-reprompt"]
    if call.outcome in ("waiting", "too-long"):  # still going round when the keys ran out
        tail = {node_id(q) for q in call.route[-200:]}
        assert any(set(f.nodes) <= tail and "stay silent" in f.message for f in found), (
            call.outcome, call.route[-12:], found)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(menus())
def test_a_first_silence_the_simulator_hangs_up_on_is_a_first_failure_disconnect(menu):
    keyed = [nid for nid, body in menu["nodes"].items() if body.get("options")]
    assume(keyed)
    # one way on at every step, as the simulator plays it: no decision with outcomes to choose
    # from, no hours that are open or closed (the check judges every way; the simulator takes one)
    assume(not any({"decide", "loop", "unknown"} & set(body) or "unknown" in (body.get("hours"), body.get("branch"))
                   for body in menu["nodes"].values()))
    menu["entry"] = keyed[0]  # calls start at a menu with keys
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "menu.yaml"
        path.write_text(dump(menu), encoding="utf-8")
        maze = ivrmaze.load([str(path)])
        call = simulate(maze, [""], at=parse_at("Mon 10:00"))  # one silence, then the caller waits
        played = [e.node for e in call.events if e.kind == "menu"]
        first = node_id(played[0]) if played else None
        if first is None or not any(link.via == "options" for link in maze.files[maze.roots[0]].nodes[first].links):
            return  # no menu with keys on the way: nothing to judge
        found = [f for f in lint(maze, at="Mon 10:00").findings
                 if f.kind == "first-failure-disconnect" and f.node == first and "first silence" in f.message]
    cut_off = len(played) == 1 and call.keys_used == 1 and call.events[-1].kind == "end"
    assert cut_off == bool(found), (call.outcome, [(e.kind, node_id(e.node)) for e in call.events], found)
