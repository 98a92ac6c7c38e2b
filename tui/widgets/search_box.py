"""The query input: tells the app what the user typed, at once after a pause in typing,
else once the burst of keys ends."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

# Keys closer together than this are one burst (a fast typist's keys come ~30-60 ms
# apart). A burst's first key is sent at once, so a keystroke after a pause waits for no
# timer; the text the burst ends with is sent this long after its last key.
BURST_SECONDS = 0.08


class SearchBox(Input):
    """Search as you type, with a leading and a trailing edge.

    The first change after a quiet spell is sent at once; changes that follow within
    `BURST_SECONDS` of each other are held, and the text they end with is sent when they
    stop. So a single keystroke searches without delay, a fast burst costs two searches
    (its first key and its final text), and the final text is always sent. The app runs
    one search at a time and searches again when the box changed meanwhile.
    """

    # q and ? are text here, so the footer shows the keys that still work while typing
    # (and the app's ctrl+c, which quits from anywhere).
    BINDINGS = [
        Binding("f1", "app.help", "Help", id="search.help"),
        Binding("down", "app.focus_results", "Results", id="search.results"),
    ]

    @dataclass
    class QueryChanged(Message):
        """The box holds `query` (typed, or confirmed with enter when `submitted`)."""

        search_box: SearchBox
        query: str
        submitted: bool = False

        @property
        def control(self) -> SearchBox:
            return self.search_box

    def __init__(self, value: str = "", **kwargs) -> None:
        super().__init__(
            value=value,
            placeholder='Cerca… e.g. Lavrov, persona:Putin, data:2025-12, "accordo di pace"',
            # a query given at start is kept, the cursor after it, not selected for the
            # first key to replace (`/` selects it on purpose: CercaApp.action_focus_search)
            select_on_focus=False,
            **kwargs,
        )
        self._burst: Timer | None = None  # runs while keys keep coming
        self._sent: str | None = None  # the text last sent

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        event.stop()
        if self._burst is None:
            self._send()  # leading edge: the first key after a pause
        else:
            self._burst.stop()  # stop the old timer first, so only the last key counts
        self._burst = self.set_timer(BURST_SECONDS, self._burst_ended)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is not self:
            return
        event.stop()
        if self._burst is not None:
            self._burst.stop()
            self._burst = None
        self._send(submitted=True)

    def _burst_ended(self) -> None:
        self._burst = None
        if self.value != self._sent:
            self._send()  # trailing edge: the text the burst ended with

    def _send(self, submitted: bool = False) -> None:
        self._sent = self.value
        self.post_message(self.QueryChanged(self, self.value, submitted))
