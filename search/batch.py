"""Many queries at once (`cerca batch`): a CSV of queries in, one profile per query out.

```csv
name,query,person,tag,section,author,since,until
Lavrov,persona:lavrov,,,,,2025,
furti in centro,furto,,,Cronaca,,,
```

The header names the columns; only `query` is required. A filter cell holds one value
or several separated by ";" (OR within a kind, as repeated `cerca query` options). Every
row runs on one Searcher (search.query.profile); a row that cannot run (a query the
parser cannot read, a bad date) gives a `BatchResult` with its error and line number,
and the rows after it still run.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from search.errors import CercaError, UsageError
from search.models import Filters, Hit

if TYPE_CHECKING:
    from search.query import Searcher
    from search.query.profile import Profile

QUERY = "query"
NAME = "name"
LISTS = {"person": "people", "tag": "tags", "section": "sections", "author": "authors"}
DATES = ("since", "until")
COLUMNS = (NAME, QUERY, *LISTS, *DATES)


@dataclass(frozen=True, slots=True)
class BatchRow:
    """One query of the file, with the line it starts on (1: the header)."""

    line: int
    name: str
    query: str
    filters: Filters


@dataclass(frozen=True, slots=True)
class BatchResult:
    row: BatchRow
    profile: Profile | None = None
    hits: tuple[Hit, ...] = ()
    error: str | None = None

    def to_dict(self, with_hits: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"line": self.row.line, NAME: self.row.name, QUERY: self.row.query}
        if self.error is not None:
            d["error"] = self.error
            return d
        assert self.profile is not None
        d.update(self.profile.to_dict())
        if with_hits:
            d["hits"] = [h.to_dict() for h in self.hits]
        return d


def read_rows(lines: Iterable[str]) -> Iterator[BatchRow | tuple[int, str]]:
    """The rows of a CSV file as BatchRows, or (line, what is wrong) for one that is not.

    Raises:
        UsageError: no header, a header without `query`, or an unknown column.
    """
    reader = csv.reader(lines)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise UsageError(
            "the file is empty: its first line names the columns (name,query,...)"
        ) from None
    except csv.Error as e:
        raise UsageError(f"line 1: {e}") from None
    if QUERY not in header:
        raise UsageError(f"line 1: no `query` column (columns: {', '.join(COLUMNS)})")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise UsageError(f"line 1: unknown column {unknown[0]!r} (columns: {', '.join(COLUMNS)})")
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield line, str(e)
            continue
        if not any(c.strip() for c in cells):
            continue  # a blank line
        if len(cells) > len(header):
            yield line, f"{len(cells)} cells for {len(header)} columns"
            continue
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        lists = {
            attr: tuple(v.strip() for v in row.get(key, "").split(";") if v.strip())
            for key, attr in LISTS.items()
        }
        filters = Filters(**lists, since=row.get("since") or None, until=row.get("until") or None)
        query = row.get(QUERY, "")
        if not query and filters == Filters():
            yield line, "neither a query nor a filter"
            continue
        yield BatchRow(line, row.get(NAME) or f"line {line}", query, filters)


def run_rows(
    searcher: Searcher,
    rows: Iterable[BatchRow | tuple[int, str]],
    *,
    by: str = "month",
    people: int = 10,
    hits: int = 0,
    done: Callable[[BatchResult], None] | None = None,
) -> Iterator[BatchResult]:
    """Profile each row; `hits`: also return up to that many hits per row, newest first."""
    for row in rows:
        if isinstance(row, tuple):
            line, error = row
            result = BatchResult(BatchRow(line, f"line {line}", "", Filters()), error=error)
        else:
            try:
                found: tuple[Hit, ...] = ()
                profile = searcher.profile(row.query, row.filters, by, people)
                if hits:
                    found = searcher.search(
                        row.query, row.filters, sort="newest", limit=hits, facets=False
                    ).hits
                result = BatchResult(row, profile, found)
            except CercaError as e:
                result = BatchResult(row, error=str(e))
        if done is not None:
            done(result)
        yield result
