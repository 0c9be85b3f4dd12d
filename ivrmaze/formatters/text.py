"""Linter-style text: `file:line:col: severity: message [kind CODE]` and the source line with a caret.

Everything that comes from a menu (ids, prompts, file names) goes through ``words.safe``: a
terminal or a CI log never sees a control character, an escape sequence or a bidi override.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any, Protocol

import click

from .. import inputs
from ..config import CONFIG_NAME, find_config_file
from ..findings import Finding
from ..load import companion
from ..load.project import project_root
from ..timeline import joined
from ..words import display_path, plural, safe

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}

#: Extensions of the menu files ivrmaze reads (YAML; the platform formats next), in lower case:
#: the only files a snippet is ever taken from, and never written over by `-o`.
MENU_EXTENSIONS = (".yaml", ".yml", ".json", ".conf")

LinesOf = Callable[[str], "list[str] | None"]


class _Files(Protocol):
    files: dict[str, Any]


def _shown_line(text: str) -> str:
    """A source line as printed: tabs as spaces, unsafe characters escaped, other unprintable ones as ``?``."""
    text = safe(text.replace("\t", " "))
    if text.isprintable():  # nearly every line: no need to look at each character
        return text
    return "".join(c if c.isprintable() else "?" for c in text)


def snippet(source_line: str, column: int) -> list[str]:
    """The source line and a caret under ``column`` (1-based), as two lines."""
    if not source_line.strip() or column < 1:
        return []
    line = source_line.rstrip("\n")
    if line.isascii() and line.isprintable():  # nearly every line: shown as written, the caret at its column
        return [f"  | {line}", f"  | {' ' * (column - 1)}^"]
    indent = len(_shown_line(line[:column - 1])) if column - 1 <= len(line) else column - 1
    return [f"  | {_shown_line(line)}", f"  | {' ' * indent}^"]


def format_finding(f: Finding, lines_of: LinesOf, *, color: bool = False) -> str:
    """One finding, tagged ``[kind CODE]`` as in every command; ``lines_of(file)`` returns that
    file's lines (or None)."""
    where = safe(f"{f.file}:{f.line}:{f.column}" if f.line else f"{f.file}")
    sev = click.style(f.severity, fg=_COLORS.get(f.severity), bold=True) if color else f.severity
    tag = f"[{f.kind} {f.code}]"
    out = [f"{where}: {sev}: {safe(f.message)} {tag}"]
    lines = lines_of(f.file) if f.file and f.line else None
    if lines and 0 < f.line <= len(lines):
        out += snippet(lines[f.line - 1], f.column)
    return "\n".join(out)


def findings_text(findings: Iterable[Finding], lines_of: LinesOf, *, color: bool = False,
                  when_lines: bool = True) -> str:
    """Findings one after the other; ``when_lines``: a `= when:` line under each timed finding.
    What ``format_finding`` gives for each, with what findings share made once (a file's name
    and lines, the words for the same windows): a big maze has tens of thousands of findings."""
    out: list[str] = []
    names: dict[str | None, str] = {}  # file -> its name as printed
    texts: dict[str | None, list[str] | None] = {}  # file -> its lines (asked only for a finding with a line)
    whens: dict[tuple[str, ...], str] = {}
    for f in findings:
        name = names.get(f.file)
        if name is None:
            name = names[f.file] = safe(f"{f.file}")  # the position's digits and colons are never escaped
        where = f"{name}:{f.line}:{f.column}" if f.line else name
        sev = click.style(f.severity, fg=_COLORS.get(f.severity), bold=True) if color else f.severity
        out.append(f"{where}: {sev}: {safe(f.message)} [{f.kind} {f.code}]")
        if f.file and f.line:
            if f.file not in texts:
                texts[f.file] = lines_of(f.file)
            lines = texts[f.file]
            if lines and 0 < f.line <= len(lines):
                out += snippet(lines[f.line - 1], f.column)
        if f.when and when_lines:
            shown = whens.get(f.when)
            if shown is None:
                shown = whens[f.when] = f"  = when: {safe(joined(f.when))}"
            out.append(shown)
    return "\n".join(out)


def problems_text(maze: _Files, problems: Iterable[Finding], *, color: bool = False) -> str:
    """The one way load and configuration problems are printed (validate, check, report, call, render...)."""
    return findings_text(problems, source_lines(maze), color=color)


def problems_stop(problems: list[Finding]) -> str:
    """Why a command that needs loaded menus stops."""
    return (f"{plural(len(problems), 'problem')} in the menu files; fix them first "
            "(`ivrmaze validate` lists them)")


def _read_menu(path: str) -> list[str] | None:
    """The lines of a regular menu file, never following a FIFO or device (which would block or leak)."""
    if not path.lower().endswith(MENU_EXTENSIONS):
        return None
    raw = inputs.read_nofollow(path)  # recorded for the result cache
    return None if raw is None else raw.decode("utf-8", errors="replace").splitlines()


def _config_files(maze: _Files) -> dict[str, str]:
    """The settings files ivrmaze read for the maze's files (display path -> path): `.ivrmaze.yaml`,
    and the companion files of platform flows."""
    found = {find_config_file(mf.abspath) for mf in maze.files.values()}
    found |= {companion.find(mf.abspath, project_root([mf.abspath])) for mf in maze.files.values()
              if getattr(mf, "platform", None)}
    return {display_path(c): c for c in found if c}


def source_lines(maze: _Files) -> LinesOf:
    """A `lines_of` function over the maze's own menu files and the settings files read for them
    (read at print time, not stored in findings). Any other path gives no lines: a snippet never
    shows a line of another file (``/proc/self/environ``, a secrets file)."""
    by_path = {mf.path: mf for mf in maze.files.values()}
    cache: dict[str, list[str] | None] = {}

    def lines_of(path: str) -> list[str] | None:
        if path not in cache:
            mf = by_path.get(path)
            if os.path.basename(path) in (CONFIG_NAME, *companion.NAMES) and mf is None:
                config = _config_files(maze).get(path)
                cache[path] = _read_menu(config) if config else None
            elif mf is None or not path.lower().endswith(MENU_EXTENSIONS):
                cache[path] = None
            elif mf.document is not None:
                cache[path] = mf.document.text.splitlines()
            else:  # a file that did not parse: its own text, read again
                cache[path] = _read_menu(mf.abspath)
        return cache[path]

    return lines_of
