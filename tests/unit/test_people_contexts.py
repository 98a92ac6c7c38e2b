"""What the words around a mention say of a name (search/people/contexts.py), and the
archive-wide decision the canon takes on them (PeopleCanon.weigh / value)."""

from __future__ import annotations

import pytest

from search.people import PeopleCanon, PeopleCorrections, extract_people
from search.people.contexts import (
    _AFTER,
    _AFTER_HEADS,
    FIRM,
    PERSON,
    PLACE,
    SAINT,
    STREET,
    context,
    is_thing,
)


def kind(text: str, name: str) -> int:
    start = text.index(name)
    words = name.split()
    full = len(words) > 1 and words[0] in {"Mario", "Luca", "Gregorio", "Anna"}
    word = (text[:start].rsplit(None, 1) or [""])[-1]
    return context(text, start, start + len(name), word, len(words) == 1, full, False)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Un incidente a Serramazzoni ieri.", "Serramazzoni", PLACE),
        ("Parla il sindaco di Serramazzoni, preoccupato.", "Serramazzoni", PLACE),
        ("Traffico in viale Cialdini stamattina.", "Cialdini", STREET),
        ("Furti alla scuola primaria Marconi.", "Marconi", STREET),
        ("Lavori in via don Minzoni da lunedì.", "Minzoni", STREET),
        ("Le bollette del gruppo Hera salgono.", "Hera", FIRM),
        ("Il bilancio di Hera spa è in utile.", "Hera", FIRM),
        ("Rubata una borsa della Liu Jo in centro.", "Liu Jo", FIRM),
        ("La chiesa di San Gregorio Taumaturgo.", "Gregorio Taumaturgo", SAINT),
        ("I santi Giovanni Evangelista e Gregorio Taumaturgo.", "Gregorio Taumaturgo", SAINT),
        ("Lo ha detto il sindaco Mario Rossi in consiglio.", "Mario Rossi", PERSON),
        ("Mario Rossi, 45 anni, è stato arrestato.", "Mario Rossi", PERSON),
        ("Poi Mario Rossi ha spiegato tutto.", "Mario Rossi", PERSON),
        ("Il ministro russo Mario Rossi è arrivato.", "Mario Rossi", PERSON),
        # "a" before a full name is "to" a person; a comma cuts a firm word off
        ("La lettera è arrivata a Mario Rossi ieri.", "Mario Rossi", 0),
        ("Parla il titolare dell'azienda, Mario Rossi, che spiega.", "Mario Rossi", 0),
        ("Il negozio di Luca Bianchi è stato svaligiato.", "Luca Bianchi", 0),
        ("La villa dove dormivano Anna Verdi e il marito.", "Anna Verdi", 0),
        ("Starà in carcere Mario Rossi, per ora.", "Mario Rossi", 0),  # not a building
        ("Un caffè al Cialdini con gli amici.", "Cialdini", STREET),
        ("Un caffè al Mario Rossi con gli amici.", "Mario Rossi", 0),  # two words: no
        ("Lo dice Mario Rossi, sindaco di Pavullo.", "Mario Rossi", PERSON),
        ("In gara anche Mario Rossi (45) di Sassuolo.", "Mario Rossi", PERSON),
        ("Il bilancio di Hera SpA è in utile.", "Hera", FIRM),
        ("Il bilancio di Hera e di Iren.", "Hera", 0),
    ],
)
def test_context_kinds(text: str, name: str, expected: int) -> None:
    assert kind(text, name) == expected


def test_the_extractor_reports_every_name_it_saw_kept_or_not() -> None:
    seen: dict[str, list[int]] = {}
    text = "Traffico in viale Cialdini. Il sindaco Mario Rossi, 45 anni, ha parlato."
    assert extract_people("Cronaca", None, text, (), seen) == ["Mario Rossi"]
    assert seen == {"Cialdini": [1, 0, 1, 0, 0, 0], "Mario Rossi": [1, 0, 0, 0, 0, 1]}
    # without the argument, the same people
    assert extract_people("Cronaca", None, text) == ["Mario Rossi"]


def test_only_what_can_start_a_context_after_a_name_is_matched() -> None:
    # ``count`` tries ``_AFTER`` only after the two characters of ``_AFTER_HEADS``
    alphabet = [chr(c) for c in range(0x250)] + ["ſ", "’", "”", "–", "\u212a"]
    tails = ["etto", "pa", "p.a.", "rl", "nc", "3)", "a detto", "veva detto", "ffermato"]
    tails += ["0 anni", "sindaco", "ha detto", "ommentato", "pA", "RL"]
    for a in (" ", ",", "\n", "."):
        for b in alphabet:
            for tail in tails:
                text = a + b + tail
                if _AFTER.match(text):
                    assert text[:2] in _AFTER_HEADS, text


def test_evidence_adds_to_the_rows_given() -> None:
    text = "Traffico in viale Cialdini. Il sindaco Mario Rossi, 45 anni, ha parlato."
    seen: dict[str, list[int]] = {"Cialdini": [2, 0, 1, 0, 0, 0]}
    extract_people("Cronaca", None, text, (), seen)
    extract_people("Cronaca", None, text, (), seen)
    assert seen == {"Cialdini": [4, 0, 3, 0, 0, 0], "Mario Rossi": [2, 0, 0, 0, 0, 2]}


@pytest.mark.parametrize(
    ("row", "thing"),
    [
        ([10, 0, 8, 0, 0, 0], True),  # mostly streets, no person cue
        ([20, 3, 2, 0, 0, 0], True),  # a quarter placed, none a person
        ([10, 0, 2, 0, 0, 0], False),  # too few contexts to say
        ([40, 0, 8, 0, 0, 0], False),  # most mentions say nothing
        ([10, 0, 8, 0, 0, 2], False),  # a person cue in one mention of five
    ],
)
def test_is_thing(row: list[int], thing: bool) -> None:
    assert is_thing(row) is thing


STREET_TEXT = "Un incidente in viale Cialdini. Code in via Cialdini fino a sera."
PERSON_TEXT = "Il maestro Cialdini ha detto che il coro canterà. Cialdini, 60 anni, lo dirige."
LONE_TEXT = "Anche Cialdini era presente alla cerimonia."


def archive(*texts: str) -> PeopleCanon:
    canon = PeopleCanon()
    for text in texts:
        seen: dict[str, list[int]] = {}
        canon.count(extract_people("Cronaca", None, text, (), seen))
        canon.weigh((name, *row) for name, row in seen.items())
    return canon


def test_a_name_the_archive_writes_as_a_street_is_no_person_anywhere() -> None:
    alone = archive(LONE_TEXT)
    assert alone.value("Cialdini") == "Cialdini"  # nothing says otherwise yet
    streets = archive(LONE_TEXT, STREET_TEXT, STREET_TEXT)
    assert streets.value("Cialdini") is None  # in the article that took it for a person too
    assert "Cialdini" in streets.things() and "Cialdini" not in streets.names()
    assert streets.evidence("Cialdini")["street"] == 4
    assert streets.lookup("cialdini") == []


def test_the_same_word_with_person_cues_is_kept() -> None:
    canon = archive(LONE_TEXT, STREET_TEXT, STREET_TEXT, PERSON_TEXT)
    assert canon.value("Cialdini") == "Cialdini"
    assert canon.evidence("Cialdini")["person"] == 2


def test_a_value_judged_no_person_takes_its_other_spellings_along() -> None:
    canon = PeopleCanon()
    canon.count(["Gregorio Taumaturgo", "Taumaturgo"])
    assert canon.value("Taumaturgo") == "Gregorio Taumaturgo"
    canon.weigh([("Gregorio Taumaturgo", 5, 0, 0, 0, 5, 0)])
    assert canon.value("Gregorio Taumaturgo") is None and canon.value("Taumaturgo") is None


def test_evidence_is_taken_back_and_travels_with_the_state() -> None:
    canon = archive(LONE_TEXT, STREET_TEXT, STREET_TEXT)
    state = canon.to_dict()
    assert state["evidence"]["Cialdini"] == [5, 0, 4, 0, 0, 0]
    restored = PeopleCanon.from_dict(state)
    assert restored.value("Cialdini") is None
    before = restored.copy()
    seen: dict[str, list[int]] = {}
    extract_people("Cronaca", None, STREET_TEXT, (), seen)
    for _ in range(2):  # both street articles go away
        restored.weigh(((name, *row) for name, row in seen.items()), -1)
    assert restored.value("Cialdini") == "Cialdini"
    assert restored.changed_since(before) == {"Cialdini"}
    assert restored.to_dict() == archive(LONE_TEXT).to_dict()  # as if never seen


def test_a_readers_state_keeps_only_the_rows_that_rule_a_name_out() -> None:
    canon = archive(LONE_TEXT, STREET_TEXT, STREET_TEXT, "Il sindaco di Cittanova parla.")
    assert "Cittanova" in canon.to_dict()["evidence"]  # seen, never a person: kept
    reader = PeopleCanon.from_dict(canon.to_dict(reader=True))
    assert list(reader.to_dict()["evidence"]) == ["Cialdini"]
    assert reader.value("Cialdini") is None and reader.names() == canon.names()


def test_the_users_corrections_win() -> None:
    canon = archive(LONE_TEXT, STREET_TEXT, STREET_TEXT)
    canon.corrections = PeopleCorrections.of(alias={"Cialdini": "Enrico Cialdini"})
    assert canon.value("Cialdini") == "Enrico Cialdini"  # the user says it is a person
    canon = archive(LONE_TEXT, PERSON_TEXT)
    canon.corrections = PeopleCorrections.of(ignore=["Cialdini"])
    assert canon.value("Cialdini") is None
