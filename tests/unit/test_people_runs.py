"""Runs of capitalized words: the fast chain scan agrees with the word-by-word rules.

``extract._runs`` settles most capitalized words with one cached lookup per regex
match and leaves only chains that something might join to ``extract._word_runs``;
these tests hold it to the same runs as ``_word_runs`` over the whole text, and pin
the person lists of texts full of joins (initials, particles, glued ``al-``, elisions,
acronyms, Roman numerals, handles, sentence ends).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.people import extract_people
from search.people.extract import _runs, _word_runs


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
    assert _runs(text) == _reference_runs(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("aedlnorsvyzADJLMRSVWXI .,'’-_\n\xa0")), max_size=80))
def test_chain_scan_on_any_text(text: str) -> None:
    assert _runs(text) == _reference_runs(text)


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
    ],
)
def test_people_across_joins(body: str, expected: list[str]) -> None:
    assert extract_people("Notizie", None, body) == expected
