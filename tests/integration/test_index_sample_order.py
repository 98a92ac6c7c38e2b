"""A build adds its documents in sample order (search.index.sample.rank), so each sample
level is one run of doc ids at the start of the segment: a sampled facet pass seeks past
the rest of a word's postings instead of decoding them all."""

from __future__ import annotations

from pathlib import Path

import tantivy

from search.index import schema as f
from search.index import update_index
from search.index.reader import current_dir, open_tantivy
from search.index.sample import LEVELS
from tests.conftest import write_dated


def _doc_ids(searcher: tantivy.Searcher, index: tantivy.Index, level: int) -> list[int]:
    query = index.parse_query(f'{f.SAMPLE}:"{level}"', [f.SAMPLE])
    hits = searcher.search(query, limit=10_000).hits
    return sorted(address.doc for _score, address in hits)


def test_each_sample_level_is_the_first_run_of_doc_ids(tmp_path: Path) -> None:
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    for n in range(120):
        write_dated(corpus, f"{n % 7}/{n:03d}.txt", f"Titolo {n}", f"Testo dell'articolo {n}.")
    update_index(corpus, ix)
    index = open_tantivy(current_dir(ix))
    searcher = index.searcher()
    assert searcher.num_segments == 1 and searcher.num_docs == 120
    sizes = []
    for level in range(1, LEVELS + 1):
        ids = _doc_ids(searcher, index, level)
        assert ids == list(range(len(ids))), level
        sizes.append(len(ids))
    assert sizes[0] > sizes[2] > 0  # the levels are not empty nor all alike
