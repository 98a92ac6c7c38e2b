"""The corpus vocabulary beside the index: kept in step with it, and never needed for
correct results (a lost file is derived again from the index)."""

from __future__ import annotations

import os
from pathlib import Path

from search.index import update_index
from search.index.reader import current_dir
from search.index.vocabulary import FILE, Vocabulary, is_current
from search.query import Searcher
from tests.conftest import write_dated


def make_corpus(root: Path) -> Path:
    write_dated(root, "a.txt", "Colloqui a Ginevra", "I ministri hanno avuto lunghi colloqui.")
    write_dated(root, "b.txt", "La NATO si riunisce", "Il vertice è nato da una proposta.")
    return root


def vocabulary(ix: Path) -> Vocabulary:
    vocab = Vocabulary.load(current_dir(ix))
    assert vocab is not None
    return vocab


def test_the_build_saves_every_indexed_word(tmp_path: Path) -> None:
    corpus, ix = make_corpus(tmp_path / "c"), tmp_path / "ix"
    update_index(corpus, ix)
    words = set(vocabulary(ix).words)
    assert {"Colloqui", "colloqui", "Ginevra", "NATO", "nato", "vertice"} <= words


def test_an_update_adds_the_new_words(tmp_path: Path) -> None:
    corpus, ix = make_corpus(tmp_path / "c"), tmp_path / "ix"
    update_index(corpus, ix)
    write_dated(corpus, "c.txt", "Fenicotteri in volo", "Stormi di fenicotteri sul delta.")
    update_index(corpus, ix)
    assert {"Fenicotteri", "fenicotteri", "Stormi"} <= set(vocabulary(ix).words)
    hits = Searcher(ix).search("fenicottero").hits  # a lemma no article spells
    assert [h.id for h in hits] == ["c"]


def test_a_lost_vocabulary_costs_nothing_but_time(tmp_path: Path) -> None:
    corpus, ix = make_corpus(tmp_path / "c"), tmp_path / "ix"
    update_index(corpus, ix)
    (current_dir(ix) / FILE).write_bytes(b"damaged")
    assert Searcher(ix).search("colloquio").total == 1  # derived from the index
    update_index(corpus, ix)  # nothing changed, but the file is written again
    assert "colloqui" in vocabulary(ix).words


def test_lemmas_and_acronyms_through_the_vocabulary(tmp_path: Path) -> None:
    corpus, ix = make_corpus(tmp_path / "c"), tmp_path / "ix"
    update_index(corpus, ix)
    s = Searcher(ix)
    assert [h.id for h in s.search("colloquio").hits] == ["a"]
    assert [h.id for h in s.search("NATO").hits] == ["b"]
    assert [h.id for h in s.search("nascere").hits] == ["b"]  # `nato`, born
    assert s.search('"lunghi colloquio"').total == 1  # each phrase word: any form
    assert s.search('"colloqui lunghi"').total == 0


def test_a_vocabulary_older_than_the_last_commit_is_completed(tmp_path: Path) -> None:
    # as after a crash between tantivy's commit and the vocabulary's save
    corpus, ix = make_corpus(tmp_path / "c"), tmp_path / "ix"
    update_index(corpus, ix)
    gen = current_dir(ix)
    stale = vocabulary(ix)
    write_dated(corpus, "c.txt", "Fenicotteri in volo", "Stormi di fenicotteri sul delta.")
    update_index(corpus, ix)
    stale.save(gen)  # the file from before the commit
    os.utime(gen / FILE, ns=(1, 1))
    assert [h.id for h in Searcher(ix).search("fenicottero").hits] == ["c"]
    update_index(corpus, ix)  # nothing changed: the run still brings the file up to date
    assert "Fenicotteri" in vocabulary(ix).words
    assert is_current(gen)


def test_a_word_typed_as_written_is_found_even_without_the_vocabulary(tmp_path: Path) -> None:
    corpus, ix = make_corpus(tmp_path / "c"), tmp_path / "ix"
    update_index(corpus, ix)
    Vocabulary().save(current_dir(ix))  # empty, but "current": nothing to complete
    s = Searcher(ix)
    assert [h.id for h in s.search("ginevra").hits] == ["a"]  # as written: `Ginevra`
    assert [h.id for h in s.search("NATO").hits] == ["b"]


def test_phrases_past_tantivys_regex_limit(tmp_path: Path) -> None:
    # found by the query fuzzer: a phrase position is a regular expression of its forms,
    # and tantivy refuses one of more than 1,000 states
    corpus, ix = make_corpus(tmp_path / "c"), tmp_path / "ix"
    write_dated(corpus, "d.txt", "Il vertice", "Il ministro è stato ricevuto, sono stati giorni.")
    update_index(corpus, ix)
    s = Searcher(ix)
    assert s.search("putin*TO" + "a" * 400).total == 0
    assert s.search('"' + "x" * 900 + ' vertice"').total == 0
    assert [h.id for h in s.search('"è stato ricevuto"').hits] == ["d"]
