"""The query language (SPEC §5), read into a small AST.

    putin zelensky              words are ANDed
    putin OR lavrov             OR (upper case; `o`/`or` are ordinary words)
    NOT mosca, -mosca           negation
    (putin OR lavrov) mosca     grouping
    "residenza presidenziale"   phrase (“curly” quotes too)
    ucrain*                     prefix
    persona:lavrov  person:     tag:"Ultim'ora"  sezione:/section:  autore:/author:
    titolo:/title:  data:/date: 2025-12 | 2025-12-01..2026-01-31 | >=2025-12-01 | <2026
    persona:(putin OR lavrov)   a field applies to a whole group

`parse` is total: every string gives an AST (None for "match everything") or raises
QuerySyntaxError with a one-line message. `parse_lenient` never raises: it repairs what a
half-typed query lacks (closes quotes and parentheses, drops dangling operators and empty
fields) and returns the repairs as warnings, which is what search-as-you-type wants.

Words are kept as typed here; the analyzer (search.analyze) runs when the AST is compiled
into a tantivy query, so the index and the query always share one analysis.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from search.errors import QuerySyntaxError

# field name as typed (folded to lower case) -> canonical field
FIELDS = {
    "persona": "person",
    "person": "person",
    "tag": "tag",
    "sezione": "section",
    "section": "section",
    "autore": "author",
    "author": "author",
    "titolo": "title",
    "title": "title",
    "data": "date",
    "date": "date",
}
VALUE_FIELDS = frozenset({"person", "tag", "section", "author"})  # exact metadata values

OPEN_QUOTES = '"“«„'
CLOSE_QUOTES = {'"': '"', "“": "”", "«": "»", "„": "“"}
# characters that end a bare word
_BREAK = frozenset('()"“”«»„') | frozenset(" \t\n\r\f\v")
# ASCII and C1 control characters: never part of a word (they would only confuse display)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_FIELD_RE = re.compile(r"([A-Za-z]+):(.*)", re.S)
MAX_QUERY_CHARS = 2000  # longer input is cut: nobody types more, and it bounds the work


# ---------------------------------------------------------------- AST


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # as typed; analyzed at compile time
    field: str | None = None  # None (title+body) or "title"


@dataclass(frozen=True, slots=True)
class Prefix:
    text: str  # without the `*`
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """An exact metadata value: person, tag, section or author."""

    field: str
    value: str


@dataclass(frozen=True, slots=True)
class DateRange:
    start: dt.date | None  # inclusive
    end: dt.date | None  # exclusive
    text: str = ""


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Word | Prefix | Phrase | Match | DateRange | And | Or | Not


# ---------------------------------------------------------------- dates

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
DATE_HELP = "use YYYY, YYYY-MM, YYYY-MM-DD, A..B, >=DATE or <=DATE"
_MONTHS = "January February March April May June July August September October November December"


class NoSuchDate(ValueError):
    """A value in date form that names no day or month: `2025-02-30`, `2025-13`.

    str() is the reason in one line, e.g. "2025-02-30 is not a date (February 2025 has 28 days)".
    """


def period(text: str) -> tuple[dt.date, dt.date]:
    """The days a YYYY / YYYY-MM / YYYY-MM-DD value covers: (first day, day after the last).

    Raises NoSuchDate for a month or day that does not exist, ValueError when the text
    is not such a date at all.
    """
    m = _DATE_RE.fullmatch(text.strip())
    if not m:
        raise ValueError(text)
    year, month, day = int(m[1]), m[2], m[3]
    if year < 1:
        raise ValueError(text)
    if month is not None and not 1 <= int(month) <= 12:
        raise NoSuchDate(f"{text.strip()} is not a date (months go from 01 to 12)")
    if day is not None:
        days = _days_in_month(year, int(month))
        if not 1 <= int(day) <= days:
            name = _MONTHS.split()[int(month) - 1]
            raise NoSuchDate(f"{text.strip()} is not a date ({name} {year} has {days} days)")
    if month is None:
        start, end = dt.date(year, 1, 1), (year + 1, 1, 1)
    elif day is None:
        start = dt.date(year, int(month), 1)
        end = (year + 1, 1, 1) if start.month == 12 else (year, start.month + 1, 1)
    else:
        start = dt.date(year, int(month), int(day))
        return start, start + dt.timedelta(days=1) if start < dt.date.max else start
    return start, dt.date(*end) if end[0] <= dt.MAXYEAR else dt.date.max


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


def date_range(text: str) -> DateRange:
    """`2025-12`, `2025-12-01..2026-01-31`, `..2026`, `>=2025-12-01`, `<2026` -> DateRange.

    Raises ValueError when the text cannot be read.
    """
    s = text.strip()
    for op in (">=", "<=", ">", "<"):
        if s.startswith(op):
            first, after = period(s[len(op) :])
            if op == ">=":
                return DateRange(first, None, text)
            if op == ">":
                return DateRange(after, None, text)
            if op == "<=":
                return DateRange(None, after, text)
            return DateRange(None, first, text)
    if ".." in s:
        lo, _, hi = s.partition("..")
        if not lo.strip() and not hi.strip():
            raise ValueError(text)
        start = period(lo)[0] if lo.strip() else None
        end = period(hi)[1] if hi.strip() else None
        if start and end and start >= end:
            raise ValueError(text)
        return DateRange(start, end, text)
    first, after = period(s)
    return DateRange(first, after, text)


# ---------------------------------------------------------------- lexer


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # WORD PHRASE LPAREN RPAREN OR AND NOT FIELD
    text: str
    col: int
    closed: bool = True  # PHRASE: had its closing quote


def _lex(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "(":
            out.append(_Tok("LPAREN", c, i))
            i += 1
        elif c == ")":
            out.append(_Tok("RPAREN", c, i))
            i += 1
        elif c in OPEN_QUOTES:
            close = CLOSE_QUOTES[c]
            j = text.find(close, i + 1)
            if c != '"' and j < 0:
                j = text.find('"', i + 1)
            if j < 0:
                out.append(_Tok("PHRASE", text[i + 1 :], i, closed=False))
                i = n
            else:
                out.append(_Tok("PHRASE", text[i + 1 : j], i))
                i = j + 1
        elif c in "”»":  # a stray closing quote is punctuation
            i += 1
        else:
            j = i
            while j < n and text[j] not in _BREAK:
                j += 1
            word = text[i:j]
            if word in ("OR", "||"):
                out.append(_Tok("OR", word, i))
            elif word in ("AND", "&&"):
                out.append(_Tok("AND", word, i))
            elif word == "NOT":
                out.append(_Tok("NOT", word, i))
            elif c in "-+" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in "-+":
                if c == "-":
                    out.append(_Tok("NOT", "-", i))
                j = i + 1  # the rest is read again as its own token; `+word` means `word`
            else:
                m = _FIELD_RE.fullmatch(word)
                if m and m[1].lower() in FIELDS:
                    out.append(_Tok("FIELD", m[1].lower(), i))
                    j = i + len(m[1]) + 1  # the value is read as the next token(s)
                else:
                    out.append(_Tok("WORD", word, i))
            i = j
    return out


# ---------------------------------------------------------------- parser


class _Parser:
    def __init__(self, text: str, lenient: bool) -> None:
        self.toks = _lex(text)
        self.i = 0
        self.lenient = lenient
        self.warnings: list[str] = []
        self.depth = 0

    # helpers
    def error(self, message: str) -> None:
        if not self.lenient:
            raise QuerySyntaxError(message)
        if message not in self.warnings:
            self.warnings.append(message)

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    # grammar: query := or ; or := and (OR and)* ; and := unary+ ; unary := NOT unary | primary
    def parse(self) -> Node | None:
        node = self.parse_or(field=None)
        while self.peek() is not None:  # only a stray ")" stops parse_or early
            tok = self.take()
            self.error(f"unexpected ')' at column {tok.col + 1}: no '(' opens it")
            more = self.parse_or(field=None)
            node = _and([node, more])
        return node

    def parse_or(self, field: str | None) -> Node | None:
        branches: list[Node | None] = []
        expect_operand = False
        while True:
            branch = self.parse_and(field)
            tok = self.peek()
            if branch is None and (expect_operand or (tok is not None and tok.kind == "OR")):
                col = tok.col + 1 if tok is not None else None
                where = f" at column {col}" if col else " at the end"
                self.error(f"OR needs a term on both sides{where}")
            branches.append(branch)
            if tok is not None and tok.kind == "OR":
                self.take()
                expect_operand = True
                continue
            break
        kept = [b for b in branches if b is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(tuple(kept))

    def parse_and(self, field: str | None) -> Node | None:
        items: list[Node] = []
        while True:
            tok = self.peek()
            if tok is None or tok.kind in ("OR", "RPAREN"):
                break
            if tok.kind == "AND":
                self.take()
                nxt = self.peek()
                if not items or nxt is None or nxt.kind in ("OR", "RPAREN", "AND"):
                    self.error(f"AND needs a term on both sides at column {tok.col + 1}")
                continue
            node = self.parse_unary(field)
            if node is not None:
                items.append(node)
        return _and(items)

    def parse_unary(self, field: str | None) -> Node | None:
        negated = False
        tok = self.take()
        while tok.kind == "NOT":  # a loop, not recursion: `NOT NOT NOT ...` cannot blow the stack
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "RPAREN", "AND"):
                self.error(f"{tok.text} needs a term after it at column {tok.col + 1}")
                return None
            negated = not negated
            tok = self.take()
        node = self.parse_primary(tok, field)
        if node is None or not negated:
            return node
        return node.item if isinstance(node, Not) else Not(node)

    def parse_primary(self, tok: _Tok, field: str | None) -> Node | None:
        if tok.kind == "LPAREN":
            return self.parse_group(tok, field)
        if tok.kind == "FIELD":
            return self.parse_field(tok)
        if tok.kind == "PHRASE":
            if not tok.closed:
                self.error(f"unclosed quote at column {tok.col + 1}")
            return _leaf(tok.text, field, phrase=True, parser=self)
        return _leaf(tok.text, field, phrase=False, parser=self)

    def parse_group(self, tok: _Tok, field: str | None) -> Node | None:
        self.depth += 1
        if self.depth > 50:
            raise QuerySyntaxError("too many nested parentheses")
        node = self.parse_or(field)
        self.depth -= 1
        end = self.peek()
        if end is None:
            self.error(f"missing ')' for the '(' at column {tok.col + 1}")
        else:
            self.take()  # the RPAREN
            if node is None:
                self.error(f"empty parentheses at column {tok.col + 1}")
        return node

    def parse_field(self, tok: _Tok) -> Node | None:
        field = FIELDS[tok.text]
        nxt = self.peek()
        if nxt is None or nxt.kind not in ("WORD", "PHRASE", "LPAREN"):
            self.error(f"{tok.text}: needs a value, e.g. {tok.text}:{_EXAMPLES[field]}")
            return None
        return self.parse_primary(self.take(), field)


_EXAMPLES = {
    "person": "Lavrov",
    "tag": "Russia",
    "section": "Esteri",
    "author": "Rossi",
    "title": "Putin",
    "date": "2025-12",
}


def _leaf(text: str, field: str | None, phrase: bool, parser: _Parser) -> Node | None:
    """A word or phrase, read in the context of the field it sits under (if any)."""
    if field == "date":
        try:
            return date_range(text)
        except NoSuchDate as e:
            parser.error(str(e))
            return None
        except (ValueError, OverflowError):
            parser.error(f"cannot read date {text!r}: {DATE_HELP}")
            return None
    if field in VALUE_FIELDS:
        value = " ".join(text.rstrip("*").split())
        if not value:
            parser.error(f"empty value for {field}")
            return None
        return Match(field, value)
    if phrase:
        return Phrase(text, field) if text.strip() else None
    if text.endswith("*") and len(text.rstrip("*")) > 0:
        return Prefix(text.rstrip("*"), field)
    return Word(text, field)


def _and(items: Sequence[Node | None]) -> Node | None:
    kept = [x for x in items if x is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else And(tuple(kept))


def clean(text: str) -> str:
    """Control characters become spaces; very long input is cut."""
    return _CONTROL.sub(" ", text[:MAX_QUERY_CHARS])


def parse(text: str) -> Node | None:
    """The AST of a query (None matches everything). Raises QuerySyntaxError."""
    return _Parser(clean(text), lenient=False).parse()


def parse_lenient(text: str) -> tuple[Node | None, list[str]]:
    """Best-effort reading of any string: (AST, what had to be repaired). Never raises."""
    p = _Parser(clean(text), lenient=True)
    try:
        return p.parse(), p.warnings
    except QuerySyntaxError as e:  # only absurd nesting gets here
        return None, [str(e)]


def walk(node: Node | None):
    """Every node of a tree, parents first, with whether it sits under a NOT."""
    stack: list[tuple[Node, bool]] = [(node, False)] if node is not None else []
    while stack:
        n, negated = stack.pop()
        yield n, negated
        if isinstance(n, And | Or):
            stack.extend((c, negated) for c in reversed(n.items))
        elif isinstance(n, Not):
            stack.append((n.item, not negated))
