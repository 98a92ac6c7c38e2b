"""Runs of capitalized words: the fast chain scan agrees with the word-by-word rules.

``extract._runs`` reads each ``_CHAIN`` match through a plan cached per spelling
(``_chain_plan``: the runs' shapes, offsets from the chain's start) and leaves the
word-by-word rules of ``extract._word_runs`` to chains that something might join;
these tests hold it, offsets made absolute, to the same runs as ``_word_runs`` over
the whole text (the cache carries plans from one text, or one place, to the next), and
pin the person lists of texts full of joins (initials, particles, glued ``al-``,
elisions, acronyms, Roman numerals, handles, sentence ends).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from search.people import extract, extract_people
from search.people.extract import _runs, _word_runs


def _found_runs(text: str) -> list:
    """``_runs`` as ``_word_runs`` gives runs: offsets counted from the text's start."""
    return [
        (shape.words, tuple(pos + start for start in shape.starts), pos + shape.head)
        for shape, pos in _runs(text)
    ]


def _reference_runs(text: str) -> list:
    runs: list = []
    _word_runs(text, 0, len(text), runs)
    return runs


_PIECES = st.sampled_from(
    [
        "Vladimir",
        "Putin",
        "Mario",
        "Rossi",
        "Anna",
        "Maria",
        "Il",
        "La",
        "E",
        "Roma",
        "Stati",
        "Uniti",
        "presidente",
        "ha",
        "von",
        "der",
        "da",
        "de",
        "bin",
        "al-",
        "al-Assad",
        "aL-Assad",
        "Al-Assad",
        "el-Sisi",
        "ash-Sharaa",
        "Assad",
        "von der Leyen",
        "da Silva",
        "W",
        "J",
        "Jr",
        "Jr.",
        "SR",
        "W.",
        "NATO",
        "USA",
        "VI",
        "II",
        "dell'",
        "Dell'",
        "L'",
        "D'Alema",
        "Iuliia_Leonteva",
        "Jean-Claude",
        "É",
        "Ω",
    ]
)
_GLUE = st.sampled_from(
    [" ", " ", " ", "  ", ". ", ".", ",", "\n", "\xa0", "\t", "-", "", " \u2003", "’"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_PIECES, _GLUE), max_size=30))
def test_chain_scan_finds_the_runs_of_the_word_by_word_rules(pieces) -> None:
    text = "".join(word + glue for word, glue in pieces)
    assert _found_runs(text) == _reference_runs(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("aedlnorsvyzADJLMRSVWXI .,'’-_\n\xa0")), max_size=80))
def test_chain_scan_on_any_text(text: str) -> None:
    assert _found_runs(text) == _reference_runs(text)


# ``_CHAIN`` as first written, before it was arranged for the regex engine (the "."
# before the look-behinds, the particles behind a look-ahead, a possessive repeat)
_GLUED = "|".join(sorted(extract._GLUED_PARTICLES, key=len, reverse=True))
_PLAIN_JOIN = (
    r"(?:(?:(?<!\w\w)|(?<=[JjSs][Rr]))\.)?[ ]"
    rf"(?:\s*{extract._PARTICLES}\s*[ ]|(?i:{_GLUED})-)?"
)
_PLAIN_CHAIN = re.compile(rf"{extract._WORD_PATTERN}(?:{_PLAIN_JOIN}{extract._WORD_PATTERN})*")


_JOINS = st.sampled_from(
    [
        "Jr",
        "Sr",
        "sR",
        "J",
        "R",
        "Ab",
        "Al",
        "aL",
        "al",
        "as",
        "ash",
        "el",
        "El",
        "an",
        "y",
        "von",
        "der",
        "da",
        "de",
        "zu",
        "ibn",
        "Mario",
        "ſ",
        "\u212a",
        "ı",
        "İ",
        "É",
        "Ж",
        "3",
    ]
)
_GAPS = st.sampled_from(
    [" ", " ", "  ", ".", ". ", "-", "'", "’", "\n", "\xa0", " \t", "_", ",", ""]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_JOINS, _GAPS), max_size=12))
@example([("Mario", "  "), ("von", " "), ("Mario", "")])
@example([("Bashar", " "), ("al", "-"), ("Assad", "")])
@example([("Bush", " "), ("Jr", ". "), ("Smith", "")])
@example([("J", ". "), ("R", ". "), ("Tolkien", "")])
@example([("Ab", ". "), ("Cd", "")])
def test_the_chain_pattern_matches_what_its_plain_form_matches(pieces) -> None:
    text = "".join(word + gap for word, gap in pieces)
    assert [m.span() for m in extract._CHAIN.finditer(text)] == [
        m.span() for m in _PLAIN_CHAIN.finditer(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the same chain with and without a "." after it, in either order
        "Bush W. e Bush W e poi J. Jr. Jr e J",
        "George W e George W. Bush; Paolo V e Paolo V.",
        # the same chain at a sentence start, inside one and after a place word
        "Mario Rossi. Ha parlato Mario Rossi in via Mario Rossi",
        "L'Ucraina e dell'Ucraina, Dell'Ucraina Mario Rossi e D'Alema",
        "Bashar al-Assad e Bashar al- Assad, von der Leyen e Ursula von der Leyen.",
    ],
)
def test_a_chain_reads_alike_wherever_it_recurs(text: str) -> None:
    assert _found_runs(text) == _reference_runs(text)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Ha parlato Mario Rossi. Il sindaco ha risposto.", ["Mario Rossi"]),
        ("Lo ha detto Martin Luther King Jr. durante la marcia.", ["Martin Luther King Jr."]),
        ("Era presente anche John F. Kennedy a Dallas.", ["John F. Kennedy"]),
        ("Ha parlato Bashar Al-Assad e poi Bashar AL-Assad.", ["Bashar Al-Assad"]),
        ("È arrivata Ursula  von  der  Leyen a Bruxelles.", ["Ursula von der Leyen"]),
        ("La NATO e Jens Stoltenberg hanno risposto.", ["Jens Stoltenberg"]),
        ("Il capo della CIA William Burns era a Mosca.", ["William Burns"]),
        ("Papa Giovanni Paolo II ha visitato la Polonia.", ["Giovanni Paolo II"]),
        ("Lo ha scritto Carlo Rossi in un post @Carlo_Rossi ieri.", ["Carlo Rossi"]),
        ("MODENA Mario Rossi ha denunciato il furto.", ["Mario Rossi"]),
        ("Il tecnico Carlo Ancelotti. Ancelotti ha vinto.", ["Carlo Ancelotti"]),
        ("Lo stadio Giuseppe Meazza e la via Olof Palme.", []),
        (
            "Leonardo da Vinci dipinse la Gioconda; Leonardo DiCaprio no.",
            ["Leonardo da Vinci", "Leonardo DiCaprio"],
        ),
        ("Il professor Mario Monti e il prof. Romano Prodi.", ["Mario Monti", "Romano Prodi"]),
        (
            "Hanno vinto Anna Maria Rossi e Pierferdinando Casini.",
            ["Anna Maria Rossi", "Pierferdinando Casini"],
        ),
        # one chain's cached names, read again where the text around it differs: a
        # sentence start, a place word or a role cue before it
        ("Secondo Renzi il voto. Ha vinto Secondo Renzi.", ["Renzi"]),
        ("Lo stadio Olof Palme. Ha parlato Olof Palme.", ["Olof Palme"]),
        ("Carpi ha vinto. Il sindaco di Carpi, Rossi, e il portavoce Carpi.", ["Rossi", "Carpi"]),
    ],
)
def test_people_across_joins(body: str, expected: list[str]) -> None:
    assert extract_people("Notizie", None, body) == expected
