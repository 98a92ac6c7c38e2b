"""Estimated facet counts: one sample level counted, scaled up, marked.

Checked against brute force over the same level (an estimate is exactly the sample's
counts times 2**level), against the exact counts (within the sampling error), and for
when they must not be used: exact asked, few hits, whole-archive requests.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
import tantivy

from search.index import schema as f
from search.index.sample import LEVELS, levels_of
from search.models import FacetValue, Filters
from search.query import facets

from .query_index import build_searcher
from .test_facets import FIELDS, make_docs

N = 6_000


def sample_schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    for name in (f.MONTH, f.SECTION, f.TAGS, f.PEOPLE, f.AUTHOR):
        b.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
    b.add_text_field(f.SAMPLE, stored=False, tokenizer_name="raw")
    return b.build()


@pytest.fixture(scope="module")
def corpus() -> tuple[list[dict], tantivy.Searcher, tantivy.Schema]:
    docs = make_docs(N, seed=7)
    for i, d in enumerate(docs):
        d["levels"] = [int(level) for level in levels_of(f"doc{i:05d}")]
    schema = sample_schema()
    index = tantivy.Index(schema)
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    for i, d in enumerate(docs):
        doc = tantivy.Document()
        for name, values in d.items():
            if name != "levels":
                for v in values:
                    doc.add_text(f.MONTH if name == "month" else FIELDS[name], v)
        for level in d["levels"]:
            doc.add_text(f.SAMPLE, str(level))
        writer.add_document(doc)
        if i == N // 2:  # two segments: estimates need no proof over several
            writer.commit()
    writer.commit()
    index.reload()
    return docs, index.searcher(), schema


@pytest.fixture(autouse=True)
def small_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    # as a large archive would: a query of 1,000 hits or more is sampled, about 1,500 kept
    monkeypatch.setattr(facets, "SAMPLE_FROM", 1_000)
    monkeypatch.setattr(facets, "SAMPLE_DOCS", 1_500)


def counted(corpus, **kw):
    docs, searcher, schema = corpus
    return facets.compute(
        searcher, lambda _w: tantivy.Query.all_query(), [], {}, hits=lambda _w: N, **kw
    )


def test_each_level_holds_its_share_and_the_next() -> None:
    ids = [f"{d:04d}/{random.Random(d).getrandbits(64):016x}" for d in range(20_000)]
    held = [levels_of(i) for i in ids]
    for levels in held:  # nested: a document in level L is in every level above it
        assert levels == [str(n) for n in range(1, len(levels) + 1)]
    sizes = Counter(level for levels in held for level in levels)
    for level in range(1, LEVELS + 1):
        mean = len(ids) / 2**level
        assert abs(sizes[str(level)] - mean) < 5 * math.sqrt(mean), level
    assert levels_of("a/b") == levels_of("a/b")  # stable: from the id alone


def test_an_estimate_is_the_sample_scaled_and_marked(corpus) -> None:
    docs = corpus[0]
    level = facets.sample_level(N)
    assert level == 2  # a quarter of 6,000 holds the 1,500 wanted; an eighth does not
    got = counted(corpus, estimate=corpus[2])
    for name in facets.FACET_FIELDS:
        sample = Counter(v for d in docs if level in d["levels"] for v in d[name])
        assert got[name], name
        for value in got[name]:
            assert value.estimated
            assert value.count == sample[value.value] * 2**level, (name, value)
        if name != "month":  # the sample's own top values, most frequent first
            counts = [v.count for v in got[name]]
            assert counts == sorted(counts, reverse=True)


def test_an_estimate_is_near_the_exact_count(corpus) -> None:
    docs = corpus[0]
    share = 1 / 2 ** facets.sample_level(N)
    got = counted(corpus, estimate=corpus[2])
    for name in ("section", "author", "month"):
        exact = Counter(v for d in docs for v in d[name])
        for value in got[name]:
            true = exact[value.value]
            error = 5 * math.sqrt(true * (1 - share) / share)  # five standard errors
            assert abs(value.count - true) <= error, (name, value, true)


def test_exact_unless_estimates_are_accepted(corpus) -> None:
    docs = corpus[0]
    got = counted(corpus)
    assert not any(v.estimated for values in got.values() for v in values)
    people = Counter(v for d in docs for v in d["people"])
    assert [(v.value, v.count) for v in got["people"]] == sorted(
        people.items(), key=lambda kv: (-kv[1], kv[0])
    )[:20]


def test_few_hits_are_counted_exactly(corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facets, "SAMPLE_FROM", N + 1)
    got = counted(corpus, estimate=corpus[2])
    assert not any(v.estimated for values in got.values() for v in values)
    assert got == counted(corpus)


def test_whole_archive_requests_stay_exact(corpus) -> None:
    docs, searcher, schema = corpus
    person = "Persona 000"
    only = tantivy.Query.term_query(schema, f.PEOPLE, person)
    everything = tantivy.Query.all_query()
    got = facets.compute(
        searcher,
        lambda without: everything if without == "person" else only,
        ["person"],
        {"people": lambda v: v == person},
        archive=lambda without: without == "person",
        cache={},
        hits=lambda without: N if without == "person" else 3_000,
        estimate=schema,
        chosen={"people": ["Persona 119"]},  # a rare one, below the top
    )
    # the people facet ignores its own filter: the whole archive, exact (and kept)
    exact = Counter(v for d in docs for v in d["people"])
    assert all(not v.estimated and v.count == exact[v.value] for v in got["people"])
    assert any(v.value == "Persona 119" and v.selected for v in got["people"])
    # the others count the filter's documents, estimated at 3,000: over the threshold
    assert all(v.estimated for v in got["section"])


def test_a_chosen_value_is_counted_over_the_same_sample(corpus) -> None:
    docs, searcher, schema = corpus
    level = facets.sample_level(N)
    rare = "Persona 119"
    got = facets.compute(
        searcher,
        lambda _w: tantivy.Query.all_query(),
        ["person"],
        {"people": lambda v: v == rare},
        hits=lambda _w: N,
        estimate=schema,
        chosen={"people": [rare]},
    )
    (value,) = [v for v in got["people"] if v.value == rare]
    sample = sum(1 for d in docs if level in d["levels"] and rare in d["people"])
    if sample:  # a value the sample lacks is not listed at all
        assert value.estimated and value.selected
        assert value.count == sample * 2**level


def everything_sampled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every query estimated at level 1 over a 'sample' of every document: a handful of
    articles has no half to count, and each estimate is then twice the exact count."""
    monkeypatch.setattr(facets, "SAMPLE_FROM", 1)
    monkeypatch.setattr(facets, "sample_level", lambda hits: 1)
    monkeypatch.setattr(facets, "_sampled", lambda schema, query, level: query)


def test_searcher_marks_estimates_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    everything_sampled(monkeypatch)
    searcher = build_searcher()
    exact = searcher.search("-droni", Filters(sections=("Esteri",)))
    assert not any("estimated" in v for vs in exact.to_dict()["facets"].values() for v in vs)
    estimated = searcher.search("-droni", Filters(sections=("Esteri",)), estimate=True)
    assert estimated.total == exact.total  # the total stays exact
    assert [h.id for h in estimated.hits] == [h.id for h in exact.hits]
    flags = [v.get("estimated") for vs in estimated.to_dict()["facets"].values() for v in vs]
    assert flags and all(flags)
    assert estimated.facets["section"] == tuple(
        FacetValue(v.value, 2 * v.count, v.selected, True) for v in exact.facets["section"]
    )


def test_the_whole_archive_is_estimated_until_counted_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    everything_sampled(monkeypatch)
    searcher = build_searcher()

    def marks(results) -> set[bool]:
        return {v.estimated for values in results.facets.values() for v in values}

    assert marks(searcher.search("", estimate=True)) == {True}
    exact = searcher.search("")
    assert marks(exact) == {False}
    # once the exact counts are known (kept per index state), they are the answer
    assert searcher.search("", estimate=True).facets == exact.facets
