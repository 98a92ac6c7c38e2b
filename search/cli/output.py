"""One formatting module: every byte the CLI prints on stdout is shaped here.

JSON is printed with ensure_ascii=False. Article text is never interpreted as rich markup.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from search.models import Article, FacetValue, PersonValue, Results


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def print_articles(articles: Sequence[Article], fmt: str) -> None:
    """`cerca parse` / `cerca show` output: a JSON array, or readable text."""
    if fmt == "json":
        _write(json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=2) + "\n")
        return
    for a in articles:
        _write(article_text(a) + "\n")


def article_text(a: Article) -> str:
    head = [a.title, ""]
    for label, value in (
        ("id", a.id),
        ("format", a.format),
        ("subtitle", a.subtitle),
        ("author", a.author),
        ("date", a.date),
        ("section", a.section),
        ("source", a.source),
        ("tags", ", ".join(a.tags) or None),
        ("people", ", ".join(a.people) or None),
    ):
        if value:
            head.append(f"{label}: {value}")
    return "\n".join(head) + "\n\n" + a.body + "\n"


# ---------------------------------------------------------------- query, show, stats

# C0/C1 control characters (escape sequences start with one): replaced one-for-one so
# highlight offsets stay true; newlines and tabs are kept where a layout wants them.
_CONTROL = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)], " ")
_CONTROL_ALL = {**_CONTROL, 0x09: " ", 0x0A: " "}
CSV_COLUMNS: tuple[str, ...]
CSV_COLUMNS = ("id", "path", "title", "date", "section", "tags", "people", "author", "score")
CSV_COLUMNS += ("snippet",)
HIGHLIGHT_STYLE = "bold reverse"


def counted(n: int, noun: str) -> str:
    """`1 result`, `2 results`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def plain(text: str | None, keep_lines: bool = False) -> str:
    """Text safe for a terminal: control characters (and escape sequences) neutralised."""
    return (text or "").translate(_CONTROL if keep_lines else _CONTROL_ALL)


def print_results(results: Results, fmt: str) -> None:
    """`cerca query` output in one of the four formats of SPEC §2."""
    if fmt == "json":
        _write(json.dumps(results.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        _write("".join(json.dumps(h.to_dict(), ensure_ascii=False) + "\n" for h in results.hits))
    elif fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\n")
        out.writerow(CSV_COLUMNS)
        for h in results.hits:
            d = h.to_dict()
            d["tags"] = "; ".join(h.tags)
            d["people"] = "; ".join(h.people)
            out.writerow([plain("" if d[c] is None else str(d[c])) for c in CSV_COLUMNS])
        _write(buf.getvalue())
    else:
        _print_table(results)


def _marked(text: str, spans: Sequence[tuple[int, int]], style: str = "") -> Any:
    from rich.text import Text  # a Text object: article text is never read as markup

    t = Text(plain(text, keep_lines=True), style=style)
    for start, end in spans:
        t.stylize(HIGHLIGHT_STYLE, start, end)
    return t


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, emoji=False, markup=False, soft_wrap=False)


def _print_table(results: Results, head: bool = True) -> None:
    """The hits as a table, the facets below; `head`: first the count and the time."""
    from rich.table import Table
    from rich.text import Text

    console = _console()
    if head:
        shown = len(results.hits)
        line = counted(results.total, "result") + (
            f", {shown} shown" if shown < results.total else ""
        )
        console.print(Text(f"{line} ({results.took_ms:.1f} ms)", style="dim"))
    if not results.hits:
        return
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("date", no_wrap=True, width=10)
    table.add_column("article", ratio=1)
    table.add_column("section", width=14, overflow="fold")
    for h in results.hits:
        cell = Text()
        cell.append_text(Text(plain(h.title), style="bold"))
        cell.append("\n" + plain(h.id), style="dim")  # ids are file names: anything goes
        if h.people:
            cell.append("\n" + plain(", ".join(h.people)), style="italic")
        if h.snippet:
            cell.append("\n")
            cell.append_text(_marked(h.snippet, h.highlights))
        table.add_row(Text(plain(h.date)), cell, Text(plain(h.section)))
    console.print(table)
    for name, values in results.facets.items():
        if values:
            _print_facet(console, name, values[-8:] if name == "month" else values[:8])
    if any(v.estimated for values in results.facets.values() for v in values):
        console.print(
            Text("~ estimated from a sample of the hits (--exact-facets counts them all)"),
            style="dim",
        )


def _print_facet(console: Any, name: str, values: Sequence[FacetValue]) -> None:
    """`name: value (count), ...`, wrapped between two values, never inside one."""
    from rich.text import Text

    line = Text(f"{name}: ", style="bold")
    for i, v in enumerate(values):
        entry = Text(plain(v.value), style="underline" if v.selected else "")
        entry.append(f" (~{v.count})" if v.estimated else f" ({v.count})", style="dim")
        if i and line.cell_len + 2 + entry.cell_len > console.width:
            console.print(line.append(","), no_wrap=True, overflow="ellipsis")
            line = Text(" " * (len(name) + 2))
        elif i:
            line.append(", ")
        line.append_text(entry)
    console.print(line, no_wrap=True, overflow="ellipsis")


def print_article(a: Article, fmt: str, spans: dict[str, list[tuple[int, int]]] | None) -> None:
    """`cerca show`: one article as a JSON object or text; `spans` marks matches
    (`{"title": [...], "body": [...]}`) for --highlight."""
    if fmt == "json":
        d = a.to_dict()
        if spans is not None:
            d["highlights"] = {k: [list(s) for s in v] for k, v in spans.items()}
        _write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
        return
    if spans is None or not sys.stdout.isatty():
        _write(plain(article_text(a), keep_lines=True))
        return
    from rich.text import Text

    console = _console()
    console.print(_marked(a.title, spans.get("title", []), style="bold"))
    from dataclasses import replace

    meta = article_text(replace(a, body="")).strip("\n").split("\n")[2:]  # labelled fields
    console.print(Text(plain("\n".join(meta), keep_lines=True), style="dim"))
    console.print()
    console.print(_marked(a.body, spans.get("body", [])))


def print_stats(stats: dict[str, Any], fmt: str) -> None:
    """`cerca stats`: the SPEC §2 object, or a readable summary."""
    if fmt == "json":
        _write(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
        return
    lines = [
        f"documents:  {stats['documents']}",
        f"dates:      {stats['first_date'] or '-'} .. {stats['last_date'] or '-'}",
        f"index:      {stats['index_bytes'] / 1e6:.1f} MB, updated {stats['updated'] or '-'}",
        f"corpus:     {stats['corpus'] or '-'}",
    ]
    _write(plain("\n".join(lines), keep_lines=True) + "\n\n")
    lists = ["sections", "tags", "people"]
    console = _console()
    # side by side while a cut name keeps 12 characters; stacked on a narrow terminal
    fitted = _name_widths(stats, lists, console.width)
    natural = _name_widths(stats, lists, sys.maxsize)
    roomy = all(w >= min(12, n) for w, n in zip(fitted, natural, strict=True))
    groups = [lists] if roomy else [[name] for name in lists]
    for i, group in enumerate(groups):
        if i:
            console.print()
        console.print(_top_values(stats, group, _name_widths(stats, group, console.width)))


def _name_widths(stats: dict[str, Any], names: list[str], width: int) -> list[int]:
    """Widths of the name columns: as wide as their longest name, the widest ones cut
    first when the terminal has less room than that."""
    from rich.cells import cell_len

    natural = [max([len(name), *(cell_len(v["value"]) for v in stats[name])]) for name in names]
    counts = [max([1, *(len(str(v["count"])) for v in stats[name])]) for name in names]
    room = width - sum(counts) - 2 * (2 * len(names) - 1)  # two spaces between columns
    cap = max(1, min(max(natural), room))
    while cap > 1 and sum(min(n, cap) for n in natural) > room:
        cap -= 1
    return [min(n, cap) for n in natural]


def _top_values(stats: dict[str, Any], names: list[str], widths: list[int]) -> Any:
    """The top values of `names`, one column pair each; a name too long for its column is
    cut with an ellipsis, never wrapped onto the next line."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold")
    for name, width in zip(names, widths, strict=True):
        table.add_column(name, no_wrap=True, overflow="ellipsis", width=width)
        table.add_column("", justify="right", no_wrap=True, style="dim")
    for i in range(max(1, *(len(stats[name]) for name in names))):
        row = []
        for name in names:
            values = stats[name]
            if i < len(values):
                row += [Text(plain(values[i]["value"])), Text(str(values[i]["count"]))]
            else:
                row += [Text("-" if i == 0 else ""), Text("")]  # "-": an empty list
        table.add_row(*row)
    return table


# ---------------------------------------------------------------- people

PEOPLE_CSV_COLUMNS = ("value", "count", "spellings")


def print_people(values: Sequence[PersonValue], fmt: str) -> None:
    """`cerca people list`: a JSON array, one object a line, CSV rows or a table."""
    if fmt == "json":
        _write(json.dumps([v.to_dict() for v in values], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        _write("".join(json.dumps(v.to_dict(), ensure_ascii=False) + "\n" for v in values))
    elif fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\n")
        out.writerow(PEOPLE_CSV_COLUMNS)
        for v in values:
            out.writerow([plain(v.value), v.count, plain("; ".join(v.spellings))])
        _write(buf.getvalue())
    else:
        from rich.table import Table
        from rich.text import Text

        console = _console()
        console.print(Text(counted(len(values), "person"), style="dim"))
        if not values:
            return
        table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold")
        table.add_column("person", no_wrap=True, overflow="ellipsis")
        table.add_column("articles", justify="right", no_wrap=True)
        table.add_column("also written", style="dim", overflow="fold")
        for v in values:
            table.add_row(
                Text(plain(v.value)), Text(str(v.count)), Text(plain(", ".join(v.spellings)))
            )
        console.print(table)


# ---------------------------------------------------------------- saved searches, batch


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(header)
    for row in rows:
        out.writerow([plain("" if v is None else str(v)) for v in row])
    return buf.getvalue()


def _joined(value: Any) -> Any:
    return "; ".join(value) if isinstance(value, list | tuple) else value


SAVED_COLUMNS = ("name", "query", "person", "tag", "section", "author", "since", "until")


def print_saved(searches: Sequence[dict[str, Any]], fmt: str) -> None:
    """`cerca saved list`: each search as the file holds it (`SavedSearch.to_dict`)."""
    if fmt == "json":
        _write(json.dumps(list(searches), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        _write("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in searches))
    elif fmt == "csv":
        rows = [[_joined(s.get(c)) for c in SAVED_COLUMNS] for s in searches]
        _write(_csv_text(SAVED_COLUMNS, rows))
    else:
        from rich.table import Table
        from rich.text import Text

        console = _console()
        n = len(searches)
        console.print(Text(f"{n} saved search{'' if n == 1 else 'es'}", style="dim"))
        if not searches:
            return
        table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold")
        table.add_column("name", no_wrap=True, overflow="ellipsis")
        table.add_column("query", overflow="fold")
        table.add_column("filters", style="dim", overflow="fold")
        for s in searches:
            filters = ", ".join(
                f"{c} {_joined(s[c])}" for c in SAVED_COLUMNS[2:] if s.get(c) is not None
            )
            table.add_row(Text(plain(s["name"])), Text(plain(s["query"])), Text(plain(filters)))
        console.print(table)


def print_new(groups: Sequence[tuple[str, Results, int, int]], fmt: str) -> None:
    """`cerca saved new`: per saved search (name, its new hits, after run, up to run)."""
    if fmt == "json":
        data = [{"name": n, "after_run": a, "upto_run": u, **r.to_dict()} for n, r, a, u in groups]
        for d in data:
            d.pop("facets", None)
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        _write(
            "".join(
                json.dumps({"saved": n, **h.to_dict()}, ensure_ascii=False) + "\n"
                for n, r, _, _ in groups
                for h in r.hits
            )
        )
    elif fmt == "csv":
        rows = []
        for n, r, _, _ in groups:
            for h in r.hits:
                d = h.to_dict()
                rows.append([n, *(_joined(d[c]) for c in CSV_COLUMNS)])
        _write(_csv_text(("saved", *CSV_COLUMNS), rows))
    else:
        from rich.text import Text

        console = _console()
        for i, (name, results, after, upto) in enumerate(groups):
            if i:
                console.print()
            runs = f"run {upto}" if upto == after + 1 else f"runs {after + 1}-{upto}"
            since = "nothing indexed since the last look" if upto <= after else runs
            head = Text(plain(name), style="bold")
            head.append(f": {counted(results.total, 'new article')} ({since})", style="")
            console.print(head)
            if results.hits:
                _print_table(results, head=False)


def _periods(profile: Any) -> str:
    return "; ".join(f"{p}: {c}" for p, c in profile.periods)


def _people(profile: Any) -> str:
    return "; ".join(f"{v.value} ({v.count})" for v in profile.people)


def print_profile(query: str, profile: Any, fmt: str) -> None:
    """`cerca query --by`: counts per period (`search.query.profile.Profile`)."""
    if fmt == "json":
        d = {"query": query, **profile.to_dict()}
        _write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        lines = ({"period": p, "count": c} for p, c in profile.periods)
        _write("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    elif fmt == "csv":
        _write(_csv_text(("period", "count"), profile.periods))
    else:
        from rich.table import Table
        from rich.text import Text

        console = _console()
        dates = f"{profile.first_date} .. {profile.last_date}" if profile.total else "-"
        console.print(Text(f"{counted(profile.total, 'result')}, {dates}", style="dim"))
        if not profile.periods:
            return
        top = max(c for _, c in profile.periods) or 1
        width = max(10, min(50, console.width - 24))
        table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold")
        table.add_column(profile.by, no_wrap=True)
        table.add_column("count", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        for period, count in profile.periods:
            table.add_row(period, str(count), "█" * round(width * count / top))
        console.print(table)


BATCH_COLUMNS: tuple[str, ...] = (
    "line",
    "name",
    "query",
    "total",
    "first_date",
    "last_date",
    "by",
    "counts",
)
BATCH_COLUMNS += ("people", "error")


def print_batch(results: Sequence[Any], fmt: str, with_hits: bool) -> None:
    """`cerca batch`: one record per query (`search.batch.BatchResult`); CSV writes the
    counts and people as `key: n; ...` cells, and with hits their ids in an `ids` cell."""
    if fmt == "json":
        data = [r.to_dict(with_hits) for r in results]
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        _write(
            "".join(json.dumps(r.to_dict(with_hits), ensure_ascii=False) + "\n" for r in results)
        )
    else:
        header = BATCH_COLUMNS + (("ids",) if with_hits else ())
        rows = []
        for r in results:
            p = r.profile
            row = [r.row.line, r.row.name, r.row.query]
            if p is None:
                row += [None] * 6 + [r.error]
            else:
                row += [p.total, p.first_date, p.last_date, p.by, _periods(p), _people(p), None]
            if with_hits:
                row.append("; ".join(h.id for h in r.hits))
            rows.append(row)
        _write(_csv_text(header, rows))
