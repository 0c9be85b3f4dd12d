"""Issue 11: renaming nodes or reordering a file changes no finding.

A random valid menu (``ivrmaze.testing.menus``) is rewritten with every node id replaced by a
fresh name and every mapping written in the reverse order (nodes, options, hours, intents,
top-level keys); the findings of both, with the new names mapped back, are the same: kinds,
severities, codes, intents, windows, the nodes they name, and the words they use. Which node
anchors a finding of several (a cycle's first transfer, a trap's first way in) follows the
file's order (the first position, as actionlint reports cycles), so the anchor is not compared."""
from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings

import ivrmaze
from ivrmaze.language import HANGUP
from ivrmaze.lint import lint
from ivrmaze.testing import dump, menus

FILE = "menu.yaml"
_NEW = re.compile(r"RENAMED(\d+)x")
_TARGETS = ("next", "closed", "open", "no_input", "no_match", "exhausted")


def _reverse(mapping: dict[str, Any]) -> dict[str, Any]:
    return dict(reversed(list(mapping.items())))


def _rewritten(menu: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """``menu`` with fresh node ids and every mapping reversed, and the new id -> old id."""
    new = {old: f"RENAMED{i}x" for i, old in enumerate(menu["nodes"])}

    def to(t: str) -> str:
        return new.get(t, t) if t != HANGUP else t

    def node(body: dict[str, Any]) -> dict[str, Any]:
        b = dict(body)
        for k in _TARGETS:
            if k in b:
                b[k] = to(b[k])
        if "options" in b:
            b["options"] = _reverse({k: {**v, "to": to(v["to"])} if isinstance(v, dict) else to(v)
                                     for k, v in b["options"].items()})
        if "transfers" in b:
            b["transfers"] = [{**t, "to": to(t["to"])} if isinstance(t, dict) else to(t) for t in b["transfers"]]
        if "external" in b:
            b["external"] = {**b["external"], "node": to(b["external"]["node"])}
        return _reverse(b)

    out: dict[str, Any] = {"ivrmaze": menu["ivrmaze"]}
    for key, value in reversed(list(menu.items())):
        if key == "nodes":
            value = {new[k]: node(v) for k, v in reversed(list(value.items()))}
        elif key == "entry":
            value = to(value)
        elif key == "channels":
            value = _reverse({c: to(t) for c, t in value.items()})
        elif key in ("hours", "intents"):
            value = _reverse(value)
        if key != "ivrmaze":
            out[key] = value
    return out, {v: k for k, v in new.items()}


def _findings(tmp_path_factory: Any, menu: dict[str, Any], back: dict[str, str]) -> list[tuple[Any, ...]]:
    folder = tmp_path_factory.mktemp("m")
    (folder / FILE).write_text(dump(menu), encoding="utf-8")
    found = lint(ivrmaze.load([str(folder / FILE)]), chances=False).findings

    def old(text: str | None) -> str | None:
        return None if text is None else _NEW.sub(lambda m: back[m.group(0)], text)

    # where a finding is anchored follows the file (a cycle or a trap is reported at its first
    # position, as actionlint does): compared are the problem's nodes, not which is the anchor
    return sorted((f.kind, f.severity, f.code, f.intent or "", tuple(sorted(f.intents)), f.when or (),
                   tuple(sorted({old(n) or "" for n in (f.nodes or (f.node,)) if n})),
                   tuple(sorted(set(re.findall(r"[^\s,;()`]+", old(f.message) or ""))))) for f in found)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(menus(filename=FILE))
def test_renaming_nodes_and_reordering_the_file_changes_no_finding(tmp_path_factory: Any, menu: dict[str, Any]) -> None:
    rewritten, back = _rewritten(menu)
    assert _findings(tmp_path_factory, rewritten, back) == _findings(tmp_path_factory, menu, {})
