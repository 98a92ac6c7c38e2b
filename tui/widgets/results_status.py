"""One line above the results: how many matched, how long it took, the sort order."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from search.models import Results, Sort

SORT_LABELS = {
    Sort.RELEVANCE: "by relevance",
    Sort.NEWEST: "newest first",
    Sort.OLDEST: "oldest first",
}


class ResultsStatus(Static):
    show_timing: reactive[bool] = reactive(True)
    """Off in snapshot tests, where a clock reading would make every run differ."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._results: Results | None = None
        self._sort = Sort.RELEVANCE
        self._busy = False
        self._shown: int | None = None

    def show(self, results: Results | None, sort: Sort, shown: int | None = None) -> None:
        """`shown`: how many hits the list holds (more than one page after scrolling)."""
        self._results, self._sort, self._busy, self._shown = results, sort, False, shown
        self._refresh()

    def searching(self, busy: bool = True) -> None:
        self._busy = busy
        self._refresh()

    def watch_show_timing(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        """`20 of 2,102 articles · 37 ms · by relevance`: short enough for 80 columns."""
        parts: list[str] = []
        r = self._results
        if r is not None:
            shown = self._shown if self._shown is not None else len(r.hits)
            noun = "article" if r.total == 1 else "articles"
            parts.append(
                f"{shown:,} of {r.total:,} {noun}" if shown < r.total else f"{r.total:,} {noun}"
            )
            if self.show_timing:
                parts.append(f"{r.took_ms:.0f} ms" if r.took_ms >= 10 else f"{r.took_ms:.1f} ms")
        sort = self._sort
        if sort == Sort.RELEVANCE and r is not None:
            sort = r.sort  # with no words to rank by (filters only), the hits are newest first
        parts.append(SORT_LABELS.get(sort, sort))
        if self._busy:
            parts.append("searching…")
        self.update(Content(" · ".join(parts)), layout=False)  # always one line
