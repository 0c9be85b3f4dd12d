"""The distinct states of a big maze analysed in worker processes, stopped at once on Ctrl-C."""
from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

from .moves import Static
from .state import StateResult, analyze_state, prepare

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

#: Below this many node-states, a second process costs more than it saves.
PARALLEL_WORK = 50_000
_JOB: tuple[Static, list[tuple[int, list[str]]], bool] | None = None


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent alone handles it, by ending the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _state_job(state: frozenset[str]) -> StateResult:
    assert _JOB is not None  # set by the parent before it forks
    static, entries, chances = _JOB
    return analyze_state(static, state, entries, chances)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the pool's processes now (shutdown would wait for the states they are working on)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())  # public only from Python 3.14
    for p in procs:
        p.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        p.join(1)


def analyze_states(static: Static, states: list[frozenset[str]], entries: list[tuple[int, list[str]]],
                   chances: bool = True) -> list[StateResult]:
    """One StateResult per state; on several cores, big mazes spread the states over processes
    (forked, so the arrays are shared, not copied). On KeyboardInterrupt the workers are
    ended before it goes on up."""
    workers = min(len(states), os.cpu_count() or 1, 4)
    big = len(static.nodes) * len(states) >= PARALLEL_WORK
    if workers < 2 or not big:
        return [analyze_state(static, s, entries, chances) for s in states]
    # multiprocessing: only for big mazes (it imports socket, selectors, logging, subprocess)
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    if "fork" not in mp.get_all_start_methods():
        return [analyze_state(static, s, entries, chances) for s in states]
    # scipy: a big maze's searches need it; imported once here, before the fork, the workers (and
    # later the checks' forked child) share it instead of each importing it again (0.3-0.5 s each)
    import scipy.sparse.csgraph  # noqa: F401
    prepare(static)  # what every state reads of Static, made once for all the workers
    global _JOB
    _JOB = (static, entries, chances)
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"), initializer=_ignore_interrupts) as pool:
            try:
                results = list(pool.map(_state_job, states))
            except KeyboardInterrupt:
                _stop(pool)
                raise
    except (OSError, RuntimeError):  # no processes to be had: do it here
        return [analyze_state(static, s, entries, chances) for s in states]
    finally:
        _JOB = None
    for r in results:
        r.moves.attach(static)
    return results
