"""People across the corpus: the canon counted from the file table, and which documents
must be written again so each carries the canonical names of its people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from search.index.manifest import NAMES, PEOPLE, FileTable
from search.people import PeopleCanon, PeopleCorrections


def canon_from(
    table: FileTable,
    exclude: set[str] | frozenset[str] = frozenset(),
    corrections: PeopleCorrections | None = None,
) -> PeopleCanon:
    """The corpus-wide canon: a pure function of the names in the table (order-free) and
    of the user's corrections."""
    counts = Counter(n for rel, e in table.files.items() if rel not in exclude for n in e[NAMES])
    state = PeopleCanon().to_dict()
    state["counts"] = dict(counts)
    canon = PeopleCanon.from_dict(state)
    if corrections is not None:
        canon.corrections = corrections
    return canon


def settled_canon(table: FileTable) -> PeopleCanon | None:
    """The canon a settled table was saved with (it counts exactly the table's names and
    every document carries its values, the corrections it holds applied), else None: the
    run counts and checks everything."""
    return None if table.people is None else PeopleCanon.from_dict(table.people)


class Canonical:
    """value() memoized per distinct name: many documents share each name."""

    def __init__(self, canon: PeopleCanon) -> None:
        self.canon = canon
        self._memo: dict[str, str | None] = {}

    def stale(
        self, table: FileTable, only: Iterable[str] | None = None
    ) -> list[tuple[str, str | None]]:
        """Files (of `only`, else all) whose document does not carry the canonical names
        of its people."""
        files = table.files
        entries = (
            files.items()
            if only is None
            else [(rel, files[rel]) for rel in dict.fromkeys(only) if rel in files]
        )
        memo = self._memo
        for n in {n for _, e in entries for n in e[NAMES]}.difference(memo):
            memo[n] = self.canon.value(n)
        get = memo.__getitem__
        return [
            (rel, None)
            for rel, e in entries
            if (e[NAMES] or e[PEOPLE])
            and [v for v in dict.fromkeys(map(get, e[NAMES])) if v is not None] != e[PEOPLE]
        ]

    def people(self, names: Iterable[str]) -> list[str]:
        """The facet values of one document's names (a lone first name gives none)."""
        memo = self._memo
        out: dict[str, None] = {}
        for n in names:
            try:
                c = memo[n]
            except KeyError:
                c = memo[n] = self.canon.value(n)
            if c is not None:
                out[c] = None
        return list(out)


def clean_names(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
