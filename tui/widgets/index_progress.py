"""Shown while the index is being built on first start: what is happening and how far along."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, ProgressBar

from tui.text import one_line


class IndexProgress(Vertical):
    def __init__(self, corpus: str, index: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self._corpus, self._index = corpus, index

    def compose(self) -> ComposeResult:
        yield Label(Content.styled("No index yet: building it", "bold"))
        yield Label(
            Content(f"from {one_line(self._corpus)} into {one_line(self._index)}"),
            classes="index-paths",
        )
        yield ProgressBar(total=None, show_eta=False, id="index-bar")
        yield Label("reading the corpus…", id="index-count")

    def progress(self, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        if total:
            bar.update(total=total, progress=done)
            self.query_one("#index-count", Label).update(f"{done:,} of {total:,} articles")
