"""The lines of an Asterisk dialplan (extensions.conf): contexts, extensions and priorities, with positions.

The syntax is that of Asterisk's configuration files: `[context]` headers (`[name](!)` a
template, `[name](tmpl,...)` one built on templates, `[name](+)` more of an earlier one),
`exten => name,priority,App(args)` and `same => priority,App(args)` lines (`=` works as well as
`=>`), priorities `1`, `n`, `s` (same), `hint` (not executed), `+N` offsets and `(label)`
aliases, `include => context`, comments from `;` (`\\;` is a literal semicolon) and `;-- ... --;`
blocks. `[general]` and `[globals]` hold settings, not contexts. `#include` reads another file
in place, through an opener given by the caller (``includes.py`` confines it to the project).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

#: Sections that hold settings, not extensions.
SETTINGS = frozenset({"general", "globals"})
_HEADER = re.compile(r"\[([^\]]*)\]\s*(?:\(([^)]*)\))?\s*$")
_KEY = re.compile(r"([A-Za-z_]+)\s*=>?\s*")
_PRIO = re.compile(r"(\d+|n|next|s|same|hint)(?:\+(\d+))?(?:\(([^)]*)\))?$", re.IGNORECASE)
_APP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\)|,(.*))?$", re.DOTALL)


@dataclass(frozen=True)
class Where:
    """Where a line was written: the shown file and its (line, column), or the `#include` line
    of the top file for lines of an included file."""

    line: int
    column: int
    #: The included file (as shown) and the line there, for lines of an `#include`d file.
    file: str = ""
    inner: int = 0


@dataclass
class Step:
    """One priority of one extension."""

    context: str
    exten: str
    prio: int
    label: str | None
    app: str
    args: str
    at: Where
    #: The column of the application's name (for values), on the same line.
    app_column: int


@dataclass
class Context:
    """A context: its extensions' priorities, labels and includes."""

    name: str
    at: Where
    template: bool = False
    parents: list[str] = field(default_factory=list)
    extens: dict[str, dict[int, Step]] = field(default_factory=dict)
    labels: dict[str, dict[str, int]] = field(default_factory=dict)
    includes: list[tuple[str, Where]] = field(default_factory=list)
    #: Included context -> the time spec of its `include` line, for those written with one.
    include_times: dict[str, str] = field(default_factory=dict)

    def steps(self, exten: str) -> dict[int, Step]:
        return self.extens.get(exten, {})


@dataclass(frozen=True)
class Problem:
    """A problem of the dialplan text, for a positioned Finding."""

    kind: str
    message: str
    at: Where
    severity: str = ""


@dataclass
class Dialplan:
    contexts: dict[str, Context] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: `[globals]`: NAME -> value (shown in the names of the people dialled, `${OPERATOR}`).
    globals: dict[str, str] = field(default_factory=dict)


#: (the file as written after `#include`, where the line is) -> (shown name, its text), or None
#: when it may not be read (the opener has said why).
Opener = Callable[[str, "Where"], "tuple[str, str] | None"]


def strip_comment(text: str, in_block: bool) -> tuple[str, bool]:
    """``text`` without its comments (``\\;`` kept as ``;``) and whether a `;--` block is still open."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if in_block:
            end = text.find("--;", i)
            if end < 0:
                return "".join(out), True
            i, in_block = end + 3, False
            continue
        c = text[i]
        if c == "\\" and text[i + 1:i + 2] == ";":
            out.append(";")
            i += 2
            continue
        if c == ";":
            if text.startswith(";--", i):
                in_block, i = True, i + 3
                continue
            break
        out.append(c)
        i += 1
    return "".join(out), in_block


class Parser:
    """Reads the lines of one text into a Dialplan (shared across `#include`d texts)."""

    def __init__(self, plan: Dialplan, opener: Opener | None = None) -> None:
        self.plan = plan
        self.opener = opener
        self.context: Context | None = None
        self.section: str | None = None
        self.exten: str | None = None
        self.prio = 0

    def problem(self, kind: str, message: str, at: Where, severity: str = "warning") -> None:
        """A line Asterisk would skip with a warning (and load the rest): a warning here too."""
        self.plan.problems.append(Problem(kind, message, at, severity))

    def read(self, text: str, where: Where | None = None) -> None:
        """Read ``text``; ``where`` (the `#include` line) stands for the position of all its lines."""
        in_block = False
        for number, raw in enumerate(text.splitlines(), 1):
            line, in_block = strip_comment(raw, in_block)
            body = line.strip()
            if not body:
                continue
            column = len(line) - len(line.lstrip()) + 1
            at = Where(number, column) if where is None else Where(where.line, where.column, where.file, number)
            self.line(body, at, column)

    def line(self, body: str, at: Where, column: int) -> None:
        if body.startswith("#"):
            self.directive(body, at)
        elif body.startswith("["):
            self.header(body, at)
        elif self.context is None:
            if self.section == "globals" and "=" in body:
                name, _, value = body.partition("=")
                self.plan.globals[name.strip()] = value.lstrip(">").strip()
            elif self.section is None:
                self.problem("syntax", "a line outside any `[context]`, expected a `[context]` header first", at)
        else:
            m = _KEY.match(body)
            if not m:
                self.problem("syntax", f"cannot read `{body[:40]}`, expected `exten => name,priority,App(...)`, "
                             "`same => priority,App(...)` or `include => context`", at)
                return
            self.entry(m.group(1).lower(), body[m.end():].strip(), at, column + m.end())

    def directive(self, body: str, at: Where) -> None:
        word, _, rest = body.partition(" ")
        if word.lower() in ("#include", "#tryinclude"):
            name = rest.strip().strip('"<>').strip()
            got = self.opener(name, at) if self.opener is not None else None
            if got is not None:
                shown, text = got
                self.read(text, Where(at.line, at.column, shown))
        elif word.lower() == "#exec":
            self.problem("unsafe", "`#exec` runs a program; ivrmaze never runs one and reads the dialplan without "
                         "its output, expected `#include` of a file", at, "warning")
        else:
            self.problem("syntax", f"unknown directive `{word[:20]}`, expected `#include file`", at)

    def header(self, body: str, at: Where) -> None:
        m = _HEADER.match(body)
        if not m or not m.group(1).strip():
            self.problem("syntax", "cannot read this context header, expected `[name]`, `[name](!)` or "
                         "`[name](template)`", at)
            self.context, self.section = None, "?"
            return
        name, opts = m.group(1).strip(), [o.strip() for o in (m.group(2) or "").split(",") if o.strip()]
        self.exten, self.prio = None, 0
        if name.lower() in SETTINGS:
            self.context, self.section = None, name
            return
        self.section = None
        old = self.plan.contexts.get(name)
        if old is not None:
            self.context = old  # `[name](+)` or a repeated header: Asterisk adds to the context
            return
        ctx = Context(name, at, template="!" in opts, parents=[o for o in opts if o not in ("!", "+")])
        for parent in ctx.parents:
            base = self.plan.contexts.get(parent)
            if base is None:
                self.problem("reference", f"template `{parent}` of context `{name}` is not defined above it, "
                             "expected a `[name](!)` template earlier in the file", at)
                continue
            ctx.includes += base.includes
            ctx.include_times.update(base.include_times)
            for ext, steps in base.extens.items():  # copied into this context, as Asterisk does
                ctx.extens.setdefault(ext, {}).update({p: replace(st, context=name) for p, st in steps.items()})
                ctx.labels.setdefault(ext, {}).update(base.labels.get(ext, {}))
        self.plan.contexts[name] = self.context = ctx

    def entry(self, key: str, value: str, at: Where, column: int) -> None:
        assert self.context is not None
        if key == "include":
            name, _, spec = value.replace("|", ",").partition(",")
            self.context.includes.append((name.strip(), at))
            if spec.strip():
                self.context.include_times[name.strip()] = spec.strip()
        elif key == "exten":
            name, _, rest = value.partition(",")
            name = name.split("/")[0].strip()  # `123/caller-id`: the caller-id match is not followed
            if not name or not rest:
                self.problem("syntax", "an `exten` line needs a name, a priority and an application, "
                             "expected `exten => name,priority,App(...)`", at)
                return
            self.exten = name
            self.step(rest, at, column + len(value) - len(rest))
        elif key == "same":
            if self.exten is None:
                self.problem("syntax", "`same =>` before any `exten =>` in this context, expected an "
                             "`exten => name,1,App(...)` line first", at)
                return
            self.step(value, at, column)
        elif key not in ("switch", "eswitch", "lswitch", "ignorepat"):
            self.problem("syntax", f"unknown line `{key} =>` in a context, expected `exten =>`, `same =>` or "
                         "`include =>`", at, "warning")

    def step(self, text: str, at: Where, column: int) -> None:
        assert self.context is not None and self.exten is not None
        prio_text, _, app_text = text.partition(",")
        m = _PRIO.match(prio_text.strip())
        if not m:
            self.problem("syntax", f"invalid priority `{prio_text.strip()[:20]}`, expected a number, `n`, `s` "
                         "or `hint`, with an optional `(label)`", at)
            return
        base, plus, label = m.group(1).lower(), int(m.group(2) or 0), m.group(3)
        if base == "hint":
            return
        prio = int(base) if base.isdigit() else self.prio + (base in ("n", "next"))
        prio += plus
        self.prio = prio
        app = app_call(app_text)
        if app is None:
            self.problem("syntax", f"cannot read the application `{app_text.strip()[:30]}`, expected "
                         "`App(arguments)`", at)
            return
        steps = self.context.extens.setdefault(self.exten, {})
        if prio in steps and steps[prio].at != at and not self.context.parents:
            first = steps[prio].at
            self.problem("syntax", f"priority {prio} of `{self.exten}` is already used at line {first.line}; "
                         "Asterisk keeps the first, expected a new priority (or `n`)", at, "warning")
            return
        app_column = column + len(prio_text) + 1 + (len(app_text) - len(app_text.lstrip()))
        steps[prio] = Step(self.context.name, self.exten, prio, label, app[0], app[1], at,
                           app_column if at.file == "" else at.column)
        if label:
            self.context.labels.setdefault(self.exten, {})[label] = prio


def app_call(text: str) -> tuple[str, str] | None:
    """(name, arguments) of an application call written ``text`` (`App(args)`, `App,args`, `App`)."""
    m = _APP.match(text.strip())
    if not m:
        return None
    return m.group(1), m.group(2) if m.group(2) is not None else (m.group(3) or "")


def parse(text: str, opener: Opener | None = None) -> Dialplan:
    """The dialplan of ``text``, its `#include`d files read through ``opener``."""
    plan = Dialplan()
    Parser(plan, opener).read(text)
    return plan
