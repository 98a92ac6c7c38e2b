"""`cerca saved ...` and `cerca batch`: following stories (search.saved, search.follow,
search.batch). Registered on the `cerca` app by search.cli.commands."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from search.cli.commands import (
    IndexOpt,
    LimitOpt,
    OffsetOpt,
    Period,
    QueryFormat,
    SortOpt,
    _Command,
    _Group,
    _open_searcher,
    _QueryCommand,
    _stdout_is_terminal,
    fail,
    filters_of,
)
from search.errors import CercaError, ExitCode
from search.models import Sort
from search.paths import default_config, default_index

saved_app: typer.Typer = typer.Typer(
    name="saved",
    cls=_Group,
    help=(
        "Saved searches, and what matched them since you last looked.\n\n"
        "Searches are kept in ./cerca.toml (or $CERCA_CONFIG), beside your people "
        "corrections; edit it by hand or with these commands. A cron line such as\n"
        "  cerca index -q && cerca saved new --format jsonl\n"
        "prints what each `cerca index` brought in for each saved search."
    ),
    no_args_is_help=True,
)

PersonOpt = Annotated[
    list[str] | None,
    typer.Option("--person", metavar="NAME", help="Only articles about this person."),
]
TagOpt = Annotated[
    list[str] | None, typer.Option("--tag", metavar="TAG", help="Only with this tag.")
]
SectionOpt = Annotated[
    list[str] | None,
    typer.Option("--section", metavar="SECTION", help="Only in this section (and below)."),
]
AuthorOpt = Annotated[
    list[str] | None, typer.Option("--author", metavar="NAME", help="Only by this author.")
]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="From this date: YYYY, YYYY-MM, YYYY-MM-DD."),
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Up to this date, inclusive.")
]
FormatOpt = Annotated[
    QueryFormat | None,
    typer.Option("--format", help="Default: table on a terminal, jsonl in a pipe."),
]


def _fmt(format: QueryFormat | None) -> str:
    return format.value if format else ("table" if _stdout_is_terminal() else "jsonl")


def _load():
    from search.saved import load_saved

    try:
        return load_saved(default_config())
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None


@saved_app.command("add", cls=_QueryCommand)
def saved_add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A name for the search.")],
    words: Annotated[
        list[str] | None, typer.Argument(metavar="QUERY", help="Words of the query.")
    ] = None,
    person: PersonOpt = None,
    tag: TagOpt = None,
    section: SectionOpt = None,
    author: AuthorOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Change the search of that name, if any.")
    ] = False,
    index: IndexOpt = None,
) -> None:
    """Save a query and its filters as NAME.

    What is new for it (`cerca saved new`) counts from now: from the last run of the
    index (--index) that exists.

    Example: cerca saved add lavrov 'persona:lavrov' --since 2025
    """
    from search import follow
    from search.index import history
    from search.query import language
    from search.saved import SavedSearch, clean_name, save_search

    text = " ".join(words or ())
    filters = filters_of(person, tag, section, author, since, until)
    path, index_path = default_config(), index or default_index()
    for option, date in (("--since", since), ("--until", until)):
        try:
            if date is not None:
                language.period(date)
        except ValueError as e:  # NoSuchDate says why; a bare ValueError holds the text
            why = str(e) if str(e) != date else f"{date} is not YYYY, YYYY-MM or YYYY-MM-DD"
            raise fail(f"{option}: {why}", ExitCode.USAGE) from None
    try:
        name = clean_name(name)
        language.parse(text)  # refuse a query that cannot run
        replaced = save_search(path, SavedSearch(name, text, filters), replace=replace)
        if index_path.is_dir():
            follow.write_marks(index_path, {name: history.latest(index_path)})
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    typer.echo(f"cerca: {path}: {'changed' if replaced else 'saved'} {name}", err=True)


@saved_app.command("list", cls=_Command)
def saved_list(format: FormatOpt = None) -> None:
    """The saved searches (a search the file does not say clearly is reported)."""
    from search.cli import output

    saved = _load()
    for _, problem in saved.problems:
        typer.echo(f"cerca: {problem}", err=True)
    output.print_saved([s.to_dict() for s in saved.searches], _fmt(format))
    if saved.problems:
        raise typer.Exit(int(ExitCode.USAGE))


@saved_app.command("remove", cls=_Command)
def saved_remove(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The saved search.")],
    index: IndexOpt = None,
) -> None:
    """Remove the saved search NAME."""
    from search import follow
    from search.saved import remove_search

    path, index_path = default_config(), index or default_index()
    try:
        removed = remove_search(path, name)
        if removed and index_path.is_dir():
            follow.write_marks(index_path, {" ".join(name.split()): None})
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    if not removed:
        raise fail(f"no saved search named {name!r} in {path}", ExitCode.USAGE)
    typer.echo(f"cerca: {path}: removed {' '.join(name.split())}", err=True)


def _find(name: str):
    saved = _load()
    name = " ".join(name.split())
    for problem_name, problem in saved.problems:
        if problem_name == name:
            raise fail(problem, ExitCode.USAGE)
    search = saved.get(name)
    if search is None:
        known = ", ".join(saved.names) or "none: see `cerca saved add --help`"
        raise fail(f"no saved search named {name!r} (saved: {known})", ExitCode.USAGE)
    return search


@saved_app.command("run", cls=_Command)
def saved_run(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The saved search.")],
    index: IndexOpt = None,
    limit: LimitOpt = 10,
    offset: OffsetOpt = 0,
    sort: SortOpt = Sort.RELEVANCE,
    facets: Annotated[
        bool | None,
        typer.Option("--facets/--no-facets", help="Count facets (table and json only)."),
    ] = None,
    format: FormatOpt = None,
) -> None:
    """Run the saved search NAME, as `cerca query` would."""
    from search.cli import output

    search = _find(name)
    fmt = _fmt(format)
    searcher = _open_searcher(index)
    try:
        results = searcher.search(
            search.query,
            search.filters,
            sort=sort.value,
            limit=limit,
            offset=offset,
            facets=facets is not False and fmt in ("json", "table"),
        )
    except CercaError as e:
        raise fail(f"saved search {search.name}: {e}", e.exit_code) from None
    output.print_results(results, fmt)


@saved_app.command("new", cls=_Command)
def saved_new(
    names: Annotated[
        list[str] | None,
        typer.Argument(metavar="NAME", help="Saved searches (default: every one)."),
    ] = None,
    index: IndexOpt = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="RUN|DATE",
            help="Since this index run (41, run:41) or date, not since the last look; "
            "the marks do not move.",
        ),
    ] = None,
    mark: Annotated[
        bool,
        typer.Option("--mark/--no-mark", help="Remember that these were seen (default: yes)."),
    ] = True,
    format: FormatOpt = None,
) -> None:
    """What each saved search matches among the articles that `cerca index` added or
    changed since you last looked (newest first).

    Each look moves the search's mark to the index's last run, so the next look shows
    only what comes after (--no-mark: look without moving it). A search never looked
    at starts following at its first look. A search that cannot run is reported on its
    own line, the others still run, and the exit code is then not 0.
    """
    from search import follow
    from search.cli import output
    from search.index import history

    fmt = _fmt(format)
    saved = _load()
    index_path = index or default_index()
    wanted = [" ".join(n.split()) for n in names or ()] or saved.names
    if not wanted:
        typer.echo(
            f"cerca: no saved searches in {default_config()} (see `cerca saved add --help`)",
            err=True,
        )
        return
    failed: list[int] = []

    def problem(message: str, code: ExitCode) -> None:
        typer.echo(f"cerca: {message}", err=True)
        failed.append(int(code))

    try:
        after_since = follow.since_run(index_path, since) if since is not None else None
    except CercaError as e:
        raise fail(str(e), e.exit_code) from None
    upto = history.latest(index_path)  # read before the searcher opens: never past what it sees
    searcher = _open_searcher(index)
    marks = follow.read_marks(index_path)
    problems = dict(saved.problems)
    groups, moved = [], {}
    for name in wanted:
        search = saved.get(name)
        if search is None:
            problem(problems.get(name) or f"no saved search named {name!r}", ExitCode.USAGE)
            continue
        after = after_since if after_since is not None else marks.get(name)
        first_look = after is None
        after = upto if after is None else after
        window = follow.window(index_path, after, upto)
        if not window.complete:
            typer.echo(
                f"cerca: {name}: some runs after run {after} are no longer in the history "
                f"(it keeps {history.KEEP}): what they added is not shown",
                err=True,
            )
        try:
            results = follow.new_hits(searcher, search, window.ids)
        except CercaError as e:
            problem(f"saved search {name}: {e}", e.exit_code)
            continue
        if first_look:
            typer.echo(
                f"cerca: {name}: first look, following from index run {upto} on "
                "(--since RUN|DATE to look back)",
                err=True,
            )
        groups.append((name, results, after, upto))
        moved[name] = upto
    output.print_new(groups, fmt)
    if mark and since is None and moved:
        try:
            follow.write_marks(index_path, dict(moved))
        except CercaError as e:
            problem(str(e), e.exit_code)
    if failed:
        raise typer.Exit(max(failed))


class BatchFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


def batch(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A CSV file of queries, or - for stdin.")
    ],
    index: IndexOpt = None,
    hits: Annotated[
        bool,
        typer.Option("--hits", help="Also write every hit, newest first (csv: their ids)."),
    ] = False,
    people: Annotated[
        int, typer.Option("--people", metavar="N", min=0, help="People to name per query.")
    ] = 10,
    by: Annotated[Period, typer.Option("--by", help="Counts per month, week or year.")] = (
        Period.month
    ),
    format: Annotated[
        BatchFormat | None,
        typer.Option("--format", help="Default: csv."),
    ] = None,
) -> None:
    """Run every query of a CSV file: totals, dates, counts per month, top people.

    The first line names the columns: query (required), name, person, tag, section,
    author, since, until; a filter cell may hold several values separated by ";". A row
    that cannot run is reported with its line number, the others still run, and the exit
    code is then 1.

    Example: cerca batch nomi.csv --format jsonl > profili.jsonl
    """
    from search.batch import read_rows, run_rows
    from search.cli import output
    from search.cli.progress import count_bar
    from search.query.searcher import MAX_LIMIT

    fmt = (format or BatchFormat.csv).value
    every = MAX_LIMIT if hits else 0
    try:
        if file == "-":
            lines = sys.stdin.read().splitlines(keepends=True)
        else:
            lines = Path(file).read_text(encoding="utf-8-sig").splitlines(keepends=True)
    except UnicodeDecodeError:
        raise fail(f"{file}: not UTF-8 text", ExitCode.USAGE) from None
    except OSError as e:
        raise fail(f"{file}: cannot read it ({e.strerror or e})", ExitCode.USAGE) from None
    searcher = _open_searcher(index)
    try:
        rows = list(read_rows(lines))
    except CercaError as e:
        raise fail(f"{file}: {e}", e.exit_code) from None
    where = "stdin" if file == "-" else file
    with count_bar("queries", len(rows), enabled=sys.stderr.isatty()) as advance:
        results = list(
            run_rows(searcher, rows, by=by.value, people=people, hits=every, done=advance)
        )
    failed = [r for r in results if r.error is not None]
    for r in failed:
        typer.echo(f"cerca: {where}, line {r.row.line}: {r.error}", err=True)
    output.print_batch(results, fmt, with_hits=hits)
    if failed:
        raise typer.Exit(int(ExitCode.ERROR))
