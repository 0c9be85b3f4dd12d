"""The Archy reader: tasks and their actions, one construct at a time (docs/platforms/genesys-archy.md)."""
from archy_support import flow, line_of, nodes, task, translate
from hypothesis import given
from hypothesis import strategies as st

from ivrmaze import language
from ivrmaze.load import archy

MAIN_MENU = """\
menus:
  - menu:
      name: Main Menu
      refId: Main_1
      audio:
        tts: Press 1 for sales.
      choices:
        - menuDisconnect:
            name: Bye
            dtmf: digit_1
"""


def test_looks_like_tells_archy_from_ivrmaze_and_other_yaml():
    text = flow(task("- disconnect:\n    name: End\n"))
    assert archy.looks_like("x.yaml", text.encode())
    assert not archy.looks_like("x.yaml", b"ivrmaze: 1\nentry: a\nnodes:\n  a:\n    say: hi\n")
    assert not archy.looks_like("x.yaml", b"config:\n  inboundCall:\n    startUpRef: x\n")
    assert not archy.looks_like("x.yaml", b"inboundCall:\n")  # no parts: not a flow
    assert archy.looks_like("x.txt", b"# comment\ninboundChat:\n  startUpRef: a\n")


def test_actions_fall_through_and_the_end_of_a_task_disconnects():
    got = nodes(flow(task("""\
        - playAudio:
            name: Hello
            audio:
              tts: Hello there.
        - updateData:
            name: Set a variable
        - playAudio:
            name: Bye
            audio:
              tts: Goodbye.
        """)))
    assert got["Start.Hello"] == {"say": "Hello there.", "next": "Start.Bye"}  # updateData passes through
    assert got["Start.Bye"] == {"say": "Goodbye.", "next": "hangup"}


def test_a_task_is_where_its_first_action_is_and_node_positions_are_the_action_keys():
    text = flow(task("- playAudio:\n    name: Hello\n    audio:\n      tts: Hi.\n"))
    tr = translate(text)
    assert tr.data["entry"] == "Start.Hello"
    assert tr.key_pos[("nodes", "Start.Hello")] == line_of(text, "playAudio")
    assert "Start" in tr.aliases["Start.Hello"]
    assert tr.labels["Start.Hello"] == "`Start.Hello` (task 'Start', playAudio 'Hello')"
    assert tr.names == {"Test Flow", "flow"}


def test_jumps_go_to_the_menu_or_the_task_and_a_missing_one_is_a_positioned_reference_problem():
    text = flow(MAIN_MENU + task("""\
        - jumpToTask:
            name: Go on
            targetTaskRef: /inboundCall/tasks/task[Other]
        """) + "  - task:\n      name: Other\n      refId: Other\n      actions:\n"
                "        - jumpToMenu:\n            name: To the menu\n            targetMenuRef: \"/inboundCall/menus/menu[Main_1]\"\n"
                "        - jumpToMenu:\n            name: Broken\n            targetMenuRef: \"/inboundCall/menus/menu[Main_2]\"\n")
    tr = translate(text)
    assert tr.data["entry"] == "Main_1"
    [problem] = tr.problems
    assert (problem.kind, problem.line, problem.column) == ("reference", *line_of(text, '"/inboundCall/menus/menu[Main_2]"'))
    assert "menu `Main_2`, which is not in this flow" in problem.message and "did you mean `Main_1`" in problem.message


def test_play_audio_reads_tts_an_audio_expression_and_a_recording():
    got = nodes(flow(task("""\
        - playAudio:
            name: A
            audio:
              exp: AudioPlaybackOptions(ToAudioTTS("Say \\"this\\"."), true)
        - playAudio:
            name: B
            audio:
              prompt: Prompt.Welcome
        """)))
    assert got["Start.A"]["say"] == 'Say "this".'
    assert got["Start.B"]["say"] == "(recording Prompt.Welcome)"


def test_transfer_to_acd_failure_output_is_its_error_route_and_then_the_next_action():
    got = nodes(flow(task("""\
        - transferToAcd:
            name: Sales
            targetQueue:
              lit:
                name: Sales Queue
            outputs:
              failure:
                actions:
                  - playAudio:
                      name: Busy
                      audio:
                        tts: All agents are busy.
        - transferToVoicemail:
            name: Mailbox
            destination:
              queue:
                targetQueue:
                  lit:
                    name: Sales Mailbox
        """)))
    assert got["Start.Sales"] == {"queue": "Sales Queue", "can_fail": True, "on_error": "Start.Busy"}
    assert got["Start.Busy"]["next"] == "Start.Mailbox"   # the failure path falls through to the next action
    assert got["Start.Mailbox"] == {"voicemail": "Sales Mailbox", "can_fail": True}  # fails into a disconnect


def test_a_queue_known_only_at_run_time_is_unknown_and_a_transfer_to_a_number_too():
    got = nodes(flow(task("""\
        - transferToAcd:
            name: Dynamic
            targetQueue:
              exp: FindQueue(Flow.Queue)
            outputs:
              failure:
                actions:
                  - transferToNumber:
                      name: Partner
                      targetNumber:
                        lit: "+15550100"
        """)))
    assert got["Start.Dynamic"]["decide"].startswith("Does the transferToAcd to the queue FindQueue(Flow.Queue)")
    target = got["Start.Dynamic"]["outcomes"]["transferred"]
    assert got[target] == {"unknown": "transferToAcd to the queue FindQueue(Flow.Queue)"}
    assert got["Start.Dynamic"]["outcomes"]["failed"] == "Start.Partner"
    assert got["Start.Partner"] == {"unknown": "transferToNumber to the number +15550100"}


def test_transfer_to_flow_is_an_external_flow_by_name_or_template_reference():
    got = nodes(flow(task("""\
        - transferToFlow:
            name: Open
            targetFlow:
              name: Open Hours Flow
            outputs:
              failure:
                actions:
                  - transferToFlowSecure:
                      name: Secure
                      targetFlow:
                        lit:
                          name: "{{contactFlows.Secure_Flow.arn}}"
        """)))
    assert got["Start.Open"]["external"] == {"flow": "Open Hours Flow"}
    assert got["Start.Open"]["on_error"] == "Start.Secure"
    assert got["Start.Secure"]["external"] == {"flow": "Secure_Flow"}


def test_decision_and_switch_are_decisions_with_the_flow_error_route():
    got = nodes(flow(task("""\
        - decision:
            name: VIP
            condition:
              exp: Flow.Vip
            outputs:
              yes:
                actions:
                  - disconnect:
                      name: Bye
        - switch:
            name: Lang
            evaluate:
              firstTrue:
                cases:
                  - case:
                      value:
                        exp: Flow.Lang == "nl"
                      actions:
                        - playAudio:
                            name: Dutch
                            audio:
                              tts: Hallo.
                default:
                  actions:
                    - playAudio:
                        name: English
                        audio:
                          tts: Hello.
        """)))
    assert got["Start.VIP"] == {"decide": "Flow.Vip", "outcomes": {"yes": "hangup", "no": "Start.Lang"},
                                "on_error": "hangup"}
    lang = got["Start.Lang"]
    assert lang["outcomes"] == {"case-1": {"to": "Start.Dutch", "label": 'Flow.Lang == "nl"'}, "default": "Start.English"}
    assert got["Start.Dutch"]["next"] == "hangup"


def test_loop_with_a_count_is_a_bounded_loop_and_loop_next_and_exit_loop_are_followed():
    got = nodes(flow(task("""\
        - loop:
            name: Try
            loopCount:
              lit: 3
            outputs:
              loop:
                actions:
                  - playAudio:
                      name: Hold
                      audio:
                        tts: Please hold.
                  - decision:
                      name: Free
                      condition:
                        exp: Flow.Free
                      outputs:
                        yes:
                          actions:
                            - exitLoop:
                                name: Out
        - disconnect:
            name: End
        """)))
    assert got["Start.Try"] == {"loop": 3, "again": "Start.Hold", "done": "hangup"}
    assert got["Start.Hold"]["next"] == "Start.Free"
    assert got["Start.Free"]["outcomes"] == {"yes": "hangup", "no": "Start.Try"}  # exit: done; else next round


def test_a_loop_whose_count_is_an_expression_is_a_decision():
    got = nodes(flow(task("""\
        - loop:
            name: Try
            loopCount:
              exp: Flow.Tries
            outputs:
              loop:
                actions:
                  - playAudio:
                      name: Hold
                      audio:
                        tts: Hold on.
        """)))
    assert got["Start.Try"]["outcomes"] == {"again": "Start.Hold", "done": "hangup"}


def test_data_actions_with_outputs_are_decisions_and_unknown_actions_are_unknown_nodes():
    got = nodes(flow(task("""\
        - callData:
            name: Lookup
            outputs:
              failure:
                actions:
                  - playAudio:
                      name: Oops
                      audio:
                        tts: Lookup failed.
        - sendCarrierPigeon:
            name: Pigeon
        """)))
    assert got["Start.Lookup"]["outcomes"] == {"failure": "Start.Oops", "success": "Start.Pigeon"}
    assert got["Start.Pigeon"] == {"unknown": "Archy action sendCarrierPigeon (Pigeon)"}


def test_ids_are_slugged_and_unique_and_never_hangup():
    got = nodes(flow(task("""\
        - playAudio:
            name: Play Audio
            audio:
              tts: One.
        - playAudio:
            name: Play Audio
            audio:
              tts: Two.
        """, ref="Main Task/1"), start="/inboundCall/tasks/task[Main Task/1]"))
    assert list(got) == ["Main-Task-1.Play-Audio", "Main-Task-1.Play-Audio-2"]
    assert archy.translate  # the module's entry point
    from ivrmaze.load.archy_values import slug
    assert slug("hangup") != "hangup" and slug("a b/c") == "a-b-c" and slug("") == "x"


def test_hostile_shapes_are_positioned_problems_never_tracebacks():
    text = flow(task("- just text\n- {a: 1, b: 2}\n- disconnect:\n    name: End\n"))
    tr = translate(text)
    assert [(p.kind, p.line) for p in tr.problems] == [("type", line_of(text, "just text")[0]),
                                                     ("type", line_of(text, "{a: 1")[0])]
    for bad in ("inboundCall: 3\n", "inboundCall:\n  tasks: 7\n  menus: {a: 1}\n  startUpRef: 5\n"):
        try:
            translate(bad)
        except Exception as e:  # only a SourceError (a positioned finding) may come out
            assert type(e).__name__ == "SourceError"


_KEYS = ["menu", "task", "actions", "choices", "outputs", "failure", "yes", "no", "name", "refId", "dtmf", "lit", "exp",
         "targetMenuRef", "targetTaskRef", "targetQueue", "audio", "tts", "playAudio", "transferToAcd", "loop",
         "loopCount", "decision", "switch", "evaluate", "firstTrue", "cases", "case", "evaluateScheduleGroup",
         "menuTask", "menuSubMenu", "menuPreviousMenu", "menuJumpToMenu", "jumpToTask", "disconnect", "settingsMenu"]
_ANY = st.recursive(st.none() | st.booleans() | st.integers(-3, 5) | st.sampled_from(["", "x", "digit_1", "star",
                    "/inboundCall/menus/menu[M]", "/inboundCall/tasks/task[T]"]),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4),
                    max_leaves=25)


@given(menus=_ANY, tasks=_ANY, start=st.sampled_from(["/inboundCall/menus/menu[M]", "/inboundCall/tasks/task[T]", 3]))
def test_any_shape_under_the_flow_translates_or_is_a_source_error_never_a_traceback(menus, tasks, start):
    import yaml
    text = yaml.safe_dump({"inboundCall": {"name": "F", "startUpRef": start, "menus": menus, "tasks": tasks}})
    tr = translate(text)
    assert all(p.line >= 1 for p in tr.problems)
    assert all(language.id_problem(nid) is None for nid in tr.data["nodes"])


def test_a_previous_menu_action_is_a_target_ivrmaze_cannot_follow():
    got = nodes(flow(task("- previousMenu:\n    name: Back\n")))
    assert got["Start.Back"] == {"unknown": "the previous menu"}
