"""`cerca tui` with no index: the build runs inside the app, with the worker processes.

Inside a Textual app `sys.stderr` is Textual's capture, whose `fileno()` is -1; starting
multiprocessing's helper processes used to fail on it ("bad value(s) in fds_to_keep")
as soon as a corpus was large enough for the workers.
"""

from __future__ import annotations

import threading
import time
from multiprocessing import forkserver, resource_tracker
from pathlib import Path

import pytest
from textual.worker import get_current_worker

import search.index.workers as index_workers
from search.index import update_index
from search.index.lock import index_lock
from search.models import IndexPhase
from search.query import Searcher
from tests.reliability.articles import write_corpus
from tests.tui.helpers import settle, shown
from tui.app import make_app
from tui.widgets.notice import Notice
from tui.widgets.results_list import ResultsList

N = 400  # above POOL_MIN_FILES: the files are read by the worker processes


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """As in a new `cerca tui` process: multiprocessing's forkserver and resource tracker
    not started yet (an earlier test may have started them in this one), and two
    workers even on a one-core machine. Returns the list of pools the run starts."""
    forkserver._forkserver._stop()
    resource_tracker._resource_tracker._stop()
    pools: list[object] = []
    new_pool = index_workers._new_pool

    def counted_pool():
        pools.append(new_pool())
        return pools[-1]

    monkeypatch.setattr(index_workers, "worker_count", lambda: 2)
    monkeypatch.setattr(index_workers, "_new_pool", counted_pool)
    return pools


def assert_nothing_left_behind(index: Path, generations: list[str]) -> None:
    """No BUILDING pointer, no generation but `generations`, and the lock is free (the
    run history is not a generation: search.index.history)."""
    names = sorted(p.name for p in index.iterdir() if p.name not in (".lock", "history"))
    assert names == sorted(generations + (["CURRENT"] if generations else []))
    with index_lock(index):  # raises IndexBusyError if a run still held it
        pass


async def test_a_first_build_with_the_workers_ends_in_results(
    tmp_path: Path, fresh_process: list[object]
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_corpus(corpus, N)
    app = make_app(index, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app, timeout=240)
        notice = app.query_one(Notice)
        assert not notice.display, shown(notice)
        assert fresh_process  # the worker processes read the articles
        assert app.results is not None and app.results.total == N
        listed = [hit.id for hit in app.query_one(ResultsList).hits]
        assert listed == [h.id for h in Searcher(index).search("", limit=20).hits]
    assert_nothing_left_behind(index, ["gen-000001"])


async def test_a_failed_build_names_its_cause_and_leaves_nothing_behind(
    tmp_path: Path, fresh_process: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_processes():
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(index_workers, "_new_pool", no_processes)
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_corpus(corpus, N)
    app = make_app(index, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app, timeout=120)
        text = " ".join(shown(app.query_one(Notice)).split())  # lines are wrapped
        assert "could not be built" in text
        assert "worker processes" in text and "Resource temporarily unavailable" in text
        assert "--corpus" not in text  # the corpus is fine: don't send the user there
    assert_nothing_left_behind(index, [])


async def test_quitting_during_the_build_stops_it_and_leaves_nothing_behind(
    tmp_path: Path, fresh_process: list[object]
) -> None:
    """A thread worker cannot be killed: the process used to wait, on a blank screen, for
    the whole build to end before it exited."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_corpus(corpus, N)
    reading, ended = threading.Event(), threading.Event()
    outcome: list[BaseException | None] = []

    def build(corpus: Path, index_path: Path, progress):
        def held(phase, done: int, total: int) -> None:
            if phase is IndexPhase.READING and not reading.is_set():
                reading.set()  # the test quits now; the build waits for the app to close
                deadline = time.monotonic() + 30
                while worker.is_running and not worker.is_cancelled:
                    assert time.monotonic() < deadline
                    time.sleep(0.01)
            progress(phase, done, total)

        worker = get_current_worker()
        try:
            result = update_index(corpus, index_path, progress=held)
        except BaseException as e:
            outcome.append(e)
            raise
        else:
            outcome.append(None)
            return result
        finally:
            ended.set()

    app = make_app(index, corpus, build_index=build)
    async with app.run_test(size=(100, 30)) as pilot:
        while not reading.is_set():
            await pilot.pause(0.05)
        await pilot.press("ctrl+c")
    assert ended.wait(20), "the build went on after the app closed"
    assert outcome[0] is not None  # stopped, not run to its end
    assert_nothing_left_behind(index, [])
