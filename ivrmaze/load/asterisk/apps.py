"""Dialplan applications: their arguments, jump targets and conditions, and what each one is to ivrmaze.

Arguments split on top-level commas (or `|`, the separator of Asterisk 1.4 and older, when a
call has no comma), keeping `${...}`, `$[...]`, parentheses and quotes whole. Expressions stay
opaque text: `GotoIf($[${X} = 1]?a:b)` is a decision whose outcomes are `a` and `b`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: What an application is to ivrmaze (docs/platforms/asterisk.md, "Applications").
SAY = frozenset({"playback", "saydigits", "saynumber", "sayalpha", "sayphonetic", "saymoney", "sayunixtime",
                 "saycountedadj", "saycountednoun", "sayordinal", "festival", "controlplayback", "playtones",
                 "morsecode"})
MENU = frozenset({"background", "waitexten", "read"})
PERSON = frozenset({"dial", "followme", "page"})
HANGUP = frozenset({"hangup", "busy", "congestion"})
#: The end of a `Gosub` or `Macro`: the call goes back to the priority after the call.
RETURN = frozenset({"return", "macroexit"})
#: Applications that hand the call to something ivrmaze cannot see into.
UNKNOWN = frozenset({"stasis", "transfer", "blindtransfer", "disa", "confbridge", "meetme", "parkedcall",
                     "park", "agi", "eagi", "deadagi", "directory", "chanspy", "extenspy", "dictate",
                     "voicemailmain", "sms", "sendfax", "receivefax"})
#: Applications that only set or log something; the call goes on to the next priority.
PASS = frozenset({"answer", "set", "setvar", "wait", "noop", "verbose", "log", "ringing", "progress",
                  "setmusiconhold", "setlanguage", "setcallerid", "setcidname", "setcidnum", "setglobalvar",
                  "mixmonitor", "monitor", "stopmonitor", "stopplaytones", "waitforsilence",
                  "waitfornoise", "system", "trysystem", "userevent", "execif", "exec", "tryexec", "importvar",
                  "sipaddheader", "pjsipaddheader", "celgenuserevent", "resetcdr", "nocdr", "forkcdr",
                  "authenticate", "privacymanager", "zapateller", "lookupcidname", "lookupblacklist",
                  "dbput", "dbget", "dbdel", "dbdeltree", "senddtmf", "sendtext", "sendimage", "sendurl",
                  "musiconhold", "startmusiconhold", "stopmusiconhold", "echo", "milliwatt", "record",
                  "macroexclusive", "stackpop"})
_VAR = re.compile(r"\$\{|\$\[")
_OPEN, _CLOSE = "([{", ")]}"


def split_args(text: str, sep: str = ",") -> list[str]:
    """Top-level arguments of ``text``, split on ``sep`` (brackets, quotes and `\\` escapes kept)."""
    out, cur, depth, quote, i = [], [], 0, "", 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur.append(text[i:i + 2])
            i += 2
            continue
        if quote:
            quote = "" if c == quote else quote
        elif c == '"':
            quote = c
        elif c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif c == sep and depth == 0:
            out.append("".join(cur).strip())
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    out.append("".join(cur).strip())
    return out


def args_of(text: str) -> list[str]:
    """An application's arguments (`|` separates them in old dialplans without commas)."""
    parts = split_args(text)
    return split_args(text, "|") if len(parts) == 1 and "|" in text else parts


def split_condition(text: str) -> tuple[str, str, str | None]:
    """``cond?a:b`` -> (cond, a, b); without `?` the whole is the condition and both are empty."""
    parts = split_args(text, "?")
    if len(parts) < 2:
        return text.strip(), "", None
    cond, rest = parts[0], "?".join(parts[1:])
    branches = split_args(rest, ":")
    return cond, branches[0], (":".join(branches[1:]) if len(branches) > 1 else None)


def is_dynamic(text: str) -> bool:
    """Whether ``text`` holds a variable or an expression (a jump ivrmaze cannot follow)."""
    return bool(_VAR.search(text))


@dataclass(frozen=True)
class Target:
    """A jump `[[context,]exten,]priority` (priority a number or a label), with `None` for "the current"."""

    context: str | None
    exten: str | None
    prio: str

    def text(self) -> str:
        return ",".join(p for p in (self.context, self.exten, self.prio) if p is not None)


def target(text: str) -> Target | None:
    """The jump written ``text``, or None when it is empty or has more than three parts."""
    parts = args_of(text.strip())
    if not parts or not parts[0] or len(parts) > 3:
        return None
    parts = [p.strip() for p in parts]
    if len(parts) == 1:
        return Target(None, None, parts[0])
    if len(parts) == 2:
        return Target(None, parts[0], parts[1])
    return Target(parts[0], parts[1], parts[2])


def gosub_target(text: str) -> Target | None:
    """`Gosub([[context,]exten,]priority[(args)])`: the target, its arguments dropped."""
    base = text.strip()
    if base.endswith(")") and "(" in base:
        base = base[:base.index("(")]
    return target(base)


def called(text: str, macro: bool) -> str:
    """What a `Gosub` (its target, without the arguments) or a `Macro` (its name) calls."""
    if macro:
        return args_of(text)[0]
    t = gosub_target(text)
    return text if t is None else t.text()


def readable(files: str) -> str:
    """Recording names as words: `custom/press-1-for-sales&vm-goodbye` -> `press 1 for sales. vm goodbye`."""
    words = []
    for f in re.split(r"[&]", files.split(",")[0]):
        name = f.strip().rsplit("/", 1)[-1]
        name = re.sub(r"\.(gsm|wav|ulaw|alaw|sln|g722|mp3)$", "", name, flags=re.IGNORECASE)
        if name:
            words.append(re.sub(r"[-_]+", " ", name).strip())
    return ". ".join(w for w in words if w)
