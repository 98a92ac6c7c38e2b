"""search.follow without an index: what --since means, the window of runs after a mark,
and the seen marks file (an unreadable one is none, a write keeps the others)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search import follow
from search.errors import UsageError
from search.index import history


def runs(index: Path, *changed: tuple[str, ...]) -> None:
    """Record one run per tuple of ids, each id new."""
    for ids in changed:
        history.write_run(index, "updated", list(ids), [])


def test_since_a_run_or_a_date(tmp_path: Path) -> None:
    runs(tmp_path, ("a",), ("b",))
    assert follow.since_run(tmp_path, "1") == 1
    assert follow.since_run(tmp_path, "run:1") == 1
    assert follow.since_run(tmp_path, " 12345 ") == 12345
    assert follow.since_run(tmp_path, "2000") == 0  # a year: every run finished after it
    assert follow.since_run(tmp_path, "2999-01-01") == 2  # none after it
    for bad in ("ieri", "run:", "2025-13", "-1"):
        with pytest.raises(UsageError):
            follow.since_run(tmp_path, bad)


def test_the_window_after_a_mark(tmp_path: Path) -> None:
    runs(tmp_path, ("a", "b"), ("c",), ("d",))
    assert follow.window(tmp_path, 0).ids == {"a", "b", "c", "d"}
    assert follow.window(tmp_path, 1).ids == {"c", "d"}
    assert follow.window(tmp_path, 1, upto=2).ids == {"c"}
    assert follow.window(tmp_path, 3).ids == frozenset()
    assert all(follow.window(tmp_path, n).complete for n in range(4))


def test_a_window_whose_first_runs_were_dropped_says_so(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(history, "KEEP", 2)
    runs(tmp_path, ("a",), ("b",), ("c",))
    assert [r.number for r in history.runs(tmp_path)] == [2, 3]
    dropped = follow.window(tmp_path, 0)
    assert (dropped.ids, dropped.complete) == ({"b", "c"}, False)
    assert follow.window(tmp_path, 1).complete


def test_marks_are_kept_beside_each_other(tmp_path: Path) -> None:
    assert follow.read_marks(tmp_path) == {}
    follow.write_marks(tmp_path, {"a": 1, "b": 2})
    follow.write_marks(tmp_path, {"a": 3, "b": None})
    assert follow.read_marks(tmp_path) == {"a": 3}
    (tmp_path / history.HISTORY / follow.MARKS).write_text("[1,", encoding="utf-8")
    assert follow.read_marks(tmp_path) == {}  # unreadable: none (first looks again)
    follow.mark_seen(tmp_path, "c", 7)
    marks = json.loads((tmp_path / history.HISTORY / follow.MARKS).read_text(encoding="utf-8"))
    assert marks == {"c": 7}


def test_a_mark_that_cannot_be_written_is_an_error(tmp_path: Path) -> None:
    (tmp_path / history.HISTORY).write_text("not a folder", encoding="utf-8")
    from search.errors import CercaError

    with pytest.raises(CercaError, match="cannot record what was seen"):
        follow.write_marks(tmp_path, {"a": 1})
