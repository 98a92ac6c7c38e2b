"""Saved searches: a query and its filters under a name, in the user's file (SPEC §9).

```toml
[saved.ucraina]                      # `cerca saved add ucraina putin zelensky --since 2025`
query = "putin zelensky"
since = "2025"

[saved."Lavrov a Mosca"]
query = "mosca"
person = ["Sergej Lavrov"]          # person, tag, section, author: a name or a list
```

The file is the one `search.config` reads for people corrections: read with `tomllib`,
changed through `tomlkit` (comments and layout kept) and written atomically. A search
that is not well formed (an unknown key, a number for a query) is reported on its own,
with its line, and the others stay usable; a file that is not TOML is refused whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.config import _line_of, _parse, _read_text, _write_atomic
from search.errors import ConfigError, UsageError
from search.models import Filters

SAVED = "saved"
QUERY = "query"
# file key -> Filters field; the keys are the `cerca query` options' names
LISTS = {"person": "people", "tag": "tags", "section": "sections", "author": "authors"}
DATES = ("since", "until")


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A query and its filters under a name."""

    name: str
    query: str = ""
    filters: Filters = field(default_factory=Filters)

    def to_dict(self) -> dict[str, Any]:
        """The search as the file holds it (only the filters it has)."""
        d: dict[str, Any] = {"name": self.name, QUERY: self.query}
        for key, attr in LISTS.items():
            if getattr(self.filters, attr):
                d[key] = list(getattr(self.filters, attr))
        for key in DATES:
            if getattr(self.filters, key):
                d[key] = getattr(self.filters, key)
        return d


@dataclass(frozen=True, slots=True)
class SavedFile:
    """What the user's file saves: the well-formed searches, in file order, and one
    message per search that is not (`name`, `file, line N: what is wrong`)."""

    searches: tuple[SavedSearch, ...] = ()
    problems: tuple[tuple[str, str], ...] = ()

    def get(self, name: str) -> SavedSearch | None:
        return next((s for s in self.searches if s.name == name), None)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.searches] + [n for n, _ in self.problems]


def load_saved(path: Path) -> SavedFile:
    """The saved searches of the user's file at `path` (none when it is missing).

    Raises:
        ConfigError: the file cannot be read, is not TOML (the message names the line),
            or `saved` is not a table of tables.
    """
    path = Path(path)
    text = _read_text(path)
    if text is None:
        return SavedFile()
    saved = _parse(path, text).get(SAVED, {})
    if not isinstance(saved, dict):
        raise ConfigError(f"{path}{_line_of(text, SAVED)}: [saved] must be a table of searches")
    searches, problems = [], []
    for name, entry in saved.items():
        try:
            searches.append(_search(name, entry))
        except ValueError as e:
            problems.append((name, f"{path}{_line_of(text, name)}: saved search {name!r}: {e}"))
    return SavedFile(tuple(searches), tuple(problems))


def _search(name: str, entry: Any) -> SavedSearch:
    if not isinstance(entry, dict):
        raise ValueError("must be a table (query = ..., person = [...], ...)")
    unknown = sorted(set(entry) - {QUERY, *LISTS, *DATES})
    if unknown:
        known = ", ".join([QUERY, *LISTS, *DATES])
        raise ValueError(f"unknown key {unknown[0]!r} (known: {known})")
    query = entry.get(QUERY, "")
    if not isinstance(query, str):
        raise ValueError("query must be a string")
    lists: dict[str, tuple[str, ...]] = {}
    for key, attr in LISTS.items():
        value = entry.get(key, [])
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValueError(f"{key} must be a name or a list of names")
        lists[attr] = tuple(v for v in values if v.strip())
    dates: dict[str, str | None] = {}
    for key in DATES:
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'{key} must be a date in quotes ("2025", "2025-12", "2025-12-31")')
        dates[key] = value or None
    return SavedSearch(name, query, Filters(**lists, **dates))  # type: ignore[arg-type]


def clean_name(name: str) -> str:
    """A search's name as stored: spaces collapsed. Raises UsageError when empty."""
    name = " ".join(name.split())
    if not name:
        raise UsageError("a saved search needs a name")
    return name


def save_search(path: Path, search: SavedSearch, *, replace: bool = False) -> bool:
    """Add `search` to the user's file. Returns True when it replaced one of that name.

    Raises:
        UsageError: a search of that name exists (and not `replace`), or it has neither
            a query nor a filter.
        ConfigError: the file is broken (nothing is written).
    """
    import tomlkit  # only the commands that change the file load it

    name = clean_name(search.name)
    if not search.query.strip() and search.filters == Filters():
        raise UsageError("a saved search needs a query or a filter")
    path = Path(path)
    text = _read_text(path) or ""
    existing = load_saved(path)  # refuses a broken file, line named
    there = name in existing.names
    if there and not replace:
        raise UsageError(f"a search named {name!r} is already saved (--replace to change it)")
    doc = tomlkit.parse(text)
    if SAVED not in doc:
        doc[SAVED] = tomlkit.table(is_super_table=True)
    entry = tomlkit.table()
    for key, value in search.to_dict().items():
        if key != "name":
            entry[key] = value
    doc[SAVED][name] = entry
    _write_atomic(path, tomlkit.dumps(doc))
    return there


def remove_search(path: Path, name: str) -> bool:
    """Drop the saved search `name`. False: there was none."""
    import tomlkit

    name = clean_name(name)
    path = Path(path)
    text = _read_text(path)
    if text is None or name not in load_saved(path).names:
        return False
    doc = tomlkit.parse(text)
    del doc[SAVED][name]
    _write_atomic(path, tomlkit.dumps(doc))
    return True
