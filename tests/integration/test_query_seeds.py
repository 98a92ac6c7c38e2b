"""The seed queries of the spec (seeds/expected.json `_queries`) on the index of the bundled
corpus: exact ids, counted over the five seed articles only (the shared test index also
holds the fixture articles of tests/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.query import Searcher

S000, S001, S002 = "000_31d5293b3b1cb876", "001_3b003f1ac6b687a5", "002_c011ba515ee5af6f"
S003, S004 = "003_236b9d47b589822e", "004_18e344da8dfa91d1"
SEEDS = {S000, S001, S002, S003, S004}

SEED_QUERIES = {
    "persona:Lavrov": {S002, S003},
    "persona:Peskov": {S003, S004},
    'tag:"Ultim\'ora"': {S002, S004},
    "sezione:Esteri": {S000, S002, S004},
    "data:2025-12": {S000, S002},
    "atteggiamento": {S004},
    "accogliere": {S001},
    '"residenza presidenziale"': {S000},
    "colloquio": {S000, S002, S003, S004},
    "Zelensky": {S000, S002, S004},
    "Sinner": set(),
    "Garlasco": set(),
}


@pytest.fixture(scope="module")
def searcher(seed_index: Path) -> Searcher:
    return Searcher(seed_index)


@pytest.mark.parametrize(("query", "expected"), SEED_QUERIES.items())
def test_seed_query(searcher: Searcher, query: str, expected: set[str]) -> None:
    got = {h.id for h in searcher.search(query, limit=50).hits}
    assert got & SEEDS == expected


def test_person_spellings_meet(searcher: Searcher) -> None:
    lavrov = {h.id for h in searcher.search("persona:lavrov", limit=50).hits}
    assert lavrov == {h.id for h in searcher.search('persona:"Serghei Lavrov"', limit=50).hits}
    assert "901_lavrov_colloqui" in lavrov  # spelled Sergej in the fixture article


def test_inflected_forms_found_and_marked(searcher: Searcher) -> None:
    hits = {h.id: h for h in searcher.search("accogliere").hits}
    hit = hits[S001]
    assert [hit.snippet[s:e].lower() for s, e in hit.highlights][0].startswith("accol")
