"""Article -> tantivy Document: every schema field filled, and searchable as designed."""

from __future__ import annotations

import datetime as dt

import pytest
import tantivy

from search.index import schema as f
from search.index.documents import (
    article_document,
    author_keys,
    date_start,
    month_of,
    section_prefixes,
)
from search.models import Article

ARTICLE = Article(
    id="esteri/001",
    path="corpus/esteri/001.txt",
    format="alanews",
    title="I droni colpiscono Kiev, respinta l’offensiva",
    subtitle="La NATO convoca i ministri",
    author="Marco Viscomi",
    date="2025-12",
    section="Sport/Calcio",
    tags=("Guerra in Ucraina", "Città"),
    people=("Putin", "Sergej Lavrov"),
    source="Alanews",
    body="Il presidente ha accolto i colloqui. Perché la contraerea è pronta.",
)


@pytest.fixture(scope="module")
def index() -> tantivy.Index:
    idx = tantivy.Index(f.build_schema())
    f.register_tokenizers(idx)
    w = idx.writer(heap_size=15_000_000, num_threads=1)
    w.add_document(article_document(ARTICLE, ["Vladimir Putin", "Sergei Lavrov"]))
    w.commit()
    idx.reload()
    return idx


def hits(index: tantivy.Index, field: str, value: str) -> int:
    q = tantivy.Query.term_query(index.schema, field, value)
    return index.searcher().search(q, 1).count


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (f.ID, "esteri/001"),
        # the text fields hold the words as written; lemmas and stems are expanded at
        # query time (search.index.vocabulary)
        (f.TITLE, "respinta"),
        (f.TITLE, "droni"),
        (f.SUBTITLE, "NATO"),
        (f.BODY, "accolto"),
        (f.BODY, "Perché"),
        (f.SECTION, "Sport/Calcio"),
        (f.SECTION_PATH, "sport"),
        (f.SECTION_PATH, "sport/calcio"),
        (f.TAGS, "Guerra in Ucraina"),
        (f.TAG_KEYS, "citta"),
        (f.PEOPLE, "Vladimir Putin"),  # canonical names, not the raw `Putin`
        (f.AUTHOR, "Marco Viscomi"),
        (f.AUTHOR_KEY, "marco viscomi"),
        (f.AUTHOR_KEY, "viscomi"),  # `autore:viscomi`: any run of the name's words
        (f.MONTH, "2025-12"),
        (f.SOURCE, "Alanews"),
    ],
)
def test_field_is_searchable(index: tantivy.Index, field: str, value: str) -> None:
    assert hits(index, field, value) == 1


def test_raw_people_are_not_indexed(index: tantivy.Index) -> None:
    assert hits(index, f.PEOPLE, "Putin") == 0


@pytest.mark.parametrize(("field", "value"), [(f.SUBTITLE, "nato"), (f.BODY, "perché")])
def test_text_keeps_its_case(index: tantivy.Index, field: str, value: str) -> None:
    # an acronym must stay apart from the word it spells (`NATO`, `nato` "born")
    assert hits(index, field, value) == 0


def test_stored_fields(index: tantivy.Index) -> None:
    searcher = index.searcher()
    ((_score, address),) = searcher.search(tantivy.Query.all_query(), 1).hits
    doc = searcher.doc(address).to_dict()
    assert doc[f.TITLE] == [ARTICLE.title]
    assert doc[f.BODY] == [ARTICLE.body]
    assert doc[f.DATE] == ["2025-12"]
    assert doc[f.PEOPLE] == ["Vladimir Putin", "Sergei Lavrov"]
    assert doc[f.TAGS] == list(ARTICLE.tags)


def test_date_range_uses_first_day_of_the_period(index: tantivy.Index) -> None:
    def between(a: dt.datetime, b: dt.datetime) -> int:
        q = tantivy.Query.range_query(index.schema, f.DATE_TS, tantivy.FieldType.Date, a, b)
        return index.searcher().search(q, 1).count

    utc = dt.UTC
    assert between(dt.datetime(2025, 12, 1, tzinfo=utc), dt.datetime(2025, 12, 1, tzinfo=utc)) == 1
    assert between(dt.datetime(2025, 12, 2, tzinfo=utc), dt.datetime(2026, 1, 1, tzinfo=utc)) == 0


@pytest.mark.parametrize(
    ("date", "start", "month"),
    [
        ("2025-12-31", dt.datetime(2025, 12, 31, tzinfo=dt.UTC), "2025-12"),
        ("2022-12", dt.datetime(2022, 12, 1, tzinfo=dt.UTC), "2022-12"),
        ("2025", dt.datetime(2025, 1, 1, tzinfo=dt.UTC), None),
        (None, None, None),
        ("2025-02-30", None, "2025-02"),
    ],
)
def test_dates(date: str | None, start: dt.datetime | None, month: str | None) -> None:
    assert date_start(date) == start
    assert month_of(date) == month


@pytest.mark.parametrize(
    ("section", "prefixes"),
    [
        ("Esteri", ["esteri"]),
        ("Sport/Calcio", ["sport", "sport/calcio"]),
        ("Cultura / Società", ["cultura", "cultura/societa"]),
        (None, []),
    ],
)
def test_section_prefixes(section: str | None, prefixes: list[str]) -> None:
    assert section_prefixes(section) == prefixes


def test_author_keys_are_every_run_of_words() -> None:
    assert author_keys("Maria  Grazia Dè Rossi") == [
        "maria", "maria grazia", "maria grazia de", "maria grazia de rossi",
        "grazia", "grazia de", "grazia de rossi", "de", "de rossi", "rossi",
    ]  # fmt: skip
    assert author_keys("") == []
