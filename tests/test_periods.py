"""Periods (`at` of expectations): parsing, and pieces that cover every state of the period."""
import pytest
from conftest import MENUS
from hypothesis import given
from hypothesis import strategies as st

from ivrmaze import load
from ivrmaze.periods import ALWAYS, Part, PeriodError, parse_period
from ivrmaze.schedule import WEEK
from ivrmaze.timeline import Instant, describe, state_at

MAZE = load(MENUS / "mobistar-2011.yaml")


@pytest.mark.parametrize("text, parts", [
    ("Mon-Fri 09:00-17:00", [Part(tuple((d * 1440 + 540, d * 1440 + 1020) for d in range(5)))]),
    ("Sat 17:00-Mon 08:00", [Part(((0, 480), (5 * 1440 + 1020, WEEK)))]),
    ("sat all day", [Part(((5 * 1440, 6 * 1440),))]),
    ("Sun", [Part(((6 * 1440, WEEK),))]),
    ("Fri 22:00-02:00", [Part(((4 * 1440 + 1320, 5 * 1440 + 120),))]),
    ("always", [Part(((0, WEEK),))]),
    ("2011-04-25 (holiday)", [Part(((0, 1440),), "2011-04-25")]),
    ("2011-04-25 08:00-12:00", [Part(((480, 720),), "2011-04-25")]),
    (["Mon 16:00-20:00", "2011-04-26"], [Part(((960, 1200),)), Part(((1440, 2880),), "2011-04-26")]),
])
def test_windows(text, parts):
    p = parse_period(text)
    assert p.instant is None and list(p.parts) == parts


@pytest.mark.parametrize("text, minute, date", [
    ("Fri 16:30", 4 * 1440 + 990, None), ("2011-04-25T10:00", 600, "2011-04-25"),
    ("2011-04-25 10:00", 600, "2011-04-25")])
def test_instants(text, minute, date):
    p = parse_period(text)
    assert (p.instant.minute, p.instant.date) == (minute, date)
    assert p.pieces(MAZE) == [(p.pieces(MAZE)[0][0], p.instant)]


@pytest.mark.parametrize("bad, says", [
    ("Fr 16:30", "cannot read 'Fr 16:30' as a time, expected an instant such as"),
    ("2011-02-30", "(invalid date '2011-02-30', expected an ISO date"),
    ("2011-04-25 20:00-02:00", "runs past midnight"),
    ("Sat 25:00-Mon 08:00", "invalid time '25:00'"),
    ([], "`at` is an empty list"), (["Mon 10:00"], "a list in `at` holds windows only"), (3, "`at` is 3"),
])
def test_errors(bad, says):
    with pytest.raises(PeriodError) as e:
        parse_period(bad)
    assert says in str(e.value)


def test_pieces_name_the_period_back():
    p = parse_period("Mon-Fri 09:00-17:00")
    assert describe([w for w, _ in p.pieces(MAZE)]) == ["Mon-Fri 09:00-17:00"]
    assert [w.label() for w, _ in p.pieces(MAZE)][:2] == ["Mon 09:00-16:00", "Mon 16:00-17:00"]
    assert describe([w for w, _ in ALWAYS.pieces(MAZE)]) == ["Mon-Sun all day", "2011-04-25 (holiday)"]


PERIODS = ["Mon-Fri 09:00-17:00", "Sat 17:00-Mon 08:00", "Fri 15:00-21:00", "always", "2011-04-25 (holiday)",
           "2011-04-25 07:00-17:00", "Thu"]


@given(st.sampled_from(PERIODS), st.integers(0, WEEK - 1))
def test_one_instant_per_piece_sees_every_state(text, offset):
    """Any instant of the period has the state of the first instant of its piece."""
    period = parse_period(text)
    pieces = period.pieces(MAZE)
    w, first = pieces[offset % len(pieces)]
    minute = w.start + (offset // len(pieces)) % (w.end - w.start)
    assert state_at(MAZE, Instant(minute % WEEK, w.date)) == state_at(MAZE, first)
