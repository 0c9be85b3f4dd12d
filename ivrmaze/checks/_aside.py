"""The checks of a big maze on two cores: a forked child runs some of them while this process
runs the others, and sends its findings back.

The checks only read the computed results, so a child forked after the analysis has them
all without a copy. Which checks go aside is fixed (``ASIDE``): together about half of the
checks' time on big mazes, and few findings, since each is sent back pickled (between two
processes of this run: nothing read from a file is ever unpickled). Checks that share work
through ``CheckContext.shared`` go to the same side. The findings come out in the checks'
order, as when one process runs them all. Ctrl-C, or anything going wrong in the child, ends
the child; what it did not send is then run here.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from .context import CheckContext

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

#: Below this many nodes the checks take less time than forking and sending the findings back.
ASIDE_NODES = 50_000
#: The checks the child runs (module names): endless-reprompt and first-failure-disconnect
#: share the failing caller's walks; announced-keys reads every menu's prompt and finds little.
#: At 100,000 nodes they take about 1.0 s, the others 1.4 s (silent-bounce 0.8 s alone).
ASIDE = frozenset({"trap", "endless_reprompt", "first_failure_disconnect", "unreachable", "ping_pong",
                   "announced_keys"})

Run = Callable[[ModuleType], list[Finding]]


def _name(check: ModuleType) -> str:
    return check.__name__.rpartition(".")[2]


def worth_it(ctx: CheckContext, checks: Sequence[ModuleType]) -> bool:
    """Whether ``checks`` are worth two processes on this machine."""
    return (len(ctx.static.nodes) >= ASIDE_NODES and (os.cpu_count() or 1) >= 2
            and any(_name(c) in ASIDE for c in checks) and any(_name(c) not in ASIDE for c in checks))


def run_split(checks: Sequence[ModuleType], run: Run) -> list[list[Finding]]:
    """``run(check)`` for each of ``checks``, the ``ASIDE`` ones in a forked child; in order."""
    # multiprocessing: only for big mazes (it imports socket, selectors, logging, subprocess)
    import multiprocessing as mp
    if "fork" not in mp.get_all_start_methods():
        return [run(c) for c in checks]
    forked = mp.get_context("fork")
    receive, send = forked.Pipe(duplex=False)
    aside = [c for c in checks if _name(c) in ASIDE]
    try:
        proc: Any = forked.Process(target=_child, args=(aside, run, send), daemon=True)
        proc.start()
    except OSError:  # no process to be had: all of them here
        proc = None
    send.close()
    got: dict[str, list[Finding]] = {}
    try:
        here = {_name(c): run(c) for c in checks if proc is None or _name(c) not in ASIDE}
        if proc is not None:
            got = _receive(receive)
    finally:
        receive.close()
        if proc is not None:
            proc.kill()  # done already, or Ctrl-C here: it does not outlive this
            proc.join()
    return [here[_name(c)] if _name(c) in here else got[_name(c)] if _name(c) in got else run(c) for c in checks]


def _child(aside: Sequence[ModuleType], run: Run, send: Connection) -> None:
    """Run ``aside`` and send {name: findings} (the pipe pickles them: to this run's parent only)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent ends this process on Ctrl-C
    send.send({_name(c): run(c) for c in aside})
    send.close()


def _receive(receive: Connection) -> dict[str, list[Finding]]:
    """What the child sent: {} when it sent nothing whole (a check failed there, or it was
    killed): its checks are then run here, and fail here as they would have."""
    try:
        got: dict[str, list[Finding]] = receive.recv()
    except (EOFError, OSError):
        return {}
    return got


__all__ = ["ASIDE", "ASIDE_NODES", "run_split", "worth_it"]
