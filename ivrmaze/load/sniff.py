"""Which platform wrote a file, told by its first bytes: the ``looks_like(path, raw)`` test of each
platform reader, kept apart from the readers so that a folder walk and a check of ivrmaze YAML
never import them (``readers.READERS`` imports a reader when a file of its platform is met)."""
from __future__ import annotations

import re

#: The flow types whose file the Archy reader reads (the top-level key of an Archy file).
FLOW_TYPES = ("inboundCall", "inboundChat", "inboundEmail", "inboundShortMessage")
#: Names of Twilio Studio flows kept as JavaScript modules (refused with a finding).
JS_SUFFIXES = (".js", ".mjs", ".cjs", ".ts")

_SIGNS = re.compile(rb'"Version"\s*:', re.ASCII)
_ACTIONS = re.compile(rb'"(?:Actions|StartAction)"\s*:', re.ASCII)
_LOOKS = re.compile(rb"^(?:%s):[ \t]*(?:#.*)?\r?$" % b"|".join(t.encode() for t in FLOW_TYPES), re.M)
_PARTS = re.compile(rb"^[ \t]+(?:startUpRef|menus|tasks):", re.M)
_HEADER = re.compile(rb"^[ \t]*\[[^\]\r\n]+\][ \t]*(\([^)\r\n]*\))?[ \t]*(;.*)?$", re.MULTILINE)
_EXTEN = re.compile(rb"^[ \t]*(exten|same)[ \t]*=>?", re.MULTILINE | re.IGNORECASE)


def connect(path: str, raw: bytes) -> bool:
    """A JSON object whose keys include `Version` and `Actions` or `StartAction` (by content: the
    name ``path`` does not matter, flows are kept as `.json`, `.tpl`, `.txt`...)."""
    del path
    head = raw[:1_000_000].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and bool(_SIGNS.search(head)) and bool(_ACTIONS.search(head))


def archy(path: str, raw: bytes) -> bool:  # noqa: ARG001 - by content only
    """An Archy flow file: a top-level ``inboundCall:`` (or another flow type) with its parts."""
    head = raw[:200_000]
    return bool(_LOOKS.search(head) and _PARTS.search(head))


def _has_keys(raw: bytes) -> bool:
    """``states`` with ``initial_state``, or with ``transitions`` (what the first megabyte a folder walk
    sniffs shows of a big flow, whose ``initial_state`` comes last)."""
    return b'"states"' in raw and (b'"initial_state"' in raw or b'"transitions"' in raw)


def studio(path: str, raw: bytes) -> bool:
    """A JSON object with ``states`` and ``initial_state`` (alone, or under ``definition`` as the
    REST API gives it), or a JavaScript module exporting one (refused with a finding)."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return _has_keys(raw)
    if head.startswith(b"[") and b'"definition"' in raw:  # the Twilio CLI's `-o json`: a list of one Flow
        return _has_keys(raw)
    return path.lower().endswith(JS_SUFFIXES) and _has_keys(raw) and b"export" in raw


def asterisk(path: str, raw: bytes) -> bool:  # noqa: ARG001 (the contract's signature: told by content)
    """A dialplan: a `[context]` header and an `exten =>` or `same =>` line (whatever the file's name)."""
    head = raw[:1_000_000]
    # the characters the expressions need, looked for first: a menu file without them is then not
    # scanned line by line (7 ms a megabyte)
    if b"=" not in head or b"[" not in head:
        return False
    return bool(_HEADER.search(head)) and bool(_EXTEN.search(head))
