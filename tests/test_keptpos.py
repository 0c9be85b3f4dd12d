"""Slim Documents (``Document.slim``, ``keptpos.Kept``): the key positions a loaded file keeps give
what the whole position tables give, anything else is read again, and a check finds the same."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks import generate
from ivrmaze import source
from ivrmaze.keptpos import kept
from ivrmaze.lint import load
from ivrmaze.source import Document
from ivrmaze.yamlevents import Positions

#: Shapes the generated mazes do not write: options of `{to, label}`, a list of options, a node
#: that is not a mapping, an external `{file, node}`, flow style, a node written as a list.
ODD = """\
ivrmaze: 1
name: Odd shapes
intents: {sales: Sales, help: Help}
entry: root
nodes:
  root:
    menu: Press 1 for sales. Press 2 for help.
    options:
      '1': {to: sales, label: Sales}
      '2': help
      '3': {to: help}
    no_input: root
  sales: {queue: Sales team, resolves: [sales]}
  help:
    say: Help is here.
    next: hangup
    resolves: [help]
  listed: [1, 2]
  bare: text
  odd-options: {menu: Pick., options: [a, b]}
  away: {external: {file: other.yaml, node: there}}
"""


def _documents() -> list[Document]:
    texts = [ODD, *(yaml.safe_dump(d, sort_keys=False) for d in generate.generate(400, seed=3, per_file=150).values())]
    docs = [source.parse(f"f{i}.yaml", t) for i, t in enumerate(texts)]
    assert all(isinstance(d.key_pos, Positions) for d in docs)  # all read from libyaml's events
    return docs


def _paths(doc: Document) -> list[tuple[Any, ...]]:
    """Every path of the file, and paths that are not there (a part more, a part other)."""
    out: list[tuple[Any, ...]] = [(), ("nodes", "no-such-node"), ("nodes", None), ("nodes", "root", None)]
    for p in doc.key_pos:
        out += [p, p + ("zz",), p[:-1] + ("zz",), p + (0,), p + ("options", "9")]
    return out


def _asked(doc: Document) -> list[tuple[Any, ...]]:
    """The paths whose key positions checks ask: intents, nodes and their fields, options' keys
    (of the nodes that are mappings)."""
    nodes: Any = doc.data["nodes"]  # type: ignore[index]
    return [p for p in doc.key_pos if p[:1] == ("intents",) or p == ("nodes",)
            or (p[:1] == ("nodes",) and (len(p) == 2 or isinstance(nodes[p[1]], dict) and (
                len(p) == 3 or len(p) == 4 and p[2] == "options" and isinstance(nodes[p[1]]["options"], dict))))]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return _documents()


def test_kept_gives_the_tables_position_or_nothing(documents: list[Document]) -> None:
    answered = 0
    for doc in documents:
        k = kept(doc.key_pos, doc.val_pos)
        assert k is not None
        table = doc.key_pos
        assert isinstance(table, Positions)
        for p in _paths(doc):
            got = k.key(p)
            if got is not None:
                answered += 1
                assert got == table.nearest(p, False), p
        for p in _asked(doc):  # what the checks ask is all kept
            assert k.key(p) is not None, p
    assert answered > 5_000


def test_a_slim_document_answers_as_the_whole_one(documents: list[Document]) -> None:
    for whole in documents:
        doc = source.parse(whole.path, whole.text)
        doc.slim()
        assert doc.kept is not None and "data" not in doc.__dict__
        assert doc.table(("nodes",)) is None
        assert doc.parts() == (whole.data, whole.key_pos, whole.val_pos)
        assert doc.kept is not None, "parts() of a slim Document keeps it slim (the cache's writer)"
        for p in _asked(whole):
            assert doc.pos(p) == whole.pos(p), p
        assert doc.kept is not None, "a key position the Document keeps was read again"
        for p in _paths(whole):
            assert doc.pos(p) == whole.pos(p), p
            assert doc.pos(p, value=True) == whole.pos(p, value=True), p
        assert doc.kept is None and doc.data == whole.data  # read again, once asked a value


def test_a_document_slims_to_the_positions_made_ahead(documents: list[Document], monkeypatch) -> None:
    for whole in documents:
        doc = source.parse(whole.path, whole.text)
        doc.prepare_slim()
        made = doc.ready
        assert made is not None and doc.kept is None and doc.data == whole.data  # nothing dropped yet

        def again(*_: Any) -> None:
            raise AssertionError("the positions were made again, not taken from prepare_slim")

        monkeypatch.setattr(source, "kept", again)
        doc.slim()
        monkeypatch.undo()
        assert doc.kept is made and doc.ready is None and "data" not in doc.__dict__
        for p in _asked(whole):
            assert doc.pos(p) == whole.pos(p), p


def _odd_folder(folder: Path) -> Path:
    for name, d in generate.generate(1500, seed=5, per_file=500).items():
        (folder / name).write_text(yaml.safe_dump(d, sort_keys=False), encoding="utf-8")
    (folder / "odd.yaml").write_text(ODD.replace("  listed: [1, 2]\n  bare: text\n", "")
                                     .replace("  odd-options: {menu: Pick., options: [a, b]}\n", "")
                                     .replace("other.yaml", "main.yaml").replace("node: there", "node: nowhere"),
                                     encoding="utf-8")
    return folder


def test_a_check_with_slim_documents_finds_what_whole_ones_find(tmp_path: Path, monkeypatch) -> None:
    folder = _odd_folder(tmp_path)
    parsed: list[str] = []
    parse = source.parse
    monkeypatch.setattr(source, "parse", lambda path, text: parsed.append(path) or parse(path, text))
    maze = load([str(folder)], strict=False)
    slimmed = {Path(mf.path).name: mf.document is not None and mf.document.kept is not None for mf in maze.files.values()}
    assert slimmed.pop("odd.yaml") is False  # its broken external node is reported at a value: read again
    assert slimmed and all(slimmed.values())
    loading = len(parsed)
    slim = [f.sort_key for f in maze.analyze().findings]
    assert len(parsed) == loading, "a check asked a position the slim Documents do not keep"
    monkeypatch.setattr(Document, "slim", lambda _self: None)
    whole = load([str(folder)], strict=False)
    assert [p.sort_key for p in maze.problems] == [p.sort_key for p in whole.problems]
    assert slim == [f.sort_key for f in whole.analyze().findings]
    kinds = {f.kind for f in whole.analyze().findings}
    assert {"too-many-options", "wired-not-announced"} <= kinds, kinds  # field and option keys were asked
    assert any(p.kind == "reference" for p in whole.problems)  # the external node, by a value's position
