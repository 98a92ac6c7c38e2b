"""Readers and writers at once (SPEC §7): queries keep answering while `cerca index` runs,
a second indexer is told the index is busy, the TUI picks up the new state.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from .articles import article, write_corpus
from .conftest import CERCA, run_cerca

N_OLD = 300
N_NEW = 2700  # the update adds these: a few-thousand-article run under the readers


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """An index of N_OLD articles, and the corpus grown to N_OLD + N_NEW behind it."""
    base = tmp_path_factory.mktemp("conc")
    corpus = base / "corpus"
    old = write_corpus(corpus, N_OLD, seed=5)
    index = base / "index"
    r = run_cerca("index", corpus, "--index", index, "--quiet", cwd=base)
    assert r.returncode == 0, r.stderr
    write_corpus(corpus, N_NEW, seed=5, start=N_OLD)
    probe_id = sorted(old)[7]
    return {"base": base, "corpus": corpus, "index": index, "probe": (probe_id, old[probe_id])}


class Reader(threading.Thread):
    """Queries the index in a loop, like a notebook or the TUI would, and records problems."""

    def __init__(self, index: Path, probe: tuple[str, object], floor: int) -> None:
        super().__init__(daemon=True)
        self.index, self.probe, self.floor = index, probe, floor
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.counts: list[int] = []
        self.stale_counts: list[int] = []

    def run(self) -> None:
        from search.query import Searcher

        fresh = Searcher(self.index)
        stale = Searcher(self.index)  # opened once, never reloaded: must keep working
        probe_id, spec = self.probe
        last = 0
        while not self.stop.is_set():
            try:
                fresh.reload()
                n = fresh.search("", limit=1, facets=False).total
                if n < last or n < self.floor:
                    self.errors.append(f"count went {last} -> {n} (floor {self.floor})")
                last = n
                self.counts.append(n)
                hits = fresh.search(spec.marker, limit=3, facets=False).hits
                if [h.id for h in hits] != [probe_id]:
                    self.errors.append(f"probe {spec.marker}: {[h.id for h in hits]}")
                self.stale_counts.append(stale.search("", limit=1).total)
            except Exception as e:  # noqa: BLE001 - every failure is what we record
                self.errors.append(repr(e))
            time.sleep(0.01)


class CliReader(threading.Thread):
    """Runs `cerca query` as a process again and again (scripts, cron jobs)."""

    def __init__(self, base: Path, index: Path, floor: int) -> None:
        super().__init__(daemon=True)
        self.base, self.index, self.floor = base, index, floor
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.runs = 0

    def run(self) -> None:
        while not self.stop.is_set():
            r = subprocess.run(
                [*CERCA, "query", "-n", "1", "--format", "json", "--index", str(self.index)],
                capture_output=True,
                text=True,
                cwd=self.base,
                timeout=120,
            )
            self.runs += 1
            if r.returncode != 0 or "Traceback" in r.stderr:
                self.errors.append(f"exit {r.returncode}: {r.stderr.strip()[-500:]}")
                continue
            total = json.loads(r.stdout)["total"]
            if total < self.floor:
                self.errors.append(f"cerca query saw {total} < {self.floor}")


def _start_indexer(grown: dict, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*CERCA, "index", str(grown["corpus"]), "--index", str(grown["index"]), "--quiet", *extra],
        cwd=grown["base"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for_lock(index: Path, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    lock = index / ".lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if lock.read_text().strip() == str(proc.pid):
                return
        except OSError:
            pass
        time.sleep(0.01)
    raise AssertionError("the indexer never took the lock")


def test_readers_keep_answering_during_update_and_rebuild(grown: dict) -> None:
    index = grown["index"]
    total = N_OLD + N_NEW
    for extra, floor in (((), N_OLD), (("--rebuild",), total)):
        reader = Reader(index, grown["probe"], floor)
        cli = CliReader(grown["base"], index, floor)
        reader.start()
        cli.start()
        time.sleep(0.2)
        proc = _start_indexer(grown, *extra)

        if extra:  # while the rebuild runs, a second indexer must be turned away
            _wait_for_lock(index, proc)
            second = run_cerca("index", grown["corpus"], "--index", index, cwd=grown["base"])
            assert proc.poll() is None, "first indexer ended too soon for the busy check"
            lines = [ln for ln in second.stderr.splitlines() if ln.strip()]
            assert second.returncode == 1, second.stderr
            assert len(lines) == 1 and "index is busy" in lines[0], second.stderr

        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode(errors="replace")
        time.sleep(0.3)  # let both readers see the final state
        reader.stop.set()
        cli.stop.set()
        reader.join(60)
        cli.join(180)
        assert reader.errors == [], reader.errors[:5]
        assert cli.errors == [], cli.errors[:5]
        assert len(reader.counts) >= 10 and cli.runs >= 2, (len(reader.counts), cli.runs)
        assert reader.counts[-1] == total, reader.counts[-5:]
        assert set(reader.stale_counts) == {floor}, sorted(set(reader.stale_counts))
        print(
            f"{'rebuild' if extra else 'update'}: {len(reader.counts)} in-process queries, "
            f"{cli.runs} `cerca query` runs during the run, 0 errors"
        )


def test_second_indexer_is_busy_on_first_build(tmp_path: Path) -> None:
    """Also when there is no index yet (first build, nothing to read)."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 400)
    grown = {"corpus": corpus, "index": tmp_path / "index", "base": tmp_path}
    proc = _start_indexer(grown)
    try:
        _wait_for_lock(grown["index"], proc)
        r = run_cerca("index", corpus, "--index", grown["index"], "--rebuild", cwd=tmp_path)
        still_running = proc.poll() is None
        assert r.returncode == 1 and "index is busy" in r.stderr, r.stderr
        assert still_running, "first indexer ended too soon for the busy check"
    finally:
        proc.communicate(timeout=300)
    assert proc.returncode == 0


def test_tui_sees_the_new_state_on_next_search(tmp_path: Path) -> None:
    """The TUI stays up while the index changes underneath; the next search shows it."""
    pytest.importorskip("textual")
    from search.index import update_index
    from tui.app import make_app
    from tui.widgets.results_list import ResultItem
    from tui.widgets.search_box import SearchBox

    corpus = tmp_path / "corpus"
    existing = write_corpus(corpus, 20, seed=6)
    known_id = sorted(existing)[3]
    index = tmp_path / "index"
    update_index(corpus, index)
    text, spec = article(500, seed=6, layout="dated")

    async def idle(pilot, app) -> None:
        await pilot.pause(0.3)
        for _ in range(600):
            if not any(w.is_running for w in app.workers):
                break
            await pilot.pause(0.05)
        await pilot.pause(0.1)

    async def scenario() -> list[list[str]]:
        app = make_app(index, corpus)
        seen = []

        async def search_for(pilot, text: str) -> list[str]:
            box = app.query_one(SearchBox)
            box.focus()
            box.value = ""
            await pilot.press(*text)  # typed, as a user does (markers are plain letters)
            await idle(pilot, app)
            # the list recycles its items: hidden ones are left-overs of earlier searches
            return [item.hit.id for item in app.query(ResultItem) if item.display]

        async with app.run_test(size=(100, 30)) as pilot:
            await idle(pilot, app)
            # the test's own check: typing a known marker finds its article
            seen.append(await search_for(pilot, existing[known_id].marker))
            seen.append(await search_for(pilot, spec.marker))
            # the archive grows while the TUI is open
            (corpus / "late.txt").write_text(text, encoding="utf-8")
            await asyncio.to_thread(update_index, corpus, index)
            seen.append(await search_for(pilot, spec.marker))
        return seen

    known, before, after = asyncio.run(scenario())
    assert known == [known_id]
    assert before == []
    assert after == ["late"], "the TUI did not pick up the updated index on the next search"


def test_cli_reader_survives_missing_index_dir_race(tmp_path: Path) -> None:
    """`cerca query` on an index folder that exists but holds no index yet (an indexer
    just created it): a clear message, exit 1, no traceback."""
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / ".lock").write_text(f"{os.getpid()}\n")
    r = run_cerca("query", "x", "--index", tmp_path / "index", cwd=tmp_path)
    assert r.returncode == 1
    assert "cerca index" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_open_searcher_survives_two_rebuilds(tmp_path: Path) -> None:
    """A long-lived reader (a TUI left open, a notebook) across two `--rebuild` swaps: the
    generation it opened is deleted by the second one. It keeps answering from what it
    holds, or says to reopen, and a reload sees the newest state."""
    from search.errors import CercaError
    from search.index import update_index
    from search.query import Searcher

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30, seed=9)
    index = tmp_path / "index"
    update_index(corpus, index)
    old = Searcher(index)
    assert old.search("", limit=1).total == 30
    first_gen = (index / "CURRENT").read_text().strip()
    write_corpus(corpus, 10, seed=9, start=30)
    update_index(corpus, index, rebuild=True)
    update_index(corpus, index, rebuild=True)
    assert not (index / first_gen).exists()  # the generation `old` opened is gone
    for text in ("", "incontro", "zorv*"):
        try:
            results = old.search(text, limit=5)
        except CercaError:
            continue  # a clear message is fine; anything else is a crash
        assert results.total <= 30
        for h in results.hits:
            assert h.title and h.snippet is not None
    old.reload()
    assert old.search("", limit=1).total == 40
