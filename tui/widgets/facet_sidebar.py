"""The sidebar: months (histogram + date range) and sections, tags, people, authors with counts.

Counts come from the searcher, disjunctive as in the CLI: a facet ignores its own filter,
so selecting `Esteri` still shows what the other sections would give.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

from search.models import FacetValue
from tui.text import one_line
from tui.widgets.histogram import MonthHistogram

# facet name in Results.facets -> heading shown above its list
FACETS = {"section": "Sections", "tags": "Tags", "people": "People", "author": "Authors"}


class FacetList(SelectionList[str]):
    """The values of one facet, count first (so a long name never hides its count)."""

    @dataclass
    class ValueToggled(Message):
        """The user ticked or unticked `value` of `facet`."""

        facet_list: FacetList
        facet: str
        value: str

        @property
        def control(self) -> FacetList:
            return self.facet_list

    def __init__(self, facet: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.facet = facet

    def show(self, values: tuple[FacetValue, ...], selected: tuple[str, ...]) -> None:
        keep = None
        if self.highlighted is not None and self.highlighted < self.option_count:
            keep = self.get_option_at_index(self.highlighted).value
        present = {v.value for v in values}
        # A selected value always stays listed (ticked), even when nothing matches it now.
        rows = [FacetValue(s, 0, True) for s in selected if s not in present] + list(values)
        width = max((len(f"{v.count:,}") for v in rows), default=1)
        self.clear_options()
        self.add_options(
            Selection(
                Content.assemble((f"{v.count:>{width},}", "dim"), " ", one_line(v.value)),
                v.value,
                v.value in selected or v.selected,
            )
            for v in rows
        )
        if keep is not None and keep in present | set(selected):
            self.highlighted = [o.value for o in self.options].index(keep)

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        self.post_message(self.ValueToggled(self, self.facet, event.selection.value))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()


class FacetSidebar(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield MonthHistogram(id="months")
        for name, heading in FACETS.items():
            yield Label(heading, classes="facet-heading", id=f"heading-{name}")
            yield FacetList(name, id=f"facet-{name}", classes="facet-list")

    def show(self, facets: dict[str, tuple[FacetValue, ...]], selected: dict[str, tuple[str, ...]]):
        """Fill every list from `facets`; `selected` maps facet name -> values filtered on."""
        self.query_one(MonthHistogram).show(facets.get("month", ()))
        for name in FACETS:
            values, chosen = facets.get(name, ()), selected.get(name, ())
            has_rows = bool(values or chosen)
            self.query_one(f"#heading-{name}").display = has_rows
            facet_list = self.query_one(f"#facet-{name}", FacetList)
            facet_list.display = has_rows
            facet_list.show(values, chosen)
