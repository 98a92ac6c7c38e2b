"""Shown while the index is being built on first start, or updated with a people
correction: what is happening and how far along."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, ProgressBar

from search.models import IndexPhase
from tui.text import one_line


class IndexProgress(Vertical):
    """The build's phases in turn, each with its own bar (whose total never moves)."""

    def __init__(self, corpus: str, index: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self._corpus, self._index = corpus, index

    def compose(self) -> ComposeResult:
        yield Label(Content.styled("No index yet: building it", "bold"), id="index-headline")
        yield Label(self._paths(), classes="index-paths", id="index-paths")
        yield ProgressBar(total=None, show_eta=False, id="index-bar")
        yield Label(f"{IndexPhase.LISTING.label}…", id="index-count")

    def _paths(self) -> Content:
        return Content(f"from {one_line(self._corpus)} into {one_line(self._index)}")

    def start(self, headline: str, corpus: str) -> None:
        """A new run, from `corpus`, under `headline` (the bar starts over)."""
        self._corpus = corpus
        self.query_one("#index-headline", Label).update(Content.styled(headline, "bold"))
        self.query_one("#index-paths", Label).update(self._paths())
        self.progress(IndexPhase.LISTING, 0, 0)

    def progress(self, phase: IndexPhase, done: int, total: int) -> None:
        """Show how far `phase` is: `done` of `total` (0: a phase without a count)."""
        bar = self.query_one(ProgressBar)
        label = self.query_one("#index-count", Label)
        if total:
            bar.update(total=total, progress=done)
            label.update(f"{phase.label}: {done:,} of {total:,}")
        else:
            bar.update(total=None, progress=0)
            label.update(f"{phase.label}…")
