"""Golden outputs of the platform fixtures (tests/fixtures/platforms/<platform>/).

Each platform folder may hold ``err/`` (files that do not load: each gives exactly the output of
`ivrmaze validate` in the ``.out`` beside it) and ``line/`` (flows that call each other, checked
together: `ivrmaze check` gives exactly ``line.check.out`` beside the folder). Run
``python3 -m tests.platform_golden`` (``python3 -m tests.regen_golden`` runs it too) to rewrite them
after a deliberate change; ``--check`` only lists the stale ones. tests/test_platform_golden.py
compares with the same functions, so the two cannot disagree.
"""
from __future__ import annotations

import os
import pathlib
import sys

from click.testing import CliRunner

PLATFORMS = pathlib.Path(__file__).resolve().parent / "fixtures" / "platforms"


def _run(folder: pathlib.Path, args: list[str]) -> tuple[int, str]:
    from ivrmaze.cli import cli

    old = os.getcwd()
    os.chdir(folder)
    try:
        res = CliRunner().invoke(cli, args, standalone_mode=False)
    finally:
        os.chdir(old)
    if res.exception is not None:
        raise res.exception
    return res.return_value, res.stdout


def err_cases() -> list[pathlib.Path]:
    return sorted(p for p in PLATFORMS.glob("*/err/*") if p.suffix != ".out" and p.is_file())


def line_cases() -> list[pathlib.Path]:
    return sorted(p for p in PLATFORMS.glob("*/line") if p.is_dir())


def err_output(case: pathlib.Path) -> tuple[int, str]:
    """(exit code, text) of `ivrmaze validate --format text <name>` in the case's folder."""
    return _run(case.parent, ["validate", "--format", "text", case.name])


def line_output(line: pathlib.Path) -> tuple[int, str]:
    """(exit code, text) of `ivrmaze check --format text line` in the platform's folder."""
    return _run(line.parent, ["check", "--format", "text", line.name])


def golden_of(case: pathlib.Path) -> pathlib.Path:
    return case.parent / f"{case.name}.check.out" if case.is_dir() else case.with_suffix(".out")


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for case in err_cases() + line_cases():
        out = golden_of(case)
        _, text = line_output(case) if case.is_dir() else err_output(case)
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            stale.append(out)
            if not check:
                out.write_text(text, encoding="utf-8")
    for out in stale:
        print(f"{'differs' if check else 'wrote'}: {out.relative_to(PLATFORMS.parent.parent.parent)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
