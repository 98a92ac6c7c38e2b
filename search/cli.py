"""`cerca` command line: thin wrappers over the library (search.parse / index / query).

Data goes to stdout, messages to stderr. Only the project's own errors (CercaError) are
caught here and turned into a one-line message and an exit code (search.errors.ExitCode).
Heavy modules are imported inside the commands so `cerca query` starts fast and never
imports Textual.
"""

from __future__ import annotations

import sys
from enum import StrEnum
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


class ArticleFormat(StrEnum):
    json = "json"
    text = "text"


class StatsFormat(StrEnum):
    json = "json"
    text = "text"


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Sort(StrEnum):
    relevance = "relevance"
    newest = "newest"
    oldest = "oldest"


def fail(message: str, code: ExitCode) -> typer.Exit:
    """Print a one-line message on stderr and return the Exit to raise."""
    typer.echo(f"cerca: {message}", err=True)
    return typer.Exit(int(code))


@app.command()
def parse(
    files: Annotated[
        list[Path],
        # readable=False: an unreadable file is reported and skipped, not a usage error
        typer.Argument(help="Article files, or folders (their *.txt files).", readable=False),
    ],
    format: Annotated[ArticleFormat, typer.Option("--format", help="Output format.")] = (
        ArticleFormat.json
    ),
) -> None:
    """Show what the indexer extracts from FILES, without touching an index.

    Files that cannot be articles (empty, binary, too large, missing) are reported on
    stderr and skipped; the exit code is 0 when at least one article was parsed, else 1.
    """
    from search import output
    from search.parse import parse_files

    try:
        articles, problems = parse_files(files)
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    for path, reason in problems:
        typer.echo(f"cerca: skipped {path}: {reason}", err=True)
    output.print_articles(articles, format.value)
    if not articles:
        raise fail("no article could be parsed", ExitCode.ERROR)


def _open_searcher(index: Path | None):
    from search.query import Searcher  # lazy: tantivy loads only for commands that search

    try:
        return Searcher(index or default_index())
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@app.command()
def query(
    text: Annotated[str, typer.Argument(help="Query (SPEC §5 language); empty lists all.")] = "",
    index: IndexOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Hits to show.")] = 10,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Hits to skip.")] = 0,
    sort: Annotated[Sort, typer.Option("--sort", help="Order of the hits.")] = Sort.relevance,
    person: Annotated[
        list[str] | None, typer.Option("--person", help="Only articles about this person.")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only with this tag.")] = None,
    section: Annotated[
        list[str] | None, typer.Option("--section", help="Only in this section (and below).")
    ] = None,
    author: Annotated[list[str] | None, typer.Option("--author", help="Only by this author.")] = (
        None
    ),
    since: Annotated[
        str | None, typer.Option("--since", help="From this date (YYYY, YYYY-MM, YYYY-MM-DD).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date, inclusive.")] = (
        None
    ),
    facets: Annotated[
        bool, typer.Option("--facets/--no-facets", help="Count sections, tags, people, ...")
    ] = True,
    format: Annotated[
        QueryFormat | None,
        typer.Option("--format", help="Default: table on a terminal, jsonl in a pipe."),
    ] = None,
) -> None:
    """Search the index. Filters repeat: OR within one kind, AND across kinds."""
    from search import output
    from search.models import Filters

    fmt = format.value if format else ("table" if _stdout_is_terminal() else "jsonl")
    filters = Filters(
        people=tuple(person or ()),
        tags=tuple(tag or ()),
        sections=tuple(section or ()),
        authors=tuple(author or ()),
        since=since,
        until=until,
    )
    searcher = _open_searcher(index)
    try:
        results = searcher.search(
            text,
            filters,
            sort=sort.value,
            limit=limit,
            offset=offset,
            # jsonl and csv print hits only: counting facets would be wasted work
            facets=facets and fmt in ("json", "table"),
        )
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    output.print_results(results, fmt)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id (see `query`).")],
    index: IndexOpt = None,
    format: Annotated[ArticleFormat, typer.Option("--format", help="Output format.")] = (
        ArticleFormat.text
    ),
    highlight: Annotated[
        str | None, typer.Option("--highlight", help="Mark what this query matches.")
    ] = None,
) -> None:
    """Show one whole article."""
    from search import output

    searcher = _open_searcher(index)
    try:
        article = searcher.get(article_id)
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    spans = None
    if highlight is not None:
        marker = searcher.highlighter(highlight)
        spans = {"title": marker.spans(article.title), "body": marker.spans(article.body)}
    output.print_article(article, format.value, spans)


@app.command()
def stats(
    index: IndexOpt = None,
    format: Annotated[
        StatsFormat | None,
        typer.Option("--format", help="Default: text on a terminal, json in a pipe."),
    ] = None,
) -> None:
    """Documents, date range, top sections / tags / people, index size, last update."""
    from search import output

    fmt = format.value if format else ("text" if _stdout_is_terminal() else "json")
    searcher = _open_searcher(index)
    try:
        figures = searcher.stats()
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    output.print_stats(figures, fmt)


@app.command()
def tui(
    query: Annotated[str, typer.Argument(help="Query to start with.", metavar="QUERY")] = "",
    index: IndexOpt = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Corpus folder to build from when there is no index."),
    ] = None,
) -> None:
    """Search interactively; builds the index first (with progress) when none exists."""
    # Textual reads keys from stdin, sizes itself by stdout and draws on stderr: without a
    # terminal on one of them it would spin, drawing into a pipe or a file, until killed.
    for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr)):
        if stream is None or not stream.isatty():
            raise fail(
                f"`cerca tui` needs a terminal, and its {name} is not one "
                "(to search from a script, use `cerca query`)",
                ExitCode.USAGE,
            )
    from tui.app import make_app  # lazy: only this command loads Textual

    make_app(index or default_index(), corpus or default_corpus(), query).run()


@app.command("index")
def index_cmd(
    corpus: Annotated[
        Path | None,
        typer.Argument(
            help="Corpus folder (default ./corpus or $CERCA_CORPUS).", show_default=False
        ),
    ] = None,
    index: IndexOpt = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Build a fresh index beside the old one, then swap.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary.")] = (
        False
    ),
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any file had to be skipped.")
    ] = False,
) -> None:
    """Update the index from CORPUS (only added, changed and deleted files are touched)."""
    from search.index import update_index
    from search.index_output import print_index_summary, progress_bar

    corpus_path = corpus or default_corpus()
    index_path = index or default_index()
    try:
        with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
            summary = update_index(corpus_path, index_path, rebuild=rebuild, progress=progress)
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    print_index_summary(summary, corpus_path, quiet=quiet)
    if strict and summary.skipped:
        raise typer.Exit(int(ExitCode.ERROR))


# Click's UsageError (Typer vendors Click, so it is reached through a public subclass).
_ClickUsageError: type[Exception] = typer.BadParameter.__mro__[1]


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except _ClickUsageError as e:
        if type(e).__name__ == "NoArgsIsHelpError":  # bare `cerca`: the help, as before
            typer.echo(e.ctx.get_help() if e.ctx else str(e), err=True)
            sys.exit(int(ExitCode.USAGE))
        # SPEC §2: a usage error is one line (Typer would draw a five-line box)
        command = e.ctx.command_path if e.ctx else "cerca"
        message = " ".join(e.format_message().split())
        typer.echo(f"cerca: {message} (see `{command} --help`)", err=True)
        sys.exit(int(ExitCode.USAGE))
    except KeyboardInterrupt:
        typer.echo("cerca: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
