"""Facet counts over the whole matching set, from tantivy's terms aggregations.

Faceting is disjunctive: each facet is counted with the query minus its own filter.
Counts come from fast fields in Rust (no stored document read, no Python loop over
hits) and are exact, also over several segments (a cut only where a proof holds), unless
the caller accepts estimates: a request over very many documents then counts a
pseudo-random sample of them and scales up (values marked `estimated`).
`every_value` lists every value of one facet, `ValueSearch` finds values by what they
contain. The cut proof and the costs: docs/internals/facets.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import tantivy

from search.analyze import fold
from search.index import schema as f
from search.index.facet_bounds import Recent
from search.index.sample import LEVELS
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
# Several segments: the big one keeps CUT_FACTOR x `size` values (more when the documents
# written since the build carry more distinct values). A facet is cut only while T (the
# documents written since the build that carry its most frequent value) is at most
# TOP_SHARE of the index: beyond, mid-size queries fail the proof and pay for two passes.
CUT_FACTOR = 5
TOP_SHARE = 0.0005


# Relative cost of each facet per matching document (docs/internals/facets.md): the
# multi-valued people and tags dominate. A request costs about the sum of its facets'
# plus one pass of the query.
COST = {"people": 8.0, "tags": 5.0, "section": 1.3, "author": 1.3, "month": 0.4}
SPLIT_HITS = 40_000  # from about this many hits on, a second request pays for itself
# ...unless the pass itself is dear: a query that reads more than SPLIT_READS postings per
# hit (a phrase with a stop word, a common word under a narrow date range) pays more for
# the second pass than the facet it moves saves
SPLIT_READS = 4.0
# Estimates (when accepted): a request estimated to match SAMPLE_FROM documents or more
# counts one sample level, the smallest that holds SAMPLE_DOCS of its hits or more.
SAMPLE_FROM = 50_000
SAMPLE_DOCS = 20_000


def _terms(field: str, name: str, size: int, segment_size: int) -> dict:
    spec: dict = {"field": field, "size": size, "segment_size": segment_size}
    if name == "month":
        spec["order"] = {"_key": "asc"}
    return {"terms": spec}


def _cuttable(recent: Recent | None, num_docs: int) -> dict[str, tuple[int, int]]:
    """Facets that several segments may count with a cut: name -> (distinct values of the
    documents written since the build, T)."""
    if recent is None:
        return {}
    return {
        n: (recent.distinct[n], top) for n, top in recent.top.items() if top <= TOP_SHARE * num_docs
    }


@dataclass(frozen=True)
class _Request:
    """One aggregation request: facets `names`, counted over the query minus `without`;
    `checked`: the facets cut over several segments, with the most a value can gain from
    the small segments (their counts are proved exact or counted again)."""

    without: str | None
    names: tuple[str, ...]
    spec: dict
    checked: tuple[tuple[str, int], ...] = ()
    level: int = 0  # the sample level counted (0: every document, exactly)


def _split(names: list[str], many: bool) -> list[tuple[str, ...]]:
    """The facets of one group as one request, or, when the query matches many documents,
    as two of about equal cost.

    Two cores count two requests at once (tantivy releases the GIL): the people facet
    alone beside the others shortens the queries that match most of the archive, for one
    more pass of the query. Under SPLIT_HITS hits the second pass and the hand-over cost
    more than they save.
    """
    if len(names) < 2 or not many:
        return [tuple(names)]
    heavy = max(names, key=COST.__getitem__)
    rest = tuple(n for n in names if n != heavy)
    if COST[heavy] < sum(COST[n] for n in rest) / 2:  # nothing dominates: keep one pass
        return [tuple(names)]
    return [(heavy,), rest]


def _plan(
    filtered: set[str],
    size: int,
    one_segment: bool,
    many: bool | Callable[[str | None], bool],
    cuttable: Mapping[str, tuple[int, int]] | None = None,
    level: Callable[[str | None], int] | None = None,
) -> list[_Request]:
    """The aggregation requests of one query. `many(without)`: whether the query minus
    the filters of kind `without` matches many documents; `level(without)`: the sample
    level it counts (0: every document, exactly)."""
    cuttable = {} if one_segment or cuttable is None else cuttable
    groups: dict[str | None, list[str]] = {}
    for name in FACET_FIELDS:
        own = OWN_FILTER[name]
        groups.setdefault(own if own in filtered else None, []).append(name)
    requests = []
    for without, names in groups.items():
        sample = level(without) if level is not None else 0
        big = many(without) if callable(many) else many
        for part in _split(names, big and not sample):
            spec = {}
            checked = []
            for n in part:
                # selected values may sit below the top `size`: ask for more and keep them
                wanted = MONTHS if n == "month" else size * 4 if without else size
                if sample:  # an estimate: tantivy's own cut (10 x size) will do
                    kept = wanted * 10
                elif one_segment:  # its own top `wanted` is the exact top
                    kept = wanted
                elif n in cuttable:  # no small segment is cut; the answer is checked
                    distinct, top = cuttable[n]
                    kept = max(wanted * CUT_FACTOR, distinct)
                    checked.append((n, top))
                else:
                    kept = NO_CUT
                spec[n] = _terms(FACET_FIELDS[n], n, wanted, kept)
            requests.append(_Request(without, part, spec, tuple(checked), sample))
    return requests


def sample_level(hits: float) -> int:
    """The sample level a request of about `hits` documents counts when estimates are
    accepted (level L holds 1 / 2**L of them): 0, every document, when it is small enough
    to count whole."""
    if hits < SAMPLE_FROM:
        return 0
    level = 0
    while level < LEVELS and hits / 2 ** (level + 1) >= SAMPLE_DOCS:
        level += 1
    return level


def _sampled(schema: tantivy.Schema, query: tantivy.Query, level: int) -> tantivy.Query:
    """`query` over the documents of sample level `level` only."""
    among = tantivy.Query.term_query(schema, f.SAMPLE, str(level))
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, among)])


def _aggregate(searcher: tantivy.Searcher, query: tantivy.Query, req: _Request) -> dict:
    """The counts of `req`, exact: a facet cut over several segments whose counts the
    answer does not prove exact is counted again, uncut."""
    result = searcher.aggregate(query, req.spec)
    unsure = [n for n, gain in req.checked if not _proved(result.get(n), gain)]
    if unsure:
        uncut = {n: {"terms": {**req.spec[n]["terms"], "segment_size": NO_CUT}} for n in unsure}
        result = {**result, **searcher.aggregate(query, uncut)}
    return result


def _proved(counts: Any, gain: int) -> bool:
    """Whether a cut terms aggregation over a big segment and small uncut ones is exact:
    nothing was cut, or the last value returned counts more than any value left out can
    (E from the big segment's cut plus `gain` from the small segments)."""
    if not isinstance(counts, dict):
        return False
    error = counts.get("doc_count_error_upper_bound")
    if not isinstance(error, int):
        return False
    if error == 0:
        return True
    buckets = counts.get("buckets") or []
    return bool(buckets) and int(buckets[-1]["doc_count"]) > error + gain


def compute(
    searcher: tantivy.Searcher,
    query_without: Callable[[str | None], tantivy.Query],
    filtered_kinds: Iterable[str],
    selected: Mapping[str, Callable[[str], bool]],
    size: int = FACET_SIZE,
    archive: Callable[[str | None], bool] | None = None,
    cache: dict | None = None,
    submit: Callable[..., Future] | None = None,
    hits: Callable[[str | None], float] | None = None,
    recent: Recent | None = None,
    chosen: Mapping[str, Iterable[str]] | None = None,
    estimate: tantivy.Schema | None = None,
    reads: Callable[[str | None], float] | None = None,
) -> dict[str, tuple[FacetValue, ...]]:
    """Every facet of the SPEC, counted disjunctively, exactly unless `estimate`.

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
            for one index state (each is a pass over every document; always exact).
        submit: runs an aggregation request in another thread, like `Executor.submit`
            (never in a pool whose tasks wait for others); the requests of one query then
            run at once, one of them in this thread. None: one after the other.
        hits: about how many documents `query_without(kind)` matches; a large count
            splits the facets into more requests (with `submit`) or, with `estimate`,
            has them counted over a sample.
        recent: what updates wrote since the index was built as one segment (read after
            `searcher` was opened), which lets several segments be counted with a cut.
        chosen: per facet name, values as stored that the filters select: one that the
            top values leave out is counted on its own and listed after them (a value
            picked from a facet's full list is often a rare one).
        estimate: the index's schema, to accept estimated counts: a request over
            SAMPLE_FROM documents or more counts the documents of one sample level
            and scales up; its values are marked `estimated`. None: exact counts.
        reads: about how many postings a pass over `query_without(kind)` reads; a query
            that reads more than SPLIT_READS per hit is never split (None: cheap passes).
    """
    num_docs = getattr(searcher, "num_docs", 0)
    one_segment = getattr(searcher, "num_segments", 0) == 1
    cuttable = _cuttable(recent, num_docs)
    sizes: dict[str | None, float] = {}

    def about(without: str | None) -> float:  # each estimate once
        if without not in sizes:
            sizes[without] = hits(without) if hits is not None else 0.0
        return sizes[without]

    def whole(without: str | None) -> bool:
        return without is not None and archive is not None and archive(without)

    def many(without: str | None) -> bool:
        if submit is None or num_docs < SPLIT_HITS or about(without) < SPLIT_HITS:
            return False
        return reads is None or reads(without) <= SPLIT_READS * about(without)

    def level(without: str | None) -> int:
        exact = estimate is None or num_docs < SAMPLE_FROM or whole(without)
        return 0 if exact else sample_level(about(without))

    queries: dict[tuple[str | None, int], tantivy.Query] = {}

    def query_of(without: str | None, sample: int) -> tantivy.Query:
        if (without, sample) not in queries:
            if (without, 0) not in queries:
                queries[without, 0] = query_without(without)
            if sample:
                assert estimate is not None  # only then are requests sampled
                queries[without, sample] = _sampled(estimate, queries[without, 0], sample)
        return queries[without, sample]

    jobs: list[tuple[_Request, Any, tuple | None]] = []  # request, Future or query, cache key
    for req in _plan(set(filtered_kinds), size, one_segment, many, cuttable, level):
        key = (req.without, req.names, size) if whole(req.without) and cache is not None else None
        known = cache.get(key) if key is not None else None  # type: ignore[union-attr]
        jobs.append((req, known or query_of(req.without, req.level), key))
    new = [i for i, (_, job, _) in enumerate(jobs) if not isinstance(job, Future)]
    if submit is not None:  # the others run beside while this thread counts the last one
        for i in new[:-1]:
            _start(jobs, i, searcher, submit)
        new = new[-1:]
    for i in new:
        _start(jobs, i, searcher, _call)
    out: dict[str, tuple[FacetValue, ...]] = {}
    levels: dict[str | None, int] = {}
    for req, future, key in jobs:
        try:
            result = future.result()
        except BaseException:
            if key is not None:  # never keep a failure
                cache.pop(key, None)  # type: ignore[union-attr]
            raise
        if key is not None:
            cache.setdefault(key, future)  # type: ignore[union-attr]
        levels[req.without] = req.level
        out.update(_values(req.names, result, selected, size, req.level))
    if chosen:
        _add_chosen(searcher, query_of, set(filtered_kinds), chosen, out, levels)
    return {n: out[n] for n in FACET_FIELDS}


def _add_chosen(
    searcher: tantivy.Searcher,
    query_of: Callable[[str | None, int], tantivy.Query],
    filtered: set[str],
    chosen: Mapping[str, Iterable[str]],
    out: dict[str, tuple[FacetValue, ...]],
    levels: Mapping[str | None, int],
) -> None:
    """Count the chosen values that `out` lacks (only those: an `include` list of exact
    values is a few term lookups) and append them, selected, to their facets; over the
    same sample as the other values of their facet (`levels`: per request)."""
    groups: dict[str | None, dict] = {}
    for name, values in chosen.items():
        listed = {v.value for v in out.get(name, ())}
        missing = sorted({v for v in values if v not in listed})
        if name in out and missing:
            own = OWN_FILTER[name]
            spec = {"field": FACET_FIELDS[name], "include": missing, "size": len(missing)}
            spec["segment_size"] = NO_CUT
            groups.setdefault(own if own in filtered else None, {})[name] = {"terms": spec}
    for without, spec in groups.items():
        sample = levels.get(without, 0)
        result = searcher.aggregate(query_of(without, sample), spec)
        for name in spec:
            extra = [
                FacetValue(b["key"], int(b["doc_count"]) << sample, True, sample > 0)
                for b in result.get(name, {}).get("buckets", [])
            ]
            out[name] = (*out[name], *sorted(extra, key=lambda v: (-v.count, v.value)))


def _start(
    jobs: list[tuple[_Request, Any, tuple | None]],
    i: int,
    searcher: tantivy.Searcher,
    run: Callable[..., Future],
) -> None:
    """Count request `i` of `jobs` with `run` (now, or in another thread)."""
    req, query, key = jobs[i]
    jobs[i] = (req, run(_aggregate, searcher, query, req), key)


def _call(fn: Callable[..., Any], *args: Any) -> Future:
    """`fn(*args)` now, as a finished Future (its exception kept for `result()`)."""
    done: Future = Future()
    try:
        done.set_result(fn(*args))
    except Exception as e:
        done.set_exception(e)
    return done


def _values(
    names: Iterable[str],
    result: dict,
    selected: Mapping[str, Callable[[str], bool]],
    size: int,
    level: int = 0,
) -> dict[str, tuple[FacetValue, ...]]:
    """The values of facets `names` in one aggregation `result`; counts over sample level
    `level` are scaled to every document (x 2**level) and marked estimated."""
    out = {}
    sampled = level > 0
    for n in names:
        buckets = result.get(n, {}).get("buckets", [])
        is_selected = selected.get(n)
        values = [
            FacetValue(
                b["key"],
                int(b["doc_count"]) << level,
                is_selected is not None and is_selected(b["key"]),
                sampled,
            )
            for b in buckets
        ]
        if n != "month" and len(values) > size:
            values = values[:size] + [v for v in values[size:] if v.selected]
        out[n] = tuple(values)
    return out


# ---------------------------------------------------------------- every value of one facet


def every_value(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    name: str,
    is_selected: Callable[[str], bool] | None = None,
) -> tuple[FacetValue, ...]:
    """Every value of facet `name` among the documents `query` matches, with its count,
    most frequent first and equal counts by value (for a facet's "more" view and its
    filter box: thousands of people at 10k articles).

    One terms aggregation with no cut anywhere, so every count is exact over any number
    of segments; `is_selected` marks the values the filters select.
    """
    spec = {name: {"terms": {"field": FACET_FIELDS[name], "size": NO_CUT, "segment_size": NO_CUT}}}
    buckets = searcher.aggregate(query, spec).get(name, {}).get("buckets", [])
    pairs = sorted(((b["key"], int(b["doc_count"])) for b in buckets), key=lambda p: (-p[1], p[0]))
    if is_selected is None:
        return tuple(FacetValue(v, c) for v, c in pairs)
    return tuple(FacetValue(v, c, is_selected(v)) for v, c in pairs)


class ValueSearch:
    """Finds facet values by what they contain, as a facet's filter box does: case and
    accents are ignored and every word of the text must occur somewhere in the value
    (`zel` finds `Volodymyr Zelensky`, so does `vol zel`). Values whose words start with
    the text's words come first (`ros` lists Rossi before Ambrosini); otherwise the
    values keep their order (most frequent first).

    Meant for search as you type: a text that only adds to the last one (`zel` ->
    `zele`) looks only among the last matches. Not thread-safe.
    """

    def __init__(self, values: Iterable[FacetValue]) -> None:
        self.values = tuple(values)
        self._folded = [fold(v.value) for v in self.values]
        # the folded words, each after a space: " " + word finds a word's start
        self._starts = [" " + " ".join(_WORD_BREAKS.split(f)) for f in self._folded]
        self._last: tuple[list[str], list[int] | range] = ([], range(len(self.values)))

    def find(self, text: str) -> tuple[FacetValue, ...]:
        words = fold(text).split()
        if not words:
            return self.values
        last_words, last_found = self._last
        # every old word inside a new one: whatever matches now matched before
        narrower = all(any(old in new for new in words) for old in last_words)
        pool = last_found if narrower else range(len(self.values))
        folded = self._folded
        if len(words) == 1:
            word = words[0]
            found = [i for i in pool if word in folded[i]]
        else:
            found = [i for i in pool if all(w in folded[i] for w in words)]
        self._last = (words, found)  # in the values' order, for the next narrowing
        starts, heads = self._starts, [" " + w for w in words]
        first = [i for i in found if all(h in starts[i] for h in heads)]
        if len(first) < len(found):
            chosen = set(first)
            found = first + [i for i in found if i not in chosen]
        return tuple(self.values[i] for i in found)


_WORD_BREAKS = re.compile(r"[\W_]+")


def match_spans(value: str, text: str) -> tuple[tuple[int, int], ...]:
    """Where the words of `text` first occur in `value` as `ValueSearch` matches them
    (case and accents ignored): sorted, merged character offsets into `value`."""
    words = fold(text).split()
    if not words:
        return ()
    chars: list[str] = []
    origin: list[int] = []  # folded character -> index of the character it came from
    for i, ch in enumerate(value):
        for c in fold(ch):
            chars.append(c)
            origin.append(i)
    hay = "".join(chars)
    spans = []
    for word in words:
        at = hay.find(word)
        if at >= 0:
            spans.append((origin[at], origin[at + len(word) - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
