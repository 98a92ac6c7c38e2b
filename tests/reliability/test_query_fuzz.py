"""Query fuzzing on a real small index: no exception escapes for any string (SPEC §2, §5).

`Searcher.search` may refuse a query only with the project's QuerySyntaxError (a usage
error, exit 2 at the CLI) and never in lenient mode; every result it returns is
consistent (hits within the page, highlight spans inside their snippet).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .articles import write_corpus
from .conftest import invoke_cerca

# Pieces of the query language (SPEC §5) to glue into nasty combinations.
PIECES = [
    "putin",
    "Lukashenko",
    "incontro",
    "perché",
    "l’attacco",
    "dell'Ucraina",
    "AND",
    "OR",
    "NOT",
    "-",
    "+",
    "(",
    ")",
    '"',
    "*",
    "?",
    "~",
    "^",
    ":",
    "\\",
    "/",
    "[",
    "]",
    "{",
    "}",
    "TO",
    "persona:",
    "person:",
    "tag:",
    "sezione:",
    "section:",
    "autore:",
    "author:",
    "titolo:",
    "title:",
    "data:",
    "date:",
    "data:2025-12",
    "data:2025-12-01..2026-01-31",
    "data:>=2025-12-01",
    "data:<2024",
    "data:2025-13-45",
    "data:..",
    "data:>=",
    "persona:lavrov",
    "tag:Ultim'ora",
    "sezione:Sport/Calcio",
    "body:x",
    "id:*",
    "\x00",
    "\x1b[2J",
    "\ufffd",
    "🙂",
    "ß",
    "İ",
    "\u0301",
    "9" * 30,
    "a" * 300,
]

queries = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=6)), max_size=8).map(
        lambda parts: " ".join(parts)
    ),
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
)
dates = st.one_of(
    st.none(),
    st.sampled_from(["2025", "2025-12", "2025-12-31", "2025-02-30", "0000", "9999-99", ""]),
    st.text(max_size=12),
)
names = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=10)), max_size=2).map(tuple)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from search.index import update_index

    base = tmp_path_factory.mktemp("fuzz")
    write_corpus(base / "corpus", 40, seed=11)
    update_index(base / "corpus", base / "index")
    return base / "index"


@pytest.fixture(scope="module")
def searcher(index: Path):
    from search.query import Searcher

    return Searcher(index)


def _check(results, limit: int) -> None:
    assert 0 <= len(results.hits) <= limit
    assert results.total >= len(results.hits)
    for h in results.hits:
        for start, end in h.highlights:
            assert 0 <= start < end <= len(h.snippet), (h.highlights, h.snippet)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=queries, sort=st.sampled_from(["relevance", "newest", "oldest"]))
def test_any_query_text(searcher, text: str, sort: str) -> None:
    from search.errors import QuerySyntaxError

    try:
        _check(searcher.search(text, sort=sort, limit=5), 5)
    except QuerySyntaxError as e:
        assert str(e).strip() and "\n" not in str(e).strip()
    # lenient reading (the TUI's, while typing): never refuses
    _check(searcher.search(text, sort=sort, limit=5, lenient=True), 5)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=queries,
    people=names,
    tags=names,
    sections=names,
    authors=names,
    since=dates,
    until=dates,
    offset=st.integers(min_value=0, max_value=10**6),
)
def test_any_filters(searcher, text, people, tags, sections, authors, since, until, offset):
    from search.errors import UsageError
    from search.models import Filters

    filters = Filters(people, tags, sections, authors, since, until)
    try:
        _check(searcher.search(text, filters=filters, offset=offset, limit=3, lenient=True), 3)
    except UsageError as e:  # a bad date is the user's to fix: a message, not a crash
        assert str(e).strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=queries, fmt=st.sampled_from(["json", "jsonl", "csv", "table"]))
def test_any_query_through_the_cli(index: Path, text: str, fmt: str) -> None:
    if "\x00" in text:  # no process can receive a NUL in argv; the API test covers it
        text = text.replace("\x00", " ")
    # `--` ends the options: a query may start with "-" (`-putin` is NOT putin)
    r = invoke_cerca("query", "--format", fmt, "-n", "3", "--index", index, "--", text)
    assert r.returncode in (0, 2), (text, r.returncode, r.stderr)
    if r.returncode == 2:
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    elif fmt == "json":
        assert json.loads(r.stdout)["query"] == text
