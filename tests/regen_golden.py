"""Golden outputs of `ivrmaze validate` for tests/fixtures/err/*.yaml, and of `ivrmaze check` for the
platform files of tests/fixtures/platforms/<platform>/ (in tests/golden/<platform>/<name>.out).

Run ``python3 -m tests.regen_golden`` (from the repository root) to rewrite every ``.out``
file after a deliberate change of messages; review the diff before committing.
``python3 -m tests.regen_golden --check`` only reports the files that differ.
tests/test_golden.py compares with the same function, so the two cannot disagree.
"""
from __future__ import annotations

import os
import pathlib
import sys

from click.testing import CliRunner

ERR = pathlib.Path(__file__).resolve().parent / "fixtures" / "err"
PLATFORMS = ERR.parent / "platforms"
PLATFORM_GOLDEN = ERR.parent.parent / "golden"
#: The platform fixtures with a golden `check` output (a file only included by another has none).
PLATFORM_GLOBS = {"asterisk": "*.conf"}


def golden_output(case: pathlib.Path) -> tuple[int, str]:
    """(exit code, text output) of `ivrmaze validate --all --format text <name>` run inside the case's
    folder (--all: the cases without an `ivrmaze:` key are read as menus too)."""
    from ivrmaze.cli import cli

    old = os.getcwd()
    os.chdir(case.parent)
    try:
        res = CliRunner().invoke(cli, ["validate", "--all", "--format", "text", case.name], standalone_mode=False)
    finally:
        os.chdir(old)
    if res.exception is not None:
        raise res.exception
    return res.return_value, res.stdout


def cases() -> list[pathlib.Path]:
    return sorted(ERR.glob("*.yaml"))


def platform_cases() -> list[pathlib.Path]:
    return sorted(p for platform, glob in PLATFORM_GLOBS.items() for p in (PLATFORMS / platform).glob(glob)
                  if not p.stem.endswith("-part"))


def platform_golden(case: pathlib.Path) -> pathlib.Path:
    return PLATFORM_GOLDEN / case.parent.name / f"{case.stem}.out"


def platform_output(case: pathlib.Path) -> tuple[int, str]:
    """(exit code, text output) of `ivrmaze check --all --format text <name>` in the case's folder."""
    from ivrmaze.cli import cli

    old = os.getcwd()
    os.chdir(case.parent)
    try:
        res = CliRunner().invoke(cli, ["check", "--all", "--format", "text", case.name], standalone_mode=False)
    finally:
        os.chdir(old)
    if res.exception is not None:
        raise res.exception
    return res.return_value, res.stdout + res.stderr


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for case in cases():
        out = case.with_suffix(".out")
        _, text = golden_output(case)
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            stale.append(out)
            if not check:
                out.write_text(text, encoding="utf-8")
    for case in platform_cases():
        out = platform_golden(case)
        _, text = platform_output(case)
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            stale.append(out)
            if not check:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
    for out in stale:
        print(f"{'differs' if check else 'wrote'}: {out.relative_to(ERR.parent.parent.parent)}")
    sys.path.insert(0, str(pathlib.Path(__file__).parent))  # the platform fixtures' goldens too
    from platform_golden import main as platforms

    return max(1 if check and stale else 0, platforms(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
