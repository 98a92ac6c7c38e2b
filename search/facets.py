"""Facet counts over the whole matching set, from tantivy's terms aggregations.

Faceting is disjunctive: each facet is counted with the query minus its own filter, so
with `--section Esteri` the section facet still tells how many hits the other sections
would give. Facets that have no filter of their own share one aggregation request; a
facet with a filter gets its own. Counts come from the fast fields in Rust: no stored
document is read and no Python loop runs over hits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import tantivy

from search import schema as f
from search.models import FacetValue

# facet name (SPEC §2 JSON) -> fast field
FACET_FIELDS = {
    "section": f.SECTION,
    "tags": f.TAGS,
    "people": f.PEOPLE,
    "author": f.AUTHOR,
    "month": f.MONTH,
}
# the filter kind that is a facet's own (its values are toggled from that facet)
OWN_FILTER = {"section": "section", "tags": "tag", "people": "person", "author": "author"}
OWN_FILTER["month"] = "date"
FACET_SIZE = 20
MONTHS = 1200  # the histogram wants every month: a hundred years of them


def _terms(field: str, name: str, size: int) -> dict:
    spec: dict = {"field": field, "size": size}
    if name == "month":
        spec["order"] = {"_key": "asc"}
    return {"terms": spec}


def compute(
    searcher: tantivy.Searcher,
    query_without: Callable[[str | None], tantivy.Query],
    filtered_kinds: Iterable[str],
    selected: Mapping[str, Callable[[str], bool]],
    size: int = FACET_SIZE,
    archive: Callable[[str | None], bool] | None = None,
    cache: dict | None = None,
) -> dict[str, tuple[FacetValue, ...]]:
    """Every facet of the SPEC, counted disjunctively.

    Args:
        searcher: the searcher of the current index generation.
        query_without: builds the full query minus the filters of one kind (None: the
            full query).
        filtered_kinds: filter kinds ("person", "tag", ...) that have clauses.
        selected: per facet name, tells whether a value is selected (to mark it).
        size: values per facet (the month histogram is never cut).
        archive: tells whether `query_without(kind)` matches the whole archive (e.g.
            `persona:putin` alone: the people facet counts every document).
        cache: aggregation results of such whole-archive requests, kept by the caller
            for one index state (they cost 10-20 ms each at 100k articles).
    """
    filtered = set(filtered_kinds)
    groups: dict[str | None, list[str]] = {}
    for name in FACET_FIELDS:
        own = OWN_FILTER[name]
        groups.setdefault(own if own in filtered else None, []).append(name)
    out: dict[str, tuple[FacetValue, ...]] = {}
    for without, names in groups.items():
        # selected values may sit below the top `size`: ask for more and keep them
        spec = {
            n: _terms(FACET_FIELDS[n], n, MONTHS if n == "month" else size * 4 if without else size)
            for n in names
        }
        key = (without, tuple(names), size) if without and archive and archive(without) else None
        result = cache.get(key) if key is not None and cache is not None else None
        if result is None:
            result = searcher.aggregate(query_without(without), spec)
            if key is not None and cache is not None:
                cache[key] = result
        for n in names:
            buckets = result.get(n, {}).get("buckets", [])
            is_selected = selected.get(n, lambda _v: False)
            values = [
                FacetValue(b["key"], int(b["doc_count"]), is_selected(b["key"])) for b in buckets
            ]
            if n != "month" and len(values) > size:
                values = values[:size] + [v for v in values[size:] if v.selected]
            out[n] = tuple(values)
    return {n: out[n] for n in FACET_FIELDS}
