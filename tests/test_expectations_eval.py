"""Expectations evaluated against the Mobistar line: what holds, what fails, and how it is said."""
import pytest
from conftest import MENUS

from ivrmaze import load
from ivrmaze.lint import evaluate

BASE = (MENUS / "mobistar-2011.yaml").read_text() + "\nexpect:\n"
OFFSET = len(BASE.splitlines())


def failures(tmp_path, block: str):
    p = tmp_path / "mobistar.yaml"
    p.write_text(BASE + block)
    maze = load(str(p))
    return [(f.line - OFFSET, f.column, f.message, f.when) for f in evaluate(maze, maze.analyze())]


HOLDS = [
    '  - {at: "Mon 10:00", keys: ["3"], reaches: facilities}',
    '  - {at: "Mon 10:00", keys: ["1"], reaches: facilities}',  # Billing's agents steer towards the goal
    '  - {at: "Mon 10:00", keys: ["3"], intent: remove-container, resolves: true}',
    '  - {at: "Fri 16:30", keys: ["3"], intent: remove-container, resolves: false}',
    '  - {at: "Sat 20:00", keys: ["1"], reaches: hangup}',
    '  - {at: "Mon-Fri 08:00-20:00", keys: ["1"], intent: invoice, resolves: true}',
    '  - {intent: invoice, at: "Mon-Fri 08:00-20:00", best_hops: {max: 2}, guaranteed: true, '
    'resolve_probability: {min: 1}, retells: {max: 0}, guaranteed_hops: {max: 2}}',
    '  - {intent: outage, at: "Mon 10:00", resolve_probability: {min: 0.3, max: 0.34}}',
    '  - {intent: remove-container, at: "Mon-Fri 08:00-16:00", best_hops: {max: 3}, guaranteed: false}',
    '  - {absent: trap, intent: invoice}',
    '  - {absent: trap, intent: outage, at: "Sun"}',
    '  - {absent: after-hours-trap, intent: remove-container, at: "Sun"}',
    '  - {absent: after-hours-trap, intent: invoice}',
]


@pytest.mark.parametrize("block", HOLDS)
def test_holds(tmp_path, block):
    assert failures(tmp_path, block + "\n") == []


FAILS = [
    ('  - {at: "Fri 16:30", keys: ["3"], intent: remove-container, resolves: true, note: the Basta case}',
     "expectation not met (the Basta case): journey pressing 3 for `remove-container` at Fri 16:30: the call "
     "waits at `main` for a key (welcome -> main -[3]-> switchboard -(closed)-> main), expected it to resolve "
     "`remove-container`", ("Fri 16:30",)),
    ('  - {at: "Sat 10:00", keys: ["3"], reaches: facilities}',
     "expectation not met: journey pressing 3 at Sat 10:00: the call waits at `main` for a key "
     "(welcome -> main -[3]-> switchboard -(closed)-> main), expected it to reach `facilities`", ("Sat 10:00",)),
    ('  - {at: "Mon 10:00", keys: ["1"], intent: outage, resolves: true}',
     "expectation not met: journey pressing 1 for `outage` at Mon 10:00: the call goes round at `switchboard` "
     "(welcome -> main -[1]-> billing => switchboard => security => switchboard), expected it to resolve `outage`",
     ("Mon 10:00",)),
    ('  - {intent: invoice, at: "Sat 12:00-21:00", best_hops: {max: 2}}',
     "expectation not met: bounds for `invoice` at Sat 12:00-21:00: best_hops is none, expected at most 2 "
     "(best route: no route resolves it) in Sat 17:00-21:00", ("Sat 17:00-21:00",)),
    ('  - {intent: outage, at: "Mon 10:00", resolve_probability: {min: 0.5}}',
     "expectation not met: bounds for `outage` at Mon 10:00: resolve_probability is 33.3%, expected at least "
     "50.0% (best route: welcome -> main -[2]-> tech)", ("Mon 10:00",)),
    ('  - {intent: remove-container, at: "Mon 10:00", guaranteed: true, retells: {max: 0}}',
     "expectation not met: bounds for `remove-container` at Mon 10:00: retells is 1, expected at most 0; agents "
     "can keep the caller from a resolution, expected a guaranteed route (best route: welcome -> main -[3]-> "
     "switchboard => facilities)", ("Mon 10:00",)),
    ('  - {absent: trap, intent: outage, at: "Mon 10:00"}',
     "expectation not met: no `trap` for `outage` at Mon 10:00: found `trap` at {file}:28:7: callers who want "
     "`outage` go round forever", ("Mon 10:00",)),
    ('  - {absent: after-hours-trap, intent: remove-container, at: "Sat"}',
     "expectation not met: no `after-hours-trap` for `remove-container` at Sat: found `after-hours-trap` at "
     "{file}:54:5 (when: Mon-Fri 16:00-20:00; Sat 09:00-17:00; 2011-04-25 08:00-20:00 (holiday)): at these times "
     "callers who want `remove-container` go round forever", None),
]


@pytest.mark.parametrize("block, message, when", FAILS, ids=[m[:60] for _, m, _ in FAILS])
def test_fails(tmp_path, block, message, when):
    [(line, col, msg, got_when)] = failures(tmp_path, block + "\n")
    assert (line, col) == (1, 5)
    assert msg.startswith(message.format(file=tmp_path / "mobistar.yaml")), msg
    assert got_when == when


def test_a_window_fails_only_where_it_fails(tmp_path):
    got = failures(tmp_path, '  - {intent: remove-container, at: "Mon-Sat 09:00-17:00", best_hops: {max: 3}}\n')
    assert [(w, m.split(": ", 2)[2]) for _, _, m, w in got] == [
        (("Mon-Fri 16:00-17:00", "Sat 09:00-17:00"),
         "best_hops is none, expected at most 3 (best route: no route resolves it) in Mon-Fri 16:00-17:00; "
         "Sat 09:00-17:00")]


def test_findings_are_expectation_errors_at_each_item(tmp_path):
    p = tmp_path / "mobistar.yaml"
    p.write_text(BASE + '  - {absent: ping-pong}\n  - {absent: trap, intent: invoice}\n  - {absent: dead-end, at: "Sat 20:00"}\n')
    maze = load(str(p))
    found = evaluate(maze)
    # one finding per thing found: ping-pong once, and the dead end on Saturday night (the goodbye
    # after wrong keys; the closing message on the closed route is an honest end, not a dead end)
    assert [(f.kind, f.severity, f.code, f.line - OFFSET, f.file) for f in found] == [
        ("expectation", "error", "IVM301", 1, str(p)), ("expectation", "error", "IVM301", 3, str(p))]
    assert "found `dead-end` at" in found[1].message and "`goodbye`" in found[1].message


def test_no_expectations_no_work():
    maze = load(MENUS / "mobistar-2011.yaml")
    assert evaluate(maze, None) == []


def test_check_command_reports_expectations(tmp_path):
    from clirun import ivrmaze
    p = tmp_path / "mobistar.yaml"
    p.write_text(BASE + '  - {at: "Fri 16:30", keys: ["3"], intent: remove-container, resolves: true}\n')
    r = ivrmaze("check", p, "--format", "github")
    assert r.exit_code == 1
    line = [x for x in r.output.splitlines() if "IVM301" in x]
    assert line == [f"::error file={p},line={OFFSET + 1},col=5,title=expectation IVM301::expectation not met: "
                    "journey pressing 3 for `remove-container` at Fri 16:30: the call waits at `main` for a key "
                    "(welcome -> main -[3]-> switchboard -(closed)-> main), expected it to resolve `remove-container` "
                    "(when: Fri 16:30)"]
