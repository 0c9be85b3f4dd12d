"""Issue 14's "done when" for Asterisk, on the command line: `ivrmaze check` on a dialplan prints
positioned findings in it (an after-hours trap found through GotoIfTime among them), `--entry`
picks the context, and the schedules of days of the month are real dates."""
from __future__ import annotations

import json

from clirun import ivrmaze
from conftest import FIXTURES

HERE = FIXTURES / "platforms" / "asterisk"


def test_check_finds_the_after_hours_trap_at_the_gotoiftime_line():
    run = ivrmaze("check", "--format", "json", HERE / "after-hours.conf")
    doc = json.loads(run.output)
    trap = next(f for f in doc["findings"] if f["kind"] == "after-hours-trap")
    assert (trap["line"], trap["column"], trap["platform"]) == (8, 14, "asterisk")
    assert trap["file"].endswith("after-hours.conf") and trap["node"] == "incoming,1,1"


def test_entry_picks_the_context_calls_enter():
    default = json.loads(ivrmaze("check", "--format", "json", HERE / "office.conf").output)
    entered = json.loads(ivrmaze("check", "--format", "json", "--entry", "support", HERE / "office.conf").output)
    unreachable = {f["node"] for f in entered["findings"] if f["kind"] == "unreachable"}
    assert "incoming,s,2" in unreachable  # the context taken by default is not entered now
    assert "incoming,s,2" not in {f["node"] for f in default["findings"] if f["kind"] == "unreachable"}


def test_days_of_the_month_are_dates_of_the_schedule():
    christmas = ivrmaze("call", HERE / "holidays.conf", "--at", "2026-12-25T10:00")
    monday = ivrmaze("call", HERE / "holidays.conf", "--at", "2026-12-28T10:00")
    assert "time-line-3 is open" in christmas.output and "we are closed" in christmas.output
    assert "PJSIP/desk answers" in monday.output
