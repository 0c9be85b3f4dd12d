"""Limits and enabled checks: defaults < .ivrmaze.yaml < a file's `limits:` block < CLI options."""
from __future__ import annotations

DEFAULT_LIMITS = {"max_options": 5, "max_hops": 5, "max_retells": 1}
LIMIT_DOCS = {
    "max_options": "most option keys a menu may offer (too-many-options)",
    "max_hops": "most hops the best route may take (too-deep)",
    "max_retells": "most retells the best route may ask (too-many-retells)",
}


def _shown(v) -> str:
    """A value as YAML writes it: true, false, null; other values as Python shows them."""
    if isinstance(v, bool):
        return "true" if v else "false"
    return "null" if v is None else repr(v)


def check_limits_block(value, path, checker) -> dict:
    """Validate a `limits:` block; report problems through ``checker``; return the clean dict."""
    from .kinds import KINDS
    from .loader import describe, suggest

    if not isinstance(value, dict):
        checker.report("config", f"`limits` is {describe(value)}, expected a mapping such as `max_options: 5`",
                       path, value=True)
        return {}
    out = {}
    known = set(DEFAULT_LIMITS) | {"checks"}
    for key, v in value.items():
        kp = path + (key,)
        if key not in known:
            checker.report("config", f"unknown limit `{key}`{suggest(key, known)}, expected one of "
                           f"{', '.join(sorted(known))}", kp)
        elif key == "checks":
            if not isinstance(v, dict):
                checker.report("config", f"`checks` is {describe(v)}, expected a mapping of check -> true/false "
                               "or error/warning/info", kp, value=True)
                continue
            checks = {}
            for name, setting in v.items():
                cp = kp + (name,)
                tunable = {k for k, v in KINDS.items() if v.code >= "IVM200"}
                if name not in KINDS:
                    checker.report("config", f"unknown check `{name}`{suggest(name, tunable)}, expected a finding "
                                   "kind from docs/checks.md", cp)
                elif name not in tunable:
                    checker.report("config", f"check `{name}` cannot be set: a file that does not load cannot be "
                                   "analysed, expected a maze finding kind (IVM2xx) or expectation", cp)
                elif setting not in (True, False, "error", "warning", "info"):
                    checker.report("config", f"`{name}` is {_shown(setting)}, expected true, false, error, warning "
                                   "or info", cp, value=True)
                else:
                    checks[name] = setting
            out["checks"] = checks
        elif isinstance(v, bool) or not isinstance(v, int) or v < 0:
            checker.report("config", f"`{key}` is {_shown(v)}, expected a whole number of 0 or more", kp, value=True)
        else:
            out[key] = v
    return out


CONFIG_NAME = ".ivrmaze.yaml"


def find_config_file(path: str) -> str | None:
    """The nearest .ivrmaze.yaml in the file's folder or a parent folder."""
    import os

    folder = os.path.dirname(os.path.abspath(path))
    while True:
        candidate = os.path.join(folder, CONFIG_NAME)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


class _Reporter:
    """Collects config problems in the same shape the loader reports them."""

    def __init__(self, doc, display):
        self.doc, self.display, self.problems = doc, display, []

    def report(self, kind, message, path=(), *, value=False, node=None, pos=None):
        from .findings import Finding
        p = pos or self.doc.pos(path, value=value)
        self.problems.append(Finding(kind, message, self.display, p.line, p.column, node=node))


def read_config_file(path: str):
    """(settings, problems) of one .ivrmaze.yaml: the same keys as a `limits:` block, either at
    the top level or under `limits:`."""
    from .findings import Finding
    from .loader import display_path
    from .source import SourceError, read_file

    shown = display_path(path)
    try:
        doc = read_file(path)
    except SourceError as e:
        if e.kind == "file" and _only_comments(path):  # an empty .ivrmaze.yaml: no settings
            return {}, []
        return {}, [Finding("config", e.message, shown, e.line, e.column)]
    rep = _Reporter(doc, shown)
    data = doc.data
    base = ()
    if isinstance(data, dict) and set(data) == {"limits"}:
        data, base = data["limits"], ("limits",)
    elif isinstance(data, dict) and "limits" in data:
        rep.report("config", "`limits` next to other settings, expected either the settings at the top level or "
                   "all of them under `limits:`", ("limits",))
        data = {k: v for k, v in data.items() if k != "limits"}
    if not isinstance(data, dict):
        from .loader import describe
        rep.report("config", f"the settings are {describe(data)}, expected a mapping such as `max_hops: 5`", base,
                   value=bool(base))
        return {}, rep.problems
    settings = check_limits_block(data, base, rep)
    for kp, first, second in doc.duplicates:
        rep.problems.append(Finding("config", f"`{'.'.join(map(str, kp))}` is given twice (first at line "
                                    f"{first.line}), expected each key once", shown, second.line, second.column))
    return settings, rep.problems


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
    CLI options (``cli``: the same keys as a limits block).
    """

    def __init__(self, cli: dict | None = None, files: dict | None = None, project: dict | None = None):
        self.cli = cli or {}
        self.files = files or {}  # file -> its limits block
        self.project = project or {}  # file -> settings from its .ivrmaze.yaml
        self.problems: list = []

    @classmethod
    def for_maze(cls, maze, cli: dict | None = None) -> "Config":
        files, project, problems, cache = {}, {}, [], {}
        for path, mf in maze.files.items():
            files[path] = mf.limits or {}
            cfg = find_config_file(mf.abspath)
            if cfg:
                if cfg not in cache:
                    cache[cfg] = read_config_file(cfg)
                    problems += cache[cfg][1]
                project[path] = cache[cfg][0]
        c = cls(cli, files, project)
        c.problems = problems
        return c

    def _layers(self, file):
        return [self.project.get(file, {}), self.files.get(file, {}), self.cli]

    def limit(self, file, name: str) -> int:
        value = DEFAULT_LIMITS[name]
        for layer in self._layers(file):
            if name in layer:
                value = layer[name]
        return value

    def setting(self, file, kind: str):
        """(enabled, severity) for findings of ``kind`` in ``file``."""
        from .kinds import KINDS
        k = KINDS[kind]
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

    def apply(self, findings):
        out = []
        for f in findings:
            enabled, severity = self.setting(f.file, f.kind)
            if enabled:
                out.append(f if f.severity == severity else f.with_severity(severity))
        return out
