"""A DiffResult as text (terminal), Markdown (a pull-request comment) and GitHub annotations; JSON
is ``formatters.json``. A side that does not load is named first in each, with its problems."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..findings import Finding
from ..timeline import joined
from ..words import percent, plural, safe
from . import markdown as md
from . import when_text, with_when
from .github import annotation, escape_data, escape_property
from .json import diff_document, dumps


def _num(v: object, metric: str) -> str:
    if v is None:
        return "none"
    if metric == "resolve_probability" and isinstance(v, (int, float)):
        return percent(v)
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
    if res.unloaded:
        return f"Result: cannot compare ({', '.join(reasons)}); fix the files first (`ivrmaze validate` lists them)"
    return f"Result: fails ({', '.join(reasons)})" if reasons else "Result: passes"


def at_note(res: Any) -> str:
    return (f"At {res.at} only: findings and metrics as they are then, not over the whole week "
            "and the holidays.")


def _when(f: Finding) -> str:
    return joined(f.when or ("always",))


def _finding_lines(res: Any) -> list[str]:
    out: list[str] = []
    for title, found in (("Findings added", res.added), ("Findings removed", res.removed)):
        _section(out, title, [f"{_where(f)}: {f.severity}: {with_when(f.message, f)} [{f.kind} {f.code}]"
                              for f in map(res.shown, found)])
    _section(out, "Findings at other times", [
        f"{_where(res.shown(n))}: {n.kind}{' for `' + n.intent + '`' if n.intent else ''}: "
        f"{when_text(o)} -> {when_text(n)}"
        for o, n in res.moved])
    return out


def _section(out: list[str], title: str, items: list[str]) -> None:
    if items:
        out.extend(["", f"{title} ({len(items)}):", *(f"  {i}" for i in items)])


def _unloaded_text(res: Any) -> list[str]:
    out = [f"ivrmaze diff {res.old} -> {res.new}: cannot compare"]
    for u in res.unloaded:
        out.extend(["", f"{u.headline()}:"])
        out += [f"  {_where(p)}: {p.severity}: {p.message} [{p.kind} {p.code}]" for p in u.problems]
    return [*out, "", verdict_line(res, ())]


def text(res: Any, fail_on: Sequence[str]) -> str:
    """The terminal report; every line made safe (menu text never reaches the terminal raw)."""
    if res.unloaded:
        return "\n".join(safe(line) for line in _unloaded_text(res))
    out = [f"ivrmaze diff {res.old} -> {res.new}" + (f" at {res.at}" if res.at else "")]
    if res.at:
        out.append(at_note(res))
    many = _many(res)

    def metric(m: Any) -> str:
        return (f"{_who(m, many)}: {m.metric} {_num(m.old, m.metric)} -> {_num(m.new, m.metric)} "
                f"{'at' if res.at else 'in'} {joined(m.when)}")

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
                f"{md.text(with_when(f.message, f))}" for f in map(res.shown, res.added)]
    if res.removed:
        out.extend(["", "#### Findings removed", ""])
        out += [f"- :white_check_mark: `{f.kind}` ({f.code}) at {md.code(_where(f))}: "
                f"{md.text(with_when(f.message, f))}" for f in map(res.shown, res.removed)]
    if res.moved:
        out.extend(["", "#### Findings at other times", ""])
        out += [f"- `{n.kind}`{' for ' + md.code(n.intent) if n.intent else ''}: "
                f"{md.text(when_text(o))} → {md.text(when_text(n))}" for o, n in res.moved]
    return out


def _md_unloaded(res: Any) -> str:
    out = [f"### ivrmaze diff: cannot compare, {' and '.join(u.side for u in res.unloaded)} "
           f"{'does' if len(res.unloaded) == 1 else 'do'} not load", "",
           f"{md.code(res.old)} → {md.code(res.new)}", "",
           f"**Fails**: {md.text(', '.join(res.reasons(())))}"]
    for u in res.unloaded:
        out.extend(["", f"#### {md.text(u.headline())}", ""])
        out += [f"- {_ICON.get(p.severity, '')} **{p.severity}** `{p.kind}` ({p.code}) at {md.code(_where(p))}: "
                f"{md.text(p.message)}" for p in u.problems]
    return "\n".join(out) + "\n"


def markdown(res: Any, fail_on: Sequence[str]) -> str:
    """The pull-request comment: everything from a menu as plain words or code spans (``formatters.markdown``)."""
    if res.unloaded:
        return _md_unloaded(res)
    out = _md_head(res, res.reasons(fail_on))
    many = _many(res)
    for title, items in (("Got worse", res.worse), ("Got better", res.better)):
        if items:
            out.extend(["", f"#### {title}", "", _MD_HEADER, "|---|---|---|---|---|"])
            out += [f"| {md.cell(_who(m, many))} | {m.metric} | {_num(m.old, m.metric)} | {_num(m.new, m.metric)} | "
                    f"{md.cell(joined(m.when))} |" for m in items]
    out += _md_findings(res)
    if res.changes:
        out.extend(["", "#### Menu changes", ""])
        out += [f"- {md.code(c.file)}{':' + str(c.line) if c.line else ''}: {md.text(c.text())}" for c in res.changes]
    out += [line for note in res.notes for line in ("", f"> {md.text(note)}")]
    return "\n".join(out) + "\n"


def _notice(level: str, title: str, message: str) -> str:
    return f"::{level} title={escape_property(title)}::{escape_data(message)}"


def github(res: Any, fail_on: Sequence[str]) -> str:
    """GitHub workflow commands: the problems of a side that does not load, else the findings added
    and the metrics that got worse, as annotations; then the result as one more."""
    reasons = res.reasons(fail_on)
    out: list[str] = []
    if res.unloaded:
        for u in res.unloaded:
            out.append(_notice("error", "ivrmaze diff", f"{u.headline()}; nothing compared"))
            out += [annotation(p) for p in u.problems]
        return "\n".join(out)
    out += [annotation(f) for f in map(res.shown, res.added)]
    many = _many(res)
    out += [_notice("warning", f"ivrmaze diff {m.file}", f"{_who(m, many)}: {m.metric} {_num(m.old, m.metric)} -> "
                    f"{_num(m.new, m.metric)} {'at' if res.at else 'in'} {', '.join(m.when)}") for m in res.worse]
    out.append(_notice("error" if reasons else "notice", "ivrmaze diff", verdict_line(res, fail_on)))
    return "\n".join(out)


FORMATS: dict[str, Callable[[Any, Sequence[str]], str]] = {"text": text, "json": json_text, "markdown": markdown,
                                                            "github": github}
