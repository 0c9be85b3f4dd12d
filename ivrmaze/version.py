"""ivrmaze's version: in the vocabulary layer, so the cache key, the review page and the CLI
read it without importing the package root."""

__version__ = "0.1.0"
