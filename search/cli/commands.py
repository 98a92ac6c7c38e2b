"""`cerca` command line: thin wrappers over the library (search.parse / index / query).

Data goes to stdout, messages to stderr. Only the project's own errors (CercaError) are
caught here and turned into a one-line message and an exit code (search.errors.ExitCode).
Heavy modules are imported inside the commands so `cerca query` starts fast and never
imports Textual.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from search.errors import CercaError, ExitCode
from search.models import Sort
from search.paths import default_config, default_corpus, default_index

if TYPE_CHECKING:  # the Click that Typer vendors (0.28), for the types of overridden methods
    from typer._click.core import Context as ClickContext
    from typer._click.exceptions import UsageError

    from search.models import Filters

# Click's UsageError (Typer vendors Click, so it is reached through a public subclass).
_ClickUsageError: type[UsageError] = typer.BadParameter.__mro__[1]


class _Command(TyperCommand):
    """A command whose usage line writes arguments the usual way: `ID`, `FILE...`,
    `[CORPUS]`, `[QUERY]...` (Typer writes a required one as `{ID}`)."""

    def collect_usage_pieces(self, ctx: ClickContext) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = param.metavar or (param.name or "").upper()
                piece = name if param.required else f"[{name}]"
                pieces.append(piece + ("..." if param.nargs != 1 else ""))
        return pieces


class _DashWordError(_ClickUsageError):  # type: ignore[misc,valid-type]
    """A query word that starts with "-" before `--`: the message already says what to do."""


class _QueryCommand(_Command):
    """A command whose arguments are the words of one query.

    Click would read `-mosca` as the short options `-m -o -s ...` and say "No such
    option: -m"; here a word like that stops the command with the fix: put the query
    after `--`.
    """

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        options = [p for p in self.get_params(ctx) if isinstance(p, TyperOption)]
        names = {n for p in options for n in (*p.opts, *p.secondary_opts)}
        takes_value = {n for p in options if not p.is_flag for n in p.opts}
        before: list[str] = []  # options and their values, as typed
        words: list[str] = []
        dash_word = None
        rest = iter(args)
        for arg in rest:
            if arg == "--":
                words.extend(rest)
            elif arg in takes_value:
                before += [arg, next(rest, "")]  # the value, even one that starts with "-"
            elif arg.startswith("--") or arg in names:
                before.append(arg)
            elif arg[:2] in takes_value and not arg[2:3].isalpha():
                before.append(arg)  # a short option and its value: -n5
            elif arg.startswith("-") and len(arg) > 1:
                dash_word = dash_word or arg
                words.append(arg)
            else:
                words.append(arg)
        if dash_word is not None:
            instead = " ".join(map(_quoted, ["cerca", self.name or "", *before, "--", *words]))
            raise _DashWordError(
                f"{dash_word} is not an option: put the query after --, as in {instead}", ctx
            )
        return super().parse_args(ctx, args)


def _quoted(arg: str) -> str:
    """`arg` as a shell would need it typed (accented letters need no quotes)."""
    import re
    import shlex

    return arg if re.fullmatch(r"[\w@%+=:,./-]+", arg) else shlex.quote(arg)


class _Group(TyperGroup):
    """`cerca --help` lists the commands as a user meets them, not as they are defined."""

    ORDER = ("index", "query", "show", "tui", "stats", "parse", "saved", "batch", "people")

    def list_commands(self, ctx: ClickContext) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: self.ORDER.index(n) if n in self.ORDER else 99)


app = typer.Typer(
    name="cerca",
    cls=_Group,
    help=(
        "Search engine for archives of Italian news.\n\n"
        "Build the index of a folder of articles, then search it:\n"
        "  cerca index ~/archivio\n"
        "  cerca query putin zelensky\n"
        "  cerca tui\n\n"
        "Each command explains itself: cerca COMMAND --help."
    ),
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"cerca {version('cerca')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    pass


IndexOpt = Annotated[
    Path | None,
    typer.Option("--index", metavar="PATH", help="Index folder (default ./index or $CERCA_INDEX)."),
]

LimitOpt = Annotated[int, typer.Option("--limit", "-n", metavar="N", min=0, help="Hits to show.")]
OffsetOpt = Annotated[int, typer.Option("--offset", metavar="N", min=0, help="Hits to skip.")]
SortOpt = Annotated[Sort, typer.Option("--sort", help="Order of the hits.")]


class ArticleFormat(StrEnum):
    json = "json"
    text = "text"


class StatsFormat(StrEnum):
    json = "json"
    text = "text"


class Period(StrEnum):
    month = "month"
    week = "week"
    year = "year"


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def fail(message: str, code: ExitCode) -> typer.Exit:
    """Print a one-line message on stderr and return the Exit to raise."""
    typer.echo(f"cerca: {message}", err=True)
    return typer.Exit(int(code))


@app.command(cls=_Command)
def parse(
    files: Annotated[
        list[Path],
        # readable=False: an unreadable file is reported and skipped, not a usage error
        typer.Argument(
            metavar="FILE", help="Article files, or folders (their *.txt files).", readable=False
        ),
    ],
    format: Annotated[ArticleFormat, typer.Option("--format", help="Output format.")] = (
        ArticleFormat.json
    ),
) -> None:
    """Show what the indexer extracts from each FILE, without touching an index.

    Files that cannot be articles (empty, binary, too large, missing) are reported on
    stderr and skipped; the exit code is 0 when at least one article was parsed, else 1.
    """
    from search.cli import output
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


def filters_of(
    person: list[str] | None,
    tag: list[str] | None,
    section: list[str] | None,
    author: list[str] | None,
    since: str | None,
    until: str | None,
) -> Filters:
    """The filter options of a command as the library's Filters."""
    from search.models import Filters

    return Filters(
        people=tuple(person or ()),
        tags=tuple(tag or ()),
        sections=tuple(section or ()),
        authors=tuple(author or ()),
        since=since,
        until=until,
    )


def _open_searcher(index: Path | None):
    from search.query import Searcher  # lazy: tantivy loads only for commands that search

    try:
        return Searcher(index or default_index())
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@app.command(cls=_QueryCommand)
def query(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="QUERY", help="Words of the query (one query); none lists every article."
        ),
    ] = None,
    index: IndexOpt = None,
    limit: LimitOpt = 10,
    offset: OffsetOpt = 0,
    sort: SortOpt = Sort.RELEVANCE,
    person: Annotated[
        list[str] | None,
        typer.Option("--person", metavar="NAME", help="Only articles about this person."),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", metavar="TAG", help="Only with this tag.")
    ] = None,
    section: Annotated[
        list[str] | None,
        typer.Option("--section", metavar="SECTION", help="Only in this section (and below)."),
    ] = None,
    author: Annotated[
        list[str] | None, typer.Option("--author", metavar="NAME", help="Only by this author.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="From this date: YYYY, YYYY-MM, YYYY-MM-DD."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Up to this date, inclusive.")
    ] = None,
    facets: Annotated[
        bool | None,
        typer.Option(
            "--facets/--no-facets",
            help="Count sections, tags, people, ... (default: on; table and json only).",
        ),
    ] = None,
    exact: Annotated[
        bool | None,
        typer.Option(
            "--exact-facets/--estimated-facets",
            help="Facet counts of very large result sets: exact, or estimated from a "
            "sample and marked ~ (default: estimated in the table, exact in json).",
        ),
    ] = None,
    format: Annotated[
        QueryFormat | None,
        typer.Option("--format", help="Default: table on a terminal, jsonl in a pipe."),
    ] = None,
    by: Annotated[
        Period | None,
        typer.Option("--by", help="Instead of hits: how many matched per month, week or year."),
    ] = None,
) -> None:
    """Search the index.

    Words are ANDed; OR, NOT or -word, "phrase", prefix* and the fields persona:, tag:,
    sezione:, autore:, titolo:, data: work. Without words, every article that passes the
    filters is listed. Filters repeat: OR within one kind, AND across kinds.

    Examples:
      cerca query putin zelensky --sort newest
      cerca query 'persona:lavrov data:2025-12..2026-01'
      cerca query -- -mosca putin    (a query that starts with "-" goes after --)
      cerca query persona:lavrov --by month --format csv
    """
    from search.cli import output

    text = " ".join(words or ())
    fmt = format.value if format else ("table" if _stdout_is_terminal() else "jsonl")
    filters = filters_of(person, tag, section, author, since, until)
    # jsonl and csv print hits only: counting facets would be wasted work
    with_facets = facets is not False and fmt in ("json", "table")
    if facets and not with_facets:
        typer.echo(
            f"cerca: --facets: facets are printed only with --format table or json, not {fmt}",
            err=True,
        )
    searcher = _open_searcher(index)
    if by is not None:  # attention over time: counts per period, no hits
        try:
            profile = searcher.profile(text, filters, by.value, people=0)
        except CercaError as e:
            raise fail(str(e), e.exit_code) from None
        output.print_profile(text, profile, fmt)
        return
    try:
        results = searcher.search(
            text,
            filters,
            sort=sort.value,
            limit=limit,
            offset=offset,
            facets=with_facets,
            # estimates are for reading; a program gets exact counts unless it opts out
            estimate=not exact if exact is not None else fmt == "table",
        )
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    output.print_results(results, fmt)


@app.command(cls=_Command)
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id (see `query`).")],
    index: IndexOpt = None,
    format: Annotated[ArticleFormat, typer.Option("--format", help="Output format.")] = (
        ArticleFormat.text
    ),
    highlight: Annotated[
        str | None,
        typer.Option("--highlight", metavar="QUERY", help="Mark what this query matches."),
    ] = None,
) -> None:
    """Show one whole article."""
    from search.cli import output

    searcher = _open_searcher(index)
    try:
        article = searcher.get(article_id)
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    spans = None
    if highlight is not None:
        marker = searcher.highlighter(highlight)
        spans = {
            "title": marker.spans(article.title),
            "body": marker.spans(article.body, in_body=True),
        }
    output.print_article(article, format.value, spans)


@app.command(cls=_Command)
def stats(
    index: IndexOpt = None,
    format: Annotated[
        StatsFormat | None,
        typer.Option("--format", help="Default: text on a terminal, json in a pipe."),
    ] = None,
) -> None:
    """Documents, date range, top sections / tags / people, index size, last update."""
    from search.cli import output

    fmt = format.value if format else ("text" if _stdout_is_terminal() else "json")
    searcher = _open_searcher(index)
    try:
        figures = searcher.stats()
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    output.print_stats(figures, fmt)


@app.command(cls=_QueryCommand)
def tui(
    words: Annotated[
        list[str] | None, typer.Argument(metavar="QUERY", help="Query to start with.")
    ] = None,
    index: IndexOpt = None,
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus", metavar="PATH", help="Corpus folder to build from when there is no index."
        ),
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

    query = " ".join(words or ())
    make_app(index or default_index(), corpus or default_corpus(), query).run()


@app.command("index", cls=_Command)
def index_cmd(
    corpus: Annotated[
        Path | None,
        typer.Argument(
            metavar="CORPUS",
            help="Corpus folder (default ./corpus or $CERCA_CORPUS).",
            show_default=False,
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
    from search.cli.progress import print_index_summary, progress_bar
    from search.index import update_index

    corpus_path = corpus or default_corpus()
    index_path = index or default_index()
    try:
        # a broken file stops the run before the index is touched
        corrections = _load_corrections()
        with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
            summary = update_index(
                corpus_path, index_path, rebuild=rebuild, progress=progress, corrections=corrections
            )
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    print_index_summary(summary, corpus_path, quiet=quiet)
    if strict and summary.skipped:
        raise typer.Exit(int(ExitCode.ERROR))


def _load_corrections():
    from search.config import load_corrections

    return load_corrections(default_config())


# -- cerca people: the people facet and the user's corrections to it (search.config) -----

people_app = typer.Typer(
    name="people",
    cls=_Group,
    help=(
        "The people the index knows, and your corrections to them.\n\n"
        "Corrections go to ./cerca.toml (or $CERCA_CONFIG) and apply at the next "
        "`cerca index`, which re-links only the articles that carry those names."
    ),
    no_args_is_help=True,
)
app.add_typer(people_app)


class PeopleFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@people_app.command("list", cls=_Command)
def people_list(
    index: IndexOpt = None,
    top: Annotated[
        int | None, typer.Option("--top", metavar="N", min=1, help="Only the N most frequent.")
    ] = None,
    format: Annotated[
        PeopleFormat | None,
        typer.Option("--format", help="Default: table on a terminal, jsonl in a pipe."),
    ] = None,
) -> None:
    """Every person in the index: articles, and the spellings merged into each."""
    from search.cli import output

    fmt = format.value if format else ("table" if _stdout_is_terminal() else "jsonl")
    searcher = _open_searcher(index)
    try:
        values = searcher.people(top)
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    output.print_people(values, fmt)


def _correct(change: Callable[[], bool], done: str, already: str) -> None:
    """Apply one change to the user's file and say what happened, on stderr."""
    path = default_config()
    try:
        changed = change()
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    if changed:
        typer.echo(f"cerca: {path}: {done} (run `cerca index` to apply it)", err=True)
    else:
        typer.echo(f"cerca: {path} already says {already}", err=True)


NameArg = Annotated[str, typer.Argument(metavar="NAME", help="A person, as listed or spelled.")]


@people_app.command("ignore", cls=_Command)
def people_ignore(name: NameArg) -> None:
    """Not a person: NAME (a value, or one spelling) gives no people value."""
    from search.config import ignore_person

    name = " ".join(name.split())
    _correct(
        lambda: ignore_person(default_config(), name),
        f"{name} is not a person",
        f"{name} is not a person",
    )


@people_app.command("alias", cls=_Command)
def people_alias(
    variant: Annotated[str, typer.Argument(metavar="VARIANT", help="A spelling or a value.")],
    canonical: Annotated[str, typer.Argument(metavar="CANONICAL", help="The person it is.")],
) -> None:
    """Same person: VARIANT (and whatever was merged into it) becomes CANONICAL."""
    from search.config import alias_person

    variant, canonical = " ".join(variant.split()), " ".join(canonical.split())
    _correct(
        lambda: alias_person(default_config(), variant, canonical),
        f"{variant} is {canonical}",
        f"{variant} is {canonical}",
    )


@people_app.command("split", cls=_Command)
def people_split(name: NameArg) -> None:
    """Two people: merge nothing into NAME; a value falls apart into its spellings."""
    from search.config import split_person

    name = " ".join(name.split())
    _correct(
        lambda: split_person(default_config(), name),
        f"nothing is merged into {name}",
        f"nothing is merged into {name}",
    )


@people_app.command("forget", cls=_Command)
def people_forget(name: NameArg) -> None:
    """Drop every correction about NAME: the rules decide again."""
    from search.config import forget_person

    name = " ".join(name.split())
    _correct(
        lambda: forget_person(default_config(), name),
        f"no correction about {name} any more",
        f"nothing about {name}",
    )


# -- cerca saved, cerca batch: following stories (search.cli.follow uses the helpers above)
from search.cli import follow as _follow  # noqa: E402

app.add_typer(_follow.saved_app)
app.command("batch", cls=_Command)(_follow.batch)


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except _ClickUsageError as e:
        if type(e).__name__ == "NoArgsIsHelpError":  # bare `cerca`: the help, as before
            typer.echo(e.ctx.get_help() if e.ctx else str(e), err=True)
            sys.exit(int(ExitCode.USAGE))
        # SPEC §2: a usage error is one line (Typer would draw a five-line box)
        message = " ".join(e.format_message().split())
        if not isinstance(e, _DashWordError):
            command = e.ctx.command_path if e.ctx else "cerca"
            message += f" (see `{command} --help`)"
        typer.echo(f"cerca: {message}", err=True)
        sys.exit(int(ExitCode.USAGE))
    except KeyboardInterrupt:
        typer.echo("cerca: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
