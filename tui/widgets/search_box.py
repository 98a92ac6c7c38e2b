"""The query input: tells the app what the user typed once they pause (~80 ms)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

# Long enough to skip the words of a fast typist (keys ~30-60 ms apart), short enough that
# keystroke-to-results stays under 100 ms: a search takes 5-30 ms at 100k articles.
DEBOUNCE_SECONDS = 0.08


class SearchBox(Input):
    """Search as you type: each keystroke restarts a short timer; the pause sends the query."""

    # q and ? are text here, so the footer shows the keys that still work while typing.
    BINDINGS = [
        Binding("ctrl+c", "app.quit", "Quit", id="search.quit"),
        Binding("f1", "app.help", "Help", id="search.help"),
        Binding("down", "app.focus_results", "Results", id="search.results"),
    ]

    @dataclass
    class QueryChanged(Message):
        """The user paused (or pressed enter) with `query` in the box."""

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
            **kwargs,
        )
        self._timer: Timer | None = None

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        event.stop()
        # Stop the old timer before starting a new one, so only the last pause searches.
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._send)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is not self:
            return
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._send(submitted=True)

    def _send(self, submitted: bool = False) -> None:
        self._timer = None
        self.post_message(self.QueryChanged(self, self.value, submitted))
