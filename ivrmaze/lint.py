"""The linter: config -> analysis -> checks -> severities -> expectation verdicts.

The role of yamllint's ``linter.py``: ``analysis.compute`` knows nothing of config or checks,
the check modules know nothing of config; this module puts them together, so the commands,
diff, review and the test helpers all get the same findings.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from . import directives as _directives
from . import maze as _maze
from .analyses import Analyses
from .checks import SETTINGS, run_checks
from .config import Config, Settings
from .findings import Finding
from .gcpause import paused
from .load.platform import dress
from .periods import Period, maze_at
from .timeline import Instant, state_at
from .words import safe, suggest

if TYPE_CHECKING:
    from .analysis import Analysis
    from .maze import Maze


def load(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, strict: bool = True,
         settings: Settings = SETTINGS, vars: Mapping[str, str] | None = None, entry: str | None = None) -> Maze:
    """Load menu files (and every file they reach through ``external``) into a Maze whose
    ``analyze()`` is ``lint``. With ``strict`` (the default) a file with errors raises
    MazeLoadError carrying the problems; with ``strict=False`` the Maze holds what could be
    loaded and its ``problems``. ``vars``: values of platform files' deploy-time placeholders
    (``--var NAME=VALUE``; a companion file's ``vars:`` gives the others); ``entry``: where calls
    enter platform flows that do not say (an Asterisk dialplan's ``CONTEXT[,EXTEN]``, ``--entry``)."""
    return _maze.load(paths, strict=strict, settings=settings, analyzer=lint, vars=vars, entry=entry)


def lint(maze: Maze, at: Instant | Period | str | None = None, config: Config | None = None, *,
         chances: bool = True) -> Analysis:
    """Metrics and findings for every phone line and intent. ``at``: an Instant or text such as
    ``"Fri 16:30"``/``"2011-04-25T10:00"``/``"now"`` to look at one instant, or a Period or text
    such as ``"Mon-Fri 09:00-17:00"`` for all its instants (the findings that hold at some instant
    of it, their windows cut to it); default the whole week.
    ``config``: limits and check settings (default: the maze's own, ``Config.for_maze``).
    ``chances=False`` skips the random caller (``resolve_probability`` and ``expected_hops``
    are then None): no finding needs it, and it is most of the work."""
    from . import analysis  # scipy: kept off the start-up path (`import ivrmaze`, `validate`)

    with paused():
        config = config or Config.for_maze(maze, settings=SETTINGS)
        when = None if at is None else maze_at(maze, at)
        instant = when if isinstance(when, Instant) else None
        pieces = None if not isinstance(when, Period) else \
            [(w, state_at(maze, i)) for w, i in when.pieces(maze)]
        computed = analysis.compute(maze, instant, chances=chances, windows=pieces)
        findings = dress(apply_directives(maze, config.apply(run_checks(computed, config)), config.settings),
                         maze.files.values())
    label = when.text if isinstance(when, Period) else instant.text if instant else None
    return analysis.Analysis(tuple(maze.files), tuple(sorted(set(findings), key=lambda f: f.sort_key)),
                             tuple(computed.rows), maze.node_count, label, tuple(computed.windows),
                             span=isinstance(when, Period))


def _kind_names(settings: Settings) -> dict[str, str]:
    """Every word a directive may use for a kind (its name, old names, code) -> its name."""
    tunable = [k for k in settings.kinds.values() if k.tunable]
    return {**{k.code: k.name for k in tunable}, **{k.name: k.name for k in tunable},
            **{old: new for old, new in settings.aliases.items()}}


def _file_directives(path: str, text: str,
                     names: dict[str, str]) -> tuple[dict[int, set[str]], set[str], list[Finding]]:
    """(line -> kinds disabled there, kinds disabled in the file, warnings about the directives)."""
    d = _directives.read(text)
    problems = [Finding("directive", m, path, line, col) for line, col, m in d.problems]
    for w in d.words():
        if w.text not in names:
            problems.append(Finding("directive", f"`{safe(w.text)}` in an `# ivrmaze:` directive is not a finding "
                                    f"kind{suggest(safe(w.text), names)}, expected a kind name such as `dead-end` "
                                    "or its code (`IVM202`)", path, w.line, w.column))
    lines = {n: {names[w.text] for w in ws if w.text in names} for n, ws in d.lines.items()}
    return lines, {names[w.text] for w in d.file if w.text in names}, problems


def apply_directives(maze: Maze, findings: list[Finding], settings: Settings = SETTINGS) -> list[Finding]:
    """``findings`` without those the files' ``# ivrmaze: disable=...`` comments disable, and
    with a warning (kind `directive`) for every directive that cannot be read or names no kind."""
    names = _kind_names(settings)
    by_file: dict[str, tuple[dict[int, set[str]], set[str]]] = {}
    out: list[Finding] = []
    for mf in maze.files.values():
        if mf.document is not None and mf.document.text.count("ivrmaze") > 1:  # besides `ivrmaze: 1`
            lines, whole, problems = _file_directives(mf.path, mf.document.text, names)
            by_file[mf.path] = (lines, whole)
            out += problems
    if not by_file:
        return findings + out
    for f in findings:
        lines, whole = by_file.get(f.file or "", ({}, set()))
        if f.kind not in whole and f.kind not in lines.get(f.line, ()):
            out.append(f)
    return out


def check(maze: Maze, at: Instant | Period | str | None = None, config: Config | None = None, *,
          chances: bool = True) -> Analysis:
    """``lint`` and the failed expectations of the maze's files (kind ``expectation``, with the
    config's severities), all in ``findings``, in position order: what ``ivrmaze check`` reports."""
    config = config or Config.for_maze(maze, settings=SETTINGS)
    result = lint(maze, at, config, chances=chances)
    verdicts = dress(config.apply(evaluate(maze, result if chances else None, config=config)), maze.files.values())
    if not verdicts:
        return result
    return dataclasses.replace(result, findings=tuple(sorted(result.findings + tuple(verdicts),
                                                             key=lambda f: f.sort_key)))


def analyses(maze: Maze, config: Config | None = None, whole: Analysis | None = None) -> Analyses:
    """The per-state cache of ``lint(maze, at, config)``; ``whole``: a whole-week result to reuse."""
    return Analyses(maze, lambda instant: lint(maze, instant, config), whole)


def evaluate(maze: Maze, analysis: Analysis | None = None, *, config: Config | None = None) -> list[Finding]:
    """Every failed expectation of every file in ``maze``, as findings of kind ``expectation``
    (severities as the kind's default). ``analysis``: the whole-week result the caller already
    has (reused; any other is computed). ``config``: the settings of the analyses made."""
    if not any(mf.expect for mf in maze.files.values()):
        return []
    from .verdicts import evaluate as verdicts  # start-up: verdicts and simulator, only for expectations

    return verdicts(maze, analyses(maze, config, analysis))


__all__ = ["load", "lint", "check", "analyses", "evaluate", "apply_directives"]
