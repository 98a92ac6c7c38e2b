"""The sidebar: months (histogram + date range) and sections, tags, people, authors with counts.

Counts come from the searcher, disjunctive as in the CLI: a facet ignores its own filter,
so selecting `Esteri` still shows what the other sections would give.

Each list shows the top values of its facet, as tall as its rows (the sidebar alone
scrolls); a mark sits only on the selected values, and a last row "more…" (or `m`) opens
every value of the facet with a filter box (tui.screens.facet_values).

Counts of very large result sets are estimated from a sample (search.query.facets):
they show as `~1,500`, under a note that ctrl+t counts them exactly.

The people list also takes the user's corrections on its highlighted value, as
`cerca people ignore` and `cerca people alias` do: `i` not a person, `a` merge into
another person (the app asks for the other person and a confirmation).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Label, OptionList

from search.models import FacetValue
from tui.text import one_line
from tui.widgets.histogram import MonthHistogram

# facet name in Results.facets -> heading shown above its list
FACETS = {"section": "Sections", "tags": "Tags", "people": "People", "author": "Authors"}
SHOWN = 10  # values a list shows (selected ones always too); "more…" lists them all
SPARE = 2  # a list of up to SHOWN + SPARE values shows them all: no "more…" for one or two
MARK = "✓"  # on a selected value; the others have none, so the selected stand out


def count_text(value: FacetValue) -> str:
    """`1,460`, or `~1,500` for an estimate."""
    return f"~{value.count:,}" if value.estimated else f"{value.count:,}"


def value_row(value: FacetValue, selected: bool, count_width: int) -> Content:
    """`✓ 1,460 Cronaca`: a mark only when selected, the count right-aligned, the value."""
    return Content.assemble(
        (f"{MARK} " if selected else "  ", "bold $text-success"),
        (f"{count_text(value):>{count_width}}", "dim"),
        " ",
        (one_line(value.value), "bold" if selected else ""),
    )


class FacetList(OptionList):
    """The top values of one facet, count first (so a long name never hides its count),
    and "more…" when the facet has more values than it shows."""

    BINDINGS = [
        Binding("space", "select", "Filter", show=False),
        Binding("m", "more", "More values", id="facet.more"),
        # the verbs of `cerca people ignore` / `cerca people alias`, on the people list only
        Binding("i", "ignore_person", "Not a person", id="facet.ignore_person"),
        Binding("a", "alias_person", "Merge into…", id="facet.alias_person"),
    ]

    @dataclass
    class ValueToggled(Message):
        """The user ticked or unticked `value` of `facet`."""

        facet_list: FacetList
        facet: str
        value: str

        @property
        def control(self) -> FacetList:
            return self.facet_list

    @dataclass
    class MoreWanted(Message):
        """The user asked for every value of `facet` (the "more…" row or `m`)."""

        facet_list: FacetList
        facet: str

        @property
        def control(self) -> FacetList:
            return self.facet_list

    @dataclass
    class IgnoreWanted(Message):
        """The user says the people value `value` is not a person."""

        facet_list: FacetList
        value: str

        @property
        def control(self) -> FacetList:
            return self.facet_list

    @dataclass
    class MergeWanted(Message):
        """The user wants to merge the people value `value` into another person."""

        facet_list: FacetList
        value: str

        @property
        def control(self) -> FacetList:
            return self.facet_list

    def __init__(self, facet: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.facet = facet
        self.values: list[str] = []  # the value of each row ("more…" not included)
        self.selected: list[str] = []

    def show(self, values: tuple[FacetValue, ...], selected: tuple[str, ...]) -> None:
        keep = None  # the highlighted row's value (None: "more…"), kept across searches
        row = self.highlighted  # clear_options forgets it
        if self.highlighted is not None and self.highlighted < self.option_count:
            keep = self.values[self.highlighted] if self.highlighted < len(self.values) else None
        chosen = set(selected) | {v.value for v in values if v.selected}
        present = {v.value for v in values}
        # A selected value always stays listed, even when nothing matches it now.
        rows = [FacetValue(s, 0, True) for s in selected if s not in present]
        top = SHOWN if len(values) > SHOWN + SPARE else SHOWN + SPARE
        rows += values[:top]
        rows += [v for v in values[top:] if v.value in chosen]
        self.values = [v.value for v in rows]
        more = not {v.value for v in values} <= set(self.values)  # some value not listed
        width = max((len(count_text(v)) for v in rows), default=1)
        self.selected = [v.value for v in rows if v.value in chosen]
        self.clear_options()
        self.add_options(value_row(v, v.value in chosen, width) for v in rows)
        if more:
            self.add_option(Content.styled(f"{' ' * (width + 3)}more…", "$text-primary"))
        if keep is not None and keep in self.values:
            self.highlighted = self.values.index(keep)
        elif row is not None and self.option_count:
            # its value is gone (a correction removed it): the row that took its place
            self.highlighted = min(row, self.option_count - 1)

    @property
    def has_more(self) -> bool:
        return self.option_count > len(self.values)

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.values):
            self.post_message(self.ValueToggled(self, self.facet, self.values[event.option_index]))
        else:
            self.action_more()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.refresh_bindings()  # the people keys grey out on "more…"

    def action_more(self) -> None:
        self.post_message(self.MoreWanted(self, self.facet))

    @property
    def current(self) -> str | None:
        """The highlighted value (None: none, or the "more…" row)."""
        row = self.highlighted
        return self.values[row] if row is not None and row < len(self.values) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("ignore_person", "alias_person"):
            if self.facet != "people":
                return False  # hidden: corrections are about people
            return True if self.current is not None else None  # greyed on "more…"
        return True

    def action_ignore_person(self) -> None:
        if self.current is not None:
            self.post_message(self.IgnoreWanted(self, self.current))

    def action_alias_person(self) -> None:
        if self.current is not None:
            self.post_message(self.MergeWanted(self, self.current))

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        # The list is as tall as its rows, so it never scrolls itself: the sidebar scrolls
        # to the row instead (to the heading too, at the first row).
        if self.highlighted is None or not isinstance(self.parent, VerticalScroll):
            return
        box = self.virtual_region
        above = 2 if self.highlighted == 0 else 0
        row = Region(box.x, box.y + self.highlighted - above, box.width, 1 + above)
        self.parent.scroll_to_region(row, animate=False, immediate=True)


ESTIMATED = "~ estimated from a sample · ctrl+t: exact"


class FacetSidebar(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Label(ESTIMATED, id="estimated")
        yield MonthHistogram(id="months")
        for name, heading in FACETS.items():
            yield Label(heading, classes="facet-heading", id=f"heading-{name}")
            yield FacetList(name, id=f"facet-{name}", classes="facet-list")

    def show(self, facets: dict[str, tuple[FacetValue, ...]], selected: dict[str, tuple[str, ...]]):
        """Fill every list from `facets`; `selected` maps facet name -> values filtered on."""
        estimated = any(v.estimated for values in facets.values() for v in values)
        self.query_one("#estimated", Label).display = estimated
        self.query_one(MonthHistogram).show(facets.get("month", ()))
        for name in FACETS:
            values, chosen = facets.get(name, ()), selected.get(name, ())
            has_rows = bool(values or chosen)
            self.query_one(f"#heading-{name}").display = has_rows
            facet_list = self.query_one(f"#facet-{name}", FacetList)
            facet_list.display = has_rows
            facet_list.show(values, chosen)
