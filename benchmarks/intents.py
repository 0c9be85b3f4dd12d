"""A small phone line with very many intents (issue 9, point 4: a 1.5 MB file with 100,000
intents ran `ivrmaze check` for more than 300 s, as a check compared every intent with every
other). Every intent can be resolved while the desk is open; a few are resolved by messages
too, so the checks see intents resolved in different ways.

    python -m benchmarks.intents 100000 out/intents.yaml
"""
from __future__ import annotations

import os
import sys
from typing import Any

import yaml

COUNT = 100000


def many_intents(count: int = COUNT) -> dict[str, Any]:
    """The menu document: ``count`` intents, a menu, a desk that resolves any intent in office
    hours, and messages that resolve every thousandth one."""
    ids = [f"i{k}" for k in range(count)]
    faq = ids[::1000]
    nodes: dict[str, Any] = {
        "main": {"menu": "For the desk press 1, for answers press 2.", "options": {"1": "desk", "2": "answers"},
                 "no_input": "main", "no_match": "main", "exhausted": "hangup"},
        "desk": {"queue": "Service desk", "hours": "office", "closed": "callback", "resolves": "*"},
        "callback": {"callback": "We call you back.", "resolves": list(faq)},
        "answers": {"say": "Answers to frequent questions.", "next": "main", "resolves": faq},
    }
    return {"ivrmaze": 1, "name": f"A line with {count} intents", "timezone": "Europe/Amsterdam", "entry": "main",
            "hours": {"office": {"mon-fri": "08:00-17:00", "holidays": ["2026-12-25"]}},
            "intents": {i: f"c{k}" for k, i in enumerate(ids)}, "nodes": nodes}


def write(path: str, count: int = COUNT) -> str:
    """Write the file (block style, one intent a line); its path."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        yaml.dump(many_intents(count), fh, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                  default_flow_style=False, width=200)
    return path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python -m benchmarks.intents COUNT FILE", file=sys.stderr)
        return 2
    print(write(argv[1], int(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
