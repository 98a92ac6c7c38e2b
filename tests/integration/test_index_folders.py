"""The file table's folder digests: an update compares whole folders, and reads the rows
of only those whose listing moved (search.index.file_table, search.index.scan)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import pytest

from search.index import run, split_walk, update_index
from search.index.file_table import FileTable
from search.index.scan import listing_digest, scan_corpus
from tests.conftest import write_dated


@pytest.fixture(autouse=True, params=["one process", "two processes"])
def walkers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test walks with one process, then with two (a corpus of any size split)."""
    if request.param == "two processes":
        monkeypatch.setattr(run, "SPLIT_MIN_FILES", 0)
    return str(request.param)


def _corpus(root: Path) -> Path:
    for folder in ("a", "b", "b/c", ""):
        for n in range(3):
            write_dated(
                root, f"{folder}/{n}.txt".lstrip("/"), f"Titolo {folder} {n}", f"Testo {n}."
            )
    return root


def _db(ix: Path) -> Path:
    return ix / (ix / "CURRENT").read_text().strip() / "files.sqlite"


def _digests(ix: Path) -> dict[str, bytes]:
    with contextlib.closing(sqlite3.connect(_db(ix))) as db:
        return dict(db.execute("SELECT folder, digest FROM folders"))


def _rows_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders whose rows an update reads (appended as it reads them)."""
    read: list[str] = []
    original = FileTable.folder_rows

    def folder_rows(self: FileTable, prefix: str) -> dict:
        read.append(prefix)
        return original(self, prefix)

    monkeypatch.setattr(FileTable, "folder_rows", folder_rows)
    return read


def test_every_folder_with_files_has_the_digest_of_its_listing(tmp_path: Path) -> None:
    corpus, ix = _corpus(tmp_path / "corpus"), tmp_path / "ix"
    update_index(corpus, ix)
    found, _ = scan_corpus(corpus)
    listings: dict[str, list] = {}
    for rel, (size, mtime) in found.items():
        folder, _, name = rel.rpartition("/")
        listings.setdefault(folder + "/" if folder else "", []).append((name, size, mtime))
    assert _digests(ix) == {f: listing_digest(listing) for f, listing in listings.items()}


def test_a_no_op_update_reads_no_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, ix = _corpus(tmp_path / "corpus"), tmp_path / "ix"
    update_index(corpus, ix)
    read = _rows_read(monkeypatch)
    s = update_index(corpus, ix)
    assert (s.added, s.updated, s.deleted, s.unchanged) == (0, 0, 0, 12)
    assert read == []


def test_only_the_folder_that_moved_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, ix = _corpus(tmp_path / "corpus"), tmp_path / "ix"
    update_index(corpus, ix)
    write_dated(corpus, "b/c/1.txt", "Titolo nuovo", "Un testo con zanzibar.")
    read = _rows_read(monkeypatch)
    s = update_index(corpus, ix)
    assert (s.added, s.updated, s.deleted, s.unchanged) == (0, 1, 0, 11)
    assert set(read) == {"b/c/"}  # compared, then digested again at the commit


def test_files_that_swap_names_are_read_again(tmp_path: Path) -> None:
    """The folder holds the same sizes and mtimes, on other names: the digest holds the
    names, not only what the folder's files add up to."""
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    one = write_dated(corpus, "a/uno.txt", "Primo titolo", "Parla di fenicotteri.")
    two = write_dated(corpus, "a/due.txt", "Altro titolo", "Parla di ghiacciai...")
    os.utime(two, ns=(one.stat().st_atime_ns, one.stat().st_mtime_ns + 10**9))
    update_index(corpus, ix)
    os.rename(one, corpus / "a/tmp.txt")
    os.rename(two, one)
    os.rename(corpus / "a/tmp.txt", two)
    s = update_index(corpus, ix)
    assert (s.updated, s.unchanged) == (2, 0)


def test_gone_folders_and_files_leave_the_index(tmp_path: Path) -> None:
    corpus, ix = _corpus(tmp_path / "corpus"), tmp_path / "ix"
    update_index(corpus, ix)
    for name in ("0.txt", "1.txt", "2.txt"):
        (corpus / "b/c" / name).unlink()
    (corpus / "b/c").rmdir()
    (corpus / "a/1.txt").unlink()
    s = update_index(corpus, ix)
    assert (s.deleted, s.unchanged, s.documents) == (4, 8, 8)
    assert set(_digests(ix)) == {"", "a/", "b/"}


def test_a_row_written_without_its_digest_marks_the_folder(tmp_path: Path) -> None:
    """Whatever writes a row (an older cerca, a crash between two statements) leaves its
    folder marked in the same transaction: the next update reads that folder."""
    corpus, ix = _corpus(tmp_path / "corpus"), tmp_path / "ix"
    update_index(corpus, ix)
    with contextlib.closing(sqlite3.connect(_db(ix))) as db, db:
        db.execute("UPDATE files SET mtime = mtime - 1 WHERE rel = 'b/0.txt'")
    assert _digests(ix)["b/"] == b""
    s = update_index(corpus, ix)
    assert (s.updated, s.unchanged) == (0, 12)  # read again: the same text
    with contextlib.closing(sqlite3.connect(_db(ix))) as db:
        (mtime,) = db.execute("SELECT mtime FROM files WHERE rel = 'b/0.txt'").fetchone()
    assert mtime == (corpus / "b/0.txt").stat().st_mtime_ns
    assert _digests(ix)["b/"] != b""


def test_a_table_without_digests_gets_them_and_finds_nothing_to_do(tmp_path: Path) -> None:
    """A table written before the digests existed is digested once, at its next run."""
    corpus, ix = _corpus(tmp_path / "corpus"), tmp_path / "ix"
    update_index(corpus, ix)
    digests = _digests(ix)
    with contextlib.closing(sqlite3.connect(_db(ix))) as db, db:
        db.execute("DELETE FROM folders")
        db.execute("DELETE FROM meta WHERE key = 'folder_digests'")
    s = update_index(corpus, ix)
    assert (s.added, s.updated, s.deleted, s.unchanged) == (0, 0, 0, 12)
    assert _digests(ix) == digests


def _walk(corpus: Path, digests: dict[str, bytes], split: bool) -> tuple[list, list]:
    problems: list = []
    compared = split_walk.walk_compared(corpus, problems, digests, split=split)
    return sorted(compared, key=lambda c: c[0]), sorted(problems)


def test_two_walkers_find_what_one_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "corpus")
    for n in range(6):
        write_dated(corpus, f"d{n}/e/{n}.txt", f"Titolo {n}", "Testo.")
    os.mkfifo(corpus / "d1/e/tubo.txt")  # in the child's share: its problem comes back
    (corpus / "d3" / ".nascosto.txt").write_text("no", encoding="utf-8")
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    digests = _digests(ix)
    write_dated(corpus, "d2/e/nuovo.txt", "Nuovo", "Testo nuovo.")
    results: list = []
    original = split_walk._result_of
    monkeypatch.setattr(
        split_walk, "_result_of", lambda child: results.append(original(child)) or results[-1]
    )
    one, two = _walk(corpus, digests, False), _walk(corpus, digests, True)
    assert results and results[0] is not None  # the child walked, and answered
    assert one == two
    assert ("d1/e/tubo.txt", "not a regular file") in two[1]
    # listed: the folder whose digest moved (folders without files have no digest)
    assert [(prefix, files) for prefix, files, listing in two[0] if listing] == [("d2/e/", 2)]


def test_a_linked_folder_is_walked_once(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    for n in range(4):
        write_dated(corpus, f"d{n}/{n}.txt", f"Titolo {n}", "Testo.")
    os.symlink(corpus / "d0", corpus / "d1" / "link")  # d0 again, from the other share
    os.symlink(corpus / "d2", corpus / "collegata")
    one, two = _walk(corpus, {}, False), _walk(corpus, {}, True)
    assert one == two
    assert any("loop" in reason for _, reason in two[1])


@pytest.mark.parametrize("python", ["/nonexistent/python", "/bin/false"])
def test_a_child_that_cannot_walk_leaves_the_walk_to_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, python: str
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    for n in range(4):
        write_dated(corpus, f"d{n}/{n}.txt", f"Titolo {n}", "Testo.")
    one = _walk(corpus, {}, False)
    monkeypatch.setattr(split_walk.sys, "executable", python)  # cannot start, or fails
    assert _walk(corpus, {}, True) == one
