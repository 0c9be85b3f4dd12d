"""Golden files: tests/fixtures/ok/ validates clean; each tests/fixtures/err/*.yaml gives exactly
the output in the .out file beside it (regenerate with ``python3 -m tests.regen_golden``)."""
import pytest
from clirun import ivrmaze
from conftest import FIXTURES
from regen_golden import cases, golden_output, platform_cases, platform_golden, platform_output

import ivrmaze as lib


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_err_case_gives_the_golden_output(case):
    out = case.with_suffix(".out")
    assert out.exists(), f"no {out.name}; run python3 -m tests.regen_golden"
    code, text = golden_output(case)
    assert code == 2  # a file that does not load (docs/ci.md's contract)
    assert text == out.read_text(encoding="utf-8")


def test_every_err_case_has_a_golden_file_and_every_golden_file_a_case():
    err = FIXTURES / "err"
    assert {p.stem for p in err.glob("*.out")} == {p.stem for p in err.glob("*.yaml")}
    assert len(cases()) >= 15


@pytest.mark.parametrize("case", sorted((FIXTURES / "ok").glob("*.yaml")), ids=lambda p: p.name)
def test_ok_case_is_clean(case):
    maze = lib.load(str(case), strict=False)
    assert [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in maze.problems] == []


def test_ok_folder_validates_clean():
    run = ivrmaze("validate", "--format", "text", FIXTURES / "ok")
    assert run.exit_code == 0
    assert run.output.endswith("files valid, no problems\n")


def test_every_error_kind_of_the_loader_has_a_golden_case():
    kinds = set()
    for case in cases():
        kinds |= {line.rsplit("[", 1)[1].rstrip("]").split(" ")[0] for line in case.with_suffix(".out").read_text().splitlines()
                  if line.endswith("]") and not line.startswith("  |")}
    loader_kinds = {"file", "syntax", "duplicate-key", "unknown-key", "missing-key", "type", "node-kind",
                    "reference", "dtmf", "schedule", "timezone", "unsafe", "version", "config"}
    assert loader_kinds <= kinds


@pytest.mark.parametrize("case", platform_cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_platform_case_gives_the_golden_check_output(case):
    out = platform_golden(case)
    assert out.exists(), f"no {out}; run python3 -m tests.regen_golden"
    _, text = platform_output(case)
    assert text == out.read_text(encoding="utf-8")


def test_every_platform_golden_file_has_a_case():
    golden = {p.relative_to(platform_golden(platform_cases()[0]).parent.parent) for p in
              platform_golden(platform_cases()[0]).parent.parent.glob("*/*.out")}
    assert golden == {platform_golden(c).relative_to(platform_golden(c).parent.parent) for c in platform_cases()}
