"""A damaged, half-deleted or older index: one clear line naming `cerca index --rebuild`,
exit 1, never a traceback; `cerca index` repairs it or says to rebuild; `--rebuild` always
repairs it (SPEC §2, §7).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from .articles import write_corpus
from .conftest import dump_index, invoke_cerca, run_cerca

REBUILD = "cerca index --rebuild"


def _gen(index: Path) -> Path:
    return index / (index / "CURRENT").read_text().strip()


def _segment_files(index: Path, suffix: str) -> list[Path]:
    return sorted(_gen(index).glob(f"*{suffix}"), key=lambda p: -p.stat().st_size)


def _truncate(suffix: str) -> Callable[[Path], None]:
    def damage(index: Path) -> None:
        p = _segment_files(index, suffix)[0]
        data = p.read_bytes()
        p.write_bytes(data[: len(data) // 2])

    return damage


def _delete(suffix: str) -> Callable[[Path], None]:
    def damage(index: Path) -> None:
        _segment_files(index, suffix)[0].unlink()

    return damage


def _garble(name: str, data: bytes = b"\x00garbage{{ not json") -> Callable[[Path], None]:
    def damage(index: Path) -> None:
        (_gen(index) / name).write_bytes(data)

    return damage


def _remove(name: str) -> Callable[[Path], None]:
    def damage(index: Path) -> None:
        (_gen(index) / name).unlink()

    return damage


def _older_schema(index: Path) -> None:
    from search.index.schema import SCHEMA_VERSION

    p = _gen(index) / "cerca.json"
    data = json.loads(p.read_text(encoding="utf-8"))
    data["schema_version"] = SCHEMA_VERSION - 1
    p.write_text(json.dumps(data), encoding="utf-8")
    with contextlib.closing(sqlite3.connect(_gen(index) / "files.sqlite")) as db, db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION - 1,))


def _current_garbled(index: Path) -> None:
    (index / "CURRENT").write_bytes(b"\xff\xfe../../etc\n")


def _current_dangling(index: Path) -> None:
    shutil.rmtree(_gen(index))


def _empty_segment(index: Path) -> None:
    p = _segment_files(index, ".store")[0]
    p.write_bytes(b"")


DAMAGES: dict[str, Callable[[Path], None]] = {
    "truncated .store": _truncate(".store"),
    "truncated .idx": _truncate(".idx"),
    "truncated .term": _truncate(".term"),
    "truncated .fast": _truncate(".fast"),
    "empty .store": _empty_segment,
    "deleted .store": _delete(".store"),
    "deleted .term": _delete(".term"),
    "deleted .fast": _delete(".fast"),
    "garbage meta.json": _garble("meta.json"),
    "deleted meta.json": _remove("meta.json"),
    "garbage manifest": _garble("cerca.json"),
    "manifest not an object": _garble("cerca.json", b"[1, 2, 3]"),
    "deleted manifest": _remove("cerca.json"),
    "garbage file table": _garble("files.sqlite"),
    "deleted file table": _remove("files.sqlite"),
    "older schema": _older_schema,
    "CURRENT garbled": _current_garbled,
    "CURRENT names a missing generation": _current_dangling,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("damage")
    corpus = base / "corpus"
    specs = write_corpus(corpus, 40)
    index = base / "clean"
    r = run_cerca("index", corpus, "--index", index, "--quiet", cwd=base)
    assert r.returncode == 0, r.stderr
    return {
        "base": base,
        "corpus": corpus,
        "clean": index,
        "docs": dump_index(index),
        "specs": specs,
    }


def _one_line_rebuild(r, what: str) -> None:
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert r.returncode == 1, (what, r.returncode, r.stderr)
    assert len(lines) == 1, (what, r.stderr)
    assert REBUILD in lines[0], (what, lines[0])


# Only the indexer reads the file table: readers must not even notice it.
READERS_UNAFFECTED = {"garbage file table", "deleted file table"}


READER_COMMANDS = (
    ("query", "incontro", "--format", "json"),
    ("query", "--format", "table"),
    ("stats", "--format", "json"),
    ("show", "000/00000_alanews"),
)


@pytest.mark.parametrize("damage", sorted(set(DAMAGES) - READERS_UNAFFECTED))
def test_damaged_index_readers_say_rebuild(built: dict, tmp_path: Path, damage: str) -> None:
    index = tmp_path / "index"
    shutil.copytree(built["clean"], index)
    DAMAGES[damage](index)
    for args in READER_COMMANDS:
        r = invoke_cerca(*args, "--index", index, cwd=tmp_path)
        _one_line_rebuild(r, f"{damage}: cerca {' '.join(args)}")
        assert r.stdout == "", (damage, args, r.stdout[:300])


@pytest.mark.parametrize("damage", ["truncated .store", "older schema", "CURRENT garbled"])
def test_damaged_index_real_process(built: dict, tmp_path: Path, damage: str) -> None:
    """The same in a real process: a Rust panic or an abort would show only here."""
    index = tmp_path / "index"
    shutil.copytree(built["clean"], index)
    DAMAGES[damage](index)
    for args in READER_COMMANDS:
        r = run_cerca(*args, "--index", index, cwd=tmp_path)
        _one_line_rebuild(r, f"{damage}: cerca {' '.join(args)}")
    r = run_cerca("index", built["corpus"], "--index", index, "--rebuild", cwd=built["base"])
    assert r.returncode == 0, r.stderr
    assert dump_index(index) == built["docs"]


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damaged_index_indexer_repairs_or_says_rebuild(
    built: dict, tmp_path: Path, damage: str
) -> None:
    index = tmp_path / "index"
    shutil.copytree(built["clean"], index)
    DAMAGES[damage](index)
    # the indexer runs where the clean build ran: stored paths are shown relative to it
    cwd = built["base"]
    r = invoke_cerca("index", built["corpus"], "--index", index, "--quiet", cwd=cwd)
    if r.returncode == 0:  # repaired by itself: then it must be whole and answer
        assert dump_index(index) == built["docs"], damage
        q = invoke_cerca("query", "--format", "json", "--index", index, cwd=tmp_path)
        assert q.returncode == 0 and json.loads(q.stdout)["total"] == len(built["docs"])
    else:
        _one_line_rebuild(r, f"{damage}: cerca index")
    # --rebuild always brings it back, identical to a clean build.
    r = invoke_cerca("index", built["corpus"], "--index", index, "--rebuild", "--quiet", cwd=cwd)
    assert r.returncode == 0, (damage, r.stderr)
    assert dump_index(index) == built["docs"], damage
    q = invoke_cerca("query", "incontro", "--format", "json", "--index", index, cwd=tmp_path)
    assert q.returncode == 0 and json.loads(q.stdout)["total"] > 0


def test_files_table_damage_does_not_stop_readers(built: dict, tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(built["clean"], index)
    for name in READERS_UNAFFECTED:
        DAMAGES[name](index)
    r = run_cerca("query", "--format", "json", "--index", index, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["total"] == len(built["docs"])


def test_missing_index_says_what_to_run(tmp_path: Path) -> None:
    for args in (("query", "x"), ("stats",), ("show", "abc")):
        r = run_cerca(*args, "--index", tmp_path / "none", cwd=tmp_path)
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert r.returncode == 1 and len(lines) == 1, (args, r.stderr)
        assert "cerca index" in lines[0]


def test_index_path_is_a_file(tmp_path: Path) -> None:
    bogus = tmp_path / "index"
    bogus.write_text("not a folder")
    for args in (("query", "x"), ("stats",)):
        r = run_cerca(*args, "--index", bogus, cwd=tmp_path)
        assert r.returncode in (1, 2), (args, r.stderr)
        assert len([ln for ln in r.stderr.splitlines() if ln.strip()]) == 1, r.stderr
    write_corpus(tmp_path / "corpus", 3)
    r = run_cerca("index", tmp_path / "corpus", "--index", bogus, cwd=tmp_path)
    assert r.returncode in (1, 2), r.stderr
    assert len([ln for ln in r.stderr.splitlines() if ln.strip()]) == 1, r.stderr
    assert bogus.read_text() == "not a folder"  # never overwrite what is not ours
