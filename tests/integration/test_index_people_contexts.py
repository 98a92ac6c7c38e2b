"""The people decision taken on the whole archive reaches the index incrementally: when
the contexts pooled over the archive flip a name, only the documents carrying it are
written again; a rebuild gives the same; the user's corrections still win."""

from __future__ import annotations

from pathlib import Path

from search.index import update_index
from search.people import PeopleCorrections
from tests.conftest import write_dated
from tests.integration.test_index_corrections import people

LONE = "Anche Cialdini era presente alla cerimonia in municipio."
STREET = "Un incidente in viale Cialdini. Code in via Cialdini fino a sera."
OTHER = "Il sindaco Mario Rossi ha inaugurato la mostra."


def test_a_flip_relinks_only_the_documents_carrying_the_name(tmp_path: Path) -> None:
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    write_dated(corpus, "lone.txt", "Cerimonia in municipio", LONE)
    write_dated(corpus, "other.txt", "Mostra inaugurata", OTHER)
    update_index(corpus, ix)
    assert people(ix) == {"lone": ["Cialdini"], "other": ["Mario Rossi"]}

    for i in range(2):  # the archive now writes it as a street, never with a person cue
        write_dated(corpus, f"street{i}.txt", "Incidente in viale", STREET)
    s = update_index(corpus, ix)
    assert (s.added, s.relinked) == (2, 1)  # lone.txt only
    assert people(ix) == {"lone": [], "other": ["Mario Rossi"], "street0": [], "street1": []}
    assert update_index(corpus, ix).relinked == 0  # settled

    rebuilt = tmp_path / "rebuilt"
    update_index(corpus, rebuilt)
    assert people(rebuilt) == people(ix)

    (corpus / "street0.txt").unlink()  # one street article left: too little to say
    s = update_index(corpus, ix)
    assert (s.deleted, s.relinked) == (1, 1)
    assert people(ix)["lone"] == ["Cialdini"]


def test_the_users_alias_keeps_a_name_the_contexts_drop(tmp_path: Path) -> None:
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    write_dated(corpus, "lone.txt", "Cerimonia in municipio", LONE)
    for i in range(2):
        write_dated(corpus, f"street{i}.txt", "Incidente in viale", STREET)
    update_index(corpus, ix)
    assert people(ix)["lone"] == []
    alias = PeopleCorrections.of(alias={"Cialdini": "Enrico Cialdini"})
    s = update_index(corpus, ix, corrections=alias)
    assert s.relinked == 1
    assert people(ix)["lone"] == ["Enrico Cialdini"]


def test_a_table_without_evidence_is_migrated_in_place(tmp_path: Path) -> None:
    import sqlite3

    from search.index.reader import CURRENT

    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    write_dated(corpus, "lone.txt", "Cerimonia in municipio", LONE)
    update_index(corpus, ix)
    table = ix / (ix / CURRENT).read_text().strip() / "files.sqlite"
    with sqlite3.connect(table) as db:  # as an older version wrote it
        db.execute("ALTER TABLE files DROP COLUMN evidence")
    for i in range(2):
        write_dated(corpus, f"street{i}.txt", "Incidente in viale", STREET)
    s = update_index(corpus, ix)  # the old rows get an empty column; new files count
    assert (s.added, s.relinked) == (2, 1)
    assert people(ix)["lone"] == []
    assert update_index(corpus, ix).relinked == 0
    assert update_index(corpus, ix, rebuild=True).documents == 3
    assert people(ix)["lone"] == []
