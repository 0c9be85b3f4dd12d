"""A DiffResult as text (terminal) and Markdown (a pull-request comment); JSON is ``formatters.json``."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..findings import Finding
from ..timeline import joined
from ..words import plural, safe
from . import markdown as md
from .json import diff_document, dumps


def _num(v: object) -> str:
    if v is None:
        return "none"
    return f"{v:.3g}" if isinstance(v, float) else str(v)


def _where(f: Finding) -> str:
    return f"{f.file}:{f.line}:{f.column}" if f.line else f"{f.file}"


def _who(m: Any, many_files: bool) -> str:
    line = f"{m.file}, " if many_files else ""
    entry = "" if m.entry == "phone" and not many_files else f"{line}{m.entry}"
    return f"`{m.intent}`" + (f" ({entry})" if entry else "")


def _many(res: Any) -> bool:
    return len({m.file for m in res.metrics}) > 1


def verdict_line(res: Any, fail_on: Sequence[str]) -> str:
    reasons = res.reasons(fail_on)
    return f"Result: fails ({', '.join(reasons)})" if reasons else "Result: passes"


def at_note(res: Any) -> str:
    return (f"At {res.at} only: findings and metrics as they are then, not over the whole week "
            "and the holidays.")


def _when(f: Finding) -> str:
    return joined(f.when or ("always",))


def _finding_lines(res: Any) -> list[str]:
    out: list[str] = []
    for title, found in (("Findings added", res.added), ("Findings removed", res.removed)):
        _section(out, title, [f"{_where(f)}: {f.severity}: {f.message} [{f.kind} {f.code}]"
                              for f in map(res.shown, found)])
    _section(out, "Findings at other times", [
        f"{_where(res.shown(n))}: {n.kind}{' for `' + n.intent + '`' if n.intent else ''}: {_when(o)} -> {_when(n)}"
        for o, n in res.moved])
    return out


def _section(out: list[str], title: str, items: list[str]) -> None:
    if items:
        out.extend(["", f"{title} ({len(items)}):", *(f"  {i}" for i in items)])


def text(res: Any, fail_on: Sequence[str]) -> str:
    """The terminal report; every line made safe (menu text never reaches the terminal raw)."""
    out = [f"ivrmaze diff {res.old} -> {res.new}" + (f" at {res.at}" if res.at else "")]
    if res.at:
        out.append(at_note(res))
    many = _many(res)

    def metric(m: Any) -> str:
        return (f"{_who(m, many)}: {m.metric} {_num(m.old)} -> {_num(m.new)} {'at' if res.at else 'in'} "
                f"{joined(m.when)}")

    _section(out, "Got worse", [metric(m) for m in res.worse])
    _section(out, "Got better", [metric(m) for m in res.better])
    out += _finding_lines(res)
    if res.changes:
        out.extend(["", f"Menu changes ({len(res.changes)}):"])
        current = None
        for c in res.changes:
            if c.file != current:
                out.append(f"  {c.file}")
                current = c.file
            out.append(f"    {c.text()}")
    for note in res.notes:
        out.extend(["", f"Note: {note}"])
    if not (res.metrics or res.added or res.removed or res.moved or res.changes):
        out.extend(["", "No changes."])
    out.extend(["", verdict_line(res, fail_on)])
    return "\n".join(safe(line) for line in out)


def json_text(res: Any, fail_on: Sequence[str]) -> str:
    return dumps(diff_document(res, fail_on))


_MD_HEADER = "| intent | metric | before | after | when |"
_ICON = {"error": ":x:", "warning": ":warning:", "info": ":information_source:"}


def _md_head(res: Any, reasons: list[str]) -> list[str]:
    s = res.summary()
    head = (f"### ivrmaze diff: {s['worse']} worse, {s['better']} better, {plural(s['findings_added'], 'new finding')}"
            f", {s['findings_removed']} fixed")
    return [head, "", f"{md.code(res.old)} → {md.code(res.new)}" + (f" at **{md.text(res.at)}**" if res.at else ""),
            *(["", f"_{md.text(at_note(res))}_"] if res.at else []), "",
            f"**{'Fails' if reasons else 'Passes'}**" + (f": {', '.join(reasons)}" if reasons else "")]


def _md_findings(res: Any) -> list[str]:
    out: list[str] = []
    if res.added:
        out.extend(["", "#### Findings added", ""])
        out += [f"- {_ICON.get(f.severity, '')} **{f.severity}** `{f.kind}` ({f.code}) at {md.code(_where(f))}: "
                f"{md.text(f.message)}" for f in map(res.shown, res.added)]
    if res.removed:
        out.extend(["", "#### Findings removed", ""])
        out += [f"- :white_check_mark: `{f.kind}` ({f.code}) at {md.code(_where(f))}: {md.text(f.message)}"
                for f in map(res.shown, res.removed)]
    if res.moved:
        out.extend(["", "#### Findings at other times", ""])
        out += [f"- `{n.kind}`{' for ' + md.code(n.intent) if n.intent else ''}: "
                f"{md.text(_when(o))} → {md.text(_when(n))}" for o, n in res.moved]
    return out


def markdown(res: Any, fail_on: Sequence[str]) -> str:
    """The pull-request comment: everything from a menu as plain words or code spans (``formatters.markdown``)."""
    out = _md_head(res, res.reasons(fail_on))
    many = _many(res)
    for title, items in (("Got worse", res.worse), ("Got better", res.better)):
        if items:
            out.extend(["", f"#### {title}", "", _MD_HEADER, "|---|---|---|---|---|"])
            out += [f"| {md.cell(_who(m, many))} | {m.metric} | {_num(m.old)} | {_num(m.new)} | "
                    f"{md.cell(joined(m.when))} |" for m in items]
    out += _md_findings(res)
    if res.changes:
        out.extend(["", "#### Menu changes", ""])
        out += [f"- {md.code(c.file)}{':' + str(c.line) if c.line else ''}: {md.text(c.text())}" for c in res.changes]
    out += [line for note in res.notes for line in ("", f"> {md.text(note)}")]
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[Any, Sequence[str]], str]] = {"text": text, "json": json_text, "markdown": markdown}
