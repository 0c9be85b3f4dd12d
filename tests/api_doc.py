"""docs/api.md, the reference of the Python API, generated from the docstrings.

``python3 -m tests.api_doc`` (from the repository root) says whether docs/api.md is up to date
and exits 1 when it is not; ``--update`` rewrites it (review the diff before committing).
tests/test_api_doc.py compares with the same function, so the two cannot disagree.

The page covers ``ivrmaze.load``, ``Maze``, ``Analysis``, ``IntentMetrics``, ``Finding``, the
errors and ``ivrmaze.testing``: for each, its signature and docstring; for a class, its fields
(with the comment beside each in the source), the ``#:`` attributes its ``__init__`` sets, and
its public properties and methods.
"""
from __future__ import annotations

import dataclasses
import functools
import inspect
import pathlib
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

import ivrmaze
import ivrmaze.testing as testing
from ivrmaze.analysis import Analysis, IntentMetrics

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "api.md"

HEAD = """# Python API

<!-- Generated from the docstrings by `python3 -m tests.api_doc --update`: edit the docstrings, not
this page. tests/test_api_doc.py fails when it is out of date. -->

`import ivrmaze`: `ivrmaze.load(paths)` reads menu files into a `Maze`; `maze.analyze()` gives an
`Analysis` (its `findings` and, per phone line and intent, `IntentMetrics`); `ivrmaze.testing`
holds the assertions and Hypothesis strategies for a team's own tests
([testing.md](testing.md)). What the metrics mean: [analysis.md](analysis.md); the findings:
[checks.md](checks.md).
"""


def _text(doc: str | None) -> str:
    """A docstring as Markdown: ``x`` (reStructuredText literals) as `x`."""
    return re.sub(r"``(.+?)``", r"`\1`", inspect.cleandoc(doc)) if doc else ""


def _annotation(a: Any) -> str:
    text = a if isinstance(a, str) else inspect.formatannotation(a)
    text = re.sub(r"ForwardRef\('([^']*)'\)", r"\1", text)
    return text.replace("hypothesis.strategies.", "st.")


def _default(fn: Callable[..., Any], value: Any) -> str:
    """A default as the source names it: a module-level constant by its name, else its repr."""
    if not isinstance(value, (bool, int, float, str, type(None))):
        for name, g in getattr(fn, "__globals__", {}).items():
            if g is value and name.isupper():
                return name
    return repr(value)


def signature(name: str, fn: Callable[..., Any], *, method: bool = False) -> str:
    sig = inspect.signature(fn)
    parts: list[str] = []
    star = False
    for p in sig.parameters.values():
        if method and p.name == "self":
            continue
        if p.kind is p.KEYWORD_ONLY and not star:
            parts.append("*")
            star = True
        text = p.name if p.annotation is p.empty else f"{p.name}: {_annotation(p.annotation)}"
        if p.default is not p.empty:
            text += f" = {_default(fn, p.default)}"
        parts.append(text)
    back = "" if sig.return_annotation is sig.empty else f" -> {_annotation(sig.return_annotation)}"
    return f"{name}({', '.join(parts)}){back}"


def _field_comments(cls: type) -> dict[str, str]:
    """``name: type  # comment`` in a dataclass body -> {name: comment}."""
    source = inspect.getsource(cls)
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"^    (\w+): [^#\n]+#(.*)$", source, re.M)}


def _init_attributes(cls: type) -> list[tuple[str, str]]:
    """``#: comment`` then ``self.name ...`` in ``__init__`` -> [(name, comment)]."""
    init = cls.__dict__.get("__init__")
    if init is None or dataclasses.is_dataclass(cls):
        return []
    source = inspect.getsource(init)
    return [(m.group(2), m.group(1).strip()) for m in re.finditer(r"#: (.*)\n\s*self\.(\w+)", source)]


def _members(cls: type) -> Iterator[tuple[str, str, str]]:
    """(heading, kind, docstring) of the public properties and methods defined on ``cls``."""
    for name, member in cls.__dict__.items():
        if name.startswith("_"):
            continue
        if isinstance(member, (property, functools.cached_property)):
            yield f"{name}", "property", _text(member.__doc__)
        elif inspect.isfunction(member):
            yield signature(name, member, method=True), "method", _text(member.__doc__)


def function_section(title: str, fn: Callable[..., Any], level: int = 2) -> list[str]:
    return [f"{'#' * level} `{title}`", "", "```python", signature(title, fn), "```", "", _text(fn.__doc__), ""]


def class_section(cls: type, owner: str) -> list[str]:
    out = [f"## `{cls.__name__}`", "", f"`from {owner} import {cls.__name__}`", "", _text(cls.__doc__), ""]
    if dataclasses.is_dataclass(cls):
        comments = _field_comments(cls)
        out += ["| field | type | |", "|---|---|---|"]
        for f in dataclasses.fields(cls):
            if f.repr or f.name in comments:
                kind = _annotation(f.type).replace("|", "\\|")  # a `|` inside a table cell
                out.append(f"| `{f.name}` | `{kind}` | {comments.get(f.name, '')} |")
        out.append("")
    attributes = _init_attributes(cls)
    if attributes:
        out += ["Attributes:", ""] + [f"- `{name}`: {text}" for name, text in attributes] + [""]
    for heading, kind, doc in _members(cls):
        out += [f"### `{cls.__name__}.{heading}`" + (" (property)" if kind == "property" else ""), ""]
        if doc:
            out += [doc, ""]
    return out


def page() -> str:
    """The text docs/api.md must have."""
    out = [HEAD]
    out += function_section("ivrmaze.load", ivrmaze.load)
    out += class_section(ivrmaze.Maze, "ivrmaze")
    out += class_section(Analysis, "ivrmaze.analysis")
    out += class_section(IntentMetrics, "ivrmaze.analysis")
    out += class_section(ivrmaze.Finding, "ivrmaze")
    out += ["## Errors", ""]
    for err in (ivrmaze.IvrmazeError, ivrmaze.UsageError, ivrmaze.MazeLoadError):
        base = err.__mro__[1].__name__
        out += [f"- `ivrmaze.{err.__name__}` ({base}): {_text(err.__doc__)}"]
    out += ["", "## `ivrmaze.testing`", "", _text(testing.__doc__), ""]
    for name in testing.__all__:
        out += function_section(f"ivrmaze.testing.{name}", getattr(testing, name), level=3)
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


def main(argv: list[str]) -> int:
    want = page()
    if PAGE.exists() and PAGE.read_text() == want:
        print("docs/api.md is up to date")
        return 0
    if "--update" in argv:
        PAGE.write_text(want)
        print("updated: docs/api.md")
        return 0
    print("docs/api.md is out of date: run `python3 -m tests.api_doc --update` and review the diff")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
