"""The Archy reader: menus and choices, schedules, the flow's settings (docs/platforms/genesys-archy.md)."""
from archy_support import flow, line_of, nodes, task, translate

MENUS = """\
menus:
  - menu:
      name: Main Menu
      refId: Main_1
      audio:
        tts: For sales press 1. For billing press 2. To repeat press star.
      choices:
        - menuTransferToAcd:
            name: Sales
            dtmf: digit_1
            targetQueue:
              lit:
                name: Sales Queue
            failureTransferAudio:
              tts: Sorry, that did not work.
        - menuSubMenu:
            name: Billing
            dtmf: digit_2
            menu:
              name: Billing Menu
              refId: Billing_2
              audio:
                prompt: Prompt.Billing
              settingsMenu:
                repeatCount:
                  lit: 5
              choices:
                - menuPreviousMenu:
                    name: Back
                    dtmf: star
                - menuTransferToVoicemail:
                    name: Leave a message
                    dtmf: pound
                    destination:
                      queue:
                        targetQueue:
                          lit:
                            name: Billing Mailbox
        - menuRepeat:
            name: Again
            dtmf: star
        - menuJumpToTask:
            name: Agent please
            speechRecTerms:
              en-us:
                terms: [agent]
            targetTaskRef: /inboundCall/tasks/task[Start]
        - menuTask:
            name: Bye
            dtmf: digit_9
            task:
              actions:
                - playAudio:
                    name: Goodbye
                    audio:
                      tts: Goodbye.
"""
SETTINGS = """\
settingsMenu:
  repeatCount:
    lit: 2
"""


def _main(**kw):
    text = flow(MENUS + task("- jumpToMenu:\n    name: Menu\n    targetMenuRef: /inboundCall/menus/menu[Main_1]\n"),
                settings=SETTINGS, **kw)
    return text, translate(text)


def test_a_menu_is_a_menu_node_with_its_dtmf_choices_as_options_and_repeat_count_as_retries():
    text, tr = _main()
    assert tr.problems == []
    main = tr.data["nodes"]["Main_1"]
    assert main["menu"] == "For sales press 1. For billing press 2. To repeat press star."
    assert {k: v["to"] for k, v in main["options"].items()} == {
        "1": "Main_1.Sales", "2": "Billing_2", "*": "Main_1", "9": "Main_1.Bye.Goodbye"}
    assert main["options"]["1"]["label"] == "Sales"
    assert (main["no_input"], main["no_match"], main["retries"], main["exhausted"]) == ("Main_1", "Main_1", 2, "hangup")
    assert tr.key_pos[("nodes", "Main_1")] == line_of(text, "menu:")
    assert tr.key_pos[("nodes", "Main_1", "options", "1")] == line_of(text, "menuTransferToAcd")
    assert tr.val_pos[("nodes", "Main_1", "options", "1")] == line_of(text, "digit_1")
    assert tr.data["entry"] == "Main_1"  # the start task only jumps to the menu


def test_speech_only_choices_are_not_options_and_are_noted():
    _, tr = _main()
    assert "speech-only choices not followed: Agent please" in tr.notes["Main_1"]


def test_a_menu_transfer_fails_onto_its_failure_audio_and_back_to_the_menu():
    got = _main()[1].data["nodes"]
    assert got["Main_1.Sales"] == {"queue": "Sales Queue", "can_fail": True, "on_error": "Main_1.Sales:failed"}
    assert got["Main_1.Sales:failed"] == {"say": "Sorry, that did not work.", "next": "Main_1"}


def test_a_recorded_sub_menu_its_own_repeat_count_previous_menu_and_voicemail():
    got = _main()[1].data["nodes"]
    billing = got["Billing_2"]
    assert (billing["menu"], billing["audio"], billing["retries"]) == ("(recording Prompt.Billing)", "Prompt.Billing", 5)
    assert billing["options"]["*"]["to"] == "Main_1"  # the one menu that leads here
    assert got[billing["options"]["#"]["to"]]["voicemail"] == "Billing Mailbox"


def test_an_inline_menu_task_ends_in_a_disconnect():
    assert _main()[1].data["nodes"]["Main_1.Bye.Goodbye"] == {"say": "Goodbye.", "next": "hangup"}


def test_a_key_used_twice_and_a_key_that_is_no_key_are_positioned_problems():
    menus = MENUS.replace("dtmf: star\n        - menuJumpToTask", "dtmf: digit_1\n        - menuJumpToTask")
    menus = menus.replace("dtmf: digit_9", "dtmf: digit_X")
    text = flow(menus + task("- disconnect:\n    name: End\n"))
    tr = translate(text)
    assert [(p.kind, p.line) for p in tr.problems] == [("duplicate-key", line_of(text, "dtmf: digit_1", 1)[0]),
                                                     ("dtmf", line_of(text, "digit_X")[0])]


def test_schedule_group_emergency_then_holiday_then_hours_unknown():
    got = nodes(flow(task("""\
        - evaluateScheduleGroup:
            name: Hours
            scheduleGroup:
              lit:
                name: Office
            emergencyGroup:
              lit:
                name: Storm
            outputs:
              closed:
                actions:
                  - playAudio:
                      name: Closed
                      audio:
                        tts: We are closed.
              holiday:
                actions:
                  - disconnect:
                      name: Holiday
              emergency:
                actions:
                  - transferToVoicemail:
                      name: Storm mailbox
                      destination:
                        queue:
                          targetQueue:
                            lit:
                              name: Storm Box
        - transferToAcd:
            name: Desk
            targetQueue:
              lit:
                name: Desk
        """)))
    first = got["Start.Hours"]
    assert first["outcomes"] == {"emergency": "Start.Storm-mailbox", "normal": "Start.Hours:holiday"}
    assert got["Start.Hours:holiday"]["outcomes"] == {"holiday": "hangup", "not-holiday": "Start.Hours:hours"}
    hours = got["Start.Hours:hours"]
    assert (hours["branch"], hours["open"], hours["closed"]) == ("unknown", "Start.Desk", "Start.Closed")
    assert got["Start.Closed"]["next"] == "Start.Desk"  # an output falls through to the next action


def test_schedule_group_not_set_takes_the_closed_path_and_aliases_name_the_group():
    tr = translate(flow(task("""\
        - evaluateScheduleGroup:
            name: Hours
            scheduleGroup:
              exp: ToScheduleGroup(NOT_SET)
            emergencyGroup:
              lit:
                name: Storm
            outputs:
              closed:
                actions:
                  - disconnect:
                      name: Closed
        - playAudio:
            name: Open
            audio:
              tts: Welcome.
        """)))
    assert tr.data["nodes"]["Start.Hours"]["outcomes"] == {"emergency": "Start.Open", "normal": "hangup"}
    assert {"Storm", "Hours"} <= tr.aliases["Start.Hours"]


def test_evaluate_schedule_is_a_branch_with_unknown_hours():
    got = nodes(flow(task("""\
        - evaluateSchedule:
            name: Desk hours
            schedule:
              lit:
                name: Desk
            outputs:
              inactive:
                actions:
                  - disconnect:
                      name: Shut
        - playAudio:
            name: Hi
            audio:
              tts: Hi.
        """)))
    assert got["Start.Desk-hours"] == {"branch": "unknown", "open": "Start.Hi", "closed": "hangup", "on_error": "hangup"}


def test_error_handling_pre_audio_then_its_target_is_the_error_route_and_the_greeting_comes_first():
    settings = """\
initialGreeting:
  tts: Welcome to the bank.
settingsErrorHandling:
  errorHandling:
    jumpToMenu:
      targetMenuRef: /inboundCall/menus/menu[Main_1]
  preHandlingAudio:
    tts: Sorry, an error occurred.
"""
    tr = translate(flow(MENUS + task("- decision:\n    name: D\n    condition:\n      exp: Flow.X\n"), settings=settings))
    got = tr.data["nodes"]
    assert tr.data["entry"] == "initialGreeting"
    assert got["initialGreeting"] == {"say": "Welcome to the bank.", "next": "Start.D"}
    assert got["Start.D"]["on_error"] == "errorHandling"
    assert got["errorHandling"] == {"say": "Sorry, an error occurred.", "next": "Main_1"}


def test_a_flow_without_start_up_ref_says_so_at_the_flow_key():
    text = "inboundCall:\n  name: X\n  tasks: []\n"
    tr = translate(text)
    assert [(p.kind, p.line, p.column) for p in tr.problems] == [("missing-key", 1, 1)]
    assert "entry" not in tr.data
