"""The `cerca` command line: thin wrappers over the library, its output formats and
progress bar. The only part of `search` that may import typer or rich."""

from search.cli.commands import app, main

__all__ = ["app", "main"]
