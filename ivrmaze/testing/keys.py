"""``key_sequences(maze)``: a Hypothesis strategy for what a caller presses.

Keys come from the options the maze's menus offer, plus (by default) one key that no menu
offers, so wrong keys, retries and ``exhausted`` routes are exercised too. ``""`` (pressing
nothing) is drawn only with ``no_input=True``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import strategies as st

from ..language import DTMF_KEYS

if TYPE_CHECKING:
    from ..maze import Maze


def offered_keys(maze: Maze, file: str | None = None) -> list[str]:
    """The DTMF keys that some menu of ``maze`` (or of ``file``) offers, in keypad order."""
    used = {d["dtmf"] for u, _, d in maze.graph.edges(data=True)
            if d.get("role") == "caller" and (file is None or maze.graph.nodes[u]["file"] == file)}
    return [k for k in DTMF_KEYS if k in used]


def key_sequences(maze: Maze, *, max_size: int = 6, min_size: int = 0, wrong_keys: bool = True,
                  no_input: bool = False, file: str | None = None) -> st.SearchStrategy[list[str]]:
    """Lists of keys (``"0"``-``"9"``, ``"*"``, ``"#"``), as ``simulate`` and ``ivrmaze call --keys`` take them."""
    alphabet = offered_keys(maze, file)
    if wrong_keys:
        alphabet += [k for k in DTMF_KEYS if k not in alphabet][:1]
    if no_input:
        alphabet.append("")
    if not alphabet:
        return st.just([])
    return st.lists(st.sampled_from(alphabet), min_size=min_size, max_size=max_size)
