"""The architecture of issue 10, held by the ast of every module in ivrmaze/.

Each rule is a function over a source tree (`read_tree`) that returns its offenders, so the
rules run on the real package and, below, on small fake trees that show each rule can fail.
The layer table is the one of docs/architecture.md: change both together.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "ivrmaze"

# Bottom first; a unit is a module or a package (its name covers everything under it).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "kinds", "language", "words", "gcpause", "version"),                      # 1 vocabulary
    ("source", "syntax", "yamltree", "yamlevents", "keptpos", "jsontree", "cache", "cache_format", "schedule",  # 2
     "timeline", "periods", "directives", "findings", "inputs", "results"),
    ("model", "graph", "config", "expectations"),                             # 3 model
    ("load", "maze", "schema"),                                               # 4 loading
    ("analysis", "simulator", "routes"),                                      # 5 computation
    ("checks", "verdicts", "analyses"),                                       # 6 judgement
    ("lint", "diff", "render", "formatters", "testing", "baseline"),          # 7 orchestration
    ("cli", "__main__", ""),                                                  # 8 the CLI and the package root
)
LAYER_NAMES = ("vocabulary", "reading", "model", "loading", "computation", "judgement", "orchestration", "command line")

# Imports between two units of one layer, allowed one way (the other way is a cycle).
SIBLINGS: frozenset[tuple[str, str]] = frozenset({
    ("source", "syntax"), ("source", "yamltree"), ("source", "yamlevents"), ("yamlevents", "yamltree"),
    ("source", "keptpos"), ("keptpos", "yamlevents"),
    ("jsontree", "yamltree"), ("source", "cache"), ("yamltree", "syntax"), ("cache", "cache_format"),
    ("source", "inputs"), ("periods", "inputs"), ("results", "cache"), ("results", "inputs"),
    ("timeline", "schedule"), ("periods", "schedule"), ("periods", "timeline"),
    ("graph", "model"), ("config", "model"), ("expectations", "model"), ("expectations", "graph"),
    ("expectations", "config"),
    ("maze", "load"),
    ("routes", "simulator"), ("routes", "analysis"),
    ("verdicts", "analyses"), ("verdicts", "checks"),
    ("diff", "lint"), ("render", "lint"), ("testing", "lint"), ("diff", "formatters"), ("render", "formatters"),
    ("cli", ""), ("__main__", "cli"),
})
# Lower units a unit must not import all the same (PLAN.md).
FORBIDDEN: Mapping[str, frozenset[str]] = {
    "analysis": frozenset({"config", "checks"}),   # the analysis is pure
    "simulator": frozenset({"analysis", "lint"}),  # it takes a best-route function instead
}
# The only imports allowed inside a function: heavy modules kept off start-up (third-party ones,
# and the standard library's processes, which import sockets, logging and subprocess with them).
HEAVY = frozenset({"scipy", "networkx", "graphviz", "numpy", "holidays", "multiprocessing", "concurrent"})
# Modules (ivrmaze's own and the standard library's) that few runs need, imported where they are used, with a comment naming
# them: a check of a small file must start about as fast as importing PyYAML and click (issue 15).
RARE = frozenset({"expectations", "verdicts", "baseline", "tempfile", "traceback", "pkgutil", "difflib"})
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
ID_MODULES = frozenset({f"{PACKAGE}.graph"})  # the one place that builds and splits "file#id"


@dataclass(frozen=True)
class Module:
    name: str        # dotted: ivrmaze.checks.trap; a package is named by its __init__
    path: Path
    text: str
    tree: ast.Module
    is_package: bool


@dataclass(frozen=True)
class Import:
    source: str      # the importing module
    target: str      # an ivrmaze module, or the dotted name of a third-party one
    internal: bool
    line: int
    end_line: int
    in_function: bool

    def where(self, modules: Mapping[str, Module]) -> str:
        path = modules[self.source].path
        return f"{path}:{self.line}" + (" (in a function)" if self.in_function else "")


def read_tree(top: Path, package: str = PACKAGE) -> dict[str, Module]:
    """Every module under ``top/package``, by dotted name."""
    modules = {}
    for path in sorted((top / package).rglob("*.py")):
        parts = list(path.relative_to(top).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        text = path.read_text(encoding="utf-8")
        name = ".".join(parts)
        modules[name] = Module(name, path.relative_to(top), text, ast.parse(text, str(path)), is_package)
    return modules


def _walk(node: ast.AST, in_function: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        yield child, in_function
        yield from _walk(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))


def _owner(name: str, modules: Mapping[str, Module]) -> str:
    """The longest prefix of ``name`` that is a module of the tree (``a.b.func`` -> ``a.b``)."""
    while name not in modules and "." in name:
        name = name.rpartition(".")[0]
    return name


def _targets(node: ast.Import | ast.ImportFrom, module: Module, modules: Mapping[str, Module],
             package: str) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        parts = module.name.split(".")[: len(module.name.split(".")) - (not module.is_package)]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    if base.split(".")[0] != package:
        yield base
        return
    # `from . import x`: the module x when there is one, else the package's __init__
    for alias in node.names:
        yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base


def imports(modules: Mapping[str, Module], package: str = PACKAGE) -> list[Import]:
    """Every import statement, at any depth, with what it names."""
    found = []
    for module in modules.values():
        for node, in_function in _walk(module.tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in dict.fromkeys(_targets(node, module, modules, package)):
                    internal = target.split(".")[0] == package
                    found.append(Import(module.name, _owner(target, modules) if internal else target, internal,
                                        node.lineno, node.end_lineno or node.lineno, in_function))
    # `from .x import a, b` names x once
    return list(dict.fromkeys(found))


def import_cycles(modules: Mapping[str, Module]) -> list[str]:
    """Each import cycle once, from its smallest module, with where every import is."""
    edges: dict[str, dict[str, Import]] = {name: {} for name in modules}
    for imp in imports(modules):
        if imp.internal:
            edges[imp.source].setdefault(imp.target, imp)
    cycles, seen = [], set()
    for start in sorted(modules):
        path = _cycle_from(start, edges)
        if path and frozenset(path) not in seen:
            seen.add(frozenset(path))
            steps = [f"{a} ({edges[a][b].where(modules)})" for a, b in zip(path, path[1:] + path[:1], strict=True)]
            cycles.append(" -> ".join(steps + [path[0]]))
    return cycles


def _cycle_from(start: str, edges: Mapping[str, Mapping[str, Import]]) -> list[str] | None:
    """The shortest cycle through ``start`` (breadth first), as the modules on it."""
    parent: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(edges[node]):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return path[::-1]
                if nxt not in parent:
                    parent[nxt] = node
                    following.append(nxt)
        frontier = following
    return None


def unit_of(name: str, layers: tuple[tuple[str, ...], ...] = LAYERS, package: str = PACKAGE) -> str | None:
    """The layer unit a module belongs to (``ivrmaze.checks.trap`` -> ``checks``; the root -> ``""``)."""
    rest = name.removeprefix(package).removeprefix(".")
    units = {u for layer in layers for u in layer}
    first = rest.split(".")[0]
    return first if first in units else None


def layer_violations(modules: Mapping[str, Module], layers: tuple[tuple[str, ...], ...] = LAYERS,
                     siblings: frozenset[tuple[str, str]] = SIBLINGS,
                     forbidden: Mapping[str, frozenset[str]] = FORBIDDEN) -> list[str]:
    """Imports of a higher layer, of a same-layer unit not in ``siblings``, or ``forbidden`` ones."""
    level = {u: i for i, layer in enumerate(layers) for u in layer}
    bad = [f"{name} ({m.path}) is in no layer: add it to LAYERS and docs/architecture.md"
           for name, m in modules.items() if unit_of(name, layers) is None]
    for imp in imports(modules):
        a, b = unit_of(imp.source, layers), unit_of(imp.target, layers)
        if not imp.internal or a is None or b is None or a == b:
            continue
        if level[b] > level[a]:
            why = f"a higher layer ({LAYER_NAMES[level[b]]} above {LAYER_NAMES[level[a]]})"
        elif level[b] == level[a] and (a, b) not in siblings:
            why = f"its own layer ({LAYER_NAMES[level[a]]}) without being allowed in SIBLINGS"
        elif b in forbidden.get(a, frozenset()):
            why = "a unit it must not import"
        else:
            continue
        bad.append(f"{imp.where(modules)}: {imp.source} imports {imp.target}, {why}")
    return bad


def function_imports(modules: Mapping[str, Module], heavy: frozenset[str] = HEAVY,
                     layers: tuple[tuple[str, ...], ...] = LAYERS, rare: frozenset[str] = RARE) -> list[str]:
    """Imports inside functions that do not keep a heavy module off the start-up path, or that no
    comment explains. Allowed: a heavy module itself, or a module of a lower layer that imports
    one or is ``rare``, with a comment naming the heavy or rare module (on the line, or above the
    block of imports)."""
    level = {u: i for i, layer in enumerate(layers) for u in layer}
    bad = []
    for imp in imports(modules):
        if not imp.in_function:
            continue
        why = _reason(modules[imp.source], imp)
        if imp.internal:
            src, dst = unit_of(imp.source, layers), unit_of(imp.target, layers)
            lower = src in level and dst in level and level[dst] < level[src]
            named = any(h in why for h in heavy) or (dst in rare and dst in why)
            if not lower or not named:
                bad.append(f"{imp.where(modules)}: imports {imp.target}; inside a function only "
                           f"{', '.join(sorted(heavy))} may be imported, or a lower layer's module with a comment "
                           "naming the heavy module it keeps off the start-up path (or the rare module it is)")
        elif imp.target.split(".")[0] not in heavy and not (imp.target in rare and imp.target in why):
            bad.append(f"{imp.where(modules)}: imports {imp.target}; only {', '.join(sorted(heavy))} may be "
                       "imported inside a function (to keep them off the start-up path)")
        elif not why:
            bad.append(f"{imp.where(modules)}: imports {imp.target} without a comment on the line or the "
                       "line above saying why")
    for m in modules.values():
        for node, in_function in _walk(m.tree):
            if in_function and isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "__import__":
                bad.append(f"{m.path}:{node.lineno} (in a function): __import__() hides an import")
    return bad


def _reason(m: Module, imp: Import) -> str:
    """The comments that explain an import: on its lines, or on the line above the block of
    consecutive imports it stands in."""
    comments = _comments(m.text)
    lines = m.text.splitlines()
    first = imp.line
    while first > 1 and lines[first - 2].strip().startswith(("import ", "from ")):
        first -= 1
    return " ".join(comments.get(n, "") for n in range(first - 1, imp.end_line + 1)).strip()


def long_modules(modules: Mapping[str, Module], limit: int = MAX_MODULE_LINES) -> list[str]:
    """Modules over ``limit`` lines."""
    counts = {m.path: len(m.text.splitlines()) for m in modules.values()}
    return [f"{path}: {n} lines (at most {limit})" for path, n in sorted(counts.items()) if n > limit]


def long_functions(modules: Mapping[str, Module], limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """Functions (methods and nested ones too) over ``limit`` lines from ``def`` to their last line."""
    bad = []
    for m in modules.values():
        for node, _ in _walk(m.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > limit:
                    bad.append(f"{m.path}:{node.lineno}: {node.name}() has {n} lines (at most {limit})")
    return bad


def _is_hash(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value == "#"


def _builds_id(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("rpartition", "partition", "rsplit") and node.args and _is_hash(node.args[0]):
            return True
        return node.func.attr == "join" and _is_hash(node.func.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        # `file + "#"` (then `+ nid`); a bare `"#" + anchor` is a link to an anchor
        return _is_hash(node.right) and not isinstance(node.left, ast.Constant)
    if isinstance(node, ast.JoinedStr):
        v = node.values
        return any(isinstance(v[i - 1], ast.FormattedValue) and _is_hash(v[i]) and isinstance(v[i + 1], ast.FormattedValue)
                   and not _is_url(v[i - 1]) for i in range(1, len(v) - 1))
    return False


def _is_url(value: ast.AST) -> bool:
    """``f"{DOCS_URL}#{anchor}"`` is a link to a page's section, not a node id."""
    expr = value.value if isinstance(value, ast.FormattedValue) else value
    name = expr.id if isinstance(expr, ast.Name) else expr.attr if isinstance(expr, ast.Attribute) else ""
    return name.upper().endswith("URL")


def hand_built_ids(modules: Mapping[str, Module], allowed: frozenset[str] = ID_MODULES) -> list[str]:
    """Node ids split on ``"#"`` or joined with it outside graph.py (use graph.qualify/split/shown)."""
    return [f"{m.path}:{node.lineno}: {ast.unparse(node)[:80]} builds or splits a node id by hand; "
            "use ivrmaze.graph" for m in modules.values() if m.name not in allowed
            for node, _ in _walk(m.tree) if isinstance(node, ast.expr) and _builds_id(node)]


def _comments(text: str) -> dict[int, str]:
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return {tok.start[0]: tok.string for tok in tokens if tok.type == tokenize.COMMENT}


def mypy_switched_off(modules: Mapping[str, Module]) -> list[str]:
    """Comments that switch mypy off, which mypy itself cannot refuse: ``# mypy:`` settings and
    a bare ``# type: ignore`` (``# type: ignore[code]`` names what it ignores, and
    ``warn_unused_ignores`` removes it once it is not needed)."""
    bad = []
    for m in modules.values():
        for line, comment in sorted(_comments(m.text).items()):
            words = comment.lstrip("#").replace(" ", "")
            if words.startswith("mypy:") or words.startswith("type:ignore") and not words.startswith("type:ignore["):
                bad.append(f"{m.path}:{line}: {comment[:60]} switches mypy off; name the code: # type: ignore[code]")
    return bad


# What ivrmaze never does (docs/security.md): run code from data, talk to the network, use a shell.
NEVER_IMPORTED = frozenset({"pickle", "marshal", "shelve", "dill", "cloudpickle", "socket", "ssl", "http", "urllib.request",
                            "ftplib", "smtplib", "xmlrpc", "webbrowser", "requests", "ctypes"})
NEVER_CALLED = frozenset({"eval", "exec", "compile", "os.system", "os.popen", "os.execv", "os.execvp", "os.spawnv",
                          "pty.spawn"})
# The programs ivrmaze runs, each from one module, as an argument list: Graphviz's dot and git.
RUNS_PROGRAMS = frozenset({f"{PACKAGE}.render.dot", f"{PACKAGE}.diff.sources"})


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return f"{_dotted(node.value)}.{node.attr}" if isinstance(node, ast.Attribute) else ""


def dangerous_powers(modules: Mapping[str, Module], programs: frozenset[str] = RUNS_PROGRAMS) -> list[str]:
    """Modules that can run code from data (pickle, eval), reach the network, or use a shell."""
    bad = []
    for imp in imports(modules):
        root = imp.target.split(".")[0]
        if imp.target in NEVER_IMPORTED or root in NEVER_IMPORTED:
            bad.append(f"{imp.where(modules)}: {imp.source} imports {imp.target}")
        elif root == "subprocess" and imp.source not in programs:
            bad.append(f"{imp.where(modules)}: {imp.source} runs programs; only {', '.join(sorted(programs))} may")
    for m in modules.values():
        for node, _ in _walk(m.tree):
            if not isinstance(node, ast.Call):
                continue
            name = _dotted(node.func)
            if name in NEVER_CALLED:
                bad.append(f"{m.path}:{node.lineno}: calls {name}()")
            shell = any(k.arg == "shell" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                        for k in node.keywords)
            if name.startswith("subprocess.") and (shell or node.args and not isinstance(node.args[0], ast.List | ast.Name)):
                bad.append(f"{m.path}:{node.lineno}: {name}() with a shell or a command line as a string")
    return bad


RULES = (import_cycles, layer_violations, function_imports, long_modules, long_functions, hand_built_ids,
         mypy_switched_off, dangerous_powers)


@pytest.fixture(scope="module")
def package() -> dict[str, Module]:
    return read_tree(ROOT)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_package_keeps_the_rule(package: dict[str, Module], rule: Callable[[dict[str, Module]], list[str]]) -> None:
    offenders = rule(package)
    assert not offenders, f"{(rule.__doc__ or '').splitlines()[0]}\n" + "\n".join(offenders)


def test_the_layers_are_those_of_the_docs() -> None:
    rows = re.findall(r"^\| (\d)\. ([a-z ]+) \| (.*) \|$", (ROOT / "docs/architecture.md").read_text(), re.M)
    documented = tuple(tuple("" if u == f"{PACKAGE}/__init__.py" else u.rstrip("/") for u in re.findall(r"`([^`]+)`", units))
                       for _, _, units in rows)
    assert documented == LAYERS
    assert tuple(name for _, name, _ in rows) == LAYER_NAMES


def test_mypy_checks_every_function_of_the_package() -> None:
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert mypy["files"] == [PACKAGE]
    assert mypy["disallow_untyped_defs"] and mypy["disallow_incomplete_defs"]
    makefile = (ROOT / "Makefile").read_text()
    assert "mypy" in makefile and "ruff check" in makefile and "test: lint" in makefile


# The rules themselves, on small fake trees: each must fail on a bad one and pass on a good one.

def fake(tmp_path: Path, files: Mapping[str, str]) -> dict[str, Module]:
    """A fake ``ivrmaze`` package from {path under ivrmaze/: source}; __init__.py files are added."""
    for rel, text in {"__init__.py": "", **files}.items():
        path = tmp_path / PACKAGE / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / "__init__.py").touch()
        path.write_text(text)
    return read_tree(tmp_path)


def test_a_cycle_through_a_function_level_import_is_a_cycle(tmp_path: Path) -> None:
    tree = fake(tmp_path, {"a.py": "from . import b\n", "b.py": "def f() -> None:\n    from .a import x\n"})
    assert import_cycles(tree) == [
        "ivrmaze.a (ivrmaze/a.py:1) -> ivrmaze.b (ivrmaze/b.py:2 (in a function)) -> ivrmaze.a"]


def test_absolute_and_package_imports_resolve(tmp_path: Path) -> None:
    tree = fake(tmp_path, {
        "m.py": "from .pkg import helper\n",                      # a name in pkg/__init__.py
        "pkg/__init__.py": "import ivrmaze.pkg.inner\n",
        "pkg/inner.py": "from .. import m\n",                      # `from .. import m`: the module m
    })
    assert import_cycles(tree) == [
        "ivrmaze.m (ivrmaze/m.py:1) -> ivrmaze.pkg (ivrmaze/pkg/__init__.py:1) -> "
        "ivrmaze.pkg.inner (ivrmaze/pkg/inner.py:1) -> ivrmaze.m"]
    assert {(i.source, i.target) for i in imports(tree)} == {
        ("ivrmaze.m", "ivrmaze.pkg"), ("ivrmaze.pkg", "ivrmaze.pkg.inner"), ("ivrmaze.pkg.inner", "ivrmaze.m")}


def test_no_cycle_in_a_layered_tree(tmp_path: Path) -> None:
    tree = fake(tmp_path, {"a.py": "from . import b\nimport os\n", "b.py": "def f() -> None:\n    from . import c\n",
                           "c.py": ""})
    assert import_cycles(tree) == []


def test_layers_hold_only_downwards(tmp_path: Path) -> None:
    tree = fake(tmp_path, {
        "words.py": "from .checks import trap\n",                   # vocabulary importing judgement
        "cache.py": "from .source import read\n",                   # a sibling the table does not allow
        "source.py": "from .cache import load\n",                   # one it does
        "analysis/__init__.py": "from ..config import Config\n",    # lower, but forbidden
        "checks/__init__.py": "", "checks/trap.py": "from ._where import listing\nfrom ..analysis import x\n",
        "checks/_where.py": "", "config.py": "from .words import plural\n", "extra.py": "",
    })
    assert layer_violations(tree) == [
        "ivrmaze.extra (ivrmaze/extra.py) is in no layer: add it to LAYERS and docs/architecture.md",
        "ivrmaze/analysis/__init__.py:1: ivrmaze.analysis imports ivrmaze.config, a unit it must not import",
        "ivrmaze/cache.py:1: ivrmaze.cache imports ivrmaze.source, its own layer (reading) without being "
        "allowed in SIBLINGS",
        "ivrmaze/words.py:1: ivrmaze.words imports ivrmaze.checks.trap, a higher layer (judgement above vocabulary)",
    ]


def test_function_imports_only_of_heavy_modules_with_a_reason(tmp_path: Path) -> None:
    tree = fake(tmp_path, {"a.py": (
        "def ok() -> None:\n"
        "    # scipy takes 0.3 s to import; only the solver needs it\n"
        "    import scipy.sparse\n"
        "    import networkx as nx  # only for drawing\n"
        "def bad() -> None:\n"
        "    import scipy\n"
        "    import os\n"
        "    from . import b\n"
        "    __import__('json')\n"
    ), "b.py": "import scipy\n"})
    assert function_imports(tree) == [
        "ivrmaze/a.py:6 (in a function): imports scipy without a comment on the line or the line above saying why",
        "ivrmaze/a.py:7 (in a function): imports os; only concurrent, graphviz, holidays, multiprocessing, networkx, "
        "numpy, scipy may be imported inside a function (to keep them off the start-up path)",
        "ivrmaze/a.py:8 (in a function): imports ivrmaze.b; inside a function only concurrent, graphviz, holidays, "
        "multiprocessing, networkx, numpy, scipy may be imported, or a lower layer's module with a comment naming "
        "the heavy module it keeps off the start-up path (or the rare module it is)",
        "ivrmaze/a.py:9 (in a function): __import__() hides an import",
    ]


@pytest.mark.parametrize(("module", "ok", "bad", "others", "rare"), [
    # a lower layer's module that keeps a heavy one off the start-up path, the comment naming it
    ("analysis", "scipy: kept off the start-up path", "cli  # scipy", {"analysis.py": "import scipy\n", "cli.py": ""},
     RARE),
    # a rare module of ivrmaze's own, the comment naming it
    ("verdicts", "start-up: verdicts, only for expectations", "lint  # start-up: lint", {"verdicts.py": ""},
     frozenset({"verdicts", "lint"})),
])
def test_function_imports_of_a_lower_layer_name_why(tmp_path: Path, module: str, ok: str, bad: str,
                                                    others: dict[str, str], rare: frozenset[str]) -> None:
    tree = fake(tmp_path, {"lint.py": (
        "def ok() -> None:\n"
        f"    from . import {module}  # {ok}\n"
        "def bad() -> None:\n"
        f"    from . import {module}  # later\n"
        f"    from . import {bad}\n"
    ), **others})
    assert [b.split(": imports")[0] for b in function_imports(tree, rare=rare)] == [
        "ivrmaze/lint.py:4 (in a function)", "ivrmaze/lint.py:5 (in a function)"]


def test_module_and_function_lengths(tmp_path: Path) -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(59))
    tree = fake(tmp_path, {
        "short.py": "def fits() -> None:\n" + body + "TABLE = {\n" + "    1: 1,\n" * 300 + "}\n",
        "long.py": "class C:\n    def over(self) -> None:\n" + body.replace("    ", "        ") + "        pass\n"
                   + "\n" * 339,
    })
    assert len((tmp_path / "ivrmaze/short.py").read_text().splitlines()) == 362
    assert long_functions(tree) == ["ivrmaze/long.py:2: over() has 61 lines (at most 60)"]
    assert long_modules(tree) == ["ivrmaze/long.py: 401 lines (at most 400)"]


def test_node_ids_are_built_and_split_in_graph_only(tmp_path: Path) -> None:
    code = ('a = q.rpartition("#")[2]\nb = f"{file}#{nid}"\nc = file + "#" + nid\nd = "#".join(parts)\n'
            'e = f"{DOCS_URL}#{name}"\nf = f\'<a href="#{anchor}">\'\ng = "#" + anchor\nh = line.split("#")[0]\n')
    tree = fake(tmp_path, {"graph.py": code, "other.py": code})
    assert [o.split(": ")[0] for o in hand_built_ids(tree)] == [
        "ivrmaze/other.py:1", "ivrmaze/other.py:2", "ivrmaze/other.py:3", "ivrmaze/other.py:4"]


def test_comments_that_switch_mypy_off(tmp_path: Path) -> None:
    tree = fake(tmp_path, {"a.py": (
        "# mypy: ignore-errors\n"
        "x: int = 'a'  # type: ignore\n"
        "y: int = 'b'  # type: ignore[assignment]\n"
        "z = '# type: ignore'\n"
    )})
    assert [o.split(": ")[0] for o in mypy_switched_off(tree)] == ["ivrmaze/a.py:1", "ivrmaze/a.py:2"]


def test_dangerous_powers(tmp_path: Path) -> None:
    tree = fake(tmp_path, {
        "cache.py": "import pickle\nfrom urllib.request import urlopen\nimport urllib.parse\n",
        "diff/sources.py": "import subprocess\nsubprocess.run(['git', 'show'])\nsubprocess.run('git show', shell=True)\n",
        "render/dot.py": "import subprocess\nsubprocess.run(argv, shell=False)\n",
        "x.py": "import subprocess\nimport os\nos.system('ls')\neval('1')\n",
    })
    assert dangerous_powers(tree) == [
        "ivrmaze/cache.py:1: ivrmaze.cache imports pickle",
        "ivrmaze/cache.py:2: ivrmaze.cache imports urllib.request",
        "ivrmaze/x.py:1: ivrmaze.x runs programs; only ivrmaze.diff.sources, ivrmaze.render.dot may",
        "ivrmaze/diff/sources.py:3: subprocess.run() with a shell or a command line as a string",
        "ivrmaze/x.py:3: calls os.system()",
        "ivrmaze/x.py:4: calls eval()",
    ]
