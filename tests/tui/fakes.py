"""A tiny in-memory searcher with the interface of `search.query.searcher.Searcher`.

Only for fast Pilot tests of layout and states; the real flow is tested on a real index.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterable

from search.errors import NotFoundError, QuerySyntaxError
from search.models import Article, FacetValue, Filters, Hit, Results
from search.query.facets import ValueSearch
from search.query.highlight import Highlighter


def article(n: int, title: str, body: str, **meta) -> Article:
    defaults = {
        "id": f"a{n:03d}",
        "path": f"corpus/a{n:03d}.txt",
        "format": "plain",
        "subtitle": None,
        "author": None,
        "date": None,
        "section": None,
        "tags": (),
        "people": (),
        "source": None,
    }
    defaults.update(meta)
    return Article(title=title, body=body, **defaults)


ARTICLES = [
    article(
        1,
        "Putin incontra Lukashenko a Minsk",
        "Il presidente Putin incontra Lukashenko.\n\nI due leader si sono incontrati a Minsk.",
        date="2025-12-31",
        section="Esteri",
        tags=("Russia",),
        people=("Vladimir Putin", "Alexander Lukashenko"),
        author="Marco Viscomi",
    ),
    article(
        2,
        "Lavrov: [bold]negoziati[/] con gli USA \x1b[31mrosso\x1b[0m",
        "Lavrov parla di [red]negoziati[/red] e \x1b[2J di pace.\x07",
        date="2025-11-02",
        section="Esteri",
        tags=("USA", "Russia"),
        people=("Sergei Lavrov",),
        author="Federico Liberi",
    ),
    article(
        3,
        "Un titolo lunghissimo " + "che non finisce mai " * 12,
        "Calcio e Putin.",
        date="2024-05-10",
        section="Sport/Calcio",
        people=("Maria Anna Giuseppina Benedetta Carolina Lunghissimo-Cognome",),
    ),
]


FACET_VALUES = {
    "section": lambda a: [a.section] if a.section else [],
    "tags": lambda a: list(a.tags),
    "people": lambda a: list(a.people),
    "author": lambda a: [a.author] if a.author else [],
    "month": lambda a: [a.date[:7]] if a.date else [],
}


class FakeSearcher:
    def __init__(self, articles: list[Article] = ARTICLES, delay: float = 0.0) -> None:
        self.articles = articles
        self.delay = delay
        self.calls: list[tuple[str, Filters, str]] = []
        self.value_calls: list[tuple[str, str, Filters]] = []
        self.values_gate: threading.Event | None = None
        # the facet passes (no page, facets only), apart from the searches for hits
        self.facet_calls: list[tuple[str, Filters, str]] = []
        self.facets_gate: threading.Event | None = None
        # when set, a facet pass that accepts estimates marks its counts estimated (as the
        # Searcher does over very many hits); `estimates` records what each pass accepted
        self.sampling = False
        self.estimates: list[bool] = []

    def _keep(self, a: Article, f: Filters, skip: str = "") -> bool:
        checks = {
            "section": not f.sections or a.section in f.sections,
            "tags": not f.tags or set(a.tags) & set(f.tags),
            "people": not f.people or set(a.people) & set(f.people),
            "author": not f.authors or a.author in f.authors,
            "month": (not f.since or (a.date or "") >= f.since)
            and (not f.until or (a.date or "")[: len(f.until)] <= f.until),
        }
        return all(ok for name, ok in checks.items() if name != skip)

    def search(
        self,
        text,
        filters=None,
        sort="relevance",
        limit=10,
        offset=0,
        facets=True,
        lenient=False,
        estimate=False,
    ):
        filters = filters or Filters()
        if limit == 0 and facets:
            self.facet_calls.append((text, filters, sort))
            self.estimates.append(estimate)
            if self.facets_gate is not None:  # the test says when the count may end
                self.facets_gate.wait(30)
        else:
            self.calls.append((text, filters, sort))
        if self.delay:
            time.sleep(self.delay)
        if text.count('"') % 2 or text.count("(") != text.count(")"):
            if not lenient:
                raise QuerySyntaxError("unbalanced quotes or parentheses")
            text = text.replace('"', "").replace("(", "").replace(")", "")
        found = self._found(text)
        words = [w.lower() for w in text.split() if ":" not in w]
        hits_all = [a for a in found if self._keep(a, filters)]
        if sort == "relevance" and not words:
            sort = "newest"  # as the Searcher: no words to rank by
        if sort != "relevance":
            hits_all.sort(key=lambda a: a.date or "", reverse=sort != "oldest")
        facet_map = {}
        if facets:
            for name in FACET_VALUES:
                counts = self._counts(found, filters, name)
                sampled = estimate and self.sampling
                facet_map[name] = tuple(
                    FacetValue(v, c, estimated=sampled)
                    for v, c in sorted(counts.items(), key=lambda x: -x[1])
                )

        def found(text: str) -> tuple[tuple[int, int], ...]:
            spans = []
            low = text.lower()
            for w in words:
                i = low.find(w)
                if i >= 0:
                    spans.append((i, i + len(w)))
            return tuple(sorted(spans))

        hits = []
        for a in hits_all[offset : offset + limit]:
            snippet = a.body[:150]
            hits.append(
                Hit(
                    a.id,
                    a.path,
                    a.title,
                    a.date,
                    a.section,
                    a.tags,
                    a.people,
                    a.author,
                    1.0,
                    snippet,
                    found(snippet),
                    found(a.title),
                )
            )
        return Results(text, len(hits_all), 1.5, tuple(hits), facet_map, sort=sort)

    def _found(self, text: str) -> list[Article]:
        # `field:value` is a metadata clause (here: any metadata field holds the value);
        # other words are free words, to rank by
        clauses = [w.lower().split(":", 1)[1] for w in text.split() if ":" in w]
        words = [w.lower() for w in text.split() if ":" not in w]

        def matches(a: Article) -> bool:
            hay = f"{a.title} {a.body}".lower()
            meta = " ".join([a.section or "", a.author or "", *a.tags, *a.people]).lower()
            return all(w in hay for w in words) and all(c in meta for c in clauses)

        return [a for a in self.articles if matches(a)]

    def _counts(self, found: list[Article], filters: Filters, name: str) -> Counter:
        get = FACET_VALUES[name]
        return Counter(v for a in found if self._keep(a, filters, name) for v in get(a))

    def facet_values(self, facet, text="", filters=None, contains="", lenient=False):
        """Every value of `facet`, most frequent first, as `Searcher.facet_values`."""
        filters = filters or Filters()
        self.value_calls.append((facet, text, filters))
        if self.values_gate is not None:  # the test says when the count may end
            self.values_gate.wait(30)
        counts = self._counts(self._found(text.replace('"', "")), filters, facet)
        chosen = {"section": filters.sections, "tags": filters.tags}
        chosen |= {"people": filters.people, "author": filters.authors}
        values = tuple(
            FacetValue(v, c, v in chosen.get(facet, ()))
            for v, c in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
        )
        return ValueSearch(values).find(contains)

    def get(self, id: str) -> Article:
        for a in self.articles:
            if a.id == id:
                return a
        raise NotFoundError(id)

    def highlighter(self, text: str, people: Iterable[str] = ()) -> Highlighter:
        return Highlighter.from_query(text, people)

    def reload(self) -> None:
        pass
