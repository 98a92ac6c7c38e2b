"""Building and updating the index: one run over one generation of an index folder.

An ordinary run updates the CURRENT generation in place, incrementally: files are
compared with the file table by size and mtime, changed ones are re-read and hashed,
then parsed and indexed in batches; each commit is followed by the manifest that
describes it, so a crash loses at most the last batch and readers keep answering.
`--rebuild` (and a first build) writes a new generation beside the current one and
switches CURRENT to it once complete. The layout and the guarantees are told in
docs/internals/index-format.md.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import shutil
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import NamedTuple

from search.errors import CercaError, CorpusError, IndexCorruptError, IndexWriteError
from search.index import history, sample, workers
from search.index.documents import build_document
from search.index.file_table import (
    EVIDENCE,
    ID,
    MTIME,
    NAMES,
    SIZE,
    WHERE,
    SkippedEntry,
    file_entry,
)
from search.index.generation import Generation, Mode
from search.index.layout import (
    abandon,
    new_generation,
    read_pointer_lenient,
    remove_generations,
    write_pointer,
)
from search.index.lock import index_lock
from search.index.manifest import REBUILD_HINT
from search.index.reader import BUILDING, CURRENT, PREVIOUS
from search.index.relink import (
    Canonical,
    canon_from,
    clean_names,
    place_surnames,
    settled_canon,
)
from search.index.scan import Problems, split_rel
from search.index.split_walk import SPLIT_MIN_FILES, walk_compared
from search.index.workers import GC_THRESHOLDS, GONE, SAME, SKIP, WorkerPool, read_files
from search.models import Article, IndexPhase, IndexSummary
from search.people import PeopleCanon, PeopleCorrections, Where, where_of

# An update that reads at most this many files takes the new words from their text.
FEW_FILES = 1000
# Articles handed to the writer together (the canon grows once per batch).
ADD_BATCH = 500

Progress = Callable[[IndexPhase, int, int], None]  # (phase, done, total): see IndexPhase


class _Pending(NamedTuple):
    """A parsed file waiting for the writer."""

    rel: str
    size: int
    mtime: int
    digest: str
    article: Article
    names: list[str]
    evidence: list[list]  # what it says of each name (file_table.EVIDENCE)
    where: Where  # its section and month (file_table.WHERE)
    known: list | None  # its previous file-table entry


Todo = list[tuple[str, str | None]]  # (relative path, hash the table knows or None)


class _Run:
    """One indexing run over the generation `gen` of `index_path`."""

    def __init__(
        self,
        corpus: Path,
        index_path: Path,
        gen: str,
        mode: Mode,
        *,
        resumed: bool = False,
        progress: Progress | None = None,
        corrections: PeopleCorrections | None = None,
    ) -> None:
        self.corpus = corpus
        self.corrections = corrections or PeopleCorrections()
        self.index_path = index_path
        self.workers = WorkerPool()
        self.gen = Generation(corpus, index_path, gen, mode, self.workers, resumed=resumed)
        self.table = self.gen.table
        self.progress = progress
        self.summary = IndexSummary()
        self.skipped: dict[str, str] = {}
        self.phase = IndexPhase.LISTING
        self.done = 0
        self.total = 0
        self.names_moved = False
        # files whose document this run (re)wrote: only a run with a saved canon looks
        # them up again (a build checks every file, and a list of them all is not kept)
        self.written: list[str] | None = None

    def _delete(self, rel: str) -> None:
        entry = self.table.remove(rel)
        if entry is not None:
            self.gen.delete(entry[ID])

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
    def process(self, todo: Todo, canon: PeopleCanon, *, relink: bool = False) -> None:
        """Index the files in `todo`; `relink` re-indexes them with a fixed canon."""
        if todo:
            self._begin(IndexPhase.PEOPLE if relink else IndexPhase.READING, len(todo))
        batch: list[_Pending] = []
        # A new generation's first pass reads each file once into an empty table: no file
        # has an entry yet, and only ids that two files share need their owner looked up.
        first = self.gen.fresh and not relink
        shared = _shared_ids(todo) if first else None
        counted: list[str] = []  # names of unchanged files, left out of the starting canon
        weighed: list[list] = []  # and their evidence rows
        placed: list[tuple[list[str], Where]] = []  # and their names with their buckets
        from search.parse import display_path  # a run with nothing to read never loads it

        display_root = display_path(self.corpus)
        results = read_files(self.corpus, display_root, todo, self.workers)
        # closing(): whatever stops this loop (Ctrl-C, a full disk) cancels the chunks not
        # started yet here and now; run() then shuts the workers down.
        with contextlib.closing(results):  # type: ignore[type-var]
            for kind, rel, size, mtime, digest, payload in results:
                self._tick()
                if relink and kind in (GONE, SKIP):  # its names leave the canon
                    self.names_moved = True
                if kind == GONE:
                    if rel in self.table:
                        self._delete(rel)
                        self.summary.deleted += 1
                    continue
                if kind == SAME:
                    entry = self.table.get(rel)
                    assert entry is not None
                    entry[SIZE], entry[MTIME] = size, mtime
                    self.table.put(rel, entry)
                    if not relink:
                        counted.extend(entry[NAMES])
                        weighed.extend(entry[EVIDENCE])
                        placed.append((entry[NAMES], tuple(entry[WHERE])))
                    self.summary.unchanged += 1
                    continue
                if kind == SKIP:
                    self._skip(rel, size, mtime, str(payload))
                    continue
                assert isinstance(payload, tuple)
                article = Article(*payload)
                if shared is None or hash(article.id) in shared:
                    owner = self.table.owner(article.id)
                    if owner is not None and owner != rel:
                        self._skip(rel, size, mtime, f"same document id as {owner}")
                        continue
                names = clean_names(article.people)
                evidence = [list(row) for row in article.evidence]
                where = where_of(article.section, article.date)
                known = None if first else self.table.get(rel)
                if (
                    relink
                    and known is not None
                    and (
                        names != known[NAMES]
                        or evidence != known[EVIDENCE]
                        or list(where) != known[WHERE]
                    )
                ):  # edited meanwhile
                    self.names_moved = True
                entry = file_entry(size, mtime, digest, article.id, names, [], evidence, where)
                self.table.put(rel, entry)
                batch.append(
                    _Pending(rel, size, mtime, digest, article, names, evidence, where, known)
                )
                if len(batch) >= ADD_BATCH:
                    self._flush(batch, counted, weighed, placed, canon, relink)
                    batch, counted, weighed, placed = [], [], [], []
        self._flush(batch, counted, weighed, placed, canon, relink)

    def _flush(
        self,
        batch: list[_Pending],
        counted: list[str],
        weighed: list[list],
        placed: list[tuple[list[str], Where]],
        canon: PeopleCanon,
        relink: bool,
    ) -> None:
        """Add a batch of documents. The canon grows once per batch, not once per article
        (`PeopleCanon.add` recomputes every known spelling of the surnames it is given);
        the relink pass settles the values documents got along the way."""
        if not relink:
            names = counted + [n for item in batch for n in item.names]
            if names:
                canon.count(names)
            canon.weigh(weighed)
            canon.weigh(row for item in batch for row in item.evidence)
            for names, where in placed:
                canon.locate(names, where)
            for item in batch:
                canon.locate(item.names, item.where)
        names_of = Canonical(canon)
        gen = self.gen
        for item in batch:
            article = item.article
            people = names_of.people(item.names, item.where)
            document = build_document(article, people)
            gen.add(article.id, document, replace=not gen.fresh or item.known is not None)
            if gen.recent is not None:
                gen.recent.add(article.section, article.tags, people, article.author)
            gen.vocabulary.added(article)
            entry = file_entry(
                item.size,
                item.mtime,
                item.digest,
                article.id,
                item.names,
                people,
                item.evidence,
                item.where,
            )
            self.table.put(item.rel, entry)
            if self.written is not None:
                self.written.append(item.rel)
            self.table.skipped.pop(item.rel, None)
            if relink:
                self.summary.relinked += 1
            elif item.known is None:
                self.summary.added += 1
            else:
                self.summary.updated += 1
        gen.maybe_commit(canon)

    def _skip(self, rel: str, size: int, mtime: int, reason: str) -> None:
        if rel in self.table:  # was an article, now is not: drop the stale document
            self._delete(rel)
            self.summary.deleted += 1
        self.table.skipped[rel] = SkippedEntry(size, mtime, reason)
        self.skipped[rel] = reason

    def run(self) -> IndexSummary:
        # What is loaded before the run (the parser's tables) lives through it: frozen,
        # the cyclic GC stops re-walking it, and it collects less often meanwhile. Both
        # undone after, for long-lived callers.
        gc.freeze()
        thresholds = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLDS)
        try:
            return self._run()
        finally:
            gc.set_threshold(*thresholds)
            # whatever stopped the run (Ctrl-C, a full disk), the workers go now, not when
            # the pool is collected at exit (after its semaphores may be gone)
            self.workers.close()
            gc.unfreeze()

    def _index_and_settle(
        self, todo: Todo, gone: list[str], saved: PeopleCanon | None
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
            leaving = [e for _, e in self.table.entries(changing)]
            canon.discount(n for e in leaving for n in e[NAMES])
            canon.weigh((row for e in leaving for row in e[EVIDENCE]), -1)
            for e in leaving:
                canon.locate(e[NAMES], tuple(e[WHERE]), -1)
            del leaving
            # saved keeps the corrections its documents carry: changed_since() below
            # finds the names whose value the user's new corrections move
            canon.corrections = self.corrections
            self.written = []
        else:
            canon = canon_from(self.table, exclude=changing, corrections=self.corrections)
        del changing  # one entry per file read: not kept through the run
        for rel in gone:
            self._delete(rel)
            self.summary.deleted += 1
        self.process(todo, canon)
        place_surnames(canon, self.table)  # those that came to need their buckets
        # Every document must carry the canonical names of the final canon. With a saved
        # canon, the documents this run did not write carry its values: only those holding
        # a name whose value moved need a look, besides the ones written now.
        for _ in range(3):
            if self.names_moved:  # files changed under the run: count and check all
                canon = canon_from(self.table, corrections=self.corrections)
                self.names_moved = False
                saved = None
                self.written = None
            names_of = Canonical(canon)
            if saved is None:
                stale = names_of.stale(self.table)
            else:
                touched = self.table.holding(canon.changed_since(saved))
                assert self.written is not None
                stale = names_of.stale(self.table, [*self.written, *touched])
            if not stale:
                return canon, True
            self.process(stale, canon, relink=True)
        return canon, False

    def _changes(
        self, problems: Problems, warm: Callable[[], object] | None
    ) -> tuple[Todo, list[str], int]:
        """Walk the corpus: the files to read (new, or with another size or mtime), the
        files gone, and how many article files the corpus has.

        A folder whose listing has the digest the table keeps for it is unchanged as a
        whole; only the rows of the other folders are read. A folder without a digest has
        no rows (`FileTable` keeps one for every folder that has)."""
        table = self.table
        skipped = table.skipped
        digests = table.digests()
        folders = walk_compared(
            self.corpus,
            problems,
            digests,
            self.index_path,
            on_many=warm,
            many=workers.POOL_MIN_FILES,
            split=len(table) >= SPLIT_MIN_FILES,
        )
        todo: Todo = []
        gone: list[str] = []
        found = 0
        unchanged: set[str] = set()  # folders whose digest agreed
        listed: set[str] = set()  # skipped files still in the corpus, in the other folders
        for prefix, files, listing in folders:
            found += files
            stored = digests.pop(prefix, None)
            if listing is None:  # the digest the table keeps
                self.summary.unchanged += files
                unchanged.add(prefix)
                continue
            if stored is None and not listing:
                continue
            rows = table.folder_rows(prefix) if stored is not None else {}
            for name, size, mtime in listing:
                rel = prefix + name
                row = rows.pop(name, None)
                if row is not None:
                    if row[0] == size and row[1] == mtime:
                        self.summary.unchanged += 1
                    else:
                        todo.append((rel, row[2]))
                    continue
                bad = skipped.get(rel)
                if bad is not None:
                    listed.add(rel)
                    if (bad.size, bad.mtime_ns) == (size, mtime) and not bad.retry:
                        self.skipped[rel] = bad.reason  # same bytes as last time: same verdict
                        continue
                todo.append((rel, None))
            gone.extend(prefix + name for name in rows)
        for prefix in digests:  # folders no longer in the corpus (or no longer readable)
            gone.extend(prefix + name for name in table.folder_rows(prefix))
        for rel, bad in list(skipped.items()):
            if rel in listed:
                continue
            # an unchanged folder's digest counts its files with a verdict: they are still
            # there as they were; one to read again (unreadable) would have changed it
            if not bad.retry and split_rel(rel)[0] in unchanged:
                self.skipped[rel] = bad.reason
            else:
                del skipped[rel]
        return todo, gone, found

    def _run(self) -> IndexSummary:
        started = time.monotonic()
        # A new generation reads every file: once there are enough for the workers, their
        # server starts loading the parser while the rest of the corpus is listed.
        warm = self.workers.get if self.gen.fresh and workers.worker_count() > 1 else None
        self._begin(IndexPhase.LISTING)
        problems: Problems = []
        todo, gone, found = self._changes(problems, warm)
        for rel, reason in problems:
            self.skipped[rel] = reason
        if not found and len(self.table):
            raise CercaError(
                f"no article files in {self.corpus}; the index keeps its "
                f"{len(self.table)} documents (run `cerca index --rebuild` to empty it)"
            )
        if len(todo) > FEW_FILES:
            self.gen.vocabulary.expect_many()
        # Documents added in sample order fill one run of each segment's doc ids per
        # sample level: a sampled facet pass skips the rest of a word's postings.
        todo.sort(key=_sample_rank)
        saved = settled_canon(self.table)
        was_settled = saved is not None
        corrected = saved is not None and saved.corrections != self.corrections
        canon: PeopleCanon | None = None
        if was_settled and not todo and not gone and not corrected:
            # nothing to index, and the last run left every document carrying the saved
            # canon's values: no names to count, no document to check
            settled = True
        else:
            canon, settled = self._index_and_settle(todo, gone, saved)
        if self.gen.needs_commit or todo or gone or corrected or settled != was_settled:
            if canon is None:  # only the vocabulary needs saving
                canon = settled_canon(self.table)
                assert canon is not None
            self._begin(IndexPhase.SAVING)
            self.gen.commit(canon, final=True, settled=settled)
        self.gen.close()
        self.summary.skipped = sorted(self.skipped.items())
        self.summary.documents = len(self.table)
        self.summary.seconds = time.monotonic() - started
        return self.summary


def _sample_rank(item: tuple[str, str | None]) -> int:
    return sample.rank(workers.doc_id(item[0]))


def _shared_ids(todo: Todo) -> set[int]:
    """hash() of the document ids that more than one file of `todo` would get (`a.txt`,
    `a.TXT`): sorted numbers, not a set of a million ids, to keep the pass small."""
    hashes = sorted(hash(workers.doc_id(rel)) for rel, _ in todo)
    return {a for a, b in itertools.pairwise(hashes) if a == b}


# -- the public entry point --------------------------------------------------------------


def update_index(
    corpus: Path,
    index_path: Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    corrections: PeopleCorrections | None = None,
) -> IndexSummary:
    """Bring the index at `index_path` up to date with the files under `corpus`.

    Incremental unless `rebuild`; see the module docstring for the guarantees. A new
    generation that fails before its first commit is removed, with its BUILDING pointer.

    `corrections` are the user's corrections to the people facet (`search.config`
    reads them from the user's file); None is none. Only the documents carrying a name
    whose value they change are written again.

    `progress(phase, done, total)` hears how far the run is (see IndexPhase). It may
    raise to stop the run (a UI closing): the run then stops as on Ctrl-C.

    Raises:
        IndexBusyError: another indexer holds the lock.
        IndexCorruptError: the current index cannot be updated (message: rebuild).
        CorpusError: the corpus folder is missing.
        IndexWriteError: the index folder cannot be written (not a folder, permissions,
            a full disk).
        CercaError: the worker processes cannot start or one dies, or the corpus is empty
            while the index is not.
    """
    corpus, index_path = Path(corpus), Path(index_path)
    if not corpus.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus}")
    if index_path.exists() and not index_path.is_dir():
        raise IndexWriteError(f"index path is not a folder: {index_path}")
    try:
        return _update(corpus, index_path, rebuild, progress, corrections)
    except OSError as e:  # disk full, permissions: nothing committed is lost
        where = e.filename or index_path
        raise IndexWriteError(f"cannot write the index ({where}: {e.strerror or e})") from None
    except ValueError as e:  # tantivy reports its I/O failures as ValueError
        raise IndexWriteError(f"cannot write the index at {index_path}: {e}") from None
    except BrokenProcessPool:  # a worker killed (out of memory, a signal): commits stand
        raise CercaError(
            "a worker process reading the articles stopped unexpectedly (out of memory?); "
            "what was committed is kept: run cerca index again"
        ) from None


def _update(
    corpus: Path,
    index_path: Path,
    rebuild: bool,
    progress: Progress | None,
    corrections: PeopleCorrections | None,
) -> IndexSummary:
    with index_lock(index_path):
        existed = (index_path / CURRENT).exists()  # damaged or not: a rebuild, not a first build
        current = read_pointer_lenient(index_path, CURRENT, strict=not rebuild)
        building = read_pointer_lenient(index_path, BUILDING, strict=False)
        previous = read_pointer_lenient(index_path, PREVIOUS, strict=False)
        remove_generations(index_path, {current, building, previous})
        if current is not None and not (index_path / current).is_dir():
            if not rebuild:
                raise IndexCorruptError(f"index is damaged ({current} is missing): {REBUILD_HINT}")
            current = None

        if not rebuild and building is None and current is not None:
            update = _Run(
                corpus, index_path, current, Mode.UPDATE, progress=progress, corrections=corrections
            )
            summary = update.run()
            history.record_update(index_path, update.table)  # what is new
            return summary

        # A new generation (rebuild, first build), or one an interrupted run left behind.
        mode = Mode.FIRST_BUILD if current is None else Mode.REBUILD
        run = None
        if building is not None:
            try:
                run = _Run(
                    corpus,
                    index_path,
                    building,
                    mode,
                    resumed=True,
                    progress=progress,
                    corrections=corrections,
                )
            except CercaError:  # killed before its first commit: start it again
                shutil.rmtree(index_path / building, ignore_errors=True)
                run = None
        if run is None:
            building = new_generation(index_path)
            write_pointer(index_path, BUILDING, building)
            try:
                run = _Run(
                    corpus, index_path, building, mode, progress=progress, corrections=corrections
                )
            except BaseException:
                abandon(index_path, building)
                raise
        assert building is not None
        before = history.documents_of(index_path, current)  # for the run history
        try:
            summary = run.run()
        except BaseException:
            if not run.gen.resumable:  # nothing a next run could resume
                run.gen.discard_writer()
                abandon(index_path, building)
            raise
        summary.created, summary.rebuilt = not existed, existed
        if current is not None and current != building:
            write_pointer(index_path, PREVIOUS, current)
        write_pointer(index_path, CURRENT, building)
        (index_path / BUILDING).unlink(missing_ok=True)
        remove_generations(index_path, {building, current})
        history.record_build(index_path, before, run.table, "rebuilt" if existed else "built")
        return summary
