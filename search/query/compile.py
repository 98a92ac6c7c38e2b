"""Compile: a query's syntax tree and the Filters -> tantivy queries.

Free words, phrases and prefixes become scored clauses over the corpus forms of their
lemma (and, at a lower weight, of their stem); metadata clauses and the Filters become
exact, unscored clauses kept apart by kind (OR within a kind, AND across kinds), so a
facet can be counted without its own filter. The rules: docs/internals/analysis.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import tantivy

from search.analyze import Token, fold
from search.errors import UsageError
from search.index import schema as f
from search.index.vocabulary import Vocabulary
from search.models import Filters
from search.query import language as ql
from search.query.highlight import only_stopwords, word_tokens
from search.query.patterns import MAX_PATTERN_CHARS, position_forms, regex_escape
from search.query.patterns import alternation as _alternation

# (field, boost): a word in the title counts three times one in the body
BOOSTS = ((f.TITLE, 3.0), (f.SUBTITLE, 1.8), (f.BODY, 1.0))
# a word found only through its stem (not a form of the query word's lemma) counts less
STEM_WEIGHT = 0.3
# forms of a query word's second reading (Vocabulary.readings): they count, ranked below
# the forms of the reading the lemmatizer chose, above stem guesses
READING_WEIGHT = 0.5
# A phrase-prefix (`covid-1*`) lists the words its last part may be; past this many it
# becomes a case-insensitive regular expression (accents then count).
MAX_PREFIX_FORMS = 500

_Occur = tantivy.Occur
_Q = tantivy.Query


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
class Compiled:
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


class Compiler:
    """Compiles one request (`compile`), noting on the way what the rest of the search
    reads: whether stop words count, whether any clause is scored, the people resolved."""

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
            clauses += [
                _Q.boost_query(_Q.term_query(self.schema, name, w), boost * READING_WEIGHT)
                for w in found.readings
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
            words: list[str | tuple[int, str]] = [p[0] for p in positions]
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
        words = position_forms(forms, tok.surface)
        return None if words is None else _alternation(words)

    def _regex_phrase(self, patterns: list[str | None], field_name: str | None) -> tantivy.Query:
        words: list[str | tuple[int, str]] = [p for p in patterns if p is not None]
        if len(words) < len(patterns):
            return _Q.empty_query()  # a "word" of hundreds of letters is in no article
        return _any(
            [
                _Q.boost_query(_Q.regex_phrase_query(self.schema, n, words), b)
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
                tail = f"(?i:{regex_escape(toks[-1].surface)}).*"
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

    def compile(self, ast: ql.Node | None, filters: Filters) -> Compiled:
        self.keep_stop = only_stopwords(ast)
        out = Compiled()
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
