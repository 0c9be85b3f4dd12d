"""``ivrmaze diff OLD NEW``: what a change to menu files does to callers.

``diff(old, new)`` compares two versions (files, folders or ``REV:path``) and returns a
``DiffResult``: structural changes, findings added and removed, and metrics that got worse or
better per intent and window. ``DiffResult.exit_code(fail_on)`` decides the exit code.

A diff fails closed: when either side does not load (a file with errors), nothing is compared
(no menu changes, no findings added or fixed, no metrics) and ``unloaded`` names the side and
holds its problems; the exit code is then 2 whatever ``fail_on`` says.
``structure(a, b)`` is the menu part alone, over two sides loaded by ``open_side`` (``ivrmaze
render --diff`` draws it).
"""
from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..config import Config
from ..findings import Finding
from ..model import MenuFile
from ..periods import Period, read_at
from ..timeline import Instant
from ..words import plural
from .metrics import MetricChange, at_label, finding_changes, metric_changes
from .sources import Side, open_side
from .structure import Change, compare_files

#: What `--fail-on` can name; `any` is all of the first four.
FAIL_ON = ("findings", "errors", "metrics", "structure", "any", "never")
DEFAULT_FAIL_ON = ("findings", "metrics")


@dataclass(frozen=True)
class Unloaded:
    """A side that does not load: ``side`` is ``OLD`` or ``NEW``, ``label`` as the user wrote it,
    ``problems`` with their files named as the user knows them (``REV:path`` for a revision)."""

    side: str
    label: str
    problems: tuple[Finding, ...]

    def headline(self) -> str:
        errors = sum(p.severity == "error" for p in self.problems)
        return f"{self.side} ({self.label}) does not load ({plural(errors, 'error')})"

    def to_dict(self) -> dict[str, object]:
        return {"side": self.side.lower(), "label": self.label, "problems": [p.to_dict() for p in self.problems]}


@dataclass
class DiffResult:
    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    added: list[Finding] = field(default_factory=list)  # findings (new side)
    removed: list[Finding] = field(default_factory=list)  # findings (old side)
    moved: list[tuple[Finding, Finding]] = field(default_factory=list)  # the same problem at other times
    metrics: list[MetricChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # display path -> name to show
    at: str | None = None  # the one instant compared (``Fri 16:30``), None for the whole week and holidays
    unloaded: list[Unloaded] = field(default_factory=list)  # the sides that do not load: nothing compared

    @property
    def worse(self) -> list[MetricChange]:
        return [m for m in self.metrics if m.change == "worse"]

    @property
    def better(self) -> list[MetricChange]:
        return [m for m in self.metrics if m.change == "better"]

    def reasons(self, fail_on: Sequence[str] = DEFAULT_FAIL_ON) -> list[str]:
        """Why the diff fails under ``fail_on`` (empty: it passes)."""
        if self.unloaded:  # fails closed, whatever ``fail_on`` says
            return [u.headline() for u in self.unloaded]
        names = set(fail_on)
        if "any" in names:
            names |= {"findings", "metrics", "structure"}
        if "never" in names:
            return []
        out = []
        errors = [f for f in self.added if f.severity == "error"]
        warnings = [f for f in self.added if f.severity == "warning"]
        if ("findings" in names or "errors" in names) and errors:
            out.append(plural(len(errors), "new error"))
        if "findings" in names and warnings:
            out.append(plural(len(warnings), "new warning"))
        if "metrics" in names and self.worse:
            out.append(f"{plural(len(self.worse), 'metric')} worse")
        if "structure" in names and self.changes:
            out.append(plural(len(self.changes), "menu change"))
        return out

    def exit_code(self, fail_on: Sequence[str] = DEFAULT_FAIL_ON) -> int:
        """2 when a side does not load, 1 when the diff fails under ``fail_on``, else 0."""
        return 2 if self.unloaded else 1 if self.reasons(fail_on) else 0

    def shown(self, f: Finding) -> Finding:
        """``f`` with its file named as the user knows it (``REV:path`` for a revision)."""
        return replace(f, file=self.names.get(f.file, f.file)) if f.file else f

    def summary(self) -> dict[str, int]:
        return {"changes": len(self.changes), "findings_added": len(self.added), "findings_removed": len(self.removed),
                "findings_moved": len(self.moved), "worse": len(self.worse), "better": len(self.better)}


def _pairs(a: Side, b: Side) -> list[tuple[str, MenuFile | None, MenuFile | None]]:
    if a.root_file and b.root_file:  # two files: they are each other's versions, whatever their names
        ka, kb = a.key(a.root_file), b.key(b.root_file)
        if ka != kb:
            a.alias[ka] = kb
    fa = {a.key(p): mf for p, mf in a.maze.files.items()} if a.maze else {}
    fb = {b.key(p): mf for p, mf in b.maze.files.items()} if b.maze else {}
    return [(k, fa.get(k), fb.get(k)) for k in sorted(fa.keys() | fb.keys())]


def structure(a: Side, b: Side) -> list[Change]:
    """The menu changes from side ``a`` to side ``b`` (as ``open_side`` loads them): files paired by
    their path in the folder given (two files given are each other's versions), nodes by id."""
    out: list[Change] = []
    for key, fa, fb in _pairs(a, b):
        out += compare_files(key, fa, fb, old_key=a.key, new_key=b.key)
    return out


def diff(old: str, new: str, *, config: Config | None = None, metrics: bool = True,
         at: str | Instant | None = None, vars: Mapping[str, str] | None = None,
         entry: str | None = None) -> DiffResult:
    """Compare two versions of menu files. Raises UsageError for paths or revisions that cannot be
    read, or a bad ``at``. ``at`` (text such as ``"Fri 16:30"`` or an Instant): compare the findings
    and metrics at that instant only (each side reads it in its own time zone); structure as ever.
    ``vars``: values of platform files' placeholders, ``entry`` where calls enter flows that do not
    say, for both sides."""
    if at is not None and not isinstance(at, (Instant, Period)):
        read_at(at)  # a bad value is an error before anything is read
    with contextlib.ExitStack() as stack:
        a, b = open_side(old, stack, vars, entry), open_side(new, stack, vars, entry)
        res = DiffResult(old, new, names={**a.names, **b.names}, at=at_label(a, b, at))
        res.unloaded = [Unloaded(role, s.label, tuple(map(res.shown, s.maze.problems)))
                        for role, s in (("OLD", a), ("NEW", b)) if s.maze is not None and not s.maze.ok]
        if res.unloaded:  # fail closed: a side that does not load is never compared (nothing "fixed")
            return res
        res.changes = structure(a, b)
        res.added, res.removed, res.moved = finding_changes(a, b, config=config, at=at)
        if not metrics:
            return res
        if a.maze is None or b.maze is None:
            res.notes.append(f"metrics not compared: {old if a.maze is None else new} does not exist")
        else:
            res.metrics = metric_changes(a, b, config=config, at=at)
        return res


__all__ = ["diff", "structure", "open_side", "Side", "DiffResult", "Unloaded", "Change", "MetricChange", "FAIL_ON",
           "DEFAULT_FAIL_ON"]
