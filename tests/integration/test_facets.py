"""search.query.facets.compute against brute-force counts, on indexes of one and several segments.

tantivy counts a terms aggregation segment by segment and cuts each segment's list before
adding the segments up; these indexes are built so that a cut loses counts (many people
with few documents each, spread over segments), which a one-segment test index never
shows.
"""

from __future__ import annotations

import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import tantivy

from search.errors import QuerySyntaxError, UsageError
from search.index import schema as f
from search.index.facet_bounds import FACETS as RECENT_FACETS
from search.index.facet_bounds import Recent, RecentWrites
from search.models import FacetValue, Filters
from search.query import Searcher, facets

from .query_index import build_searcher

FIELDS = {"section": f.SECTION, "tags": f.TAGS, "people": f.PEOPLE, "author": f.AUTHOR}


def facet_schema() -> tantivy.Schema:
    """The facet fields as search.index.schema declares them: raw, fast, multi-valued text."""
    b = tantivy.SchemaBuilder()
    for name in (f.MONTH, f.SECTION, f.TAGS, f.PEOPLE, f.AUTHOR):
        b.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
    return b.build()


def make_docs(n: int, seed: int) -> list[dict[str, list[str]]]:
    rnd = random.Random(seed)
    people = [f"Persona {i:03d}" for i in range(120)]
    weights = [1 / (i + 1) for i in range(len(people))]  # a few frequent, many rare
    docs = []
    for _ in range(n):
        docs.append(
            {
                "section": [rnd.choice(["Cronaca", "Esteri", "Sport", "Sport/Calcio"])],
                "tags": sorted(set(rnd.choices([f"tag{i:02d}" for i in range(40)], k=3))),
                "people": sorted(set(rnd.choices(people, weights, k=rnd.randint(0, 4)))),
                "author": [rnd.choice(["Mario Rossi", "Anna Bianchi", "Luca Verdi"])],
                "month": [f"2025-{rnd.randint(1, 12):02d}"],
            }
        )
    return docs


def build(docs: list[dict[str, list[str]]], segments: int) -> tantivy.Searcher:
    index = tantivy.Index(facet_schema())
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    per = -(-len(docs) // segments)
    for i, d in enumerate(docs):
        doc = tantivy.Document()
        for name, values in d.items():
            field = f.MONTH if name == "month" else FIELDS[name]
            for v in values:
                doc.add_text(field, v)
        writer.add_document(doc)
        if (i + 1) % per == 0:
            writer.commit()
    writer.commit()
    index.reload()
    searcher = index.searcher()
    assert searcher.num_segments == segments
    return searcher


def expected(docs, keep, name: str, size: int) -> list[tuple[str, int]]:
    counts = Counter(v for d in docs if keep(d) for v in d[name])
    if name == "month":
        return sorted(counts.items())
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:size]


def check(searcher, docs, query_without, keeps, filtered, size, split=False) -> None:
    if split:  # the requests run at once, the people facet on its own (a broad query)
        with ThreadPoolExecutor(2) as pool, pytest.MonkeyPatch.context() as mp:
            mp.setattr(facets, "SPLIT_HITS", 1)
            got = facets.compute(
                searcher,
                query_without,
                filtered,
                {},
                size=size,
                submit=pool.submit,
                hits=lambda _w: 10**9,
            )
    else:
        got = facets.compute(searcher, query_without, filtered, {}, size=size)
    for name, values in got.items():
        own = facets.OWN_FILTER[name]
        keep = keeps[own if own in filtered else None]
        want = expected(docs, keep, name, size)
        pairs = [(v.value, v.count) for v in values]
        if name == "month":
            assert pairs == want, name
            continue
        # exact counts, and the values shown are a top `size` (ties at the last place
        # may be broken either way)
        truth = dict(expected(docs, keep, name, 10**6))
        assert all(truth[v] == c for v, c in pairs), name
        assert sorted(c for _, c in pairs) == sorted(c for _, c in want), name


@pytest.mark.parametrize(("reads", "requests"), [(None, 2), (1.0, 2), (1.01, 1)])
def test_a_dear_pass_is_not_run_twice(reads: float | None, requests: int) -> None:
    # a broad query is split in two requests unless its pass reads more than
    # SPLIT_READS postings per hit (a phrase with a stop word): then it is one request
    docs = make_docs(200, seed=7)
    searcher = build(docs, 1)
    hits = 10**6
    handed = []
    with ThreadPoolExecutor(1) as pool, pytest.MonkeyPatch.context() as mp:
        mp.setattr(facets, "SPLIT_HITS", 1)

        def submit(fn, *args):
            handed.append(args)
            return pool.submit(fn, *args)

        got = facets.compute(
            searcher,
            lambda _w: tantivy.Query.all_query(),
            [],
            {},
            submit=submit,
            hits=lambda _w: hits,
            reads=None if reads is None else lambda _w: reads * facets.SPLIT_READS * hits,
        )
    assert len(handed) + 1 == requests  # every request but the last is handed over
    people = Counter(v for d in docs for v in d["people"])
    assert all(people[v.value] == v.count for v in got["people"])
    top = sorted(people.values(), reverse=True)[:20]  # ties at the 20th either way
    assert [v.count for v in got["people"]] == top


@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("segments", [1, 4])
@pytest.mark.parametrize("size", [1, 3, 20])
def test_counts_equal_brute_force(segments: int, size: int, split: bool) -> None:
    docs = make_docs(400, seed=segments * 100 + size)
    searcher = build(docs, segments)
    schema = facet_schema()
    everything = tantivy.Query.all_query()
    esteri = tantivy.Query.term_query(schema, f.SECTION, "Esteri")
    rossi = tantivy.Query.term_query(schema, f.AUTHOR, "Mario Rossi")

    # no filter: one group over every document
    check(searcher, docs, lambda _w: everything, {None: lambda d: True}, [], size, split)

    # a section and an author filter: the section facet ignores the section filter
    def query_without(without):
        parts = [q for kind, q in (("section", esteri), ("author", rossi)) if kind != without]
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in parts])

    keeps = {
        None: lambda d: "Esteri" in d["section"] and "Mario Rossi" in d["author"],
        "section": lambda d: "Mario Rossi" in d["author"],
        "author": lambda d: "Esteri" in d["section"],
    }
    check(searcher, docs, query_without, keeps, ["section", "author"], size, split)


def test_a_value_cut_from_one_segment_keeps_its_count() -> None:
    """A person rare in one segment but frequent overall: tantivy's default per-segment
    cut (10 x size values) dropped that segment's documents from the total."""
    docs = []
    # segment 1: eleven people with 3 documents each, then the target in one document
    for i in range(11):
        docs += [{"people": [f"Altro {i:02d}"]}] * 3
    docs += [{"people": ["Bersaglio"]}]
    # segments 2 and 3: the target in 17 documents each
    docs += [{"people": ["Bersaglio"]}] * 34
    full = [{"section": [], "tags": [], "author": [], "month": [], **d} for d in docs]
    index = tantivy.Index(facet_schema())
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    for i, d in enumerate(full):
        doc = tantivy.Document()
        for v in d["people"]:
            doc.add_text(f.PEOPLE, v)
        writer.add_document(doc)
        if i + 1 in (34, 51):
            writer.commit()
    writer.commit()
    index.reload()
    searcher = index.searcher()
    assert searcher.num_segments == 3
    old_style = searcher.aggregate(
        tantivy.Query.all_query(), {"p": {"terms": {"field": f.PEOPLE, "size": 1}}}
    )
    assert old_style["p"]["buckets"][0]["doc_count"] == 34  # what the cut gave
    got = facets.compute(searcher, lambda _w: tantivy.Query.all_query(), [], {}, size=1)
    assert [(v.value, v.count) for v in got["people"]] == [("Bersaglio", 35)]


@pytest.mark.parametrize(
    ("filtered", "many", "expected"),
    [
        # one pass for every facet, unless the query matches many documents
        ([], False, [(None, ("section", "tags", "people", "author", "month"))]),
        ([], True, [(None, ("people",)), (None, ("section", "tags", "author", "month"))]),
        # a facet with a filter of its own is counted without that filter
        (
            ["person"],
            True,
            [(None, ("tags",)), (None, ("section", "author", "month")), ("person", ("people",))],
        ),
        (
            ["section"],
            False,
            [("section", ("section",)), (None, ("tags", "people", "author", "month"))],
        ),
    ],
)
def test_plan(filtered: list[str], many: bool, expected: list) -> None:
    plan = facets._plan(set(filtered), 20, one_segment=True, many=many)
    assert sorted((r.without or "", r.names) for r in plan) == sorted(
        (w or "", names) for w, names in expected
    )


def test_a_failed_request_is_not_kept() -> None:
    """A whole-archive request (the section facet of `--section X` alone) is kept for the
    next queries, unless it failed: then it is counted again."""
    searcher = build(make_docs(50, seed=1), 1)
    cache: dict = {}
    failures = [RuntimeError("disk went away")]

    class Flaky:
        num_segments = 1

        def aggregate(self, query, spec):
            if list(spec) == ["section"] and failures:
                raise failures.pop()
            return searcher.aggregate(query, spec)

    everything = tantivy.Query.all_query()
    args = (Flaky(), lambda _w: everything, ["section"], {})
    kw = {"archive": lambda kind: kind == "section", "cache": cache}
    with pytest.raises(RuntimeError, match="disk went away"):
        facets.compute(*args, **kw)
    assert not cache
    got = facets.compute(*args, **kw)
    assert sum(v.count for v in got["section"]) == 50
    assert len(cache) == 1  # now that it worked
    failures.append(RuntimeError("not asked again"))
    assert facets.compute(*args, **kw) == got


# -- several segments with a cut: a built segment plus the segments updates added ------


def build_updated(base: list[dict], updates: list[list[dict]]) -> tantivy.Searcher:
    """One big segment (the build), then one small segment per update."""
    index = tantivy.Index(facet_schema())
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    for batch in [base, *updates]:
        for d in batch:
            doc = tantivy.Document()
            for name, values in d.items():
                for v in values:
                    doc.add_text(f.MONTH if name == "month" else FIELDS[name], v)
            writer.add_document(doc)
        writer.commit()
    index.reload()
    searcher = index.searcher()
    assert searcher.num_segments == 1 + len(updates)
    return searcher


def recent_of(updates: list[list[dict]]) -> Recent:
    """What the indexer records for these updates (search.index.facet_bounds)."""
    writes = RecentWrites(0, {n: Counter() for n in RECENT_FACETS})
    for d in (d for batch in updates for d in batch):
        writes.add((d["section"] or [None])[0], d["tags"], d["people"], (d["author"] or [None])[0])
    return Recent(
        docs=writes.docs,
        distinct={n: len(writes.values[n]) for n in RECENT_FACETS},
        top={n: max(writes.values[n].values(), default=0) for n in RECENT_FACETS},
    )


def test_a_built_segment_is_cut_and_every_count_stays_exact(monkeypatch) -> None:
    """Facets over a big segment and small updates, counted with a cut where the proof
    of search.query.facets allows it and again uncut where it does not: always the brute-force
    counts. The updates bring a newcomer that is frequent in them but rare in the big
    segment, the case a cut gets wrong."""
    rnd = random.Random(7)
    base = make_docs(600, seed=11)
    updates = []
    for n in (12, 5):
        batch = make_docs(n, seed=n)
        for d in batch:
            if rnd.random() < 0.7:
                d["people"] = sorted({*d["people"], "Nuovo Arrivato"})
        updates.append(batch)
    base[0]["people"] = [*base[0]["people"], "Nuovo Arrivato"]
    docs = base + [d for batch in updates for d in batch]
    searcher = build_updated(base, updates)
    recent = recent_of(updates)
    monkeypatch.setattr(facets, "TOP_SHARE", 1.0)  # cut whatever the updates hold

    cut = {"proved": 0, "again": 0}
    aggregate = searcher.aggregate

    class Spy:
        num_segments = searcher.num_segments
        num_docs = searcher.num_docs

        def aggregate(self, query, spec):
            sizes = {s["terms"]["segment_size"] for s in spec.values()}
            if facets.NO_CUT not in sizes:
                cut["proved"] += 1
            elif any(s["terms"]["size"] != facets.MONTHS for s in spec.values()):
                cut["again"] += 1  # a second, uncut pass of checked facets
            return aggregate(query, spec)

    schema = facet_schema()
    everything = tantivy.Query.all_query()
    esteri = tantivy.Query.term_query(schema, f.SECTION, "Esteri")
    for size in (1, 3, 20):
        got = facets.compute(Spy(), lambda _w: everything, [], {}, size=size, recent=recent)
        for name in ("section", "tags", "people", "author"):
            truth = expected(docs, lambda d: True, name, 10**6)
            pairs = [(v.value, v.count) for v in got[name]]
            assert all(dict(truth)[v] == c for v, c in pairs), (name, size)
            assert sorted(c for _, c in pairs) == sorted(c for _, c in truth[:size]), (name, size)
        got = facets.compute(
            Spy(), lambda w: everything if w else esteri, ["section"], {}, size=size, recent=recent
        )
        people = expected(docs, lambda d: "Esteri" in d["section"], "people", 10**6)
        pairs = [(v.value, v.count) for v in got["people"]]
        assert all(dict(people)[v] == c for v, c in pairs), size
        assert sorted(c for _, c in pairs) == sorted(c for _, c in people[:size]), size
    # the test saw both ways: answers proved exact, and answers counted again
    assert cut["proved"] and cut["again"], cut


def test_without_counts_of_the_updates_several_segments_are_not_cut() -> None:
    searcher = build_updated(make_docs(100, seed=3), [make_docs(5, seed=4)])
    plan = facets._plan(set(), 20, one_segment=False, many=False)
    assert {s["terms"]["segment_size"] for r in plan for s in r.spec.values()} == {facets.NO_CUT}
    frequent = Recent(
        docs=5, distinct=dict.fromkeys(RECENT_FACETS, 3), top=dict.fromkeys(RECENT_FACETS, 5)
    )
    # T above TOP_SHARE of the index: the proof would mostly fail, so nothing is cut
    assert facets._cuttable(frequent, searcher.num_docs) == {}
    assert set(facets._cuttable(frequent, 10**6)) == set(RECENT_FACETS)


# ---------------------------------------------------------------- every value of one facet


@pytest.mark.parametrize("segments", [1, 4])
def test_every_value_equals_brute_force(segments: int) -> None:
    """All values with exact counts, most frequent first and equal counts by value: the
    120 people spread over segments are each counted whole, none is cut."""
    docs = make_docs(400, seed=segments)
    searcher = build(docs, segments)
    esteri = tantivy.Query.term_query(facet_schema(), f.SECTION, "Esteri")
    for query, keep in [
        (tantivy.Query.all_query(), lambda d: True),
        (esteri, lambda d: "Esteri" in d["section"]),
    ]:
        for name in ("section", "tags", "people", "author"):
            got = facets.every_value(searcher, query, name, is_selected="Persona 007".__eq__)
            want = expected(docs, keep, name, 10**6)
            assert [(v.value, v.count) for v in got] == want, name
            assert [v.value for v in got if v.selected] == [
                v for v, _ in want if v == "Persona 007"
            ]
    assert len(facets.every_value(searcher, tantivy.Query.all_query(), "people")) > 100


PEOPLE = tuple(
    FacetValue(name, count)
    for name, count in [
        ("Francesco Vezzelli", 50),
        ("Volodymyr Zelensky", 40),
        ("Sergei Lavrov", 30),
        ("José Mourinho", 20),
        ("Olena Zelenska", 10),
        ("Zeljko Obradović", 5),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words that start with the text first, each group most frequent first
        ("zel", ["Volodymyr Zelensky", "Olena Zelenska", "Zeljko Obradović", "Francesco Vezzelli"]),
        ("ELL", ["Francesco Vezzelli"]),
        ("ZELENSK", ["Volodymyr Zelensky", "Olena Zelenska"]),
        ("vol zel", ["Volodymyr Zelensky"]),  # every word, in any order
        ("zel  vol ", ["Volodymyr Zelensky"]),
        ("jose", ["José Mourinho"]),  # accents either way
        ("obradovic", ["Zeljko Obradović"]),
        ("ović", ["Zeljko Obradović"]),
        ("rov", ["Sergei Lavrov"]),  # anywhere in a word
        ("", [p.value for p in PEOPLE]),
        ("  ", [p.value for p in PEOPLE]),
        ("xyz", []),
    ],
)
def test_value_search_finds_what_a_value_contains(text: str, expected: list[str]) -> None:
    assert [v.value for v in facets.ValueSearch(PEOPLE).find(text)] == expected


def test_value_search_as_you_type_narrows_and_widens() -> None:
    """Typing on narrows among the last matches; deleting or changing words looks at every
    value again."""
    search = facets.ValueSearch(PEOPLE)
    steps = ["z", "ze", "zel", "zele", "zel", "z", "", "o", "ol", "ole zel", "zel", "le", "e", "ez"]
    for text in steps:
        fresh = facets.ValueSearch(PEOPLE).find(text)
        assert search.find(text) == fresh, text


@pytest.mark.parametrize(
    ("value", "text", "spans"),
    [
        ("Volodymyr Zelensky", "zel", ((10, 13),)),
        ("Volodymyr Zelensky", "ZEL vol", ((0, 3), (10, 13))),
        ("José Mourinho", "jose", ((0, 4),)),
        ("Zeljko Obradović", "vic", ((13, 16),)),
        ("Olena Zelenska", "len lena", ((1, 5),)),  # overlapping words merge
        ("Sergei Lavrov", "xyz", ()),
        ("Sergei Lavrov", "", ()),
    ],
)
def test_match_spans_point_into_the_value(value: str, text: str, spans: tuple) -> None:
    assert facets.match_spans(value, text) == spans


@pytest.fixture(scope="module")
def articles() -> Searcher:
    return build_searcher()


def test_searcher_lists_every_value_of_a_facet_with_a_filter(articles: Searcher) -> None:
    people = articles.facet_values("people", "", Filters(sections=("Esteri",)), contains="zel")
    assert people == (FacetValue("Volodymyr Zelensky", 1),)
    every = articles.facet_values("people")
    assert [(v.value, v.count) for v in every] == [
        ("Sergei Lavrov", 2),
        ("Jannik Sinner", 1),
        ("Marco Rubio", 1),
        ("Vladimir Putin", 1),
        ("Volodymyr Zelensky", 1),
    ]
    assert articles.facet_values("people", "droni") == (FacetValue("Volodymyr Zelensky", 1),)


def test_searcher_values_are_disjunctive_and_marked(articles: Searcher) -> None:
    """A facet's own filter is left out of its counts (as in `search`) and marks its
    values, whether it came as a filter or as a clause of the query."""
    sections = articles.facet_values("section", "", Filters(sections=("Esteri",)))
    assert [(v.value, v.count, v.selected) for v in sections] == [
        ("Esteri", 3, True),
        ("Cronaca", 1, False),
        ("Sport", 1, False),
        ("Sport/Calcio", 1, False),
    ]
    people = articles.facet_values("people", "persona:lavrov sezione:esteri")
    assert {v.value: v.count for v in people} == {
        "Sergei Lavrov": 2,
        "Vladimir Putin": 1,
        "Volodymyr Zelensky": 1,
        "Marco Rubio": 1,
    }
    assert [v.value for v in people if v.selected] == ["Sergei Lavrov"]
    tags = articles.facet_values("tags", "", Filters(people=("lavrov",)), contains="RA")
    assert [(v.value, v.count) for v in tags] == [("Ucraina", 1), ("Ultim'ora", 1)]


def test_searcher_values_of_a_bad_query_or_facet(articles: Searcher) -> None:
    with pytest.raises(QuerySyntaxError):
        articles.facet_values("people", '"unclosed')
    assert articles.facet_values("people", '"droni', lenient=True)
    with pytest.raises(UsageError):
        articles.facet_values("persons")


@pytest.mark.parametrize("segments", [1, 4])
def test_a_chosen_value_beyond_the_top_is_counted(segments: int) -> None:
    """A filter on a rare value (picked from the facet's full list) lists it with its
    true count after the top values, not with none."""
    docs = make_docs(400, seed=5)
    searcher = build(docs, segments)
    esteri_counts = Counter(p for d in docs if "Esteri" in d["section"] for p in d["people"])
    ranked = sorted(esteri_counts, key=lambda p: (-esteri_counts[p], p))
    rare = ranked[-1]
    assert len(ranked) > 3 * 4  # below the top 4 x size that a filtered facet asks for
    people = tantivy.Query.term_query(facet_schema(), f.PEOPLE, rare)
    esteri = tantivy.Query.term_query(facet_schema(), f.SECTION, "Esteri")

    def query_without(without):
        parts = [q for kind, q in (("person", people), ("section", esteri)) if kind != without]
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in parts])

    chosen = {"people": [rare, "Nessuno"], "section": ["Esteri"]}
    got = facets.compute(
        searcher, query_without, ["person", "section"], {"people": rare.__eq__}, 3, chosen=chosen
    )
    assert got["people"][-1] == FacetValue(rare, esteri_counts[rare], True)
    assert len(got["people"]) == 4  # the top 3, then the chosen one ("Nessuno" has none)
    assert [v.value for v in got["section"]].count("Esteri") == 1  # listed once
