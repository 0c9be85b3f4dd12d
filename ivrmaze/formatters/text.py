"""Linter-style text: `file:line:col: severity: message [kind]` and the source line with a caret."""
from __future__ import annotations

import click

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def snippet(source_line: str, column: int) -> list[str]:
    """The source line and a caret under ``column`` (1-based), as two lines."""
    if not source_line.strip() or column < 1:
        return []
    line = "".join(c if c.isprintable() else (" " if c == "\t" else "?") for c in source_line.rstrip("\n"))
    return [f"  | {line}", f"  | {' ' * (column - 1)}^"]


def format_finding(f, lines_of, *, with_code: bool = False, color: bool = False) -> str:
    """One finding; ``lines_of(file)`` returns that file's lines (or None)."""
    where = f"{f.file}:{f.line}:{f.column}" if f.line else f"{f.file}"
    sev = click.style(f.severity, fg=_COLORS.get(f.severity), bold=True) if color else f.severity
    tag = f"[{f.kind} {f.code}]" if with_code else f"[{f.kind}]"
    out = [f"{where}: {sev}: {f.message} {tag}"]
    lines = lines_of(f.file) if f.file and f.line else None
    if lines and 0 < f.line <= len(lines):
        out += snippet(lines[f.line - 1], f.column)
    return "\n".join(out)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def source_lines(maze):
    """A `lines_of` function over the maze's files (read at print time, not stored in findings)."""
    cache: dict = {}

    def lines_of(path):
        if path not in cache:
            mf = maze.files.get(path)
            if mf is not None and mf.document is not None:
                cache[path] = mf.document.text.splitlines()
            else:
                try:
                    with open(path, encoding="utf-8", errors="replace") as fh:
                        cache[path] = fh.read().splitlines()
                except OSError:
                    cache[path] = None
        return cache[path]

    return lines_of
