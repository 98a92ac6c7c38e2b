"""One generation of an index folder being written: its tantivy writer, file table,
vocabulary and facet bounds, and the commits that publish them together."""

from __future__ import annotations

import datetime as dt
import enum
import time
from dataclasses import dataclass
from pathlib import Path

import tantivy

from search.index import schema
from search.index.facet_bounds import RecentWrites
from search.index.file_table import FileTable
from search.index.layout import write_pointer
from search.index.manifest import Manifest
from search.index.reader import BUILDING, CURRENT, check_readable, open_tantivy
from search.index.vocabulary_sync import VocabularySync
from search.index.workers import WorkerPool
from search.people import PeopleCanon

# An update in place commits every COMMIT_DOCS documents or COMMIT_SECONDS, so a crash
# loses little work. A generation nobody reads yet commits every BUILD_COMMIT_DOCS only,
# each commit one segment: a build up to that size ends as one segment (facet counts over
# one segment are the cheapest), a larger one as one segment per commit, none merged.
COMMIT_DOCS = 20_000
COMMIT_SECONDS = 30.0
BUILD_COMMIT_DOCS = 250_000
# The writer's memory budget: enough for BUILD_COMMIT_DOCS articles in one segment, so
# tantivy never flushes a commit in pieces. Pieces of about one size merged eight at a
# time (its merge policy), and a merge maps every segment it reads: at 1M articles the
# whole index, the build's peak (docs/performance.md). One thread keeps up with the
# parsing workers (tantivy only splits the text into words).
WRITER_HEAP = 800_000_000
WRITER_THREADS = 1


class Mode(enum.Enum):
    """What a run does to the index folder."""

    UPDATE = "update"  # the CURRENT generation, in place
    FIRST_BUILD = "first build"  # no index yet: searchable from its first commit on
    REBUILD = "rebuild"  # beside CURRENT, which it replaces once complete


@dataclass(frozen=True)
class CommitPolicy:
    """When to commit: after `docs` pending documents, or `seconds` after the last
    commit when anything is pending."""

    docs: int
    seconds: float | None = None

    def due(self, pending: int, since_last: float) -> bool:
        if pending >= self.docs:
            return True
        return bool(pending) and self.seconds is not None and since_last >= self.seconds

    @classmethod
    def for_mode(cls, mode: Mode) -> CommitPolicy:
        if mode is Mode.UPDATE:
            return cls(COMMIT_DOCS, COMMIT_SECONDS)
        return cls(BUILD_COMMIT_DOCS)


class Generation:
    """The generation `gen` of `index_path`, opened for writing in `mode`."""

    def __init__(
        self,
        corpus: Path,
        index_path: Path,
        gen: str,
        mode: Mode,
        workers: WorkerPool,
        *,
        resumed: bool = False,
    ) -> None:
        self.corpus = corpus
        self.index_path = index_path
        self.name = gen
        self.dir = index_path / gen
        self.mode = mode
        self.workers = workers
        # a new, empty generation (not an update, not a build resumed after a crash)
        self.fresh = mode is not Mode.UPDATE and not resumed
        self.policy = CommitPolicy.for_mode(mode)
        self.published = mode is not Mode.FIRST_BUILD
        if not self.fresh:
            Manifest.read(self.dir)  # refuses a damaged or older-schema generation
        self.table = FileTable.open(self.dir, fresh=self.fresh)
        self.vocabulary = VocabularySync(self.dir, fresh=self.fresh)
        if self.fresh:
            self.index = tantivy.Index(schema.build_schema(), path=str(self.dir))
            schema.register_tokenizers(self.index)
        else:
            self.index = open_tantivy(self.dir)
            check_readable(self.index)
        # A generation being built counts nothing as written since its build; an update
        # in place counts the facet values it writes (search.index.facet_bounds).
        if mode is not Mode.UPDATE:
            RecentWrites.forget(self.dir)  # a resumed build: whatever they said is void
        self.recent = RecentWrites.load(self.dir) if mode is Mode.UPDATE else None
        self._writer: tantivy.IndexWriter | None = None
        self.pending = 0
        self.commits = 0
        self.last_commit = time.monotonic()

    @property
    def writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
            # A writer killed after writing files for its next commit leaves them behind,
            # and tantivy refuses to overwrite them on replay: drop what no commit uses.
            self._writer.garbage_collect_files()
        return self._writer

    @property
    def needs_commit(self) -> bool:
        """Something only a final commit writes: documents, a first publication, words."""
        return bool(self.pending) or self.fresh or not self.published or self.vocabulary.behind

    def delete(self, doc_id: str) -> None:
        self.writer.delete_documents_by_term(schema.ID, doc_id)
        self.pending += 1

    def add(self, doc_id: str, document: tantivy.Document, *, replace: bool) -> None:
        """Add a document; `replace`: first delete the one with the same id, if any."""
        if replace:
            self.writer.delete_documents_by_term(schema.ID, doc_id)
        self.writer.add_document(document)
        self.pending += 1

    def maybe_commit(self, canon: PeopleCanon) -> None:
        if self.policy.due(self.pending, time.monotonic() - self.last_commit):
            self.commit(canon)

    def commit(self, canon: PeopleCanon, final: bool = False, settled: bool = False) -> None:
        """Commit what was added, then the vocabulary and the manifest that describe it;
        `settled`: `canon` counts exactly the table's names and every document carries
        its values (only the end of a run knows)."""
        self.table.people = canon.to_dict() if settled else None
        # the table's rows are written meanwhile, committed after the index (file_table)
        self.table.save(meanwhile=lambda: self._commit_index(final))
        Manifest(
            schema_version=schema.SCHEMA_VERSION,
            corpus=str(self.corpus.resolve()),
            updated=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            documents=len(self.table),
            people_table=canon.to_dict(reader=True),
        ).write(self.dir)
        self.pending = 0
        self.commits += 1
        self.last_commit = time.monotonic()
        if not self.published:  # first build: searchable from its first commit on
            write_pointer(self.index_path, CURRENT, self.name)
            (self.index_path / BUILDING).unlink(missing_ok=True)
            self.published = True

    def _commit_index(self, final: bool) -> None:
        """Commit the documents, then bring the vocabulary in step with them."""
        if self._writer is not None:
            if self.recent is not None and self.recent.dirty:  # before the commit it covers
                self.recent.save(self.dir)
            self._writer.commit()
        # a rebuild nobody reads yet syncs its vocabulary once, at the last commit
        if self.vocabulary.behind and (final or self.mode is not Mode.REBUILD):
            self.vocabulary.sync(self.index, self.workers)
        elif not self.vocabulary.behind and self._writer is not None:
            self.vocabulary.touch()

    @property
    def resumable(self) -> bool:
        """Whether a later run can resume this generation: it has a commit of its own."""
        return not self.fresh or self.commits > 0

    def discard_writer(self) -> None:
        """Let go of the writer without committing (the run failed)."""
        self._writer = None

    def close(self) -> None:
        """Let go of the writer. A new generation is merged before readers get it; an
        update does not wait for tantivy's background merges (an optimization, abandoned
        safely at exit and redone by a later run)."""
        if self._writer is not None:
            if self.fresh:
                self._writer.wait_merging_threads()
            self._writer = None
            if not self.vocabulary.behind:  # a merge rewrote meta.json: same words
                self.vocabulary.touch()
        if self.mode is not Mode.UPDATE:  # one segment: updates add segments of their own
            self.index.reload()
            if self.index.searcher().num_segments <= 1:
                RecentWrites.start(self.dir)
        self.table.close()
