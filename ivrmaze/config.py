"""Limits and enabled checks: defaults < .ivrmaze.yaml < a file's `limits:` block < CLI options.

Which kinds and limits exist is not known here: it is the ``Settings`` table, built from the
check modules by ``ivrmaze.checks.SETTINGS`` and passed in by the caller.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from . import inputs
from .findings import Finding
from .kinds import Kind
from .source import Document, SourceError, read_file
from .words import describe, display_path, suggest

CONFIG_NAME = ".ivrmaze.yaml"
SEVERITY_SETTINGS = (True, False, "error", "warning", "info")
Path = tuple[Any, ...]


@dataclass(frozen=True)
class Settings:
    """What config may name: every finding kind by name (loading, maze, expectation), the old
    names of renamed kinds (old -> name), every limit (name -> (default, doc)), and every list
    of texts (name -> (doc, what makes an item unusable or None), such as `key_phrases`)."""

    kinds: Mapping[str, Kind]
    aliases: Mapping[str, str] = field(default_factory=dict)
    limits: Mapping[str, tuple[int, str]] = field(default_factory=dict)
    lists: Mapping[str, tuple[str, Callable[[str], str | None]]] = field(default_factory=dict)

    def name(self, kind: str) -> str:
        """The current name of ``kind`` (itself unless it is an old name)."""
        return self.aliases.get(kind, kind)


class Reporter(Protocol):
    """Where validation problems go: the loader's file checker, or a config file's reporter."""

    def report(self, kind: str, message: str, path: Path = (), *, value: bool = False) -> None: ...


def _shown(v: object) -> str:
    """A value as YAML writes it: true, false, null; other values as Python shows them."""
    if isinstance(v, bool):
        return "true" if v else "false"
    return "null" if v is None else repr(v)


def check_limits_block(value: object, path: Path, reporter: Reporter, settings: Settings) -> dict[str, Any]:
    """Validate a `limits:` block; report problems through ``reporter``; return the clean dict
    (checks under their current names)."""
    if not isinstance(value, dict):
        reporter.report("config", f"`limits` is {describe(value)}, expected a mapping such as `max_options: 5`",
                        path, value=True)
        return {}
    out: dict[str, Any] = {}
    known = set(settings.limits) | set(settings.lists) | {"checks"}
    for key, v in value.items():
        kp = path + (key,)
        if key not in known:
            reporter.report("config", f"unknown limit `{key}`{suggest(key, known)}, expected one of "
                            f"{', '.join(sorted(known))}", kp)
        elif key in settings.lists:
            out[key] = _check_list(key, v, kp, reporter, settings.lists[key][1])
        elif key == "checks":
            if not isinstance(v, dict):
                reporter.report("config", f"`checks` is {describe(v)}, expected a mapping of check -> true/false "
                                "or error/warning/info", kp, value=True)
                continue
            out["checks"] = _check_checks(v, kp, reporter, settings)
        elif isinstance(v, bool) or not isinstance(v, int) or v < 0:
            reporter.report("config", f"`{key}` is {_shown(v)}, expected a whole number of 0 or more", kp, value=True)
        else:
            out[key] = v
    return out


def _check_list(key: str, value: object, path: Path, reporter: Reporter,
                problem: Callable[[str], str | None]) -> list[str]:
    """A list of texts (`key_phrases: [...]`): the items that are usable, the others reported."""
    if not isinstance(value, list):
        reporter.report("config", f"`{key}` is {describe(value)}, expected a list of texts", path, value=True)
        return []
    out = []
    for i, item in enumerate(value):
        why = problem(item) if isinstance(item, str) else f"is {describe(item)}, expected a text"
        if why is not None:
            reporter.report("config", f"item {i + 1} of `{key}` {why}", path + (i,), value=True)
        else:
            out.append(item)
    return out


def _check_checks(value: dict[Any, Any], path: Path, reporter: Reporter, settings: Settings) -> dict[str, Any]:
    """The `checks:` mapping of a limits block: kind (or old name) -> true/false or a severity."""
    checks: dict[str, Any] = {}
    tunable = {n for n, k in settings.kinds.items() if k.tunable}
    for name, setting in value.items():
        cp = path + (name,)
        kind = settings.name(name)
        if kind not in settings.kinds:
            reporter.report("config", f"unknown check `{name}`{suggest(name, tunable)}, expected a finding "
                            "kind from docs/checks.md", cp)
        elif kind not in tunable:
            reporter.report("config", f"check `{name}` cannot be set: a file that does not load cannot be "
                            "analysed, expected a maze finding kind (IVM2xx) or expectation", cp)
        elif setting not in SEVERITY_SETTINGS:
            reporter.report("config", f"`{name}` is {_shown(setting)}, expected true, false, error, warning "
                            "or info", cp, value=True)
        else:
            checks[kind] = setting
    return checks


def find_config_file(path: str) -> str | None:
    """The nearest .ivrmaze.yaml in the file's folder or a parent folder."""
    folder = os.path.dirname(os.path.abspath(path))
    while True:
        candidate = os.path.join(folder, CONFIG_NAME)
        if inputs.isfile(candidate):  # recorded for the result cache
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


class _Reporter:
    """Collects config problems in the same shape the loader reports them."""

    def __init__(self, doc: Document, display: str) -> None:
        self.doc, self.display = doc, display
        self.problems: list[Finding] = []

    def report(self, kind: str, message: str, path: Path = (), *, value: bool = False) -> None:
        p = self.doc.pos(path, value=value)
        self.problems.append(Finding(kind, message, self.display, p.line, p.column))


def read_config_file(path: str, settings: Settings) -> tuple[dict[str, Any], list[Finding]]:
    """(settings, problems) of one .ivrmaze.yaml: the same keys as a `limits:` block, either at
    the top level or under `limits:`."""
    shown = display_path(path)
    try:
        doc = read_file(path)
    except SourceError as e:
        if e.kind == "file" and _only_comments(path):  # an empty .ivrmaze.yaml: no settings
            return {}, []
        return {}, [Finding("config", e.message, shown, e.line, e.column)]
    rep = _Reporter(doc, shown)
    data = doc.data
    base: Path = ()
    if isinstance(data, dict) and set(data) == {"limits"}:
        data, base = data["limits"], ("limits",)
    elif isinstance(data, dict) and "limits" in data:
        rep.report("config", "`limits` next to other settings, expected either the settings at the top level or "
                   "all of them under `limits:`", ("limits",))
        data = {k: v for k, v in data.items() if k != "limits"}
    if not isinstance(data, dict):
        rep.report("config", f"the settings are {describe(data)}, expected a mapping such as `max_hops: 5`", base,
                   value=bool(base))
        return {}, rep.problems
    found = check_limits_block(data, base, rep, settings)
    for kp, first, second in doc.duplicates:
        rep.problems.append(Finding("config", f"`{'.'.join(map(str, kp))}` is given twice (first at line "
                                    f"{first.line}), expected each key once", shown, second.line, second.column))
    return found, rep.problems


def _only_comments(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read(1 << 16)
    except (OSError, UnicodeDecodeError):
        return False
    return all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())


class Config:
    """Limits and check settings, resolved per menu file.

    Precedence, weakest first: defaults, the nearest .ivrmaze.yaml, the file's `limits:` block,
    CLI options (``cli``: the same keys as a limits block; old kind names are taken too).
    """

    def __init__(self, cli: dict[str, Any] | None = None, files: dict[str | None, Any] | None = None,
                 project: dict[str | None, Any] | None = None, *, settings: Settings) -> None:
        self.settings = settings
        self.cli = _renamed(cli or {}, self.settings)
        self.files = files or {}  # file -> its limits block
        self.project = project or {}  # file -> settings from its .ivrmaze.yaml
        self.problems: list[Finding] = []

    @classmethod
    def for_maze(cls, maze: Any, cli: dict[str, Any] | None = None, *, settings: Settings) -> Config:
        files: dict[str | None, Any] = {}
        project: dict[str | None, Any] = {}
        problems: list[Finding] = []
        cache: dict[str, tuple[dict[str, Any], list[Finding]]] = {}
        for path, mf in maze.files.items():
            files[path] = mf.limits or {}
            cfg = find_config_file(mf.abspath)
            if cfg:
                if cfg not in cache:
                    cache[cfg] = read_config_file(cfg, settings)
                    problems += cache[cfg][1]
                project[path] = cache[cfg][0]
        c = cls(cli, files, project, settings=settings)
        c.problems = problems
        return c

    def _layers(self, file: str | None) -> list[dict[str, Any]]:
        return [self.project.get(file, {}), self.files.get(file, {}), self.cli]

    def limit(self, file: str | None, name: str) -> int:
        value = self.settings.limits[name][0]
        for layer in self._layers(file):
            if name in layer:
                value = layer[name]
        return value

    def texts(self, file: str | None, name: str) -> tuple[str, ...]:
        """A list setting (``Settings.lists``) for ``file``: every layer's items, weakest first
        (a file's `key_phrases` add to the project's)."""
        return tuple(t for layer in self._layers(file) for t in layer.get(name, ()))

    def setting(self, file: str | None, kind: str) -> tuple[bool, str]:
        """(enabled, severity) for findings of ``kind`` in ``file``."""
        k = self.settings.kinds[kind]
        enabled, severity = k.enabled, k.severity
        for layer in self._layers(file):
            s = layer.get("checks", {}).get(kind)
            if s is True:
                enabled = True
            elif s is False:
                enabled = False
            elif isinstance(s, str):
                enabled, severity = True, s
        return enabled, severity

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        out = []
        settings: dict[tuple[str | None, str], tuple[bool, str]] = {}  # once per file and kind, not per finding
        for f in findings:
            key = (f.file, f.kind)
            if key not in settings:
                settings[key] = self.setting(f.file, f.kind)
            enabled, severity = settings[key]
            if enabled:
                out.append(f if f.severity == severity else f.with_severity(severity))
        return out


def _renamed(layer: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """``layer`` with its checks under their current names (`--enable old-name` still works)."""
    checks = layer.get("checks")
    if not checks or not settings.aliases:
        return layer
    return {**layer, "checks": {settings.name(k): v for k, v in checks.items()}}
