"""The query engine is headless, and the JSON side of `cerca query` never loads rich or
Textual (they cost start-up time a script pays on every call)."""

from __future__ import annotations

import subprocess
import sys

import pytest

UI = ("textual", "typer", "rich", "tui")


@pytest.mark.parametrize(
    "module",
    [
        "search.query.searcher",
        "search.query.compile",
        "search.query.estimate",
        "search.query.language",
        "search.query.highlight",
        "search.query.facets",
    ],
)
def test_query_modules_are_headless(module: str) -> None:
    code = f"import sys, {module}\nprint(','.join(m for m in {UI!r} if m in sys.modules))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_json_query_does_not_load_rich_or_textual(seed_index) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from search.cli import app\n"
        "buf = io.StringIO()\n"
        "try:\n"
        "    with contextlib.redirect_stdout(buf):\n"
        f"        app(['query', 'colloquio', '--index', {str(seed_index)!r}, '--format', 'json'])\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "assert '\"hits\"' in buf.getvalue()\n"
        "print('rich' in sys.modules, 'textual' in sys.modules)\n"
        "print(*(m in sys.modules for m in ('search.config', 'tomlkit', 'tomllib')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-5:-3] == ["False", "False"]
    # nor does it read the user's file (cerca.toml): that is for the indexer
    assert out.stdout.split()[-3:] == ["False", "False", "False"]
