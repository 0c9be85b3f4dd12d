"""ivrmaze: find the mazes in phone menus.

``ivrmaze.load(paths)`` gives a ``Maze``; ``maze.analyze(at=...)`` its metrics and findings.
"""
from .errors import IvrmazeError, MazeLoadError, UsageError
from .findings import Finding
from .lint import load  # after the load/ package is imported (by maze): the function is what users get
from .maze import Maze
from .version import VERSION as __version__

__all__ = ["load", "Maze", "Finding", "IvrmazeError", "MazeLoadError", "UsageError", "__version__"]
