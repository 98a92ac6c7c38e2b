"""Stored tantivy documents as the library's plain records (`Hit`, `Article`)."""

from __future__ import annotations

from typing import Any

from search.index import schema as f
from search.models import Article, Hit
from search.query.highlight import Highlighter


def first(doc: dict[str, list[Any]], name: str) -> Any:
    """The first stored value of a field, or None."""
    values = doc.get(name)
    return values[0] if values else None


def hit_of(doc: dict[str, list[Any]], score: float, h: Highlighter) -> Hit:
    """A stored document as a hit: its fields, the snippet and what the query marks."""
    title = first(doc, f.TITLE) or ""
    snippet, spans = h.snippet(first(doc, f.BODY) or "", title)
    return Hit(
        id=first(doc, f.ID) or "",
        path=first(doc, f.PATH) or "",
        title=title,
        date=first(doc, f.DATE),
        section=first(doc, f.SECTION),
        tags=tuple(doc.get(f.TAGS, ())),
        people=tuple(doc.get(f.PEOPLE, ())),
        author=first(doc, f.AUTHOR),
        score=float(score or 0.0),
        snippet=snippet,
        highlights=tuple(spans),
        title_highlights=tuple(h.spans(title)),
    )


def article_of(doc: dict[str, list[Any]]) -> Article:
    """A stored document as the whole article."""
    return Article(
        id=first(doc, f.ID) or "",
        path=first(doc, f.PATH) or "",
        format=first(doc, f.FORMAT) or "plain",
        title=first(doc, f.TITLE) or "",
        subtitle=first(doc, f.SUBTITLE),
        author=first(doc, f.AUTHOR),
        date=first(doc, f.DATE),
        section=first(doc, f.SECTION),
        tags=tuple(doc.get(f.TAGS, ())),
        people=tuple(doc.get(f.PEOPLE, ())),
        source=first(doc, f.SOURCE),
        body=first(doc, f.BODY) or "",
    )
