"""Which facet values a request selects: its filters and the query's top-level clauses
(`persona:`, `tag:`, ...), as stored values and as tests for the facet counts."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from search.analyze import fold
from search.models import Filters

Lookup = Callable[[str], Sequence[str]]  # a person as typed -> canonical names


def _named(filters: Filters, clauses: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Per clause kind, the values the filters and the clauses name, as typed."""
    return {
        "person": [*filters.people, *clauses.get("person", ())],
        "tag": [*filters.tags, *clauses.get("tag", ())],
        "section": [*filters.sections, *clauses.get("section", ())],
        "author": [*filters.authors, *clauses.get("author", ())],
    }


def chosen(
    filters: Filters, clauses: Mapping[str, Sequence[str]], lookup: Lookup
) -> dict[str, list[str]]:
    """Per facet, the values named, as stored: people by their canonical names, the others
    as written."""
    named = _named(filters, clauses)
    return {
        "people": sorted({n for p in named["person"] for n in lookup(p)}),
        "tags": named["tag"],
        "section": named["section"],
        "author": named["author"],
    }


def selected(
    filters: Filters, clauses: Mapping[str, Sequence[str]], lookup: Lookup
) -> dict[str, Callable[[str], bool]]:
    """Per facet, a test of whether a value is selected; a facet nothing selects has none
    (its values are then not folded one by one)."""
    named = _named(filters, clauses)
    people = {n for p in named["person"] for n in lookup(p)}
    tags = {fold(t) for t in named["tag"]}
    sections = {"/".join(fold(x.strip()) for x in s.split("/")) for s in named["section"]}
    authors = [fold(" ".join(a.split())) for a in named["author"]]

    def author(value: str) -> bool:  # as the author clause matches: the name or a word
        v = f" {fold(value)} "
        return any(f" {key} " in v for key in authors)

    tests: dict[str, tuple[object, Callable[[str], bool]]] = {
        "people": (people, people.__contains__),
        "tags": (tags, lambda v: fold(v) in tags),
        "section": (sections, lambda v: fold(v) in sections),
        "author": (authors, author),
    }
    return {name: test for name, (values, test) in tests.items() if values}
