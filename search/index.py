"""The index on disk: build and update it from a corpus folder, open it for reading.

Layout of an index folder::

    index/
      .lock           fcntl lock: one indexer at a time (search.lock)
      CURRENT         name of the generation readers open ("gen-000003"), replaced atomically
      BUILDING        a generation being built by --rebuild (or a first build), if any
      PREVIOUS        the generation CURRENT replaced, kept so long-running readers survive
      gen-000003/     a tantivy index + cerca.json + files.json (search.manifest)

An ordinary run updates the CURRENT generation in place, incrementally: files are
compared with the manifest by size and mtime (no hashing of unchanged files), changed
ones are re-read and hashed (same hash: nothing to do), then parsed and indexed. Work
is committed in batches and each commit is followed by the manifest that describes it,
so a crash loses at most the last batch, readers (which only ever see commits) keep
answering, and the next run picks up where this one stopped.

`--rebuild` builds a new generation beside the current one and switches CURRENT to it
only once it is complete: readers never see a half-built index. An interrupted rebuild
is resumed by the next run.

Parsing and people extraction (pure Python, the expensive part) run in worker processes;
the tantivy writer lives in this process and splits the text into words in its own Rust
threads. After each commit the corpus vocabulary (search.vocabulary) learns the words
the commit added.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import multiprocessing
import operator
import os
import shutil
import signal
import stat as stat_mod
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import tantivy

from search import schema
from search.analyze import WORD_RE, stem, term
from search.documents import build_document
from search.errors import CercaError, CorpusError, IndexCorruptError, IndexWriteError
from search.lock import index_lock
from search.manifest import (
    HASH,
    ID,
    MTIME,
    NAMES,
    PEOPLE,
    REBUILD_HINT,
    SIZE,
    FileTable,
    Manifest,
    SkippedEntry,
    file_entry,
)
from search.models import Article, IndexPhase, IndexSummary
from search.paths import ARTICLE_SUFFIXES
from search.people import PeopleCanon
from search.recent import RecentWrites
from search.store import (  # the reading side, light enough for `cerca query`
    _GEN_RE,
    BUILDING,
    CURRENT,
    PREVIOUS,
    _check_readable,
    _current_dir,  # noqa: F401 (re-exported)
    _open_tantivy,
    _read_pointer,
    index_version,  # noqa: F401 (re-exported)
    open_index,  # noqa: F401 (re-exported)
)
from search.vocabulary import FILE as VOCABULARY_FILE
from search.vocabulary import Vocabulary, from_searcher, index_words, is_current

SUFFIXES = frozenset(s.lower() for s in ARTICLE_SUFFIXES)

# Commit after this many documents or seconds, whichever comes first: a crash loses at
# most one batch, and commits (segment flush + fsync + manifest write) stay rare.
# An update of the current generation commits every COMMIT_DOCS documents or
# COMMIT_SECONDS, so a crash loses little work. A generation being built (rebuild, first
# build; nobody reads it before it is complete) commits every BUILD_COMMIT_DOCS only, so
# a build of that size ends as one segment, the people re-link pass included: exact
# facet counts over one segment cost a third of those over nine (tantivy looks every
# value up in each segment's dictionary; 100k articles: 2.2 vs 8.0 ms per query), and
# even a second, small segment doubles them. A crash restarts such a build.
COMMIT_DOCS = 20_000
COMMIT_SECONDS = 30.0
BUILD_COMMIT_DOCS = 250_000
# The writer's memory budget, one indexing thread: tantivy flushes a segment when it is
# full. The text is only split into words (no Python analysis), so one thread keeps up
# with the parsing workers; 400 MB holds 100k generated articles in one segment with
# peak memory (whole process tree) well under the 1.5 GB target.
WRITER_HEAP = 400_000_000
WRITER_THREADS = 1
# Below this many files to read, worker processes cost more to start than they save.
POOL_MIN_FILES = 300
# An update that reads at most this many files takes the new words from their text.
FEW_FILES = 1000
# New vocabulary words lemmatized in worker processes from this many on.
VOCAB_POOL_MIN_WORDS = 5_000
CHUNK_FILES = 48
# Chunks handed to each worker ahead of the one it is on.
READ_AHEAD = 3

# Articles handed to the writer together (see _Run._flush).
ADD_BATCH = 500
# The cyclic GC's thresholds while a run works (workers and indexing process). With the
# default first threshold (700 allocations) it collected ~430 times per 15,000 articles
# in a worker and ~1,250 times per 100k build in the indexing process, walking the
# parser's and the extractor's caches, which only grow: 0.018 ms per article in a worker
# (6% of its CPU) and 0.8 s in the indexer. Parsing makes few reference cycles, so
# collecting ~14x less often keeps memory flat at a sixth of the cost (0.003 ms).
GC_THRESHOLDS = (10_000, 50, 100)

Progress = Callable[[IndexPhase, int, int], None]  # (phase, done, total): see IndexPhase
# (rel, size, mtime_ns, hash, analyzed article, people names, previous manifest entry)
_Pending = tuple[str, int, int, str, Article, list[str], list | None]


# -- the on-disk layout ----------------------------------------------------------------


def _write_pointer(index_path: Path, name: str, gen: str) -> None:
    tmp = index_path / f"{name}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(gen + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_path / name)
    _fsync_dir(index_path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _generations(index_path: Path) -> list[str]:
    return sorted(p.name for p in index_path.iterdir() if _GEN_RE.fullmatch(p.name) and p.is_dir())


def _new_generation(index_path: Path) -> str:
    existing = [int(_GEN_RE.fullmatch(g).group(1)) for g in _generations(index_path)]  # type: ignore[union-attr]
    gen = f"gen-{max(existing, default=0) + 1:06d}"
    (index_path / gen).mkdir()
    return gen


def _remove_generations(index_path: Path, keep: set[str | None]) -> None:
    for gen in _generations(index_path):
        if gen not in keep:
            shutil.rmtree(index_path / gen, ignore_errors=True)


# -- scanning the corpus -----------------------------------------------------------------


_SUFFIX_TUPLE = tuple(SUFFIXES)
_Listing = tuple[list[tuple[str, int, int]], list[tuple[str, str]], list[tuple[str, str]]]


def _list_folder(folder: str, prefix: str) -> _Listing:
    """(files as (rel, size, mtime_ns), subfolders as (path, rel prefix), problems)."""
    files: list[tuple[str, int, int]] = []
    subdirs: list[tuple[str, str]] = []
    problems: list[tuple[str, str]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError as e:
        problems.append((prefix.rstrip("/") or ".", f"unreadable folder: {e.strerror}"))
        return files, subdirs, problems
    for entry in entries:
        name = entry.name
        if name[0] == ".":
            continue
        try:
            if name.lower().endswith(_SUFFIX_TUPLE):
                st = entry.stat()  # follows symlinks: a linked article is an article
                if stat_mod.S_ISREG(st.st_mode):
                    files.append((prefix + name, st.st_size, st.st_mtime_ns))
                    continue
                if not stat_mod.S_ISDIR(st.st_mode):  # a pipe or device: reading would block
                    problems.append((prefix + name, "not a regular file"))
                    continue
            if entry.is_dir():
                subdirs.append((entry.path, prefix + name + "/"))
        except OSError as e:
            problems.append((prefix + name, f"unreadable: {e.strerror}"))
    return files, subdirs, problems


def scan_corpus(
    root: Path, exclude: Path | None = None, on_many: Callable[[], object] | None = None
) -> tuple[dict[str, tuple[int, int]], list[tuple[str, str]]]:
    """Article files under `root`: {relative path: (size, mtime_ns)} and unreadable entries.

    Hidden files and folders are ignored; folder symlinks are followed once (loops are
    cut). One thread: an incremental run stats every file, and with the inodes cached (a
    corpus indexed by cron) the stat calls are too short for threads to overlap; four
    threads spent their time handing the GIL around (100k files: 1.4 s, one thread 0.5 s).
    `on_many` is called once, as soon as POOL_MIN_FILES files are found.
    """
    found: dict[str, tuple[int, int]] = {}
    problems: list[tuple[str, str]] = []
    seen_dirs: set[tuple[int, int]] = set()
    excluded = exclude.resolve() if exclude else None
    frontier = [(str(root), "")]
    while frontier:
        level = []
        for folder, prefix in frontier:
            try:
                st = os.stat(folder)
                if excluded is not None and Path(folder).resolve() == excluded:
                    continue
            except OSError as e:
                problems.append((prefix.rstrip("/") or ".", f"unreadable folder: {e.strerror}"))
                continue
            if (st.st_dev, st.st_ino) in seen_dirs:
                problems.append((prefix.rstrip("/") or ".", "folder loop (symlink), skipped"))
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            level.append((folder, prefix))
        frontier = []
        for folder, prefix in level:
            files, subdirs, bad = _list_folder(folder, prefix)
            for rel, size, mtime in files:
                found[rel] = (size, mtime)
            problems.extend(bad)
            frontier.extend(subdirs)
            if on_many is not None and len(found) >= POOL_MIN_FILES:
                on_many()
                on_many = None
    return found, problems


# -- reading and understanding one file (runs in worker processes) ---------------------

OK, SAME, SKIP, GONE = "ok", "same", "skip", "gone"
# (kind, relative path, size, mtime_ns, hash, Article's fields | reason | None)
Result = tuple[str, str, int, int, str, object]
# An Article crosses from a worker as the plain tuple of its fields: a frozen dataclass
# pickles through its __getstate__/__setstate__, which cost the indexing process more to
# unpickle (0.022 vs 0.011 ms per article) than Article(*fields) does to rebuild it.
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
        # Plain os.read, no file object: half the cost (12 -> 7 us per file).
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            st = os.fstat(fd)
            if not stat_mod.S_ISREG(st.st_mode):
                return SKIP, rel, 0, 0, "", "not a regular file"
            if st.st_size > parse.MAX_BYTES:
                limit = parse.MAX_BYTES / 1e6
                reason = f"file too large ({st.st_size / 1e6:.1f} MB, limit {limit:.0f} MB)"
                return SKIP, rel, st.st_size, st.st_mtime_ns, "", reason
            parts = [os.read(fd, st.st_size + 1)]
            while parts[-1]:  # to the end, as the file is now (it may have grown)
                parts.append(os.read(fd, 1 << 16))
            data = parts[0] if len(parts) == 2 else b"".join(parts)
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
    """Die with the indexer: a SIGKILLed parent must not leave workers behind (seen: they
    wait on the task queue forever, since the forkserver keeps its end open)."""
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


def _workers() -> int:
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
    ctx.set_forkserver_preload(["search.worker_preload"])
    with _stderr_with_descriptor():
        _start_forkserver()  # starts the resource tracker first
        return cf.ProcessPoolExecutor(
            _workers(), mp_context=ctx, initializer=_worker_init, initargs=(os.getpid(),)
        )


class _Pool:
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


def _analyzed_words(words: list[str], workers: _Pool) -> tuple[list[str], list[str]]:
    """(lemma terms, stems) of `words`: in worker processes when there are many (a
    rebuild meets ~50k new words per 10k articles, ~0.3 s of CPU per 10k words, and the
    workers already hold simplemma's table), else here."""
    if len(words) < VOCAB_POOL_MIN_WORDS or _workers() == 1:
        return _analyze_words(words)
    size = -(-len(words) // (4 * _workers()))
    pool = workers.get()
    with _ctrl_c_deferred():
        futures = [
            pool.submit(_analyze_words, words[i : i + size]) for i in range(0, len(words), size)
        ]
    try:
        terms: list[str] = []
        stems: list[str] = []
        for fut in futures:
            t, s = fut.result()
            terms += t
            stems += s
        return terms, stems
    finally:
        for fut in futures:
            fut.cancel()


def _results(
    root: Path,
    display_root: str,
    todo: list[tuple[str, str | None]],
    workers: _Pool,
) -> Iterator[Result]:
    """Process `todo` files, in worker processes when there are enough of them."""
    if len(todo) < POOL_MIN_FILES or _workers() == 1:
        for rel, old in todo:
            yield process_file(str(root), display_root, rel, old)
        return
    chunks = [todo[i : i + CHUNK_FILES] for i in range(0, len(todo), CHUNK_FILES)]
    pool = workers.get()
    pending: set[cf.Future[list[Result]]] = set()
    try:
        it = iter(chunks)
        limit = READ_AHEAD * _workers()  # bounded: results never pile up in memory
        while True:
            while len(pending) < limit:
                chunk = next(it, None)
                if chunk is None:
                    break
                with _ctrl_c_deferred():
                    pending.add(pool.submit(_process_chunk, str(root), display_root, chunk))
            if not pending:
                break
            done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                yield from fut.result()
    finally:  # stopped early: the run shuts the pool down (_Run.run)
        for fut in pending:
            fut.cancel()


# -- people ------------------------------------------------------------------------------


def _canon_from(table: FileTable, exclude: set[str] | frozenset[str] = frozenset()) -> PeopleCanon:
    """The corpus-wide canon: a pure function of the names in the table (order-free)."""
    counts = Counter(n for rel, e in table.files.items() if rel not in exclude for n in e[NAMES])
    state = PeopleCanon().to_dict()
    state["counts"] = dict(counts)
    return PeopleCanon.from_dict(state)


def _settled_canon(table: FileTable) -> PeopleCanon | None:
    """The canon a settled table was saved with (it counts exactly the table's names and
    every document carries its values), else None: the run counts and checks everything."""
    return None if table.people is None else PeopleCanon.from_dict(table.people)


class _Canonical:
    """canonical() memoized per distinct name (100k documents share a few thousand names)."""

    def __init__(self, canon: PeopleCanon) -> None:
        self.canon = canon
        self._memo: dict[str, str] = {}

    def stale(
        self, table: FileTable, only: Iterable[str] | None = None
    ) -> list[tuple[str, str | None]]:
        """Files (of `only`, else all) whose document does not carry the canonical names
        of its people."""
        files = table.files
        entries = (
            files.items()
            if only is None
            else [(rel, files[rel]) for rel in dict.fromkeys(only) if rel in files]
        )
        memo = self._memo
        for n in {n for _, e in entries for n in e[NAMES]}.difference(memo):
            memo[n] = self.canon.canonical(n)
        get = memo.__getitem__
        return [
            (rel, None)
            for rel, e in entries
            if (e[NAMES] or e[PEOPLE]) and list(dict.fromkeys(map(get, e[NAMES]))) != e[PEOPLE]
        ]

    def people(self, names: Iterable[str]) -> list[str]:
        memo = self._memo
        out: dict[str, None] = {}
        for n in names:
            c = memo.get(n)
            if c is None:
                c = memo[n] = self.canon.canonical(n)
            out[c] = None
        return list(out)


def _clean_names(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))


# -- one run over one generation ----------------------------------------------------------


class _Run:
    def __init__(
        self,
        corpus: Path,
        index_path: Path,
        gen: str,
        *,
        fresh: bool,
        publish_on_commit: bool,
        progress: Progress | None,
        hidden: bool = False,
    ) -> None:
        self.corpus = corpus
        self.index_path = index_path
        self.gen = gen
        self.gen_dir = index_path / gen
        self.fresh = fresh
        self.publish_on_commit = publish_on_commit
        # a rebuild nobody reads until it replaces CURRENT: its vocabulary is synced once,
        # at the last commit (each sync walks the whole term dictionary)
        self.hidden = hidden
        self.progress = progress
        self.summary = IndexSummary()
        self.table = FileTable() if fresh else FileTable.read(self.gen_dir)
        # The vocabulary of the words in the index (search.vocabulary): a run that adds
        # documents syncs it after each commit; a lost or damaged one is rebuilt even when
        # nothing else changed (readers would derive it on every start, ~1 s at 100k).
        self._vocab: Vocabulary | None = Vocabulary() if fresh else Vocabulary.load(self.gen_dir)
        self.added_since_sync = fresh or self._vocab is None or not is_current(self.gen_dir)
        # An update of a few articles collects their words as it adds them (WORD_RE splits
        # like the index's tokenizer) instead of walking the whole term dictionary.
        self.added_words: set[str] | None = None if self.added_since_sync else set()
        self._ids: dict[str, str] | None = None  # document id -> file, built when needed
        self.skipped: dict[str, str] = {}
        if fresh:
            idx = tantivy.Index(schema.build_schema(), path=str(self.gen_dir))
            schema.register_tokenizers(idx)
        else:
            Manifest.read(self.gen_dir)  # refuses a damaged or older-schema generation
            idx = _open_tantivy(self.gen_dir)
            _check_readable(idx)
        self.index = idx
        # A generation being built counts nothing as written since its build; an update
        # in place counts the facet values it writes (search.recent), when the build
        # left counts to add to.
        self.building = fresh or hidden or publish_on_commit
        if self.building:
            RecentWrites.forget(self.gen_dir)  # a resumed build: whatever they said is void
        self.recent = None if self.building else RecentWrites.load(self.gen_dir)
        self.writer: tantivy.IndexWriter | None = None
        self.pending = 0
        self.commits = 0
        self.last_commit = time.monotonic()
        self.phase = IndexPhase.LISTING
        self.done = 0
        self.total = 0
        self.names_moved = False
        self.written: list[str] = []  # files whose document this run (re)wrote
        self.workers = _Pool()

    @property
    def ids(self) -> dict[str, str]:
        if self._ids is None:
            self._ids = {e[ID]: rel for rel, e in self.table.files.items()}
        return self._ids

    def _sync_vocabulary(self) -> None:
        """Add the words of the committed index that the vocabulary lacks (their lemma and
        stem computed once, here) and save it. Derived from tantivy's term dictionary, so a
        crash between the commit and this write is healed by the next run."""
        if self._vocab is None:
            self._vocab = Vocabulary.load(self.gen_dir)
        self.index.reload()
        searcher = self.index.searcher()
        if self._vocab is None:  # lost or unreadable: rebuild it from the index
            self._vocab = from_searcher(searcher)
        else:
            if self.added_words is not None:  # a few articles: their own words
                words = self.added_words
            else:  # many: the term dictionary (~0.3 s at 100k articles)
                words = index_words(searcher)
            new = sorted(words.difference(self._vocab.known))
            self._vocab.add(new, *_analyzed_words(new, self.workers))
        self._vocab.save(self.gen_dir)
        self.added_since_sync = False
        self.added_words = set() if self.added_words is not None else None

    # writer and commits
    def _writer(self) -> tantivy.IndexWriter:
        if self.writer is None:
            self.writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
            # A writer killed after writing files for its next commit (e.g. `<seg>.359.del`)
            # leaves them behind; replaying the same operations reaches the same opstamp and
            # tantivy refuses to overwrite them (FileAlreadyExists). Drop what no commit uses.
            self.writer.garbage_collect_files()
        return self.writer

    def commit(self, canon: PeopleCanon, final: bool = False, settled: bool = False) -> None:
        """Commit what was added, then the vocabulary and the manifest that describe it;
        `settled`: `canon` counts exactly the table's names and every document carries
        its values (only the end of a run knows)."""
        self.table.people = canon.to_dict() if settled else None
        if self.writer is not None:
            if self.recent is not None and self.recent.dirty:  # before: see search.recent
                self.recent.save(self.gen_dir)
            # tantivy commits without the GIL: the file table (100k files: 0.3-0.5 s) is
            # serialized meanwhile, and written only once the commit is done. The helper
            # thread is started first: a thread started with the task would take the GIL
            # for the whole serialization (one C call) before this one reached the commit.
            with cf.ThreadPoolExecutor(1) as helper:
                helper.submit(int).result()
                table_text = helper.submit(self.table.text)
                self.writer.commit()
                text = table_text.result()
        else:
            text = self.table.text()
        if self.added_since_sync and (final or not self.hidden):
            self._sync_vocabulary()
        elif not self.added_since_sync and self.writer is not None:
            with contextlib.suppress(OSError):  # no new word: the saved one is current
                os.utime(self.gen_dir / VOCABULARY_FILE)
        self.table.write(self.gen_dir, text)
        Manifest(
            schema_version=schema.SCHEMA_VERSION,
            corpus=str(self.corpus.resolve()),
            updated=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            documents=len(self.table.files),
            people_table=canon.to_dict(),
        ).write(self.gen_dir)
        self.pending = 0
        self.commits += 1
        self.last_commit = time.monotonic()
        if self.publish_on_commit:  # first build: searchable from its first commit on
            _write_pointer(self.index_path, CURRENT, self.gen)
            (self.index_path / BUILDING).unlink(missing_ok=True)
            self.publish_on_commit = False

    def _maybe_commit(self, canon: PeopleCanon) -> None:
        if not (self.fresh or self.hidden or self.publish_on_commit):  # an update in place
            due = self.pending >= COMMIT_DOCS or (
                self.pending and time.monotonic() - self.last_commit >= COMMIT_SECONDS
            )
        else:
            due = self.pending >= BUILD_COMMIT_DOCS
        if due:
            self.commit(canon)

    def _delete(self, rel: str) -> None:
        entry = self.table.files.pop(rel, None)
        if entry is not None:
            self._writer().delete_documents_by_term(schema.ID, entry[ID])
            if self.ids.get(entry[ID]) == rel:
                del self.ids[entry[ID]]
            self.pending += 1

    def _begin(self, phase: IndexPhase, total: int = 0) -> None:
        """A new phase of `total` steps (0: not counted); each has a progress bar of its own."""
        self.phase, self.done, self.total = phase, 0, total
        if self.progress is not None:
            self.progress(phase, 0, total)

    def _tick(self) -> None:
        self.done += 1
        if self.progress is not None and (self.done % 32 == 0 or self.done >= self.total):
            self.progress(self.phase, self.done, self.total)

    # the work
    def process(
        self, todo: list[tuple[str, str | None]], canon: PeopleCanon, *, relink: bool = False
    ) -> None:
        """Index the files in `todo`; `relink` re-indexes them with a fixed canon."""
        if todo:
            self._begin(IndexPhase.PEOPLE if relink else IndexPhase.READING, len(todo))
        batch: list[_Pending] = []
        counted: list[str] = []  # names of unchanged files, left out of the starting canon
        from search.parse import display_path  # see process_file

        display_root = display_path(self.corpus)
        results = _results(self.corpus, display_root, todo, self.workers)
        # closing(): whatever stops this loop (Ctrl-C, a full disk) cancels the chunks not
        # started yet here and now; run() then shuts the workers down.
        with contextlib.closing(results):
            for kind, rel, size, mtime, digest, payload in results:
                self._tick()
                if relink and kind in (GONE, SKIP):  # its names leave the canon
                    self.names_moved = True
                if kind == GONE:
                    if rel in self.table.files:
                        self._delete(rel)
                        self.summary.deleted += 1
                    continue
                if kind == SAME:
                    entry = self.table.files[rel]
                    entry[SIZE], entry[MTIME] = size, mtime
                    if not relink:
                        counted.extend(entry[NAMES])
                    self.summary.unchanged += 1
                    continue
                if kind == SKIP:
                    self._skip(rel, size, mtime, str(payload))
                    continue
                assert isinstance(payload, tuple)
                article = Article(*payload)
                owner = self.ids.get(article.id)
                if owner is not None and owner != rel:
                    self._skip(rel, size, mtime, f"same document id as {owner}")
                    continue
                names = _clean_names(article.people)
                known = self.table.files.get(rel)
                if relink and known is not None and names != known[NAMES]:  # edited meanwhile
                    self.names_moved = True
                self.ids[article.id] = rel
                batch.append((rel, size, mtime, digest, article, names, known))
                if len(batch) >= ADD_BATCH:
                    self._flush(batch, counted, canon, relink)
                    batch, counted = [], []
        self._flush(batch, counted, canon, relink)

    def _flush(
        self, batch: list[_Pending], counted: list[str], canon: PeopleCanon, relink: bool
    ) -> None:
        """Add a batch of documents. The canon grows once per batch, not once per article:
        `PeopleCanon.add` recomputes every known spelling of the surnames it is given
        (1.8 ms per article at 100k articles, 0.25 ms per article in batches of 1,000).
        The relink pass settles the values documents got along the way."""
        if not relink:
            names = counted + [n for item in batch for n in item[5]]
            if names:
                canon.count(names)
        names_of = _Canonical(canon)
        writer = self._writer() if batch else None
        for rel, size, mtime, digest, article, names, known in batch:
            assert writer is not None
            people = names_of.people(names)
            if not self.fresh or known is not None:
                writer.delete_documents_by_term(schema.ID, article.id)
            writer.add_document(build_document(article, people, digest))
            if self.recent is not None:
                self.recent.add(article.section, article.tags, people, article.author)
            self.added_since_sync = True
            if self.added_words is not None:
                for text in (article.title, article.subtitle or "", article.body):
                    self.added_words.update(WORD_RE.findall(text))
            self.table.files[rel] = file_entry(size, mtime, digest, article.id, names, people)
            self.written.append(rel)
            self.table.skipped.pop(rel, None)
            self.pending += 1
            if relink:
                self.summary.relinked += 1
            elif known is None:
                self.summary.added += 1
            else:
                self.summary.updated += 1
        self._maybe_commit(canon)

    def _skip(self, rel: str, size: int, mtime: int, reason: str) -> None:
        if rel in self.table.files:  # was an article, now is not: drop the stale document
            self._delete(rel)
            self.summary.deleted += 1
        self.table.skipped[rel] = SkippedEntry(size, mtime, reason)
        self.skipped[rel] = reason

    def run(self) -> IndexSummary:
        # The file table (100k entries: ~300k lists) lives through the whole run: frozen,
        # the cyclic GC stops re-walking it at every full collection (no-op update at
        # 100k: 2.0 -> 1.5-1.8 s CPU in-process); it collects less often meanwhile
        # (GC_THRESHOLDS). Both undone after, for long-lived callers.
        gc.freeze()
        thresholds = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLDS)
        try:
            return self._run()
        finally:
            gc.set_threshold(*thresholds)
            # whatever stopped the run (Ctrl-C, a full disk), the workers go now, not when
            # the pool is collected at exit (after its semaphores may be gone: warnings and
            # tracebacks from workers)
            self.workers.close()
            gc.unfreeze()

    def _index_and_settle(
        self, todo: list[tuple[str, str | None]], gone: list[str], saved: PeopleCanon | None
    ) -> tuple[PeopleCanon, bool]:
        """Index `todo`, delete `gone`, then re-link the documents whose people's canonical
        names moved. Returns the final canon and whether every document carries its values.

        The starting canon counts the names of the files that stay as they are: the saved
        one less the files about to change, else counted from the table. process() adds
        the names of every file it reads, so afterwards `canon` counts exactly the names in
        the table (the canon does not depend on the order names arrive in)."""
        changing = {rel for rel, _ in todo} | set(gone)
        if saved is not None:
            canon = saved.copy()
            files = self.table.files
            canon.discount(n for rel in changing if rel in files for n in files[rel][NAMES])
        else:
            canon = _canon_from(self.table, exclude=changing)
        for rel in gone:
            self._delete(rel)
            self.summary.deleted += 1
        self.process(todo, canon)
        # People: every document must carry the canonical names of the final canon. With
        # a saved canon, the documents this run did not write carry its values: only those
        # holding a name whose value moved need a look, besides the ones written now.
        for _ in range(3):
            if self.names_moved:  # files changed under the run: count and check all
                canon = _canon_from(self.table)
                self.names_moved = False
                saved = None
            names_of = _Canonical(canon)
            if saved is None:
                stale = names_of.stale(self.table)
            else:
                moved = canon.changed_since(saved)
                touched = (
                    [rel for rel, e in self.table.files.items() if not moved.isdisjoint(e[NAMES])]
                    if moved
                    else []
                )
                stale = names_of.stale(self.table, [*self.written, *touched])
            if not stale:
                return canon, True
            self.process(stale, canon, relink=True)
        return canon, False

    def _run(self) -> IndexSummary:
        started = time.monotonic()
        # A new generation reads every file: once there are enough for the workers, their
        # server starts loading the parser (~0.7 s) while the rest of the corpus is listed.
        warm = self.workers.get if self.fresh and _workers() > 1 else None
        self._begin(IndexPhase.LISTING)
        found, problems = scan_corpus(self.corpus, exclude=self.index_path, on_many=warm)
        for rel, reason in problems:
            self.skipped[rel] = reason
        if not found and self.table.files:
            raise CercaError(
                f"no article files in {self.corpus}; the index keeps its "
                f"{len(self.table.files)} documents (run `cerca index --rebuild` to empty it)"
            )
        files = self.table.files
        todo: list[tuple[str, str | None]] = []
        skipped = self.table.skipped
        for rel, stat in found.items():
            entry = files.get(rel)
            if entry is not None and entry[SIZE] == stat[0] and entry[MTIME] == stat[1]:
                self.summary.unchanged += 1
                continue
            bad = skipped.get(rel)
            if bad is not None and (bad.size, bad.mtime_ns) == stat and bad.retry is False:
                self.skipped[rel] = bad.reason  # same bytes as last time: same verdict
                continue
            todo.append((rel, entry[HASH] if entry else None))
        gone = [rel for rel in files if rel not in found]
        for rel in list(self.table.skipped):
            if rel not in found:
                del self.table.skipped[rel]
        if len(todo) > FEW_FILES:
            self.added_words = None
        was_settled = self.table.people is not None
        canon: PeopleCanon | None = None
        if was_settled and not todo and not gone:
            # nothing to index, and the last run left every document carrying the saved
            # canon's values: no names to count, no document to check
            settled = True
        else:
            canon, settled = self._index_and_settle(todo, gone, _settled_canon(self.table))
        if (
            self.pending
            or self.fresh
            or todo
            or gone
            or self.publish_on_commit
            or (self.added_since_sync)
            or settled != was_settled
        ):
            if canon is None:  # only the vocabulary needs saving
                canon = _settled_canon(self.table)
                assert canon is not None
            self._begin(IndexPhase.SAVING)
            self.commit(canon, final=True, settled=settled)
        if self.writer is not None:
            if self.fresh:  # a new generation is merged before readers get it
                self.writer.wait_merging_threads()
            # An incremental run does not wait for tantivy's background merges: they are
            # an optimization, abandoned safely at exit and redone by a later run.
            self.writer = None
            if not self.added_since_sync:  # a merge rewrote meta.json: same words
                with contextlib.suppress(OSError):
                    os.utime(self.gen_dir / VOCABULARY_FILE)
        if self.building:  # one segment: updates will add segments of their own only
            self.index.reload()
            if self.index.searcher().num_segments <= 1:
                RecentWrites.start(self.gen_dir)
        self.summary.skipped = sorted(self.skipped.items())
        self.summary.documents = len(self.table.files)
        self.summary.seconds = time.monotonic() - started
        return self.summary


# -- the public entry point --------------------------------------------------------------


def update_index(
    corpus: Path,
    index_path: Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> IndexSummary:
    """Bring the index at `index_path` up to date with the files under `corpus`.

    Incremental unless `rebuild`; see the module docstring for the guarantees. A new
    generation that fails before its first commit is removed, with its BUILDING pointer.

    `progress(phase, done, total)` hears how far the run is (see IndexPhase). It may
    raise to stop the run (a UI closing): the run then stops as on Ctrl-C.

    Raises:
        IndexBusyError: another indexer holds the lock.
        IndexCorruptError: the current index cannot be updated (message: rebuild).
        CorpusError: the corpus folder is missing.
        IndexWriteError: the index folder cannot be written (not a folder, permissions,
            a full disk).
        CercaError: the worker processes cannot start, or the corpus is empty while the
            index is not.
    """
    corpus, index_path = Path(corpus), Path(index_path)
    if not corpus.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus}")
    if index_path.exists() and not index_path.is_dir():
        raise IndexWriteError(f"index path is not a folder: {index_path}")
    try:
        return _update(corpus, index_path, rebuild, progress)
    except OSError as e:  # disk full, permissions: nothing committed is lost
        where = e.filename or index_path
        raise IndexWriteError(f"cannot write the index ({where}: {e.strerror or e})") from None
    except ValueError as e:  # tantivy reports its I/O failures as ValueError
        raise IndexWriteError(f"cannot write the index at {index_path}: {e}") from None


def _update(
    corpus: Path, index_path: Path, rebuild: bool, progress: Progress | None
) -> IndexSummary:
    with index_lock(index_path):
        existed = (index_path / CURRENT).exists()  # damaged or not: a rebuild, not a first build
        current = _read_pointer_lenient(index_path, CURRENT, strict=not rebuild)
        building = _read_pointer_lenient(index_path, BUILDING, strict=False)
        previous = _read_pointer_lenient(index_path, PREVIOUS, strict=False)
        _remove_generations(index_path, {current, building, previous})
        if current is not None and not (index_path / current).is_dir():
            if not rebuild:
                raise IndexCorruptError(f"index is damaged ({current} is missing): {REBUILD_HINT}")
            current = None

        if not rebuild and building is None and current is not None:
            run = _Run(
                corpus, index_path, current, fresh=False, publish_on_commit=False, progress=progress
            )
            return run.run()

        # A new generation (rebuild, first build), or one an interrupted run left behind.
        run = None
        if building is not None:
            try:
                run = _Run(
                    corpus,
                    index_path,
                    building,
                    fresh=False,
                    publish_on_commit=current is None,
                    progress=progress,
                    hidden=current is not None,
                )
            except CercaError:  # killed before its first commit: start it again
                shutil.rmtree(index_path / building, ignore_errors=True)
                run = None
        if run is None:
            building = _new_generation(index_path)
            _write_pointer(index_path, BUILDING, building)
            try:
                run = _Run(
                    corpus,
                    index_path,
                    building,
                    fresh=True,
                    publish_on_commit=current is None,
                    progress=progress,
                    hidden=current is not None,
                )
            except BaseException:
                _abandon(index_path, building)
                raise
        try:
            summary = run.run()
        except BaseException:
            if run.fresh and not run.commits:  # nothing a next run could resume
                run.writer = None
                _abandon(index_path, building)
            raise
        summary.created, summary.rebuilt = not existed, existed
        if current is not None and current != building:
            _write_pointer(index_path, PREVIOUS, current)
        _write_pointer(index_path, CURRENT, building)
        (index_path / BUILDING).unlink(missing_ok=True)
        _remove_generations(index_path, {building, current})
        return summary


def _abandon(index_path: Path, gen: str) -> None:
    """Remove a generation being built that has no commit: a failed or interrupted build
    leaves the folder as it found it (the pointer goes first: a generation no pointer
    names is removed by the next run anyway)."""
    (index_path / BUILDING).unlink(missing_ok=True)
    shutil.rmtree(index_path / gen, ignore_errors=True)


def _read_pointer_lenient(index_path: Path, name: str, *, strict: bool) -> str | None:
    try:
        return _read_pointer(index_path, name)
    except IndexCorruptError:
        if strict:
            raise
        (index_path / name).unlink(missing_ok=True)
        return None
