"""Thousands of random strings thrown at the Searcher: only QuerySyntaxError may escape
(UsageError for unreadable filter dates), results are always well-formed, and the lenient
reading never raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.errors import QuerySyntaxError, UsageError
from search.models import Filters
from search.query import Searcher

from .query_index import build_searcher

SYNTAX = st.sampled_from(
    [
        "persona:", "person:", "tag:", "sezione:", "section:", "autore:", "titolo:", "data:",
        "(", ")", '"', "“", "”", "OR", "AND", "NOT", "-", "+", "*", "..", ">=", "<", ":",
        "2025-12", "2025-13", "2025-12-01..2026-01-31", "lavrov", "droni", "Ultim'ora",
        "il", "di", "Sport/Calcio", "a*", " ", " ", "\x00", "\x1b[2J", "\n", "\t", "é", "\\",
        ".*", "[red]", "{", "|", "^", "$", "?", "~",
    ]
)  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(SYNTAX, max_size=30).map("".join),
    st.lists(st.one_of(SYNTAX, st.text(max_size=6)), max_size=20).map(" ".join),
    st.text(min_size=1000, max_size=5000),
)
VALUES = st.one_of(SYNTAX, st.text(max_size=20))
FILTERS = st.builds(
    Filters,
    people=st.lists(VALUES, max_size=2).map(tuple),
    tags=st.lists(VALUES, max_size=2).map(tuple),
    sections=st.lists(VALUES, max_size=2).map(tuple),
    authors=st.lists(VALUES, max_size=2).map(tuple),
    since=st.one_of(st.none(), st.sampled_from(["2025", "2025-12", "2025-12-01"]), VALUES),
    until=st.one_of(st.none(), st.sampled_from(["2026", "2026-01"]), VALUES),
)
SETTINGS = settings(
    max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def searcher() -> Searcher:
    return build_searcher()


def well_formed(r, limit: int) -> None:
    assert r.total >= len(r.hits) and len(r.hits) <= limit
    for h in r.hits:
        assert all(0 <= s < e <= len(h.snippet) for s, e in h.highlights)
        assert "\n" not in h.snippet


@SETTINGS
@given(text=QUERIES)
def test_search_raises_only_query_syntax_error(searcher: Searcher, text: str) -> None:
    try:
        r = searcher.search(text, limit=5)
    except QuerySyntaxError as e:
        assert str(e) and "\n" not in str(e)
    else:
        well_formed(r, 5)
    well_formed(searcher.search(text, limit=5, lenient=True), 5)


@settings(SETTINGS, max_examples=400)
@given(text=QUERIES, filters=FILTERS, sort=st.sampled_from(["relevance", "newest", "oldest"]))
def test_search_with_random_filters(
    searcher: Searcher, text: str, filters: Filters, sort: str
) -> None:
    try:
        r = searcher.search(text, filters, sort=sort, limit=3, offset=1, lenient=True)
    except UsageError as e:  # only an unreadable --since/--until
        assert "date" in str(e) or "after" in str(e)
    else:
        well_formed(r, 3)
