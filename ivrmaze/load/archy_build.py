"""The document an Archy flow is translated into, built node by node with positions.

``Build`` holds the ivrmaze document being written, the Archy document it comes from, and
the bookkeeping the translation needs: unique node ids, where each node and field comes
from in the Archy file, the menus and tasks that references name, and the flow's error route.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding
from ..language import HANGUP
from ..source import Document, Path
from ..words import display_path, safe, suggest
from .archy_values import mapping, reference, slug
from .platform import Translated


@dataclass
class Scope:
    """Where an action sequence stands: its id prefix, and the enclosing loop's (again, done)."""

    prefix: str
    loop: tuple[str, str] | None = None


@dataclass
class Build:
    """An Archy flow being translated (see the module docstring)."""

    doc: Document
    tr: Translated
    flow: Path
    #: Menus and tasks by refId and by name -> the path of their mapping in the Archy document.
    menus: dict[str, Path] = field(default_factory=dict)
    tasks: dict[str, Path] = field(default_factory=dict)
    #: Path of a menu or task mapping -> its node id (a task: the node of its first action).
    ids: dict[Path, str] = field(default_factory=dict)
    #: Reserved ids, by the Archy path they were reserved for.
    reserved: dict[Path, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    #: Node id -> the Archy path it was reserved for.
    owner: dict[str, Path] = field(default_factory=dict)
    #: Where a call goes when an action fails and no output of its own handles the failure.
    error_route: str = HANGUP
    #: The menu repeat count of the flow (``settingsMenu.repeatCount``).
    repeat: int = 3
    #: Node id -> what it is in Archy terms: "playAudio 'Closed'" (labels add the id).
    labels: dict[str, str] = field(default_factory=dict)
    #: Task paths being translated (a task that starts by jumping to itself).
    busy: set[Path] = field(default_factory=set)

    @property
    def nodes(self) -> dict[str, Any]:
        nodes: dict[str, Any] = self.tr.data["nodes"]
        return nodes

    def get(self, path: Path) -> Any:
        """The Archy value at ``path`` (None where the file has nothing)."""
        v: Any = self.doc.data
        for key in path:
            if isinstance(v, dict):
                v = v.get(key)
            elif isinstance(v, list) and isinstance(key, int) and 0 <= key < len(v):
                v = v[key]
            else:
                return None
        return v

    def at(self, path: Path) -> tuple[int, int]:
        """The (line, column) of the Archy key at ``path`` (or of its nearest parent)."""
        return tuple(self.doc.pos(path))  # type: ignore[return-value]

    def problem(self, kind: str, message: str, path: Path, node: str | None = None, value: bool = False) -> None:
        line, column = self.doc.pos(path, value=value)
        self.tr.problems.append(Finding(kind, safe(message), display_path(self.doc.path), line, column, node=node))

    def reserve(self, path: Path, base: str) -> str:
        """A unique node id for the Archy element at ``path`` (the same one if asked again)."""
        if path in self.reserved:
            return self.reserved[path]
        nid, n = base, 2
        while nid.lower() in self.taken or nid.lower() == HANGUP:
            nid, n = f"{base}-{n}", n + 1
        self.taken.add(nid.lower())
        self.reserved[path] = nid
        self.owner[nid] = path
        return nid

    def add(self, nid: str, node: dict[str, Any], path: Path, label: str, fields: dict[str, Path] | None = None,
            aliases: set[str] | None = None) -> str:
        """Write node ``nid`` from the Archy element at ``path``; ``fields`` names the Archy path
        each of its keys comes from (for the positions of findings about that key)."""
        self.nodes[nid] = node
        self.tr.key_pos[("nodes", nid)] = self.at(path)
        self.tr.val_pos[("nodes", nid)] = self.at(path)
        for key in node:
            self.place(("nodes", nid, key), (fields or {}).get(key, path))
        self.labels[nid] = label
        self.tr.labels[nid] = safe(f"`{nid}` ({label})")
        self.tr.notes[nid] = safe(f"Archy {label}")
        if aliases:
            self.tr.aliases.setdefault(nid, set()).update(a for a in aliases if a)
        return nid

    def place(self, ours: Path, theirs: Path) -> None:
        """Record that the ivrmaze path ``ours`` is written at the Archy path ``theirs``."""
        self.tr.key_pos[ours] = self.at(theirs)
        vp = self.doc.val_pos.get(tuple(theirs))
        self.tr.val_pos[ours] = vp if vp is not None else self.at(theirs)

    def target_of(self, ref_path: Path, want: str, entry: Any) -> str:
        """The node a ``targetMenuRef`` / ``targetTaskRef`` at ``ref_path`` goes to; a positioned
        problem and ``hangup`` when it names no menu or task of the flow. ``entry(path)`` gives
        the node of a task or menu path."""
        ref = reference(self.get(ref_path))
        table = self.menus if want == "menu" else self.tasks
        if ref is None:
            written = self.get(ref_path)
            self.problem("reference", f"`{ref_path[-1]}` is {safe(written)!s}, expected a reference such as "
                         f"`/inboundCall/{want}s/{want}[refId]`", ref_path, value=True)
            return HANGUP
        kind, name = ref
        table = self.menus if kind == "menu" else self.tasks
        if name not in table:
            hint = suggest(name, table)
            self.problem("reference", f"`{ref_path[-1]}` goes to the {kind} `{name}`, which is not in this flow, "
                         f"expected the refId or name of one of its {kind}s{hint}", ref_path, value=True)
            return HANGUP
        out: str = entry(table[name])
        return out

    def index(self, kind: str, items_path: Path) -> None:
        """Learn the menus or tasks listed at ``items_path`` (each ``- menu: {...}`` / ``- task:``)."""
        table = self.menus if kind == "menu" else self.tasks
        items = self.get(items_path)
        for i, item in enumerate(items if isinstance(items, list) else []):
            body = mapping(mapping(item).get(kind))
            path = (*items_path, i, kind)
            for key in ("refId", "name"):
                name = body.get(key)
                if isinstance(name, (str, int)) and str(name) not in table:
                    table[str(name)] = path

    def base_id(self, path: Path, fallback: str) -> str:
        """The id a menu or task would like: its refId (else name) slugged."""
        body = mapping(self.get(path))
        name = body.get("refId", body.get("name"))
        return slug(str(name)) if isinstance(name, (str, int)) and str(name).strip() else fallback
