"""Pausing Python's cyclic garbage collector while big structures are built.

Loading and analysing a big maze allocates millions of dicts, tuples and records that hold
no reference cycles; each allocation burst makes the collector walk every live object again
(a third of the load time at 10,000 nodes). Reference counting still frees everything.

Pausing alone only defers the work: everything made during the pause waits in the youngest
generation, and the first collection after it walks all of it (2.6 s at 80,000 nodes). So
after a big pause the survivors are frozen (``gc.freeze``): the collector no longer walks
them. They are the loaded maze and its results, which live until they are dropped, and
reference counting still frees them then (only a reference cycle among them would stay)."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Objects made during a pause above which the survivors are frozen (small mazes are not).
FREEZE_AT = 200_000


@contextmanager
def paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] >= FREEZE_AT:
                gc.freeze()
            gc.enable()
