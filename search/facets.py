"""Facet counts over the whole matching set, from tantivy's terms aggregations.

Faceting is disjunctive: each facet is counted with the query minus its own filter, so
with `--section Esteri` the section facet still tells how many hits the other sections
would give. Facets that have no filter of their own share one aggregation request; a
facet with a filter gets its own. Counts come from the fast fields in Rust: no stored
document is read and no Python loop runs over hits.

Counts are exact. A terms aggregation counts each segment on its own, keeps that
segment's `segment_size` most frequent values (tantivy's default: 10 x `size`) and then
adds the segments' lists up: a value cut from one segment's list loses that segment's
documents, so with several segments the top values came out short (at 100k articles in
9 segments, people counts were 1-3 low in 22 of the 36 benchmark queries, and a value
could drop out of the top 20). So with several segments nothing is cut. One segment is
counted whole before the cut: its own top `size` is the exact top, and cutting there
spares tantivy the term dictionary lookups (the bulk of the people facet's cost: each
value kept is a lookup in a zstd-compressed block of the column's dictionary).
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
NO_CUT = 1 << 30  # `segment_size` that keeps every value of every segment (tantivy: u32)


def _terms(field: str, name: str, size: int, one_segment: bool) -> dict:
    spec: dict = {"field": field, "size": size, "segment_size": size if one_segment else NO_CUT}
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
    """Every facet of the SPEC, counted disjunctively and exactly.

    Args:
        searcher: the searcher of the current index generation.
        query_without: builds the full query minus the filters of one kind (None: the
            full query).
        filtered_kinds: filter kinds ("person", "tag", ...) that have clauses.
        selected: per facet name, tells whether a value is selected (to mark it).
        size: values per facet (the month histogram is never cut). Ties at the last
            place are broken by tantivy (by value with several segments).
        archive: tells whether `query_without(kind)` matches the whole archive (e.g.
            `persona:putin` alone: the people facet counts every document).
        cache: aggregation results of such whole-archive requests, kept by the caller
            for one index state (they cost 10-40 ms each at 100k articles).
    """
    filtered = set(filtered_kinds)
    one_segment = getattr(searcher, "num_segments", 0) == 1
    groups: dict[str | None, list[str]] = {}
    for name in FACET_FIELDS:
        own = OWN_FILTER[name]
        groups.setdefault(own if own in filtered else None, []).append(name)
    out: dict[str, tuple[FacetValue, ...]] = {}
    for without, names in groups.items():
        # selected values may sit below the top `size`: ask for more and keep them
        spec = {
            n: _terms(
                FACET_FIELDS[n],
                n,
                MONTHS if n == "month" else size * 4 if without else size,
                one_segment,
            )
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
