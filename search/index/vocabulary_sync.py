"""Keeping a generation's vocabulary (search.index.vocabulary) in step with its commits."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import tantivy

from search.analyze import WORD_RE
from search.index.vocabulary import FILE, Vocabulary, from_searcher, index_words, is_current
from search.index.workers import WorkerPool, analyzed_words
from search.models import Article


class VocabularySync:
    """The words a run added since the saved vocabulary, and the sync after a commit.

    A lost or damaged vocabulary is rebuilt even when nothing else changed (readers would
    otherwise derive it on every start). An update of a few articles collects their words
    as it adds them (WORD_RE splits like the index's tokenizer) instead of walking the
    whole term dictionary.
    """

    def __init__(self, gen_dir: Path, *, fresh: bool) -> None:
        self.gen_dir = gen_dir
        self._vocab: Vocabulary | None = Vocabulary() if fresh else Vocabulary.load(gen_dir)
        self.behind = fresh or self._vocab is None or not is_current(gen_dir)
        self._words: set[str] | None = None if self.behind else set()

    def expect_many(self) -> None:
        """Many files to read: the sync will walk the term dictionary instead."""
        self._words = None

    def added(self, article: Article) -> None:
        self.behind = True
        if self._words is not None:
            for text in (article.title, article.subtitle or "", article.body):
                self._words.update(WORD_RE.findall(text))

    def sync(self, index: tantivy.Index, workers: WorkerPool) -> None:
        """Add the words of the committed index that the vocabulary lacks and save it.
        Derived from tantivy's term dictionary, so a crash between the commit and this
        write is healed by the next run."""
        if self._vocab is None:
            self._vocab = Vocabulary.load(self.gen_dir)
        index.reload()
        searcher = index.searcher()
        if self._vocab is None:  # lost or unreadable: rebuild it from the index
            self._vocab = from_searcher(searcher)
        else:
            words = self._words if self._words is not None else index_words(searcher)
            new = sorted(words.difference(self._vocab.known))
            self._vocab.add(new, *analyzed_words(new, workers))
        self._vocab.save(self.gen_dir)
        self.behind = False
        self._words = set() if self._words is not None else None

    def touch(self) -> None:
        """No new word since the saved vocabulary: mark it current for this commit."""
        with contextlib.suppress(OSError):
            os.utime(self.gen_dir / FILE)
