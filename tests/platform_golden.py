"""Golden outputs of `ivrmaze check` on the platform fixtures (tests/fixtures/platforms/<folder>/).

Each folder is checked as one maze (its flows may transfer to each other), from inside the folder,
with the text and the JSON formats; the outputs are kept in tests/golden/platforms/<folder>.txt and
<folder>.json. ``python3 -m tests.platform_golden`` (from the repository root) rewrites them after a
deliberate change (review the diff); ``--check`` only reports the stale ones.
tests/test_platform_golden.py compares with the same function, so the two cannot disagree.
"""
from __future__ import annotations

import os
import pathlib
import sys

from click.testing import CliRunner

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLATFORMS = ROOT / "tests" / "fixtures" / "platforms"
GOLDEN = ROOT / "tests" / "golden" / "platforms"
FORMATS = ("txt", "json")


def output(folder: pathlib.Path, fmt: str) -> tuple[int, str]:
    """(exit code, output) of `ivrmaze check --format text|json .` inside ``folder``."""
    from ivrmaze.cli import cli

    old = os.getcwd()
    os.chdir(folder)
    try:
        res = CliRunner().invoke(cli, ["check", "--format", "text" if fmt == "txt" else fmt, "."],
                                 standalone_mode=False)
    finally:
        os.chdir(old)
    if res.exception is not None:
        raise res.exception
    return res.return_value, res.stdout


def cases() -> list[tuple[pathlib.Path, str]]:
    return [(d, fmt) for d in sorted(p for p in PLATFORMS.iterdir() if p.is_dir()) for fmt in FORMATS]


def golden(folder: pathlib.Path, fmt: str) -> pathlib.Path:
    return GOLDEN / f"{folder.name}.{fmt}"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for folder, fmt in cases():
        out = golden(folder, fmt)
        _, text = output(folder, fmt)
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            stale.append(out)
            if not check:
                out.write_text(text, encoding="utf-8")
    for out in stale:
        print(f"{'differs' if check else 'wrote'}: {out.relative_to(ROOT)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
