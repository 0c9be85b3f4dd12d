"""``instants(maze)``: a Hypothesis strategy for the moments a caller can call.

Draws minutes of the week, with extra weight on the minutes around every opening and
closing (where mazes change), and minutes on each holiday date the maze lists.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from ..schedule import WEEK
from ..timeline import Instant, windows

if TYPE_CHECKING:
    from ..maze import Maze


def instants(maze: Maze, *, holidays: bool = True) -> st.SearchStrategy[Instant]:
    """Instants over ``maze``'s week (and its holiday dates, unless ``holidays=False``).

    Use it with ``@given(instants(maze))``; docs/testing.md has a complete example.
    """
    cuts = sorted({w.start % WEEK for w, _ in windows(maze)})
    near_cuts = sorted({(c + d) % WEEK for c in cuts for d in (-1, 0)})
    week = st.integers(0, WEEK - 1).map(Instant)
    edges = st.sampled_from(near_cuts).map(Instant)
    parts = [week, edges]
    dates = sorted({d for s in maze.schedules.values() for d in s.holidays})
    if holidays and dates:
        def on(date: str) -> st.SearchStrategy[Instant]:
            day = dt.date.fromisoformat(date).weekday() * 1440
            return st.integers(0, 1439).map(lambda m: Instant(day + m, date))
        parts.append(st.sampled_from(dates).flatmap(on))
    return st.one_of(parts)
