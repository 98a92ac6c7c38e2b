"""Corpus-wide canonical names: variants merge, homonyms stay apart, increments agree."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.people import PeopleCanon, name_key


def canon_of(*articles: list[str]) -> PeopleCanon:
    canon = PeopleCanon()
    for names in articles:
        canon.add(names)
    return canon


@pytest.mark.parametrize(
    "variants",
    [
        ["Serghei Lavrov", "Sergei Lavrov", "Sergej Lavrov", "Sergey Lavrov"],
        ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskij", "Volodymyr Zelenski"],
        ["Dmitry Peskov", "Dmitri Peskov", "Dmitrij Peskov"],
        ["Yuri Ushakov", "Yury Ushakov", "Jurij Ushakov"],
        ["Alexander Lukashenko", "Alexander Lukašenko", "Alexander Lukashenka"],
    ],
)
def test_transliteration_variants_merge(variants: list[str]) -> None:
    canon = canon_of(variants)
    values = {canon.canonical(v) for v in variants}
    assert len(values) == 1
    assert values.pop() in variants


@pytest.mark.parametrize(
    ("surname_variant", "full"),
    [
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Zelenskij", "Volodymyr Zelensky"),
        ("Lukašenko", "Alexander Lukashenko"),
        ("Putin", "Vladimir Putin"),
    ],
)
def test_surname_alone_maps_to_the_one_full_name(surname_variant: str, full: str) -> None:
    canon = canon_of([full], [surname_variant])
    assert canon.canonical(surname_variant) == full


def test_homonyms_stay_apart_and_ambiguous_surname_stays() -> None:
    canon = canon_of(["Mario Rossi"], ["Paolo Rossi"], ["Rossi"])
    assert canon.canonical("Mario Rossi") == "Mario Rossi"
    assert canon.canonical("Paolo Rossi") == "Paolo Rossi"
    assert canon.canonical("Rossi") == "Rossi"
    # the bare "Rossi" some documents carry is a value of its own
    assert canon.lookup("rossi") == ["Mario Rossi", "Paolo Rossi", "Rossi"]


def test_unambiguous_surname_maps() -> None:
    canon = canon_of(["Mario Rossi"], ["Rossi"])
    assert canon.canonical("Rossi") == "Mario Rossi"


def test_fullest_then_most_frequent_then_alphabetical() -> None:
    canon = canon_of(["Sergei Lavrov"], ["Sergei Lavrov"], ["Serghei Lavrov"], ["Lavrov"])
    assert canon.canonical("Serghei Lavrov") == "Sergei Lavrov"
    tie = canon_of(["Sergei Lavrov"], ["Serghei Lavrov"])
    assert tie.canonical("Serghei Lavrov") == "Sergei Lavrov"  # alphabetical: "Serge" < "Sergh"
    fuller = canon_of(["Vladimir Putin"] * 5, ["Vladimir Vladimirovich Putin"])
    assert fuller.canonical("Putin") == "Vladimir Vladimirovich Putin"


def test_order_of_articles_does_not_matter() -> None:
    articles = [["Sergei Lavrov", "Putin"], ["Serghei Lavrov"], ["Vladimir Putin", "Lavrov"]]
    results = set()
    for order in itertools.permutations(articles):
        canon = canon_of(*order)
        results.add(tuple(canon.canonical(n) for n in ["Lavrov", "Putin", "Serghei Lavrov"]))
    assert len(results) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lavrov", ["Sergei Lavrov"]),
        ("Serghei Lavrov", ["Sergei Lavrov"]),
        ("LAVROV", ["Sergei Lavrov"]),
        ("zelenskyy", ["Volodymyr Zelensky"]),
        ("Zelenskij", ["Volodymyr Zelensky"]),
        ("putin", ["Vladimir Putin"]),
        ("zelen", ["Volodymyr Zelensky"]),  # prefix fallback
        ("nobody", []),
        ("", []),
    ],
)
def test_lookup(query: str, expected: list[str]) -> None:
    canon = canon_of(
        ["Sergei Lavrov", "Sergei Lavrov", "Serghei Lavrov"],
        ["Volodymyr Zelensky", "Zelensky"],
        ["Vladimir Putin", "Putin"],
    )
    assert canon.lookup(query) == expected


def test_round_trip_through_json_keeps_answers() -> None:
    canon = canon_of(["Vladimir Putin", "Serghei Lavrov"], ["Putin", "Sergei Lavrov", "Rossi"])
    again = PeopleCanon.from_dict(json.loads(json.dumps(canon.to_dict())))
    for name in ["Putin", "Serghei Lavrov", "Sergei Lavrov", "Rossi", "Unknown Person"]:
        assert again.canonical(name) == canon.canonical(name)
    assert again.names() == canon.names()


@pytest.mark.parametrize(
    "damaged",
    [
        None,
        [],
        {"version": 1, "counts": None},
        {"version": 1, "counts": {"Putin": "x", 3: 1}},
        {"version": 1, "counts": {"": 2, "Vladimir Putin": -1}},
        {"names": "Putin"},
    ],
)
def test_from_dict_tolerates_damaged_state(damaged: object) -> None:
    canon = PeopleCanon.from_dict(damaged)  # type: ignore[arg-type]
    assert len(canon) == 0 and canon.canonical("Putin") == "Putin"


def test_incremental_add_joins_existing_person_and_reports_changes() -> None:
    saved = canon_of(["Volodymyr Zelensky"], ["Zelensky", "Putin"]).to_dict()
    canon = PeopleCanon.from_dict(saved)
    before = canon.copy()
    changed = canon.add(["Zelenskyy"])  # a new article spells it differently
    assert canon.canonical("Zelenskyy") == "Volodymyr Zelensky"
    assert changed == set()  # nothing already indexed changed its value
    changed = canon.add(["Vladimir Putin"])
    assert changed == {"Putin"}
    # the new spelling already resolved to the known person, so only Putin moved
    assert canon.changed_since(before) == {"Putin"}


def test_changed_since_lists_names_whose_value_moved() -> None:
    old = canon_of(["Lavrov"], ["Rossi"], ["Mario Rossi"])
    new = old.copy()
    new.add(["Sergei Lavrov", "Paolo Rossi"])
    # Lavrov gained a full name; Rossi became ambiguous and falls back to itself
    assert new.changed_since(old) == {"Lavrov", "Rossi"}
    assert old.canonical("Rossi") == "Mario Rossi" and new.canonical("Rossi") == "Rossi"


def test_name_key_ignores_case_accents_and_transliteration() -> None:
    assert name_key("Lukašenko") == name_key("LUKASHENKO") == name_key("lukashenka")
    assert name_key("Mario Rossi") != name_key("Maria Rossi")


names = st.sampled_from(
    [
        "Vladimir Putin",
        "Putin",
        "Sergei Lavrov",
        "Serghei Lavrov",
        "Lavrov",
        "Mario Rossi",
        "Paolo Rossi",
        "Rossi",
        "Zelensky",
        "Volodymyr Zelenskyy",
        "Dmitrij Peskov",
        "Peskov",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(names, max_size=4), max_size=8))
def test_incremental_equals_batch(articles: list[list[str]]) -> None:
    """Adding articles one by one through a saved manifest gives the batch result."""
    batch = canon_of(*articles)
    step = PeopleCanon()
    for names_ in articles:
        step = PeopleCanon.from_dict(json.loads(json.dumps(step.to_dict())))
        step.add(names_)
    every = {n for a in articles for n in a}
    assert {n: step.canonical(n) for n in every} == {n: batch.canonical(n) for n in every}


def _state(canon: PeopleCanon) -> tuple:
    """Everything a canon answers from, to compare two canons field by field."""
    return (
        canon.to_dict(),
        {k: dict(v) for k, v in canon._full.items()},
        {k: set(v) for k, v in canon._by_last.items()},
        {k: dict(v) for k, v in canon._single.items()},
    )


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(names, max_size=4, unique=True), max_size=8), st.data())
def test_discount_equals_counting_what_remains(articles: list[list[str]], data) -> None:
    """Taking articles back out of a saved canon (the indexer's starting point when files
    change) leaves exactly the canon of the remaining articles, down to empty groups."""
    gone = data.draw(st.sets(st.integers(0, max(0, len(articles) - 1))))
    remaining = [a for i, a in enumerate(articles) if i not in gone]
    canon = PeopleCanon.from_dict(canon_of(*articles).to_dict())
    for i in gone:
        if i < len(articles):
            canon.discount(articles[i])
    expected = PeopleCanon.from_dict(canon_of(*remaining).to_dict())
    assert _state(canon) == _state(expected)
    for query in ("rossi", "lavrov", "putin", "zelensky", "peskov"):
        assert canon.lookup(query) == expected.lookup(query)


def test_discount_ignores_names_never_counted() -> None:
    canon = canon_of(["Vladimir Putin"])
    canon.discount(["Sergei Lavrov", "", "Putin"])
    assert canon.to_dict()["counts"] == {"Vladimir Putin": 1}


def test_a_lone_first_name_is_no_value() -> None:
    canon = canon_of(["Giovanni"], ["Giovanni Rossi"], ["Giovanni", "Anna Bianchi"])
    assert canon.value("Giovanni") is None
    assert canon.value("Giovanni Rossi") == "Giovanni Rossi"


@pytest.mark.parametrize("initials", ["S. G.", "A.C.", "P. D. M."])
def test_initials_alone_are_no_value(initials: str) -> None:
    canon = canon_of([initials, "Sara Gatti"], [initials])
    assert canon.value(initials) is None
    assert canon.value("Sara Gatti") == "Sara Gatti"
    assert canon.value("J. R. Tolkien") == "J. R. Tolkien"


def test_two_first_names_that_longer_names_start_with_are_no_value() -> None:
    canon = canon_of(["Giovanni Battista"], ["Maria Grazia", "Mario Rossi"])
    # no longer name yet: it may be a first name and a surname
    assert canon.value("Giovanni Battista") == "Giovanni Battista"
    before = canon.copy()
    canon.add(["Giovanni Battista Durante"])
    assert canon.value("Giovanni Battista") is None
    assert canon.value("Giovanni Battista Durante") == "Giovanni Battista Durante"
    assert "Giovanni Battista" in canon.changed_since(before)
    assert canon.value("Maria Grazia") == "Maria Grazia"
    # the longer name counted no more: the pair is a name again
    canon.discount(["Giovanni Battista Durante"])
    assert canon.value("Giovanni Battista") == "Giovanni Battista"
    # a surname that is no first name keeps its value beside a longer name
    canon = canon_of(["Mario Rossi"], ["Mario Rossi Bianchi"])
    assert canon.value("Mario Rossi") == "Mario Rossi"


@pytest.mark.parametrize(
    ("full", "lone", "other"),
    [
        ("Roberto Giovanni", "Giovanni", "Giovanni Rossi"),
        ("Giuseppe Di Giorgio", "Giorgio", "Giorgio Bianchi"),  # "don Giorgio", a priest
        ("Rio San Michele", "Michelle", "Michele Santoro"),  # a dog; keys alike
    ],
)
def test_a_lone_first_name_links_to_no_one_across_articles(
    full: str, lone: str, other: str
) -> None:
    # the archive writes the word as a first name at least as often as a surname
    canon = canon_of([full], [lone], [other])
    assert canon.value(lone) is None
    assert canon.value(full) == full


def test_a_first_name_the_archive_writes_as_a_surname_links() -> None:
    canon = canon_of(["Enrico Aimi"], ["Aimi"], ["Enrico Aimi", "Aimi"])
    assert canon.value("Aimi") == "Enrico Aimi"
    # now mostly a first name: the update reports the lone word whose value moved, so
    # an incremental index re-links the documents that carry it
    assert "Aimi" in canon.add(["Aimi Rossi", "Aimi Bianchi", "Aimi Verdi"])
    assert canon.value("Aimi") is None
    assert canon_of(["Enrico Aimi", "Aimi"], ["Aimi Rossi", "Aimi Bianchi"]).value("Aimi") is None


def test_a_lone_surname_links_only_to_the_one_person_so_named() -> None:
    # evidence: one person with that surname in the archive
    assert canon_of(["Gian Francesco Menani"], ["Menani"]).value("Menani") == (
        "Gian Francesco Menani"
    )
    # two, or none: the surname stays as it is
    two = canon_of(["Mario Rossi"], ["Paolo Rossi"], ["Rossi"])
    assert two.value("Rossi") == "Rossi"
    assert canon_of(["Bellelli"]).value("Bellelli") == "Bellelli"


@pytest.mark.parametrize("shorter", ["Carlo Muzzarelli", "Giancarlo Muzzarelli", "Muzzarelli"])
def test_given_names_written_shorter_join_the_fullest_form(shorter: str) -> None:
    canon = canon_of(
        ["Gian Carlo Muzzarelli"], ["Carlo Muzzarelli"], ["Giancarlo Muzzarelli"], ["Muzzarelli"]
    )
    assert canon.value(shorter) == "Gian Carlo Muzzarelli"


def test_two_names_run_together_absorb_neither() -> None:
    canon = canon_of(["Alfonso Scibona Serena Arbizzi"], ["Serena Arbizzi"])
    assert canon.value("Serena Arbizzi") == "Serena Arbizzi"


def test_ukrainian_and_russian_first_names_are_one_person() -> None:
    canon = PeopleCanon()
    canon.add(["Volodymyr Zelensky", "Vladimir Putin"])
    canon.add(["Volodymyr Zelensky"])
    canon.add(["Vladimir Zelensky", "Putin"])
    assert canon.value("Vladimir Zelensky") == "Volodymyr Zelensky"
    # the same first name with another surname is another person
    assert canon.value("Vladimir Putin") == "Vladimir Putin"
    assert canon.value("Putin") == "Vladimir Putin"
    assert name_key("Oleksandr Syrskyi") == name_key("Aleksandr Syrsky")
    # a lone word keeps its own key: it may be a surname
    assert name_key("Volodymyr") != name_key("Vladimir")


def test_a_surname_with_two_letters_swapped_joins_the_common_spelling() -> None:
    canon = PeopleCanon()
    for _ in range(10):
        canon.add(["Volodymyr Zelensky", "Mario Rossi"])
    changed = canon.add(["Volodymyr Zelesnky", "Mario Rosis"])
    assert canon.value("Volodymyr Zelesnky") == "Volodymyr Zelensky"
    assert changed == set()  # a new name reports no change of older ones
    # as common as the other spelling: two surnames, not a typo
    for _ in range(9):
        canon.add(["Volodymyr Zelesnky"])
    assert canon.value("Volodymyr Zelesnky") == "Volodymyr Zelesnky"
    assert canon.value("Mario Rosis") == "Mario Rosis"
    # a short surname never moves: real surnames lie one swap apart
    canon.add(["Anna Orsi"] * 1)
    for _ in range(10):
        canon.add(["Anna Rosi"])
    assert canon.value("Anna Orsi") == "Anna Orsi"


def test_a_surname_with_its_prefix_links_like_a_lone_surname() -> None:
    canon = canon_of(["Ugo Di Portanova"], ["Di Portanova"], ["Lucia De Sanctis"])
    assert canon.canonical("Di Portanova") == "Ugo Di Portanova"
    assert name_key("Di Portanova") == name_key("Ugo Di Portanova")[-1:]
    # two words whose first is a first name stay a full name
    assert len(name_key("Dino Portanova")) == 2
