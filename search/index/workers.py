"""Reading and understanding files in worker processes: read, hash, parse and extract
people, and lemmatize new vocabulary words, for the indexing run that owns the pool."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import gc
import hashlib
import multiprocessing
import operator
import os
import signal
import stat as stat_mod
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from search.analyze import stem, term
from search.errors import CercaError
from search.models import Article

# Below this many files to read, worker processes cost more to start than they save.
POOL_MIN_FILES = 300
# New vocabulary words lemmatized in worker processes from this many on.
VOCAB_POOL_MIN_WORDS = 5_000
CHUNK_FILES = 48
# Chunks handed to each worker ahead of the one it is on.
READ_AHEAD = 3
# Seconds a wait for the workers' results lasts before it checks that each is alive.
ALIVE_CHECK_S = 1.0
# The cyclic GC's thresholds while a run works (workers and indexing process): parsing
# makes few reference cycles, and the default threshold kept walking the parser's caches.
GC_THRESHOLDS = (10_000, 50, 100)

_T = TypeVar("_T")

OK, SAME, SKIP, GONE = "ok", "same", "skip", "gone"
# (kind, relative path, size, mtime_ns, hash, Article's fields | reason | None)
Result = tuple[str, str, int, int, str, object]
# An Article crosses from a worker as the plain tuple of its fields: a frozen dataclass
# pickles through its __getstate__/__setstate__, which costs the indexing process more to
# unpickle than Article(*fields) does to rebuild it.
_ARTICLE_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Article)))


def doc_id(rel: str) -> str:
    """Document id: the path under the corpus root without its extension."""
    return os.path.splitext(rel)[0]


def process_file(root: str, display_root: str, rel: str, old_hash: str | None) -> Result:
    """Read, hash, parse and analyze one file. Never raises: a bad file is a SKIP result."""
    from search import parse  # here: a run with nothing to read never loads the parser

    path = os.path.join(root, rel)
    try:
        # O_NONBLOCK: a file swapped for a named pipe since the scan must not hang the run.
        # Plain os.read, no file object: about half the cost of open().read().
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            st = os.fstat(fd)
            if not stat_mod.S_ISREG(st.st_mode):
                return SKIP, rel, 0, 0, "", "not a regular file"
            if st.st_size > parse.MAX_BYTES:
                limit = parse.MAX_BYTES / 1e6
                reason = f"file too large ({st.st_size / 1e6:.1f} MB, limit {limit:.0f} MB)"
                return SKIP, rel, st.st_size, st.st_mtime_ns, "", reason
            data = os.read(fd, st.st_size + 1)
            if len(data) > st.st_size:  # grown since fstat: to the end, as the file is now
                parts = [data]
                while parts[-1]:
                    parts.append(os.read(fd, 1 << 16))
                data = b"".join(parts)
        finally:
            os.close(fd)
    except FileNotFoundError:
        return GONE, rel, 0, 0, "", None
    except OSError as e:
        return SKIP, rel, 0, 0, "", f"unreadable: {e.strerror or e}"
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if digest == old_hash:
        return SAME, rel, st.st_size, st.st_mtime_ns, digest, None
    try:
        text = parse.decode_bytes(data)
        item = parse.parse_text(text, doc_id(rel), f"{display_root}/{rel}")
    except parse.SkipFile as e:
        return SKIP, rel, st.st_size, st.st_mtime_ns, digest, str(e)
    except Exception as e:  # a parser bug on one file must not stop the run; it is reported
        return SKIP, rel, st.st_size, st.st_mtime_ns, digest, f"parser failed: {e!r}"[:300]
    return OK, rel, st.st_size, st.st_mtime_ns, digest, _ARTICLE_FIELDS(item)


def _process_chunk(
    root: str, display_root: str, chunk: list[tuple[str, str | None]]
) -> list[Result]:
    return [process_file(root, display_root, rel, old) for rel, old in chunk]


def _worker_init(parent: int) -> None:
    # Ctrl-C is the parent's to handle; workers just stop when the pool shuts down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(*GC_THRESHOLDS)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """Die with the indexer: a SIGKILLed parent must not leave workers behind, which would
    wait on the task queue forever (the forkserver keeps its end open)."""
    while True:
        time.sleep(0.5)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the pid was reused by another user's process
            os._exit(1)


def _start_forkserver() -> None:
    """Start the forkserver with Ctrl-C ignored: it imports and warms the pipeline (about a
    second) before multiprocessing makes it ignore SIGINT, and a Ctrl-C in that window
    printed a KeyboardInterrupt traceback. The ignored disposition survives its exec and
    the workers forked from it; the indexer handles Ctrl-C alone (a Ctrl-C during the few
    milliseconds of the spawn itself is lost)."""
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()  # signal.signal works only in the main thread
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, old)


@contextlib.contextmanager
def _ctrl_c_deferred() -> Iterator[None]:
    """Hold a Ctrl-C back while the pool may be spawning a worker. Interrupted inside
    `submit`, the pool lost track of a worker the forkserver was still starting; the
    indexer exited, its semaphores vanished, and the late worker printed a traceback. The
    signal is delivered as soon as the spawn is done, and the pool then shuts down whole.
    (A handler, not pthread_sigmask: a blocked signal would go to another thread.)"""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if held:
        raise KeyboardInterrupt


def worker_count() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def _has_descriptor(stream: object) -> bool:
    try:
        os.fstat(stream.fileno())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):  # io.UnsupportedOperation is both
        return False
    return True


@contextlib.contextmanager
def _stderr_with_descriptor() -> Iterator[None]:
    """Make `sys.stderr` a stream with a file descriptor while the block runs.

    multiprocessing starts its resource tracker with `sys.stderr.fileno()` among the
    descriptors the new process keeps. A host that captures sys.stderr in an object with
    none (a Textual app: fileno() is -1) made that start fail with "bad value(s) in
    fds_to_keep"; the process's own stderr (else /dev/null) stands in meanwhile."""
    if _has_descriptor(sys.stderr):
        yield
        return
    captured = sys.stderr
    devnull = None
    if _has_descriptor(sys.__stderr__):
        stand_in = sys.__stderr__
    else:
        stand_in = devnull = open(os.devnull, "w")
    sys.stderr = stand_in
    try:
        yield
    finally:
        if sys.stderr is stand_in:  # unless the host put its own back meanwhile
            sys.stderr = captured
        if devnull is not None:
            devnull.close()


def _new_pool() -> cf.ProcessPoolExecutor:
    ctx = multiprocessing.get_context("forkserver")
    # Takes effect when the forkserver starts (first pool of this process): it imports and
    # warms the pipeline once, and every worker forks from it ready to go.
    ctx.set_forkserver_preload(["search.index.preload"])
    with _stderr_with_descriptor():
        _start_forkserver()  # starts the resource tracker first
        return cf.ProcessPoolExecutor(
            worker_count(), mp_context=ctx, initializer=_worker_init, initargs=(os.getpid(),)
        )


class WorkerPool:
    """The worker processes of one run, started when first needed and shut down once, at
    the end of the run: the parsing pass, the people re-link pass and the vocabulary's
    lemmas share them (a pool per pass cost a spawn each, and each new worker warmed its
    caches again)."""

    def __init__(self) -> None:
        self._pool: cf.ProcessPoolExecutor | None = None

    def get(self) -> cf.ProcessPoolExecutor:
        if self._pool is None:
            with _ctrl_c_deferred():
                try:
                    self._pool = _new_pool()
                except (OSError, ValueError) as e:  # too many processes, no memory, ...
                    raise CercaError(
                        f"cannot start the worker processes that read the articles: {e}"
                    ) from None
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True, cancel_futures=True)


def _analyze_words(words: list[str]) -> tuple[list[str], list[str]]:
    return [term(w) for w in words], [stem(w) for w in words]


def analyzed_words(words: list[str], workers: WorkerPool) -> tuple[list[str], list[str]]:
    """(lemma terms, stems) of `words`: in worker processes when there are many (a
    rebuild meets tens of thousands of new words, and the workers already hold
    simplemma's table), else here."""
    if len(words) < VOCAB_POOL_MIN_WORDS or worker_count() == 1:
        return _analyze_words(words)
    size = -(-len(words) // (4 * worker_count()))
    pool = workers.get()
    with _ctrl_c_deferred():
        futures = [
            pool.submit(_analyze_words, words[i : i + size]) for i in range(0, len(words), size)
        ]
    try:
        terms: list[str] = []
        stems: list[str] = []
        for fut in futures:
            _wait_first({fut}, pool)
            t, s = fut.result()
            terms += t
            stems += s
        return terms, stems
    finally:
        for fut in futures:
            fut.cancel()


def _wait_first(
    pending: set[cf.Future[_T]], pool: cf.ProcessPoolExecutor
) -> tuple[set[cf.Future[_T]], set[cf.Future[_T]]]:
    """The futures done first and the rest, like ``cf.wait``, but never stuck: a worker
    killed while sending its result leaves half a message in the pool's pipe, and the
    pool's manager waits for the rest forever (the parent holds the pipe's writing end).
    Then the other workers are killed and that end closed: the manager reads the end of
    the pipe and fails every pending future with ``BrokenProcessPool``."""
    while True:
        done, rest = cf.wait(pending, timeout=ALIVE_CHECK_S, return_when=cf.FIRST_COMPLETED)
        if done:
            return done, rest
        processes = list((getattr(pool, "_processes", None) or {}).values())
        if all(p.exitcode is None for p in processes):
            continue
        for p in processes:
            if p.exitcode is None:
                p.kill()
        for p in processes:
            p.join(ALIVE_CHECK_S)
        queue = getattr(pool, "_result_queue", None)
        if queue is not None:
            queue._writer.close()


def read_files(
    root: Path,
    display_root: str,
    todo: list[tuple[str, str | None]],
    workers: WorkerPool,
) -> Iterator[Result]:
    """Process `todo` files, in worker processes when there are enough of them."""
    if len(todo) < POOL_MIN_FILES or worker_count() == 1:
        for rel, old in todo:
            yield process_file(str(root), display_root, rel, old)
        return
    chunks = [todo[i : i + CHUNK_FILES] for i in range(0, len(todo), CHUNK_FILES)]
    pool = workers.get()
    pending: set[cf.Future[list[Result]]] = set()
    try:
        it = iter(chunks)
        limit = READ_AHEAD * worker_count()  # bounded: results never pile up in memory
        while True:
            while len(pending) < limit:
                chunk = next(it, None)
                if chunk is None:
                    break
                with _ctrl_c_deferred():
                    pending.add(pool.submit(_process_chunk, str(root), display_root, chunk))
            if not pending:
                break
            done, pending = _wait_first(pending, pool)
            for fut in done:
                yield from fut.result()
    finally:  # stopped early: the run shuts the pool down (_Run.run)
        for fut in pending:
            fut.cancel()
