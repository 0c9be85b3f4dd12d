"""A DiffResult as text (terminal), JSON (tools) and Markdown (a pull-request comment)."""
from __future__ import annotations

import json
from dataclasses import replace


def _num(v) -> str:
    if v is None:
        return "none"
    return f"{v:.3g}" if isinstance(v, float) else str(v)


def _shown(res, f):
    return replace(f, file=res.names.get(f.file, f.file)) if f.file else f


def _where(f) -> str:
    return f"{f.file}:{f.line}:{f.column}" if f.line else f"{f.file}"


def _who(m, many_files: bool) -> str:
    line = f"{m.file}, " if many_files else ""
    entry = "" if m.entry == "phone" and not many_files else f"{line}{m.entry}"
    return f"`{m.intent}`" + (f" ({entry})" if entry else "")


def _many(res) -> bool:
    return len({m.file for m in res.metrics}) > 1


def verdict_line(res, fail_on) -> str:
    reasons = res.reasons(fail_on)
    return f"Result: fails ({', '.join(reasons)})" if reasons else "Result: passes"


def at_note(res) -> str:
    return (f"At {res.at} only: findings and metrics as they are at this instant, not over the whole week "
            "and the holidays.")


def text(res, fail_on) -> str:
    out = [f"ivrmaze diff {res.old} -> {res.new}" + (f" at {res.at}" if res.at else "")]
    if res.at:
        out.append(at_note(res))
    many = _many(res)

    def section(title, items):
        if items:
            out.append("")
            out.append(f"{title} ({len(items)}):")
            out.extend(f"  {i}" for i in items)

    def metric(m):
        return (f"{_who(m, many)}: {m.metric} {_num(m.old)} -> {_num(m.new)} {'at' if res.at else 'in'} "
                f"{', '.join(m.when)}")

    section("Got worse", [metric(m) for m in res.worse])
    section("Got better", [metric(m) for m in res.better])
    section("Findings added", [f"{_where(f)}: {f.severity}: {f.message} [{f.kind} {f.code}]"
                               for f in map(lambda f: _shown(res, f), res.added)])
    section("Findings removed", [f"{_where(f)}: {f.severity}: {f.message} [{f.kind} {f.code}]"
                                 for f in map(lambda f: _shown(res, f), res.removed)])
    section("Findings at other times", [
        f"{_where(_shown(res, n))}: {n.kind}{' for `' + n.intent + '`' if n.intent else ''}: "
        f"{'; '.join(o.when or ('always',))} -> {'; '.join(n.when or ('always',))}" for o, n in res.moved])
    if res.changes:
        out.append("")
        out.append(f"Menu changes ({len(res.changes)}):")
        current = None
        for c in res.changes:
            if c.file != current:
                out.append(f"  {c.file}")
                current = c.file
            out.append(f"    {c.text()}")
    for note in res.notes:
        out.append("")
        out.append(f"Note: {note}")
    if not (res.metrics or res.added or res.removed or res.moved or res.changes):
        out.append("")
        out.append("No changes.")
    out.append("")
    out.append(verdict_line(res, fail_on))
    return "\n".join(out)


def to_dict(res, fail_on) -> dict:
    reasons = res.reasons(fail_on)
    return {
        "old": res.old,
        "new": res.new,
        "at": res.at,
        "result": {"fails": bool(reasons), "reasons": reasons, "fail_on": list(fail_on)},
        "summary": res.summary(),
        "metrics": [m.to_dict() for m in res.metrics],
        "findings": {"added": [_shown(res, f).to_dict() for f in res.added],
                     "removed": [_shown(res, f).to_dict() for f in res.removed],
                     "moved": [{"old": _shown(res, o).to_dict(), "new": _shown(res, n).to_dict()} for o, n in res.moved]},
        "changes": [c.to_dict() for c in res.changes],
        "notes": list(res.notes),
    }


def json_text(res, fail_on) -> str:
    return json.dumps(to_dict(res, fail_on), indent=2, ensure_ascii=False)


def _cell(s) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


_ICON = {"error": ":x:", "warning": ":warning:", "info": ":information_source:"}


def markdown(res, fail_on) -> str:
    reasons = res.reasons(fail_on)
    s = res.summary()
    head = (f"### ivrmaze diff: {s['worse']} worse, {s['better']} better, {s['findings_added']} new finding"
            f"{'s' if s['findings_added'] != 1 else ''}, {s['findings_removed']} fixed")
    out = [head, "", f"`{_cell(res.old)}` → `{_cell(res.new)}`" + (f" at **{_cell(res.at)}**" if res.at else ""),
           *(["", f"_{_cell(at_note(res))}_"] if res.at else []), "",
           f"**{'Fails' if reasons else 'Passes'}**" + (f": {', '.join(reasons)}" if reasons else "")]
    many = _many(res)

    def table(title, items):
        if not items:
            return
        out.extend(["", f"#### {title}", "", "| intent | metric | before | after | when |", "|---|---|---|---|---|"])
        for m in items:
            out.append(f"| {_cell(_who(m, many))} | {m.metric} | {_num(m.old)} | {_num(m.new)} | "
                       f"{_cell(', '.join(m.when))} |")

    table("Got worse", res.worse)
    table("Got better", res.better)
    if res.added:
        out.extend(["", "#### Findings added", ""])
        out += [f"- {_ICON.get(f.severity, '')} **{f.severity}** `{f.kind}` ({f.code}) at `{_where(f)}`: "
                f"{_cell(f.message)}" for f in map(lambda f: _shown(res, f), res.added)]
    if res.removed:
        out.extend(["", "#### Findings removed", ""])
        out += [f"- :white_check_mark: `{f.kind}` ({f.code}) at `{_where(f)}`: {_cell(f.message)}"
                for f in map(lambda f: _shown(res, f), res.removed)]
    if res.moved:
        out.extend(["", "#### Findings at other times", ""])
        out += [f"- `{n.kind}`{' for `' + n.intent + '`' if n.intent else ''}: "
                f"{_cell('; '.join(o.when or ('always',)))} → {_cell('; '.join(n.when or ('always',)))}"
                for o, n in res.moved]
    if res.changes:
        out.extend(["", "#### Menu changes", ""])
        out += [f"- `{c.file}`{':' + str(c.line) if c.line else ''}: {_cell(c.text())}" for c in res.changes]
    for note in res.notes:
        out.extend(["", f"> {note}"])
    return "\n".join(out) + "\n"


FORMATS = {"text": text, "json": json_text, "markdown": markdown}
