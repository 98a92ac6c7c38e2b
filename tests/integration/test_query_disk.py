"""Searcher over an index on disk built by the real indexer: opening, reload, stats."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.errors import IndexMissingError
from search.index import update_index
from search.query import Searcher


def write(root: Path, name: str, title: str, body: str, date: str = "2025-12") -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(f" date {date} {title}\n\n{body}\n", encoding="utf-8")


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="cerca index"):
        Searcher(tmp_path / "nothing")


def test_reload_sees_an_update_and_is_cheap_otherwise(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write(corpus, "a.txt", "Droni su Kiev", "Nella notte droni russi su Kiev.")
    update_index(corpus, index)
    s = Searcher(index)
    assert s.search("drone").total == 1
    assert s.reload() is False  # nothing changed

    write(corpus, "b.txt", "Un altro drone", "Un drone abbattuto a Odessa.", "2026-01")
    update_index(corpus, index)
    assert s.search("drone").total == 1  # still the state it opened
    assert s.reload() is True
    assert s.search("drone").total == 2
    assert s.get("b").title == "Un altro drone"

    update_index(corpus, index, rebuild=True)  # a new generation swapped in
    assert s.reload() is True
    assert s.search("drone").total == 2


def test_stats_on_disk(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write(corpus, "a.txt", "Primo", "Testo uno.", "2025-11")
    write(corpus, "b.txt", "Secondo", "Testo due.", "2026-01")
    update_index(corpus, index)
    st = Searcher(index).stats()
    assert st["documents"] == 2
    assert (st["first_date"], st["last_date"]) == ("2025-11", "2026-01")
    assert st["index_bytes"] > 0
    assert st["updated"] and st["corpus"]


def test_archive_facets_follow_the_index(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write(corpus, "a.txt", "Primo", "Testo uno.", "2025-11")
    update_index(corpus, index)
    s = Searcher(index)
    months = {v.value: v.count for v in s.search("").facets["month"]}
    assert months == {"2025-11": 1}
    assert s.search("").facets == s.search("").facets  # counted once, then reused

    write(corpus, "b.txt", "Secondo", "Testo due.", "2025-11")
    update_index(corpus, index)
    assert s.reload()
    assert {v.value: v.count for v in s.search("").facets["month"]} == {"2025-11": 2}
    # a text or a filter is counted afresh
    assert {v.value: v.count for v in s.search("secondo").facets["month"]} == {"2025-11": 1}
