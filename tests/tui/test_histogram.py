"""The month sparkline: bars scaled from 0, so a month with articles never looks empty."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Sparkline

from tests.tui.helpers import shown
from tui.widgets.histogram import MonthHistogram, bar_levels, column_counts


@pytest.mark.parametrize(
    ("counts", "rows", "expected"),
    [
        ([4, 1, 2], 2, [16, 4, 8]),  # from 0: the smallest month is not at the bottom
        ([1, 1, 1], 1, [8, 8, 8]),
        ([1000, 1, 0], 2, [16, 1, 0]),  # a single article still shows; none shows nothing
        ([0, 0], 2, [0, 0]),
        ([], 2, []),
    ],
)
def test_bar_levels_scale_from_zero(counts, rows, expected) -> None:
    assert bar_levels(counts, rows) == expected


@pytest.mark.parametrize(
    ("counts", "width", "expected"),
    [
        ([1, 2, 3], 6, [1, 1, 2, 2, 3, 3]),  # fewer months than columns: each spans two
        ([1, 5, 0, 0, 2, 1], 3, [5, 0, 2]),  # more: a column draws its largest month
        ([1, 0, 0, 0, 0], 2, [1, 0]),
    ],
)
def test_column_counts(counts, width, expected) -> None:
    assert column_counts(counts, width) == expected


class OneSparkline(App[None]):
    CSS = "#month-sparkline { height: 2; width: 6; }"

    def __init__(self, counts: list[int]) -> None:
        super().__init__()
        self.counts = counts

    def compose(self) -> ComposeResult:
        yield MonthHistogram()

    def on_mount(self) -> None:
        self.query_one(Sparkline).data = self.counts


async def drawn(counts: list[int]) -> list[str]:
    """The sparkline of `counts` (three months, two columns each) as text, top row first."""
    app = OneSparkline(counts)
    async with app.run_test(size=(20, 8)) as pilot:
        await pilot.pause()
        return shown(app.query_one(Sparkline)).split("\n")


async def test_the_quietest_month_never_looks_like_an_empty_one() -> None:
    # Every month has articles: the quietest (the middle one) is drawn, unlike an empty one.
    quiet, empty = await drawn([2, 1, 3]), await drawn([2, 0, 3])
    assert [line[2:4] for line in quiet] != [line[2:4] for line in empty]
    assert quiet[1][2:4].strip()  # at least a sliver at the bottom
    assert [line[2:4] for line in empty] == ["  ", "  "]
