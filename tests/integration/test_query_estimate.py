"""The estimate of a query's size that decides how its facets are counted, and the facets
counted both ways (one request, or the people facet beside the others)."""

from __future__ import annotations

import pytest

from search.models import Filters
from search.query import Searcher, facets
from search.query import language as ql
from search.query.compile import Compiler
from search.query.estimate import HitEstimate, Size, estimate_size

from .query_index import build_searcher


@pytest.fixture(scope="module")
def searcher() -> Searcher:
    return build_searcher()


def estimate(searcher: Searcher, text: str, filters: Filters | None = None) -> float:
    filters = filters or Filters()
    ast = ql.parse(text)
    compiler = Compiler(searcher.schema, searcher._lookup, searcher.vocab)
    compiler.compile(ast, filters)
    return estimate_size(searcher._searcher, compiler, ast, filters, searcher._span).hits


def size(searcher: Searcher, text: str) -> Size:
    ast = ql.parse(text)
    compiler = Compiler(searcher.schema, searcher._lookup, searcher.vocab)
    compiler.compile(ast, Filters())
    return estimate_size(searcher._searcher, compiler, ast, Filters(), searcher._span)


def total(searcher: Searcher, text: str, filters: Filters | None = None) -> int:
    return searcher.search(text, filters, facets=False).total


@pytest.mark.parametrize("text", ["persona:lavrov", "tag:russia", "sezione:sport", "autore:rossi"])
def test_a_value_is_its_documents(searcher: Searcher, text: str) -> None:
    assert estimate(searcher, text) == total(searcher, text) > 0


@pytest.mark.parametrize("text", ["droni", "lavrov", "colloquio", "incontrare", "NATO"])
def test_a_word_is_about_its_documents(searcher: Searcher, text: str) -> None:
    # each form's documents in the body, added up: a document with two forms counts
    # twice, one with the word in its title only not at all
    n = total(searcher, text)
    assert n / 2 <= estimate(searcher, text) <= 2 * n


def test_a_word_of_no_article_is_nothing(searcher: Searcher) -> None:
    assert estimate(searcher, "garlasco") == 0


def test_combinations(searcher: Searcher) -> None:
    n = searcher._searcher.num_docs
    lavrov, putin = estimate(searcher, "lavrov"), estimate(searcher, "putin")
    assert estimate(searcher, "lavrov OR putin") == lavrov + putin
    assert estimate(searcher, "lavrov putin") == pytest.approx(lavrov * putin / n)
    assert estimate(searcher, "lavrov -putin") == pytest.approx(lavrov * (n - putin) / n)
    assert estimate(searcher, "-putin") == n - putin
    assert estimate(searcher, '"presidente russo"') <= estimate(searcher, "russo")
    assert estimate(searcher, "") == n


def test_a_prefix_of_very_many_words_is_never_split(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert estimate(searcher, "pre*") > 0
    monkeypatch.setattr(HitEstimate, "MAX_TERMS", 1)  # as `a*` is in a real archive
    assert estimate(searcher, "pre*") == 0
    assert estimate(searcher, "sezione:sport") > 0  # one term: still looked up


def test_dates_are_their_share_of_the_archive(searcher: Searcher) -> None:
    n = searcher._searcher.num_docs
    # the articles are dated from 2024 (a year) to 2026-01-15: 746 days
    first, last = searcher._span()
    assert (first.isoformat(), last.isoformat()) == ("2024-01-01", "2026-01-16")
    month = estimate(searcher, "data:2025-12")
    assert month == pytest.approx(n * 31 / 746)
    assert estimate(searcher, "data:2025-12..") == pytest.approx(n * 46 / 746)
    assert estimate(searcher, "data:2020") == 0
    assert estimate(searcher, "", Filters(since="2025-12", until="2025-12")) == month
    assert estimate(searcher, "lavrov data:2025-12") == pytest.approx(
        estimate(searcher, "lavrov") * month / n
    )


def test_a_pass_reads_the_documents_of_every_term_it_looks_up(searcher: Searcher) -> None:
    lavrov, putin = size(searcher, "lavrov"), size(searcher, "putin")
    assert lavrov.postings == lavrov.hits > 0  # one word: its forms' documents
    # AND reads both words whatever it matches; a phrase reads all its words, stop words
    # included, though it matches no more than its rarest; a date range reads none
    assert size(searcher, "lavrov putin").postings == lavrov.postings + putin.postings
    assert size(searcher, "lavrov -putin").postings == lavrov.postings + putin.postings
    phrase = size(searcher, '"ministro degli esteri"')
    words = [size(searcher, w).postings for w in ("ministro", "esteri")]
    stop = size(searcher, '"degli"').postings
    assert stop > 0
    assert phrase.postings == sum(words) + stop
    assert phrase.hits <= min(words)
    assert size(searcher, "lavrov data:2025").postings == lavrov.postings


def test_filters_are_ored_within_a_kind(searcher: Searcher) -> None:
    one = estimate(searcher, "", Filters(people=("lavrov",)))
    assert one == total(searcher, "persona:lavrov")
    two = estimate(searcher, "", Filters(people=("lavrov", "putin")))
    assert two == one + total(searcher, "persona:putin")


CASES = [
    ("", Filters()),
    ("lavrov", Filters()),
    ("putin OR zelensky", Filters(sections=("Esteri",))),
    ("", Filters(people=("lavrov",), tags=("Russia",))),
    ("sezione:esteri persona:lavrov", Filters(since="2025-12")),
    ("-droni", Filters(authors=("Mario Rossi",))),
    ("garlasco", Filters()),
]


@pytest.mark.parametrize(("text", "filters"), CASES)
def test_facets_are_the_same_counted_either_way(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch, text: str, filters: Filters
) -> None:
    one = searcher.search(text, filters)
    monkeypatch.setattr(facets, "SPLIT_HITS", 0)  # every query counts as a broad one
    monkeypatch.setattr(facets, "SPLIT_READS", float("inf"))  # and as a cheap pass
    fresh = build_searcher()  # no whole-archive counts kept from the first run
    split = fresh.search(text, filters)
    assert split.facets == one.facets
    assert (split.total, [h.id for h in split.hits]) == (one.total, [h.id for h in one.hits])


def test_a_kind_left_out_is_not_counted(searcher: Searcher) -> None:
    # what a disjunctive facet counts: the query without the filters of its own kind
    filters = Filters(people=("lavrov",), sections=("Esteri",))
    ast = ql.parse("sezione:sport lavrov data:2025")
    compiler = Compiler(searcher.schema, searcher._lookup, searcher.vocab)
    compiler.compile(ast, filters)

    def without(kind: str | None) -> float:
        size = estimate_size(searcher._searcher, compiler, ast, filters, searcher._span, kind)
        return size.hits

    n = searcher._searcher.num_docs
    lavrov, sport = estimate(searcher, "lavrov"), estimate(searcher, "sezione:sport")
    dates, person = estimate(searcher, "data:2025"), estimate(searcher, "persona:lavrov")
    esteri = estimate(searcher, "sezione:esteri")
    assert without("person") == pytest.approx(lavrov * sport * dates * esteri / n**3)
    assert without("section") == pytest.approx(lavrov * dates * person / n**2)
    assert without("date") == pytest.approx(lavrov * sport * person * esteri / n**3)
    assert without(None) == pytest.approx(lavrov * sport * dates * person * esteri / n**4)
