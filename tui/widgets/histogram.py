"""Articles per month as a sparkline, with a from/to date range under it; a saved search's
months can sit under the query's, for comparison (same months, same scale)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import Input, Label, Sparkline

from search.models import FacetValue
from search.query import language as ql
from tui.text import one_line

BARS = "▁▂▃▄▅▆▇█"  # one to eight eighths of a cell
DATE_FORMS = "use YYYY, YYYY-MM or YYYY-MM-DD"
# the dates the boxes take (two-digit months and days, so that typing `2025-12` never
# searches January on its way), and the beginnings of one that typing passes through
_DATE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_UNFINISHED = re.compile(r"\d{0,3}|\d{4}-[01]?|\d{4}-(?:0[1-9]|1[0-2])-[0-3]?")


def period(text: str) -> tuple[dt.date, dt.date] | None:
    """The days a from/to date covers (first, day after the last); None for no date."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return ql.period(text)
    except (ValueError, OverflowError):
        return None


def date_problem(text: str, finished: bool = True) -> str | None:
    """What is wrong with a from/to date as typed, in words; None for a date or nothing.

    Until the user is `finished` with the box, the beginning of a date (`2025-`) is
    fine: it is what typing `2025-12` passes through.
    """
    if not text or period(text) is not None:
        return None
    parts = _DATE.fullmatch(text)
    if parts and parts[2] and not 1 <= int(parts[2]) <= 12:
        return f"{text} is not a month"
    if parts and parts[3]:
        return f"{text} is not a day"
    if parts:
        return f"{text} is not a year"
    if not finished and _UNFINISHED.fullmatch(text):
        return None
    return f"{text} is not a date: {DATE_FORMS}"


def month_counts(months: tuple[FacetValue, ...]) -> dict[str, int]:
    """`YYYY-MM` -> articles, from a month facet (values that are no month left out)."""
    return {m.value[:7]: m.count for m in months if re.fullmatch(r"\d{4}-\d{2}", m.value[:7])}


def month_axis(*series: Mapping[str, int]) -> list[str]:
    """Every month from the first to the last with articles in any of `series`."""
    keys = [k for counts in series for k, c in counts.items() if c]
    if not keys:
        return []
    first, last = min(keys), max(keys)
    y, m = int(first[:4]), int(first[5:7])
    labels: list[str] = []
    while (key := f"{y:04d}-{m:02d}") <= last:
        labels.append(key)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return labels


def column_counts(counts: Sequence[float], width: int) -> list[float]:
    """What each of `width` columns draws: the largest count of the months it covers (a
    column covers several months when they outnumber the columns; with fewer months, a
    month spans several columns). Column x starts at month x * len(counts) // width, as
    a click on it picks (`MonthHistogram.on_click`)."""
    n = len(counts)
    if not n or width <= 0:
        return []
    return [
        max(counts[x * n // width : max(x * n // width + 1, (x + 1) * n // width)])
        for x in range(width)
    ]


def bar_levels(counts: Sequence[float], rows: int, top: float | None = None) -> list[int]:
    """How many eighths of a cell each count's bar fills, in a sparkline `rows` cells
    high: scaled from 0 to `top` (the largest count unless given: two sparklines drawn
    to one scale), so an empty month draws nothing and a month with any article at least
    one eighth."""
    top = max(counts, default=0) if top is None else max(top, *counts, 0)
    if top <= 0:
        return [0] * len(counts)
    eighths = 8 * rows
    return [max(1, round(c * eighths / top)) if c > 0 else 0 for c in counts]


class MonthSparkline(Sparkline):
    """Articles per month, scaled from 0 (Textual's Sparkline scales from the smallest
    value, which draws the quietest month like an empty one). Colours come from the
    Sparkline's component classes, as there. `top`, when set, is the count a full bar
    stands for (a second sparkline compared with this one shares it)."""

    top: float | None = None

    def render(self) -> Content:
        width, rows = self.content_size
        counts = column_counts(list(self.data or ()), width)
        if not counts or rows <= 0:
            return Content("")
        levels = bar_levels(counts, rows, self.top)
        top = max(self.top or 0, *counts)
        _, base = self.background_colors
        low = base + self.get_component_styles("sparkline--min-color").color
        high = base + self.get_component_styles("sparkline--max-color").color
        styles = [Style(foreground=low.blend(high, c / top)) if c else None for c in counts]
        lines = []
        for row in reversed(range(rows)):  # the top row first
            cells = []
            for level, style in zip(levels, styles, strict=True):
                part = level - 8 * row  # the eighths of this bar that reach this row
                bar = " " if part <= 0 else BARS[min(part, 8) - 1]
                cells.append((bar, style) if style is not None and part > 0 else bar)
            lines.append(Content.assemble(*cells))
        return Content("\n").join(lines)


class DateBox(Input):
    """A from / to date. `/` is never part of a date: here too it goes to the search box."""

    BINDINGS = [
        Binding("slash", "app.focus_search", "Search", priority=True, id="dates.focus_search")
    ]


class MonthHistogram(Vertical):
    @dataclass
    class DateRangeChanged(Message):
        """The user set (or cleared) the from / to dates; None means open-ended."""

        histogram: MonthHistogram
        since: str | None
        until: str | None

        @property
        def control(self) -> MonthHistogram:
            return self.histogram

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.months: list[str] = []
        self._counts: dict[str, int] = {}  # the query's articles per month
        # the saved search compared: its name and articles per month (None: being counted)
        self.comparison: tuple[str, dict[str, int] | None] | None = None

    def compose(self) -> ComposeResult:
        yield Label("Months", classes="facet-heading")
        sparkline = MonthSparkline([], id="month-sparkline")
        sparkline.tooltip = "Click a month to start the date range, another to end it"
        yield sparkline
        yield Label("", id="compare-label")
        compared = MonthSparkline([], id="compare-sparkline")
        compared.tooltip = "The saved search compared (c in ctrl+o), on the same months and scale"
        yield compared
        yield Label("", id="month-span")
        with Horizontal(id="date-range"):
            yield DateBox(placeholder="from", id="since", max_length=10)
            yield DateBox(placeholder="to", id="until", max_length=10)
        yield Label("", id="date-problem")

    def show(self, months: tuple[FacetValue, ...]) -> None:
        """The query's articles per month (a month facet)."""
        self._counts = month_counts(months)
        self._draw()

    def compare(self, name: str | None, counts: Mapping[str, int] | None = None) -> None:
        """Show the saved search `name`'s articles per month under the query's (None
        counts: still being counted); no name: stop comparing."""
        self.comparison = None if name is None else (name, None if counts is None else dict(counts))
        self._draw()

    def _draw(self) -> None:
        """Both series over the months of either, to the scale of the larger."""
        other = self.comparison[1] if self.comparison else None
        labels = month_axis(self._counts, other or {})
        self.months = labels
        main = [self._counts.get(k, 0) for k in labels]
        compared = [(other or {}).get(k, 0) for k in labels]
        top = max(main + compared, default=0)
        for name, data, shown in (
            ("#month-sparkline", main, bool(labels)),
            ("#compare-sparkline", compared, bool(labels) and self.comparison is not None),
        ):
            sparkline = self.query_one(name, MonthSparkline)
            sparkline.top, sparkline.data = top, data
            sparkline.display = shown  # an empty sparkline would draw as full bars
            sparkline.refresh()  # a new top alone changes no data
        label = self.query_one("#compare-label", Label)
        label.display = self.comparison is not None
        if self.comparison is not None:
            name = one_line(self.comparison[0])
            count = "…" if other is None else f"{sum(compared):,}"
            label.update(Content.assemble(("vs ", "dim"), (name, "bold"), "  ", (count, "dim")))
        span = self.query_one("#month-span", Label)
        if labels:
            text = f"{labels[0]} → {labels[-1]}" if len(labels) > 1 else labels[0]
        else:
            text = "no dated articles"
        span.update(text, layout=False)  # one line of fixed width (app.tcss)

    def on_click(self, event: events.Click) -> None:
        """A click on a sparkline picks the month under it: first the start, then the end."""
        sparkline = event.widget
        if not isinstance(sparkline, MonthSparkline) or not self.months:
            return
        offset = event.get_content_offset(sparkline)
        if offset is None:
            return
        width = max(1, sparkline.content_region.width)
        month = self.months[min(len(self.months) - 1, offset.x * len(self.months) // width)]
        since_box, until_box = self.query_one("#since", Input), self.query_one("#until", Input)
        since, until = self.range
        if since is None or until is not None:
            until_box.value, since_box.value = "", month
        else:
            since_box.value, until_box.value = min(since, month), max(since, month)

    def on_mount(self) -> None:
        for hidden in ("#date-problem", "#compare-label", "#compare-sparkline"):
            self.query_one(hidden).display = False

    def clear_range(self) -> None:
        for box in self.query(DateBox):
            with box.prevent(Input.Changed):
                box.value = ""
        self._check()

    @property
    def range(self) -> tuple[str | None, str | None]:
        since, until = (self.query_one(f"#{n}", Input).value.strip() for n in ("since", "until"))
        return since or None, until or None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._check():
            self.post_message(self.DateRangeChanged(self, *self.range))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._check(finished=event.input)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        self._check()

    def _check(self, finished: Input | None = None) -> bool:
        """Mark the boxes that hold no date and say why under them (a box being typed in
        may hold the beginning of one, unless `finished`). True when both boxes hold a
        date or nothing, in order: a range to search."""
        problems = []
        for box in self.query(DateBox):
            text = box.value.strip()
            problem = date_problem(text, finished=box is finished or not box.has_focus)
            box.set_class(problem is not None, "-invalid-date")
            if problem:
                problems.append(f"{box.placeholder}: {problem}")
        since, until = self.range
        first, last = (period(v) if v else None for v in (since, until))
        if first and last and first[0] >= last[1]:
            problems.append(f"from {since} is after to {until}")
        label = self.query_one("#date-problem", Label)
        label.update(Content("\n").join(Content(p) for p in problems))
        label.display = bool(problems)
        # an unfinished date is no problem yet, but no date to search either
        return (
            not problems
            and (first is not None) == bool(since)
            and (last is not None) == bool(until)
        )
