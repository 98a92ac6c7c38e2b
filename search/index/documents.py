"""Article -> tantivy Document: the one place that fills every schema field.

Nothing here runs per word: the text goes to tantivy as stored (search.index.schema), so the
worker processes of the indexer only read and parse, and the process that owns the
writer builds documents once the corpus-wide canonical people are known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import tantivy

from search.analyze import fold
from search.index import schema as f
from search.index.sample import levels_of
from search.models import Article


def date_start(date: str | None) -> dt.datetime | None:
    """First instant of the period an ISO date names: `2025` -> 2025-01-01, `2025-12` -> 12-01."""
    if not date:
        return None
    parts = date.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.datetime(year, month, day, tzinfo=dt.UTC)
    except (ValueError, IndexError):
        return None


def month_of(date: str | None) -> str | None:
    """`YYYY-MM` when the date is at least that precise."""
    if date and len(date) >= 7 and date[4] == "-":
        return date[:7]
    return None


def section_prefixes(section: str | None) -> list[str]:
    """Every prefix of a section path, folded: `Sport/Calcio` -> `sport`, `sport/calcio`."""
    if not section:
        return []
    levels = [fold(level.strip()) for level in section.split("/") if level.strip()]
    return ["/".join(levels[: i + 1]) for i in range(len(levels))]


def author_keys(author: str) -> list[str]:
    """Every run of consecutive words of the folded name: `autore:` matches the full name
    or any of its words (`marco`, `viscomi`, `marco viscomi`) with one term look-up, where
    a regular expression over the names would be compiled on every query."""
    words = fold(author).split()
    return list(
        dict.fromkeys(
            " ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
        )
    )


def build_document(article: Article, people: Sequence[str]) -> tantivy.Document:
    """The tantivy document of an article; `people` are its canonical names."""
    a = article
    doc = tantivy.Document()
    doc.add_text(f.ID, a.id)
    doc.add_text(f.PATH, a.path)
    doc.add_text(f.FORMAT, a.format)
    for level in levels_of(a.id):
        doc.add_text(f.SAMPLE, level)
    doc.add_text(f.TITLE, a.title)
    if a.subtitle:
        doc.add_text(f.SUBTITLE, a.subtitle)
    doc.add_text(f.BODY, a.body)
    if a.date:
        doc.add_text(f.DATE, a.date)
        start = date_start(a.date)
        if start is not None:
            doc.add_date(f.DATE_TS, start)
        month = month_of(a.date)
        if month:
            doc.add_text(f.MONTH, month)
    if a.section:
        doc.add_text(f.SECTION, a.section)
        for prefix in section_prefixes(a.section):
            doc.add_text(f.SECTION_PATH, prefix)
    for tag in a.tags:
        doc.add_text(f.TAGS, tag)
        doc.add_text(f.TAG_KEYS, fold(tag))
    for person in people:
        doc.add_text(f.PEOPLE, person)
    if a.author:
        doc.add_text(f.AUTHOR, a.author)
        for key in author_keys(a.author):
            doc.add_text(f.AUTHOR_KEY, key)
    if a.source:
        doc.add_text(f.SOURCE, a.source)
    return doc


def article_document(article: Article, people: Sequence[str] | None = None) -> tantivy.Document:
    """One call from Article to Document (people default to the article's own names)."""
    return build_document(article, article.people if people is None else people)
