"""What is new for a saved search: the documents the index runs since a mark brought in
that match it (`cerca saved new`, the TUI's new-hit marks).

The runs are the index's history (search.index.history). Each saved search has a
"seen" mark: the last run whose documents the user was shown. The marks live beside the
history, in `index/history/seen.json`, not in the user's TOML file: a run number only
means something for the index that counted it, the TOML file is shared (in git, between
colleagues with indexes of their own), and a mark that moves on every look would make
every look a change to commit. A search with no mark (added by hand, or by a colleague)
starts following at its first look.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from search.errors import CercaError, UsageError
from search.index import history
from search.index.manifest import write_json_atomic

if TYPE_CHECKING:
    from search.models import Results
    from search.query import Searcher
    from search.saved import SavedSearch

MARKS = "seen.json"
_RUN = re.compile(r"(?:run:)?(\d+)")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def read_marks(index_path: Path) -> dict[str, int]:
    """Saved search name -> the last run its user saw (an unreadable file: none)."""
    try:
        data = json.loads((index_path / history.HISTORY / MARKS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, int)}


def write_marks(index_path: Path, marks: dict[str, int | None]) -> None:
    """Set (an int) or drop (None) the marks of some searches, keeping the others.

    Raises:
        CercaError: the index folder cannot be written.
    """
    current = read_marks(index_path)
    for name, run in marks.items():
        if run is None:
            current.pop(name, None)
        else:
            current[name] = run
    folder = index_path / history.HISTORY
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_json_atomic(folder / MARKS, dict(sorted(current.items())))
    except OSError as e:
        raise CercaError(f"cannot record what was seen in {folder} ({e.strerror or e})") from None


def since_run(index_path: Path, since: str) -> int:
    """The run after which `--since` looks: `since` is a run (`41`, `run:41`) or a date
    (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`: the runs that finished from that day on, UTC). A
    bare four-digit number is a year.

    Raises:
        UsageError: neither a run nor a date.
    """
    text = since.strip()
    if _DATE.fullmatch(text):
        from search.query.language import period

        try:
            start = period(text)[0]
        except (ValueError, OverflowError):
            raise UsageError(f"--since {since}: not a date") from None
        after = 0
        for run in history.runs(index_path):
            if dt.datetime.fromisoformat(run.finished).date() < start:
                after = run.number
        return after
    found = _RUN.fullmatch(text)
    if found is None:
        raise UsageError(f"--since {since}: give a run (41, run:41) or a date (2025-12-31)")
    return int(found.group(1))


@dataclass(frozen=True, slots=True)
class Window:
    """The documents the runs after `after` up to `upto` brought in. `complete` is False
    when some of those runs fell out of the kept history."""

    after: int
    upto: int
    ids: frozenset[str]
    complete: bool


def window(index_path: Path, after: int, upto: int | None = None) -> Window:
    """What the runs numbered after `after` (up to `upto`: default the latest) brought."""
    kept = history.runs(index_path, after)
    upto = history.latest(index_path) if upto is None else upto
    ids = frozenset(i for run in kept if run.number <= upto for i in run.changed)
    complete = not kept or kept[0].number == after + 1 or upto <= after
    return Window(after, upto, ids, complete)


def new_hits(
    searcher: Searcher, search: SavedSearch, ids: Iterable[str], limit: int = 10_000
) -> Results:
    """The documents among `ids` that match `search`, newest first.

    Raises:
        QuerySyntaxError, UsageError: the saved query or a filter cannot be read.
    """
    ids = list(ids)
    return searcher.search(search.query, search.filters, sort="newest", limit=limit, only=ids)


@dataclass(frozen=True, slots=True)
class Pending:
    """What waits for a saved search (the TUI's list): `count` new matches among
    `window.ids` (None: never looked at, or `error` says why it cannot run)."""

    search: SavedSearch
    window: Window | None
    count: int | None
    error: str | None = None


def pending(searcher: Searcher, index_path: Path, searches: Iterable[SavedSearch]) -> list[Pending]:
    """How many new matches each saved search has since its mark (counted, not fetched)."""
    upto = history.latest(index_path)  # before the searches: never past what they see
    marks = read_marks(index_path)
    found = []
    for search in searches:
        after = marks.get(search.name)
        win = window(index_path, after, upto) if after is not None else None
        try:  # a search never looked at runs too: whether it can is news as well
            results = searcher.search(
                search.query, search.filters, limit=0, facets=False, only=win.ids if win else ()
            )
        except CercaError as e:
            found.append(Pending(search, win, None, str(e)))
            continue
        found.append(Pending(search, win, results.total if win else None))
    return found


def mark_seen(index_path: Path, name: str, run: int | None = None) -> int:
    """Move `name`'s mark to `run` (default: the last run). Returns the run.

    Raises:
        CercaError: the index folder cannot be written.
    """
    run = history.latest(index_path) if run is None else run
    write_marks(index_path, {name: run})
    return run
