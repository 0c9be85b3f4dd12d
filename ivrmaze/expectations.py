"""Expectations written in menu files (`expect:`): what must stay true of a phone line.

Three families, told apart by their keys:

- a **journey** (``keys``, ``reaches``, ``resolves``): a scripted caller presses keys and must
  arrive somewhere, or have their intent resolved;
- **bounds** (``best_hops``, ``guaranteed_hops``, ``expected_hops``, ``retells``,
  ``resolve_probability``, ``guaranteed``): an intent's metrics, at every instant of ``at``;
- an **absence** (``absent``; ``no`` is its old name, deprecated: YAML 1.1 readers read the key
  `no` as false): a kind of finding must not occur.

The tables below feed the loader's checks (``check_expect_block``), the JSON Schema
(``schema.expect_item_schema``) and the "Expectations" section of docs/format.md (``docs_table``). This
module only parses: ivrmaze/verdicts.py turns failed expectations into findings of kind
``expectation``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from . import language as L
from .config import Settings
from .model import MenuFile
from .periods import ALWAYS, EXAMPLES, Period, PeriodError, parse_period
from .source import Document, Path, Pos
from .words import describe, percent, suggest

Field = L.Field

COMMON = (
    Field("at", "period", "When it must hold: an instant such as `\"Mon 10:00\"` or `2011-04-25T10:00`, a window "
          "such as `\"Mon-Fri 09:00-17:00\"`, `\"Sat 17:00-Mon 08:00\"` or `\"2011-04-25 (holiday)\"`, or a list of "
          "windows. Over a window it must hold at every instant. Absent: at all times (the whole week and every "
          "holiday date)."),
    Field("intent", "intent", "What the caller wants: an id under `intents:`."),
    Field("entry", "channel", "The way in: `phone` (the file's `entry`) or a name under `channels:`.", default="phone"),
    Field("note", "text", "Why this must hold; shown when it fails."),
)
JOURNEY = (
    Field("keys", "keys", "The keys the caller presses, in order, such as `[\"3\", \"1\"]`.", default=[]),
    Field("reaches", "target", "The node the call must arrive at (agents transfer towards it)."),
    Field("resolves", "bool", "`true`: the call must resolve `intent`; `false`: it must not."),
)
BOUNDS = (
    Field("best_hops", "count-range", "Fewest hops to a resolution: `{max: n}` and/or `{min: n}`."),
    Field("guaranteed_hops", "count-range", "Hops within which the caller can force a resolution whatever the "
          "agents do: `{max: n}`; a bound fails where there is no guarantee."),
    Field("expected_hops", "number-range", "Expected hops of a random caller: `{max: x}`."),
    Field("retells", "count-range", "Times a new human asks the story again on the best route: `{max: n}`."),
    Field("resolve_probability", "probability-range", "Chance that a random caller is resolved: `{min: p}` "
          "(0 to 1)."),
    Field("guaranteed", "bool", "`true`: the caller can always force a resolution, whatever the agents do."),
)
ABSENCE = (
    Field("absent", "finding-kind", "A kind of finding that must not occur in this file, such as `trap` or "
          "`after-hours-trap` (with `intent`: only for that intent)."),
)
FAMILIES = {"journey": JOURNEY, "bounds": BOUNDS, "absence": ABSENCE}
#: Old key -> the key that replaced it; the old one still works, with a warning at the key.
RENAMED = {"no": "absent"}
#: Keys each family accepts besides its own.
SHARED = {"journey": COMMON, "bounds": COMMON, "absence": tuple(f for f in COMMON if f.name != "entry")}
METRICS = tuple(f.name for f in BOUNDS if f.type.endswith("-range"))


@dataclass(frozen=True)
class Bound:
    metric: str
    min: float | None = None
    max: float | None = None

    def holds(self, value: float | None) -> bool:
        if value is None:
            return False
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def describe(self) -> str:
        if self.min is None and self.max is None:
            return "a value"
        if self.min is not None and self.max is not None:
            return f"between {self._num(self.min)} and {self._num(self.max)}"
        return f"at most {self._num(self.max)}" if self.max is not None else f"at least {self._num(self.min)}"

    def _num(self, x: float | None) -> str:
        """A bound as text: a probability as a percentage."""
        if self.metric == "resolve_probability" and x is not None:
            return percent(x)
        return f"{x:g}" if isinstance(x, float) else str(x)


@dataclass(frozen=True)
class Expectation:
    """One parsed expectation, at the position of its list item."""

    family: str  # journey | bounds | absence
    file: str
    line: int
    column: int
    index: int
    period: Period = ALWAYS
    intent: str | None = None
    entry: str = "phone"
    note: str | None = None
    keys: tuple[str, ...] = ()
    reaches: str | None = None
    resolves: bool | None = None
    bounds: tuple[Bound, ...] = ()
    guaranteed: bool | None = None
    no: str | None = None

    def describe(self) -> str:
        """A short name for messages: ``journey [3] at Mon 10:00``."""
        at = "" if self.period is ALWAYS else f" at {self.period.text}"
        who = f" for `{self.intent}`" if self.intent else ""
        if self.family == "journey":
            pressed = ", ".join(k or "nothing" for k in self.keys) or "no keys"
            return f"journey pressing {pressed}{who}{at}"
        if self.family == "absence":
            return f"no `{self.no}`{who}{at}"
        return f"bounds{who}{at}"


def analysis_kinds(settings: Settings) -> tuple[str, ...]:
    """Kinds an absence can name: those of the analysis (IVM2xx)."""
    return tuple(k.name for k in settings.kinds.values() if k.code.startswith("IVM2"))


# -- checking `expect:` ----------------------------------------------------------------
class Reporter(Protocol):
    """What an expectation is checked through: the loader's checker of the file."""

    mf: MenuFile
    doc: Document

    def report(self, kind: str, message: str, path: Path = (), *, value: bool = False, node: str | None = None,
               pos: Pos | None = None, severity: str = "") -> None: ...

    def keypath(self, path: Path) -> str: ...

    def text(self, value: object, path: Path, node: str | None = None) -> str | None: ...

    def target_value(self, value: object, path: Path, node: str | None = None) -> str | None: ...


class _Item:
    """Checks one list item through the loader's checker."""

    def __init__(self, checker: Reporter, path: Path, body: object, settings: Settings):
        self.c = checker
        self.path = path
        self.body: Any = body
        self.settings = settings
        self.ok = True
        self.where = f"`{checker.keypath(path)}`"
        #: the absence's key as written (`absent`, or the deprecated `no`)
        self.absent_key = "absent"

    def fail(self, kind: str, message: str, key: str | Path | None = None, value: bool = False) -> None:
        self.ok = False
        sub = () if key is None else key if isinstance(key, tuple) else (key,)
        self.c.report(kind, message, self.path + sub, value=value)

    def renamed(self) -> bool:
        """Warn at each old key (`no:`); False when the item writes both the old and the new key."""
        for old, new in RENAMED.items():
            if old not in self.body:
                continue
            if new in self.body:
                self.fail("duplicate-key", f"{self.where} has both `{old}` and `{new}`, expected only `{new}:` "
                          f"(`{old}:` is its old name)", old)
                return False
            self.c.report("unknown-key", f"`{old}:` is deprecated (YAML 1.1 readers, such as yamllint and "
                          f"PyYAML, read the key `{old}` as false), expected `{new}:`", self.path + (old,),
                          severity="warning")
            self.absent_key = old
        return True

    def family(self) -> str | None:
        found = [name for name, fields in FAMILIES.items()
                 if any(f.name in self.body or (name == "absence" and self.absent_key in self.body) for f in fields)]
        if not found:
            self.fail("missing-key", f"{self.where} has nothing to check, expected a journey (`reaches:` or "
                      "`resolves:`), a bound (such as `best_hops: {max: 2}` or `guaranteed: true`) or "
                      "`absent: trap`")
            return None
        if len(found) > 1:
            keys = [next((f.name for f in FAMILIES[n] if f.name in self.body), self.absent_key) for n in found]
            article = "a " if found[1] != "bounds" else ""
            self.fail("type", f"{self.where} mixes a {found[0]} (`{keys[0]}`) with {article}"
                      f"{found[1]} (`{keys[1]}`), expected one kind of expectation per list item")
            return None
        return found[0]

    def number(self, value: Any, key: str, sub: str, *, whole: bool, lo: float = 0.0,
               hi: float | None = None) -> float | None:
        kp = (key, sub)
        ok_type = not isinstance(value, bool) and (isinstance(value, int) or (not whole and isinstance(value, float)))
        if not ok_type or value < lo or (hi is not None and value > hi):
            want = ("a whole number of 0 or more" if whole else
                    "a number from 0 to 1" if hi is not None else "a number of 0 or more")
            self.fail("type", f"`{key}.{sub}` is {value!r}, expected {want}", kp, value=True)
            return None
        return value

    def bound(self, key: str, ftype: str) -> Bound | None:
        value = self.body[key]
        if not isinstance(value, dict) or not value:
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            hint = f"{{max: {value}}}" if numeric else "{max: 2}"
            self.fail("type", f"`{key}` is {describe(value)}, expected a mapping with `min` and/or `max`, such as "
                      f"`{key}: {hint}`", key, value=True)
            return None
        for sub in value:
            if sub not in ("min", "max"):
                self.fail("unknown-key", f"unknown key `{sub}` in `{key}`, expected `min` or `max`", (key, sub))
        whole = ftype == "count-range"
        hi = 1.0 if ftype == "probability-range" else None
        lo_v = self.number(value["min"], key, "min", whole=whole, hi=hi) if "min" in value else None
        hi_v = self.number(value["max"], key, "max", whole=whole, hi=hi) if "max" in value else None
        if lo_v is not None and hi_v is not None and lo_v > hi_v:
            self.fail("type", f"`{key}` has `min` {lo_v} above `max` {hi_v}, expected min <= max", key)
        return Bound(key, lo_v, hi_v)

    def run(self) -> dict[str, Any] | None:
        c, body, mf = self.c, self.body, self.c.mf
        if not isinstance(body, dict):
            self.fail("type", f"{self.where} is {describe(body)}, expected a mapping such as "
                      "`{intent: invoice, best_hops: {max: 2}}`", value=True)
            return None
        if not self.renamed():
            return None
        family = self.family()
        if family is None:
            return None
        known = {f.name for f in FAMILIES[family] + SHARED[family]} | {self.absent_key}
        for key in body:
            if key not in known:
                self.fail("unknown-key", f"unknown key `{key}` in {'an' if family == 'absence' else 'a'} {family} "
                          f"expectation{suggest(key, known)}, expected one of "
                          f"{', '.join(f'`{k}`' for k in sorted(known))}", key)
        out: dict[str, Any] = {"family": family}
        if "at" in body:
            try:
                out["period"] = parse_period(body["at"])
            except PeriodError as e:
                self.fail("schedule", str(e), "at", value=True)
        if "note" in body:
            out["note"] = c.text(body["note"], self.path + ("note",))
        intent = body.get("intent")
        if "intent" in body:
            if isinstance(intent, bool) or not isinstance(intent, (str, int)):
                self.fail("type", f"`intent` is {describe(intent)}, expected an intent id", "intent", value=True)
            elif str(intent) not in mf.intents:
                extra = "" if mf.intents else " (the file has no `intents:` block)"
                self.fail("reference", f"intent `{intent}` is not defined{suggest(intent, mf.intents)}, expected an "
                          f"id under `intents:`{extra}", "intent", value=True)
            else:
                out["intent"] = str(intent)
        needs_intent = family == "bounds" or "resolves" in body
        if needs_intent and "intent" not in body:
            what = "`resolves`" if family == "journey" else "a bound"
            self.fail("missing-key", f"{self.where} has {what} but no `intent`, expected `intent:` naming what the "
                      "caller wants")
        if family in ("journey", "bounds"):
            self.entry(out)
        getattr(self, family)(out)
        return out

    def entry(self, out: dict[str, Any]) -> None:
        entries = self.c.mf.entries
        name = self.body.get("entry", "phone")
        if name in entries:
            out["entry"] = name
        elif "entry" in self.body:
            self.fail("reference", f"entry `{name}` is not a way into this file{suggest(name, entries)}, expected "
                      f"{' or '.join(f'`{e}`' for e in entries) or '`phone` (the file has no `entry`)'}",
                      "entry", value=True)
        else:
            self.fail("missing-key", f"{self.where} needs a way in, but the file has no `entry`, expected "
                      "`entry:` naming one of its `channels`" if entries else
                      f"{self.where} needs a way in, but the file has neither `entry` nor `channels`, expected "
                      "an expectation in the file where the phone line starts")

    def journey(self, out: dict[str, Any]) -> None:
        body = self.body
        if "reaches" not in body and "resolves" not in body:
            self.fail("missing-key", f"{self.where} presses keys but checks nothing, expected `reaches: <node>` or "
                      "`resolves: true`")
        keys = body.get("keys", [])
        if not isinstance(keys, list):
            self.fail("type", f"`keys` is {describe(keys)}, expected a list of keys such as [\"3\", \"1\"]",
                      "keys", value=True)
            keys = []
        clean = []
        for i, k in enumerate(keys):
            if isinstance(k, bool) or str(k) not in L.DTMF_KEYS:
                self.fail("dtmf", f"`keys.{i}` is {k!r}, expected a DTMF key: 0-9, \"*\" or \"#\"",
                          ("keys", i), value=True)
            else:
                clean.append(str(k))
        out["keys"] = tuple(clean)
        if "reaches" in body:
            target = self.c.target_value(body["reaches"], self.path + ("reaches",))
            if target is not None and target != L.HANGUP and target not in self.c.mf.nodes:
                self.fail("reference", f"`reaches` names `{target}`, which is not defined"
                          f"{suggest(target, self.c.mf.nodes)}, expected a node id under `nodes:` or `hangup`",
                          "reaches", value=True)
            elif target is not None:
                out["reaches"] = target
        if "resolves" in body:
            if not isinstance(body["resolves"], bool):
                self.fail("type", f"`resolves` is {body['resolves']!r}, expected true or false", "resolves", value=True)
            else:
                out["resolves"] = body["resolves"]

    def bounds(self, out: dict[str, Any]) -> None:
        bounds = []
        for f in BOUNDS:
            if f.name not in self.body:
                continue
            if f.type == "bool":
                if not isinstance(self.body[f.name], bool):
                    self.fail("type", f"`{f.name}` is {self.body[f.name]!r}, expected true or false", f.name,
                              value=True)
                else:
                    out[f.name] = self.body[f.name]
            else:
                b = self.bound(f.name, f.type)
                if b is not None:
                    bounds.append(b)
        out["bounds"] = tuple(bounds)

    def absence(self, out: dict[str, Any]) -> None:
        key = self.absent_key
        kind = self.body[key]
        kind = self.settings.aliases.get(kind, kind) if isinstance(kind, str) else kind  # an old name still works
        known = analysis_kinds(self.settings)
        if kind not in known:
            self.fail("reference", f"`{key}: {kind}` is not a kind of finding the analysis reports"
                      f"{suggest(kind, known)}, expected one of {', '.join(known)}", key, value=True)
        elif kind == "after-hours-trap" and "at" in self.body and out.get("period") and out["period"].instant:
            self.fail("type", f"`{key}: after-hours-trap` with an instant in `at`: at one instant every trap is "
                      f"reported as `trap`, expected `{key}: trap`", key, value=True)
        else:
            out["no"] = kind


def check_expect_block(value: object, path: Path, checker: Reporter,
                       settings: Settings) -> list[Expectation]:
    """Validate `expect:`; report each problem at its position through ``checker``; return the
    expectations that are fully valid (an invalid one is reported and left out). ``settings``
    give the kinds `absent:` may name."""
    if not isinstance(value, list):
        checker.report("type", f"`expect` is {describe(value)}, expected a list of expectations, each starting "
                       "with `- `", path, value=True)
        return []
    out = []
    for i, body in enumerate(value):
        ip = path + (i,)
        item = _Item(checker, ip, body, settings)
        fields = item.run()
        if fields is None or not item.ok:
            continue
        pos = checker.doc.pos(ip)
        out.append(Expectation(file=checker.mf.path, line=pos.line, column=pos.column, index=i, **fields))
    return out


# -- the docs (the JSON Schema of an item is built in ivrmaze/schema.py) ----------------
def docs_table() -> str:
    """The Markdown table of every key, for docs/format.md."""
    rows = ["| key | in | meaning |", "|---|---|---|"]
    for name, fields in (("all", COMMON), ("journey", JOURNEY), ("bounds", BOUNDS), ("absence", ABSENCE)):
        for f in fields:
            where = "journey, bounds" if f.name == "entry" else name
            rows.append(f"| `{f.name}` | {where} | {f.doc} |")
    return "\n".join(rows)


__all__ = ["Expectation", "Bound", "check_expect_block", "docs_table", "analysis_kinds", "EXAMPLES"]
