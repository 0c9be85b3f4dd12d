"""Golden outputs of ivrmaze on the Studio fixtures (tests/fixtures/platforms/studio/), one
command each, run inside that folder: tests/golden/studio/NAME.out holds the exit code and the
output. ``python3 -m tests.golden_studio`` rewrites them after a deliberate change (review the
diff); tests/test_golden_studio.py compares with the same function."""
from __future__ import annotations

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent
FOLDER = ROOT / "fixtures" / "platforms" / "studio"
GOLDEN = ROOT / "golden" / "studio"

#: name -> the command's arguments
CASES: dict[str, list[str]] = {
    "support": ["check", "support.json", "billing.json"],
    "broken": ["check", "broken.json"],
    "invalid": ["validate", "invalid.json"],
    "exported": ["validate", "exported.js"],
}


def golden_output(name: str) -> str:
    """``exit N`` and the output (stdout then stderr) of the case's command in the fixtures folder."""
    sys.path.insert(0, str(ROOT))
    from clirun import ivrmaze

    old = os.getcwd()
    os.chdir(FOLDER)
    try:
        run = ivrmaze(*CASES[name], env={"GITHUB_ACTIONS": None, "NO_COLOR": None})
    finally:
        os.chdir(old)
    return f"exit {run.exit_code}\n{run.output}{run.stderr}"


def main(argv: list[str]) -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    stale = 0
    for name in CASES:
        out = GOLDEN / f"{name}.out"
        got = golden_output(name)
        if not out.exists() or out.read_text(encoding="utf-8") != got:
            stale += 1
            if "--check" not in argv:
                out.write_text(got, encoding="utf-8")
            print(f"{'differs' if '--check' in argv else 'wrote'}: {out.relative_to(ROOT.parent)}")
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
