"""Search: query text + filters -> Results (hits with snippets, disjunctive facets).

    from search.query import Searcher
    s = Searcher("index")
    r = s.search("colloquio persona:lavrov", Filters(sections=("Esteri",)), sort="newest")

How a query becomes a tantivy query (the text fields hold the words as written; see
search.index.schema and search.index.vocabulary):
- a free word goes through search.analyze and is expanded, through the corpus vocabulary,
  into every corpus word with the same lemma term (`colloquio` -> colloquio, colloqui,
  Colloqui) and, at a lower weight, every word with the same Italian stem (recall for
  simplemma's holes: `droni` finds `drone`). Titles weigh more than subtitles, subtitles
  more than bodies. Stop words are dropped from free words unless the query has nothing
  else.
- a phrase matches consecutive words (stop words included), each any form of its lemma.
- `prefix*` matches the words that start with the prefix (any case, accents folded).
- metadata clauses (`persona:`, `tag:`, `sezione:`, `autore:`, `data:`) and the Filters
  are exact, unscored clauses; persons are resolved to their canonical names first.
Filters: OR within one kind, AND across kinds. The query's own top-level metadata clauses
count as filters of their kind for disjunctive facets.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy

from search.analyze import Token, fold
from search.errors import IndexCorruptError, NotFoundError, UsageError
from search.index import schema as f
from search.index.facet_bounds import read_recent
from search.index.vocabulary import Vocabulary, complete
from search.models import Article, FacetValue, Filters, Hit, PersonValue, Results, Sort
from search.query import facets as facet_counts
from search.query import language as ql
from search.query.facets import NO_CUT
from search.query.highlight import Highlighter, only_stopwords, word_tokens

MAX_LIMIT = 10_000

# (field, boost): a word in the title counts three times one in the body
BOOSTS = ((f.TITLE, 3.0), (f.SUBTITLE, 1.8), (f.BODY, 1.0))
# a word found only through its stem (not a form of the query word's lemma) counts less
STEM_WEIGHT = 0.3
# A phrase-prefix (`covid-1*`) lists the words its last part may be; past this many it
# becomes a case-insensitive regular expression (accents then count).
MAX_PREFIX_FORMS = 500
# The longest pattern for one phrase position (tantivy: at most 1,000 automaton states).
MAX_PATTERN_CHARS = 600

_Occur = tantivy.Occur
_Q = tantivy.Query


def _regex_escape(text: str) -> str:
    """Escape for tantivy's regex syntax (Rust `regex`)."""
    return "".join("\\" + c if c in "\\.+*?()|[]{}^$#&-~" else c for c in text)


def _alternation(words: list[str]) -> str:
    """A regular expression (tantivy's, matched against whole terms) for any of `words`."""
    return "|".join(_regex_escape(w) for w in words)


def _utc(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return _Q.boolean_query([(_Occur.Should, q) for q in queries])


def _all(queries: list[tantivy.Query]) -> tantivy.Query:
    if not queries:
        return _Q.all_query()
    if len(queries) == 1:
        return queries[0]
    return _Q.boolean_query([(_Occur.Must, q) for q in queries])


@dataclass
class _Compiled:
    """A query split the way facets need it: scored text part + filters by kind."""

    text: tantivy.Query | None = None
    scored: bool = False  # has free-text clauses (relevance means something)
    filters: dict[str, list[tantivy.Query]] = field(default_factory=dict)
    people: list[str] = field(default_factory=list)  # canonical names the query resolved
    chosen: dict[str, list[str]] = field(default_factory=dict)  # top-level metadata values

    def query(self, without: str | None = None) -> tantivy.Query:
        parts = [] if self.text is None else [self.text]
        for kind, clauses in self.filters.items():
            if kind != without:
                parts.extend(clauses)
        return _all(parts)


class _Compiler:
    def __init__(
        self,
        schema: tantivy.Schema,
        people_lookup: Callable[[str], list[str]],
        vocab: Vocabulary,
    ):
        self.schema = schema
        self.vocab = vocab
        self.lookup = people_lookup
        self.keep_stop = False
        self.scored = False
        self.people: list[str] = []

    # leaves ----------------------------------------------------------------
    def _fields(self, field_name: str | None) -> list[tuple[str, float]]:
        return [(n, b) for n, b in BOOSTS if field_name is None or n == f.TITLE]

    def _forms(self, tok: Token) -> list[str]:
        """The corpus words that are forms of `tok`'s lemma (see Vocabulary.expand)."""
        return self.vocab.expand(tok.surface).forms

    def word(self, node: ql.Word) -> tantivy.Query | None:
        toks, content = word_tokens(node.text, self.keep_stop)
        if not content:
            return None
        if len(content) > 1:  # `covid-19`, `Stati-Uniti`: its words side by side
            return self.phrase_of(toks, node.field)
        self.scored = True
        found = self.vocab.expand(content[0].surface)
        clauses = []
        for name, boost in self._fields(node.field):
            clauses += [
                _Q.boost_query(_Q.term_query(self.schema, name, w), boost) for w in found.forms
            ]
            clauses += [
                _Q.boost_query(_Q.term_query(self.schema, name, w), boost * STEM_WEIGHT)
                for w in found.stemmed
            ]
        return _any(clauses)

    def phrase_of(self, toks: list[Token], field_name: str | None) -> tantivy.Query | None:
        """Consecutive words, each any form of its lemma (stop words included)."""
        if not toks:
            return None
        self.scored = True
        if len(toks) == 1:
            forms = self._forms(toks[0])
            return _any(
                [
                    _Q.boost_query(_Q.term_set_query(self.schema, n, forms), b)
                    for n, b in self._fields(field_name)
                ]
            )
        positions = [self._forms(t) for t in toks]
        if all(len(p) == 1 for p in positions):
            words = [p[0] for p in positions]
            return _any(
                [
                    _Q.boost_query(_Q.phrase_query(self.schema, n, words), b)
                    for n, b in self._fields(field_name)
                ]
            )
        return self._regex_phrase(
            [self._pattern(p, t) for p, t in zip(positions, toks, strict=True)], field_name
        )

    def _pattern(self, forms: list[str], tok: Token) -> str | None:
        """One phrase position as a regular expression: any of `forms`, or, when that is
        longer than tantivy compiles (a verb such as `essere` has hundreds of forms), the
        word as typed in its case variants."""
        pattern = _alternation(forms)
        if len(pattern) > MAX_PATTERN_CHARS:
            s = tok.surface
            pattern = _alternation(list(dict.fromkeys([s, s.lower(), s.capitalize(), s.upper()])))
        return pattern if len(pattern) <= MAX_PATTERN_CHARS else None

    def _regex_phrase(self, patterns: list[str | None], field_name: str | None) -> tantivy.Query:
        if any(p is None for p in patterns):
            return _Q.empty_query()  # a "word" of hundreds of letters is in no article
        return _any(
            [
                _Q.boost_query(_Q.regex_phrase_query(self.schema, n, patterns), b)
                for n, b in self._fields(field_name)
            ]
        )

    def prefix(self, node: ql.Prefix) -> tantivy.Query | None:
        toks = word_tokens(node.text, keep_stop=True)[0]
        if not toks:
            return None
        self.scored = True
        last = self.vocab.prefix_forms(toks[-1].surface)
        if len(toks) > 1:  # `covid-1*`: a phrase whose last word is a prefix
            tail: str | None = _alternation(last or [toks[-1].surface])
            if len(last) > MAX_PREFIX_FORMS or len(tail or "") > MAX_PATTERN_CHARS:
                tail = f"(?i:{_regex_escape(toks[-1].surface)}).*"
                tail = tail if len(tail) <= MAX_PATTERN_CHARS else None
            head = [self._pattern(self._forms(t), t) for t in toks[:-1]]
            return self._regex_phrase([*head, tail], node.field)
        if not last:
            return _Q.empty_query()
        return _any(
            [
                _Q.boost_query(_Q.term_set_query(self.schema, n, last), b)
                for n, b in self._fields(node.field)
            ]
        )

    def match(self, node: ql.Match) -> tantivy.Query:
        value = node.value.strip()
        if node.field == "person":
            names = self.lookup(value)
            self.people.extend(names)
            return _Q.term_set_query(self.schema, f.PEOPLE, names or [value])
        if node.field == "tag":
            return _Q.term_query(self.schema, f.TAG_KEYS, fold(value))
        if node.field == "section":
            levels = [fold(level.strip()) for level in value.split("/") if level.strip()]
            return _Q.term_query(self.schema, f.SECTION_PATH, "/".join(levels))
        # author: the full name or any run of its words (search.index.documents.author_keys)
        return _Q.term_query(self.schema, f.AUTHOR_KEY, fold(" ".join(value.split())))

    def dates(self, node: ql.DateRange) -> tantivy.Query:
        return _Q.range_query(
            self.schema,
            f.DATE_TS,
            tantivy.FieldType.Date,
            _utc(node.start) if node.start else None,
            _utc(node.end) if node.end else None,
            include_upper=node.end is None,
        )

    # structure ---------------------------------------------------------------
    def node(self, n: ql.Node) -> tantivy.Query | None:
        if isinstance(n, ql.Word):
            return self.word(n)
        if isinstance(n, ql.Phrase):
            return self.phrase_of(word_tokens(n.text, True)[0], n.field)
        if isinstance(n, ql.Prefix):
            return self.prefix(n)
        if isinstance(n, ql.Match):
            return self.match(n)
        if isinstance(n, ql.DateRange):
            return self.dates(n)
        if isinstance(n, ql.Or):
            subs = [q for q in map(self.node, n.items) if q is not None]
            return _any(subs) if subs else None
        if isinstance(n, ql.Not):
            inner = self.negated(n.item)
            if inner is None:
                return None
            return _Q.boolean_query([(_Occur.Must, _Q.all_query()), (_Occur.MustNot, inner)])
        return self.conjunction(n.items)

    def negated(self, n: ql.Node) -> tantivy.Query | None:
        """A clause under NOT: it excludes, it does not make the query a ranked one."""
        scored = self.scored
        try:
            return self.node(n)
        finally:
            self.scored = scored

    def conjunction(self, items: tuple[ql.Node, ...]) -> tantivy.Query | None:
        must: list[tantivy.Query] = []
        must_not: list[tantivy.Query] = []
        for item in items:
            if isinstance(item, ql.Not):
                q = self.negated(item.item)
                if q is not None:
                    must_not.append(q)
            else:
                q = self.node(item)
                if q is not None:
                    must.append(q)
        if not must and not must_not:
            return None
        if not must_not:
            return _all(must)
        clauses = [(_Occur.Must, q) for q in must or [_Q.all_query()]]
        return _Q.boolean_query(clauses + [(_Occur.MustNot, q) for q in must_not])

    def compile(self, ast: ql.Node | None, filters: Filters) -> _Compiled:
        self.keep_stop = only_stopwords(ast)
        out = _Compiled()
        # top-level metadata clauses are filters of their kind (for disjunctive facets)
        rest: list[ql.Node] = []
        items = ast.items if isinstance(ast, ql.And) else (ast,) if ast is not None else ()
        for item in items:
            if isinstance(item, ql.Match):
                out.filters.setdefault(item.field, []).append(self.match(item))
                out.chosen.setdefault(item.field, []).append(item.value)
            elif isinstance(item, ql.DateRange):
                out.filters.setdefault("date", []).append(self.dates(item))
            else:
                rest.append(item)
        out.text = self.conjunction(tuple(rest)) if rest else None
        for kind, values in (
            ("person", filters.people),
            ("tag", filters.tags),
            ("section", filters.sections),
            ("author", filters.authors),
        ):
            if values:
                q = _any([self.match(ql.Match(kind, v)) for v in values])
                out.filters.setdefault(kind, []).append(q)
        span = filter_dates(filters)
        if span is not None:
            out.filters.setdefault("date", []).append(self.dates(span))
        out.scored = self.scored
        out.people = self.people
        return out


class _Size:
    """About how many documents a query matches, from the term dictionary alone (no
    posting is read): enough to tell a query over most of the archive from a small one
    before it runs. A word: the documents of each of its forms and stem forms in the
    body, summed (an overestimate when forms share documents); a phrase: its rarest
    word; OR: the sum; AND and NOT: as if the parts were independent; a date range: its
    share of the archive's span of dates."""

    # Past this many forms a clause is not looked up: it counts as all, and makes the
    # query `wide` (a pass over thousands of posting lists, `a*`, costs more than any
    # facet a second pass would take off the first).
    MAX_TERMS = 200

    def __init__(
        self,
        compiler: _Compiler,
        doc_freq: Callable[[str, str], int],
        total: int,
        span: Callable[[], tuple[dt.date, dt.date] | None],
    ):
        self.c = compiler
        self.doc_freq = doc_freq
        self.total = max(total, 1)
        self.span = span
        self.wide = False

    def _sum(self, field_name: str, words: list[str]) -> float:
        if len(words) > self.MAX_TERMS:
            self.wide = True
            return self.total
        return min(self.total, sum(self.doc_freq(field_name, w) for w in words))

    def _word(self, tok: Token, field_name: str | None) -> float:
        words = self.c.vocab.expand(tok.surface).words
        return self._sum(f.TITLE if field_name else f.BODY, words)

    def of(self, n: ql.Node | None) -> float:
        if n is None:
            return self.total
        if isinstance(n, (ql.Word, ql.Phrase)):
            keep = self.c.keep_stop or isinstance(n, ql.Phrase)
            content = word_tokens(n.text, keep)[1]
            return min((self._word(t, n.field) for t in content), default=self.total)
        if isinstance(n, ql.Prefix):
            toks = word_tokens(n.text, keep_stop=True)[0]
            if not toks:
                return self.total
            words = self.c.vocab.prefix_forms(toks[-1].surface)
            return self._sum(f.TITLE if n.field else f.BODY, words)
        if isinstance(n, ql.Match):
            return self.match(n.field, n.value)
        if isinstance(n, ql.DateRange):
            return self.dates(n)
        if isinstance(n, ql.Or):
            return min(self.total, sum(map(self.of, n.items)))
        if isinstance(n, ql.Not):
            return self.total - self.of(n.item)
        return self.all([self.of(i) for i in n.items])

    def all(self, sizes: list[float]) -> float:
        """Documents in all of sets of these sizes, were they independent."""
        share = 1.0
        for size in sizes:
            share *= size / self.total
        return share * self.total

    def match(self, kind: str, value: str) -> float:
        value = value.strip()
        if kind == "person":
            return self._sum(f.PEOPLE, self.c.lookup(value) or [value])
        if kind == "tag":
            return self._sum(f.TAG_KEYS, [fold(value)])
        if kind == "section":
            levels = [fold(level.strip()) for level in value.split("/") if level.strip()]
            return self._sum(f.SECTION_PATH, ["/".join(levels)])
        return self._sum(f.AUTHOR_KEY, [fold(" ".join(value.split()))])

    def dates(self, n: ql.DateRange) -> float:
        span = self.span()
        if span is None:
            return self.total
        first, last = span
        start, end = max(n.start or first, first), min(n.end or last, last)
        days = (last - first).days
        if days <= 0:
            return self.total
        return self.total * min(1.0, max(0, (end - start).days) / days)

    def filters(self, filters: Filters) -> list[float]:
        """The sizes of the filters' kinds (values of one kind are ORed)."""
        out = [
            min(self.total, sum(self.match(kind, v) for v in values))
            for kind, values in (
                ("person", filters.people),
                ("tag", filters.tags),
                ("section", filters.sections),
                ("author", filters.authors),
            )
            if values
        ]
        span = filter_dates(filters)
        if span is not None:
            out.append(self.dates(span))
        return out


_POOLS: dict[int, ThreadPoolExecutor] = {}


def _pool(level: int = 0) -> ThreadPoolExecutor:
    """The threads facets are counted in (created on first use, shared by all searchers):
    level 0 runs a query's facets, level 1 the aggregation requests those hand over
    (two pools, so a task never waits for a task queued behind it)."""
    if level not in _POOLS:
        _POOLS[level] = ThreadPoolExecutor(max_workers=2, thread_name_prefix=f"cerca-facets{level}")
    return _POOLS[level]


def filter_dates(filters: Filters) -> ql.DateRange | None:
    """The inclusive --since/--until pair as a DateRange. Raises UsageError."""
    if not filters.since and not filters.until:
        return None
    start = _bound("--since", filters.since, 0)
    end = _bound("--until", filters.until, 1)
    if start and end and start >= end:
        raise UsageError(f"--since {filters.since} is after --until {filters.until}")
    return ql.DateRange(start, end)


def _bound(option: str, text: str | None, side: int) -> dt.date | None:
    """First day (side 0) or day after the last (side 1) of an option's date."""
    if not text:
        return None
    try:
        return ql.period(text)[side]
    except ql.NoSuchDate as e:
        raise UsageError(f"{option}: {e}") from None
    except (ValueError, OverflowError):
        raise UsageError(
            f"{option}: cannot read date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None


def _first(doc: dict[str, list[Any]], name: str) -> Any:
    values = doc.get(name)
    return values[0] if values else None


class Searcher:
    """Searches one index. Thread-safe for concurrent `search` calls; `reload()` picks
    up a newer index generation (after `cerca index`)."""

    def __init__(self, index_path: str | Path) -> None:
        self.path = Path(index_path)
        self._open()

    @classmethod
    def from_index(cls, index: tantivy.Index, manifest: Any = None) -> Searcher:
        """A searcher over an already opened index (tests, notebooks)."""
        self = cls.__new__(cls)
        self.path = None  # type: ignore[assignment]
        self._version = None
        self._attach(index, manifest)
        return self

    def _open(self) -> None:
        from search.index.reader import (  # lazy: `import search.query.searcher` stays light
            current_vocabulary,
            index_version,
            open_index,
        )

        version = index_version(self.path)  # read first: a later commit means reopen again
        index, manifest = open_index(self.path)
        vocab, current = current_vocabulary(self.path)
        self._attach(index, manifest, vocab, current, self.path / manifest.generation)
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
        # whole-archive aggregations of disjunctive facets (`persona:putin` alone counts
        # the people facet over every document), kept for this index state
        self._archive_groups: dict = {}
        self._dates: list[tuple[dt.date, dt.date] | None] = []  # first and last, once known

    @property
    def _searcher(self) -> tantivy.Searcher:
        return self._counted[0]

    def _estimate(
        self, searcher: tantivy.Searcher, compiler: _Compiler, ast: ql.Node | None, filters: Filters
    ) -> float:
        """About how many documents the compiled query matches (see `_Size`), or 0 for a
        `wide` one (never worth a second pass)."""
        size = _Size(compiler, searcher.doc_freq, searcher.num_docs, self._span)
        hits = size.all([size.of(ast), *size.filters(filters)])
        return 0.0 if size.wide else hits

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

        The people table is built on first use only: `PeopleCanon.from_dict` took ~0.45 s
        of every `cerca query` process at 100k articles, and most queries name nobody.
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
        self._open()
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
        compiler = _Compiler(self.schema, self._lookup, vocab)
        compiled = compiler.compile(ast, filters)
        query = compiled.query()
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
            if pending is None:
                pending = self._archive_facets = _pool().submit(
                    facet_counts.compute, searcher, compiled.query, [], {}, recent=recent
                )
        elif facets:
            pending = _pool().submit(
                facet_counts.compute,
                searcher,
                compiled.query,
                [k for k, v in compiled.filters.items() if v],
                self._selected(filters, compiled),
                archive=lambda kind: (
                    compiled.text is None
                    and not any(v for k, v in compiled.filters.items() if k != kind)
                ),
                cache=self._archive_groups,
                submit=_pool(1).submit,
                hits=lambda: self._estimate(searcher, compiler, ast, filters),
                recent=recent,
                chosen=self._chosen(filters, compiled),
            )
        try:
            result = searcher.search(query, limit=max(limit, 1), offset=offset, count=True, **order)
            highlighter = Highlighter.from_ast(ast, compiled.people, vocab)
            hits = tuple(
                self._hit(searcher.doc(addr).to_dict(), key if not order else 0.0, highlighter)
                for key, addr in result.hits[:limit]
            )
        finally:
            try:
                facet_values = pending.result() if pending is not None else {}
            except BaseException:
                if pending is self._archive_facets:  # never keep a failure
                    self._archive_facets = None
                raise
        return Results(
            query=text,
            total=result.count,
            took_ms=(time.perf_counter() - t0) * 1000,
            hits=hits,
            facets=facet_values,
            warnings=tuple(warnings),
            sort=sort,
        )

    def facet_values(
        self,
        facet: str,
        text: str = "",
        filters: Filters | None = None,
        contains: str = "",
        lenient: bool = False,
    ) -> tuple[FacetValue, ...]:
        """Every value of one facet for a query, with its count: what `search` counts for
        the facet's top values, without the top (e.g. all 5,706 people of an archive).

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
        compiler = _Compiler(self.schema, self._lookup, self.vocab)
        compiled = compiler.compile(ast, filters)
        values = facet_counts.every_value(
            self._counted[0],
            compiled.query(without=facet_counts.OWN_FILTER[facet]),
            facet,
            self._selected(filters, compiled).get(facet),
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

    def _chosen(self, filters: Filters, compiled: _Compiled) -> dict[str, list[str]]:
        """Per facet, the values the filters and the query's top-level clauses name, as
        stored: people by their canonical names, the others as written."""

        def named(kind: str, values: tuple[str, ...]) -> list[str]:
            return [*values, *compiled.chosen.get(kind, ())]

        people = {n for p in named("person", filters.people) for n in self._lookup(p)}
        return {
            "people": sorted(people),
            "tags": named("tag", filters.tags),
            "section": named("section", filters.sections),
            "author": named("author", filters.authors),
        }

    def _selected(self, filters: Filters, compiled: _Compiled) -> dict[str, Callable[[str], bool]]:
        """Per facet, which values the filters and the query's top-level clauses select."""

        def chosen(kind: str, values: tuple[str, ...]) -> list[str]:
            return [*values, *compiled.chosen.get(kind, ())]

        people = {n for p in chosen("person", filters.people) for n in self._lookup(p)}
        tags = {fold(t) for t in chosen("tag", filters.tags)}
        sections = {
            "/".join(fold(x.strip()) for x in s.split("/"))
            for s in chosen("section", filters.sections)
        }
        authors = [fold(" ".join(a.split())) for a in chosen("author", filters.authors)]

        def author(value: str) -> bool:  # as the author clause matches: the name or a word
            v = f" {fold(value)} "
            return any(f" {key} " in v for key in authors)

        # a facet nothing selects has no test: its values are not folded one by one
        tests = {
            "people": (people, people.__contains__),
            "tags": (tags, lambda v: fold(v) in tags),
            "section": (sections, lambda v: fold(v) in sections),
            "author": (authors, author),
        }
        return {name: test for name, (values, test) in tests.items() if values}

    def _hit(self, doc: dict[str, list[Any]], score: float, h: Highlighter) -> Hit:
        title = _first(doc, f.TITLE) or ""
        snippet, spans = h.snippet(_first(doc, f.BODY) or "", title)
        return Hit(
            id=_first(doc, f.ID) or "",
            path=_first(doc, f.PATH) or "",
            title=title,
            date=_first(doc, f.DATE),
            section=_first(doc, f.SECTION),
            tags=tuple(doc.get(f.TAGS, ())),
            people=tuple(doc.get(f.PEOPLE, ())),
            author=_first(doc, f.AUTHOR),
            score=float(score or 0.0),
            snippet=snippet,
            highlights=tuple(spans),
            title_highlights=tuple(h.spans(title)),
        )

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
                pattern = "(.*/)?" + _regex_escape(candidate.rsplit("/", 1)[-1])
                doc = self._one(_Q.regex_query(self.schema, f.ID, pattern))
            if doc is not None:
                return self._article(doc)
        raise NotFoundError(f"no article with id {article_id!r} in the index")

    def _one(self, query: tantivy.Query) -> dict[str, list[Any]] | None:
        res = self._searcher.search(query, limit=2)
        if res.count != 1:
            return None
        return self._searcher.doc(res.hits[0][1]).to_dict()

    @staticmethod
    def _article(doc: dict[str, list[Any]]) -> Article:
        return Article(
            id=_first(doc, f.ID) or "",
            path=_first(doc, f.PATH) or "",
            format=_first(doc, f.FORMAT) or "plain",
            title=_first(doc, f.TITLE) or "",
            subtitle=_first(doc, f.SUBTITLE),
            author=_first(doc, f.AUTHOR),
            date=_first(doc, f.DATE),
            section=_first(doc, f.SECTION),
            tags=tuple(doc.get(f.TAGS, ())),
            people=tuple(doc.get(f.PEOPLE, ())),
            source=_first(doc, f.SOURCE),
            body=_first(doc, f.BODY) or "",
        )

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
        return _first(self._searcher.doc(res.hits[0][1]).to_dict(), f.DATE)

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
