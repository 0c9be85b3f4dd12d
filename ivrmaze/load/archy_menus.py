"""Archy menus and their choices -> ivrmaze menu nodes.

A menu plays its audio and waits for a key; with no key (or a key no choice has) it plays
again, ``repeatCount`` times in all (``settingsMenu``, the menu's own or the flow's), and then
the call is disconnected. Each choice with a ``dtmf`` key is an option; a choice with only
speech terms (``speechRecTerms``) is no key a caller can press, so it is not an option: it is
noted on the menu (ivrmaze follows key presses only).
"""
from __future__ import annotations

from typing import Any

from ..language import HANGUP
from ..source import Path
from ..words import safe
from .archy_actions import Actions
from .archy_build import Build, Scope
from .archy_values import audio, dtmf, mapping, number, reference, scalar, slug

#: Menu choices that are an action of a task under another name (``menuTransferToAcd``...).
_AS_ACTION = {"menuTransferToAcd": "transferToAcd", "menuTransferToVoicemail": "transferToVoicemail",
              "menuTransferToNumber": "transferToNumber", "menuTransferToFlow": "transferToFlow",
              "menuTransferToFlowSecure": "transferToFlowSecure", "menuTransferToUser": "transferToUser",
              "menuTransferToGroup": "transferToGroup", "menuTransferToGroupVoicemail": "transferToGroupVoicemail"}


class Menus:
    """Translates the menus of one flow."""

    def __init__(self, b: Build, actions: Actions):
        self.b, self.actions = b, actions
        #: menu path -> the paths of the menus whose choices lead to it (for ``menuPreviousMenu``).
        self.parents: dict[Path, list[Path]] = {}
        for mpath in dict.fromkeys(b.menus.values()):
            self._learn_parents(mpath)

    def _learn_parents(self, mpath: Path) -> None:
        items = self.b.get((*mpath, "choices"))
        for i, item in enumerate(items if isinstance(items, list) else []):
            kind = next(iter(mapping(item)), None)
            cpath = (*mpath, "choices", i, kind)
            if kind == "menuSubMenu":
                self.parents.setdefault((*cpath, "menu"), []).append(mpath)
                self._learn_parents((*cpath, "menu"))
            elif kind == "menuJumpToMenu":
                ref = reference(self.b.get((*cpath, "targetMenuRef")))
                if ref is not None and ref[0] == "menu" and ref[1] in self.b.menus:
                    self.parents.setdefault(self.b.menus[ref[1]], []).append(mpath)

    def menu(self, path: Path, scope: Scope) -> str:
        """The node of the menu whose mapping is at ``path`` (translated on first use)."""
        b = self.b
        if path in b.ids:
            return b.ids[path]
        base = b.base_id(path, f"{scope.prefix}.menu" if scope.prefix else "menu")
        nid = b.ids[path] = b.reserve(path, base)
        body = mapping(b.get(path))
        text, recording = audio(body.get("audio"))
        name = scalar(body.get("name")) or nid
        node: dict[str, Any] = {"menu": text if text is not None else f"(recording {recording or 'not set'})"}
        if text is None:
            node["audio"] = recording or "not set"
        repeat = number(b.get((*path, "settingsMenu", "repeatCount"))) or b.repeat
        options, speech = self.choices(path, nid)
        node.update({"options": options, "no_input": nid, "no_match": nid, "retries": max(1, repeat),
                     "exhausted": HANGUP})
        settings = (*path, "settingsMenu", "repeatCount")
        fields = {"menu": (*path, "audio"), "audio": (*path, "audio"), "options": (*path, "choices"),
                  "retries": settings if b.get(settings) is not None else (*b.flow, "settingsMenu", "repeatCount")}
        aliases = {str(body[k]) for k in ("refId", "name") if scalar(body.get(k))}
        b.add(nid, node, path, f"menu '{name}'", fields, aliases)
        if scalar(body.get("refId")):
            b.tr.notes[nid] += safe(f" (refId {body['refId']})")
        if speech:
            b.tr.notes[nid] += f"; speech-only choices not followed: {', '.join(speech)}"
        return nid

    def choices(self, path: Path, nid: str) -> tuple[dict[str, Any], list[str]]:
        """The menu's options (DTMF key -> {to, label}) and the names of its speech-only choices."""
        b = self.b
        items = b.get((*path, "choices"))
        options: dict[str, Any] = {}
        speech: list[str] = []
        for i, item in enumerate(items if isinstance(items, list) else []):
            m = mapping(item)
            if len(m) != 1 or not isinstance(next(iter(m)), str):
                b.problem("type", "a menu choice is a mapping with one key, its type (such as `menuJumpToMenu:`), "
                          "expected one choice per list item", (*path, "choices", i))
                continue
            kind = next(iter(m))
            cpath = (*path, "choices", i, kind)
            body = mapping(m[kind])
            name = scalar(body.get("name")) or kind
            key = dtmf(body.get("dtmf"))
            if key is None:
                if body.get("dtmf") is not None and scalar(body.get("dtmf")) not in (None, "none"):
                    b.problem("dtmf", f"the choice '{name}' has the key {body['dtmf']!r}, expected `digit_0` to "
                              "`digit_9`, `star` or `pound`", (*cpath, "dtmf"))
                speech.append(name)
                continue
            if key in options:
                b.problem("duplicate-key", f"the choice '{name}' uses the key {key} that an earlier choice of this "
                          "menu uses, expected one choice per key", (*cpath, "dtmf"))
                continue
            target = self.choice(kind, cpath, name, nid)
            options[key] = {"to": target, "label": name}
            b.place(("nodes", nid, "options", key), cpath)
            b.tr.val_pos[("nodes", nid, "options", key)] = tuple(b.doc.pos((*cpath, "dtmf"), value=True))  # type: ignore[assignment]
        return options, speech

    def choice(self, kind: str, cpath: Path, name: str, menu_id: str) -> str:
        """Where the choice at ``cpath`` of the menu ``menu_id`` leads."""
        b, prefix = self.b, f"{menu_id}.{slug(name)}"
        if kind == "menuDisconnect":
            return HANGUP
        if kind == "menuRepeat":
            return menu_id
        if kind == "menuJumpToMenu":
            return b.target_of((*cpath, "targetMenuRef"), "menu", self.actions.entry)
        if kind in ("menuJumpToTask", "menuJumpToReusableTask"):
            return b.target_of((*cpath, "targetTaskRef"), "task", self.actions.entry)
        if kind == "menuTask":
            return self.actions.sequence((*cpath, "task", "actions"), Scope(prefix), HANGUP)
        if kind == "menuSubMenu":
            return self.menu((*cpath, "menu"), Scope(prefix))
        if kind == "menuPreviousMenu":
            return self.previous(cpath, name, menu_id)
        if kind in _AS_ACTION:
            b.reserve(cpath, prefix)
            return self.actions.transfer(cpath, name, Scope(prefix), self.failed(cpath, prefix, menu_id),
                                         kind=_AS_ACTION[kind])
        nid = b.reserve(cpath, prefix)
        return b.add(nid, {"unknown": f"Archy menu choice {kind} ({name})"}, cpath, f"{kind} '{name}'")

    def failed(self, cpath: Path, prefix: str, menu_id: str) -> str:
        """After a menu's transfer fails: its failure audio, then (assumed) the menu again."""
        text, recording = audio(self.b.get((*cpath, "failureTransferAudio")))
        if text is None and recording is None:
            return menu_id
        nid = self.b.reserve((*cpath, "failureTransferAudio"), f"{prefix}:failed")
        return self.b.add(nid, {"say": text or f"(recording {recording})", "next": menu_id},
                          (*cpath, "failureTransferAudio"), "failureTransferAudio")

    def previous(self, cpath: Path, name: str, menu_id: str) -> str:
        """``menuPreviousMenu``: the menu the caller came from. The menus whose choices lead here
        are known from the file: one is that menu, several are a decision, none is a target
        ivrmaze cannot follow (the caller came by a jump from a task)."""
        b = self.b
        parents = [self.menu(p, Scope("")) for p in dict.fromkeys(self.parents.get(cpath[:-3], []))]
        if len(parents) == 1:
            return parents[0]
        nid = b.reserve(cpath, f"{menu_id}.{slug(name)}")
        if not parents:
            return b.add(nid, {"unknown": "the previous menu"}, cpath, f"menuPreviousMenu '{name}'")
        return b.add(nid, {"decide": "Which menu did the caller come from?",
                           "outcomes": {p: p for p in parents}}, cpath, f"menuPreviousMenu '{name}'")
