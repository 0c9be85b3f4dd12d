"""Helpers for the Archy reader's tests: a flow from a few lines of YAML, translated."""
from __future__ import annotations

import textwrap

from ivrmaze.load import archy, platform


def flow(body: str, *, settings: str = "", name: str = "Test Flow", start: str = "/inboundCall/tasks/task[Start]") -> str:
    """An `inboundCall` flow: ``body`` is its `menus:` and `tasks:` (indented by two), ``settings``
    any further flow keys."""
    head = f"inboundCall:\n  name: {name}\n  startUpRef: \"{start}\"\n  defaultLanguage: en-us\n"
    return head + textwrap.indent(textwrap.dedent(settings), "  ") + textwrap.indent(textwrap.dedent(body), "  ")


def task(actions: str, ref: str = "Start") -> str:
    """A `tasks:` list with one task ``ref`` whose `actions:` are ``actions``."""
    return (f"tasks:\n  - task:\n      name: {ref}\n      refId: {ref}\n      actions:\n"
            + textwrap.indent(textwrap.dedent(actions), "        "))


def translate(text: str, vars: dict[str, str] | None = None, path: str = "flow.yaml") -> platform.Translated:
    return archy.translate(path, text.encode(), platform.Context(None, vars=dict(vars or {})))  # type: ignore[arg-type]


def nodes(text: str, **kw: object) -> dict:
    tr = translate(text, **kw)  # type: ignore[arg-type]
    assert tr.problems == [], [p.message for p in tr.problems]
    return tr.data["nodes"]


def line_of(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """(line, column) of the ``nth`` occurrence of ``needle`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
