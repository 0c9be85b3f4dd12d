"""The `ivrmaze report` table: per phone line and intent, the five metrics over the windows."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..words import percent, safe


def _num(x: float | int | None, digits: int = 2) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}f}".rstrip("0").rstrip(".") if digits else str(round(x))
    return str(x)


HEADERS = ("intent", "when", "best", "guaranteed", "resolves", "expected", "retells")
LEGEND = ("best: fewest hops to a resolution; guaranteed: hops within which the caller can force one "
          "whatever agents do; resolves: chance a caller pressing at random gets resolved; expected: "
          "expected hops of that random call (- when it can circle forever); retells: times the caller "
          "tells the story again on the best route.")

Cells = tuple[str, list[str], str, str, str, str, str]


def _cells(m: Any) -> Cells:
    prob = percent(m.resolve_probability) if m.resolve_probability is not None else "-"
    return (safe(m.intent), [safe(w) for w in m.when], _num(m.best_hops), _num(m.guaranteed_hops), prob,
            _num(m.expected_hops), _num(m.retells))


def _table(cells: list[Cells]) -> list[str]:
    """The rows of one line's table: headers, rule, one row per intent and window."""
    widths = [len(h) for h in HEADERS]
    for c in cells:
        widths[0] = max(widths[0], len(c[0]))
        widths[1] = max(widths[1], *(len(w) for w in c[1]))
        for i in range(2, 7):
            widths[i] = max(widths[i], len(c[i]))

    def row(vals: Sequence[str]) -> str:
        return "  ".join((v.ljust(widths[i]) if i < 2 else v.rjust(widths[i])) for i, v in enumerate(vals)).rstrip()

    out = [row(HEADERS), row(["-" * w for w in widths])]
    prev = None
    for c in cells:
        out.append(row([c[0] if c[0] != prev else "", c[1][0], *c[2:]]))
        prev = c[0]
        out += [row(["", w, "", "", "", "", ""]) for w in c[1][1:]]
    return out


def format_report(analysis: Any, maze: Any) -> str:
    """Plain-text tables, one per phone line; `-` means none (never resolved, not guaranteed,
    no finite expectation)."""
    lines: dict[tuple[str, str], list[Any]] = {}
    for m in analysis.intents:
        lines.setdefault((m.file, m.entry), []).append(m)
    if not lines:
        return "no phone lines: no file has an `entry` with `intents` to analyse"
    out = []
    for (file, entry), rows in lines.items():
        mf = maze.files[file]
        via = f"entry {mf.entries.get(entry)}" + ("" if entry == "phone" else f", channel {entry}")
        out.append(safe(f"{mf.name or file} ({file}, {via})"))
        out += _table([_cells(m) for m in rows])
        out.append("")
    out.append(LEGEND)
    return "\n".join(out)
