"""The active filters as removable chips: click one (or focus it and press enter) to drop it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import HorizontalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button

from search.models import Filters
from tui.text import one_line

# Filters field -> the facet name it filters on (and the label a chip shows)
FIELDS = {
    "sections": ("section", "section"),
    "tags": ("tags", "tag"),
    "people": ("people", "person"),
    "authors": ("author", "author"),
}


def filter_chips(filters: Filters) -> list[tuple[str, str, str]]:
    """(facet, value, label) for each active filter, in a stable order."""
    chips = [
        (facet, value, f"{label}: {value}")
        for field, (facet, label) in FIELDS.items()
        for value in getattr(filters, field)
    ]
    if filters.since:
        chips.append(("since", filters.since, f"from {filters.since}"))
    if filters.until:
        chips.append(("until", filters.until, f"to {filters.until}"))
    return chips


class Chip(Button):
    def __init__(self, facet: str, value: str, label: str) -> None:
        super().__init__(Content.assemble(("✕ ", "bold"), one_line(label)), classes="chip")
        self.facet = facet
        self.value = value
        self.tooltip = f"Remove this filter ({one_line(label)})"


class FilterChips(HorizontalScroll):
    """Hidden when no filter is active."""

    # Not a Tab stop of its own: it would show nothing; its chips are the stops, and the
    # one focused scrolls into view.
    can_focus = False

    @dataclass
    class RemoveFilter(Message):
        """Request: stop filtering on `value` of `facet` ("since"/"until" for the dates)."""

        chips: FilterChips
        facet: str
        value: str

        @property
        def control(self) -> FilterChips:
            return self.chips

    async def show(self, filters: Filters) -> None:
        chips = filter_chips(filters)
        current = [(c.facet, c.value) for c in self.query(Chip)]
        if current == [(f, v) for f, v, _ in chips]:
            return
        await self.remove_children()
        await self.mount_all(Chip(*c) for c in chips)
        self.display = bool(chips)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        chip = event.button
        if isinstance(chip, Chip):
            self.post_message(self.RemoveFilter(self, chip.facet, chip.value))
