"""The file table's save beside the index commit, and a new generation's first pass
that looks up only the document ids two files share."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from search.index import update_index
from search.index.file_table import FILES_NAME, NAMES, PEOPLE, WHERE, FileTable, file_entry
from tests.conftest import write_dated


def _saved_rels(folder: Path) -> list[str]:
    db = sqlite3.connect(folder / FILES_NAME)
    try:
        return sorted(rel for (rel,) in db.execute("SELECT rel FROM files"))
    finally:
        db.close()


def _entry(doc_id: str, names: list[str], where: tuple[str, ...] = ()) -> list:
    return file_entry(
        10, 1, "h-" + doc_id, doc_id, names, names[:1], [[names[0], 1, 0, 0, 0, 0, 0]], where
    )


def test_rows_are_committed_after_what_runs_meanwhile(tmp_path: Path) -> None:
    table = FileTable.open(tmp_path, fresh=True)
    table.put("a.txt", _entry("a", ["Mario Rossi"]))
    seen: list[list[str]] = []
    table.save(meanwhile=lambda: seen.append(_saved_rels(tmp_path)))
    assert seen == [[]]  # nothing committed while the index commit runs
    assert _saved_rels(tmp_path) == ["a.txt"]
    table.close()


def test_a_failed_index_commit_leaves_the_table_as_it_was(tmp_path: Path) -> None:
    table = FileTable.open(tmp_path, fresh=True)
    table.put("a.txt", _entry("a", ["Mario Rossi"]))
    table.save()
    table.put("b.txt", _entry("b", ["Anna Bianchi"]))

    def fail() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        table.save(meanwhile=fail)
    assert _saved_rels(tmp_path) == ["a.txt"]
    assert table.get("b.txt") is not None  # still this run's change, saved by the next save
    table.save()
    assert _saved_rels(tmp_path) == ["a.txt", "b.txt"]
    table.close()


def test_people_of_reads_what_entries_hold(tmp_path: Path) -> None:
    table = FileTable.open(tmp_path, fresh=True)
    table.put("a.txt", _entry("a", ["Mario Rossi", "Rossi"], ("s:Cronaca", "m:2020-01")))
    table.save()
    table.put("b.txt", _entry("b", ["Anna Bianchi"]))
    expected = sorted((rel, e[NAMES], e[PEOPLE], e[WHERE]) for rel, e in table.entries())
    assert sorted(table.people_of()) == expected
    assert ["s:Cronaca", "m:2020-01"] in (where for *_, where in expected)
    assert list(table.people_of(["b.txt", "gone.txt"])) == [
        ("b.txt", ["Anna Bianchi"], ["Anna Bianchi"], [])
    ]
    table.close()


@pytest.mark.parametrize("rebuild", [False, True])
def test_two_files_with_one_document_id_give_one_document(tmp_path: Path, rebuild: bool) -> None:
    corpus = tmp_path / "corpus"
    write_dated(corpus, "a.txt", "Primo", "Il consiglio comunale si riunisce oggi.")
    write_dated(corpus, "a.TXT", "Secondo", "Il consiglio comunale si riunisce domani.")
    write_dated(corpus, "b.txt", "Terzo", "La giunta approva il bilancio.")
    index = tmp_path / "index"
    if rebuild:
        update_index(corpus, index)
    summary = update_index(corpus, index, rebuild=rebuild)
    assert summary.documents == 2
    reasons = dict(summary.skipped)
    assert len(reasons) == 1
    (reason,) = reasons.values()
    assert reason.startswith("same document id as ")


def test_an_update_skips_a_new_file_with_a_known_document_id(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_dated(corpus, "a.txt", "Primo", "Il consiglio comunale si riunisce oggi.")
    index = tmp_path / "index"
    update_index(corpus, index)
    write_dated(corpus, "a.TXT", "Secondo", "Il consiglio comunale si riunisce domani.")
    summary = update_index(corpus, index)
    assert summary.documents == 1
    assert [reason for _, reason in summary.skipped] == ["same document id as a.txt"]
