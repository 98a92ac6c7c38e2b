"""Plain data handed along the one-way flow: parse -> analyze -> index -> query -> UI.

No tantivy object ever leaves `search/`; everything the CLI, the TUI and scripts see is
one of these frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Sort(StrEnum):
    """The orders a hit list can come in (CLI, Python API and TUI share them)."""

    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


ARTICLE_KEYS = (
    "id",
    "path",
    "format",
    "title",
    "subtitle",
    "author",
    "date",
    "section",
    "tags",
    "people",
    "source",
    "body",
)


@dataclass(frozen=True, slots=True)
class Article:
    """One understood article (SPEC §2 "Article object")."""

    id: str
    path: str
    format: str
    title: str
    subtitle: str | None
    author: str | None
    date: str | None  # ISO at the precision the text gives: YYYY, YYYY-MM or YYYY-MM-DD
    section: str | None  # breadcrumb path, levels joined by "/"
    tags: tuple[str, ...]
    people: tuple[str, ...]
    source: str | None
    body: str  # clean text, paragraphs separated by one blank line
    # what the article says of each name it saw, for the corpus-wide people decision:
    # (name, mentions, place, street, firm, saint, person) (search/people/contexts.py);
    # the indexer's alone, never output nor stored in the index
    evidence: tuple[tuple[Any, ...], ...] = field(default=(), compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["tags"] = list(self.tags)
        d["people"] = list(self.people)
        return {k: d[k] for k in ARTICLE_KEYS}


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False
    # `count` is estimated from a sample of the matching documents (search.query.facets)
    estimated: bool = False


@dataclass(frozen=True, slots=True)
class PersonValue:
    """A value of the people facet over the whole index (`cerca people list`): the
    articles that carry it and the other spellings merged into it."""

    value: str
    count: int
    spellings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "count": self.count, "spellings": list(self.spellings)}


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    path: str
    title: str
    date: str | None
    section: str | None
    tags: tuple[str, ...]
    people: tuple[str, ...]
    author: str | None
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # character offsets into `snippet`
    # the query's matches in `title` (the same highlighter as the snippet's); not in the
    # JSON output, whose shape SPEC §2 fixes
    title_highlights: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "section": self.section,
            "tags": list(self.tags),
            "people": list(self.people),
            "author": self.author,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters that sit beside the free-text query (CLI options, TUI facet chips)."""

    people: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    until: str | None = None  # inclusive


@dataclass(frozen=True, slots=True)
class Results:
    query: str
    total: int
    took_ms: float
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # e.g. a lenient reading of a query the parser could not read
    # the order of the hits: "relevance" asked of a query without free words (filters or
    # metadata clauses only) gives "newest"
    sort: Sort = Sort.RELEVANCE

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "took_ms": round(self.took_ms, 3),
            "hits": [h.to_dict() for h in self.hits],
            "facets": {
                # `selected` (a value the filters hold) extends SPEC's {value, count};
                # `estimated` is there only when asked for (exact counts by default)
                name: [_facet_dict(v) for v in values]
                for name, values in self.facets.items()
            },
        }


def _facet_dict(v: FacetValue) -> dict[str, Any]:
    out: dict[str, Any] = {"value": v.value, "count": v.count, "selected": v.selected}
    if v.estimated:
        out["estimated"] = True
    return out


@dataclass(slots=True)
class IndexSummary:
    """What one `update_index` run did (the `cerca index` summary line)."""

    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), once each
    # documents written again because a person's canonical name moved after they were written
    relinked: int = 0
    documents: int = 0  # documents in the index afterwards
    created: bool = False  # there was no index: this run built the first one
    rebuilt: bool = False  # a new generation replaced an existing index
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "relinked": self.relinked,
            "documents": self.documents,
            "created": self.created,
            "rebuilt": self.rebuilt,
            "seconds": round(self.seconds, 3),
        }


class IndexPhase(StrEnum):
    """What an indexing run is doing, as its progress callback hears it.

    `update_index(progress=...)` calls `progress(phase, done, total)`: once as a phase
    begins, then as it advances. `total` is fixed for the phase, 0 when it has no count.
    """

    LISTING = "listing"  # looking for the article files under the corpus folder
    READING = "reading"  # reading and understanding the new and changed files
    PEOPLE = "people"  # rewriting the articles where a person's name got merged
    SAVING = "saving"  # writing the index to disk

    @property
    def label(self) -> str:
        """The phase in plain words, for progress displays."""
        return _PHASE_LABELS[self]


_PHASE_LABELS = {
    IndexPhase.LISTING: "Looking for articles",
    IndexPhase.READING: "Reading articles",
    IndexPhase.PEOPLE: "Giving each person one name",
    IndexPhase.SAVING: "Saving the index",
}
