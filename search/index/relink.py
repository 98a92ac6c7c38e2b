"""People across the corpus: the canon counted from the file table, and which documents
must be written again so each carries the canonical names of its people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from search.index.file_table import FileTable
from search.people import PeopleCanon, PeopleCorrections


def canon_from(
    table: FileTable,
    exclude: set[str] | frozenset[str] = frozenset(),
    corrections: PeopleCorrections | None = None,
) -> PeopleCanon:
    """The corpus-wide canon: a pure function of the names in the table and their
    contexts (order-free), and of the user's corrections."""
    counts = Counter(table.all_names(exclude))
    state = PeopleCanon().to_dict()
    state["counts"] = dict(counts)
    canon = PeopleCanon.from_dict(state)
    canon.weigh(table.all_evidence(exclude))
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
        return [
            (rel, None)
            for rel, names, people in table.people_of(only)
            if (names or people) and self.people(names) != people
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
