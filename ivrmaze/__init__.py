"""ivrmaze: find the mazes in phone menus."""
from .errors import IvrmazeError, MazeLoadError, UsageError
from .findings import Finding
from .maze import Maze, load

__version__ = "0.1.0"
__all__ = ["load", "Maze", "Finding", "IvrmazeError", "MazeLoadError", "UsageError", "__version__"]
