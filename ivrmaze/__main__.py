"""The command line's entry: `python -m ivrmaze` and the `ivrmaze` command (setup.cfg).

Two settings come before anything else is imported:

- The collector's threshold is raised. Importing click, numpy and ivrmaze makes some hundred
  thousand objects, and at Python's default (a collection every 700 new objects) the collector
  ran 76 times in a small check, 7.6 ms of its 240. A command ends soon and makes few reference
  cycles, so collecting less often costs little memory (mypy does the same).
- OpenBLAS, which numpy's import loads, starts no thread pool unless the user asked for one
  (``OPENBLAS_NUM_THREADS``). ivrmaze does no dense linear algebra (its products are scipy.sparse
  ones, which do not call BLAS), and on two cores the pool's start and its spinning threads cost
  a small check up to 20 ms in a busy hour; the worker processes of a big maze share the cores.

A library user importing ``ivrmaze`` keeps the defaults of both.
"""
import gc
import os

gc.set_threshold(100_000, 50, 100)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .cli import main  # noqa: E402 (after both settings: this import is what they are for)

if __name__ == "__main__":
    main()
