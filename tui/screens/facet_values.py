"""A facet's "more" view: every value of one facet for the current search, with counts,
and a filter box that narrows them as you type (case and accents ignored: `zel` finds
`Volodymyr Zelensky`).

The values are counted in a thread worker (search.Searcher.facet_values) while the box
already takes keys. The box keeps the focus: the arrows move through the list, enter
filters on the highlighted value and goes back to the results, tab ticks or unticks it
and stays (to pick several, as in fzf), a click ticks too, escape closes. A tick is a
filter at once: the search behind runs while the view stays open. The counts stay true
meanwhile, as the facet's own filters never change its counts (disjunctive faceting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from search.errors import CercaError
from search.models import FacetValue
from search.query.facets import ValueSearch, match_spans
from tui.text import one_line
from tui.widgets.facet_sidebar import MARK

CountValues = Callable[[], tuple[FacetValue, ...]]


class ValueList(ScrollView, can_focus=False):
    """The values, one line each, drawn only where visible (thousands of rows cost
    nothing): a mark on the selected ones, the count, the value with the filter's words
    marked. The screen's keys move the cursor; the box keeps the focus."""

    COMPONENT_CLASSES = {
        "value-list--cursor",
        "value-list--mark",
        "value-list--count",
        "value-list--selected",
        "value-list--match",
    }

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Clicked(Message):
        """The user clicked the row of `value`."""

        value: FacetValue

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.values: tuple[FacetValue, ...] = ()
        self.ticked: set[str] = set()
        self._words = ""  # the filter text, to mark in each value
        self._count_width = 1

    def show(self, values: tuple[FacetValue, ...], words: str, count_width: int) -> None:
        """List `values` (the cursor back on the first); `words` are marked in each."""
        self.values, self._words, self._count_width = values, words, count_width
        self.virtual_size = Size(1, len(values))  # one line a value, never wider than shown
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = 0
        self.refresh()

    @property
    def current(self) -> FacetValue | None:
        return self.values[self.cursor] if self.values else None

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.values) - 1))

    def watch_cursor(self, cursor: int) -> None:
        if self.values:
            width = self.scrollable_content_region.width
            self.scroll_to_region(Region(0, cursor, width, 1), animate=False, immediate=True)
        self.refresh()

    def move(self, rows: int) -> None:
        self.cursor += rows

    @property
    def page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.get_visual_style()
        if index >= len(self.values):
            return Strip.blank(width, base.rich_style)
        value = self.values[index]
        style = self.get_visual_style
        ticked = value.value in self.ticked
        name = one_line(value.value)
        content = Content.assemble(
            (f"{MARK} " if ticked else "  ", style("value-list--mark", partial=True)),
            (f"{value.count:>{self._count_width},}", style("value-list--count", partial=True)),
            " ",
            (name, style("value-list--selected", partial=True) if ticked else ""),
        )
        offset = len(content.plain) - len(name)
        match = style("value-list--match", partial=True)
        for start, end in match_spans(name, self._words):
            content = content.stylize(match, offset + start, offset + end)
        content = content.truncate(width, ellipsis=True, pad=True)
        if index == self.cursor:
            base = style("value-list--cursor")
        return Strip(content.render_segments(base), width).apply_meta({"row": index})

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if isinstance(row, int) and row < len(self.values):
            self.cursor = row
            self.post_message(self.Clicked(self.values[row]))


class FacetValuesScreen(ModalScreen[str | None]):
    """Every value of `facet`, counted by `count_values` (called in a thread worker);
    `selected`: the values filtered on now. Dismissed with None (a subclass that picks a
    value dismisses with it)."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="facet_values.close"),
        Binding("enter", "choose", "Filter on it", priority=True, id="facet_values.choose"),
        Binding("tab", "tick", "Tick, stay", priority=True, id="facet_values.tick"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("ctrl+home", "move(-1_000_000_000)", "First", show=False),
        Binding("ctrl+end", "move(1_000_000_000)", "Last", show=False),
    ]

    @dataclass
    class ValueToggled(Message):
        """The user ticked or unticked `value` of `facet` (a filter to add or remove)."""

        facet: str
        value: str

    @dataclass
    class Counted(Message, bubble=False):
        """The worker counted the facet's values (None: it could not; `problem` says why)."""

        values: ValueSearch | None
        problem: str = ""

    def __init__(
        self,
        facet: str,
        heading: str,
        count_values: CountValues,
        selected: tuple[str, ...],
        *,
        noun: str = "",
        scope: str = "in this search",
    ) -> None:
        """`noun` names the values in the box and the status line (default: the heading,
        lowercased); `scope` says what they were counted over."""
        super().__init__()
        self.facet = facet
        self.heading = heading
        self.noun = noun or heading.lower()
        self.scope = scope
        self._count_values = count_values
        self._filtered = set(selected)  # the facet's filters, as the app holds them
        self._by_query: set[str] = set()  # values the query's own clauses select (persona:…)
        self._search: ValueSearch | None = None
        self._width = 1

    def compose(self) -> ComposeResult:
        with Vertical(id="facet-values") as box:
            box.border_title = self.heading
            yield Input(placeholder=f"Filter {self.noun}: any part, any case", id="facet-filter")
            yield Static(f"Counting {self.noun}…", id="facet-values-status")
            yield ValueList(id="facet-values-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._count()

    def on_resize(self, event: events.Resize) -> None:
        # the box ends a row above the footer: 9 rows are the box's top margin (3), its
        # border (2), the filter box and the status line, the footer and that row
        self.query_one(ValueList).styles.max_height = max(3, event.size.height - 9)

    @work(thread=True, exclusive=True, exit_on_error=False, group="facet-values")
    def _count(self) -> None:
        try:
            values = self._count_values()
        except CercaError as e:
            self.post_message(self.Counted(None, str(e)))
            return
        self.post_message(self.Counted(ValueSearch(values)))  # folded here, off the UI thread

    def on_facet_values_screen_counted(self, message: Counted) -> None:
        if message.values is None:
            self._say(f"Cannot count the {self.noun}: {one_line(message.problem)}")
            return
        self._search = message.values
        every = message.values.values
        self._width = max((len(f"{v.count:,}") for v in every), default=1)
        self._by_query = {v.value for v in every if v.selected} - self._filtered
        self.query_one(ValueList).ticked = self._filtered | self._by_query
        self._refilter(self.query_one(Input).value)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:  # an unexpected failure: say it in place
            error = event.worker.error
            self._say(f"Cannot count the {self.noun}: {type(error).__name__}: {error}")

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._search is not None:
            self._refilter(event.value)

    def _refilter(self, text: str) -> None:
        assert self._search is not None
        found = self._search.find(text)
        self.query_one(ValueList).show(found, text, self._width)
        every = len(self._search.values)
        name = self.noun
        if not text.strip():
            self._say(f"{every:,} {name} {self.scope}, most frequent first")
        elif found:
            self._say(f"{len(found):,} of {every:,} {name} match “{one_line(text.strip())}”")
        else:
            self._say(f"No {name} match “{one_line(text.strip())}” (of {every:,})")

    def _say(self, text: str) -> None:
        self.query_one("#facet-values-status", Static).update(Content(text))

    # ------------------------------------------------------------------ actions

    def action_move(self, rows: int) -> None:
        self.query_one(ValueList).move(rows)

    def action_page(self, pages: int) -> None:
        listing = self.query_one(ValueList)
        listing.move(pages * listing.page)

    def action_choose(self) -> None:
        """Filter on the highlighted value and go back to the results (a value already
        filtered on stays so: enter never removes a filter)."""
        value = self.query_one(ValueList).current
        if value is None:  # nothing matches (or nothing counted yet): the text stays
            self.app.bell()
            return
        if value.value not in self._filtered:
            self._toggle(value.value)
        self.dismiss()

    def action_tick(self) -> None:
        listing = self.query_one(ValueList)
        if listing.current is not None:
            self._toggle(listing.current.value)
            listing.move(1)

    def on_value_list_clicked(self, message: ValueList.Clicked) -> None:
        self._toggle(message.value.value)

    def _toggle(self, value: str) -> None:
        self._filtered ^= {value}
        listing = self.query_one(ValueList)
        listing.ticked = self._filtered | self._by_query
        listing.refresh()
        self.post_message(self.ValueToggled(self.facet, value))

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # a click beside the box closes it, as escape does
            self.dismiss()
