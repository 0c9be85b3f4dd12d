"""The examples of docs/platforms/asterisk.md (and other platform pages listed in DOCS), run for real: platform files in fenced blocks, then commands.

A fenced block whose first line is a comment naming a file (`; office.conf` in an ```ini block,
`// flow.json` or `# flow.yaml`) is that file of the example; a ```text block whose first line is
``$ ivrmaze ...`` runs that command in a temporary folder holding the files named above it
(since the previous heading), and the rest of the block is its exact output, as
tests/docs_examples.py runs those of docs/checks.md.

``python3 -m tests.docs_platforms`` reports stale outputs; ``--update`` rewrites them in place.
"""
from __future__ import annotations

import pathlib
import re
import shlex
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from docs_examples import ROOT, invoke  # noqa: E402

#: The platform pages whose examples this runs (the companion page has a test of its own).
DOCS = [ROOT / "docs" / "platforms" / "asterisk.md"]
_FENCE = re.compile(r"^```(\w*)\s*$")
_NAMED = re.compile(r"^(?:;|//|#) ([\w.-]+\.(?:conf|json|ya?ml))\s*$")


def examples(text: str) -> list[tuple[int, int, list[str], dict[str, str], str]]:
    """(first line, end line of the output, argv, files, output) of each command block."""
    lines = text.split("\n")
    files: dict[str, str] = {}
    out = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("#") and not _FENCE.match(lines[i]):
            files = {}
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        body = lines[i + 1:end]
        named = _NAMED.match(body[0]) if body else None
        if named and m.group(1) != "text":
            files[named.group(1)] = "\n".join(body) + "\n"
        elif m.group(1) == "text" and body and body[0].startswith("$ ivrmaze "):
            out.append((i + 1, end, shlex.split(body[0][len("$ ivrmaze "):]), dict(files), "\n".join(body[1:])))
        i = end + 1
    return out


def stale(path: pathlib.Path, update: bool = False) -> list[str]:
    """The commands of ``path`` whose output differs (rewritten in place with ``update``)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    found = []
    for start, end, argv, files, expected in reversed(examples(text)):
        _, got = invoke(argv, files)
        if got != expected:
            found.append(lines[start])
            lines[start + 1:end] = got.split("\n")
    if update and found:
        path.write_text("\n".join(lines), encoding="utf-8")
    return found


def main(argv: list[str]) -> int:
    bad = [f"{doc.relative_to(ROOT)}: {cmd}" for doc in DOCS for cmd in stale(doc, "--update" in argv)]
    print("\n".join(bad) or "all platform examples up to date")
    return 1 if bad and "--update" not in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
