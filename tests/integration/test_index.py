"""`update_index` / `open_index`: incremental updates, people, rebuild swap, damage, lock."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import tantivy

from search.errors import IndexBusyError, IndexCorruptError, IndexMissingError
from search.index import generation, open_index, schema, update_index
from search.index import run as index_module
from search.index.facet_bounds import FACETS, Recent
from search.index.lock import index_lock
from search.models import IndexPhase
from tests.conftest import FIXTURE_IDS, SEED_IDS, write_dated


def dump(index_path: Path) -> dict[str, dict[str, list]]:
    """Every stored field of every document, by id: what two indexes must agree on."""
    index, _ = open_index(index_path)
    searcher = index.searcher()
    out = {}
    for _score, address in searcher.search(tantivy.Query.all_query(), 100_000).hits:
        doc = searcher.doc(address).to_dict()
        out[doc[schema.ID][0]] = {k: sorted(v) for k, v in doc.items()}
    return out


def ids(index_path: Path) -> set[str]:
    return set(dump(index_path))


def count(index_path: Path, field: str, text: str) -> int:
    index, _ = open_index(index_path)
    return index.searcher().search(index.parse_query(text, [field]), 1).count


def people_of(index_path: Path, doc_id: str) -> list[str]:
    return dump(index_path)[doc_id].get(schema.PEOPLE, [])


LAVROV = "Il ministro degli Esteri russo {} ha incontrato il collega turco ad Ankara."


# -- building and incremental updates ----------------------------------------------------


def test_seed_index_holds_every_seed_and_fixture(seed_index: Path) -> None:
    index, manifest = open_index(seed_index)
    assert ids(seed_index) == set(SEED_IDS) | set(FIXTURE_IDS)
    assert manifest.documents == index.searcher().num_docs == len(SEED_IDS) + len(FIXTURE_IDS)
    assert manifest.updated.endswith("+00:00")


@pytest.mark.parametrize(
    ("doc_id", "person"),
    [
        ("901_lavrov_colloqui", "Sergei Lavrov"),  # written `Sergej Lavrov`
        ("901_lavrov_colloqui", "Dmitry Peskov"),  # written `Dmitrij Peskov`
        ("900_droni_kiev", "Volodymyr Zelensky"),  # written `Volodymyr Zelenskyy`
        ("002_c011ba515ee5af6f", "Sergei Lavrov"),
        ("003_236b9d47b589822e", "Sergei Lavrov"),
    ],
)
def test_seed_index_people_are_canonical_corpus_wide(
    seed_index: Path, doc_id: str, person: str
) -> None:
    assert person in people_of(seed_index, doc_id)


def test_second_run_touches_nothing(corpus: Path, tmp_path: Path) -> None:
    first = update_index(corpus, tmp_path / "ix")
    assert (first.added, first.created, first.rebuilt) == (
        len(SEED_IDS) + len(FIXTURE_IDS),
        True,
        False,
    )
    again = update_index(corpus, tmp_path / "ix")
    assert (again.added, again.updated, again.deleted, again.relinked) == (0, 0, 0, 0)
    assert again.unchanged == first.added and not (again.created or again.rebuilt)


def test_add_change_delete_rename(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    write_dated(corpus, "nuovi/100_uno.txt", "Nuovo articolo sui ghiacciai", "I ghiacciai alpini.")
    (corpus / "902_calcio.txt").write_text(
        " date 2025-10 La Nazionale pareggia\n\nUn pareggio con i fenicotteri.\n", encoding="utf-8"
    )
    (corpus / "900_droni_kiev.txt").unlink()
    os.rename(corpus / "901_lavrov_colloqui.txt", corpus / "801_lavrov.txt")
    s = update_index(corpus, ix)
    assert (s.added, s.updated, s.deleted) == (2, 1, 2)
    assert s.unchanged == len(SEED_IDS)
    got = ids(ix)
    assert {"nuovi/100_uno", "801_lavrov", "902_calcio"} <= got
    assert not {"900_droni_kiev", "901_lavrov_colloqui"} & got
    assert count(ix, schema.BODY, "fenicotteri") == 1  # the new text is searchable
    assert count(ix, schema.BODY, "Norvegia") == 0  # the old text is gone
    assert count(ix, schema.BODY, "ghiacciai") == 1


def test_touch_without_change_is_unchanged(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    path = corpus / "902_calcio.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    s = update_index(corpus, ix)
    assert (s.added, s.updated, s.unchanged) == (0, 0, len(SEED_IDS) + len(FIXTURE_IDS))


def test_incremental_equals_clean_build(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    write_dated(corpus, "a/b/103.txt", "Lavrov ad Ankara", LAVROV.format("Sergei Lavrov"))
    (corpus / "900_droni_kiev.txt").unlink()
    update_index(corpus, ix)
    clean = tmp_path / "clean"
    update_index(corpus, clean)
    assert dump(ix) == dump(clean)


# -- people ---------------------------------------------------------------------------------


def test_canonical_people_follow_an_incremental_add(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_dated(corpus, "a.txt", "Lavrov ad Ankara", LAVROV.format("Sergej Lavrov"))
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    assert people_of(ix, "a") == ["Sergej Lavrov"]
    # Two more articles spell him Sergei: the corpus-wide value changes, and the old
    # document, untouched on disk, must follow.
    write_dated(corpus, "b.txt", "Lavrov a Minsk", LAVROV.format("Sergei Lavrov"))
    write_dated(corpus, "c.txt", "Lavrov a Baku", LAVROV.format("Sergei Lavrov"))
    s = update_index(corpus, ix)
    assert (s.added, s.relinked) == (2, 1)
    assert {people_of(ix, d)[0] for d in "abc"} == {"Sergei Lavrov"}
    _, manifest = open_index(ix)
    assert manifest.people.canonical("Sergej Lavrov") == "Sergei Lavrov"
    # ... and deleting them brings the old spelling back.
    (corpus / "b.txt").unlink()
    (corpus / "c.txt").unlink()
    s = update_index(corpus, ix)
    assert (s.deleted, s.relinked) == (2, 1)
    assert people_of(ix, "a") == ["Sergej Lavrov"]


ALBERTO = "Il sindaco {} ha presentato il bilancio ai consiglieri."
FERNANDO = "Il difensore {} ha segnato il gol della vittoria."


def _named_twice(corpus: Path, doc: str, text: str, name: str, date: str) -> None:
    """Two articles of `date` naming `name` in full (one is no evidence for a month)."""
    for n in "12":
        write_dated(corpus, f"{doc}{n}.txt", f"{name} {doc}{n}", text.format(name), date)


def test_a_shared_surname_follows_the_one_person_of_its_month(tmp_path: Path) -> None:
    """Two Bellelli in the archive: a lone `Bellelli` carries the one named in full in its
    month; a new full name re-links only the documents of the month it moves."""
    corpus = tmp_path / "corpus"
    _named_twice(corpus, "a", ALBERTO, "Alberto Bellelli", "2020-01")
    _named_twice(corpus, "b", FERNANDO, "Fernando Bellelli", "2020-02")
    for doc, date in (("c", "2020-01"), ("d", "2020-02"), ("e", "2020-03")):
        write_dated(corpus, f"{doc}.txt", f"Giunta {doc}", ALBERTO.format("Bellelli"), date)
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    assert [people_of(ix, d) for d in "cde"] == [
        ["Alberto Bellelli"],
        ["Fernando Bellelli"],
        ["Bellelli"],
    ]
    # Alberto named in March: only e moves
    _named_twice(corpus, "f", ALBERTO, "Alberto Bellelli", "2020-03")
    s = update_index(corpus, ix)
    assert (s.added, s.relinked) == (2, 1)
    assert people_of(ix, "e") == ["Alberto Bellelli"]
    # Fernando named in January too: c has two Bellelli in its month now, and only c moves
    write_dated(corpus, "g.txt", "Gennaio", FERNANDO.format("Fernando Bellelli"), "2020-01")
    s = update_index(corpus, ix)
    assert (s.added, s.relinked) == (1, 1)
    assert [people_of(ix, d) for d in "cde"] == [
        ["Bellelli"],
        ["Fernando Bellelli"],
        ["Alberto Bellelli"],
    ]
    # and taking the article back out restores c alone
    (corpus / "g.txt").unlink()
    s = update_index(corpus, ix)
    assert (s.deleted, s.relinked) == (1, 1)
    assert people_of(ix, "c") == ["Alberto Bellelli"]
    clean = tmp_path / "clean"
    update_index(corpus, clean)
    assert dump(ix) == dump(clean)


def test_a_surname_that_comes_to_be_shared_is_placed_by_the_update(tmp_path: Path) -> None:
    """One Bellelli: every lone `Bellelli` is his. A second one named in March takes the
    March document, counted from the table's rows; January's stays, untouched."""
    corpus = tmp_path / "corpus"
    _named_twice(corpus, "a", ALBERTO, "Alberto Bellelli", "2020-01")
    for doc, date in (("c", "2020-01"), ("e", "2020-03")):
        write_dated(corpus, f"{doc}.txt", f"Giunta {doc}", ALBERTO.format("Bellelli"), date)
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    assert [people_of(ix, d) for d in "ce"] == [["Alberto Bellelli"], ["Alberto Bellelli"]]
    _named_twice(corpus, "b", FERNANDO, "Fernando Bellelli", "2020-03")
    s = update_index(corpus, ix)
    assert (s.added, s.relinked) == (2, 1)
    assert [people_of(ix, d) for d in "ce"] == [["Alberto Bellelli"], ["Fernando Bellelli"]]
    clean = tmp_path / "clean"
    update_index(corpus, clean)
    assert dump(ix) == dump(clean)


def _files_db(ix: Path) -> Path:
    return ix / (ix / "CURRENT").read_text().strip() / "files.sqlite"


def _saved_people(files: Path) -> dict | None:
    with contextlib.closing(sqlite3.connect(files)) as db:
        (text,) = db.execute("SELECT value FROM meta WHERE key = 'people'").fetchone()
    return json.loads(text) if text else None


def test_a_settled_table_keeps_its_canon_and_a_no_op_run_writes_nothing(
    corpus: Path, tmp_path: Path
) -> None:
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    files = _files_db(ix)
    with contextlib.closing(sqlite3.connect(files)) as db:
        rows = db.execute("SELECT names FROM files").fetchall()
    # the saved canon counts exactly the names of the table's files
    names = Counter(n for (text,) in rows for n in json.loads(text))
    assert _saved_people(files)["counts"] == dict(names) != {}  # type: ignore[index]
    written = files.stat().st_mtime_ns
    s = update_index(corpus, ix)
    assert (s.added, s.updated, s.deleted, s.relinked) == (0, 0, 0, 0)
    assert files.stat().st_mtime_ns == written


def test_a_file_table_kept_as_json_by_an_older_version_moves_to_sqlite(
    corpus: Path, tmp_path: Path
) -> None:
    """An index written before the table moved to SQLite is updated, not rebuilt: its
    files.json is read once and replaced by files.sqlite."""
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    clean = dump(ix)
    db_path = _files_db(ix)
    with contextlib.closing(sqlite3.connect(db_path)) as db:
        rows = db.execute("SELECT rel, size, mtime, hash, id, names, people FROM files")
        files = {r[0]: [r[1], r[2], r[3], r[4], json.loads(r[5]), json.loads(r[6])] for r in rows}
    legacy = db_path.with_name("files.json")
    people = _saved_people(db_path)
    legacy.write_text(
        json.dumps(
            {
                "schema_version": schema.SCHEMA_VERSION,
                "files": files,
                "skipped": {},
                "people": people,
            }
        ),
        encoding="utf-8",
    )
    db_path.unlink()
    s = update_index(corpus, ix)
    assert (s.added, s.updated, s.deleted, s.relinked) == (0, 0, 0, 0)
    assert s.unchanged == len(files) > 0
    assert db_path.exists() and not legacy.exists()
    assert _saved_people(db_path) == people
    assert dump(ix) == clean


def test_a_table_saved_without_its_canon_is_checked_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit in the middle of a run saves no canon (the run may die before its re-link
    pass): the next run recounts every name and re-links every document that needs it,
    even when no file changed."""
    corpus = tmp_path / "corpus"
    write_dated(corpus, "a.txt", "Lavrov ad Ankara", LAVROV.format("Sergej Lavrov"))
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    write_dated(corpus, "b.txt", "Lavrov a Minsk", LAVROV.format("Sergei Lavrov"))
    write_dated(corpus, "c.txt", "Lavrov a Baku", LAVROV.format("Sergei Lavrov"))
    with monkeypatch.context() as m:  # a run whose re-link pass never happened
        m.setattr(index_module.Canonical, "stale", lambda self, table, only=None: [])
        update_index(corpus, ix)
    assert people_of(ix, "a") == ["Sergej Lavrov"]
    files = _files_db(ix)
    assert _saved_people(files) is not None
    with contextlib.closing(sqlite3.connect(files)) as db, db:
        db.execute("UPDATE meta SET value = '' WHERE key = 'people'")
    s = update_index(corpus, ix)
    assert (s.added, s.updated, s.relinked) == (0, 0, 1)
    assert people_of(ix, "a") == ["Sergei Lavrov"]
    clean = tmp_path / "clean"
    update_index(corpus, clean)
    assert dump(ix) == dump(clean)
    assert _saved_people(files) is not None


# -- rebuild, readers ------------------------------------------------------------------------


def test_rebuild_swaps_generations_under_an_open_reader(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    old_index, old_manifest = open_index(ix)
    old_count = old_index.searcher().num_docs
    (corpus / "900_droni_kiev.txt").unlink()
    s = update_index(corpus, ix, rebuild=True)
    assert s.rebuilt and not s.created and s.added == old_count - 1
    new_index, new_manifest = open_index(ix)
    assert new_manifest.generation != old_manifest.generation
    assert new_index.searcher().num_docs == old_count - 1
    # the reader opened before the swap still answers from its generation
    old_index.reload()
    assert old_index.searcher().num_docs == old_count
    assert (ix / "PREVIOUS").read_text().strip() == old_manifest.generation
    update_index(corpus, ix, rebuild=True)
    gens = sorted(p.name for p in ix.iterdir() if p.name.startswith("gen-"))
    assert len(gens) == 2  # current + previous; older generations are removed


def test_readers_see_commits_of_an_incremental_update(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    reader, _ = open_index(ix)
    before = reader.searcher().num_docs
    write_dated(corpus, "z.txt", "Un articolo in più", "Testo breve sul bilancio.")
    update_index(corpus, ix)
    reader.reload()
    assert reader.searcher().num_docs == before + 1


# -- missing, damaged, busy -----------------------------------------------------------------


def test_missing_index(tmp_path: Path) -> None:
    for path in (tmp_path / "nothing", tmp_path):
        with pytest.raises(IndexMissingError, match="run `cerca index`"):
            open_index(path)


def _damage_pointer(ix: Path) -> None:
    (ix / "CURRENT").write_text("garbage\n")


def _damage_meta(ix: Path) -> None:
    gen = (ix / "CURRENT").read_text().strip()
    (ix / gen / "cerca.json").write_text("{not json")


def _old_schema(ix: Path) -> None:
    gen = (ix / "CURRENT").read_text().strip()
    meta = json.loads((ix / gen / "cerca.json").read_text())
    meta["schema_version"] = 1
    (ix / gen / "cerca.json").write_text(json.dumps(meta))


def _truncate_segments(ix: Path) -> None:
    gen = (ix / "CURRENT").read_text().strip()
    for f in (ix / gen).glob("*.store"):
        f.write_bytes(f.read_bytes()[:10])


def _remove_tantivy_meta(ix: Path) -> None:
    gen = (ix / "CURRENT").read_text().strip()
    (ix / gen / "meta.json").unlink()


def _remove_generation(ix: Path) -> None:
    gen = (ix / "CURRENT").read_text().strip()
    shutil.rmtree(ix / gen)


DAMAGE = [
    _damage_pointer,
    _damage_meta,
    _old_schema,
    _truncate_segments,
    _remove_tantivy_meta,
    _remove_generation,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_damaged_index_says_rebuild_and_rebuild_repairs(
    damage, corpus: Path, tmp_path: Path
) -> None:
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    damage(ix)
    with pytest.raises(IndexCorruptError, match=r"cerca index --rebuild"):
        open_index(ix)
    with pytest.raises(IndexCorruptError, match=r"cerca index --rebuild"):
        update_index(corpus, ix)
    s = update_index(corpus, ix, rebuild=True)
    assert s.rebuilt
    assert ids(ix) == set(SEED_IDS) | set(FIXTURE_IDS)


def test_second_indexer_is_refused(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    with index_lock(ix):
        with pytest.raises(IndexBusyError, match="index is busy"):
            update_index(corpus, ix)
        out = subprocess.run(
            [sys.executable, "-m", "search.cli", "index", str(corpus), "--index", str(ix)],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 1
        assert "index is busy" in out.stderr and "Traceback" not in out.stderr
    update_index(corpus, ix)  # released: the next run goes through


def test_empty_corpus_never_wipes_an_index(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(Exception, match="no article files"):
        update_index(empty, ix)
    assert ids(ix) == set(SEED_IDS) | set(FIXTURE_IDS)


def phases_and_totals(calls: list[tuple[IndexPhase, int, int]]) -> dict[IndexPhase, set[int]]:
    """{phase: the totals it was reported with}, phases in the order they came."""
    totals: dict[IndexPhase, set[int]] = {}
    for phase, done, total in calls:
        assert 0 <= done <= total or total == 0
        totals.setdefault(phase, set()).add(total)
    return totals


def test_progress_has_one_total_per_phase_that_never_moves(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_dated(corpus, "a.txt", "Lavrov ad Ankara", LAVROV.format("Sergej Lavrov"))
    ix = tmp_path / "ix"
    calls: list[tuple[IndexPhase, int, int]] = []
    update_index(corpus, ix, progress=lambda *call: calls.append(call))
    assert phases_and_totals(calls) == {
        IndexPhase.LISTING: {0},
        IndexPhase.READING: {1},
        IndexPhase.SAVING: {0},
    }
    assert calls[-2] == (IndexPhase.READING, 1, 1)
    # two more spell him Sergei: the first article is written again with that name, in a
    # phase of its own (the count of files to read stays 2, as the user sees them)
    write_dated(corpus, "b.txt", "Lavrov a Minsk", LAVROV.format("Sergei Lavrov"))
    write_dated(corpus, "c.txt", "Lavrov a Baku", LAVROV.format("Sergei Lavrov"))
    calls.clear()
    s = update_index(corpus, ix, progress=lambda *call: calls.append(call))
    assert s.relinked == 1
    assert phases_and_totals(calls) == {
        IndexPhase.LISTING: {0},
        IndexPhase.READING: {2},
        IndexPhase.PEOPLE: {1},
        IndexPhase.SAVING: {0},
    }
    assert list(dict.fromkeys(p for p, _, _ in calls)) == list(IndexPhase)  # in this order
    assert calls[-2] == (IndexPhase.PEOPLE, 1, 1)


def test_bad_file_is_remembered_until_it_changes(corpus: Path, tmp_path: Path) -> None:
    bad = corpus / "vuoto.txt"
    bad.write_text("   \n")
    ix = tmp_path / "ix"
    first = update_index(corpus, ix)
    second = update_index(corpus, ix)
    assert first.skipped == second.skipped == [("vuoto.txt", "empty file")]
    write_dated(corpus, "vuoto.txt", "Ora ha un titolo", "E anche un testo.")
    third = update_index(corpus, ix)
    assert (third.added, third.skipped) == (1, [])
    assert "vuoto" in ids(ix)


# -- what updates wrote since the build (search.index.facet_bounds) ---------------------------


def _gen_dir(ix: Path) -> Path:
    return ix / (ix / "CURRENT").read_text().strip()


def test_updates_count_the_facet_values_they_write(
    corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    from search.index.facet_bounds import VALUES_NAME, read_recent
    from search.query import Searcher, facets

    ix = tmp_path / "ix"
    update_index(corpus, ix)
    assert read_recent(_gen_dir(ix)) == Recent(
        0, dict.fromkeys(FACETS, 0), dict.fromkeys(FACETS, 0)
    )
    write_dated(corpus, "nuovi/100_uno.txt", "Vertice a Roma", LAVROV.format("Serghei Lavrov"))
    write_dated(corpus, "nuovi/101_due.txt", "Ancora Roma", LAVROV.format("Sergei Lavrov"))
    update_index(corpus, ix)
    recent = read_recent(_gen_dir(ix))
    assert recent is not None and recent.docs >= 2  # the two new ones, and any re-linked
    values = json.loads((_gen_dir(ix) / VALUES_NAME).read_text())["values"]
    written = [dump(ix)[i] for i in ("nuovi/100_uno", "nuovi/101_due")]
    lavrov = written[0][schema.PEOPLE]
    assert lavrov == written[1][schema.PEOPLE] and len(lavrov) == 1
    assert values["people"][lavrov[0]] >= 2
    assert recent.top["people"] >= 2 and recent.distinct["people"] == len(values["people"])

    # a reader counts with them, and counts the same as without
    searcher = Searcher(ix)
    assert searcher._counted[1] == recent
    for text in ("", "lavrov", "Roma", "persona:lavrov"):
        monkeypatch.setattr(facets, "TOP_SHARE", 1.0)
        cut = searcher.search(text, limit=1).facets
        monkeypatch.setattr(facets, "TOP_SHARE", -1.0)
        searcher._archive_facets = None
        searcher._archive_groups.clear()
        assert searcher.search(text, limit=1).facets == cut, text


def test_a_build_ends_as_one_segment_per_commit_none_merged(
    corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    # a merge of the build's segments mapped the whole index at 1M articles: the build
    # leaves its commits' segments as they are (docs/performance.md)
    monkeypatch.setattr(generation, "BUILD_COMMIT_DOCS", 2)
    monkeypatch.setattr(index_module, "ADD_BATCH", 1)  # the policy is asked after each add
    ix = tmp_path / "ix"
    summary = update_index(corpus, ix)
    meta = json.loads((_gen_dir(ix) / "meta.json").read_text())
    sizes = [segment["max_doc"] for segment in meta["segments"]]
    written = summary.documents + summary.relinked  # a relinked document is written twice
    assert sum(sizes) == written
    assert max(sizes) == 2  # no segment holds more than one commit's documents
    assert len(sizes) == -(-summary.added // 2) + (summary.relinked > 0)


def test_a_build_of_several_segments_counts_nothing(
    corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    from search.index.facet_bounds import SUMMARY_NAME, read_recent

    monkeypatch.setattr(generation, "BUILD_COMMIT_DOCS", 4)  # commits along the way
    monkeypatch.setattr(index_module, "ADD_BATCH", 2)
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    assert tantivy.Index.open(str(_gen_dir(ix))).searcher().num_segments > 1
    assert read_recent(_gen_dir(ix)) is None
    write_dated(corpus, "nuovi/100_uno.txt", "Vertice a Roma", LAVROV.format("Sergei Lavrov"))
    update_index(corpus, ix)
    assert not (_gen_dir(ix) / SUMMARY_NAME).exists()  # and updates do not start counting
    monkeypatch.undo()
    update_index(corpus, ix, rebuild=True)  # one segment again: counting starts over
    assert read_recent(_gen_dir(ix)) == Recent(
        0, dict.fromkeys(FACETS, 0), dict.fromkeys(FACETS, 0)
    )
