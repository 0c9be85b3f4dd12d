"""One way to write windows: merged, Monday first, holidays after the week, each date once;
names parse back to exactly the windows they name."""
from __future__ import annotations

import datetime as dt
import random

from ivrmaze.periods import parse_period
from ivrmaze.schedule import WEEK
from ivrmaze.timeline import Window, describe, joined


def _minutes(labels: list[str]) -> set[tuple[str | None, int]]:
    """Every (date, week minute) the names cover, read back through `at` parsing."""
    out: set[tuple[str | None, int]] = set()
    for label in labels:
        for part in parse_period(label).parts:
            for a, b in part.intervals:
                out |= {(part.date, m % WEEK) for m in range(a, b)}
    return out


def _covered(wins: list[Window]) -> set[tuple[str | None, int]]:
    return {(w.date, m % WEEK) for w in wins for m in range(w.start, w.end)}


def test_unsorted_pieces_merge_monday_first() -> None:
    day = [Window(d * 1440 + a, d * 1440 + b) for a, b in ((780, 1020), (480, 720), (720, 780)) for d in range(5)]
    assert describe(day) == ["Mon-Fri 08:00-17:00"]
    wins = [Window(6 * 1440 + 600, 6 * 1440 + 660), Window(480, 540)]
    assert describe(wins) == ["Mon 08:00-09:00", "Sun 10:00-11:00"]


def test_holidays_after_the_week_each_date_once() -> None:
    hours = [(0, 720), (1200, 1440)]
    dates = ["2026-12-31", "2026-12-25", "2027-01-01"]
    wins = [Window(4 * 1440 + a, 4 * 1440 + b, d) for d in dates for a, b in hours]  # dates of any weekday
    wins += [Window(5 * 1440, 6 * 1440, "2026-12-26"), Window(1200, 1440)]
    labels = describe(wins)
    assert labels == ["Mon 20:00-24:00", "2026-12-25, 2026-12-31 to 2027-01-01 00:00-12:00, 20:00-24:00 (holidays)",
                      "2026-12-26 (holiday)"]
    for date in [*dates, "2026-12-26"]:
        assert sum(date in label for label in labels) == 1


def test_whole_week_is_not_always() -> None:
    """`always` is every week window and every holiday: the week alone is named as such."""
    assert describe([Window(0, WEEK)]) == ["Mon-Sun all day"]
    assert describe([Window(0, WEEK), Window(0, 1440, "2011-04-25")]) == ["Mon-Sun all day", "2011-04-25 (holiday)"]


def test_names_parse_back_to_the_same_minutes() -> None:
    rng = random.Random(11)
    dates = ["2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01", "2027-04-05"]
    for _ in range(200):
        wins = []
        for _ in range(rng.randint(1, 6)):
            a = rng.randrange(0, WEEK, 30)
            wins.append(Window(a, min(WEEK, a + rng.randrange(30, 3000, 30))))
        for date in rng.sample(dates, rng.randint(0, 3)):
            day = dt.date.fromisoformat(date).weekday() * 1440
            a = rng.randrange(0, 1440, 60)
            wins.append(Window(day + a, day + rng.randrange(a + 60, 1441, 60), date))
        labels = describe(wins)
        assert _minutes(labels) == _covered(wins), (wins, labels)


def test_outputs_join_names_the_one_way() -> None:
    assert joined(["Mon-Fri 08:00-12:00", "2011-04-25 (holiday)"]) == "Mon-Fri 08:00-12:00; 2011-04-25 (holiday)"
