"""The user's corrections reach the index: incrementally (only the documents carrying
the names they move are written again), through `--rebuild`, and never lost."""

from __future__ import annotations

from pathlib import Path

import tantivy
from typer.testing import CliRunner

from search.cli import app
from search.index import open_index, schema, update_index
from search.people import PeopleCorrections
from search.query import Searcher
from tests.conftest import write_dated

SENT = "Il ministro degli Esteri russo {} ha incontrato a Serramazzoni il collega turco."


def people(ix: Path) -> dict[str, list[str]]:
    index, _ = open_index(ix)
    searcher = index.searcher()
    out = {}
    for _score, address in searcher.search(tantivy.Query.all_query(), 1000).hits:
        doc = searcher.doc(address).to_dict()
        out[doc[schema.ID][0]] = sorted(doc.get(schema.PEOPLE, []))
    return out


def corpus_of(root: Path) -> Path:
    corpus = root / "corpus"
    write_dated(corpus, "a.txt", "Lavrov ad Ankara", SENT.format("Sergej Lavrov"))
    write_dated(corpus, "b.txt", "Lavrov a Minsk", SENT.format("Sergei Lavrov"))
    write_dated(corpus, "c.txt", "Lavrov a Baku", SENT.format("Sergei Lavrov"))
    write_dated(corpus, "d.txt", "Rubio a Roma", "Il segretario di Stato Marco Rubio a Roma.")
    return corpus


def test_corrections_relink_only_the_documents_that_carry_the_names(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path)
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    before = people(ix)
    assert before["a"] == ["Sergei Lavrov"] and before["d"] == ["Marco Rubio"]
    split = PeopleCorrections.of(split=["Sergej Lavrov"])
    s = update_index(corpus, ix, corrections=split)
    assert (s.added, s.updated, s.relinked) == (0, 0, 1)  # only a spells him Sergej
    assert people(ix) == {**before, "a": ["Sergej Lavrov"]}
    assert update_index(corpus, ix, corrections=split).relinked == 0  # applied once
    alias = PeopleCorrections.of(alias={"Sergei Lavrov": "Sergej Lavrov"})
    s = update_index(corpus, ix, corrections=alias)
    assert s.relinked == 2  # b and c; a already carries the value
    assert {d: p for d, p in people(ix).items() if d != "d"} == dict.fromkeys(
        "abc", ["Sergej Lavrov"]
    )
    # no corrections any more: back to what the rules say, and to a clean build's index
    update_index(corpus, ix)
    assert people(ix) == before


def test_ignore_drops_the_value_from_documents_facets_and_person_filters(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path)
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    s = update_index(corpus, ix, corrections=PeopleCorrections.of(ignore=["marco rubio"]))
    assert s.relinked == 1
    assert people(ix)["d"] == []
    searcher = Searcher(ix)
    assert "Marco Rubio" not in [v.value for v in searcher.people()]
    assert searcher.search("", _filters(person="rubio")).total == 0


def _filters(person: str):
    from search.models import Filters

    return Filters(people=(person,))


def test_the_users_file_survives_rebuild_and_a_broken_one_loses_nothing(
    tmp_path: Path, monkeypatch
) -> None:
    corpus = corpus_of(tmp_path)
    ix = tmp_path / "ix"
    config = tmp_path / "cerca.toml"
    monkeypatch.setenv("CERCA_CONFIG", str(config))
    runner = CliRunner()

    def cerca(*args: str):
        return runner.invoke(app, list(args))

    assert cerca("index", str(corpus), "--index", str(ix), "-q").exit_code == 0
    assert cerca("people", "ignore", "Marco Rubio").exit_code == 0
    assert cerca("index", str(corpus), "--index", str(ix), "-q").exit_code == 0
    assert people(ix)["d"] == []
    assert cerca("index", str(corpus), "--index", str(ix), "-q", "--rebuild").exit_code == 0
    assert people(ix)["d"] == []  # the file lives beside the index, not in it
    config.write_text('[people]\nignore = ["Marco Rubio"\n', encoding="utf-8")
    result = cerca("index", str(corpus), "--index", str(ix), "--rebuild")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"cerca: {config}, line 3: unclosed array"
    assert people(ix)["d"] == []  # the index is as it was
