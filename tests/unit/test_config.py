"""The user's file (cerca.toml): read with tomllib, changed through tomlkit keeping the
user's comments, one-line errors that name the line, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.config import (
    alias_person,
    forget_person,
    ignore_person,
    load_corrections,
    split_person,
)
from search.errors import ConfigError, ExitCode, UsageError
from search.people import PeopleCorrections


def test_a_missing_file_is_an_empty_one(tmp_path: Path) -> None:
    assert load_corrections(tmp_path / "cerca.toml") == PeopleCorrections()


def test_the_documented_layout_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cerca.toml"
    path.write_text(
        '[people]\nignore = ["Hera", "Serramazzoni"]\nsplit = ["Giuseppe Di Giorgio"]\n\n'
        '[people.alias]\n"Muzzarelli" = "Gian Carlo Muzzarelli"\n\n[saved]\nlavrov = "x"\n',
        encoding="utf-8",
    )
    assert load_corrections(path) == PeopleCorrections.of(
        ["Hera", "Serramazzoni"], {"Muzzarelli": "Gian Carlo Muzzarelli"}, ["Giuseppe Di Giorgio"]
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[people]\nignore = ["Hera"\nsplit = []\n', "cerca.toml, line 3: "),
        ('[people]\nignore = ["x"\n', "cerca.toml, line 3: unclosed array"),
        ("[people]\n\nignore = 'Hera'\n", "cerca.toml, line 3: people.ignore must be a list"),
        ("people = 3\n", "cerca.toml, line 1: [people] must be a table"),
        ("[people.alias]\nA = 1\n", "cerca.toml, line 1: people.alias must be a table"),
    ],
)
def test_a_broken_file_is_one_line_naming_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "cerca.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_corrections(path)
    assert str(error.value).startswith(f"{tmp_path}/{message}")
    assert "\n" not in str(error.value)
    assert error.value.exit_code is ExitCode.USAGE
    with pytest.raises(ConfigError):  # and no command changes it
        ignore_person(path, "Hera")
    assert path.read_text(encoding="utf-8") == text


def test_edits_keep_the_users_comments_and_other_sections(tmp_path: Path) -> None:
    path = tmp_path / "cerca.toml"
    path.write_text(
        '# decided with the desk, 2026\n[people]\n# places\nignore = ["Po"]\n\n'
        '[saved]\nlavrov = "persona:lavrov"  # every morning\n',
        encoding="utf-8",
    )
    assert ignore_person(path, "Serramazzoni")
    assert alias_person(path, "Muzzarelli", "Gian Carlo Muzzarelli")
    assert split_person(path, "Giuseppe Di Giorgio")
    text = path.read_text(encoding="utf-8")
    for kept in ("# decided with the desk, 2026", "# places", '"persona:lavrov"  # every morning'):
        assert kept in text
    assert load_corrections(path) == PeopleCorrections.of(
        ["Po", "Serramazzoni"], {"Muzzarelli": "Gian Carlo Muzzarelli"}, ["Giuseppe Di Giorgio"]
    )
    assert [p.name for p in tmp_path.iterdir()] == ["cerca.toml"]  # no temp file left


def test_a_name_has_one_decision_and_repeating_one_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cerca.toml"
    assert ignore_person(path, "Po")
    assert not ignore_person(path, "  PO ")
    assert alias_person(path, "po", "Pietro Po")  # the alias replaces the ignore
    assert load_corrections(path) == PeopleCorrections.of(alias={"po": "Pietro Po"})
    assert split_person(path, "Po")
    assert load_corrections(path) == PeopleCorrections.of(split=["Po"])
    assert forget_person(path, "po") and not forget_person(path, "po")
    assert not load_corrections(path)


@pytest.mark.parametrize(
    ("aliases", "variant", "canonical"),
    [((), "Putin", "putin"), ((("B", "A"),), "A", "B"), ((("B", "C"), ("C", "A")), "A", "B")],
)
def test_an_alias_of_itself_or_in_a_loop_is_refused(
    tmp_path: Path, aliases: tuple, variant: str, canonical: str
) -> None:
    path = tmp_path / "cerca.toml"
    for v, c in aliases:
        alias_person(path, v, c)
    with pytest.raises(UsageError):
        alias_person(path, variant, canonical)
