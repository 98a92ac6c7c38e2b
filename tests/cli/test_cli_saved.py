"""`cerca saved add|list|remove|run` and the user's file: every format, a file edited by
hand, a broken file (one line, nothing lost), a saved query that no longer parses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from search.cli import app


@pytest.fixture
def cerca(tmp_path: Path, seed_index: Path):
    config = tmp_path / "cerca.toml"

    def run(*args: str):
        env = {"CERCA_CONFIG": str(config), "CERCA_INDEX": str(seed_index)}
        return CliRunner().invoke(app, list(args), env=env)

    run.config = config  # type: ignore[attr-defined]
    return run


def test_add_list_remove_in_every_format(cerca) -> None:
    config: Path = cerca.config
    config.write_text('# le nostre ricerche\n[people]\nignore = ["Hera"]  # no\n')
    added = cerca("saved", "add", "lavrov", "persona:lavrov", "--since", "2025", "--tag", "Russia")
    assert added.exit_code == 0, added.output
    assert cerca("saved", "add", "droni e kiev", "droni", "kiev").exit_code == 0
    text = config.read_text()
    assert text.startswith('# le nostre ricerche\n[people]\nignore = ["Hera"]  # no\n')
    assert '[saved."droni e kiev"]' in text and 'tag = ["Russia"]' in text
    listed = json.loads(cerca("saved", "list", "--format", "json").stdout)
    assert listed == [
        {"name": "lavrov", "query": "persona:lavrov", "tag": ["Russia"], "since": "2025"},
        {"name": "droni e kiev", "query": "droni kiev"},
    ]
    lines = cerca("saved", "list", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x) for x in lines] == listed
    rows = list(csv.DictReader(io.StringIO(cerca("saved", "list", "--format", "csv").stdout)))
    assert [(r["name"], r["tag"], r["since"]) for r in rows] == [
        ("lavrov", "Russia", "2025"),
        ("droni e kiev", "", ""),
    ]
    table = cerca("saved", "list", "--format", "table").stdout
    assert "2 saved searches" in table and "tag Russia, since 2025" in table
    assert cerca("saved", "remove", "lavrov").exit_code == 0
    assert [s["name"] for s in json.loads(cerca("saved", "list", "--format", "json").stdout)] == [
        "droni e kiev"
    ]
    gone = cerca("saved", "remove", "lavrov")
    assert gone.exit_code == 2 and "no saved search named 'lavrov'" in gone.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "putin", "("], "missing ')'"),
        (["x", "putin", "--since", "2025-02-30"], "--since: 2025-02-30 is not a date"),
        (["x", "putin", "--until", "ieri"], "--until: ieri is not YYYY, YYYY-MM or YYYY-MM-DD"),
        (["x"], "needs a query or a filter"),
        (["  ", "putin"], "needs a name"),
    ],
)
def test_add_refuses_what_cannot_run(cerca, args: list[str], message: str) -> None:
    result = cerca("saved", "add", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert not cerca.config.exists()


def test_add_twice_needs_replace(cerca) -> None:
    cerca("saved", "add", "p", "putin")
    again = cerca("saved", "add", "p", "lavrov")
    assert again.exit_code == 2 and "--replace" in again.stderr
    assert cerca("saved", "add", "p", "lavrov", "--replace").exit_code == 0
    assert json.loads(cerca("saved", "list", "--format", "json").stdout)[0]["query"] == "lavrov"


def test_run_gives_what_query_gives(cerca) -> None:
    cerca("saved", "add", "droni", "droni", "--section", "Esteri")
    for fmt in ("json", "jsonl", "csv", "table"):
        saved = cerca("saved", "run", "droni", "--format", fmt, "--no-facets")
        direct = cerca("query", "droni", "--section", "Esteri", "--format", fmt, "--no-facets")
        assert saved.exit_code == 0, saved.output
        if fmt == "json":
            a, b = json.loads(saved.stdout), json.loads(direct.stdout)
            assert a["total"] == b["total"] > 0
            assert [h["id"] for h in a["hits"]] == [h["id"] for h in b["hits"]]
        elif fmt != "table":  # the table's header line carries a time
            assert saved.stdout == direct.stdout
    missing = cerca("saved", "run", "nessuna")
    assert missing.exit_code == 2 and "saved: droni" in missing.stderr


def test_a_missing_file_is_empty(cerca) -> None:
    result = cerca("saved", "list", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    new = cerca("saved", "new")
    assert new.exit_code == 0 and new.stdout == "" and "no saved searches" in new.stderr


def test_a_broken_file_gives_one_line_and_nothing_is_lost(cerca) -> None:
    broken = '[saved.p]\nquery = "putin"\n[saved.q\nquery = "x"\n'
    cerca.config.write_text(broken)
    for args in (["saved", "list"], ["saved", "add", "z", "zelensky"], ["saved", "new"]):
        result = cerca(*args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "line 3" in result.stderr
        assert str(cerca.config) in result.stderr
    assert cerca.config.read_text() == broken


def test_a_hand_edited_search_that_no_longer_parses(cerca) -> None:
    cerca.config.write_text(
        '[saved.buona]\nquery = "droni"\n\n[saved.rotta]\nquery = "droni AND"\n\n'
        '[saved.strana]\nquery = 3\n\n[saved.lista]\nquery = "kiev"\nperson = "Zelensky"\n'
    )
    listed = cerca("saved", "list", "--format", "jsonl")
    assert listed.exit_code == 2
    assert [json.loads(x)["name"] for x in listed.stdout.splitlines()] == [
        "buona",
        "rotta",
        "lista",
    ]
    assert "line 7: saved search 'strana': query must be a string" in listed.stderr
    rotta = cerca("saved", "run", "rotta")
    assert rotta.exit_code == 2 and rotta.stderr.startswith("cerca: saved search rotta: ")
    assert cerca("saved", "run", "buona", "--format", "json").exit_code == 0
    lista = json.loads(cerca("saved", "list", "--format", "json").stdout)[2]
    assert lista["person"] == ["Zelensky"]  # one name for a list of one
