"""The Twilio Studio reader (ivrmaze/load/studio*.py): each widget as the node it becomes, where
findings land in the JSON, and what a broken or hostile flow gives (a positioned finding, never a
traceback). Flows are written from the Studio flow-definition format (tests/studio_flows.py)."""
import json

import pytest
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st
from studio_flows import cond, digits, flow, gather_menu, match, text, tr, trigger, widget

import ivrmaze
from ivrmaze import language as L
from ivrmaze.checks import SETTINGS
from ivrmaze.load.platform import Context, read_translated
from ivrmaze.load.readers import read_ivrmaze_yaml, reader_for
from ivrmaze.load.studio import PLATFORM, looks_like, translate
from ivrmaze.load.studio_text import join_surrogates, shifted
from ivrmaze.load.studio_widgets import WIDGETS
from ivrmaze.model import MenuFile
from ivrmaze.source import document


def tx(definition, path="flow.json"):
    raw = (definition if isinstance(definition, str) else text(definition)).encode("utf-8")
    return translate(path, raw, Context(SETTINGS)), raw.decode("utf-8")


def nodes(definition):
    tr_, _ = tx(definition)
    assert tr_.problems == []
    return tr_.data["nodes"]


def line_of(src, needle, nth=0):
    """1-based line of the ``nth`` line holding ``needle``."""
    hits = [i for i, line in enumerate(src.splitlines(), 1) if needle in line]
    return hits[nth]


def say(name, next_=None, words="Hello."):
    return widget(name, "say-play", [tr("audioComplete", next_)], say=words)


# -- recognising a flow -------------------------------------------------------------------------
def test_a_flow_definition_and_the_rest_apis_flow_resource_are_recognised_by_content():
    bare = text(flow(trigger("hi"), say("hi"))).encode()
    wrapped = json.dumps({"sid": "FW" + "0" * 32, "definition": json.loads(bare)}).encode()
    assert looks_like("anything.txt", bare) and looks_like("x.json", wrapped)
    assert not looks_like("menu.yaml", b"ivrmaze: 1\nnodes:\n  states: {say: x}\n")
    assert not looks_like("other.json", b'{"StartAction": "a", "Actions": []}')
    assert reader_for("other.json", b'{"a": 1}') is read_ivrmaze_yaml


def test_a_javascript_module_exporting_a_flow_is_refused_at_the_export():
    src = '// deploy\nconst x = 1;\nmodule.exports = {"states": [], "initial_state": "Trigger"};\n'
    assert looks_like("flow.js", src.encode())
    got, _ = tx(src, "flow.js")
    assert got.data == {}
    [p] = got.problems
    assert (p.kind, p.line, p.column) == ("file", 3, 1) and "JavaScript" in p.message and "JSON" in p.message


# -- the ways in ----------------------------------------------------------------------------------
def test_the_trigger_gives_the_phone_entry_and_the_chat_channels():
    d = flow(trigger("hello", incomingMessage="chat", incomingConversationMessage="chat", incomingRequest="hello"),
             say("hello"), widget("chat", "send-message", [tr("sent")], body="Hi"))
    got, src = tx(d)
    assert got.data["entry"] == "hello"
    assert got.data["channels"] == {"message": "chat", "conversation": "chat", "rest-api": "hello"}
    assert got.val_pos[("entry",)][0] == line_of(src, '"next": "hello"')
    assert got.platform == PLATFORM and got.names == {"flow"}


def test_an_unwired_call_trigger_means_no_phone_entry():
    got, _ = tx(flow(trigger(None, incomingMessage="m"), widget("m", "send-message", [tr("sent")], body="Hi")))
    assert "entry" not in got.data and got.data["channels"] == {"message": "m"}


# -- Gather + Split = a menu ----------------------------------------------------------------------
def test_a_gather_and_the_split_on_its_digits_are_one_menu():
    d = flow(trigger("main"), *gather_menu("main", "For sales press 1, for support press 2.",
                                           {"1": "sales", "2": "support"}, no_match="sorry", timeout="main"),
             say("sales"), say("support"), say("sorry", "main"))
    got, src = tx(d)
    assert got.problems == []
    n = got.data["nodes"]
    assert "main_keys" not in n  # the split is merged into the menu
    assert n["main"] == {"menu": "For sales press 1, for support press 2.", "options": {"1": "sales", "2": "support"},
                         "no_match": "sorry", "no_input": "main", "exhausted": "main"}
    assert got.key_pos[("nodes", "main")][0] == line_of(src, '"name": "main"')
    assert got.val_pos[("nodes", "main", "options", "2")][0] == line_of(src, '"next": "support"')
    assert got.key_pos[("nodes", "main", "options", "2")][0] == line_of(src, '"value": "2"')
    assert got.aliases["main"] == {"main", "main_keys"}


def test_matches_any_of_gives_several_keys_and_unwired_failures_hang_up():
    g = widget("m", "gather-input-on-call", [tr("keypress", "s"), tr("timeout")], say="Press 1 or 2, or star.")
    s = widget("s", "split-based-on", [tr("noMatch"), match("a", cond(digits("m"), "matches_any_of", "1, 2")),
                                       match("b", cond(digits("m"), "equal_to", "*", "Star"))], input=digits("m"))
    n = nodes(flow(trigger("m"), g, s, say("a"), say("b")))
    assert n["m"]["options"] == {"1": "a", "2": "a", "*": {"to": "b", "label": "Star"}}
    assert (n["m"]["no_match"], n["m"]["no_input"]) == (L.HANGUP, L.HANGUP) and "exhausted" not in n["m"]


def test_a_key_tested_twice_is_a_warning_at_the_second_test():
    g, s = gather_menu("m", "Press 1.", {"1": "a"})
    s["transitions"].append(match("b", cond(digits("m"), "equal_to", "1")))
    got, src = tx(flow(trigger("m"), g, s, say("a"), say("b")))
    [p] = got.problems
    assert (p.kind, p.severity, p.line) == ("duplicate-key", "warning", line_of(src, '"value": "1"', 1))
    assert got.data["nodes"]["m"]["options"] == {"1": "a"}


def test_several_digits_are_an_input_of_their_own_a_decision():
    g = widget("acct", "gather-input-on-call", [tr("keypress", "check"), tr("timeout", "acct")],
               say="Enter your account number.", number_of_digits=6)
    s = widget("check", "split-based-on", [tr("noMatch", "acct"), match("ok", cond(digits("acct"), "equal_to", "123456"))],
               input=digits("acct"))
    n = nodes(flow(trigger("acct"), g, s, say("ok")))
    assert n["acct"]["decide"].startswith("what the caller enters after: Enter your account number")
    assert n["acct"]["outcomes"] == {"123456": "ok", "no match": "acct"}
    assert n["acct"]["on_error"] == "acct" and "check" not in n


def test_speech_that_leads_where_the_keys_lead_adds_nothing():
    g, s = gather_menu("m", "Say or press 1 for sales.", {"1": "sales"}, no_match="m", speech="heard")
    heard = widget("heard", "split-based-on", [tr("noMatch", "m"), match("sales", cond(
        "{{widgets.m.SpeechResult}}", "contains", "sales"))], input="{{widgets.m.SpeechResult}}")
    n = nodes(flow(trigger("m"), g, s, heard, say("sales")))
    assert "menu" in n["m"] and "heard" not in n


def test_speech_that_leads_elsewhere_makes_the_gather_a_decision_between_keys_and_speech():
    g, s = gather_menu("m", "Press 1 for sales, or tell us what you need.", {"1": "sales"}, speech="agent")
    n = nodes(flow(trigger("m"), g, s, say("sales"), widget("agent", "connect-call-to", [tr("callCompleted")],
                                                              noun="number", to="+15550100")))
    assert n["m"]["outcomes"] == {"keys": "m.keys", "said: speech": "agent"}
    assert n["m.keys"]["options"] == {"1": "sales"}


# -- messages, decisions, people ----------------------------------------------------------------
def test_say_play_says_its_text_or_names_its_recording():
    d = flow(trigger("a"), say("a", "b", "Welcome."), widget("b", "say-play", [tr("audioComplete")],
                                                             play="https://example.com/hello.mp3"))
    n = nodes(d)
    assert n["a"] == {"say": "Welcome.", "next": "b"}
    assert n["b"] == {"say": "(a recording: https://example.com/hello.mp3)"}


def test_a_split_on_anything_else_is_a_decision_with_liquid_kept_opaque():
    arg = "{{flow.variables.tier | downcase}}"
    s = widget("tier", "split-based-on", [tr("noMatch", "b"), match("a", cond(arg, "equal_to", "gold", "Gold"))],
               input=arg)
    n = nodes(flow(trigger("tier"), s, say("a"), say("b")))
    assert n["tier"]["decide"] == f"split on {arg}"
    assert n["tier"]["outcomes"] == {"Gold": "a", "no match": "b"}


@pytest.mark.parametrize("type_, props, fail", [
    ("run-function", {"url": "https://x.twil.io/hours"}, "fail"),
    ("make-http-request", {"method": "POST", "url": "https://x.example/api"}, "failed"),
])
def test_functions_and_http_requests_decide_on_success_and_fail_to_their_error_route(type_, props, fail):
    n = nodes(flow(trigger("f"), widget("f", type_, [tr("success", "ok"), tr(fail, "sorry")], **props),
                   say("ok"), say("sorry")))
    assert n["f"]["outcomes"] == {"success": "ok"} and n["f"]["on_error"] == "sorry"
    assert props["url"] in n["f"]["decide"]
    assert n["f"].get("can_fail", True) is True  # when the language has `can_fail`, it is set


def test_connect_call_to_is_a_person_and_call_completed_goes_on():
    n = nodes(flow(trigger("c"), widget("c", "connect-call-to", [tr("callCompleted", "bye"), tr("hangup")],
                                        noun="number", to="+15550100"), say("bye")))
    assert n["c"] == {"queue": "number +15550100", "next": "bye"}


def test_enqueue_and_flex_are_queues_whose_failures_are_the_error_route():
    d = flow(trigger("q"),
             widget("q", "enqueue-call", [tr("callComplete"), tr("failedToEnqueue", "vm"), tr("callFailure", "vm")],
                    queue_name="Sales"),
             widget("flex", "send-to-flex", [tr("callComplete"), tr("failedToEnqueue", "vm"), tr("callFailure", "bye")],
                    workflow="WW1"),
             widget("vm", "record-voicemail", [tr("recordingComplete"), tr("noAudio", "bye"), tr("hangup")]),
             say("bye"))
    got, _ = tx(d)
    n = got.data["nodes"]
    assert n["q"]["queue"] == "Sales" and n["q"]["on_error"] == "vm"
    assert n["flex"]["on_error"] == "flex.error"
    assert n["flex.error"] == {"decide": "which failure of flex", "outcomes": {"failedToEnqueue": "vm",
                                                                               "callFailure": "bye"}}
    assert n["vm"] == {"voicemail": "the message recorded by vm", "on_error": "bye"}


def test_set_variables_is_passed_through():
    d = flow(trigger("v1"), widget("v1", "set-variables", [tr("next", "v2")], variables=[{"key": "a", "value": "1"}]),
             widget("v2", "set-variables", [tr("next", "hi")]), say("hi"))
    got, _ = tx(d)
    assert got.data["entry"] == "hi" and set(got.data["nodes"]) == {"hi"}


def test_a_loop_of_set_variables_only_stays_as_nodes():
    d = flow(trigger("v1"), widget("v1", "set-variables", [tr("next", "v2")]),
             widget("v2", "set-variables", [tr("next", "v1")]))
    n = nodes(d)
    assert n["v1"]["next"] == "v2" and n["v2"]["next"] == "v1"


# -- other flows --------------------------------------------------------------------------------
def test_a_subflow_goes_to_the_flow_by_its_sid_and_may_come_back():
    sid = "FW" + "1" * 32
    d = flow(trigger("sub"), widget("sub", "run-subflow", [tr("completed", "bye"), tr("failed", "bye")], flow_sid=sid),
             widget("once", "run-subflow", [tr("completed"), tr("failed")], flow_sid=sid), say("bye"))
    n = nodes(d)
    flow_ref = any(f.name == "flow" for f in L.EXTERNAL_FIELDS)
    inner = {"external": {"flow": sid}} if flow_ref else {"unknown": f"the subflow (flow {sid})"}
    assert n["sub.leg"] == inner
    assert n["sub"]["outcomes"] == {"keeps the call": "sub.leg", "returns": "bye"} and n["sub"]["on_error"] == "bye"
    assert {k: v for k, v in n["once"].items() if k != "can_fail"} == inner


def test_a_twiml_redirect_to_a_studio_flow_follows_it_and_to_other_twiml_cannot_be_followed():
    sid = "FW" + "2" * 32
    d = flow(trigger("r"), widget("r", "add-twiml-redirect", [tr("return"), tr("timeout"), tr("fail")],
                                  url=f"https://webhooks.twilio.com/v1/Accounts/AC1/Flows/{sid}"),
             widget("r2", "add-twiml-redirect", [tr("return", "r"), tr("fail")], url="https://example.com/t.xml"))
    n = nodes(d)
    assert n["r"].get("external", {"flow": sid}) == {"flow": sid}
    assert n["r2.leg"] == {"unknown": "the TwiML at https://example.com/t.xml"}


def test_the_end_of_a_subflow_returns_to_the_parent():
    d = flow(widget("Trigger", "trigger", [tr("incomingCall"), tr("incomingParent", "hi")]), say("hi"))
    n = nodes(d)
    assert n["hi"]["next"] == "return-to-parent" and "unknown" in n["return-to-parent"]


def test_a_subflow_that_runs_a_subflow_is_warned_about():
    d = flow(widget("Trigger", "trigger", [tr("incomingParent", "s")]),
             widget("s", "run-subflow", [tr("completed"), tr("failed")], flow_sid="FW" + "3" * 32))
    got, src = tx(d)
    [p] = got.problems
    assert p.severity == "warning" and "81024" in p.message and p.line == line_of(src, '"type": "run-subflow"')


def test_placeholders_are_recorded_and_filled_from_the_vars():
    d = flow(trigger("s"), widget("s", "run-subflow", [tr("completed"), tr("failed")], flow_sid="${BILLING_SID}"))
    raw = text(d).encode()
    got = translate("f.json", raw, Context(SETTINGS, vars={"BILLING_SID": "billing"}))
    assert got.placeholders["BILLING_SID"][0] == line_of(raw.decode(), "BILLING_SID")
    assert "billing" in json.dumps(got.data["nodes"]["s"])


def test_an_unknown_widget_type_is_an_unknown_node_and_known_routers_decide_on_their_events():
    d = flow(trigger("x"), widget("x", "hologram-call", [tr("next", "p")]),
             widget("p", "capture-payments", [tr("success", "x"), tr("hangup")]))
    n = nodes(d)
    assert "hologram-call" in n["x"]["unknown"] and set(n["x"]) == {"unknown"}
    assert n["p"]["outcomes"] == {"success": "x", "hangup": L.HANGUP}


# -- what is wrong in a flow, where it is written ---------------------------------------------------
def test_a_transition_to_a_missing_widget_is_an_error_at_its_next_value():
    got, src = tx(flow(trigger("hi"), say("hi", "goodby"), say("goodbye")))
    [p] = got.problems
    assert (p.kind, p.line) == ("reference", line_of(src, '"next": "goodby"'))
    assert "did you mean `goodbye`" in p.message and p.column == src.splitlines()[p.line - 1].index('"goodby"') + 1
    assert "next" not in got.data["nodes"]["hi"]


def test_a_transition_to_the_trigger_is_an_error():
    got, _ = tx(flow(trigger("hi"), say("hi", "Trigger")))
    assert [p.kind for p in got.problems] == ["reference"] and "Trigger" in got.problems[0].message


def test_initial_state_must_name_the_trigger():
    for initial, kind in ((None, "missing-key"), ("Trigge", "reference"), ("hi", "type")):
        got, _ = tx(flow(trigger("hi"), say("hi"), initial=initial))
        assert [p.kind for p in got.problems] == [kind]
        assert got.data["entry"] == "hi"  # the Trigger is still found by its type


def test_two_widgets_of_one_name_and_a_key_written_twice_are_errors_where_the_second_is():
    src = text(flow(trigger("hi"), say("hi"), say("hi", words="Again.")))
    src = src.replace('"say": "Again."', '"say": "Again.", "say": "Twice."')
    got, _ = tx(src)
    kinds = sorted((p.kind, p.line) for p in got.problems)
    assert kinds == sorted([("duplicate-key", line_of(src, '"say": "Again."')), ("duplicate-key", line_of(src, '"hi"', 2))])


def test_widget_names_that_are_no_ids_are_slugged_and_kept_as_aliases():
    d = flow(trigger("hangup"), say("hangup", "my widget"), say("my widget"))
    got, _ = tx(d)
    assert got.data["entry"] == "hangup_widget" and got.data["nodes"]["hangup_widget"]["next"] == "my_widget"
    assert got.aliases["my_widget"] == {"my widget"}


@pytest.mark.parametrize("src, line", [
    ('{\n  "states": [\n    {"name": "Trigger"\n  ],\n  "initial_state": "Trigger"\n}\n', 4),
    ('{"states": [], "initial_state": "Trigger",}\n', 1),
    ('{"states": "none", "initial_state": "Trigger"}\n', 1),
    ('{"states": [1, {"name": 2, "type": "say-play"}], "initial_state": "Trigger"}\n', 1),
])
def test_a_broken_file_is_a_positioned_finding_never_a_traceback(src, line):
    got, _ = tx(src)
    assert got.problems and all(p.line >= 1 and p.column >= 1 for p in got.problems)
    assert got.problems[0].line == line


def test_an_emoji_written_as_a_surrogate_pair_is_read_and_positions_after_it_stay_right():
    d = flow(trigger("hi"), say("hi", words="Hi \U0001F600 there"))
    src = json.dumps(d, indent=2, ensure_ascii=True)  # Python's json writes the emoji as \ud83d\ude00
    got, _ = tx(src)
    assert got.problems == [] and got.data["nodes"]["hi"]["say"] == "Hi \U0001F600 there"
    line = '{"a": "\\ud83d\\ude00 \\ud83d\\ude00", "b": 1}'
    joined, joins = join_surrogates(line)
    doc = shifted(document("x.json", joined.encode()), joins)
    assert doc.data == {"a": "\U0001F600 \U0001F600", "b": 1}
    assert doc.key_pos[("b",)] == (1, line.index('"b"') + 1)


def test_the_rest_apis_flow_resource_gives_its_sid_and_friendly_name_as_names():
    d = {"sid": "FW" + "9" * 32, "friendly_name": "Main IVR", "definition": flow(trigger("hi"), say("hi"))}
    got, src = tx(json.dumps(d, indent=2), "main.json")
    assert got.names == {"FW" + "9" * 32, "Main IVR", "main"} and got.data["name"] == "Main IVR"
    assert got.key_pos[("nodes", "hi")][0] == line_of(src, '"name": "hi"')


# -- through the loader: findings in the JSON ---------------------------------------------------------
def test_findings_of_the_checks_land_on_the_widgets_name_in_the_json(tmp_path):
    d = flow(trigger("hi"), say("hi", "bye"), say("bye"), say("lonely"))
    (tmp_path / "flow.json").write_text(text(d))
    maze = ivrmaze.load(str(tmp_path / "flow.json"), strict=False)
    [mf] = maze.files.values()
    assert mf.platform == PLATFORM
    found = maze.analyze().findings
    unreachable = [f for f in found if f.kind == "unreachable"]
    assert [(f.node, f.line) for f in unreachable] == [("lonely", line_of(text(d), '"name": "lonely"'))]


def test_a_file_that_is_not_json_does_not_load(tmp_path):
    (tmp_path / "flow.json").write_text('{"states": [}, "initial_state": "Trigger"}')
    maze = ivrmaze.load(str(tmp_path / "flow.json"), strict=False)
    assert not maze.ok and [p.kind for p in maze.problems if p.severity == "error"] == ["syntax"]
    assert "not valid JSON" in maze.problems[-1].message


def test_a_companion_file_names_widgets_and_merged_splits_by_their_studio_names(tmp_path):
    g, s = gather_menu("main", "", {"1": "sales", "2": "support"}, no_match="main", timeout="main")
    g["properties"] = {"play": "https://acme.example/main.mp3", "number_of_digits": 1}
    d = flow(trigger("main"), g, s,
             widget("sales", "enqueue-call", [tr("callComplete"), tr("failedToEnqueue", "main")], queue_name="Sales"),
             widget("support", "send-to-flex", [tr("callComplete"), tr("failedToEnqueue", "main")], workflow="WW1"))
    (tmp_path / "flow.json").write_text(text(d))
    (tmp_path / "ivrmaze-companion.yaml").write_text(
        "ivrmaze-companion: 1\nintents:\n  buy: Buy\n  repair: Repair\n  invoice: An invoice\n"
        "nodes:\n  sales: {resolves: [buy]}\n  support: {resolves: [repair]}\n"
        "  main_keys: {prompt: For sales press 1. For support press 3.}\n")
    maze = ivrmaze.load(str(tmp_path / "flow.json"), strict=False)
    assert [p for p in maze.problems if p.severity != "info"] == []
    found = {(f.kind, f.node) for f in maze.analyze().findings}
    assert ("unresolvable-intent", None) in found and ("announced-not-wired", "main") in found


def test_an_option_on_the_gathers_finish_key_can_never_be_chosen():
    g, s = gather_menu("m", "Press 1 for sales, or pound for the main menu.", {"1": "a", "#": "m"})
    g["properties"]["finish_on_key"] = "#"
    got, src = tx(flow(trigger("m"), g, s, say("a")))
    [p] = got.problems
    assert (p.kind, p.severity, p.line) == ("dtmf", "warning", line_of(src, '"value": "#"'))
    assert got.data["nodes"]["m"]["options"] == {"1": "a"}


_ANY = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=8)
_NAMES = st.sampled_from(["Trigger", "a", "b", "a_keys", "hangup", "x y", "", "b.keys"])
_EVENTS = st.sampled_from(["incomingCall", "incomingParent", "keypress", "speech", "timeout", "match", "noMatch",
                           "success", "fail", "failed", "completed", "return", "next", "audioComplete", "callComplete",
                           "failedToEnqueue", "callFailure", "incomingMessage", "sent"])
_TRANSITION = st.fixed_dictionaries({"event": _EVENTS}, optional={
    "next": _NAMES | _ANY, "conditions": st.lists(st.fixed_dictionaries({}, optional={
        "type": st.sampled_from(["equal_to", "matches_any_of", "contains"]) | _ANY,
        "value": st.sampled_from(["1", "#", "1,2", "12"]) | _ANY,
        "arguments": st.lists(st.sampled_from(["{{widgets.a.Digits}}", "{{widgets.b.SpeechResult}}"]), max_size=1)}),
        max_size=2)})
_PROPS = st.fixed_dictionaries({}, optional={
    "input": st.sampled_from(["{{widgets.a.Digits}}", "{{widgets.a.SpeechResult}}", "{{widgets.b.inbound.Body}}"]) | _ANY,
    "say": _ANY, "play": _ANY, "number_of_digits": _ANY, "finish_on_key": _ANY, "flow_sid": _ANY, "url": _ANY,
    "variables": _ANY, "to": _ANY})
_WIDGET = st.fixed_dictionaries({"name": _NAMES, "type": st.sampled_from(sorted(WIDGETS) + ["trigger", "odd"])},
                                optional={"transitions": st.lists(_TRANSITION, max_size=4) | _ANY,
                                          "properties": _PROPS | _ANY})


@given(st.lists(_WIDGET | _ANY, max_size=6), _NAMES | _ANY, st.booleans())
def test_any_flow_gives_positioned_findings_never_a_crash(states, initial, wrapped):
    d = {"states": states, "initial_state": initial}
    got, src = tx(json.dumps({"sid": "FW1", "definition": d} if wrapped else d, indent=1))
    lines = src.count("\n") + 1
    assert all(1 <= p.line <= lines and p.column >= 1 and ", expected " in p.message for p in got.problems)
    if got.data:
        assert got.data["ivrmaze"] == 1 and isinstance(got.data["nodes"], dict)
        assert all(L.id_problem(nid) is None and nid.lower() != L.HANGUP for nid in got.data["nodes"])
        checked = read_translated(MenuFile(path="flow.json", abspath="/tmp/flow.json"), got, src, "/tmp", SETTINGS)
        assert all(1 <= p.line <= lines for p in checked if p.line)


def test_the_line_fixture_golden_holds_its_findings_at_the_widgets_in_the_json():
    folder = FIXTURES / "platforms" / "studio"
    text_ = (folder / "line.check.out").read_text(encoding="utf-8")
    assert ("line/support.json:431:9: warning: menu `support_menu` (gather-input-on-call) announces key #"
            in text_)
    assert "[endless-reprompt IVM218]" in text_ and "10 times in a row" in text_
    assert "line/billing.json#balance" in text_  # the subflow is followed into billing.json by its sid
    broken = (folder / "err" / "broken.out").read_text(encoding="utf-8")
    assert "did you mean `support_queue`" in broken


def test_the_twilio_clis_list_of_one_flow_is_read_too():
    d = [{"sid": "FW" + "8" * 32, "friendly_name": "CLI", "definition": flow(trigger("hi"), say("hi"))}]
    src = json.dumps(d, indent=2)
    assert looks_like("fetched.json", src.encode())
    got, _ = tx(src, "fetched.json")
    assert got.problems == [] and got.data["entry"] == "hi" and "FW" + "8" * 32 in got.names
    assert got.key_pos[("nodes", "hi")][0] == line_of(src, '"name": "hi"')
