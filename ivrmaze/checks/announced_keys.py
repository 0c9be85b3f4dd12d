"""announced-not-wired and wired-not-announced: the keys a menu's prompt announces ("press 1",
"for billing, press 2", "druk op 1") against the keys its options wire.

The prompt is the `menu:` text (a platform's text-to-speech ends up there). Only a prompt that
announces at least one key is judged: one that announces none may be a stand-in or a short
"make your choice" after a message that read the options out. A menu whose prompt is a recording
(`audio:`) with the `audio` value itself as its text (a stand-in) is skipped. The phrases are
the tables of ``_phrases`` (English and Dutch) and the templates of the `key_phrases` setting.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from ..kinds import Kind
from ..words import listing, safe
from . import _phrases
from .context import CheckContext, finding

ANNOUNCED_NOT_WIRED = Kind("announced-not-wired", "IVM216", "warning",
                           "A menu's prompt announces a key that no option wires.")
WIRED_NOT_ANNOUNCED = Kind("wired-not-announced", "IVM217", "warning",
                           "A menu wires an option its prompt does not announce.")
KINDS = (ANNOUNCED_NOT_WIRED, WIRED_NOT_ANNOUNCED)
LIMITS: dict[str, tuple[int, str]] = {}
LISTS = {"key_phrases": ("more phrases that announce a key (announced-not-wired, wired-not-announced): "
                         "templates such as `oprima {key}`", _phrases.template_problem)}


def _stand_in(node: Any) -> bool:
    """A recorded prompt whose text is only its file or id: nothing to read the keys from."""
    return node.audio is not None and node.text.strip() == node.audio.strip()


def check(ctx: CheckContext) -> Iterator[Finding]:
    for path, mf in ctx.maze.files.items():
        extra = ctx.config.texts(path, "key_phrases")
        for node in mf.nodes.values():
            if node.kind != "menu" or _stand_in(node):
                continue
            said = _phrases.announced(node.text, extra)
            if not said:
                continue
            options = [link for link in node.links if link.via == "options"]
            wired = {link.key for link in options}
            missing = [k for k in said if k not in wired]
            if missing:
                p = node.field_pos.get("menu", node.pos)
                shown = listing([f'{k} ("{safe(said[k])}")' for k in missing])
                yield finding(ANNOUNCED_NOT_WIRED, f"menu `{node.id}` announces {_keys(missing)} {shown} but wires "
                              f"no option for {'it' if len(missing) == 1 else 'them'}, expected an option for "
                              "every key the prompt announces (or a prompt that announces only the wired keys)",
                              path, p.line, p.column, node=node.id)
            hidden = [link for link in options if link.key not in said]
            if hidden:
                p = mf.document.pos(("nodes", node.id, "options", hidden[0].key)) if mf.document else hidden[0].pos
                shown = listing([f'{link.key} (to `{link.target}`)' for link in hidden])
                yield finding(WIRED_NOT_ANNOUNCED, f"menu `{node.id}` wires {_keys(hidden)} {shown} that its prompt "
                              f"does not announce (it announces {listing(list(said))}), expected the prompt to "
                              "announce every option, or no option for a key callers are never told of",
                              path, p.line, p.column, node=node.id)


def _keys(items: list[Any]) -> str:
    return "key" if len(items) == 1 else "keys"
