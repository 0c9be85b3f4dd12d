"""The dialplan's lines (comments, priorities, labels), its `#include`s, and GotoIfTime's time specs."""
from __future__ import annotations

import os

import pytest

from ivrmaze.load.asterisk import lines, times
from ivrmaze.load.asterisk.apps import args_of, readable, split_condition, target
from ivrmaze.load.asterisk.includes import Includes
from ivrmaze.load.asterisk.resolve import pattern


def steps(text: str, context: str = "c", exten: str = "s") -> dict[int, lines.Step]:
    return lines.parse(text).contexts[context].steps(exten)


def test_comments_escaped_semicolons_and_block_comments():
    plan = lines.parse("[c] ; a context\nexten => s,1,Playback(a\\;b) ; said\n;-- a block\n"
                       "exten => s,2,Hangup()\n--;\nexten => s,2,Queue(q)\n")
    got = plan.contexts["c"].steps("s")
    assert got[1].args == "a;b"
    assert got[2].app == "Queue"
    assert not plan.problems


def test_priorities_n_s_offsets_labels_and_hints():
    got = steps("[c]\nexten => s,hint,PJSIP/1\nexten => s,1,NoOp()\n same => n(two),NoOp()\n"
                " same => s+2,NoOp()\n same => n,Hangup\n")
    assert sorted(got) == [1, 2, 4, 5]
    assert got[2].label == "two"
    assert (got[5].app, got[5].args) == ("Hangup", "")


def test_exten_lines_keep_their_positions_and_the_application_column():
    step = steps("[c]\n  exten => s,1,Answer()\n")[1]
    assert (step.at.line, step.at.column, step.app_column) == (2, 3, 16)


def test_the_old_comma_form_of_an_application_and_a_caller_id_match():
    got = lines.parse("[c]\nexten => 100/555,1,Dial,PJSIP/1\n").contexts["c"]
    assert (got.steps("100")[1].app, got.steps("100")[1].args) == ("Dial", "PJSIP/1")


def test_unreadable_lines_and_a_reused_priority_are_warnings_where_they_are():
    plan = lines.parse("exten => s,1,NoOp\n[c]\nexten => s,1,NoOp()\nexten => s,1,Hangup()\nnonsense here\n"
                       "same => x,NoOp()\n[]\n")
    got = [(p.at.line, p.kind, p.severity) for p in plan.problems]
    assert got == [(1, "syntax", "warning"), (4, "syntax", "warning"), (5, "syntax", "warning"),
                   (6, "syntax", "warning"), (7, "syntax", "warning")]
    assert plan.contexts["c"].steps("s")[1].app == "NoOp"  # Asterisk keeps the first


def test_an_added_context_extends_the_earlier_one():
    plan = lines.parse("[c]\nexten => 1,1,NoOp()\n[c](+)\nexten => 2,1,NoOp()\n")
    assert set(plan.contexts["c"].extens) == {"1", "2"}


@pytest.mark.parametrize("text, parts", [
    ("a,b,c", ["a", "b", "c"]),
    ("$[${X} = 1],b", ["$[${X} = 1]", "b"]),
    ('"a,b",c', ['"a,b"', "c"]),
    ("9:00-17:00|mon-fri|*|*", ["9:00-17:00", "mon-fri", "*", "*"]),
    ("x\\,y,z", ["x\\,y", "z"]),
])
def test_arguments_split_at_top_level_commas_or_old_bars(text, parts):
    assert args_of(text) == parts


def test_conditions_and_targets():
    assert split_condition("$[${A}=1]?yes:ctx,s,no") == ("$[${A}=1]", "yes", "ctx,s,no")
    assert split_condition("$[a?b:c]?x") == ("$[a?b:c]", "x", None)
    assert target("ctx,s,1").text() == "ctx,s,1" and target("2,go").context is None
    assert target("a,b,c,d") is None


def test_recording_names_read_as_words():
    assert readable("custom/press-1_for-sales&vm-goodbye.gsm,skip") == "press 1 for sales. vm goodbye"


@pytest.mark.parametrize("pat, yes, no", [
    ("_X", "7", "12"), ("_[1-3]", "2", "4"), ("_N", "2", "1"), ("_Z", "1", "0"), ("_X.", "12", "1"),
    ("_X!", "1", ""), ("_7XXX", "7000", "700"),
])
def test_patterns_match_as_asterisk_documents(pat, yes, no):
    regex, _ = pattern(pat)
    assert regex.match(yes) and not regex.match(no)


@pytest.mark.parametrize("spec, schedule", [
    ("9:00-17:59,mon-fri,*,*", {"mon-fri": "09:00-18:00"}),
    ("*,sat&sun,*,*", {"sat,sun": "00:00-24:00"}),
    ("22:00-05:59,fri-mon,*,*", {"mon,fri-sun": ["00:00-06:00", "22:00-24:00"]}),
    ("08:00-11:59,mon&wed-fri,*,*", {"mon,wed-fri": "08:00-12:00"}),
    ("*,*,25,dec", {"12-25": "00:00-24:00"}),
    ("*,*,31,*", {f"{m:02d}-31": "00:00-24:00" for m in (1, 3, 5, 7, 8, 10, 12)}),
    ("9:00-11:59|*|24-26|dec", {"12-24": "09:00-12:00", "12-25": "09:00-12:00", "12-26": "09:00-12:00"}),
])
def test_time_specs_become_ivrmaze_hours(spec, schedule):
    assert times.hours(spec).spec == schedule


def test_weekdays_with_dates_are_approximated_and_said():
    got = times.hours("*,mon,1-7,jan,Europe/Amsterdam")
    assert len(got.spec) == 7 and got.timezone == "Europe/Amsterdam"
    assert "weekdays `mon`" in got.approximations[0]


@pytest.mark.parametrize("spec, message", [
    ("25:00-26:00,*,*,*", "invalid time `25:00`"), ("*,mun,*,*", "invalid weekday `mun`"),
    ("*,*,32,*", "invalid day of the month `32`"), ("*,*,*,jnu", "invalid month `jnu`"), ("*,*", "has 2 fields"),
])
def test_bad_time_specs_say_what_was_expected(spec, message):
    with pytest.raises(times.TimeSpecError, match=message):
        times.hours(spec)


def _include(tmp_path, name: str) -> tuple[lines.Dialplan, list[str]]:
    main = tmp_path / "proj" / "extensions.conf"
    plan = lines.Dialplan()
    lines.Parser(plan, Includes(str(main), str(tmp_path / "proj"), plan)).read(f"[c]\n#include {name}\n")
    return plan, [p.message for p in plan.problems]


def test_an_include_is_read_in_place_with_its_lines_at_the_include(tmp_path):
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "part.conf").write_text("; part\nexten => s,1,Queue(q)\n")
    plan, problems = _include(tmp_path, '"part.conf"')
    step = plan.contexts["c"].steps("s")[1]
    assert problems == [] and (step.at.line, step.at.file.endswith("part.conf"), step.at.inner) == (2, True, 2)


@pytest.mark.parametrize("name, says", [
    ("/etc/passwd", "is an absolute path"), ("../outside.conf", "is outside the project folder"),
    ("missing.conf", "does not exist"), ("", "names no file"), ("link.conf", "is a link to a file outside"),
    ("fifo.conf", "is a FIFO"), ("self.conf", "is read already"),
])
def test_includes_are_confined_to_the_project(tmp_path, name, says):
    proj = tmp_path / "proj"
    proj.mkdir()
    (tmp_path / "outside.conf").write_text("[evil]\n")
    os.symlink(tmp_path / "outside.conf", proj / "link.conf")
    os.mkfifo(proj / "fifo.conf")
    (proj / "self.conf").write_text("#include self.conf\n")
    plan, problems = _include(tmp_path, name)
    assert len(problems) == 1 and says in problems[0] and "evil" not in plan.contexts
