"""The command line's entry: `python -m ivrmaze` and the `ivrmaze` command (setup.cfg).

The collector's threshold is raised before anything else is imported. Importing click, numpy
and ivrmaze makes some hundred thousand objects, and at Python's default (a collection every
700 new objects) the collector ran 76 times in a small check, 7.6 ms of its 240. A command ends
soon and makes few reference cycles, so collecting less often costs little memory (mypy does the
same). A library user importing ``ivrmaze`` keeps the defaults.
"""
import gc

gc.set_threshold(100_000, 50, 100)

from .cli import main  # noqa: E402 (after the threshold: this import is what it is for)

if __name__ == "__main__":
    main()
