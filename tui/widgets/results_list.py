"""The page of hits: title, date · section · people, and a snippet; the query's matches
marked in the title and the snippet."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, ListItem, ListView

from search.models import Hit
from tui.text import highlighted, literal, one_line


def meta_line(hit: Hit, new: bool = False) -> Content:
    """`2025-12-31 · Esteri · Vladimir Putin, Sergei Lavrov` (whatever the hit has);
    `new · ` first when it is new since the last look at the saved search shown."""
    parts = [hit.date or "undated"]
    if hit.section:
        parts.append(one_line(hit.section))
    if hit.people:
        parts.append(", ".join(one_line(p) for p in hit.people))
    elif hit.author:
        parts.append(one_line(hit.author))
    line = Content(" · ".join(parts), strip_control_codes=False)
    return Content.assemble(("new", "bold $text-success"), " · ", line) if new else line


class ResultItem(ListItem):
    """One hit, three short blocks; long lines end in an ellipsis (see app.tcss).

    Items are reused from one search to the next (`set_hit`): updating three labels costs
    far less than mounting new widgets, which is what keeps typing fluid.
    """

    def __init__(self, hit: Hit, match_style, new: bool = False) -> None:
        super().__init__()
        self.hit = hit
        self.new = new
        self._match_style = match_style

    def compose(self) -> ComposeResult:
        title, meta, snippet = self._contents()
        yield Label(title, classes="result-title")
        yield Label(meta, classes="result-meta")
        yield Label(snippet, classes="result-snippet")

    def _contents(self) -> tuple[Content, Content, Content]:
        hit, style = self.hit, self._match_style
        return (
            highlighted(hit.title, hit.title_highlights, style, single_line=True)
            if hit.title
            else literal(hit.id, single_line=True),
            meta_line(hit, self.new),
            highlighted(hit.snippet, hit.highlights, style, single_line=True),
        )

    def set_hit(self, hit: Hit, new: bool = False) -> None:
        self.hit = hit
        self.new = new
        # Every label has a fixed size (app.tcss), so no layout pass is needed: that pass
        # over the whole screen is the most expensive part of showing new results.
        for label, content in zip(self.query(Label), self._contents(), strict=True):
            label.update(content, layout=False)


class ResultsList(ListView):
    """The hits of the current page; enter or a click opens one."""

    COMPONENT_CLASSES = {"results-list--match"}

    BINDINGS = [
        Binding("home", "first", "First", show=False, id="results.first"),
        Binding("end", "last", "Last", show=False, id="results.last"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="results.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="results.page_down"),
    ]

    @dataclass
    class ResultChosen(Message):
        """The user picked `hit` (enter or click)."""

        results_list: ResultsList
        hit: Hit

        @property
        def control(self) -> ResultsList:
            return self.results_list

    @dataclass
    class MoreWanted(Message):
        """The cursor reached the last hit shown while more are available."""

        results_list: ResultsList

        @property
        def control(self) -> ResultsList:
            return self.results_list

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.has_more = False
        self.count = 0
        """How many items show a hit; the rest are a hidden pool the cursor never reaches.
        Items are never removed, so a search that finds nothing and the next that finds 20
        mount nothing (mounting is what costs)."""

    async def show(
        self,
        hits: tuple[Hit, ...],
        *,
        has_more: bool,
        append: bool = False,
        new: frozenset[str] = frozenset(),
    ) -> None:
        """Replace the list with `hits` (or add them at the end when `append`); the hits
        whose id is in `new` are marked new."""
        self.has_more = has_more
        start = self.count if append else 0
        items = list(self.query_children(ResultItem))
        for item, hit in zip(items[start:], hits, strict=False):
            item.set_hit(hit, hit.id in new)
            item.display = True
        for item in items[start + len(hits) :]:
            item.display = False
        missing = hits[len(items) - start :] if start + len(hits) > len(items) else ()
        if missing:
            style = self.get_visual_style("results-list--match")
            await self.extend(ResultItem(hit, style, hit.id in new) for hit in missing)
        self.count = start + len(hits)
        if not append:
            self.index = 0 if hits else None
            self.scroll_home(animate=False)

    def validate_index(self, index: int | None) -> int | None:
        if index is None or not self.count:
            return None
        return max(0, min(index, self.count - 1))

    def action_cursor_down(self) -> None:
        self.index = 0 if self.index is None else self.index + 1

    def action_cursor_up(self) -> None:
        self.index = self.count - 1 if self.index is None else self.index - 1

    def action_first(self) -> None:
        if self.count:
            self.index = 0

    def action_last(self) -> None:
        if self.count:
            self.index = self.count - 1

    def action_page(self, direction: int) -> None:
        """Move by about a screenful of results (each takes a few lines)."""
        if self.index is None or not self.count:
            return
        step = max(1, self.size.height // 5)
        self.index = max(0, min(self.count - 1, self.index + direction * step))

    @property
    def hits(self) -> list[Hit]:
        """The hits shown, in order."""
        return [item.hit for item in list(self.query_children(ResultItem))[: self.count]]

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, ResultItem):
            self.post_message(self.ResultChosen(self, event.item.hit))

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        event.stop()
        if self.has_more and self.index is not None and self.index >= self.count - 1:
            self.has_more = False  # ask once per page
            self.post_message(self.MoreWanted(self))
