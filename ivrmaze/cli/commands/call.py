"""`ivrmaze call FILE`: be the caller. Prompts play as text; you press keys (or `--keys 3,1`)."""
from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Callable, Sequence
from typing import Any

import click

from ...errors import UsageError
from ...formatters import call as transcript
from ...formatters.json import call_document, dumps, unloaded_call_document
from ...formatters.text import problems_text
from ...graph import split
from ...language import DTMF_KEYS
from ...model import MenuFile
from ...simulator import HANG_UP, Call, scripted
from ...timeline import Instant, parse_at
from ...words import display_path, safe, suggest
from ..common import load_maze, vars_option

Press = Callable[[str, Sequence[tuple[str, str, Any]]], "str | None"]


def several(text: str) -> list[str] | None:
    """The keys typed at once (``"12"``, ``"1 2"``, ``"1,2"`` -> ["1", "2"]), or None when
    something else is typed."""
    keys = [c for c in text if c not in " ,"]
    return keys if keys and all(k in DTMF_KEYS for k in keys) else None


def parse_keys(text: str) -> list[str]:
    """``"3,1"`` -> ["3", "1"]; ``"31"`` too (an item of several keys presses them in turn); an
    empty item (``"3,,1"``) is a turn with no key pressed."""
    keys: list[str] = []
    for item in (k.strip() for k in text.split(",")):
        if item and any(c not in DTMF_KEYS for c in item):
            raise click.BadParameter(f"{item!r} is not a key, expected keys 0-9, * or # separated by commas, "
                                     "such as --keys 3,1 (an empty item: no key pressed)", param_hint="--keys")
        keys += list(item) or [""]
    return keys


def now_at(timezone: str) -> Instant:
    return parse_at(dt.datetime.now(zoneinfo.ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M"))


class Printer:
    """Prints events as they come, with the node id in a left column."""

    def __init__(self, call: Call) -> None:
        self.call = call
        self.done = 0
        self.width = transcript.id_width(split(q)[1] for q in call.G if split(q)[0] == call.file)

    def flush(self) -> None:
        for line in transcript.event_lines(self.call.events[self.done:], self.call.file, self.width):
            click.echo(line)
        self.done = len(self.call.events)


def ask(printer: Printer) -> Press:
    """A ``press`` that asks at the terminal (Ctrl-C or end of input: hang up). Several keys typed
    at once (``12``) are pressed in turn, one at each prompt, without asking again."""
    typed: list[str] = []

    def press(node: str, options: Sequence[tuple[str, str, Any]]) -> str:  # noqa: ARG001
        printer.flush()
        if typed:
            return typed.pop(0)
        hint = transcript.keys_hint(options, HANG_UP)
        while True:
            try:
                got = click.prompt(hint, default="", show_default=False, prompt_suffix="\n> ").strip()
            except click.exceptions.Abort:
                return HANG_UP
            if got == "" or got == HANG_UP:
                return got
            keys = several(got)
            if keys is not None:
                typed[:] = keys[1:]
                return keys[0]
            click.echo(safe(f"{got!r} is not a key: press one of 0-9, * or # (several at once: 12), "
                            f"Enter for nothing, {HANG_UP} to hang up."))

    return press


def _check_intent(mf: MenuFile, intent: str | None) -> None:
    if intent is not None and intent not in mf.intents:
        raise click.BadParameter(f"unknown intent {intent!r}{suggest(intent, mf.intents)}, expected one of: "
                                 f"{', '.join(mf.intents) or '(the file declares no intents)'}", param_hint="--intent")


def _line_of(path: str) -> Any:
    """The maze to call ``path`` in: the file, and for a platform flow the files beside it too
    (a flow transfers to others by their names, not their paths), when they load."""
    maze = load_maze([path])
    mf = maze.files.get(maze.roots[0]) if maze.roots else None
    if mf is None or mf.platform is None or not maze.ok:
        return maze
    with_folder = load_maze([path, os.path.dirname(os.path.abspath(path))])
    return with_folder if with_folder.ok else maze


@click.command("call")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@vars_option
@click.option("--at", "at", metavar="WHEN", help='When you call: "Fri 16:30" or 2011-04-25T10:00 (default: now, '
              "in the file's time zone).")
@click.option("--intent", help="What you want (an intent id); agents then resolve or transfer you.")
@click.option("--keys", help="Press these keys, comma-separated (e.g. 3,1, or 31), instead of asking; then "
              "print the transcript.")
@click.option("--entry", default="phone", show_default=True, help="The way in: phone or a channel name.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(path: str, at: str | None, intent: str | None, keys: str | None, entry: str, fmt: str) -> int:
    """Call a phone line: hear the prompts, press keys, follow the transfers.

    Agents transfer you along the best route for your intent (see docs/testing.md, "Which
    transfer an agent picks"). Exit 0 when the call resolves your intent (or no --intent was
    given), 1 when it does not, 2 on usage errors or files that do not load.
    """
    maze = _line_of(path)
    if maze.problems:
        click.echo(problems_text(maze, maze.problems), err=True)
        if not maze.ok:
            if fmt == "json":  # the document of every call, with the problems as its events
                pressed = parse_keys(keys) if keys is not None else []
                click.echo(dumps(unloaded_call_document(safe(display_path(path)), entry, intent, pressed,
                                                        maze.problems)))
            return 2
    file = maze.roots[0]
    mf = maze.files[file]
    _check_intent(mf, intent)
    try:
        instant = now_at(mf.timezone) if not at or at.strip().lower() == "now" else parse_at(at, mf.timezone)
        call = Call(maze, at=instant, intent=intent, file=file, entry=entry)
    except UsageError as e:
        raise click.UsageError(str(e)) from None
    pressed = parse_keys(keys) if keys is not None else []
    press = scripted(pressed) if keys is not None else None
    if fmt == "json":
        res = call.run(press or (lambda node, options: None))  # noqa: ARG005
        click.echo(dumps(call_document(file, entry, instant.label(), intent, pressed, res)))
        return 0 if res.resolved or intent is None else 1
    click.echo(transcript.calling_line(mf.line_name(), instant.label(), intent))
    printer = Printer(call)
    res = call.run(press or ask(printer))
    printer.flush()
    click.echo(transcript.summary(call.file, call.intent, res))
    return 0 if res.resolved or intent is None else 1
