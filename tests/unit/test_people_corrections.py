"""The user's corrections on top of the people canon: not a person, same person as, two
people; matched by spelling or by value, kept with the canon's state."""

from __future__ import annotations

import pytest

from search.people import PeopleCanon, PeopleCorrections


def canon_of(*articles: list[str], **corrections: object) -> PeopleCanon:
    canon = PeopleCanon()
    for names in articles:
        canon.add(names)
    canon.corrections = PeopleCorrections.of(**corrections)  # type: ignore[arg-type]
    return canon


ARTICLES = (
    ["Vladimir Putin", "Putin"],
    ["Gian Carlo Muzzarelli"],
    ["Muzzarelli", "Serramazzoni"],
    ["Serghei Lavrov"],
    ["Sergei Lavrov", "Lavrov"],
)


@pytest.mark.parametrize(
    ("corrections", "name", "value"),
    [
        ({}, "Serramazzoni", "Serramazzoni"),
        ({"ignore": ["serramazzoni"]}, "Serramazzoni", None),  # case-insensitive
        ({"ignore": ["Vladimir Putin"]}, "Putin", None),  # a value drops its spellings
        ({"ignore": ["Putin"]}, "Vladimir Putin", "Vladimir Putin"),  # a spelling only
        ({"ignore": ["Putin"]}, "Putin", None),
        ({"alias": {"Serramazzoni": "Gian Carlo"}}, "Serramazzoni", "Gian Carlo"),
        # every spelling of an aliased value follows it
        ({"alias": {"Sergei Lavrov": "Lavrov Sergei"}}, "Serghei Lavrov", "Lavrov Sergei"),
        ({"alias": {"Lavrov": "Zed Lavrov", "Zed Lavrov": "Lavrov"}}, "Lavrov", "Lavrov"),  # a loop
        ({"alias": {"Putin": "Vladimir V. Putin"}}, "Putin", "Vladimir V. Putin"),  # as written
        ({"split": ["Sergei Lavrov"]}, "Serghei Lavrov", "Serghei Lavrov"),
        ({"split": ["Sergei Lavrov"]}, "Lavrov", "Lavrov"),
        ({"split": ["Putin"]}, "Putin", "Putin"),
        ({"split": ["Putin"]}, "Vladimir Putin", "Vladimir Putin"),
    ],
)  # fmt: skip
def test_a_correction_wins_over_the_rules(corrections: dict, name: str, value: str | None) -> None:
    assert canon_of(*ARTICLES, **corrections).value(name) == value


def test_changed_since_lists_the_names_a_correction_moves() -> None:
    before = canon_of(*ARTICLES)
    after = canon_of(*ARTICLES, ignore=["Serramazzoni"], alias={"Muzzarelli": "M. Rossi"})
    assert after.changed_since(before) == {"Serramazzoni", "Muzzarelli"}
    assert canon_of(*ARTICLES).changed_since(before) == set()


def test_spellings_group_the_names_of_each_value() -> None:
    canon = canon_of(*ARTICLES, ignore=["Serramazzoni"], split=["Vladimir Putin"])
    spellings = canon.spellings()
    assert spellings["Sergei Lavrov"] == ["Lavrov", "Serghei Lavrov"]
    assert "Vladimir Putin" not in spellings and "Serramazzoni" not in spellings
    assert "Serramazzoni" not in canon.names()


def test_lookup_follows_the_corrections() -> None:
    canon = canon_of(*ARTICLES, ignore=["Serramazzoni"], alias={"Vladimir Putin": "Zar Putin"})
    assert canon.lookup("serramazzoni") == []
    assert canon.lookup("Putin") == ["Zar Putin"]
    split = canon_of(*ARTICLES, split=["Sergei Lavrov"])
    assert split.lookup("lavrov") == ["Lavrov", "Sergei Lavrov", "Serghei Lavrov"]


def test_the_corrections_travel_with_the_state() -> None:
    canon = canon_of(*ARTICLES, ignore=["Hera"], alias={"A B": "C D"}, split=["E F"])
    again = PeopleCanon.from_dict(canon.to_dict())
    assert again.corrections == canon.corrections
    assert "corrections" not in canon_of(*ARTICLES).to_dict()  # none: the old format
    assert not PeopleCorrections.from_dict({"ignore": "Hera", "alias": [1]})
