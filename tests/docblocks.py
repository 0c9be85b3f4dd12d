"""Fenced code blocks of the docs, with their info strings (```python file=tests/x.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^```([\w-]*)([^\n]*)\n(.*?)^```\s*$", re.S | re.M)


@dataclass
class Block:
    lang: str
    info: dict  # key=value words, and bare words as key -> True
    text: str


def blocks(markdown: str) -> list[Block]:
    out = []
    for m in _FENCE.finditer(markdown):
        info = {}
        for word in m.group(2).split():
            k, _, v = word.partition("=")
            info[k] = v or True
        out.append(Block(m.group(1), info, m.group(3)))
    return out
