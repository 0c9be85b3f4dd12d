"""The Amazon Connect reader: each action type as ivrmaze nodes, at the flow file's own positions."""
import json

import pytest

import ivrmaze as lib
from ivrmaze.load import connect
from ivrmaze.load.connect_refs import ref_name, slug, speech

ARN = "arn:aws:connect:eu-west-1:111122223333:instance/0a1b2c3d-0000-4000-8000-00000000c0de"


def act(ident, type_, params=None, next_=None, errors=(), conditions=()):
    t = {"Errors": [{"NextAction": to, "ErrorType": e} for e, to in errors],
         "Conditions": [{"NextAction": to, "Condition": {"Operator": op, "Operands": ops}} for op, ops, to in conditions]}
    if next_ is not None:
        t["NextAction"] = next_
    return {"Identifier": ident, "Type": type_, "Parameters": params or {}, "Transitions": t}


BYE = act("bye", "DisconnectParticipant")


def flow_text(*actions, start=None, meta=None):
    data = {"Version": "2019-10-30", "StartAction": start or actions[0]["Identifier"],
            "Metadata": {"entryPointPosition": {"x": 1, "y": 1}, "ActionMetadata": meta or {}}, "Actions": list(actions)}
    return json.dumps(data, indent=2)


def translated(*actions, **kw):
    text = flow_text(*actions, **kw)
    return connect.translate("/x/flow.json", text.encode(), None), text


def nodes(*actions, **kw):
    return translated(*actions, **kw)[0].data["nodes"]


def line_of(text, needle, nth=0):
    """1-based line and column of the ``nth`` occurrence of ``needle`` in ``text``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    before = text[:i]
    return before.count("\n") + 1, i - (before.rfind("\n") + 1) + 1


# -- recognising a flow ------------------------------------------------------------------------

def test_looks_like_a_flow_by_content_whatever_the_name():
    assert connect.looks_like("flow.tpl", flow_text(BYE).encode())
    assert connect.looks_like("x", b'\xef\xbb\xbf  {"Actions": [], "Version": "2019-10-30"}')
    assert not connect.looks_like("menu.yaml", b"ivrmaze: 1\nnodes: {}\n")
    assert not connect.looks_like("studio.json", b'{"description": "x", "states": [], "initial_state": "a"}')
    assert not connect.looks_like("list.json", b'[{"Version": 1, "Actions": []}]')


# -- actions as nodes ----------------------------------------------------------------------------

def test_message_is_a_say_at_its_identifier_and_its_next_at_the_next_action():
    tr, text = translated(act("hello", "MessageParticipant", {"Text": "Welcome to Acme."}, "bye",
                              [("NoMatchingError", "bye")]), BYE)
    assert tr.data["nodes"]["hello"] == {"say": "Welcome to Acme.", "next": "hangup", "on_error": "hangup"}
    assert tr.data["entry"] == "hello"
    assert tr.key_pos[("nodes", "hello")] == line_of(text, '"Identifier": "hello"')
    line, column = line_of(text, '"NextAction": "bye"', 1)  # the first is the error's
    assert tr.val_pos[("nodes", "hello", "next")] == (line, column + len('"NextAction": '))
    assert tr.val_pos[("nodes", "hello", "say")] == line_of(text, '"Welcome to Acme."')
    assert tr.key_pos[("entry",)] == line_of(text, '"StartAction"')
    assert tr.labels["hello"] == "`hello` (MessageParticipant)"
    assert tr.notes["hello"] == "Connect action hello (MessageParticipant)"


def test_ssml_is_said_without_its_tags_and_a_prompt_id_as_a_recording():
    n = nodes(act("a", "MessageParticipant", {"SSML": "<speak>We are <emphasis>closed</emphasis>.</speak>"}, "b"),
              act("b", "MessageParticipant", {"PromptId": f"{ARN}/prompt/50a1e500-0000-4000-8000-000000000009"}, "bye"),
              BYE, meta={"b": {"promptName": "Goodbye.wav"}})
    assert n["a"]["say"] == "We are closed ."
    assert n["b"]["say"] == "(recorded prompt: Goodbye.wav)"


def test_menu_options_no_input_and_no_match_from_conditions_and_errors():
    n = nodes(act("main", "GetParticipantInput", {"Text": "For sales press 1, for help press 2."}, None,
                  [("InputTimeLimitExceeded", "again"), ("NoMatchingCondition", "bye"), ("NoMatchingError", "bye")],
                  [("Equals", ["1"], "sales"), ("Equals", ["2"], "help"), ("Equals", ["1"], "help")]),
              act("again", "MessageParticipant", {"Text": "Sorry?"}, "main"),
              act("sales", "MessageParticipant", {"Text": "Sales."}, "bye"),
              act("help", "MessageParticipant", {"Text": "Help."}, "bye"), BYE)
    assert n["main"] == {"menu": "For sales press 1, for help press 2.", "options": {"1": "sales", "2": "help"},
                         "no_input": "again", "no_match": "hangup"}


def test_a_menu_without_a_timeout_branch_hangs_up_on_silence():
    n = nodes(act("main", "GetParticipantInput", {"Text": "Press 1."}, None, (), [("Equals", ["1"], "bye")]), BYE)
    assert n["main"]["no_input"] == "hangup" and n["main"]["no_match"] == "hangup"


def test_a_recorded_menu_repeats_its_audio_as_its_text():
    n = nodes(act("main", "GetParticipantInput", {"PromptId": f"{ARN}/prompt/abc"}, None,
                  [("InputTimeLimitExceeded", "bye")], [("Equals", ["1"], "bye")]), BYE,
              meta={"main": {"promptName": "Main menu.wav"}})
    assert n["main"]["menu"] == n["main"]["audio"] == "Main menu.wav"


def test_stored_digits_compared_afterwards_are_the_menu_options():
    tr, text = translated(
        act("ask", "GetParticipantInput", {"Text": "Press 1 or 2.", "StoreInput": "True"}, "cmp",
            [("NoMatchingError", "bye")]),
        act("cmp", "Compare", {"ComparisonValue": "$.StoredCustomerInput"}, None, [("NoMatchingCondition", "ask")],
            [("Equals", ["1"], "one"), ("TextContains", ["#"], "bye"), ("Equals", ["Timeout"], "ask")]),
        act("one", "MessageParticipant", {"Text": "One."}, "bye"), BYE)
    n = tr.data["nodes"]
    assert n["ask"]["options"] == {"1": "one", "#": "hangup"}
    assert n["ask"]["no_input"] == "ask" and n["ask"]["no_match"] == "ask"
    assert "cmp" not in n  # only the menu leads there: it is the menu's options
    assert tr.val_pos[("nodes", "ask", "options", "1")] == line_of(text, '"one"')


def test_stored_digits_read_by_something_else_are_a_decision():
    n = nodes(act("ask", "GetParticipantInput", {"Text": "Your account number?", "StoreInput": "True"}, "check",
                  [("NoMatchingError", "bye")]),
              act("check", "InvokeLambdaFunction", {"LambdaFunctionARN": "arn:aws:lambda:x:1:function:check-account"},
                  "bye", [("NoMatchingError", "bye")]), BYE)
    assert n["ask"]["decide"] == "the digits the caller enters"
    assert n["ask"]["outcomes"] == {"entered": "check"}
    assert n["check"]["decide"] == "Lambda function check-account"
    assert n["check"]["outcomes"] == {"returned": "hangup"} and n["check"]["can_fail"] is True


def test_compare_is_a_decision_with_an_outcome_per_condition():
    n = nodes(act("seg", "Compare", {"ComparisonValue": "$.External.Segment"}, None, [("NoMatchingCondition", "bye")],
                  [("Equals", ["VIP"], "bye"), ("NumberGreaterThan", ["3"], "bye")]), BYE)
    assert n["seg"]["decide"] == "$.External.Segment"
    assert n["seg"]["outcomes"] == {"is-VIP": {"to": "hangup", "label": "= VIP"},
                                    "over-3": {"to": "hangup", "label": "> 3"},
                                    "no-match": {"to": "hangup", "label": "no condition holds"}}


def test_hours_check_is_a_branch_on_unknown_hours_with_its_id_as_alias():
    hours = f"{ARN}/operating-hours/5e1f"
    tr, _ = translated(act("hrs", "CheckHoursOfOperation", {"HoursOfOperationId": hours}, None,
                           [("NoMatchingError", "bye")], [("Equals", ["True"], "open"), ("Equals", ["False"], "bye")]),
                       act("open", "MessageParticipant", {"Text": "Open."}, "bye"), BYE,
                       meta={"hrs": {"Hours": {"text": "Office hours"}}})
    assert tr.data["nodes"]["hrs"] == {"branch": "unknown", "open": "open", "closed": "hangup", "on_error": "hangup",
                                       "can_fail": True}
    assert {hours, "5e1f", "Office hours", "hrs"} <= tr.aliases["hrs"]
    assert tr.labels["hrs"] == "`hrs` (CheckHoursOfOperation 'Office hours')"


def test_staffing_check_names_its_outcomes_and_its_queue():
    n = nodes(act("q", "UpdateContactTargetQueue", {"QueueId": f"{ARN}/queue/sales-id"}, "staff"),
              act("staff", "CheckMetricData", {"MetricType": "NumberOfAgentsStaffed"}, None,
                  [("NoMatchingCondition", "bye"), ("NoMatchingError", "bye")], [("NumberGreaterThan", ["0"], "bye")]),
              BYE, meta={"q": {"queue": {"text": "Sales"}}})
    assert n["staff"]["decide"] == "NumberOfAgentsStaffed of Sales"
    assert set(n["staff"]["outcomes"]) == {"agents", "no-agents"}
    assert "q" not in n  # a pass-through that cannot fail elsewhere


def test_transfer_to_queue_is_the_queue_its_target_queue_actions_set():
    tr, _ = translated(
        act("menu", "GetParticipantInput", {"Text": "1 or 2"}, None, [("InputTimeLimitExceeded", "bye")],
            [("Equals", ["1"], "set-sales"), ("Equals", ["2"], "set-help")]),
        act("set-sales", "UpdateContactTargetQueue", {"QueueId": f"{ARN}/queue/s1"}, "go"),
        act("set-help", "UpdateContactTargetQueue", {"QueueId": "${var.queues_map[\"help\"]}"}, "go",
            [("NoMatchingError", "bye")]),
        act("go", "TransferContactToQueue", {}, None, [("NoMatchingError", "bye")]), BYE)
    n = tr.data["nodes"]
    assert n["go"] == {"queue": "help or s1", "on_error": "hangup", "can_fail": True}
    assert {"s1", "help"} <= tr.aliases["go"]
    assert n["menu"]["options"]["1"] == "go" and n["menu"]["options"]["2"] == "set-help"


def test_a_queue_read_at_run_time_is_unknown_and_one_set_before_the_flow_is_said_so():
    n = nodes(act("menu", "GetParticipantInput", {"Text": "1 or 2"}, None, [("InputTimeLimitExceeded", "bye")],
                  [("Equals", ["1"], "dyn"), ("Equals", ["2"], "go2")]),
              act("dyn", "UpdateContactTargetQueue", {"QueueId": "$.Attributes.QueueARN"}, "go1"),
              act("go1", "TransferContactToQueue", {}, None, [("NoMatchingError", "bye")]),
              act("go2", "TransferContactToQueue", {}, None, [("NoMatchingError", "bye")]), BYE)
    assert n["go1"] == {"unknown": "dynamic queue $.Attributes.QueueARN"}
    assert n["go2"]["queue"] == "the queue set before this flow"


def test_a_full_queue_routed_elsewhere_puts_a_decision_in_front_of_the_queue():
    n = nodes(act("go", "TransferContactToQueue", {}, None, [("QueueAtCapacity", "full"), ("NoMatchingError", "bye")]),
              act("full", "MessageParticipant", {"Text": "Busy."}, "bye"), BYE)
    assert n["go"]["outcomes"] == {"done": "go.queue", "QueueAtCapacity": {"to": "full", "label": "QueueAtCapacity"}}
    assert n["go.queue"]["queue"] == "the queue set before this flow"
    assert n["go.queue"]["on_error"] == "hangup"


@pytest.mark.parametrize("ref, name", [
    ('${var.contact_flows_map["closed_hours"]}', "closed_hours"),
    ("{{contactFlows.RulesEngineError.arn}}", "RulesEngineError"),
    (f"{ARN}/contact-flow/97168dc1-5b37-4c9f-a4d2-520f703b56bb", "97168dc1-5b37-4c9f-a4d2-520f703b56bb"),
    ("Main flow", "Main flow"),
])
def test_transfer_to_flow_is_an_external_flow_by_the_name_other_files_know(ref, name):
    n = nodes(act("x", "TransferToFlow", {"ContactFlowId": ref}, "bye", [("NoMatchingError", "bye")]), BYE)
    assert n["x"] == {"external": {"flow": name}, "on_error": "hangup", "can_fail": True}


def test_a_flow_read_at_run_time_is_unknown():
    n = nodes(act("x", "TransferToFlow", {"ContactFlowId": "$.Attributes.NextFlow"}, None,
                  [("NoMatchingError", "bye")]), BYE)
    assert n["x"] == {"unknown": "dynamic flow $.Attributes.NextFlow"}


def test_flow_module_goes_on_after_the_module():
    n = nodes(act("m", "InvokeFlowModule", {"FlowModuleId": f"{ARN}/flow-module/f10e"}, "bye",
                  [("NoMatchingError", "bye")]), BYE)
    assert n["m"]["outcomes"] == {"done": "hangup"}
    assert n["m"]["decide"].startswith("flow module f10e")


def test_loop_counts_its_rounds():
    n = nodes(act("again", "MessageParticipant", {"Text": "Again."}, "loop"),
              act("loop", "Loop", {"LoopCount": "3"}, None, (),
                  [("Equals", ["ContinueLooping"], "again"), ("Equals", ["DoneLooping"], "bye")]), BYE)
    assert n["loop"] == {"loop": 3, "again": "again", "done": "hangup"}


def test_a_loop_of_no_round_or_of_a_count_read_at_run_time_is_a_decision():
    n = nodes(act("zero", "Loop", {"LoopCount": "0"}, None, (),
                  [("Equals", ["ContinueLooping"], "zero"), ("Equals", ["DoneLooping"], "dyn")]),
              act("dyn", "Loop", {"LoopCount": "$.Attributes.Tries"}, None, (),
                  [("Equals", ["ContinueLooping"], "dyn"), ("Equals", ["DoneLooping"], "bye")]), BYE)
    assert n["zero"]["outcomes"] == {"done": "dyn"}
    assert n["dyn"]["outcomes"] == {"again": "dyn", "done": "hangup"}


def test_callback_and_phone_number_are_people_that_answer():
    n = nodes(act("cb", "CreateCallbackContact", {"QueueId": f"{ARN}/queue/cbq", "InitialCallDelaySeconds": "5"},
                  "bye", [("NoMatchingError", "bye")]),
              act("tel", "TransferParticipantToThirdParty", {"ThirdPartyPhoneNumber": "+31201234567",
                                                             "ContinueFlowExecution": "True"}, "cb",
                  [("CallFailed", "bye"), ("NoMatchingError", "bye")]), BYE, start="tel")
    assert n["cb"] == {"callback": "cbq", "on_error": "hangup", "can_fail": True}
    assert n["tel"] == {"queue": "phone number +31201234567", "next": "cb", "on_error": "hangup", "can_fail": True}


def test_pass_throughs_collapse_unless_they_fail_elsewhere():
    n = nodes(act("log", "UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "Enabled"}, "attrs"),
              act("attrs", "UpdateContactAttributes", {"Attributes": {"a": "1"}}, "voice",
                  [("NoMatchingError", "oops")]),
              act("voice", "UpdateContactTextToSpeechVoice", {"TextToSpeechVoice": "Joanna"}, "hi",
                  [("NoMatchingError", "hi")]),
              act("hi", "MessageParticipant", {"Text": "Hi."}, "bye"),
              act("oops", "MessageParticipant", {"Text": "Oops."}, "bye"), BYE)
    assert set(n) == {"attrs", "hi", "oops"}
    assert n["attrs"] == {"decide": "set the contact attributes a", "outcomes": {"next": "hi"}, "on_error": "oops"}


def test_a_ring_of_pass_throughs_is_kept():
    n = nodes(act("a", "UpdateContactAttributes", {}, "b"), act("b", "UpdateContactAttributes", {}, "a"))
    assert set(n) == {"a", "b"}


def test_an_action_type_ivrmaze_does_not_model():
    n = nodes(act("lex", "ConnectParticipantWithLexBot", {"Text": "Say something"}, None,
                  [("NoMatchingCondition", "tag"), ("NoMatchingError", "bye")], [("Equals", ["Billing"], "bye")]),
              act("tag", "TagContact", {"Tags": {"a": "b"}}), BYE)
    assert set(n["lex"]["outcomes"]) == {"is-Billing", "NoMatchingCondition"}
    assert n["lex"]["on_error"] == "hangup"
    assert n["tag"] == {"unknown": "Connect action TagContact"}


def test_a_step_with_no_transition_is_unwired():
    n = nodes(act("hi", "MessageParticipant", {"Text": "Hi."}), act("f", "InvokeLambdaFunction", {}), start="hi")
    assert n["hi"] == {"say": "Hi.", "end": "unwired"}
    assert n["f"]["outcomes"] == {"unwired": {"to": "hangup", "label": "no transition"}}
    assert n["f"]["end"] == "unwired"


def test_identifiers_ivrmaze_cannot_use_are_slugged_and_kept_as_aliases():
    tr, _ = translated(act("Main menu", "MessageParticipant", {"Text": "x"}, "hangup"),
                       act("hangup", "MessageParticipant", {"Text": "y"}, "bye"), BYE)
    assert set(tr.data["nodes"]) == {"Main-menu", "hangup-action"}
    assert tr.data["nodes"]["Main-menu"]["next"] == "hangup-action"
    assert "Main menu" in tr.aliases["Main-menu"]


def test_names_are_the_file_stem_and_the_metadata_name():
    text = flow_text(BYE).replace('"ActionMetadata"', '"name": "Acme main", "ActionMetadata"')
    tr = connect.translate("/x/acme.json", text.encode(), None)
    assert tr.names == {"acme", "Acme main"}
    assert tr.data["name"] == "Acme main"


def test_placeholders_are_listed_and_filled_by_vars():
    from ivrmaze.checks import SETTINGS
    from ivrmaze.load.platform import Context

    a = act("x", "TransferToFlow", {"ContactFlowId": '${var.flows["next"]}'}, None, [("NoMatchingError", "bye")])
    text = flow_text(a, BYE)
    tr = connect.translate("/x/f.json", text.encode(), Context(SETTINGS, vars={'var.flows["next"]': "Billing"}))
    assert tr.data["nodes"]["x"]["external"] == {"flow": "Billing"}
    assert tr.placeholders == {'${var.flows["next"]}': line_of(text, '"${var')}


# -- problems of the flow file itself ---------------------------------------------------------------

def test_a_transition_to_no_action_is_a_reference_problem_at_it():
    tr, text = translated(act("hi", "MessageParticipant", {"Text": "Hi."}, "nowhere"))
    [p] = tr.problems
    assert (p.kind, p.line, p.column) == ("reference", *line_of(text, '"nowhere"'))
    assert '"nowhere"' in p.message and "`hi`" in p.message
    assert tr.data["nodes"]["hi"] == {"say": "Hi."}


def test_helpers():
    assert ref_name("arn:aws:lambda:eu-west-1:1:function:save:prod") == "save"
    assert ref_name(" ${var.lambda_functions_map['x']} ") == "x"
    assert slug("a b/c") == "a-b-c" and slug("///") == "action"
    assert speech("<speak>Press <break/>1</speak>") == "Press 1"


# -- through the loader -----------------------------------------------------------------------------

def test_invalid_json_loads_as_a_positioned_problem(tmp_path):
    f = tmp_path / "flow.json"
    f.write_text('{"Version": "2019-10-30", "StartAction": "a",\n "Actions": [ {"Identifier": "a" "Type": 1} ]}')
    maze = lib.load(str(f), strict=False)
    [p] = [p for p in maze.problems if p.kind == "syntax"]
    assert (p.line, p.column) == (2, 34) and p.message.startswith("invalid JSON")


def test_the_fixture_line_loads_its_flows_into_one_maze():
    from conftest import FIXTURES

    maze = lib.load(str(FIXTURES / "platforms" / "connect" / "line"), strict=False)
    assert [p for p in maze.problems if p.severity == "error"] == []
    assert {mf.platform for mf in maze.files.values()} == {"amazon-connect"}
    assert not [p for p in maze.problems if p.kind == "cannot-follow" and "flow" in p.message]


def test_a_menu_error_branch_that_goes_elsewhere_keeps_its_route_through_a_decision_in_front():
    tr, _ = translated(act("vm", "GetParticipantInput", {"Text": "Leave a message after the tone."}, None,
                           [("InputTimeLimitExceeded", "saved"), ("NoMatchingCondition", "saved"),
                            ("NoMatchingError", "oops")]),
                       act("saved", "MessageParticipant", {"Text": "Saved."}, "bye"),
                       act("oops", "MessageParticipant", {"Text": "Oops."}, "bye"), BYE)
    n = tr.data["nodes"]
    assert n["vm"] == {"decide": "GetParticipantInput: does the prompt play?", "outcomes": {"done": "vm.menu"},
                       "on_error": "oops"}
    assert n["vm.menu"]["no_input"] == "saved"
    assert tr.labels["vm.menu"] == "`vm` (GetParticipantInput: the menu)"
    assert tr.key_pos[("nodes", "vm.menu")] == tr.key_pos[("nodes", "vm")]


def test_a_placeholder_outside_quotes_says_the_file_is_a_template():
    text = flow_text(act("w", "GetParticipantInput", {"Text": "x", "InputTimeLimitSeconds": "5"}, None))
    text = text.replace('"5"', "${timeout}")
    tr = connect.translate("/x/f.json", text.encode(), None)
    [p] = tr.problems
    assert p.kind == "syntax" and (p.line, p.column) == line_of(text, "${timeout}")
    assert "placeholder outside quotes" in p.message
    assert tr.data == {}


@pytest.mark.parametrize("kind", ["TransferParticipantToThirdParty", "TransferToPhoneNumber"])
def test_both_names_of_the_phone_transfer_and_a_call_that_does_not_go_on(kind):
    n = nodes(act("tel", kind, {"ThirdPartyPhoneNumber": "+3110", "ContinueFlowExecution": "False"}, "end",
                  [("NoMatchingError", "end")]), act("end", "EndFlowExecution"))
    assert n["tel"] == {"queue": "phone number +3110", "on_error": "hangup", "can_fail": True}


def test_prompts_from_media_and_from_text_read_at_run_time_are_recordings():
    n = nodes(act("a", "GetParticipantInput", {"Media": {"Uri": "s3://bucket/menu.wav", "SourceType": "S3"}}, None,
                  [("InputTimeLimitExceeded", "b")], [("Equals", ["1"], "b")]),
              act("b", "GetParticipantInput", {"Text": "$.External.Prompt"}, None,
                  [("InputTimeLimitExceeded", "bye")], [("Equals", ["1"], "bye")]), BYE)
    assert n["a"]["audio"] == n["a"]["menu"] == "s3://bucket/menu.wav"
    assert n["b"]["audio"] == "text from $.External.Prompt"


def test_control_characters_of_a_hostile_flow_never_reach_the_output(tmp_path):
    from clirun import ivrmaze

    data = json.loads(flow_text(act("a\x1b[31m", "MessageParticipant", {"Text": "Hi \u202e\x1b[2J"}, "b\u202e"),
                                act("b\u202e", "Weird\x1bType"), act("c", "MessageParticipant", {}, "\x07")))
    (tmp_path / "h.json").write_text(json.dumps(data))
    for args in (["check", "--format", "text"], ["check", "--format", "json"], ["validate"]):
        run = ivrmaze(*args, str(tmp_path / "h.json"))
        assert run.exit_code in (1, 2)
        assert not any(c in run.output for c in "\x1b\x07\u202e"), run.output
