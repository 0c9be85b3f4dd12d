"""The package version, in the lowest layer: `cache` and `render.html` read it without importing
the package root, and setup.cfg reads it from here. Its release tag is `v` + VERSION (docs/ci.md)."""

VERSION = "0.2.0"
