"""Menu files -> MenuFile records, with every problem reported at its position.

The loader never stops at the first problem: it reports all it can find in every file, and
skips only what depends on a broken part.
"""
from __future__ import annotations

import difflib
import os
import re
import zoneinfo

from . import language as L
from . import schedule as S
from .findings import Finding
from .model import ANY_INTENT, Link, MenuFile, Node
from .source import Document, Pos, SourceError, document, read_bytes

_TYPE_NAMES = {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number",
               bool: "true/false", type(None): "nothing (null)"}


def describe(value) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def display_path(path: str) -> str:
    """Paths as the user knows them: relative to the current folder when below it."""
    ap = os.path.abspath(path)
    rel = os.path.relpath(ap)
    return ap if rel.startswith("..") else rel


def suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), sorted(map(str, choices)), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


_HASH_OPTION = re.compile(r"^(\s*)(#:)\s+[\w.-]+\s*$")
_zones: set[str] | None = None


def _timezones() -> set[str]:
    global _zones
    if _zones is None:
        _zones = zoneinfo.available_timezones()
    return _zones


_NAMES: dict[int, tuple] = {}


def _names(fields) -> tuple[frozenset, tuple]:
    """(known names, required names) of a field table, memoised by identity: the tables are
    module constants, and hashing their records on every node costs more than the check."""
    got = _NAMES.get(id(fields))
    if got is None or got[0] is not fields:
        got = _NAMES[id(fields)] = (fields, frozenset(f.name for f in fields),
                                    tuple(f.name for f in fields if f.required))
    return got[1], got[2]


class FieldPositions:
    """A node's field -> Pos, looked up only when asked (most never are)."""

    __slots__ = ("doc", "path", "keys")

    def __init__(self, doc: Document, path, keys):
        self.doc, self.path, self.keys = doc, path, keys

    def __contains__(self, key):
        return key in self.keys

    def __getitem__(self, key):
        if key not in self.keys:
            raise KeyError(key)
        return self.doc.pos(self.path + (key,))

    def get(self, key, default=None):
        return self[key] if key in self.keys else default


class FileChecker:
    """Checks one Document and fills a MenuFile; problems go to ``self.problems``."""

    def __init__(self, mf: MenuFile, doc: Document):
        self.mf = mf
        self.doc = doc
        self.problems: list[Finding] = []
        #: ids of nodes written but too broken to load; references to them are not reported again
        self.broken: set[str] = set()

    # -- reporting ---------------------------------------------------------------------
    def report(self, kind: str, message: str, path=(), *, value: bool = False, node: str | None = None,
               pos: Pos | None = None):
        p = pos or self.doc.pos(path, value=value)
        self.problems.append(Finding(kind, message, self.mf.path, p.line, p.column, node=node))

    def keypath(self, path) -> str:
        return ".".join(str(p) for p in path) or "the file"

    # -- shapes ------------------------------------------------------------------------
    def expect_mapping(self, value, path, what: str) -> bool:
        if isinstance(value, dict):
            return True
        self.report("type", f"`{self.keypath(path)}` is {describe(value)}, expected {what}", path, value=True)
        return False

    def check_keys(self, mapping: dict, path, fields, where: str, node=None):
        known, required = _names(fields)
        if mapping.keys() <= known and all(r in mapping for r in required):
            return  # the common case, checked without a loop in Python
        for key in mapping:
            if key not in known:
                self.report("unknown-key", f"unknown key `{key}` in {where}{suggest(key, known)}, expected one of "
                            f"{', '.join(f'`{k}`' for k in sorted(known))}", path + (key,), node=node)
        for f in fields:
            if f.required and f.name not in mapping:
                doc = f.doc.rstrip(".")
                self.report("missing-key", f"{where} has no `{f.name}`, expected `{f.name}:` ({doc[:1].lower()}{doc[1:]})",
                            path, node=node)

    def text(self, value, path, node=None):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report("type", f"`{self.keypath(path)}` is {describe(value)}, expected text", path,
                        value=True, node=node)
            return None
        return str(value)

    def target_value(self, value, path, node=None):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.report("type", f"`{self.keypath(path)}` is {describe(value)}, expected a node id", path,
                        value=True, node=node)
            return None
        return str(value)

    # -- the file ----------------------------------------------------------------------
    def run(self):
        data = self.doc.data
        if not isinstance(data, dict):
            self.report("type", f"the file holds {describe(data)}, expected a mapping with `ivrmaze: 1`, "
                        "`nodes:` and the other top-level keys", (), value=True)
            self.mf.ok = False
            return
        self.check_keys(data, (), L.TOP_LEVEL, "the file")
        self.hash_comments()
        if "ivrmaze" not in data:
            pass  # reported by check_keys as missing-key; a wrong version below
        elif data["ivrmaze"] != L.FORMAT_VERSION or isinstance(data["ivrmaze"], bool):
            self.report("version", f"format version {data['ivrmaze']!r} is not supported, expected `ivrmaze: 1`",
                        ("ivrmaze",), value=True)
        if "name" in data:
            self.mf.name = self.text(data["name"], ("name",))
        if "timezone" in data:
            tz = self.text(data["timezone"], ("timezone",))
            if tz is not None:
                if tz not in _timezones():
                    self.report("timezone", f"unknown time zone `{tz}`{suggest(tz, _timezones())}, expected an IANA "
                                "name such as Europe/Brussels", ("timezone",), value=True)
                else:
                    self.mf.timezone = tz
        if "intents" in data:
            self.intents(data["intents"])
        if "hours" in data:
            self.hours(data["hours"])
        nodes = data.get("nodes")
        if "nodes" in data and self.expect_mapping(nodes, ("nodes",), "a mapping of node id -> node"):
            if not nodes:
                self.report("missing-key", "`nodes` is empty, expected at least one node", ("nodes",))
            for nid, body in nodes.items():
                self.node(nid, body)
            self.references()
        if "entry" in data:
            entry = self.target_value(data["entry"], ("entry",))
            if entry is not None:
                self.mf.entry = entry
                self.check_target(entry, ("entry",), "entry")
        if "channels" in data and self.expect_mapping(data["channels"], ("channels",),
                                                      "a mapping of channel name -> node id"):
            for name, target in data["channels"].items():
                t = self.target_value(target, ("channels", name))
                if t is not None:
                    self.mf.channels[name] = t
                    self.check_target(t, ("channels", name), f"channel `{name}`")
        if "limits" in data:
            from .config import check_limits_block
            self.mf.limits = check_limits_block(data["limits"], ("limits",), self) or {}
        if "expect" in data:
            from .expectations import check_expect_block
            self.mf.expect = check_expect_block(data["expect"], ("expect",), self) or []

    def hash_comments(self):
        """`#: target` in an options block is a YAML comment: the `#` option silently vanishes."""
        if "#:" not in self.doc.text:
            return
        for i, line in enumerate(self.doc.text.splitlines(), 1):
            m = _HASH_OPTION.match(line)
            if m:
                self.report("dtmf", "`#:` starts a comment in YAML, so this option is ignored, expected the hash key "
                            "in quotes: `\"#\": target`", pos=Pos(i, m.start(2) + 1))

    def intents(self, value):
        if not self.expect_mapping(value, ("intents",), "a mapping of intent id -> description"):
            return
        for iid, desc in value.items():
            d = self.text(desc, ("intents", iid)) if desc is not None else ""
            self.mf.intents[iid] = d or ""

    def hours(self, value):
        if not self.expect_mapping(value, ("hours",), "a mapping of schedule name -> opening hours"):
            return
        for name, spec in value.items():
            path = ("hours", name)
            if not self.expect_mapping(spec, path, 'a mapping of days -> "HH:MM-HH:MM" such as `mon-fri: "08:00-16:00"`'):
                continue
            day_ranges, holidays = [], []
            for key, ranges in spec.items():
                kp = path + (key,)
                if key == L.HOLIDAYS:
                    items = ranges if isinstance(ranges, list) else None
                    if items is None:
                        self.report("type", f"`{self.keypath(kp)}` is {describe(ranges)}, expected a list of ISO "
                                    "dates such as [\"2011-04-25\"]", kp, value=True)
                        continue
                    for i, d in enumerate(items):
                        try:
                            holidays.append(S.parse_date(d))
                        except S.ScheduleError as e:
                            self.report("schedule", str(e), kp + (i,), value=True)
                    continue
                try:
                    days = S.parse_days(key)
                except S.ScheduleError as e:
                    hint = suggest(key, [L.HOLIDAYS])
                    message = str(e) if not hint else (
                        f"invalid day spec `{key}`{hint}, expected days such as `mon-fri`, or `{L.HOLIDAYS}:` "
                        "with a list of dates")
                    self.report("schedule", message, kp)
                    continue
                items = ranges if isinstance(ranges, list) else [ranges]
                parsed = []
                for i, r in enumerate(items):
                    ip = kp + (i,) if isinstance(ranges, list) else kp
                    if not isinstance(r, str):
                        self.report("type", f"`{self.keypath(kp)}` holds {describe(r)}, expected a time range "
                                    "such as \"08:00-16:00\" or a list of them", ip, value=True)
                        continue
                    try:
                        parsed.append(S.parse_range(r))
                    except S.ScheduleError as e:
                        self.report("schedule", str(e), ip, value=True)
                day_ranges.append((days, parsed))
            self.mf.schedules[name] = S.build(name, day_ranges, holidays)

    # -- nodes -------------------------------------------------------------------------
    def node(self, nid: str, body):
        path = ("nodes", nid)
        if nid == L.HANGUP:
            self.report("reference", "`hangup` is the built-in target that ends the call, expected another "
                        "node id", path, node=nid)
            return
        self.broken.add(nid)
        if L.ID_FORBIDDEN in str(nid):
            self.report("type", f"node id `{nid}` contains `{L.ID_FORBIDDEN}`, expected a name without it (reports "
                        f"write nodes as file{L.ID_FORBIDDEN}id)", path, node=nid)
            return
        if not isinstance(body, dict):
            self.report("type", f"node `{nid}` is {describe(body)}, expected a mapping with one kind key "
                        f"({', '.join(L.KINDS)})", path, value=True, node=nid)
            return
        kinds = [k for k in body if k in L.KINDS]  # in the order written
        if not kinds:
            hint, where = "", path
            for k in body:
                close = difflib.get_close_matches(str(k), L.KINDS, 1, 0.6)
                if close and k not in L.all_node_keys():
                    hint, where = f" (`{k}`: did you mean `{close[0]}`?)", path + (k,)
                    break
            self.report("node-kind", f"node `{nid}` has no kind key{hint}, expected exactly one of "
                        f"{', '.join(f'`{k}`' for k in L.KINDS)}", where, node=nid)
            return
        if len(kinds) > 1:
            second = kinds[1]
            self.report("node-kind", f"node `{nid}` has two kind keys, `{kinds[0]}` and `{second}`, expected exactly "
                        "one (split it into two nodes)", path + (second,), node=nid)
            return
        kind = kinds[0]
        fields = L.NODE_FIELDS[kind]
        self.check_keys(body, path, fields, f"a {kind} node", node=nid)
        text_val = body[kind]
        node = Node(id=nid, kind=kind, text="", pos=self.doc.pos(path))
        node.field_pos = FieldPositions(self.doc, path, body)
        if kind == "external":
            self.external(node, text_val, path)
        elif kind == "branch":
            sched = self.text(text_val, path + (kind,), node=nid)
            node.hours = sched
            node.text = sched or ""
        else:
            node.text = self.text(text_val, path + (kind,), node=nid) or ""
        self.mf.nodes[nid] = node
        self.broken.discard(nid)
        if kind == "menu":
            self.menu(node, body, path)
        elif kind == "say":
            self.link(node, body, path, "next", default=L.HANGUP)
        elif kind == "queue":
            if "hours" in body:
                node.hours = self.text(body["hours"], path + ("hours",), node=nid)
                self.link(node, body, path, "closed", default=L.HANGUP)
            elif "closed" in body:
                self.link(node, body, path, "closed")
            self.transfers(node, body, path)
        elif kind == "branch":
            self.link(node, body, path, "open")
            self.link(node, body, path, "closed")
        if "resolves" in body:
            node.resolves = self.resolves(body["resolves"], path + ("resolves",), nid)

    def link(self, node: Node, body, path, via, default=None):
        if via in body:
            t = self.target_value(body[via], path + (via,), node=node.id)
            if t is not None:
                node.links.append(Link(via, t, self.doc.pos(path + (via,))))
        elif default is not None:
            node.links.append(Link(via, default, node.pos, default=True))

    def menu(self, node: Node, body, path):
        opts = body.get("options")
        if "options" in body and self.expect_mapping(opts, path + ("options",),
                                                    "a mapping of DTMF key -> target, such as `\"1\": billing`"):
            for key, val in opts.items():
                kp = path + ("options", key)
                if key not in L.DTMF_KEYS:
                    self.report("dtmf", f"`{key}` is not a DTMF key, expected one of 0-9, * or # (quote them: "
                                "\"*\", \"#\")", kp, node=node.id)
                    continue
                label = None
                if isinstance(val, dict):
                    self.check_keys(val, kp, L.OPTION_FIELDS, f"option `{key}`", node=node.id)
                    if "label" in val:
                        label = self.text(val["label"], kp + ("label",), node=node.id)
                    if "to" not in val:
                        continue
                    target = self.target_value(val["to"], kp + ("to",), node=node.id)
                    pos = self.doc.pos(kp + ("to",))
                else:
                    target = self.target_value(val, kp, node=node.id)
                    pos = self.doc.pos(kp)
                if target is not None:
                    node.links.append(Link("options", target, pos, key=key, label=label))
        if "retries" in body:
            r = body["retries"]
            if isinstance(r, bool) or not isinstance(r, int) or r < 1:
                shown = f"`{r}`" if isinstance(r, int) and not isinstance(r, bool) else describe(r)
                self.report("type", f"`retries` is {shown}, expected a whole number of 1 or more", path + ("retries",),
                            value=True, node=node.id)
            else:
                node.retries = r
        for via in ("no_input", "no_match"):
            self.link(node, body, path, via)
        self.link(node, body, path, "exhausted", default=L.HANGUP)

    def transfers(self, node: Node, body, path):
        if "transfers" not in body:
            return
        value = body["transfers"]
        tp = path + ("transfers",)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            value = [value]
            single = True
        else:
            single = False
        if not isinstance(value, list):
            self.report("type", f"`transfers` is {describe(value)}, expected a list of node ids such as "
                        "[billing, switchboard]", tp, value=True, node=node.id)
            return
        for i, item in enumerate(value):
            ip = tp if single else tp + (i,)
            warm = False
            if isinstance(item, dict):
                self.check_keys(item, ip, L.TRANSFER_FIELDS, "a transfer", node=node.id)
                if "warm" in item:
                    if not isinstance(item["warm"], bool):
                        self.report("type", f"`warm` is {describe(item['warm'])}, expected true or false",
                                    ip + ("warm",), value=True, node=node.id)
                    else:
                        warm = item["warm"]
                if "to" not in item:
                    continue
                target = self.target_value(item["to"], ip + ("to",), node=node.id)
                pos = self.doc.pos(ip + ("to",), value=True)
            else:
                target = self.target_value(item, ip, node=node.id)
                pos = self.doc.pos(ip, value=True)
            if target is not None:
                node.links.append(Link("transfers", target, pos, warm=warm))

    def resolves(self, value, path, nid):
        if value == ANY_INTENT:
            return ANY_INTENT
        if isinstance(value, str):
            value = [value]
            single = True
        else:
            single = False
        if not isinstance(value, list):
            self.report("type", f"`resolves` is {describe(value)}, expected a list of intent ids or \"*\"", path,
                        value=True, node=nid)
            return frozenset()
        out = set()
        for i, item in enumerate(value):
            ip = path if single else path + (i,)
            t = self.text(item, ip, node=nid)
            if t is None:
                continue
            if t == ANY_INTENT:
                return ANY_INTENT
            if t not in self.mf.intents:
                known = self.mf.intents
                self.report("reference", f"intent `{t}` is not defined{suggest(t, known)}, expected one of the "
                            f"ids under `intents:`" + ("" if known else " (the file has no `intents:` block)"),
                            ip, value=True, node=nid)
                continue
            out.add(t)
        return frozenset(out)

    def external(self, node: Node, value, path):
        xp = path + ("external",)
        file = target = None
        if isinstance(value, dict):
            self.check_keys(value, xp, L.EXTERNAL_FIELDS, "`external`", node=node.id)
            if "file" in value:
                file = self.text(value["file"], xp + ("file",), node=node.id)
            if "node" in value:
                target = self.target_value(value["node"], xp + ("node",), node=node.id)
            fpath = xp + ("file",)
        else:
            file = self.text(value, xp, node=node.id)
            fpath = xp
        node.text = file or ""
        if file is None:
            return
        base = os.path.dirname(self.mf.abspath)
        resolved = os.path.normpath(os.path.join(base, file))
        pos = self.doc.pos(fpath, value=True)
        if not os.path.isfile(resolved):
            shown = display_path(resolved)
            looked = "" if shown == file else f" (looked for {shown})"
            self.report("reference", f"external file `{file}` does not exist{looked}, expected a path relative to "
                        "this file", fpath, value=True, node=node.id)
            return
        node.links.append(Link("external", None, pos, file=resolved, node=target))

    # -- references --------------------------------------------------------------------
    def check_target(self, target: str, path, what: str, node=None) -> bool:
        if target == L.HANGUP or target in self.mf.nodes:
            return True
        if target in self.broken:  # already reported where it is written
            return False
        self.report("reference", f"{what} goes to `{target}`, which is not defined{suggest(target, self.mf.nodes)}, "
                    "expected a node id under `nodes:` or `hangup`", path, value=True, node=node)
        return False

    def target_pos(self, node: Node, link: Link) -> Pos:
        """Where a link's target is written (the edge itself keeps the key's position)."""
        if link.via == "transfers":
            return link.pos
        path = ("nodes", node.id, link.via) + ((link.key,) if link.via == "options" else ())
        if path + ("to",) in self.doc.val_pos:
            path += ("to",)
        return self.doc.pos(path, value=True)

    def references(self):
        for node in self.mf.nodes.values():
            kept = []
            for link in node.links:
                if link.via == "external" or link.default:
                    kept.append(link)
                    continue
                if link.target == L.HANGUP or link.target in self.mf.nodes:
                    kept.append(link)
                elif link.target in self.broken:
                    pass  # the node is written but broken; reported there
                else:
                    what = {"options": f"option `{link.key}`", "transfers": "a transfer"}.get(link.via,
                                                                                             f"`{link.via}`")
                    pos = self.target_pos(node, link)
                    self.problems.append(Finding(
                        "reference", f"{what} of node `{node.id}` goes to `{link.target}`, which is not defined"
                        f"{suggest(link.target, self.mf.nodes)}, expected a node id under `nodes:` or `hangup`",
                        self.mf.path, pos.line, pos.column, node=node.id))
            node.links = kept
            if node.hours is not None:
                where = ("nodes", node.id, "branch" if node.kind == "branch" else "hours")
                if node.hours not in self.mf.schedules:
                    known = self.mf.schedules
                    self.report("reference", f"schedule `{node.hours}` is not defined{suggest(node.hours, known)}, "
                                "expected a name under `hours:`" + ("" if known else " (the file has no `hours:` block)"),
                                where, value=True, node=node.id)
                    node.hours = None
                    if node.kind == "branch":
                        node.links = [l for l in node.links if l.via != "closed"]


def duplicate_message(kp, first: Pos) -> str:
    """Message for a key written twice at path ``kp`` (first written at ``first``)."""
    *parent, key = kp
    if len(kp) == 4 and kp[0] == "nodes" and kp[2] == "options":
        same = f" (`{key}:` and `\"{key}\":` are the same key)" if str(key).isdigit() else ""
        return (f"option `{key}` of node `{kp[1]}` is given twice (first at line {first.line}), expected one option "
                f"per DTMF key{same}")
    where = f"`{'.'.join(map(str, parent))}`" if parent else "the file"
    return f"key `{key}` is given twice in {where} (first at line {first.line}), expected each key once"


def _checked_file(ap: str) -> tuple[MenuFile, list[Finding]]:
    """One file read and checked on its own (its external references to nodes of other files
    are checked later). Only the parse is cached: unpickling the checked model of a big file
    costs as much as checking it again."""
    shown = display_path(ap)
    mf = MenuFile(path=shown, abspath=ap)
    try:
        raw = read_bytes(ap)
    except SourceError as e:
        mf.ok = False
        return mf, [Finding(e.kind, e.message, mf.path, e.line, e.column)]
    try:
        doc = document(ap, raw)
    except SourceError as e:
        mf.ok = False
        return mf, [Finding(e.kind, e.message, mf.path, e.line, e.column)]
    mf.document = doc
    checker = FileChecker(mf, doc)
    for kp, first, second in doc.duplicates:
        checker.problems.append(Finding("duplicate-key", duplicate_message(kp, first), mf.path, second.line,
                                        second.column, node=kp[1] if len(kp) > 1 and kp[0] == "nodes" else None))
    checker.run()
    return mf, checker.problems


def load_files(paths: list[str]) -> tuple[dict[str, MenuFile], list[Finding]]:
    """Load ``paths`` and every file they reach through ``external``.

    Returns (files by absolute path, problems). Never raises for bad input.
    """
    files: dict[str, MenuFile] = {}
    problems: list[Finding] = []
    queue = [os.path.abspath(p) for p in paths]
    # external file/node references are checked once every file is loaded
    while queue:
        ap = queue.pop(0)
        if ap in files:
            continue
        mf, found = _checked_file(ap)
        files[ap] = mf
        problems.extend(found)
        for node in mf.nodes.values():
            for link in node.links:
                if link.via == "external" and link.file not in files:
                    queue.append(link.file)
    # external targets
    for mf in files.values():
        for node in mf.nodes.values():
            for link in list(node.links):
                if link.via != "external":
                    continue
                other = files.get(link.file)
                if other is None or not other.ok or other.document is None:
                    node.links.remove(link)
                    continue
                want = link.node or other.entry
                if want is None:
                    problems.append(Finding("reference", f"external file `{node.text}` has no `entry`, expected "
                                            "`external: {file: ..., node: <id>}` naming the node to go to",
                                            mf.path, link.pos.line, link.pos.column, node=node.id))
                    node.links.remove(link)
                elif want != L.HANGUP and want not in other.nodes:
                    pos = link.pos
                    if link.node is not None:  # point at `node:`, not at `file:`
                        pos = mf.document.pos(("nodes", node.id, "external", "node"), value=True)
                    problems.append(Finding("reference", f"external node `{want}` is not defined in `{node.text}`"
                                            f"{suggest(want, other.nodes)}, expected a node id of that file",
                                            mf.path, pos.line, pos.column, node=node.id))
                    node.links.remove(link)
    return files, sorted(problems, key=lambda f: f.sort_key)
