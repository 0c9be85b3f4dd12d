"""The examples of docs/checks.md, docs/analysis.md and the readers' docs/platforms pages, run for real.

An example is one or more fenced ```yaml blocks followed by one or more fenced ```text blocks
whose first line is a command, ``$ ivrmaze check example.yaml ...``; the rest of the text block
is the exact output (stdout and stderr, as a terminal shows them without colour).

- A yaml block is written to ``example.yaml`` in an empty temporary folder, unless its first
  line is a comment naming another file: ``# .ivrmaze.yaml``, ``# partner.yaml``,
  ``# lines/example.yaml``. Consecutive yaml blocks belong to one example. A json block (a
  platform flow, docs/platforms/) is written likewise, to ``example.json`` or to the file an HTML
  comment on the line above its fence names: ``<!-- routing.json -->``.
- Every text block that starts with ``$ `` runs its command in that folder, against the files
  of the yaml blocks before it (up to the previous example or heading). A command with no yaml
  block before it in its section runs on the files of the latest example that defines its first
  path (``$ ivrmaze report moves.yaml`` further down), else in the repository root, on its
  files (``$ ivrmaze report menus/mobistar-2011.yaml``).
- A yaml block never followed by a command is an error: every example must be checked.
- Pictures: a line ``<!-- ivrmaze render ARGS -->`` followed by ``![...](images/NAME.png)`` is
  drawn by ``ivrmaze render ARGS -o docs/images/NAME.png``, with the files of the example that
  defines the first path in ARGS (else in the repository root), by ``--images``.

``python3 -m tests.docs_examples`` (from the repository root) reports the stale outputs and
exits 1; ``--update`` rewrites them in place (review the diff before committing);
``--images`` redraws the pictures (needs Graphviz). tests/test_docs_checks.py runs the same
code, so the two cannot disagree.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import pathlib
import re
import shlex
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "checks.md"
#: The platform readers' pages (docs/platforms/) whose examples run (each reader adds its own).
PLATFORM_PAGES = ("amazon-connect.md", "genesys-archy.md", "twilio-studio.md")
DOCS = (DOC, ROOT / "docs" / "analysis.md", *(ROOT / "docs" / "platforms" / page for page in PLATFORM_PAGES))
CONFIG_NAME = ".ivrmaze.yaml"

_FENCE = re.compile(r"^```(\w*)\s*$")
_HEADING = re.compile(r"^#{1,6} ")
_NAMED = re.compile(r"^# ((?:[\w.-]+/)*[\w.-]+\.ya?ml)\s*$")
#: A platform file in JSON (which has no comments) is named by an HTML comment on the line above its fence.
_NAMED_JSON = re.compile(r"^<!-- ((?:[\w.-]+/)*[\w.-]+\.json) -->\s*$")
_RENDER = re.compile(r"^<!-- ivrmaze render (.*) -->\s*$")
_IMAGE = re.compile(r"^!\[[^\]]*\]\((images/[\w.-]+\.(?:png|svg))\)")


@dataclasses.dataclass
class Block:
    lang: str
    start: int  # index of the first line inside the fence
    end: int  # index of the closing fence
    lines: list[str]
    heading: str  # the nearest heading above


@dataclasses.dataclass
class Example:
    """One command of the docs with the files it runs on and the output the docs show."""

    heading: str
    files: dict[str, str]  # name -> text; empty: run in the repository root
    command: str  # as written after `$ `
    shown: str  # the documented output
    block: Block
    doc: str = "docs/checks.md"

    @property
    def name(self) -> str:
        return f"{self.doc}:{self.block.start} ({self.heading}): $ {self.command}"

    def argv(self) -> list[str]:
        words = shlex.split(self.command)
        if not words or words[0] != "ivrmaze":
            raise ValueError(f"{self.name}: commands in the docs start with `ivrmaze`")
        return words[1:]


def blocks(text: str, doc: str = "docs/checks.md") -> list[Block]:
    lines = text.split("\n")
    out, heading, i = [], "", 0
    while i < len(lines):
        if _HEADING.match(lines[i]):
            heading = lines[i].lstrip("#").strip()
        m = _FENCE.match(lines[i])
        if m:
            j = i + 1
            while j < len(lines) and lines[j].rstrip() != "```":
                j += 1
            if j == len(lines):
                raise ValueError(f"{doc}:{i + 1}: unclosed code fence")
            out.append(Block(m.group(1), i + 1, j, lines[i + 1:j], heading))
            i = j
        i += 1
    return out


def examples(text: str, doc: str = "docs/checks.md") -> list[Example]:
    """Every command example, in document order. Raises ValueError on a yaml block no command
    checks."""
    out: list[Example] = []
    files: dict[str, str] = {}
    pending: list[Block] = []  # yaml blocks not yet run by a command
    last_was_command = False
    heading = None
    lines = text.split("\n")
    for b in blocks(text, doc):
        if b.heading != heading:
            if pending:
                raise ValueError(f"{doc}:{pending[0].start}: a yaml block that no `$ ivrmaze ...` "
                                 "text block checks")
            files, heading, last_was_command = {}, b.heading, False
        if b.lang in ("yaml", "json"):
            if last_was_command:
                files, last_was_command = {}, False
            if b.lang == "json":
                m = _NAMED_JSON.match(lines[b.start - 2]) if b.start >= 2 else None
            else:
                m = _NAMED.match(b.lines[0]) if b.lines else None
            name = m.group(1) if m else f"example.{b.lang}"
            files[name] = "\n".join(b.lines) + "\n"
            pending.append(b)
        elif b.lang == "text" and b.lines and b.lines[0].startswith("$ "):
            command = b.lines[0][2:]
            own = dict(files) or _defined_before(out, command)
            out.append(Example(b.heading, own, command, "\n".join(b.lines[1:]), b, doc))
            pending, last_was_command = [], True
    if pending:
        raise ValueError(f"{doc}:{pending[0].start}: a yaml block that no `$ ivrmaze ...` text block checks")
    return out


def _defined_before(done: list[Example], command: str) -> dict[str, str]:
    """The files of the latest example that defines the first path of ``command`` (``ivrmaze
    report moves.yaml`` under a later heading), else none: the repository root."""
    words = [w for w in shlex.split(command)[2:] if not w.startswith("-")]
    first = words[0] if words else None
    return next((dict(ex.files) for ex in reversed(done) if first in ex.files), {})


@dataclasses.dataclass
class Picture:
    """``<!-- ivrmaze render ARGS -->`` and the image line under it."""

    args: str
    image: str  # relative to docs/
    line: int  # 1-based line of the comment
    files: dict[str, str]  # the files of the example before it; empty: the repository root

    def argv(self, out: pathlib.Path) -> list[str]:
        return ["render", *shlex.split(self.args), "-o", str(out)]


def pictures(text: str, doc: str = "docs/analysis.md") -> list[Picture]:
    lines = text.split("\n")
    exs = examples(text, doc)
    out = []
    for i, line in enumerate(lines):
        m = _RENDER.match(line)
        if not m:
            continue
        img = _IMAGE.match(lines[i + 1]) if i + 1 < len(lines) else None
        if not img:
            raise ValueError(f"{doc}:{i + 1}: `<!-- ivrmaze render ... -->` must be followed by ![...](images/...)")
        # the files of an example that defines the first path drawn, else the repository's
        first = next((w for w in shlex.split(m.group(1)) if not w.startswith("-")), None)
        files = next((ex.files for ex in exs if first in ex.files), {})
        out.append(Picture(m.group(1), img.group(1), i + 1, files))
    return out


def _config_above(folder: pathlib.Path) -> pathlib.Path | None:
    for parent in [folder, *folder.parents]:
        if (parent / CONFIG_NAME).is_file():
            return parent / CONFIG_NAME
    return None


@contextlib.contextmanager
def _inside(folder: pathlib.Path):
    old = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def run(example: Example, folder: pathlib.Path | None = None) -> tuple[int, str]:
    """(exit code, output) of the example's command, run in ``folder`` (default: a new temporary
    folder) holding exactly the example's files, or in the repository root for an example with
    no files. Output is stdout then stderr, without colour, with trailing spaces removed and no
    final newline (as a fenced block holds it)."""
    return invoke(example.argv(), example.files, folder)


def invoke(argv: list[str], files: dict[str, str], folder: pathlib.Path | None = None) -> tuple[int, str]:
    if not files:
        folder = ROOT
    elif folder is None:
        with tempfile.TemporaryDirectory(prefix="ivrmaze-docs-") as tmp:
            return invoke(argv, files, pathlib.Path(tmp))
    stray = _config_above(folder)
    if stray is not None:
        raise RuntimeError(f"{stray} would change every example's limits: run the docs examples elsewhere")
    for name, text in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    import click
    from click.testing import CliRunner

    from ivrmaze.cli import cli

    env = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "IVRMAZE_DEBUG": None}
    runner = CliRunner()
    with _inside(folder):
        res = runner.invoke(cli, argv, env=env, standalone_mode=False, prog_name="ivrmaze")
        exc = res.exception
        if exc is None:
            code = res.return_value if isinstance(res.return_value, int) else 0
        elif isinstance(exc, click.ClickException):  # usage errors: let click print them as `ivrmaze` does
            res = runner.invoke(cli, argv, env=env, prog_name="ivrmaze")
            code = 2
        else:
            raise exc
    text = res.stdout + res.stderr
    return code, "\n".join(line.rstrip() for line in text.rstrip("\n").split("\n"))


def update(text: str, doc: str = "docs/checks.md") -> tuple[str, list[Example]]:
    """``text`` with every example's output replaced by the real one; and the stale examples."""
    lines = text.split("\n")
    stale = []
    for ex in reversed(examples(text, doc)):  # from the end, so earlier line numbers stay valid
        _, got = run(ex)
        if got != ex.shown:
            stale.append(ex)
            b = ex.block
            lines[b.start + 1:b.end] = got.split("\n") if got else []
    return "\n".join(lines), stale[::-1]


def draw(pic: Picture, out: pathlib.Path) -> tuple[int, str]:
    """Run the picture's `ivrmaze render` into ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return invoke(pic.argv(out.resolve()), pic.files)


def main(argv: list[str]) -> int:
    write = "--update" in argv
    failed = False
    for path in DOCS:
        doc = str(path.relative_to(ROOT))
        text = path.read_text(encoding="utf-8")
        new, stale = update(text, doc)
        for ex in stale:
            print(f"{'updated' if write else 'differs'}: {ex.name}")
        if write and new != text:
            path.write_text(new, encoding="utf-8")
        if not stale:
            print(f"{doc}: all {len(examples(text, doc))} examples give the documented output")
        failed |= bool(stale) and not write
        if "--images" in argv:
            for pic in pictures(new, doc):
                code, out = draw(pic, path.parent / pic.image)
                print(out if code == 0 else f"{doc}:{pic.line}: ivrmaze render {pic.args} failed:\n{out}")
                failed |= code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
