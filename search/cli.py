"""`cerca` command line: thin wrappers over the library (search.parse / index / query).

Data goes to stdout, messages to stderr. Only the project's own errors (CercaError) are
caught here and turned into a one-line message and an exit code (search.errors.ExitCode).
Heavy modules are imported inside the commands so `cerca query` starts fast and never
imports Textual.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from search.errors import CercaError, ExitCode
from search.paths import default_corpus, default_index

app = typer.Typer(
    name="cerca",
    help="Search engine for archives of Italian news.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

IndexOpt = Annotated[
    Path | None,
    typer.Option("--index", help="Index folder (default ./index or $CERCA_INDEX)."),
]


class ArticleFormat(str, Enum):
    json = "json"
    text = "text"


class StatsFormat(str, Enum):
    json = "json"
    text = "text"


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Sort(str, Enum):
    relevance = "relevance"
    newest = "newest"
    oldest = "oldest"


def fail(message: str, code: ExitCode) -> typer.Exit:
    """Print a one-line message on stderr and return the Exit to raise."""
    typer.echo(f"cerca: {message}", err=True)
    return typer.Exit(int(code))


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Article files to parse.")],
    format: Annotated[ArticleFormat, typer.Option("--format", help="Output format.")] = (
        ArticleFormat.json
    ),
) -> None:
    """Show what the indexer extracts from FILES, without touching an index."""
    from search import output
    from search.parse import parse_files

    try:
        articles, problems = parse_files(files)
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    for path, reason in problems:
        typer.echo(f"cerca: skipped {path}: {reason}", err=True)
    output.print_articles(articles, format.value)


@app.command()
def tui(
    query: Annotated[str, typer.Argument(help="Query to start with.")] = "",
    index: IndexOpt = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Corpus folder to build from when there is no index."),
    ] = None,
) -> None:
    """Search interactively; builds the index first (with progress) when none exists."""
    from tui.app import make_app  # lazy: only this command loads Textual

    make_app(index or default_index(), corpus or default_corpus(), query).run()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("cerca: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
