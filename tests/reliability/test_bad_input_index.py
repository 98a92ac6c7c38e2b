"""Bad input through the indexer (`cerca index`): it goes on, reports each bad file once with
its reason, loses nothing good, exits 0 (1 with --strict) (SPEC §2, §7; issue 8).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .articles import article, write_corpus
from .conftest import (
    PERMISSIONS_ENFORCED,
    BadCorpus,
    build_bad_corpus,
    dump_index,
    mentions,
    run_cerca,
    skipped_lines,
)

BORDERLINE = ("either/nul_padded", "either/english", "either/russian")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> BadCorpus:
    return build_bad_corpus(tmp_path_factory.mktemp("badidx") / "corpus", big=True)


def _expected_bad(c: BadCorpus) -> list[str]:
    bad = [*c.bad, "either/huge"]
    if not PERMISSIONS_ENFORCED:
        bad.remove("bad/unreadable")
    return bad


def _check_run(c: BadCorpus, r, docs: dict[str, dict[str, object]]) -> None:
    skips = skipped_lines(r.stderr)
    for rel in _expected_bad(c):
        lines = mentions(skips, rel)
        assert len(lines) == 1, (rel, r.stderr)
        reason = lines[0].split(f"{rel}.txt", 1)[1].strip(" :")
        assert reason, lines[0]
        assert rel not in docs, rel
    for rel, title in c.good.items():
        assert rel in docs, (rel, r.stderr)
        assert docs[rel]["title"] == title
    for rel in BORDERLINE:
        assert (rel in docs) + len(mentions(skips, rel)) == 1, (rel, r.stderr)
    # nothing from outside the corpus, nothing twice through the folder symlink loop
    assert set(docs) <= set(c.all_ids), sorted(set(docs) - set(c.all_ids))


def test_index_bad_corpus(corpus: BadCorpus, tmp_path: Path) -> None:
    index = tmp_path / "index"
    r = run_cerca("index", corpus.root, "--index", index, cwd=tmp_path, timeout=60)
    assert r.returncode == 0, r.stderr
    docs = dump_index(index)
    _check_run(corpus, r, docs)
    assert "skipped" in r.stderr.splitlines()[-1]  # the summary line comes last

    # --strict: same work, same report, but warnings make it fail (cron notices).
    r2 = run_cerca("index", corpus.root, "--index", index, "--strict", cwd=tmp_path, timeout=60)
    assert r2.returncode == 1, r2.stderr
    _check_run(corpus, r2, dump_index(index))
    assert dump_index(index) == docs

    # --rebuild over the same corpus: the same documents, the same report.
    r3 = run_cerca("index", corpus.root, "--index", index, "--rebuild", cwd=tmp_path, timeout=60)
    assert r3.returncode == 0, r3.stderr
    _check_run(corpus, r3, dump_index(index))


def test_index_good_corpus_strict_exits_0(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 8)
    r = run_cerca("index", tmp_path / "corpus", "--index", tmp_path / "i", "--strict", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert not skipped_lines(r.stderr)


def test_file_deleted_while_indexing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file listed by the scan vanishes before it is read: no error, the rest goes in."""
    import search.index.run as index_mod

    corpus = tmp_path / "corpus"
    specs = write_corpus(corpus, 30)
    index = tmp_path / "index"
    index_mod.update_index(corpus, index)
    victims = sorted(specs)[:2]
    # a third file, new in this run, also vanishes between listing and reading
    text, _ = article(999, layout="dated")
    (corpus / "new.txt").write_text(text, encoding="utf-8")
    for rel in victims:  # touched, so the run must re-read them
        p = corpus / f"{rel}.txt"
        p.write_text(p.read_text(encoding="utf-8") + "\nAggiornamento.\n", encoding="utf-8")

    from search.index import workers

    real = workers.process_file
    doomed = {f"{rel}.txt" for rel in victims} | {"new.txt"}

    def deleting(root: str, display_root: str, rel: str, old_hash: str | None):
        if rel in doomed:
            Path(root, rel).unlink()
        return real(root, display_root, rel, old_hash)

    monkeypatch.setattr(workers, "process_file", deleting)
    summary = index_mod.update_index(corpus, index)
    docs = dump_index(index)
    assert set(docs) == set(specs) - set(victims)
    assert summary.deleted == len(victims)
    assert summary.skipped == []  # a vanished file is not a bad file


def test_index_missing_corpus_is_one_line(tmp_path: Path) -> None:
    r = run_cerca("index", tmp_path / "nope", "--index", tmp_path / "i", cwd=tmp_path)
    assert r.returncode in (1, 2)
    assert len([ln for ln in r.stderr.splitlines() if ln.strip()]) == 1, r.stderr


def test_worker_killed_mid_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process dies (the kernel's out-of-memory killer, a signal): the run stops
    with one CercaError, the last good index stays searchable, and the next run completes."""
    import signal

    import search.index.run as index_mod
    from search.errors import CercaError
    from search.index import workers

    corpus = tmp_path / "corpus"
    specs = write_corpus(corpus, 40)
    index = tmp_path / "index"
    index_mod.update_index(corpus, index)
    before = dump_index(index)
    for i in range(workers.POOL_MIN_FILES + workers.CHUNK_FILES):
        text, _ = article(1000 + i, layout="dated")
        (corpus / f"new{i:04d}.txt").write_text(text, encoding="utf-8")

    real = workers.read_files

    def killing(root, display_root, todo, pool):
        for n, result in enumerate(real(root, display_root, todo, pool)):
            if n == 0:
                for proc in list(pool.get()._processes.values()):
                    os.kill(proc.pid, signal.SIGKILL)
            yield result

    monkeypatch.setattr(index_mod, "read_files", killing)
    with pytest.raises(CercaError, match="worker process .* stopped unexpectedly"):
        index_mod.update_index(corpus, index)
    assert set(dump_index(index)) >= set(before)

    monkeypatch.setattr(index_mod, "read_files", real)
    index_mod.update_index(corpus, index)
    assert len(dump_index(index)) == len(specs) + workers.POOL_MIN_FILES + workers.CHUNK_FILES


def _half_a_result_then_exit(_: int) -> None:
    """In a worker: the start of a result written to the pool's pipe, then the process
    ends, as when the out-of-memory killer strikes mid-send."""
    import gc
    import multiprocessing.queues
    import struct

    results = next(o for o in gc.get_objects() if isinstance(o, multiprocessing.queues.SimpleQueue))
    os.write(results._writer.fileno(), struct.pack("!i", 10_000) + b"x")
    os._exit(1)


def test_a_worker_killed_mid_send_breaks_the_pool_instead_of_hanging() -> None:
    """Half a message in the pool's pipe: the wait for results ends with BrokenProcessPool
    within seconds, and the pool shuts down."""
    import threading
    from concurrent.futures.process import BrokenProcessPool

    from search.index import workers

    pool = workers.WorkerPool()
    executor = pool.get()
    future = executor.submit(_half_a_result_then_exit, 0)
    raised: list[BaseException] = []

    def wait() -> None:
        try:
            for done in workers._wait_first({future}, executor)[0]:
                done.result()
        except BaseException as e:  # noqa: BLE001 - handed to the test's thread
            raised.append(e)

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    waiter.join(10 * workers.ALIVE_CHECK_S + 20)
    if waiter.is_alive():
        executor.shutdown(wait=False)
        pytest.fail("the wait for a worker killed mid-send never ended")
    assert len(raised) == 1 and isinstance(raised[0], BrokenProcessPool)
    closer = threading.Thread(target=pool.close, daemon=True)
    closer.start()
    closer.join(30)
    assert not closer.is_alive()
