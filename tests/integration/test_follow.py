"""What is new for a saved search across index runs: the run history, the seen marks,
and `cerca saved new` over an update, a --rebuild, a moved file and deleted articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from search.cli import app
from search.index import file_table, history
from tests.conftest import write_dated


@pytest.fixture
def story(tmp_path: Path):
    """A corpus, its index and a user file; `cerca(...)` runs a command on them."""
    corpus, index, config = tmp_path / "corpus", tmp_path / "index", tmp_path / "cerca.toml"
    write_dated(corpus, "a.txt", "Putin a Mosca", "Il presidente Putin parla a Mosca.")
    write_dated(corpus, "b.txt", "Derby in città", "Il Modena vince il derby.")

    def cerca(*args: str):
        env = {"CERCA_CONFIG": str(config), "CERCA_INDEX": str(index)}
        return CliRunner().invoke(app, list(args), env=env)

    def index_run(*flags: str) -> None:
        result = cerca("index", str(corpus), "-q", *flags)
        assert result.exit_code == 0, result.output

    index_run()
    return corpus, index, cerca, index_run


def new_ids(cerca, *args: str) -> list[str]:
    result = cerca("saved", "new", "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


def test_a_first_build_is_a_run_and_a_new_search_starts_after_it(story) -> None:
    corpus, index, cerca, index_run = story
    (run,) = history.runs(index)
    assert (run.number, run.kind, run.changed, run.deleted) == (1, "built", ("a", "b"), ())
    assert cerca("saved", "add", "putin", "putin").exit_code == 0
    assert new_ids(cerca) == []  # saved after run 1: nothing since
    assert new_ids(cerca, "--since", "run:0") == ["a"]  # looking back
    assert new_ids(cerca, "--since", "0") == ["a"]


def test_new_since_an_incremental_update_then_the_mark_moves(story) -> None:
    corpus, index, cerca, index_run = story
    cerca("saved", "add", "putin", "putin")
    cerca("saved", "add", "derby", "derby")
    write_dated(corpus, "c.txt", "Putin di nuovo", "Putin torna a parlare.", "2026-01")
    write_dated(corpus, "b.txt", "Derby in città", "Il Modena vince il derby, di nuovo.")
    index_run()
    assert history.runs(index, 1)[0].changed == ("b", "c")
    assert new_ids(cerca, "putin", "--no-mark") == ["c"]
    assert new_ids(cerca, "putin") == ["c"]  # --no-mark did not move it
    assert new_ids(cerca, "putin") == []  # this one did
    assert new_ids(cerca, "derby") == ["b"]  # a changed article is new again
    index_run()  # nothing changed: no run recorded, nothing new
    assert history.latest(index) == 2
    assert new_ids(cerca) == []


def test_a_rebuild_where_files_only_moved_brings_nothing_new(story) -> None:
    corpus, index, cerca, index_run = story
    cerca("saved", "add", "putin", "putin")
    (corpus / "sub").mkdir()
    shutil.move(corpus / "a.txt", corpus / "sub" / "a.txt")  # another id, the same bytes
    index_run("--rebuild")
    moved = history.runs(index, 1)[0]  # every document rewritten, none new
    assert (moved.kind, moved.changed, moved.deleted) == ("rebuilt", (), ("a",))
    assert new_ids(cerca) == []
    index_run("--rebuild")  # nothing changed at all: nothing recorded
    assert history.latest(index) == 2
    write_dated(corpus, "d.txt", "Putin e Xi", "Putin incontra Xi.")
    index_run("--rebuild")
    assert history.runs(index, 2)[0].changed == ("d",)
    assert new_ids(cerca) == ["d"]


@pytest.mark.parametrize("few", [1000, 0])  # one IN (...) query, or the streamed pass
def test_a_copy_made_by_an_update_brings_nothing_new(story, monkeypatch, few: int) -> None:
    corpus, index, cerca, index_run = story
    monkeypatch.setattr(file_table, "_FEW_HASHES", few)
    shutil.copy2(corpus / "a.txt", corpus / "copia.txt")  # another id, a text already held
    write_dated(corpus, "g.txt", "Putin a Sochi", "Putin riceve a Sochi.")
    index_run()
    assert history.runs(index, 1)[0].changed == ("g",)


def test_a_deleted_article_is_not_reported(story) -> None:
    corpus, index, cerca, index_run = story
    cerca("saved", "add", "putin", "putin")
    write_dated(corpus, "e.txt", "Putin a Pechino", "Putin vola a Pechino.")
    index_run()
    (corpus / "e.txt").unlink()
    (corpus / "a.txt").unlink()
    write_dated(corpus, "f.txt", "Putin e Trump", "Putin chiama Trump.")
    index_run()
    last = history.runs(index, 2)[0]
    assert (last.changed, last.deleted) == (("f",), ("a", "e"))
    assert new_ids(cerca) == ["f"]  # e arrived and left since the last look
    assert new_ids(cerca, "--since", "run:0") == ["f"]


def test_since_a_date_and_every_format(story) -> None:
    corpus, index, cerca, index_run = story
    cerca("saved", "add", "putin", "putin", "--until", "2030")
    assert new_ids(cerca, "--since", "2000") == ["a"]
    assert new_ids(cerca, "--since", "2999-01") == []
    table = cerca("saved", "new", "--since", "2000", "--format", "table")
    assert "putin: 1 new article" in table.stdout and "Putin a Mosca" in table.stdout
    (group,) = json.loads(cerca("saved", "new", "--since", "2000", "--format", "json").stdout)
    assert (group["name"], group["total"], group["after_run"], group["upto_run"]) == (
        "putin",
        1,
        0,
        1,
    )
    assert [h["id"] for h in group["hits"]] == ["a"]
    rows = cerca("saved", "new", "--since", "2000", "--format", "csv").stdout.splitlines()
    assert rows[0].startswith("saved,id,path,title") and rows[1].startswith("putin,a,")
    bad = cerca("saved", "new", "--since", "ieri")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1


def test_a_search_never_looked_at_starts_at_its_first_look(story) -> None:
    corpus, index, cerca, index_run = story
    config = Path(index).parent / "cerca.toml"
    config.write_text('[saved.putin]\nquery = "putin"\n', encoding="utf-8")  # by hand
    write_dated(corpus, "g.txt", "Putin parla", "Putin parla ancora.")
    index_run()
    result = cerca("saved", "new", "--format", "jsonl")
    assert result.stdout == "" and "first look" in result.stderr
    write_dated(corpus, "h.txt", "Putin tace", "Putin oggi tace.")
    index_run()
    assert new_ids(cerca) == ["h"]


def test_a_broken_search_is_reported_and_the_others_still_run(story) -> None:
    corpus, index, cerca, index_run = story
    cerca("saved", "add", "putin", "putin")
    config = Path(index).parent / "cerca.toml"
    with open(config, "a", encoding="utf-8") as fh:
        fh.write('\n[saved.rotto]\nquery = "putin ("\n\n[saved.strano]\nquerry = "x"\n')
    write_dated(corpus, "c.txt", "Putin di nuovo", "Putin torna a parlare.")
    index_run()
    result = cerca("saved", "new", "--format", "jsonl")
    assert result.exit_code == 2
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["c"]
    errors = result.stderr.splitlines()
    assert any(e.startswith("cerca: saved search rotto: ") for e in errors)
    assert any("'strano'" in e and "unknown key 'querry'" in e and "line 7" in e for e in errors)
    assert new_ids(cerca, "putin") == []  # the search that ran was marked


def test_the_history_keeps_the_last_runs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(history, "KEEP", 3)
    for n in range(5):
        assert history.write_run(tmp_path, "updated", [f"id{n}"], []) is not None
    assert history.write_run(tmp_path, "updated", [], []) is None  # nothing changed
    assert [r.number for r in history.runs(tmp_path)] == [3, 4, 5]
    assert history.runs(tmp_path)[-1].changed == ("id4",)
    (tmp_path / history.HISTORY / "000004.json").write_text("{", encoding="utf-8")
    assert [r.number for r in history.runs(tmp_path)] == [3, 5]  # unreadable: left out


def test_runs_that_left_the_history_are_reported_missing(story, monkeypatch) -> None:
    corpus, index, cerca, index_run = story
    monkeypatch.setattr(history, "KEEP", 1)
    cerca("saved", "add", "putin", "putin")
    write_dated(corpus, "c.txt", "Putin uno", "Putin, primo.")
    index_run()
    write_dated(corpus, "d.txt", "Putin due", "Putin, secondo.")
    index_run()
    result = cerca("saved", "new", "--format", "jsonl")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["d"]
    assert "no longer in the history" in result.stderr and result.exit_code == 0
