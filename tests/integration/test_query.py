"""Searcher over a small hand-written index: every query form, filters, facets, sorting,
pagination, snippets, get and stats."""

from __future__ import annotations

import pytest

from search.errors import NotFoundError, QuerySyntaxError, UsageError
from search.models import Filters
from search.query import Searcher, patterns

from .query_index import IDS, NEWEST_FIRST, article, build_searcher


@pytest.fixture(scope="module")
def searcher() -> Searcher:
    return build_searcher()


def ids(searcher: Searcher, text: str, filters: Filters | None = None, **kw) -> list[str]:
    return [h.id for h in searcher.search(text, filters, limit=50, **kw).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # free words go through the lemmatizer
        ("incontrare", {"a01", "a03"}),  # incontrato, incontra
        ("colloquio", {"a01", "a03"}),  # colloqui, colloquio
        ("accogliere", {"a03"}),  # accolto
        ("perche", {"a04"}),  # Perché: accents folded
        ("droni", {"a02"}),
        ("drone", {"a02"}),
        ("Lavrov", {"a01", "a03"}),
        ("lavrov ginevra", {"a03"}),  # ANDed
        ("il lavrov", {"a01", "a03"}),  # stop words do not restrict
        ("sinner garlasco", set()),
        ("NATO", {"a06"}),
        # operators
        ("putin OR zelensky", {"a01", "a02"}),
        ("lavrov -rubio", {"a01"}),
        ("lavrov NOT rubio", {"a01"}),
        ("(putin OR rubio) lavrov", {"a01", "a03"}),
        ("-lavrov -sinner", {"a02", "a04", "a06", "a07"}),
        ("lavrov AND rubio", {"a03"}),
        # phrases and prefixes
        ('"residenza presidenziale"', {"a01"}),
        ('"presidenziale residenza"', set()),
        ('"due a zero"', {"a04"}),  # stop words inside a phrase count
        ("colloq*", {"a01", "a03"}),
        ("vinc*", {"a04", "a05"}),
        # fields, Italian and English names
        ("persona:lavrov", {"a01", "a03"}),
        ('person:"Serghei Lavrov"', {"a01", "a03"}),
        ("persona:ZELENSKY", {"a02"}),
        ("persona:(putin OR sinner)", {"a01", "a05"}),
        ("persona:nessuno", set()),
        ('tag:"ultim\'ora"', {"a01", "a07"}),
        ("tag:usa", {"a03"}),
        ('tag:"serie a"', {"a04"}),
        ("sezione:Sport", {"a04", "a05"}),
        ("section:sport/calcio", {"a04"}),
        ("sezione:esteri", {"a01", "a02", "a03"}),
        ("autore:rossi", {"a01", "a03"}),
        ('author:"Luca Verdi"', {"a04", "a05"}),
        ("titolo:colloquio", {"a03"}),  # a01 has colloqui only in its body
        ("title:lavrov", {"a01", "a03"}),
        ("data:2025-12", {"a01", "a02"}),
        ("date:2025-12-15..2026-01-10", {"a02", "a03"}),
        ("data:>=2026-01-01", {"a03", "a04"}),
        ("data:<2025", {"a06"}),
        ("data:2024", {"a06"}),
        ("data:..2025-11", {"a05", "a06"}),
        ("lavrov data:2026", {"a03"}),
        ("-data:2025 sezione:esteri", {"a03"}),
    ],
)
def test_query_forms(searcher: Searcher, query: str, expected: set[str]) -> None:
    r = searcher.search(query, limit=50)
    assert {h.id for h in r.hits} == expected
    assert r.total == len(expected)


def test_empty_query_lists_everything_newest_first(searcher: Searcher) -> None:
    assert ids(searcher, "") == list(NEWEST_FIRST)
    assert searcher.search("").total == len(IDS)


def test_metadata_only_query_lists_newest_first(searcher: Searcher) -> None:
    assert ids(searcher, "sezione:esteri") == ["a03", "a02", "a01"]
    assert ids(searcher, "", Filters(sections=("Esteri",))) == ["a03", "a02", "a01"]


@pytest.mark.parametrize(
    ("text", "sort", "order"),
    [
        ("sezione:esteri", "relevance", "newest"),  # no words to rank by
        ("", "relevance", "newest"),
        ("lavrov sezione:esteri", "relevance", "relevance"),
        ("sezione:esteri", "oldest", "oldest"),
    ],
)
def test_results_say_the_order_of_their_hits(
    searcher: Searcher, text: str, sort: str, order: str
) -> None:
    assert searcher.search(text, sort=sort).sort == order


def test_only_stop_words_still_search(searcher: Searcher) -> None:
    assert searcher.search("il").total > 0


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(sections=("Esteri",)), {"a01", "a02", "a03"}),
        (Filters(sections=("sport",)), {"a04", "a05"}),
        (Filters(people=("lavrov", "zelensky")), {"a01", "a02", "a03"}),  # OR within a kind
        (Filters(sections=("Esteri",), tags=("USA",)), {"a03"}),  # AND across kinds
        (Filters(tags=("ultim'ora", "tennis")), {"a01", "a05", "a07"}),
        (Filters(authors=("anna bianchi",)), {"a02", "a07"}),
        (Filters(authors=("Verdi",)), {"a04", "a05"}),
        (Filters(since="2025-12", until="2025-12"), {"a01", "a02"}),  # inclusive
        (Filters(since="2026"), {"a03", "a04"}),
        (Filters(until="2025-11-30"), {"a05", "a06"}),
        (Filters(since="2025-12-10", until="2025-12-10"), {"a01"}),
        (Filters(people=("sinner",), sections=("Esteri",)), set()),
    ],
)
def test_filters(searcher: Searcher, filters: Filters, expected: set[str]) -> None:
    assert set(ids(searcher, "", filters)) == expected


def test_filters_with_text(searcher: Searcher) -> None:
    assert set(ids(searcher, "lavrov", Filters(tags=("USA",)))) == {"a03"}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("2025-13", "--since: 2025-13 is not a date (months go from 01 to 12)"),
        ("ieri", "--since: cannot read date 'ieri'"),
        ("2025-02-30", "--since: 2025-02-30 is not a date (February 2025 has 28 days)"),
    ],
)
def test_bad_filter_date_is_a_usage_error(searcher: Searcher, bad: str, message: str) -> None:
    with pytest.raises(UsageError) as err:
        searcher.search("", Filters(since=bad))
    assert str(err.value).startswith(message)


def test_since_after_until_is_a_usage_error(searcher: Searcher) -> None:
    with pytest.raises(UsageError, match="after"):
        searcher.search("", Filters(since="2026", until="2025"))


# ---------------------------------------------------------------- sorting, paging


def test_sort_orders(searcher: Searcher) -> None:
    assert ids(searcher, "", sort="newest") == list(NEWEST_FIRST)
    oldest = ids(searcher, "", sort="oldest")
    assert oldest[:6] == list(reversed(NEWEST_FIRST[:6]))
    assert oldest[-1] == "a07"  # undated articles come last either way
    assert ids(searcher, "lavrov OR zelensky", sort="newest") == ["a03", "a02", "a01"]
    assert ids(searcher, "lavrov OR zelensky", sort="oldest") == ["a01", "a02", "a03"]


def test_unknown_sort_is_a_usage_error(searcher: Searcher) -> None:
    with pytest.raises(UsageError):
        searcher.search("lavrov", sort="random")


def test_relevance_scores_descend(searcher: Searcher) -> None:
    scores = [h.score for h in searcher.search("lavrov OR colloquio", limit=10).hits]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)


def test_title_weighs_more_than_body() -> None:
    s = build_searcher(
        (
            article(
                "t1",
                "2025-01-01",
                None,
                (),
                (),
                None,
                "Notizie del giorno",
                "Oggi a Torino piove. Domani sole su tutta la regione.",
            ),
            article(
                "t2",
                "2025-01-01",
                None,
                (),
                (),
                None,
                "Torino, notizie del giorno",
                "Oggi in città piove. Domani sole su tutta la regione.",
            ),
        )
    )
    assert [h.id for h in s.search("torino").hits] == ["t2", "t1"]


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_pagination_partitions_the_result_list(searcher: Searcher, sort: str) -> None:
    query = "-sinner"
    everything = ids(searcher, query, sort=sort)
    pages = []
    for offset in range(0, 8, 2):
        r = searcher.search(query, sort=sort, limit=2, offset=offset)
        assert r.total == len(everything)
        pages.extend(h.id for h in r.hits)
    assert pages == everything


def test_offset_past_the_end_gives_no_hits_but_the_total(searcher: Searcher) -> None:
    r = searcher.search("", limit=5, offset=100)
    assert r.hits == () and r.total == len(IDS)


def test_limit_zero_counts_without_hits(searcher: Searcher) -> None:
    r = searcher.search("lavrov", limit=0)
    assert r.hits == () and r.total == 2


# ---------------------------------------------------------------- facets


def facet(r, name: str) -> dict[str, int]:
    return {v.value: v.count for v in r.facets[name]}


def test_facets_count_the_whole_matching_set(searcher: Searcher) -> None:
    r = searcher.search("", limit=1)
    assert len(r.hits) == 1
    assert facet(r, "section") == {"Esteri": 3, "Sport/Calcio": 1, "Sport": 1, "Cronaca": 1}
    assert facet(r, "tags")["Russia"] == 2
    assert facet(r, "people")["Sergei Lavrov"] == 2
    assert facet(r, "author") == {"Mario Rossi": 2, "Anna Bianchi": 2, "Luca Verdi": 2}
    assert facet(r, "month") == {"2025-11": 1, "2025-12": 2, "2026-01": 2}
    assert [v.value for v in r.facets["month"]] == ["2025-11", "2025-12", "2026-01"]


def test_facets_are_disjunctive(searcher: Searcher) -> None:
    r = searcher.search("", Filters(sections=("Esteri",)))
    assert r.total == 3
    # the section facet ignores the section filter ...
    assert facet(r, "section") == {"Esteri": 3, "Sport/Calcio": 1, "Sport": 1, "Cronaca": 1}
    assert [v.value for v in r.facets["section"] if v.selected] == ["Esteri"]
    # ... every other facet counts only the Esteri articles
    assert facet(r, "tags") == {"Russia": 2, "Ucraina": 2, "Ultim'ora": 1, "USA": 1}
    assert facet(r, "people") == {
        "Sergei Lavrov": 2,
        "Vladimir Putin": 1,
        "Volodymyr Zelensky": 1,
        "Marco Rubio": 1,
    }
    assert facet(r, "author") == {"Mario Rossi": 2, "Anna Bianchi": 1}
    assert facet(r, "month") == {"2025-12": 2, "2026-01": 1}


def test_disjunctive_with_text_and_two_filters(searcher: Searcher) -> None:
    r = searcher.search("lavrov", Filters(sections=("Esteri",), tags=("USA",)))
    assert [h.id for h in r.hits] == ["a03"]
    assert facet(r, "section") == {"Esteri": 1}  # lavrov + USA, any section
    assert facet(r, "tags") == {"Russia": 2, "Ucraina": 1, "Ultim'ora": 1, "USA": 1}
    assert {v.value for v in r.facets["tags"] if v.selected} == {"USA"}


def test_person_filter_marks_the_canonical_value(searcher: Searcher) -> None:
    r = searcher.search("", Filters(people=("serghei lavrov",)))
    assert {h.id for h in r.hits} == {"a01", "a03"}
    selected = [v.value for v in r.facets["people"] if v.selected]
    assert selected == ["Sergei Lavrov"]
    assert facet(r, "people")["Volodymyr Zelensky"] == 1  # other people still counted


def test_query_metadata_clause_is_disjunctive_too(searcher: Searcher) -> None:
    r = searcher.search("sezione:esteri")
    assert r.total == 3
    assert facet(r, "section")["Sport"] == 1


def test_month_facet_ignores_the_date_filter(searcher: Searcher) -> None:
    r = searcher.search("", Filters(since="2026"))
    assert r.total == 2
    assert facet(r, "month") == {"2025-11": 1, "2025-12": 2, "2026-01": 2}


def test_no_facets_when_not_asked(searcher: Searcher) -> None:
    assert searcher.search("lavrov", facets=False).facets == {}


def test_facets_of_an_empty_result(searcher: Searcher) -> None:
    r = searcher.search("garlasco")
    assert r.total == 0
    assert all(values == () for values in r.facets.values())


# ---------------------------------------------------------------- snippets


def marked(hit) -> list[str]:
    return [hit.snippet[s:e] for s, e in hit.highlights]


def test_snippets_highlight_inflected_forms(searcher: Searcher) -> None:
    hits = {h.id: h for h in searcher.search("incontrare").hits}
    assert marked(hits["a01"]) == ["incontrato"]
    assert marked(hits["a03"]) == ["incontra"]


def test_snippet_highlights_stem_matches_and_phrases(searcher: Searcher) -> None:
    (hit,) = searcher.search("droni").hits
    assert marked(hit) == ["droni", "drone"]
    (hit,) = searcher.search('"residenza presidenziale"').hits
    assert marked(hit) == ["residenza presidenziale"]


def test_snippet_falls_back_to_title(searcher: Searcher) -> None:
    (hit,) = searcher.search("cremlino").hits  # only in a01's title
    assert hit.snippet == "Putin riceve Lavrov al Cremlino"
    assert marked(hit) == ["Cremlino"]


def test_snippet_without_matches_is_the_lead(searcher: Searcher) -> None:
    (hit,) = searcher.search("sezione:cronaca").hits
    assert hit.snippet.startswith("I carabinieri")
    assert hit.highlights == ()


def test_person_clause_highlights_the_name(searcher: Searcher) -> None:
    hits = {h.id: h for h in searcher.search("persona:lavrov").hits}
    assert marked(hits["a03"]) == ["Lavrov"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("incontrare lavrov", {"a01": ["Lavrov"], "a03": ["Lavrov"]}),
        ("colloqui", {"a01": [], "a03": ["colloquio"]}),  # lemma-aware, as snippets
        ("persona:zelensky", {"a02": ["Zelensky"]}),  # the canonical name's words
        ('"residenza presidenziale" OR cremlino', {"a01": ["Cremlino"]}),
    ],
)
def test_title_highlights(searcher: Searcher, text: str, expected: dict) -> None:
    hits = {h.id: h for h in searcher.search(text).hits}
    assert {i: [h.title[s:e] for s, e in h.title_highlights] for i, h in hits.items()} == expected


def test_snippet_is_one_line(searcher: Searcher) -> None:
    for h in searcher.search("").hits:
        assert "\n" not in h.snippet and "\x1b" not in h.snippet


# ---------------------------------------------------------------- errors, get, stats


@pytest.mark.parametrize("bad", ['"unclosed', "(lavrov", "lavrov)", "OR", "persona:", "data:x"])
def test_bad_queries_raise_query_syntax_error(searcher: Searcher, bad: str) -> None:
    with pytest.raises(QuerySyntaxError):
        searcher.search(bad)


def test_lenient_search_repairs_and_warns(searcher: Searcher) -> None:
    r = searcher.search('"residenza presidenziale', lenient=True)
    assert [h.id for h in r.hits] == ["a01"]
    assert r.warnings and "quote" in r.warnings[0]
    assert searcher.search("lavrov OR", lenient=True).total == 2


def test_get_returns_the_whole_article(searcher: Searcher) -> None:
    a = searcher.get("a03")
    assert a.title == "Lavrov e Rubio, colloquio a Ginevra"
    assert a.people == ("Sergei Lavrov", "Marco Rubio")
    assert a.date == "2026-01-05" and a.section == "Esteri" and a.author == "Mario Rossi"
    assert searcher.get("corpus/a03.txt").id == "a03"


def test_get_unknown_id(searcher: Searcher) -> None:
    with pytest.raises(NotFoundError, match="no article"):
        searcher.get("nope")


def test_highlighter_for_the_article_view(searcher: Searcher) -> None:
    a = searcher.get("a03")
    marker = searcher.highlighter("incontrare persona:rubio")
    assert [a.body[s:e] for s, e in marker.spans(a.body)] == ["incontra", "Rubio"]


def test_stats(searcher: Searcher) -> None:
    st = searcher.stats()
    assert st["documents"] == len(IDS)
    assert (st["first_date"], st["last_date"]) == ("2024", "2026-01-15")
    assert st["sections"][0] == {"value": "Esteri", "count": 3}
    assert {"value": "Sergei Lavrov", "count": 2} in st["people"]
    assert st["updated"] == "2026-01-20T10:00:00+00:00" and st["corpus"] == "corpus"
    assert set(st) == {
        "documents", "first_date", "last_date", "sections", "tags", "people",
        "index_bytes", "updated", "corpus",
    }  # fmt: skip


def test_query_clauses_mark_their_facet_values(searcher: Searcher) -> None:
    r = searcher.search("tag:usa autore:rossi persona:lavrov sezione:esteri")
    assert [h.id for h in r.hits] == ["a03"]
    selected = {name: [v.value for v in values if v.selected] for name, values in r.facets.items()}
    assert selected == {
        "section": ["Esteri"],
        "tags": ["USA"],
        "people": ["Sergei Lavrov"],
        "author": ["Mario Rossi"],
        "month": [],
    }


def test_acronym_query_does_not_find_its_inflected_lookalikes() -> None:
    s = build_searcher(
        (
            article("n1", "2025-01-01", None, (), (), None, "Vertice NATO", "La NATO si riunisce."),
            article("n2", "2025-01-01", None, (), (), None, "Auguri", "Il bambino è nato ieri."),
        )
    )
    assert [h.id for h in s.search("NATO").hits] == ["n1"]
    assert [h.id for h in s.search("nascere").hits] == ["n2"]


# ------------------------------------------------- a mark is a word that counted

# Look-alikes of other lemmas side by side with the forms of the query words, and a long
# verb paradigm (`essere`) for phrases whose forms are too many to list.
TRAPS = (
    article(
        "m01",
        "2026-02-01",
        "Cronaca",
        (),
        (),
        None,
        "La porta di casa",
        "Le porte della casa erano chiuse; il porto e il caso non c'entrano. "
        "Porta via tutto chi comanda: il comando è stato chiaro, come sempre. "
        "Sono stati giorni duri, e i dati sono stati resi noti.",
    ),
    article(
        "m02",
        "2026-02-02",
        "Esteri",
        (),
        (),
        None,
        "Case e porte",
        "La Russia sovietica e il blocco sovietico. Le case sono state vendute; "
        "il dato è stato pubblicato. Lo ha fatto per farlo sapere.",
    ),
)


def _counted(searcher: Searcher, query: str) -> set[str]:
    """The corpus words a one-word query's term clauses match (Vocabulary.expand is what
    the compiler turns into term queries)."""
    return set(searcher.vocab.expand(query).words)


@pytest.mark.parametrize(
    "query", ["porta", "casa", "comando", "dati", "state", "sovietica", "farlo", "è", "stato"]
)
def test_snippets_mark_only_words_that_counted(query: str) -> None:
    searcher = build_searcher(TRAPS)
    counted = _counted(searcher, query)
    hits = searcher.search(query).hits
    assert hits
    for hit in hits:
        for start, end in hit.highlights:
            assert hit.snippet[start:end] in counted
        for start, end in hit.title_highlights:
            assert hit.title[start:end] in counted


def test_a_title_clause_marks_no_word_of_the_body() -> None:
    searcher = build_searcher(TRAPS)
    hits = {h.id: h for h in searcher.search("titolo:porta").hits}
    assert set(hits) == {"m01", "m02"}  # porta, porte in their titles
    # m01's body holds `Porta` too, which did not count: the snippet is the title
    assert hits["m01"].snippet == "La porta di casa"
    assert [hits["m01"].snippet[s:e] for s, e in hits["m01"].highlights] == ["porta"]
    a = searcher.get("m01")
    marker = searcher.highlighter("titolo:porta")
    assert marker.spans(a.body, in_body=True) == []
    assert [a.title[s:e] for s, e in marker.spans(a.title)] == ["porta"]


def test_a_title_clause_over_a_long_body() -> None:
    # a body longer than the lead the snippet reads first, with the word in it
    body = "Una porta aperta. " + "Il consiglio comunale ha discusso a lungo. " * 80
    searcher = build_searcher((article("m03", None, None, (), (), None, "Porta Pia", body),))
    (hit,) = searcher.search("titolo:porta").hits
    assert hit.snippet == "Porta Pia"
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Porta"]


def test_a_phrase_marks_what_the_index_matched(monkeypatch: pytest.MonkeyPatch) -> None:
    # past MAX_PATTERN_CHARS (`essere` has hundreds of forms in a real archive) a phrase
    # position matches only the word as typed: the snippet marks `sono stati`, never the
    # `è stato` beside it, which did not make the hit
    # `Sono|erano|sono|è|SONO` is 22 characters, `sono|Sono|SONO` 14, `stati|Stati|STATI` 17
    monkeypatch.setattr(patterns, "MAX_PATTERN_CHARS", 18)
    searcher = build_searcher(TRAPS)
    hits = {h.id: h for h in searcher.search('"sono stati"').hits}
    assert set(hits) == {"m01"}
    marks = [hits["m01"].snippet[s:e] for s, e in hits["m01"].highlights]
    assert marks and all(m.lower() == "sono stati" for m in marks)
