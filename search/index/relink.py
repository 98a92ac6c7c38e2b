"""People across the corpus: the canon counted from the file table, and which documents
must be written again so each carries the canonical names of its people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from search.index.file_table import FileTable
from search.people import PeopleCanon, PeopleCorrections, Where


def canon_from(
    table: FileTable,
    exclude: set[str] | frozenset[str] = frozenset(),
    corrections: PeopleCorrections | None = None,
) -> PeopleCanon:
    """The corpus-wide canon: a pure function of the names in the table, their contexts
    and the files' buckets (order-free), and of the user's corrections."""
    counts = Counter(table.all_names(exclude))
    state = PeopleCanon().to_dict()
    state["counts"] = dict(counts)
    canon = PeopleCanon.from_dict(state)
    place_surnames(canon, table, exclude)
    canon.weigh(table.all_evidence(exclude))
    if corrections is not None:
        canon.corrections = corrections
    return canon


def place_surnames(
    canon: PeopleCanon, table: FileTable, exclude: set[str] | frozenset[str] = frozenset()
) -> None:
    """Count the buckets (section, month) of the surnames that now need them and that
    `canon` has not counted all along (a second person or a first lone mention arrived),
    from the table's files but those of `exclude`: `canon` must count exactly those."""
    lasts = canon.unplaced()
    if lasts:
        canon.place(lasts, table.placed(canon.spellings_of(lasts), exclude))


def settled_canon(table: FileTable) -> PeopleCanon | None:
    """The canon a settled table was saved with (it counts exactly the table's names and
    every document carries its values, the corrections it holds applied), else None: the
    run counts and checks everything."""
    return None if table.people is None else PeopleCanon.from_dict(table.people)


class _Situated:
    """The memo's mark for a name whose value depends on the document's buckets."""


SITUATED = _Situated()


class Canonical:
    """value() memoized per distinct name: many documents share each name. A lone
    surname several persons share is memoized per name and buckets."""

    def __init__(self, canon: PeopleCanon) -> None:
        self.canon = canon
        self._memo: dict[str, str | None | _Situated] = {}
        self._near: dict[tuple[str, Where], str | None] = {}

    def stale(
        self, table: FileTable, only: Iterable[str] | None = None
    ) -> list[tuple[str, str | None]]:
        """Files (of `only`, else all) whose document does not carry the canonical names
        of its people."""
        return [
            (rel, None)
            for rel, names, people, where in table.people_of(only)
            if (names or people) and self.people(names, tuple(where)) != people
        ]

    def people(self, names: Iterable[str], where: Where = ()) -> list[str]:
        """The facet values of one document's names (a lone first name gives none), the
        document in `where`'s buckets (its section and month)."""
        memo = self._memo
        out: dict[str, None] = {}
        for n in names:
            try:
                c = memo[n]
            except KeyError:
                canon = self.canon
                c = memo[n] = SITUATED if canon.situated(n) else canon.value(n)
            if isinstance(c, _Situated):
                try:
                    c = self._near[n, where]
                except KeyError:
                    c = self._near[n, where] = self.canon.value(n, where)
            if c is not None:
                out[c] = None
        return list(out)


def clean_names(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
