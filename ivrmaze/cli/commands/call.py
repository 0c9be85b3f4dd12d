"""`ivrmaze call FILE`: be the caller. Prompts play as text; you press keys (or `--keys 3,1`)."""
from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import click

from ...errors import UsageError
from ...formatters.text import format_finding, source_lines
from ...graph import split
from ...language import DTMF_KEYS
from ...simulator import HANG_UP, Call
from ...timeline import parse_at
from ..common import load_maze

_SUMMARY = {
    "resolved": "resolved at {node}",
    "arrived": "arrived at {node}",
    "ended": "the call ended at {node}",
    "waiting": "stopped at {node}, waiting for a key",
    "answered": "a human answered at {node}",
    "loop": "going round at {node}",
    "hung-up": "you hung up at {node}",
    "too-long": "stopped at {node} after too many moves",
}


def parse_keys(text: str) -> list[str]:
    """``"3,1"`` -> ["3", "1"]; an empty item (``"3,,1"``) is a turn with no key pressed."""
    keys = [k.strip() for k in text.split(",")]
    for k in keys:
        if k and k not in DTMF_KEYS:
            raise click.BadParameter(f"{k!r} is not a key, expected keys 0-9, * or # separated by commas, "
                                     "such as --keys 3,1 (an empty item: no key pressed)", param_hint="--keys")
    return keys


def now_at(timezone: str):
    return parse_at(dt.datetime.now(zoneinfo.ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M"))


def summary(call: Call, res) -> str:
    node = split(res.node)[1] if split(res.node)[0] == call.file else res.node
    what = _SUMMARY[res.outcome].format(node=node)
    hops = f"{res.hops} hop{'' if res.hops == 1 else 's'}"
    retells = f"{res.retells} retell{'' if res.retells == 1 else 's'}"
    verdict = f"`{call.intent}` {'resolved' if res.resolved else 'not resolved'}" if call.intent else "no intent given"
    return f"Summary: {what}; {hops}, {retells}; {verdict}."


class Printer:
    """Prints events as they come, with the node id in a left column."""

    def __init__(self, call: Call):
        self.call = call
        self.done = 0
        ids = [split(q)[1] for q in call.G if split(q)[0] == call.file]
        self.width = min(max((len(i) for i in ids), default=4), 20)

    def flush(self):
        last = None
        for e in self.call.events[self.done:]:
            f, nid = split(e.node)
            label = nid if f == self.call.file else e.node
            shown = label if label != last else ""
            click.echo(f"{shown:<{self.width}}  {e.text}")
            last = label
        self.done = len(self.call.events)


def ask(printer: Printer):
    def press(node, options):
        printer.flush()
        keys = ", ".join(f"{k} {label or split(v)[1]}" for k, v, label in options) or "none"
        hint = f"Keys: {keys} (Enter: nothing, {HANG_UP}: hang up)"
        while True:
            try:
                got = click.prompt(hint, default="", show_default=False, prompt_suffix="\n> ").strip()
            except click.exceptions.Abort:
                return HANG_UP
            if got == "" or got == HANG_UP or got in DTMF_KEYS:
                return got
            click.echo(f"{got!r} is not a key: press one of 0-9, * or #, Enter for nothing, {HANG_UP} to hang up.")

    return press


@click.command("call")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--at", "at", metavar="WHEN", help='When you call: "Fri 16:30" or 2011-04-25T10:00 (default: now, '
              "in the file's time zone).")
@click.option("--intent", help="What you want (an intent id); agents then resolve or transfer you.")
@click.option("--keys", help="Press these keys, comma-separated (e.g. 3,1), instead of asking; then print the "
              "transcript.")
@click.option("--entry", default="phone", show_default=True, help="The way in: phone or a channel name.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(path, at, intent, keys, entry, fmt):
    """Call a phone line: hear the prompts, press keys, follow the transfers.

    Agents transfer you along the best route for your intent (see docs/testing.md, "Which
    transfer an agent picks"). Exit 0 when the call resolves your intent (or no --intent was
    given), 1 when it does not, 2 on usage errors or files that do not load.
    """
    maze = load_maze([path])
    if maze.problems:
        lines_of = source_lines(maze)
        for p in maze.problems:
            click.echo(format_finding(p, lines_of), err=True)
        if not maze.ok:
            return 2
    file = maze.roots[0]
    mf = maze.files[file]
    if intent is not None and intent not in mf.intents:
        from ...loader import suggest
        raise click.BadParameter(f"unknown intent {intent!r}{suggest(intent, mf.intents)}, expected one of: "
                                 f"{', '.join(mf.intents) or '(the file declares no intents)'}", param_hint="--intent")
    try:
        instant = parse_at(at, mf.timezone) if at else now_at(mf.timezone)
        call = Call(maze, at=instant, intent=intent, file=file, entry=entry)
    except UsageError as e:
        raise click.UsageError(str(e)) from None
    press = None
    if keys is not None:
        from ...simulator import scripted
        pressed = parse_keys(keys)
        press = scripted(pressed)
    if fmt == "json":
        res = call.run(press or (lambda node, options: None))
        click.echo(json.dumps({"file": file, "entry": entry, "at": instant.label(), "intent": intent,
                               "keys": pressed if keys is not None else [], **res.to_dict()},
                              indent=2, ensure_ascii=False))
        return 0 if res.resolved or intent is None else 1
    wants = f" with intent `{intent}`" if intent else ""
    click.echo(f"Calling {mf.line_name()} at {instant.label()}{wants}.")
    printer = Printer(call)
    res = call.run(press or ask(printer))
    printer.flush()
    click.echo(summary(call, res))
    return 0 if res.resolved or intent is None else 1
