"""Finding what a user names in a maze: a node (``--focus``) and an intent (``--intent``).

Library functions: they raise ``ivrmaze.errors.UsageError`` with a did-you-mean; the CLI
words it as a problem of the option it came from. Ids in the messages come from menu files,
so they are made safe to print (``words.safe``).
"""
from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from ..errors import UsageError
from ..graph import file_of, is_qualified, split
from ..words import safe

if TYPE_CHECKING:
    from collections.abc import Mapping

    import networkx as nx

    from ..model import MenuFile
    from ..schedule import Schedule


class Drawable(Protocol):
    """What a diagram is made from: a Maze, or the ChangedView of ``render --diff``."""

    @property
    def graph(self) -> nx.MultiDiGraph: ...

    @property
    def files(self) -> Mapping[str, MenuFile]: ...

    @property
    def schedules(self) -> Mapping[str, Schedule]: ...


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.5)
    return f" (did you mean {', '.join(f'`{c}`' for c in close)}?)" if close else ""


def _same_file(file: str, spec_file: str) -> bool:
    """Whether graph file ``file`` is the file a user wrote as ``spec_file`` (path, name or stem)."""
    name = os.path.basename(file)
    return file == spec_file or name == os.path.basename(spec_file) or os.path.splitext(name)[0] == spec_file


def resolve_node(maze: Drawable, spec: str) -> str:
    """A graph node id for ``spec``: ``file#id``, ``name.yaml#id`` or a bare ``id`` that is unique.

    Raises UsageError with suggestions when nothing (or more than one node) matches.
    """
    G = maze.graph
    if spec in G:
        return spec
    file_part, nid = split(spec) if is_qualified(spec) else ("", spec)
    cands = [q for q, d in G.nodes(data=True) if d.get("id") == nid]
    if is_qualified(spec):
        cands = [q for q in cands if _same_file(file_of(q), file_part)]
    if len(cands) == 1:
        return cands[0]
    if len(cands) > 1:
        raise UsageError(safe(f"node `{spec}` is ambiguous, expected one of {', '.join(sorted(cands))}"))
    ids = sorted({d.get("id") for _, d in G.nodes(data=True)} | set(G.nodes))
    raise UsageError(safe(f"no node `{spec}` in the menu files{_did_you_mean(spec, ids)}, expected a node id "
                          f"such as `{next(iter(sorted(ids)), 'main')}` or `file.yaml#id`"))


def known_intents(maze: Drawable) -> dict[str, str]:
    """Every intent the files declare (id -> description), the first file's description first."""
    out: dict[str, str] = {}
    for mf in maze.files.values():
        for k, v in mf.intents.items():
            out.setdefault(k, v)
    return out


def check_intent(maze: Drawable, intent: str) -> str:
    """``intent`` if the files declare it; else UsageError naming the intents they do declare."""
    known = known_intents(maze)
    if intent in known:
        return intent
    listed = ", ".join(sorted(known)) if known else "none: the files have no `intents:` block"
    raise UsageError(safe(f"no intent `{intent}` in the menu files{_did_you_mean(intent, known)}, expected one "
                          f"of: {listed}"))
