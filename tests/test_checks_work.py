"""Every check is linear in the rows it reads (issue 9, point 4): counted, not timed.

A maze with 20,000 intents, half of them resolved. The checks that read the rows get them
through a wrapper that counts every row visited and fails once a check has visited more than a
few times as many rows as there are: comparing every intent with every row (the old
unresolvable-intent, the old grouping of too-deep and too-many-retells) would visit 200 million
and fails at once instead of running for minutes.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import ivrmaze
from ivrmaze.checks import SETTINGS, too_deep, too_many_retells, unresolvable_intent
from ivrmaze.config import Config
from ivrmaze.lint import lint as analyze

N = 20_000
PASSES = 3  # row visits allowed per row


class CountedRows(list):
    """The rows, counting every visit; more than ``budget`` visits is an error."""

    def __init__(self, rows: Any, budget: int) -> None:
        super().__init__(rows)
        self.budget, self.visits = budget, 0

    def __iter__(self) -> Iterator[Any]:
        for row in super().__iter__():
            self.visits += 1
            if self.visits > self.budget:
                raise AssertionError(f"more than {self.budget} row visits for {len(self)} rows: not linear")
            yield row


@pytest.fixture(scope="module")
def many_intents(tmp_path_factory):
    intents = "".join(f"  i{k}: Intent {k}\n" for k in range(N))
    resolved = ", ".join(f"i{k}" for k in range(0, N, 2))
    path = tmp_path_factory.mktemp("many") / "many.yaml"
    path.write_text(f"ivrmaze: 1\nentry: main\nintents:\n{intents}nodes:\n  main:\n    menu: Press 1.\n"
                    f'    options: {{"1": desk}}\n  desk:\n    queue: Desk\n    resolves: [{resolved}]\n',
                    encoding="utf-8")
    return ivrmaze.load(str(path))


def counting(check: Any, seen: dict[str, CountedRows]) -> Any:
    """``check.check``, reading its rows through CountedRows."""
    original = check.check

    def counted(ctx: Any) -> Any:
        ctx.rows = seen[check.__name__] = CountedRows(ctx.rows, PASSES * len(ctx.rows))
        return original(ctx)

    return counted


def test_row_checks_visit_each_row_a_few_times(many_intents, monkeypatch):
    seen: dict[str, CountedRows] = {}
    for check in (unresolvable_intent, too_deep, too_many_retells):
        monkeypatch.setattr(check, "check", counting(check, seen))
    # every resolved intent is one hop deep, over a limit of 0; no route asks for a retell
    config = Config.for_maze(many_intents, {"max_hops": 0, "max_retells": 0}, settings=SETTINGS)
    found = analyze(many_intents, config=config, chances=False).findings
    assert len(seen) == 3 and all(len(rows) == N and 0 < rows.visits <= PASSES * N for rows in seen.values())
    by_kind = {kind: [f for f in found if f.kind == kind] for kind in ("unresolvable-intent", "too-deep")}
    # intent i<k> is on line 4 + k
    assert [(f.intent, f.line, f.column) for f in by_kind["unresolvable-intent"]] == [
        (f"i{k}", 4 + k, 3) for k in range(1, N, 2)]
    assert [(f.intent, f.line) for f in by_kind["too-deep"]] == [(f"i{k}", 4 + k) for k in range(0, N, 2)]
    assert by_kind["too-deep"][0].message == ("the best route for `i0` takes 1 hops (main -> desk), expected at "
                                             "most 0")
    assert not [f for f in found if f.kind == "too-many-retells"]
