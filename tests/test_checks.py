"""Unit tests per finding kind: small inline menus and the expected
(kind, line, column, node, intent, when); config layers and severities; the `check` and
`report` commands on exact output and exit codes."""
from __future__ import annotations

import json
import pathlib
import textwrap

import pytest

import ivrmaze
from clirun import ivrmaze as run_cli
from ivrmaze.analysis import analyze
from ivrmaze.config import Config


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Every test runs in its own empty folder (paths in findings are relative to it), with no
    .ivrmaze.yaml above it and outside GitHub Actions (which would switch the output format)."""
    for parent in [tmp_path, *tmp_path.parents]:
        assert not (parent / ".ivrmaze.yaml").exists(), f"{parent}/.ivrmaze.yaml would change every limit"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def write(name: str, text: str) -> str:
    p = pathlib.Path(name)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return name


def analysis(text: str | None = None, *, at=None, cli=None, path="example.yaml"):
    if text is not None:
        write(path, text)
    maze = ivrmaze.load(path)
    config = Config.for_maze(maze, cli)
    assert not config.problems, config.problems
    return analyze(maze, at=at, config=config)


def found(text=None, kind=None, **kw):
    """(kind, line, column, node, intent, when) of the findings, optionally of one kind."""
    a = analysis(text, **kw)
    return [(f.kind, f.line, f.column, f.node, f.intent, f.when) for f in a.findings if kind in (None, f.kind)]


def only(text=None, kind=None, **kw):
    a = analysis(text, **kw)
    fs = [f for f in a.findings if f.kind == kind]
    assert len(fs) == 1, fs
    return fs[0]


# --------------------------------------------------------------------------------------------
# unreachable

LINE_WITH_OLD_SALES = """
    ivrmaze: 1
    entry: main
    intents:
      invoice: A question about an invoice
    nodes:
      main:
        menu: For invoices press 1.
        options:
          "1": billing
        no_match: sorry
      billing:
        queue: Billing
        resolves: [invoice]
      sorry:
        say: Sorry, that is not an option.
        next: main
      old-sales:
        queue: Sales (closed down in 2023)
        resolves: [invoice]
    """


def test_unreachable_node():
    assert found(LINE_WITH_OLD_SALES) == [("unreachable", 17, 3, "old-sales", None, None)]


def test_node_reached_only_by_a_failure_branch_is_reachable():
    # `sorry` is reached by no_match only: a caller who presses a wrong key hears it
    assert "sorry" not in {n for k, _, _, n, _, _ in found(LINE_WITH_OLD_SALES)}
    without = textwrap.dedent(LINE_WITH_OLD_SALES).replace("    no_match: sorry\n", "")
    assert ("unreachable", 13, 3, "sorry", None, None) in found(without)


def test_a_node_closed_at_the_instant_is_not_unreachable():
    # --at looks at one instant, but unreachable speaks of all times: a closed redirect is not a defect
    a = analysis("""
        ivrmaze: 1
        timezone: Europe/Amsterdam
        entry: main
        hours:
          office: {mon-fri: "09:00-17:00"}
        intents:
          invoice: A question about an invoice
        nodes:
          main:
            menu: For invoices press 1.
            options: {"1": billing}
          billing:
            queue: Billing
            hours: office
            closed: callback
            resolves: [invoice]
          callback:
            callback: We call you back.
            resolves: [invoice]
        """, at="Mon 10:00")
    assert not [f for f in a.findings if f.kind == "unreachable"]
    assert not found(kind="unreachable")  # over the week, the callback is reached at night


def test_entryless_library_reached_by_nothing_is_not_reported():
    write("lib.yaml", """
        ivrmaze: 1
        nodes:
          desk:
            queue: Shared desk
          other:
            queue: Another desk
        """)
    write("example.yaml", """
        ivrmaze: 1
        entry: main
        intents:
          invoice: A question about an invoice
        nodes:
          main:
            menu: For invoices press 1.
            options: {"1": billing}
          billing:
            queue: Billing
            resolves: [invoice]
        """)
    maze = ivrmaze.load(["example.yaml", "lib.yaml"])
    a = analyze(maze)
    assert [f for f in a.findings if f.kind == "unreachable"] == []


def test_entryless_library_that_is_used_reports_its_unused_nodes():
    write("lib.yaml", """
        ivrmaze: 1
        intents:
          invoice: A question about an invoice
        nodes:
          desk:
            queue: Shared desk
            resolves: [invoice]
          other:
            queue: Another desk
        """)
    write("example.yaml", """
        ivrmaze: 1
        entry: main
        intents:
          invoice: A question about an invoice
        nodes:
          main:
            menu: For invoices press 1.
            options: {"1": desk}
          desk:
            external: {file: lib.yaml, node: desk}
        """)
    maze = ivrmaze.load(["example.yaml", "lib.yaml"])
    got = [(f.file, f.line, f.column, f.node) for f in analyze(maze).findings if f.kind == "unreachable"]
    assert got == [("lib.yaml", 8, 3, "other")]


# --------------------------------------------------------------------------------------------
# dead-end

DEAD_END_MESSAGE = """
    ivrmaze: 1
    timezone: Europe/Amsterdam
    entry: main
    hours:
      office:
        mon-fri: "09:00-17:00"
    intents:
      invoice: A question about an invoice
    nodes:
      main:
        menu: For invoices press 1.
        options:
          "1": billing
      billing:
        queue: Billing
        hours: office
        closed: closed-message
        resolves: [invoice]
      closed-message:
        say: We are closed. Please call again on a weekday between 9 and 5.
        next: hangup
    """


def test_dead_end_closing_message():
    assert found(DEAD_END_MESSAGE) == [("dead-end", 19, 3, "closed-message", None, None)]
    f = only(kind="dead-end")
    assert f.severity == "warning" and "the call ends after this message" in f.message


def test_dead_end_closed_queue_with_default_hangup_has_windows():
    text = DEAD_END_MESSAGE.replace("        closed: closed-message\n", "")
    assert found(text, "dead-end") == [
        ("dead-end", 14, 3, "billing", None, ("Mon-Thu 17:00-09:00", "Fri 17:00-Mon 09:00"))]
    assert "the team is closed and the call is disconnected" in only(kind="dead-end").message
    # while the team is open there is no dead end
    assert found(kind="dead-end", at="Tue 10:00") == []
    assert found(kind="dead-end", at="Tue 18:00") == [("dead-end", 14, 3, "billing", None, ("Tue 18:00",))]


def test_dead_end_open_queue_with_nothing_to_offer():
    f = only("""
        ivrmaze: 1
        entry: main
        intents:
          invoice: A question about an invoice
        nodes:
          main:
            menu: For invoices press 1, for anything else press 2.
            options: {"1": billing, "2": reception}
          billing:
            queue: Billing
            resolves: [invoice]
          reception:
            queue: Reception
        """, "dead-end")
    assert (f.line, f.column, f.node, f.when) == (12, 3, "reception", None)
    assert "neither resolves anything nor transfers" in f.message


@pytest.mark.parametrize("end", [
    "say: Your balance is 12 euros.\n    resolves: [invoice]",
    "callback: We call you back.\n    resolves: [invoice]",
    'voicemail: Leave a message.\n    resolves: "*"',
])
def test_no_dead_end_where_the_call_ends_resolved(end):
    text = f"""
ivrmaze: 1
entry: main
intents:
  invoice: A question about an invoice
nodes:
  main:
    menu: For invoices press 1.
    options: {{"1": end}}
  end:
    {end}
"""
    assert found(text) == []


# --------------------------------------------------------------------------------------------
# trap and after-hours-trap

BASTA = """
    ivrmaze: 1
    timezone: Europe/Brussels
    entry: main
    hours:
      office:
        mon-fri: "08:00-16:00"
        holidays: ["2011-04-25"]
      helpdesk:
        mon-fri: "08:00-20:00"
    intents:
      remove-container: A container blocks the car park
      invoice: A question about an invoice
    nodes:
      main:
        menu: For invoices press 1, for anything else press 3.
        options:
          "1": billing
          "3": switchboard
      billing:
        queue: Billing
        hours: helpdesk
        closed: closed-message
        resolves: [invoice]
        transfers: [switchboard]
      switchboard:
        queue: Switchboard
        hours: office
        closed: main
        transfers: [facilities]
      facilities:
        queue: Facilities
        hours: office
        closed: main
        resolves: [remove-container]
      closed-message:
        say: We are closed.
        next: hangup
    """


def test_trap_at_an_instant():
    f = only(BASTA, "trap", at="Fri 16:30")
    assert (f.kind, f.line, f.column, f.node, f.intent, f.when) == (
        "trap", 28, 5, "switchboard", "remove-container", ("Fri 16:30",))
    assert f.nodes == ("main", "billing", "switchboard")
    assert f.severity == "error"
    assert "closed teams send callers back (switchboard (closed) -> main)" in f.message
    assert found(kind="after-hours-trap", at="Fri 16:30") == []


@pytest.mark.parametrize("at", ["Mon 10:00", "Tue 21:00", "Sat 12:00"])
def test_no_trap_while_open_or_when_everything_is_closed(at):
    assert found(BASTA, "trap", at=at) == []


def test_trap_on_a_holiday_instant():
    f = only(BASTA, "trap", at="2011-04-25T10:00")
    assert (f.node, f.intent, f.when) == ("switchboard", "remove-container", ("2011-04-25T10:00",))


def test_after_hours_trap_over_the_week_with_its_windows():
    assert found(BASTA, "after-hours-trap") == [
        ("after-hours-trap", 28, 5, "switchboard", "remove-container",
         ("Mon-Fri 16:00-20:00", "2011-04-25 08:00-20:00 (holiday)"))]
    assert found(kind="trap") == []
    assert only(kind="after-hours-trap").message.startswith("at these times callers who want `remove-container`")


def test_no_after_hours_trap_with_an_honest_closed_message():
    was, now = "closed: main\n    transfers: [facilities]", "closed: closed-message\n    transfers: [facilities]"
    honest = textwrap.dedent(BASTA).replace(was, now)
    assert honest != textwrap.dedent(BASTA)
    assert found(honest, "after-hours-trap") == []
    assert ("dead-end", "closed-message") in {(k, n) for k, _, _, n, _, _ in found()}


HOURS_MENU = """
    ivrmaze: 1
    entry: main
    intents:
      opening-hours: When is the shop open?
      invoice: A question about an invoice
    nodes:
      main:
        menu: For opening hours press 1. For anything else press 2.
        options:
          "1": hours-menu
          "2": service
      hours-menu:
        menu: For the shop press 1. To hear this again press 9.
        options:
          "1": shop-hours
          "9": hours-menu
        exhausted: main
      shop-hours:
        say: The shop is open from 9 to 6.
        resolves: [opening-hours]
        next: hours-menu
      service:
        queue: Customer service
        resolves: [invoice, opening-hours]
    """


def test_trap_at_all_times_points_where_callers_fall_in():
    f = only(HOURS_MENU, "trap")
    assert (f.line, f.column, f.node, f.intent, f.when) == (10, 7, "main", "invoice", None)
    assert f.nodes == ("hours-menu", "shop-hours")
    assert 'callers fall in at main option "1"' in f.message


def test_no_trap_when_the_submenu_leads_back():
    back = textwrap.dedent(HOURS_MENU).replace('      "9": hours-menu\n', '      "9": hours-menu\n      "0": main\n')
    assert back != textwrap.dedent(HOURS_MENU)
    assert found(back, "trap") == []
    assert found(HOURS_MENU, "trap")


# --------------------------------------------------------------------------------------------
# ping-pong

def test_ping_pong_cycle_starts_at_the_smallest_position():
    f = only("""
        ivrmaze: 1
        entry: main
        intents:
          invoice: A question about an invoice
        nodes:
          main:
            menu: For invoices press 1.
            options: {"1": alpha}
          zeta:
            queue: Zeta desk
            resolves: [invoice]
            transfers: [alpha]
          beta:
            queue: Beta desk
            transfers: [zeta]
          alpha:
            queue: Alpha desk
            transfers: [beta]
        """, "ping-pong")
    assert (f.line, f.column, f.node, f.intent, f.when) == (12, 17, "zeta", None, None)
    assert "cycle: zeta -> alpha -> beta -> zeta (among zeta, beta and alpha)" in f.message
    assert f.nodes == ("zeta", "beta", "alpha")
    assert f.severity == "warning"


def test_ping_pong_with_windows():
    f = only("""
        ivrmaze: 1
        timezone: Europe/Amsterdam
        entry: main
        hours:
          office: {mon-fri: "09:00-17:00"}
        intents:
          invoice: A question about an invoice
          upgrade: A faster subscription
        nodes:
          main:
            menu: For invoices press 1, for your subscription press 2.
            options: {"1": billing, "2": sales}
          billing:
            queue: Billing
            hours: office
            closed: main
            resolves: [invoice]
            transfers: [sales]
          sales:
            queue: Sales
            resolves: [upgrade]
            transfers: [billing]
        """, "ping-pong")
    assert (f.line, f.column, f.node, f.intent, f.when) == (18, 17, "billing", None, ("Mon-Fri 09:00-17:00",))
    assert f.nodes == ("billing", "sales")


@pytest.mark.parametrize("sales", [
    "    queue: Sales\n    resolves: [upgrade]",  # a chain, no cycle
    "    queue: Sales\n    resolves: [upgrade]\n    transfers: [main]",  # back through a menu: the caller chooses
])
def test_no_ping_pong(sales):
    text = f"""
ivrmaze: 1
entry: main
intents:
  invoice: A question about an invoice
  upgrade: A faster subscription
nodes:
  main:
    menu: For invoices press 1, for your subscription press 2.
    options: {{"1": billing, "2": sales}}
  billing:
    queue: Billing
    resolves: [invoice]
    transfers: [sales]
  sales:
{sales}
"""
    assert found(text, "ping-pong") == []


# --------------------------------------------------------------------------------------------
# unresolvable-intent

CHARGER = """
    ivrmaze: 1
    entry: main
    intents:
      invoice: A question about an invoice
      charge-card: A question about the charge card
      charger-fault: The charging point does not work
    nodes:
      main:
        menu: For invoices press 1, for your charging point press 2.
        options: {"1": billing, "2": charging-support}
      billing:
        queue: Billing
        resolves: [invoice]
      charging-support:
        queue: Charging point support
        resolves: [charge-card]
    """


def test_unresolvable_intent():
    assert found(CHARGER) == [("unresolvable-intent", 6, 3, None, "charger-fault", None)]
    assert only(kind="unresolvable-intent").severity == "error"


def test_intent_resolved_only_by_an_unreachable_node_is_unresolvable():
    text = textwrap.dedent(CHARGER) + "  fault-desk:\n    queue: Fault desk\n    resolves: [charger-fault]\n"
    assert found(text) == [("unresolvable-intent", 6, 3, None, "charger-fault", None),
                           ("unreachable", 17, 3, "fault-desk", None, None)]


def test_intent_resolved_by_a_callback_is_resolvable():
    text = textwrap.dedent(CHARGER).replace("resolves: [charge-card]",
                                            "resolves: [charge-card]\n    transfers: [callback]") + \
        "  callback:\n    callback: A technician calls back.\n    resolves: [charger-fault]\n"
    assert found(text) == []


def test_unresolvable_at_an_instant():
    text = """
        ivrmaze: 1
        timezone: Europe/Amsterdam
        entry: main
        hours:
          office: {mon-fri: "09:00-17:00"}
        intents:
          invoice: A question about an invoice
        nodes:
          main:
            menu: For invoices press 1.
            options: {"1": billing}
          billing:
            queue: Billing
            hours: office
            closed: closed-message
            resolves: [invoice]
          closed-message:
            say: We are closed.
        """
    assert found(text, "unresolvable-intent", at="Sat 20:00") == [
        ("unresolvable-intent", 7, 3, None, "invoice", ("Sat 20:00",))]
    assert found(kind="unresolvable-intent") == []


# --------------------------------------------------------------------------------------------
# limits: too-many-options, too-deep, too-many-retells, and where they come from

def menu_with(n_options: int, limits: str = "") -> str:
    opts = "".join(f'      "{k}": service\n' for k in range(1, n_options + 1))
    return (f"ivrmaze: 1\nentry: main\n{limits}intents:\n  invoice: A question about an invoice\nnodes:\n"
            f"  main:\n    menu: Choose.\n    options:\n{opts}  service:\n    queue: Service\n    resolves: \"*\"\n")


def options_findings(text=None, **kw):
    return [(f.line, f.column, f.node, f.message.split(", expected ")[1].split(" (")[0])
            for f in analysis(text, **kw).findings if f.kind == "too-many-options"]


def test_too_many_options_default_limit():
    assert options_findings(menu_with(6)) == [(8, 5, "main", "at most 5")]
    assert options_findings(menu_with(5)) == []
    f = only(menu_with(6), "too-many-options")
    assert (f.kind, f.node, f.intent, f.when, f.severity) == ("too-many-options", "main", None, None, "warning")
    assert "menu `main` offers 6 options" in f.message


def test_too_many_options_counts_keys_not_targets():
    text = menu_with(5).replace('      "5": service\n', '      "5": service\n      "*": main\n')
    assert options_findings(text) == [(8, 5, "main", "at most 5")]


def test_too_many_options_from_the_limits_block():
    assert options_findings(menu_with(4, "limits:\n  max_options: 3\n")) == [(10, 5, "main", "at most 3")]
    assert options_findings(menu_with(6, "limits:\n  max_options: 6\n")) == []


def test_too_many_options_from_ivrmaze_yaml_in_a_parent_folder():
    write(".ivrmaze.yaml", "max_options: 3\n")
    write("lines/phone/example.yaml", menu_with(4))
    assert options_findings(path="lines/phone/example.yaml") == [(8, 5, "main", "at most 3")]
    f = only(kind="too-many-options", path="lines/phone/example.yaml")
    assert f.file == "lines/phone/example.yaml"


def test_ivrmaze_yaml_may_hold_a_limits_key():
    write(".ivrmaze.yaml", "limits:\n  max_options: 3\n")
    assert options_findings(menu_with(4)) == [(8, 5, "main", "at most 3")]


def test_the_nearest_ivrmaze_yaml_wins():
    write(".ivrmaze.yaml", "max_options: 9\n")
    write("lines/.ivrmaze.yaml", "max_options: 3\n")
    write("lines/example.yaml", menu_with(4))
    write("other/example.yaml", menu_with(4))
    assert options_findings(path="lines/example.yaml") == [(8, 5, "main", "at most 3")]
    assert options_findings(path="other/example.yaml") == []


def test_too_many_options_from_the_command_line():
    assert options_findings(menu_with(4), cli={"max_options": 3}) == [(8, 5, "main", "at most 3")]


@pytest.mark.parametrize("project, block, cli, expected", [
    (None, None, None, 5),
    (2, None, None, 2),
    (2, 3, None, 3),
    (2, 3, 4, 4),
    (None, None, 1, 1),
    (None, 3, None, 3),
    (7, None, 1, 1),
])
def test_precedence_cli_over_block_over_ivrmaze_yaml_over_defaults(project, block, cli, expected):
    if project is not None:
        write(".ivrmaze.yaml", f"max_options: {project}\n")
    limits = f"limits:\n  max_options: {block}\n" if block is not None else ""
    got = options_findings(menu_with(8, limits), cli={"max_options": cli} if cli is not None else None)
    assert got == [(8 + (2 if limits else 0), 5, "main", f"at most {expected}")]


def chain(n_menus: int, limits: str = "") -> str:
    """entry menu -> n_menus - 1 more menus -> desk: best route of n_menus hops."""
    nodes = ""
    for i in range(n_menus):
        nxt = f"m{i + 1}" if i + 1 < n_menus else "desk"
        nodes += f"  m{i}:\n    menu: Press 1.\n    options: {{\"1\": {nxt}}}\n"
    return (f"ivrmaze: 1\nentry: m0\n{limits}intents:\n  lost-card: Block a lost card\nnodes:\n{nodes}"
            "  desk:\n    queue: Card desk\n    resolves: [lost-card]\n")


def test_too_deep_default_limit():
    f = only(chain(6), "too-deep")
    assert (f.kind, f.line, f.column, f.node, f.intent, f.when) == ("too-deep", 4, 3, None, "lost-card", None)
    assert "takes 6 hops (m0 -> m1 -> m2 -> m3 -> m4 -> m5 -> desk), expected at most 5" in f.message
    assert found(chain(5), "too-deep") == []


def test_too_deep_from_block_ivrmaze_yaml_and_cli():
    assert found(chain(3, "limits:\n  max_hops: 2\n"), "too-deep") == [("too-deep", 6, 3, None, "lost-card", None)]
    write(".ivrmaze.yaml", "max_hops: 2\n")
    assert found(chain(3), "too-deep") == [("too-deep", 4, 3, None, "lost-card", None)]
    assert found(chain(3, "limits:\n  max_hops: 3\n"), "too-deep") == []
    assert found(chain(3, "limits:\n  max_hops: 3\n"), "too-deep", cli={"max_hops": 2}) == [
        ("too-deep", 6, 3, None, "lost-card", None)]


def test_too_deep_only_at_some_times_has_windows():
    text = """
        ivrmaze: 1
        timezone: Europe/Amsterdam
        entry: main
        hours:
          office: {mon-fri: "09:00-17:00"}
        intents:
          invoice: A question about an invoice
        nodes:
          main:
            menu: For invoices press 1.
            options: {"1": billing}
          billing:
            queue: Billing
            hours: office
            closed: night
            resolves: [invoice]
          night:
            say: Billing is closed; we put you through to the night desk.
            next: night-desk
          night-desk:
            queue: Night desk
            transfers: [night-billing]
          night-billing:
            queue: Night billing
            resolves: [invoice]
        """
    assert found(text, "too-deep", cli={"max_hops": 3}) == [
        ("too-deep", 7, 3, None, "invoice", ("Mon-Thu 17:00-09:00", "Fri 17:00-Mon 09:00"))]


RETELLS = """
    ivrmaze: 1
    entry: main
    intents:
      move: Move my subscription to a new address
    nodes:
      main:
        menu: For anything else press 3.
        options: {"3": switchboard}
      switchboard:
        queue: Switchboard
        transfers: [sales]
      sales:
        queue: Sales
        transfers: [moves]
      moves:
        queue: Moves and address changes
        resolves: [move]
    """


def test_too_many_retells_default_limit():
    f = only(RETELLS, "too-many-retells")
    assert (f.kind, f.line, f.column, f.node, f.intent, f.when) == ("too-many-retells", 4, 3, None, "move", None)
    assert "tell their story 2 more times on the best route (main -> switchboard -> sales -> moves)" in f.message


def test_warm_transfers_cost_no_retell():
    assert found(RETELLS.replace("transfers: [moves]", "transfers: [{to: moves, warm: true}]"),
                 "too-many-retells") == []


def test_too_many_retells_limits():
    write(".ivrmaze.yaml", "max_retells: 2\n")
    assert found(RETELLS, "too-many-retells") == []
    assert found(kind="too-many-retells", cli={"max_retells": 1}) == [("too-many-retells", 4, 3, None, "move", None)]
    text = textwrap.dedent(RETELLS).replace("entry: main\n", "entry: main\nlimits:\n  max_retells: 0\n")
    assert found(text, "too-many-retells") == [("too-many-retells", 6, 3, None, "move", None)]


# --------------------------------------------------------------------------------------------
# no-zero-out and severities

NO_HUMAN = """
    ivrmaze: 1
    entry: main
    intents:
      invoice: A question about an invoice
    nodes:
      main:
        menu: For invoices press 1.
        options: {"1": invoice-menu}
      invoice-menu:
        menu: To hear your balance press 1, for billing press 2.
        options: {"1": balance, "2": hold}
      balance:
        say: Your balance is 12 euros.
        resolves: [invoice]
      hold:
        say: Please hold for billing.
        next: billing
      billing:
        queue: Billing
        resolves: [invoice]
    """


def test_no_zero_out_is_off_by_default():
    assert found(NO_HUMAN) == []


@pytest.mark.parametrize("how", ["cli", "block", "project", "severity"])
def test_no_zero_out_when_enabled(how):
    text, cli = NO_HUMAN, None
    if how == "cli":
        cli = {"checks": {"no-zero-out": True}}
    elif how == "block":
        text = textwrap.dedent(NO_HUMAN).replace("entry: main\n",
                                                 "entry: main\nlimits:\n  checks: {no-zero-out: true}\n")
    elif how == "project":
        write(".ivrmaze.yaml", "checks:\n  no-zero-out: true\n")
    else:
        write(".ivrmaze.yaml", "checks:\n  no-zero-out: warning\n")
    a = analysis(text, cli=cli)
    fs = [f for f in a.findings if f.kind == "no-zero-out"]
    line = 8 if how == "block" else 6
    # invoice-menu reaches billing through one message: a person within one more hop
    assert [(f.line, f.column, f.node, f.intent, f.when) for f in fs] == [(line, 3, "main", None, None)]
    assert fs[0].severity == ("warning" if how == "severity" else "info")


def test_severity_override_and_disable():
    write(".ivrmaze.yaml", "checks:\n  dead-end: info\n")
    f = only(DEAD_END_MESSAGE, "dead-end")
    assert f.severity == "info"
    assert found(kind="dead-end", cli={"checks": {"dead-end": False}}) == []
    text = textwrap.dedent(DEAD_END_MESSAGE).replace("entry: main\n",
                                                     "entry: main\nlimits:\n  checks: {dead-end: error}\n")
    assert only(text, "dead-end").severity == "error"
    # the command line beats the file's block
    assert found(text, "dead-end", cli={"checks": {"dead-end": False}}) == []


def test_settings_apply_per_file():
    write("strict/.ivrmaze.yaml", "checks: {unresolvable-intent: false}\n")
    write("strict/example.yaml", CHARGER)
    write("loose/example.yaml", CHARGER)
    maze = ivrmaze.load(["strict/example.yaml", "loose/example.yaml"])
    a = analyze(maze, config=Config.for_maze(maze))
    assert [(f.file, f.kind) for f in a.findings] == [("loose/example.yaml", "unresolvable-intent")]


@pytest.mark.parametrize("config, where, words", [
    ("max_hops: -1\n", "1:11", "`max_hops` is -1, expected a whole number of 0 or more"),
    ("max_hops: 3\nmax_hops: 4\n", "2:1", "`max_hops` is given twice (first at line 1)"),
    ("checks:\n  trap: maybe\n", "2:9", "`trap` is 'maybe', expected true, false, error, warning or info"),
    ("checks:\n  dead-ends: info\n", "2:3", "unknown check `dead-ends` (did you mean `dead-end`?)"),
    ("max_option: 3\n", "1:1", "unknown limit `max_option` (did you mean `max_options`?)"),
    ("checks: [trap]\n", "1:9", "`checks` is a list, expected a mapping"),
    ("max_hops: [3\n", "1:11", "invalid YAML"),
    ("max_hops: true\n", "1:11", "`max_hops` is true, expected a whole number"),
    ("[1, 2]\n", "1:1", "the settings are a list, expected a mapping such as `max_hops: 5`"),
    ("limits: 3\n", "1:9", "the settings are a number, expected a mapping"),
    ("max_hops: 3\nlimits:\n  max_hops: 2\n", "2:1", "`limits` next to other settings"),
])
def test_invalid_ivrmaze_yaml_exits_2_with_a_positioned_message(config, where, words):
    write(".ivrmaze.yaml", config)
    write("example.yaml", CHARGER)
    r = run_cli("check", "example.yaml")
    assert r.exit_code == 2
    first = r.output.splitlines()[0]
    assert first.startswith(f".ivrmaze.yaml:{where}: error: "), r.output
    assert first.endswith("[config IVM113]")
    assert words in first
    assert "  | " in r.output  # the source line with a caret


@pytest.mark.parametrize("config", ["", "# max_hops: 3\n\n# checks: {dead-end: info}\n"])
def test_an_empty_ivrmaze_yaml_has_no_settings(config):
    write(".ivrmaze.yaml", config)
    write("example.yaml", CHARGER)
    r = run_cli("check", "example.yaml")
    assert r.exit_code == 1
    assert "[unresolvable-intent IVM206]" in r.output and ".ivrmaze.yaml" not in r.output


# --------------------------------------------------------------------------------------------
# the commands: exact output and exit codes

CLEAN = """
    ivrmaze: 1
    entry: main
    intents:
      invoice: A question about an invoice
    nodes:
      main:
        menu: For invoices press 1.
        options: {"1": billing}
      billing:
        queue: Billing
        resolves: [invoice]
    """


def test_check_clean_exit_0():
    write("example.yaml", CLEAN)
    r = run_cli("check", "example.yaml")
    assert (r.exit_code, r.output) == (0, "0 errors, 0 warnings in 1 file (2 nodes); worst case: 1 hop\n")


def test_check_warnings_exit_0_and_strict_exit_1():
    write("example.yaml", DEAD_END_MESSAGE)
    expected = (
        "example.yaml:19:3: warning: dead end at `closed-message`: the call ends after this message without "
        "resolving any intent, expected a route to a team, message or callback that resolves the caller's intent "
        "[dead-end IVM202]\n"
        "  |   closed-message:\n"
        "  |   ^\n"
        "0 errors, 1 warning in 1 file (3 nodes); worst case: 1 hop\n")
    r = run_cli("check", "example.yaml")
    assert (r.exit_code, r.output) == (0, expected)
    r = run_cli("check", "--strict", "example.yaml")
    assert (r.exit_code, r.output) == (1, expected)
    # an info never fails, not even with --strict
    write(".ivrmaze.yaml", "checks: {dead-end: info}\n")
    r = run_cli("check", "--strict", "example.yaml")
    assert r.exit_code == 0
    assert "info: dead end" in r.output


def test_check_errors_exit_1_with_when_lines():
    write("example.yaml", BASTA)
    r = run_cli("check", "example.yaml")
    assert r.exit_code == 1
    assert r.output == (
        "example.yaml:28:5: error: at these times callers who want `remove-container` go round forever among main, "
        "billing and switchboard; closed teams send callers back (switchboard (closed) -> main), expected a way to a "
        "resolution or an honest end (a closed message, a callback) [after-hours-trap IVM204]\n"
        "  |     closed: main\n"
        "  |     ^\n"
        "  = when: Mon-Fri 16:00-20:00; 2011-04-25 08:00-20:00 (holiday)\n"
        "example.yaml:35:3: warning: dead end at `closed-message`: the call ends after this message without "
        "resolving any intent, expected a route to a team, message or callback that resolves the caller's intent "
        "[dead-end IVM202]\n"
        "  |   closed-message:\n"
        "  |   ^\n"
        "1 error, 1 warning in 1 file (5 nodes); worst case: 2 hops\n")


def test_check_at_an_instant_prints_no_when_lines():
    write("example.yaml", BASTA)
    r = run_cli("check", "example.yaml", "--at", "Fri 16:30")
    assert r.exit_code == 1
    assert "= when:" not in r.output
    assert "[trap IVM203]" in r.output and "[after-hours-trap" not in r.output
    assert r.output.splitlines()[-1] == "2 errors, 0 warnings in 1 file (5 nodes) at Fri 16:30; worst case: 1 hop"


def test_check_a_trap_downgraded_to_a_warning_passes():
    write("example.yaml", BASTA)
    write(".ivrmaze.yaml", "checks: {after-hours-trap: warning}\n")
    assert run_cli("check", "example.yaml").exit_code == 0
    assert run_cli("check", "example.yaml", "--strict").exit_code == 1


def test_check_load_error_exit_2():
    write("example.yaml", 'ivrmaze: 1\nentry: main\nnodes:\n  main:\n    menu: Press 1.\n    options: {"1": biling}\n')
    r = run_cli("check", "example.yaml")
    assert r.exit_code == 2
    assert r.output == (
        "example.yaml:6:20: error: option `1` of node `main` goes to `biling`, which is not defined, expected a node "
        "id under `nodes:` or `hangup` [reference IVM107]\n"
        "  |     options: {\"1\": biling}\n"
        "  |                    ^\n"
        "1 problem stop the analysis: fix the files first\n")


@pytest.mark.parametrize("args, words", [
    (["--at", "Fri 25:00"], "invalid time in --at 'Fri 25:00', expected HH:MM from 00:00 to 23:59"),
    (["--at", "Friday"], "invalid --at 'Friday'"),
    (["--at", "Fry 10:00"], "invalid day 'Fry'"),
    (["--max-hops", "-1"], "-1"),
    (["--enable", "no-such-check"], "no-such-check"),
])
def test_check_usage_errors_exit_2(args, words):
    write("example.yaml", CLEAN)
    r = run_cli("check", "example.yaml", *args)
    assert r.exit_code == 2
    assert words in r.stderr
    assert r.output == ""


def test_check_missing_path_exit_2():
    r = run_cli("check", "nowhere.yaml")
    assert r.exit_code == 2
    assert "nowhere.yaml: no such file or folder" in r.stderr


def test_check_json():
    write("example.yaml", BASTA)
    r = run_cli("check", "example.yaml", "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["files"] == ["example.yaml"]
    assert [(f["kind"], f["severity"], f["code"], f["file"], f["line"], f["column"], f["node"], f["intent"],
             f["when"], f["nodes"]) for f in data["findings"]] == [
        ("after-hours-trap", "error", "IVM204", "example.yaml", 28, 5, "switchboard", "remove-container",
         ["Mon-Fri 16:00-20:00", "2011-04-25 08:00-20:00 (holiday)"], ["main", "billing", "switchboard"]),
        ("dead-end", "warning", "IVM202", "example.yaml", 35, 3, "closed-message", None, None, []),
    ]
    assert data["summary"]["files"] == 1
    assert data["summary"]["nodes"] == 5  # as declared; the built-in hangup is not counted
    assert (data["summary"]["errors"], data["summary"]["warnings"]) == (1, 1)
    assert data["summary"]["worst_case_hops"] == 2
    keys = {"file", "intent", "when", "best_hops", "guaranteed_hops", "resolve_probability", "expected_hops",
            "retells"}
    assert all(keys <= set(m) for m in data["intents"])
    rows = {(m["intent"], tuple(m["when"])): m for m in data["intents"]}
    office = rows[("remove-container", ("Mon-Fri 08:00-16:00",))]
    assert (office["best_hops"], office["guaranteed_hops"], office["resolve_probability"], office["retells"]) == \
        (2, 2, 1.0, 1)


def test_check_json_at_an_instant_has_one_row_per_intent():
    write("example.yaml", BASTA)
    data = json.loads(run_cli("check", "example.yaml", "--format", "json", "--at", "Fri 16:30").output)
    assert [(m["intent"], m["when"], m["best_hops"]) for m in data["intents"]] == [
        ("remove-container", ["Fri 16:30"], None), ("invoice", ["Fri 16:30"], 1)]
    assert {f["kind"] for f in data["findings"]} == {"trap", "unresolvable-intent"}
    assert all(f["when"] == ["Fri 16:30"] for f in data["findings"])


def test_report_text():
    write("example.yaml", "name: Head office line\n" + textwrap.dedent(BASTA).lstrip("\n"))
    r = run_cli("report", "example.yaml")
    assert r.exit_code == 0
    table = r.output.split("\n\nbest: fewest hops")[0]
    assert table == (
        "Head office line (example.yaml, entry main)\n"
        "intent            when                              best  guaranteed  resolves  expected  retells\n"
        "----------------  --------------------------------  ----  ----------  --------  --------  -------\n"
        "remove-container  Mon-Fri 08:00-16:00                  2           2      100%       2.5        1\n"
        "                  Mon-Fri 16:00-20:00                  -           -        0%         -        -\n"
        "                  2011-04-25 08:00-20:00 (holiday)\n"
        "                  Mon-Thu 20:00-08:00                  -           -        0%         5        -\n"
        "                  Fri 20:00-Mon 08:00\n"
        "                  2011-04-25 00:00-08:00 (holiday)\n"
        "                  2011-04-25 20:00-24:00 (holiday)\n"
        "invoice           Mon-Fri 08:00-16:00                  1           1       50%       1.5        0\n"
        "                  Mon-Fri 16:00-20:00                  1           1      100%         3        0\n"
        "                  2011-04-25 08:00-20:00 (holiday)\n"
        "                  Mon-Thu 20:00-08:00                  -           -        0%         5        -\n"
        "                  Fri 20:00-Mon 08:00\n"
        "                  2011-04-25 00:00-08:00 (holiday)\n"
        "                  2011-04-25 20:00-24:00 (holiday)")


def test_report_json_and_at():
    write("example.yaml", BASTA)
    r = run_cli("report", "example.yaml", "--format", "json", "--at", "Mon 10:00")
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["at"] == "Mon 10:00"
    got = [(m["intent"], m["when"], m["best_hops"], m["guaranteed_hops"], m["resolve_probability"],
            m["expected_hops"], m["retells"]) for m in data["intents"]]
    assert got == [("remove-container", ["Mon 10:00"], 2, 2, 1.0, 2.5, 1),
                   ("invoice", ["Mon 10:00"], 1, 1, 0.5, 1.5, 0)]


def test_report_exit_2_on_load_errors_and_bad_at():
    write("example.yaml", CLEAN)
    r = run_cli("report", "example.yaml", "--at", "someday")
    assert r.exit_code == 2 and "invalid --at 'someday'" in r.stderr
    write("broken.yaml", "ivrmaze: 1\nnodes: {}\nentry: nowhere\n")
    assert run_cli("report", "broken.yaml").exit_code == 2
