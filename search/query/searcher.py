"""The Searcher: one index opened for reading; query text + Filters -> Results.

    from search.query import Searcher
    s = Searcher("index")
    r = s.search("colloquio persona:lavrov", Filters(sections=("Esteri",)), sort="newest")

It parses (language), compiles (compile), counts facets in a thread beside the hits
(facets, estimate) and marks the page's snippets (highlight); it also fetches whole
articles, index statistics and a query's highlighter for the CLI and the TUI.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import tantivy

from search.errors import IndexCorruptError, NotFoundError, UsageError
from search.index import schema as f
from search.index.facet_bounds import read_recent
from search.index.vocabulary import Vocabulary, complete
from search.models import Article, FacetValue, Filters, PersonValue, Results, Sort
from search.query import facets as facet_counts
from search.query import language as ql
from search.query import selection
from search.query.compile import Compiler
from search.query.estimate import sizes
from search.query.facets import NO_CUT
from search.query.highlight import Highlighter
from search.query.patterns import regex_escape
from search.query.profile import PERIODS, Profile, profile
from search.query.records import article_of, first, hit_of

MAX_LIMIT = 10_000

_Q = tantivy.Query

_POOLS: dict[int, ThreadPoolExecutor] = {}


def _pool(level: int = 0) -> ThreadPoolExecutor:
    """The threads facets are counted in (created on first use, shared by all searchers):
    level 0 runs a query's facets, level 1 the aggregation requests those hand over
    (two pools, so a task never waits for a task queued behind it)."""
    if level not in _POOLS:
        _POOLS[level] = ThreadPoolExecutor(max_workers=2, thread_name_prefix=f"cerca-facets{level}")
    return _POOLS[level]


class Searcher:
    """Searches one index. Thread-safe for concurrent `search` calls; `reload()` picks
    up a newer index generation (after `cerca index`)."""

    path: Path | None  # None: opened with `from_index`
    _version: tuple[str, int] | None  # the index state searched (see index_version)

    def __init__(self, index_path: str | Path) -> None:
        self.path = Path(index_path)
        self._open(self.path)

    @classmethod
    def from_index(cls, index: tantivy.Index, manifest: Any = None) -> Searcher:
        """A searcher over an already opened index (tests, notebooks)."""
        self = cls.__new__(cls)
        self.path = None
        self._version = None
        self._attach(index, manifest)
        return self

    def _open(self, path: Path) -> None:
        from search.index.reader import (  # lazy: `import search.query.searcher` stays light
            current_vocabulary,
            index_version,
            open_index,
        )

        version = index_version(path)  # read first: a later commit means reopen again
        index, manifest = open_index(path)
        vocab, current = current_vocabulary(path)
        self._attach(index, manifest, vocab, current, path / manifest.generation)
        self._version = version

    def _attach(
        self,
        index: tantivy.Index,
        manifest: Any,
        vocab: Vocabulary | None = None,
        current: bool = False,
        gen_dir: Path | None = None,
    ) -> None:
        """Search `index`; `vocab` is its saved vocabulary (None: derived from the index),
        `current` whether it was saved after the index's last commit (else the words it
        lacks are added from the index: right after a crash, or mid-commit); `gen_dir`
        its folder (for what updates wrote since its build: search.index.facet_bounds)."""
        searcher = index.searcher()
        # read after the searcher is opened: counts written before a commit it sees
        recent = read_recent(gen_dir) if gen_dir is not None else None
        if vocab is None or not current:
            vocab = complete(vocab, searcher)
        vocab.use()  # query and snippet words of the corpus never need simplemma
        self.vocab = vocab
        self.index = index
        self.manifest = manifest
        self.schema = index.schema
        self._lookup: Callable[[str], list[str]] = self._people_lookup
        self._counted = (searcher, recent)  # one attribute: a reload replaces both at once
        self._archive_facets: Future | None = None
        self._archive_sample: Future | None = None  # the same, estimated (until exact)
        # whole-archive aggregations of disjunctive facets (`persona:putin` alone counts
        # the people facet over every document), kept for this index state
        self._archive_groups: dict = {}
        self._dates: list[tuple[dt.date, dt.date] | None] = []  # first and last, once known

    @property
    def _searcher(self) -> tantivy.Searcher:
        return self._counted[0]

    def _span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last date of the archive (for estimates; None when undated)."""
        if not self._dates:
            first, last = self._edge_date(tantivy.Order.Asc), self._edge_date(tantivy.Order.Desc)
            try:
                span = (ql.period(first)[0], ql.period(last)[1]) if first and last else None
            except (ValueError, OverflowError):
                span = None
            self._dates.append(span)
        return self._dates[0]

    def _people_lookup(self, query: str) -> list[str]:
        """Canonical people a `persona:` clause or a person filter names.

        The people table is built on first use only: building it is a large part of a
        `cerca query` process's start, and most queries name nobody.
        """
        people = getattr(self.manifest, "people", None)
        return people.lookup(query) if people is not None else [query]

    def reload(self) -> bool:
        """See the latest committed state of the index (and its people table).

        Cheap when nothing changed (one small file read). Returns True when the searcher
        now sees a different index state. On error (the index was removed or damaged
        meanwhile) the old state stays searchable and the CercaError propagates.
        """
        if self.path is None:
            self.index.reload()
            self._attach(self.index, self.manifest)
            return True
        from search.index.reader import index_version

        if index_version(self.path) == self._version:
            return False
        self._open(self.path)
        return True

    # ------------------------------------------------------------------ search

    def search(
        self,
        text: str = "",
        filters: Filters | None = None,
        sort: str = Sort.RELEVANCE,
        limit: int = 10,
        offset: int = 0,
        facets: bool = True,
        lenient: bool = False,
        only: Collection[str] | None = None,
        estimate: bool = False,
    ) -> Results:
        """Run a query.

        Args:
            text: query in the language of SPEC §5; empty lists every article.
            filters: metadata filters beside the text (OR within a kind, AND across).
            sort: relevance | newest | oldest. Relevance without free words (only
                filters or metadata clauses) lists newest first.
            limit, offset: the page of hits to return (snippets only for those).
            facets: count facets over the whole matching set.
            lenient: read a query the parser cannot read as well as possible and report
                the repairs in `Results.warnings` instead of raising QuerySyntaxError.
            only: search only the documents of these ids (what is new since a run:
                search.follow); facets are then not counted.
            estimate: accept estimated facet counts: a facet request over very many
                documents counts a fixed pseudo-random sample of them, scaled up, and
                marks its values `estimated` (search.query.facets). The total stays exact.

        Raises:
            QuerySyntaxError: the query cannot be read (only when not lenient).
            UsageError: a bad sort, limit or filter date.
        """
        t0 = time.perf_counter()
        filters = filters or Filters()
        if sort not in Sort.__members__.values():
            raise UsageError(f"unknown sort {sort!r}: use relevance, newest or oldest")
        sort = Sort(sort)
        if limit < 0 or offset < 0:
            raise UsageError("limit and offset must not be negative")
        limit = min(limit, MAX_LIMIT)
        if lenient:
            ast, warnings = ql.parse_lenient(text)
        else:
            ast, warnings = ql.parse(text), []
        # one generation for the whole request
        (searcher, recent), vocab = self._counted, self.vocab
        compiler = Compiler(self.schema, self._lookup, vocab)
        compiled = compiler.compile(ast, filters)
        query = compiled.query()
        if only is not None:
            facets = False
            among = _Q.term_set_query(self.schema, f.ID, list(only))
            query = _Q.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, among)])
        if sort is Sort.RELEVANCE and not compiled.scored:
            sort = Sort.NEWEST
        order: dict[str, Any] = {}
        if sort is not Sort.RELEVANCE:
            order = {
                "order_by_field": f.DATE_TS,
                "order": tantivy.Order.Desc if sort is Sort.NEWEST else tantivy.Order.Asc,
            }
        # Facets are counted in Rust, which releases the GIL: start them first in a
        # worker thread so they run while this thread reads and highlights the page.
        pending: Future | None = None
        if facets and compiled.text is None and not compiled.filters:
            # the whole archive (what the TUI opens on, and returns to): its facets only
            # change with the index, so they are counted once per index state
            pending = self._archive_facets
            if pending is None and estimate:  # a second of CPU at 1M: a sample until asked
                pending = self._archive_sample
                if pending is None:
                    pending = self._archive_sample = _pool().submit(
                        facet_counts.compute,
                        searcher,
                        compiled.query,
                        [],
                        {},
                        hits=lambda _without: searcher.num_docs,
                        estimate=self.schema,
                    )
            elif pending is None:
                pending = self._archive_facets = _pool().submit(
                    facet_counts.compute, searcher, compiled.query, [], {}, recent=recent
                )
        elif facets:
            size = sizes(searcher, compiler, ast, filters, self._span)
            pending = _pool().submit(
                facet_counts.compute,
                searcher,
                compiled.query,
                [k for k, v in compiled.filters.items() if v],
                selection.selected(filters, compiled.chosen, self._lookup),
                archive=lambda kind: (
                    compiled.text is None
                    and not any(v for k, v in compiled.filters.items() if k != kind)
                ),
                cache=self._archive_groups,
                submit=_pool(1).submit,
                hits=lambda without: size(without).hits,
                reads=lambda without: size(without).postings,
                recent=recent,
                chosen=selection.chosen(filters, compiled.chosen, self._lookup),
                estimate=self.schema if estimate else None,
            )
        try:
            result = searcher.search(query, limit=max(limit, 1), offset=offset, count=True, **order)
            highlighter = Highlighter.from_ast(ast, compiled.people, vocab)
            hits = tuple(
                hit_of(searcher.doc(addr).to_dict(), key if not order else 0.0, highlighter)
                for key, addr in result.hits[:limit]
            )
        finally:
            try:
                facet_values = pending.result() if pending is not None else {}
            except BaseException:
                if pending is self._archive_facets:  # never keep a failure
                    self._archive_facets = None
                if pending is self._archive_sample:
                    self._archive_sample = None
                raise
        return Results(
            query=text,
            total=result.count,  # type: ignore[attr-defined]  # in tantivy, not in its stub
            took_ms=(time.perf_counter() - t0) * 1000,
            hits=hits,
            facets=facet_values,
            warnings=tuple(warnings),
            sort=sort,
        )

    def profile(
        self, text: str = "", filters: Filters | None = None, by: str = "month", people: int = 10
    ) -> Profile:
        """How many articles match, their first and last date, counts per `by` period
        (month, week or year) and the `people` most frequent people (search.query.profile):
        `cerca batch` and `cerca query --by`.

        Raises:
            QuerySyntaxError: the query cannot be read.
            UsageError: an unknown period or a bad filter date.
        """
        if by not in PERIODS:
            raise UsageError(f"unknown period {by!r}: use {', '.join(PERIODS)}")
        compiled = Compiler(self.schema, self._lookup, self.vocab).compile(
            ql.parse(text), filters or Filters()
        )
        return profile(self._counted[0], compiled.query(), by, people)

    def facet_values(
        self,
        facet: str,
        text: str = "",
        filters: Filters | None = None,
        contains: str = "",
        lenient: bool = False,
    ) -> tuple[FacetValue, ...]:
        """Every value of one facet for a query, with its count: what `search` counts for
        the facet's top values, without the top (e.g. every person of the archive).

        Args:
            facet: section, tags, people, author or month.
            text, filters, lenient: the query, as `search` takes them. Counting is
                disjunctive as there: the facet's own filters are left out, and the
                values they select are marked `selected`.
            contains: keep only the values that hold every word of it, case and accents
                ignored (`zel` finds `Volodymyr Zelensky`; see `facets.ValueSearch`).

        Returns:
            The values, most frequent first (equal counts by value).

        Raises:
            QuerySyntaxError: the query cannot be read (only when not lenient).
            UsageError: an unknown facet or a bad filter date.
        """
        if facet not in facet_counts.FACET_FIELDS:
            known = ", ".join(facet_counts.FACET_FIELDS)
            raise UsageError(f"unknown facet {facet!r}: use one of {known}")
        filters = filters or Filters()
        ast = ql.parse_lenient(text)[0] if lenient else ql.parse(text)
        compiler = Compiler(self.schema, self._lookup, self.vocab)
        compiled = compiler.compile(ast, filters)
        values = facet_counts.every_value(
            self._counted[0],
            compiled.query(without=facet_counts.OWN_FILTER[facet]),
            facet,
            selection.selected(filters, compiled.chosen, self._lookup).get(facet),
        )
        return facet_counts.ValueSearch(values).find(contains) if contains.strip() else values

    def people(self, top: int | None = None) -> list[PersonValue]:
        """The people facet over the whole index, most frequent first, each value with
        the other spellings the canon merged into it (`cerca people list`)."""
        values = self.facet_values("people")
        if top is not None:
            values = values[:top]
        canon = getattr(self.manifest, "people", None)
        merged = canon.spellings() if canon is not None else {}
        return [PersonValue(v.value, v.count, tuple(merged.get(v.value, ()))) for v in values]

    # ------------------------------------------------------------------ articles

    def get(self, article_id: str) -> Article:
        """One whole article by id (`000_31d5…`, or its file name / a unique id suffix).

        Raises NotFoundError.
        """
        key = article_id.strip().replace("\\", "/")
        for candidate in (key, key.rsplit(".", 1)[0] if key.endswith(".txt") else None):
            if not candidate:
                continue
            doc = self._one(_Q.term_query(self.schema, f.ID, candidate))
            if doc is None:  # an id given without its folder
                pattern = "(.*/)?" + regex_escape(candidate.rsplit("/", 1)[-1])
                doc = self._one(_Q.regex_query(self.schema, f.ID, pattern))
            if doc is not None:
                return article_of(doc)
        raise NotFoundError(f"no article with id {article_id!r} in the index")

    def _one(self, query: tantivy.Query) -> dict[str, list[Any]] | None:
        res = self._searcher.search(query, limit=2)
        if res.count != 1:  # type: ignore[attr-defined]  # in tantivy, not in its stub
            return None
        return self._searcher.doc(res.hits[0][1]).to_dict()

    def highlighter(self, text: str, people: Iterable[str] = ()) -> Highlighter:
        """What `text` (a query) marks in an article, with the corpus vocabulary, so it
        marks the forms a search matched: for `show --highlight` and the TUI. `people`:
        canonical names filtered on, marked too."""
        ast, _ = ql.parse_lenient(text)
        people = list(people)
        for node, negated in ql.walk(ast):
            if isinstance(node, ql.Match) and node.field == "person" and not negated:
                people.extend(self._lookup(node.value))
        return Highlighter.from_ast(ast, people, self.vocab)

    # ------------------------------------------------------------------ stats

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Index statistics in the SPEC §2 shape."""
        s = self._searcher
        everything = _Q.all_query()
        agg = s.aggregate(
            everything,
            {
                # exact counts over several segments (see search.query.facets)
                "sections": {"terms": {"field": f.SECTION, "size": top, "segment_size": NO_CUT}},
                "tags": {"terms": {"field": f.TAGS, "size": top, "segment_size": NO_CUT}},
                "people": {"terms": {"field": f.PEOPLE, "size": top, "segment_size": NO_CUT}},
            },
        )

        def values(name: str) -> list[dict[str, Any]]:
            buckets = agg.get(name, {}).get("buckets", [])
            return [{"value": b["key"], "count": int(b["doc_count"])} for b in buckets]

        return {
            "documents": s.num_docs,
            "first_date": self._edge_date(tantivy.Order.Asc),
            "last_date": self._edge_date(tantivy.Order.Desc),
            "sections": values("sections"),
            "tags": values("tags"),
            "people": values("people"),
            "index_bytes": self._index_bytes(),
            "updated": _manifest_value(self.manifest, "updated"),
            "corpus": _manifest_value(self.manifest, "corpus"),
        }

    def _edge_date(self, order: tantivy.Order) -> str | None:
        res = self._searcher.search(
            _Q.exists_query(f.DATE_TS), limit=1, order_by_field=f.DATE_TS, order=order
        )
        if not res.hits:
            return None
        return first(self._searcher.doc(res.hits[0][1]).to_dict(), f.DATE)

    def _index_bytes(self) -> int:
        """Bytes of the generation being searched (a kept previous one is not counted)."""
        if self.path is None:
            return 0
        root = self.path / (getattr(self.manifest, "generation", "") or "")
        try:
            return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        except OSError as e:
            raise IndexCorruptError(f"cannot read the index at {self.path}: {e}") from None


def _manifest_value(manifest: Any, name: str) -> Any:
    if manifest is None:
        return None
    value = manifest.get(name) if isinstance(manifest, dict) else getattr(manifest, name, None)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return None if value is None else str(value)
