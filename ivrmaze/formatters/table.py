"""The `ivrmaze report` table: per phone line and intent, the five metrics over the windows."""
from __future__ import annotations


def _num(x, digits=2) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}f}".rstrip("0").rstrip(".") if digits else str(round(x))
    return str(x)


HEADERS = ("intent", "when", "best", "guaranteed", "resolves", "expected", "retells")


def format_report(analysis, maze) -> str:
    """Plain-text tables, one per phone line; `-` means none (never resolved, not guaranteed,
    no finite expectation)."""
    out = []
    lines: dict = {}
    for m in analysis.intents:
        lines.setdefault((m.file, m.entry), []).append(m)
    if not lines:
        return "no phone lines: no file has an `entry` with `intents` to analyse"
    for (file, entry), rows in lines.items():
        mf = maze.files[file]
        title = mf.name or file
        via = f"entry {mf.entries.get(entry)}" + ("" if entry == "phone" else f", channel {entry}")
        out.append(f"{title} ({file}, {via})")
        cells = []
        for m in rows:
            prob = f"{m.resolve_probability * 100:.0f}%" if m.resolve_probability is not None else "-"
            cells.append((m.intent, list(m.when), _num(m.best_hops), _num(m.guaranteed_hops), prob,
                          _num(m.expected_hops), _num(m.retells)))
        widths = [len(h) for h in HEADERS]
        for c in cells:
            widths[0] = max(widths[0], len(c[0]))
            widths[1] = max(widths[1], *(len(w) for w in c[1]))
            for i in range(2, 7):
                widths[i] = max(widths[i], len(c[i]))
        fmt_row = lambda vals: "  ".join(  # noqa: E731
            (v.ljust(widths[i]) if i < 2 else v.rjust(widths[i])) for i, v in enumerate(vals)).rstrip()
        out.append(fmt_row(HEADERS))
        out.append(fmt_row(["-" * w for w in widths]))
        prev = None
        for c in cells:
            intent = c[0] if c[0] != prev else ""
            prev = c[0]
            out.append(fmt_row([intent, c[1][0], *c[2:]]))
            for w in c[1][1:]:
                out.append(fmt_row(["", w, "", "", "", "", ""]))
        out.append("")
    out.append("best: fewest hops to a resolution; guaranteed: hops within which the caller can force one "
               "whatever agents do; resolves: chance a caller pressing at random gets resolved; expected: "
               "expected hops of that random call (- when it can circle forever); retells: times the caller "
               "tells the story again on the best route.")
    return "\n".join(out)
