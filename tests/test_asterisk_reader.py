"""The Asterisk dialplan reader, construct by construct: what each becomes in the ivrmaze document."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivrmaze.load import asterisk
from ivrmaze.load.platform import Context


def tr(text: str, entry: str | None = None, path: str = "/tmp/x/extensions.conf"):
    return asterisk.translate(path, text.encode(), Context(None, entry=entry))  # type: ignore[arg-type]


def nodes(text: str, entry: str | None = None) -> dict:
    return tr(text, entry).data["nodes"]


MENU = """
[ivr]
exten => s,1,Answer()
 same => n,Background(press-1-for-sales)
 same => n,WaitExten(5)
exten => 1,1,Queue(sales)
exten => 2,1,Playback(bye)
exten => 22,1,Playback(never-an-option)
exten => i,1,Playback(invalid-try-again)
 same => n,Hangup()
exten => t,1,Goto(s,1)
"""


def test_a_background_and_waitexten_menu_takes_its_one_key_extensions_as_options():
    got = nodes(MENU)
    menu = got["ivr,s,2"]
    assert menu["menu"] == "press 1 for sales"
    assert menu["options"] == {"1": "ivr,1,1", "2": "ivr,2,1"}  # 22 is two keys: no option
    assert menu["no_input"] == "ivr,s,2"  # t goes back to s,1, whose Answer() passes through
    assert menu["no_match"] == "ivr,i,1"
    assert got["ivr,i,1"] == {"say": "invalid try again", "next": "hangup"}
    assert got["ivr,1,1"] == {"queue": "sales"}


def test_a_menu_without_t_and_i_hangs_up_on_silence_and_on_a_wrong_key():
    menu = nodes("[ivr]\nexten => s,1,Background(menu)\n same => n,WaitExten()\nexten => 1,1,Queue(a)\n")["ivr,s,1"]
    assert (menu["no_input"], menu["no_match"], menu["exhausted"]) == ("hangup", "hangup", "hangup")


def test_e_handles_both_silence_and_a_wrong_key_when_t_and_i_are_missing():
    menu = nodes("[ivr]\nexten => s,1,WaitExten()\nexten => e,1,Playback(oops)\n")["ivr,s,1"]
    assert menu["no_input"] == menu["no_match"] == "ivr,e,1"


def test_a_background_without_waitexten_goes_on_when_the_recording_ends():
    got = nodes("[m]\nexten => s,1,Background(a)\n same => n,Background(b)\n same => n,Hangup()\n")
    assert got["m,s,1"]["no_input"] == "m,s,2"
    assert got["m,s,2"]["no_input"] == "hangup"


def test_patterns_become_options_the_most_constrained_first():
    got = nodes("[m]\nexten => s,1,Background(x)\n same => n,WaitExten()\n"
                "exten => _[1-3],1,Queue(low)\nexten => _X,1,Queue(any)\nexten => _X.,1,Queue(long)\n"
                "exten => *,1,Queue(star)\n")
    options = got["m,s,1"]["options"]
    assert [options[k] for k in "1239*"] == ["m,_-1-3-,1"] * 3 + ["m,_X,1", "m,star,1"]
    assert "#" not in options


def test_included_contexts_give_options_too():
    got = nodes("[m]\ninclude => more\nexten => s,1,Background(x)\n same => n,WaitExten()\n"
                "[more]\nexten => 4,1,Queue(four)\n")
    assert got["m,s,1"]["options"] == {"4": "more,4,1"}


def test_goto_forms_and_labels_are_followed():
    t = tr("[a]\nexten => s,1,Goto(b,s,1)\n[b]\nexten => s,1,Goto(2,go)\nexten => 2,1,NoOp()\n"
           " same => n(go),Goto(b,3,1)\nexten => 3,1,Goto(2)\n same => n,Queue(q)\n")
    assert t.data["entry"] == "b,3,2"
    assert list(t.data["nodes"]) == ["b,3,2"]


def test_a_goto_loop_with_nothing_in_it_is_a_node_that_goes_round():
    got = nodes("[a]\nexten => s,1,Goto(s,2)\n same => n,Goto(s,1)\n")
    (nid, node), = got.items()
    assert node["next"] == nid


def test_gotoif_is_a_decision_with_an_opaque_condition():
    got = nodes("[a]\nexten => s,1,GotoIf($[${X} = 1]?yes:no)\n same => n(yes),Queue(y)\n"
                " same => n(no),Queue(n)\n")
    assert got["a,s,1"] == {"decide": "$[${X} = 1]", "outcomes": {"then": "a,s,yes", "else": "a,s,no"}}


def test_gotoif_without_a_false_label_goes_on_to_the_next_priority():
    got = nodes("[a]\nexten => s,1,GotoIf($[1]?x)\n same => n,Playback(next)\n same => n(x),Queue(q)\n")
    assert got["a,s,1"]["outcomes"] == {"then": "a,s,x", "else": "a,s,2"}


def test_gotoiftime_becomes_a_branch_on_a_real_schedule():
    t = tr("[a]\nexten => s,1,GotoIfTime(9:00-17:59,mon-fri,*,*?open)\n same => n,Playback(closed)\n"
           " same => n(open),Queue(q)\n")
    assert t.data["hours"] == {"time-line-2": {"mon-fri": "09:00-18:00"}}
    assert t.data["nodes"]["a,s,1"] == {"branch": "time-line-2", "open": "a,s,open", "closed": "a,s,2"}


def test_execiftime_runs_its_application_only_in_the_hours():
    got = nodes("[a]\nexten => s,1,ExecIfTime(*,sat-sun,*,*?Playback(weekend))\n same => n,Queue(q)\n")
    assert got["a,s,1"]["open"] == "a,s,1.then"
    assert got["a,s,1.then"] == {"say": "weekend", "next": "a,s,2"}
    assert got["a,s,1"]["closed"] == "a,s,2"


def test_gosub_returns_to_the_next_priority_and_macro_returns_at_its_end():
    got = nodes("[a]\nexten => s,1,Gosub(sub,s,1(arg))\n same => n,Macro(m)\n same => n,Queue(q)\n"
                "[sub]\nexten => s,1,Playback(hello)\n same => n,Return()\n"
                "[macro-m]\nexten => s,1,Playback(from-macro)\n")
    sub = next(n for nid, n in got.items() if nid.startswith("sub,s,1"))
    macro = next(nid for nid in got if nid.startswith("macro-m,s,1"))
    assert sub == {"say": "hello", "next": macro}
    assert got[macro]["next"] == "a,s,3"


def test_a_subroutine_called_from_two_places_returns_to_each():
    got = nodes("[a]\nexten => s,1,Gosub(sub,s,1)\n same => n,Gosub(sub,s,1)\n same => n,Queue(q)\n"
                "[sub]\nexten => s,1,Playback(hi)\n same => n,Return()\n")
    assert {nid: n.get("next") for nid, n in got.items()} == {"sub,s,1:2": "sub,s,1:1", "sub,s,1:1": "a,s,3",
                                                              "a,s,3": None}


def test_a_recursive_gosub_stops_as_an_unknown_node():
    got = nodes("[a]\nexten => s,1,Gosub(a,x,1)\nexten => x,1,Playback(again)\n same => n,Gosub(a,x,1)\n")
    assert any("unknown" in n and "nested" in n["unknown"] for n in got.values())


def test_dial_is_a_person_and_what_follows_is_its_next():
    got = nodes("[a]\nexten => s,1,Dial(PJSIP/100,20)\n same => n,VoiceMail(100@default,u)\n")
    assert got["a,s,1"] == {"queue": "PJSIP/100", "next": "a,s,2"}
    assert got["a,s,2"] == {"voicemail": "100@default"}


@pytest.mark.parametrize("app", ["Stasis(myapp)", "Goto(${DEST},1)", "Gosub(${SUB},s,1)", "ConfBridge(1)"])
def test_what_ivrmaze_cannot_follow_is_an_unknown_node(app):
    assert nodes(f"[a]\nexten => s,1,{app}\n")["a,s,1"] == {"unknown": app.replace("(", "(", 1)}


def test_falling_off_the_end_and_a_gap_in_the_priorities_hang_up():
    got = nodes("[a]\nexten => s,1,Playback(one)\n same => 3,Playback(never)\n")
    assert got["a,s,1"]["next"] == "hangup"


def test_unknown_applications_and_settings_pass_through():
    got = nodes("[a]\nexten => s,1,Answer()\n same => n,Set(X=1)\n same => n,FancyNewApp(x)\n"
                " same => n,Playback(hi)\n")
    assert list(got) == ["a,s,4"]


def test_the_entry_is_the_context_asked_for_else_a_usual_name_else_the_first():
    text = "[first]\nexten => s,1,Queue(a)\n[from-pstn]\nexten => s,1,Queue(b)\n[other]\nexten => 5,1,Queue(c)\n"
    assert tr(text).data["entry"] == "from-pstn,s,1"
    assert tr(text, entry="other").data["entry"] == "other,5,1"
    assert tr("[first]\nexten => s,1,Queue(a)\n[x]\nexten => s,1,Queue(b)\n").data["entry"] == "first,s,1"
    bad = tr(text, entry="nope")
    assert bad.data["entry"] == "from-pstn,s,1" and "entry context `nope`" in bad.problems[0].message


def test_settings_sections_and_templates_are_not_contexts():
    t = tr("[general]\nstatic=yes\n[globals]\nX=1\n[base](!)\nexten => 9,1,Queue(nine)\n"
           "[ivr](base)\nexten => s,1,WaitExten()\n")
    assert t.data["entry"] == "ivr,s,1"
    assert t.data["nodes"]["ivr,s,1"]["options"] == {"9": "ivr,9,1"}
    assert not t.problems


def test_a_dangling_goto_is_a_warning_at_its_application_and_the_call_hangs_up():
    t = tr("[a]\nexten => s,1,Playback(x)\n same => n,Goto(nowhere,s,1)\n")
    assert t.data["nodes"]["a,s,1"]["next"] == "hangup"
    (p,) = t.problems
    assert (p.kind, p.severity, p.line, p.column) == ("reference", "warning", 3, 12)
    assert "context `nowhere`" in p.message


def test_a_missing_label_suggests_the_closest():
    t = tr("[a]\nexten => s,1,Goto(s,opne)\n same => n(open),Queue(q)\n")
    assert "did you mean `open`" in t.problems[0].message


def test_positions_are_the_lines_of_the_priorities():
    t = tr(MENU)
    assert t.key_pos[("nodes", "ivr,s,2")] == (4, 2)
    assert t.key_pos[("nodes", "ivr,s,2", "options", "1")] == (6, 1)
    assert t.labels["ivr,s,2"].startswith("`ivr,s,2` (Background")


def test_looks_like_is_told_by_content():
    assert asterisk.looks_like("x.txt", b"; hi\n[ctx]\nexten => s,1,Answer()\n")
    assert asterisk.looks_like("x.conf", b"[ctx] ; c\nsame => n,Answer()\n")
    assert not asterisk.looks_like("extensions.conf", b"ivrmaze: 1\nnodes: {}\n")
    assert not asterisk.looks_like("x.ini", b"[section]\nkey = value\n")


def test_extensions_of_several_keys_are_dialled_through_a_decision_on_the_first_key():
    got = nodes("[m]\nexten => s,1,Background(x)\n same => n,WaitExten()\nexten => 12,1,Queue(twelve)\n"
                "exten => 123,1,Queue(long)\nexten => i,1,Playback(no)\nexten => _7XX,1,Queue(pattern)\n")
    assert got["m,s,1"]["options"] == {"1": "m,1,dial"}  # a pattern of several keys is no menu choice
    assert got["m,1,dial"]["outcomes"] == {"12": "m,12,1", "123": "m,123,1", "wrong number": "m,i,1"}


def test_globals_and_vars_fill_in_the_names_of_the_people_dialled():
    text = "[globals]\nOPERATOR=PJSIP/100\n[a]\nexten => s,1,Dial(${OPERATOR})\n same => n,Dial(${GLOBAL(DESK)})\n" \
           " same => n,VoiceMail(${BOX})\n"
    t = asterisk.translate("/tmp/x.conf", text.encode(), Context(None, vars={"DESK": "PJSIP/7"}))  # type: ignore[arg-type]
    got = t.data["nodes"]
    assert [got[n].get("queue", got[n].get("voicemail")) for n in ("a,s,1", "a,s,2", "a,s,3")] == \
        ["PJSIP/100", "PJSIP/7", "${BOX}"]
    assert "PJSIP/100" in t.aliases["a,s,1"]


def test_read_followed_by_a_goto_to_the_digits_is_a_menu():
    got = nodes("[m]\nexten => s,1,Read(CHOICE,choose-a-department,1)\n same => n,Goto(depts,${CHOICE},1)\n"
                "[depts]\nexten => 1,1,Queue(one)\nexten => i,1,Playback(no-such)\n")
    assert got["m,s,1"]["options"] == {"1": "depts,1,1"}
    assert got["m,s,1"]["no_match"] == "depts,i,1"
    other = nodes("[m]\nexten => s,1,Read(X,prompt)\n same => n,Queue(q)\n")
    assert other["m,s,1"] == {"say": "prompt", "next": "m,s,2"}


def test_a_timed_include_is_a_branch_on_its_hours_then_the_next_match():
    t = tr("[in]\ninclude => day,9:00-16:59,mon-fri,*,*\ninclude => night\n"
           "[day]\nexten => s,1,Queue(desk)\n[night]\nexten => s,1,Playback(closed)\n same => n,Goto(in,s,1)\n")
    got = t.data["nodes"]
    assert t.data["entry"] == "in,s,time-day"
    assert got["in,s,time-day"] == {"branch": "time-line-2", "open": "day,s,1", "closed": "night,s,1"}
    assert got["night,s,1"]["next"] == "in,s,time-day"  # a Goto back meets the branch again
    assert t.data["hours"]["time-line-2"] == {"mon-fri": "09:00-17:00"}


def test_a_key_that_only_a_timed_include_has_is_a_wrong_key_outside_its_hours():
    got = nodes("[m]\ninclude => extra,*,sat-sun,*,*\nexten => s,1,Background(x)\n same => n,WaitExten()\n"
                "exten => i,1,Playback(no)\n[extra]\nexten => 5,1,Queue(weekend)\n")
    assert got["m,s,1"]["options"] == {"5": "m,5,time-extra"}
    assert got["m,5,time-extra"] == {"branch": "time-line-2", "open": "extra,5,1", "closed": "m,i,1"}


def test_a_calls_arguments_fill_in_arg1_inside_it():
    got = nodes("[a]\nexten => s,1,Gosub(sub,s,1(hello))\n same => n,Macro(dial,PJSIP/9)\n"
                "[sub]\nexten => s,1,Playback(${ARG1})\n same => n,Return()\n"
                "[macro-dial]\nexten => s,1,Dial(${ARG1})\n")
    assert sorted(n.get("say", n.get("queue")) for n in got.values()) == ["PJSIP/9", "hello"]


@given(st.lists(st.sampled_from([b"[ctx]", b"[a b]", b" [x] ; c", b"exten", b"EXTEN", b"same", b"Same", b" =>", b"=",
                                 b"=>", b" ", b"\t", b"\n", b"\r\n", b"nodes:", b"- [1, 2]", b"; c"]), max_size=30))
def test_the_quick_look_before_the_expressions_changes_nothing(parts):
    from ivrmaze.load import sniff
    raw = b"".join(parts)
    assert sniff.asterisk("x", raw) == (bool(sniff._HEADER.search(raw)) and bool(sniff._EXTEN.search(raw)))
