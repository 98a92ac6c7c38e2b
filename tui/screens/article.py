"""One whole article: metadata header, clean body, every match marked, n / N to jump."""

from __future__ import annotations

from bisect import bisect_right

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from search.models import Article
from search.query.highlight import Highlighter
from tui.spans import match_spans
from tui.text import clean, highlighted, literal, one_line


class Paragraph(Static):
    """One paragraph of the body; `start` is its offset into the body."""

    def __init__(self, text: str, start: int) -> None:
        super().__init__(literal(text), classes="paragraph")
        self.text = text
        self.start = start


class ArticleScreen(Screen):
    """The article `article`, with the matches of `query` highlighted."""

    COMPONENT_CLASSES = {"article-screen--match", "article-screen--current-match"}

    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="article.back"),
        Binding("n", "next_match", "Next match", id="article.next_match"),
        Binding("N,p", "previous_match", "Prev match", id="article.previous_match"),
        Binding("j,down", "scroll_body(1)", "Down", show=False, id="article.down"),
        Binding("k,up", "scroll_body(-1)", "Up", show=False, id="article.up"),
    ]

    current: reactive[int | None] = reactive(None, init=False)
    """Index into `matches` of the match the reader is on."""

    def __init__(self, article: Article, highlighter: Highlighter | None = None) -> None:
        super().__init__()
        self.article = article
        self.body = clean(article.body)
        self.matches = match_spans(highlighter, self.body, in_body=True)
        self.title_matches = match_spans(highlighter, one_line(article.title))
        self.marking = highlighter is not None

    def compose(self) -> ComposeResult:
        a = self.article
        yield Static(id="article-title")
        if a.subtitle:
            yield Static(literal(a.subtitle, single_line=True), id="article-subtitle")
        yield Static(self._meta(), id="article-meta")
        yield Static(id="match-position")
        with VerticalScroll(id="article-body"):
            start = 0
            for text in self.body.split("\n\n"):
                yield Paragraph(text, start)
                start += len(text) + 2
        yield Footer()

    def _meta(self) -> Content:
        """At most three lines: when/where/who wrote it, the people, the tags."""
        a = self.article
        first = [a.date or "undated", a.section, a.author and f"by {a.author}", a.source]
        lines = [Content(" · ".join(one_line(x) for x in first if x), strip_control_codes=False)]
        for label, values in (("people", a.people), ("tags", a.tags)):
            if values:
                text = ", ".join(one_line(v) for v in values)
                lines.append(Content.assemble((f"{label} ", "dim"), text))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        style = self.get_visual_style("article-screen--match")
        self.query_one("#article-title", Static).update(
            highlighted(self.article.title, self.title_matches, style, single_line=True)
        )
        self._paint()
        self.query_one("#article-body").focus()
        if self.matches:
            self.call_after_refresh(self._go, 0)

    def _paint(self) -> None:
        """Restyle the paragraphs: every match, the current one stronger; say where we are."""
        match = self.get_visual_style("article-screen--match")
        current = self.get_visual_style("article-screen--current-match")
        for paragraph in self.query(Paragraph):
            lo, hi = paragraph.start, paragraph.start + len(paragraph.text)
            content = literal(paragraph.text)
            for i, (s, e) in enumerate(self.matches):
                if lo <= s < hi:
                    style = current if i == self.current else match
                    content = content.stylize(style, s - lo, min(e, hi) - lo)
            paragraph.update(content)
        position = self.query_one("#match-position", Static)
        if not self.marking:
            position.update("")
        elif not self.matches:
            position.update(Content("no matches of the query in the body"))
        else:
            total = len(self.matches)
            where = (
                f"{total} match{'es' if total != 1 else ''}"
                if self.current is None
                else f"match {self.current + 1} of {total}"
            )
            position.update(Content(f"{where} · n next, N previous · {one_line(self.article.id)}"))

    def watch_current(self) -> None:
        self._paint()

    def _go(self, index: int) -> None:
        if not self.matches:
            self.notify("No matches in this article.", severity="warning", timeout=2)
            return
        self.current = index % len(self.matches)
        self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        if self.current is None:
            return
        start, _ = self.matches[self.current]
        paragraphs = list(self.query(Paragraph))
        starts = [p.start for p in paragraphs]
        paragraph = paragraphs[max(0, bisect_right(starts, start) - 1)]
        # Which wrapped line of the paragraph holds the match.
        width = max(1, paragraph.content_region.width)
        line, seen = 0, 0
        for i, row in enumerate(Content(paragraph.text).wrap(width)):
            seen += len(row.plain) + 1
            line = i
            if seen > start - paragraph.start:
                break
        scroller = self.query_one("#article-body", VerticalScroll)
        y = paragraph.virtual_region.y + line
        scroller.scroll_to_region(Region(0, y, 1, 1), animate=False, center=True, force=True)

    def action_next_match(self) -> None:
        self._go(0 if self.current is None else self.current + 1)

    def action_previous_match(self) -> None:
        self._go(-1 if self.current is None else self.current - 1)

    def action_scroll_body(self, lines: int) -> None:
        self.query_one("#article-body", VerticalScroll).scroll_relative(y=lines, animate=False)
