"""One module per finding kind (or pair of kinds). Each exposes ``KINDS`` and
``check(ctx, rows) -> iterable of Finding``: thin code that turns analysis results into
findings. The engine (``run_checks``), not the check, applies config."""
from __future__ import annotations

from . import (dead_end, no_zero_out, ping_pong, too_deep, too_many_options, too_many_retells, trap,
               unreachable, unresolvable_intent)

CHECKS = (unreachable, dead_end, trap, ping_pong, unresolvable_intent, too_many_options, too_deep,
          too_many_retells, no_zero_out)


def run_checks(ctx, rows):
    out = []
    files = list(ctx.maze.files)
    for mod in CHECKS:
        # a check no file enables is not run at all (no-zero-out is off by default)
        if any(ctx.config.setting(f, kind)[0] for kind in mod.KINDS for f in files):
            out.extend(mod.check(ctx, rows))
    return out
