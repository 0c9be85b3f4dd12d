"""Golden outputs of the platform fixtures (see tests/platform_golden.py; regenerate with
``python3 -m tests.platform_golden``)."""
import pytest
from platform_golden import err_cases, err_output, golden_of, line_cases, line_output


@pytest.mark.parametrize("case", err_cases(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_platform_file_that_does_not_load_gives_the_golden_output(case):
    out = golden_of(case)
    assert out.exists(), f"no {out.name}; run python3 -m tests.platform_golden"
    code, text = err_output(case)
    assert code == 2  # a file that does not load
    assert text == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("line", line_cases(), ids=lambda p: p.parent.name)
def test_platform_line_gives_the_golden_check_output(line):
    out = golden_of(line)
    assert out.exists(), f"no {out.name}; run python3 -m tests.platform_golden"
    code, text = line_output(line)
    assert code in (0, 1)  # the flows load; findings or none
    assert text == out.read_text(encoding="utf-8")


def test_every_platform_golden_file_has_its_case():
    cases = {golden_of(c) for c in err_cases() + line_cases()}
    outs = {p for p in golden_of(line_cases()[0]).parent.parent.glob("*/err/*.out")} | \
        {p for p in golden_of(line_cases()[0]).parent.parent.glob("*/*.check.out")}
    assert outs == cases
