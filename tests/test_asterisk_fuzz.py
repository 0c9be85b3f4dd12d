"""Hostile dialplans: whatever the text, the reader gives positioned findings, never a traceback."""
from __future__ import annotations

import pathlib
import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st

import ivrmaze as api
from ivrmaze.load import asterisk
from ivrmaze.load.platform import Context

_PIECES = st.sampled_from([
    "[ctx]", "[a](!)", "[b](a)", "[c](+)", "[general]", "[globals]", "X=1", "exten => s,1,", "exten => 1,n,",
    "exten => _X.,1,", "exten => i,1,", "exten => t,1,", " same => n,", " same => n(lbl),", "include => ctx",
    "Background(menu)", "WaitExten()", "Goto(ctx,s,1)", "Goto(lbl)", "Goto(${X},1)", "GotoIf($[${A}=1]?lbl:s,1)",
    "GotoIfTime(9:00-17:00,mon-fri,*,*?lbl)", "GotoIfTime(*,*,31,feb?x)", "GotoIfTime(bad)", "ExecIfTime(*,*,*,*?Hangup)",
    "Gosub(ctx,s,1(a,b))", "Gosub(missing,s,1)", "Return()", "Macro(m)", "Dial(PJSIP/1)", "Queue(q)",
    "VoiceMail(1@x)", "Playback(a&b)", "Hangup()", "Read(V,prompt,1)", "Stasis(app)", "NoOp(", ")", ",", "(", "\\;",
    ";", ";--", "--;", "#include x.conf", "#exec rm", "\x00", "\u202e", "é", "=>", "exten", "same =>", "\t", " ",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=5).map("".join), max_size=25).map("\n".join))
def test_any_dialplan_text_translates_without_a_traceback(text):
    tr = asterisk.translate("/tmp/fuzz/extensions.conf", text.encode(), Context(None))  # type: ignore[arg-type]
    assert all(p.line >= 1 for p in tr.problems)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_PIECES, min_size=1, max_size=5).map("".join), min_size=1, max_size=15).map(
    lambda lines: "[ctx]\nexten => s,1,Answer()\n" + "\n".join(lines)))
def test_any_dialplan_loads_to_findings(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "extensions.conf"
        path.write_text(text, encoding="utf-8")
        (pathlib.Path(tmp) / ".git").mkdir()
        maze = api.load([str(path)], strict=False)
        assert all(p.file and p.line >= 0 for p in maze.problems)
