"""The month sparkline: bars scaled from 0, so a month with articles never looks empty; a
compared saved search on the same months and the same scale."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Sparkline

from tests.tui.helpers import shown
from tui.widgets.histogram import MonthHistogram, bar_levels, column_counts, month_axis


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


def test_bar_levels_to_a_shared_top() -> None:
    # the same counts against a series twice as large: half the height
    assert bar_levels([4, 2], 2, top=8) == [8, 4]
    assert bar_levels([0, 1], 1, top=1000) == [0, 1]  # one article still shows
    assert bar_levels([9], 1, top=3) == [8]  # a top below the counts is no top


def test_month_axis_spans_every_series() -> None:
    assert month_axis({"2025-11": 2}, {"2026-02": 1, "2025-12": 0}) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert month_axis({"2025-12": 0}, {}) == []  # no month with articles


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
    CSS = "#month-sparkline, #compare-sparkline { height: 2; width: 6; }"

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


async def test_a_comparison_draws_under_the_query_on_one_scale() -> None:
    app = OneSparkline([])
    async with app.run_test(size=(20, 10)) as pilot:
        histogram = app.query_one(MonthHistogram)
        histogram.show(())  # no dated article for the query
        histogram.compare("altra", {"2025-01": 8, "2025-03": 4})
        await pilot.pause()
        assert histogram.months == ["2025-01", "2025-02", "2025-03"]
        query, other = (
            shown(app.query_one(i)).split("\n") for i in ("#month-sparkline", "#compare-sparkline")
        )
        assert [line.strip() for line in query] == ["", ""]  # drawn empty, not full bars
        assert other[0][:2] == "██" and other[1][4:6] == "██" and not other[0][4:6].strip()
        assert shown(app.query_one("#compare-label")).startswith("vs altra  12")
        histogram.compare(None)
        await pilot.pause()
        assert not app.query_one("#compare-sparkline").display
