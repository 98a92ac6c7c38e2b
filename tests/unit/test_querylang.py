"""The query language parser: every form of SPEC §5, clear errors, a lenient reading, and
totality (any string gives an AST or QuerySyntaxError)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.errors import QuerySyntaxError
from search.query.language import (
    And,
    DateRange,
    Match,
    Not,
    Or,
    Phrase,
    Prefix,
    Word,
    date_range,
    parse,
    parse_lenient,
)

D = dt.date


@pytest.mark.parametrize(
    ("query", "ast"),
    [
        ("", None),
        ("   ", None),
        ("putin", Word("putin")),
        ("putin zelensky", And((Word("putin"), Word("zelensky")))),
        ("putin AND zelensky", And((Word("putin"), Word("zelensky")))),
        ("putin OR lavrov", Or((Word("putin"), Word("lavrov")))),
        ("a b OR c", Or((And((Word("a"), Word("b"))), Word("c")))),
        ("putin or lavrov", And((Word("putin"), Word("or"), Word("lavrov")))),  # lower case
        ("NOT mosca", Not(Word("mosca"))),
        ("-mosca", Not(Word("mosca"))),
        ("NOT NOT mosca", Word("mosca")),
        ("+mosca", Word("mosca")),
        ("a - b", And((Word("a"), Word("-"), Word("b")))),  # a lone dash is punctuation
        ("covid-19", Word("covid-19")),
        ("(putin OR lavrov) mosca", And((Or((Word("putin"), Word("lavrov"))), Word("mosca")))),
        ("-(a b)", Not(And((Word("a"), Word("b"))))),
        ('"residenza presidenziale"', Phrase("residenza presidenziale")),
        ("“residenza presidenziale”", Phrase("residenza presidenziale")),
        ("«guerra in Ucraina»", Phrase("guerra in Ucraina")),
        ("ucrain*", Prefix("ucrain")),
        ("*", Word("*")),
        ("persona:lavrov", Match("person", "lavrov")),
        ("Person:Lavrov", Match("person", "Lavrov")),
        ("persona: lavrov", Match("person", "lavrov")),
        ('persona:"Sergej Lavrov"', Match("person", "Sergej Lavrov")),
        ("persona:(putin OR lavrov)", Or((Match("person", "putin"), Match("person", "lavrov")))),
        ('tag:"Ultim\'ora"', Match("tag", "Ultim'ora")),
        ("tag:Ultim'ora", Match("tag", "Ultim'ora")),
        ("sezione:Sport", Match("section", "Sport")),
        ("section:Sport/Calcio", Match("section", "Sport/Calcio")),
        ("autore:rossi", Match("author", "rossi")),
        ('author:"Mario Rossi"', Match("author", "Mario Rossi")),
        ("titolo:putin", Word("putin", "title")),
        ('title:"capo del Cremlino"', Phrase("capo del Cremlino", "title")),
        ("titolo:ucrain*", Prefix("ucrain", "title")),
        ("data:2025-12", DateRange(D(2025, 12, 1), D(2026, 1, 1), "2025-12")),
        ("data:2025-1", DateRange(D(2025, 1, 1), D(2025, 2, 1), "2025-1")),
        ("date:2025", DateRange(D(2025, 1, 1), D(2026, 1, 1), "2025")),
        ("data:2025-12-31", DateRange(D(2025, 12, 31), D(2026, 1, 1), "2025-12-31")),
        (
            "data:2025-12-01..2026-01-31",
            DateRange(D(2025, 12, 1), D(2026, 2, 1), "2025-12-01..2026-01-31"),
        ),
        ("data:>=2025-12-01", DateRange(D(2025, 12, 1), None, ">=2025-12-01")),
        ("data:>2025-12", DateRange(D(2026, 1, 1), None, ">2025-12")),
        ("data:<=2025", DateRange(None, D(2026, 1, 1), "<=2025")),
        ("data:<2025-02", DateRange(None, D(2025, 2, 1), "<2025-02")),
        ("data:..2025-02", DateRange(None, D(2025, 3, 1), "..2025-02")),
        ("http://example.com", Word("http://example.com")),  # not a field
        ("ore 12:30", And((Word("ore"), Word("12:30")))),
        ("-persona:putin lavrov", And((Not(Match("person", "putin")), Word("lavrov")))),
        ("a\x00b\x1b[2J", And((Word("a"), Word("b"), Word("[2J")))),  # controls split words
    ],
)
def test_parse(query: str, ast: object) -> None:
    assert parse(query) == ast


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"residenza presidenziale', "unclosed quote at column 1"),
        ("(putin OR lavrov", "missing ')' for the '(' at column 1"),
        ("putin)", "unexpected ')' at column 6"),
        ("()", "empty parentheses"),
        ("OR putin", "OR needs a term on both sides at column 1"),
        ("putin OR", "OR needs a term on both sides at the end"),
        ("putin OR OR lavrov", "OR needs a term on both sides"),
        ("putin AND", "AND needs a term on both sides"),
        ("NOT", "NOT needs a term after it"),
        ("putin -", None),  # a trailing dash is punctuation, not an error
        ("persona:", "persona: needs a value, e.g. persona:Lavrov"),
        ("tag: OR x", "tag: needs a value"),
        ("data:2025-13", "2025-13 is not a date (months go from 01 to 12)"),
        ("data:2025-02-30", "2025-02-30 is not a date (February 2025 has 28 days)"),
        ("data:2024-02-30", "2024-02-30 is not a date (February 2024 has 29 days)"),
        ("data:2025-01-01..2025-04-31", "2025-04-31 is not a date (April 2025 has 30 days)"),
        ("data:<=2025-12-32", "2025-12-32 is not a date (December 2025 has 31 days)"),
        ("data:ieri", "cannot read date 'ieri'"),
        ("data:2026..2025", "cannot read date"),
        ("data:..", "cannot read date"),
        ("(" * 60 + "x" + ")" * 60, "too many nested parentheses"),
    ],
)
def test_errors_are_one_clear_line(query: str, message: str | None) -> None:
    if message is None:
        parse(query)
        return
    with pytest.raises(QuerySyntaxError) as err:
        parse(query)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("query", "ast"),
    [
        ('"residenza presidenziale', Phrase("residenza presidenziale")),
        ("(putin OR lavrov", Or((Word("putin"), Word("lavrov")))),
        ("putin)", Word("putin")),
        ("putin OR", Word("putin")),
        ("putin persona:", Word("putin")),
        ("putin data:2025-", Word("putin")),
        ("putin data:20", Word("putin")),
        ("NOT", None),
        ("()", None),
    ],
)
def test_lenient_reading_of_half_typed_queries(query: str, ast: object) -> None:
    got, warnings = parse_lenient(query)
    assert got == ast
    assert len(warnings) == 1
    with pytest.raises(QuerySyntaxError) as err:
        parse(query)
    assert str(err.value) == warnings[0]


def test_lenient_reports_no_warning_for_a_good_query() -> None:
    assert parse_lenient("putin OR lavrov") == (Or((Word("putin"), Word("lavrov"))), [])


@pytest.mark.parametrize("text", ["2025-00", "0000", "2025-12-32", "20251", "9999-12-31"])
def test_date_edges(text: str) -> None:
    if text == "9999-12-31":  # the last representable day still reads
        assert date_range(text).start == D(9999, 12, 31)
        return
    with pytest.raises(ValueError):
        date_range(text)


def test_very_long_input_is_cut_not_refused() -> None:
    ast = parse("parola " * 10_000)
    assert isinstance(ast, And) and len(ast.items) < 500


SYNTAX = st.sampled_from(
    [
        "persona:", "person:", "tag:", "sezione:", "autore:", "titolo:", "data:", "date:",
        "(", ")", '"', "“", "»", "OR", "AND", "NOT", "-", "+", "*", "..", ">=", "<",
        "2025-12", "2025-13", "lavrov", "Ultim'ora", " ", " ", "\x00", "\x1b[2J", "\n", "é",
    ]
)  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=300),
    st.lists(SYNTAX, max_size=40).map("".join),
    st.lists(st.one_of(SYNTAX, st.text(max_size=5)), max_size=30).map("".join),
)


@settings(max_examples=2000, deadline=None)
@given(QUERIES)
def test_parser_is_total(text: str) -> None:
    try:
        parse(text)
    except QuerySyntaxError as e:
        assert str(e) and "\n" not in str(e)
    ast, warnings = parse_lenient(text)  # never raises
    assert all(isinstance(w, str) for w in warnings)


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=2001, max_size=10_000))
def test_parser_is_total_on_long_input(text: str) -> None:
    try:
        parse(text)
    except QuerySyntaxError:
        pass
    parse_lenient(text)
