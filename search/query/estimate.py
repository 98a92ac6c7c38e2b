"""Estimate: about how many documents a query matches, before it runs, and what a pass
over it reads.

Read from the term dictionary alone (no posting list), it tells a query over most of the
archive from a small one, which decides how its facets are counted: in one request or
two, exactly or over a sample (docs/internals/facets.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

import tantivy

from search.analyze import Token, fold
from search.index import schema as f
from search.models import Filters
from search.query import language as ql
from search.query.compile import Compiler, filter_dates
from search.query.highlight import word_tokens


class Size(NamedTuple):
    """About how many documents a query matches, and how many postings (documents of its
    terms' posting lists, summed) a pass over it reads: what the pass costs."""

    hits: float
    postings: float


def estimate_size(
    searcher: tantivy.Searcher,
    compiler: Compiler,
    ast: ql.Node | None,
    filters: Filters,
    span: Callable[[], tuple[dt.date, dt.date] | None],
    without: str | None = None,
) -> Size:
    """The Size of the query `compiler` compiled; 0 hits for a `wide` one (never worth a
    second pass). `span`: the archive's first and last date; `without`: a filter kind
    left out (as `Compiled.query(without)` leaves it out)."""
    size = HitEstimate(compiler, searcher.doc_freq, searcher.num_docs, span)
    hits = size.all([size.of(_without(ast, without)), *size.filters(filters, without)])
    return Size(0.0 if size.wide else hits, size.postings)


def sizes(
    searcher: tantivy.Searcher,
    compiler: Compiler,
    ast: ql.Node | None,
    filters: Filters,
    span: Callable[[], tuple[dt.date, dt.date] | None],
) -> Callable[[str | None], Size]:
    """`estimate_size` by filter kind left out, each estimated once (a facet request
    asks for both its hits and its reads)."""
    known: dict[str | None, Size] = {}

    def size(without: str | None) -> Size:
        if without not in known:
            known[without] = estimate_size(searcher, compiler, ast, filters, span, without)
        return known[without]

    return size


def _without(ast: ql.Node | None, kind: str | None) -> ql.Node | None:
    """`ast` without its top-level clauses of filter kind `kind` (see Compiler.compile)."""
    if kind is None or ast is None:
        return ast
    items = ast.items if isinstance(ast, ql.And) else (ast,)
    kept = tuple(i for i in items if _kind(i) != kind)
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else ql.And(kept)


def _kind(n: ql.Node) -> str | None:
    if isinstance(n, ql.Match):
        return n.field
    return "date" if isinstance(n, ql.DateRange) else None


class HitEstimate:
    """The documents a query matches, estimated node by node. A word: the documents of
    each of its forms and stem forms in the body, summed (an overestimate when forms
    share documents); a phrase: its rarest word; OR: the sum; AND and NOT: as if the
    parts were independent; a date range: its share of the archive's span of dates.
    `postings` sums every term's documents looked up on the way (a phrase reads all of
    its words, stop words included; a date range reads a fast field, counted as none)."""

    # Past this many forms a clause is not looked up: it counts as all, and makes the
    # query `wide` (a pass over thousands of posting lists, `a*`, costs more than any
    # facet a second pass would take off the first).
    MAX_TERMS = 200

    def __init__(
        self,
        compiler: Compiler,
        doc_freq: Callable[[str, str], int],
        total: int,
        span: Callable[[], tuple[dt.date, dt.date] | None],
    ):
        self.c = compiler
        self.doc_freq = doc_freq
        self.total = max(total, 1)
        self.span = span
        self.wide = False
        self.postings = 0.0

    def _sum(self, field_name: str, words: list[str]) -> float:
        if len(words) > self.MAX_TERMS:
            self.wide = True
            return self.total
        found = sum(self.doc_freq(field_name, w) for w in words)
        self.postings += found
        return min(self.total, found)

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

    def filters(self, filters: Filters, without: str | None = None) -> list[float]:
        """The sizes of the filters' kinds but `without` (values of one kind are ORed)."""
        out = [
            min(self.total, sum(self.match(kind, v) for v in values))
            for kind, values in (
                ("person", filters.people),
                ("tag", filters.tags),
                ("section", filters.sections),
                ("author", filters.authors),
            )
            if values and kind != without
        ]
        span = filter_dates(filters)
        if span is not None and without != "date":
            out.append(self.dates(span))
        return out
