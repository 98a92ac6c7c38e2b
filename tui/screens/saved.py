"""The saved searches (ctrl+o): each with its new matches since the last look, enter runs
one; and the dialog that saves the current search under a name (ctrl+n).

Both only answer (dismiss with the choice); the app reads and writes the user's file and
the seen marks (search.saved, search.follow).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from search.follow import Pending
from search.models import Filters
from search.saved import SavedSearch
from tui.text import one_line

CountPending = Callable[[], Sequence[Pending]]


def describe(query: str, filters: Filters) -> str:
    """`putin · person Vladimir Putin · since 2025` (what a saved search holds)."""
    parts = [query.strip() or "(every article)"]
    for label, values in (
        ("person", filters.people),
        ("tag", filters.tags),
        ("section", filters.sections),
        ("author", filters.authors),
    ):
        if values:
            parts.append(f"{label} {', '.join(values)}")
    if filters.since:
        parts.append(f"since {filters.since}")
    if filters.until:
        parts.append(f"until {filters.until}")
    return one_line(" · ".join(parts))


def _prompt(search: SavedSearch, count: int | None, error: str | None, counted: bool) -> Content:
    if error is not None:
        news = Content.styled("cannot run", "$text-error")
    elif not counted:
        news = Content.styled("…", "dim")
    elif count is None:
        news = Content.styled("new from now on", "dim")
    elif count:
        news = Content.styled(f"{count} new", "bold $text-success")
    else:
        news = Content.styled("nothing new", "dim")
    line = Content.assemble((one_line(search.name), "bold"), "  ", news)
    detail = Content.styled(
        one_line(error) if error else describe(search.query, search.filters), "dim"
    )
    return Content.assemble(line, "\n", detail)


class SavedSearchesScreen(ModalScreen[SavedSearch | None]):
    """The saved searches of the user's file; their new-match counts arrive from a thread
    worker. Enter (or a click) runs the highlighted one, escape closes."""

    BINDINGS = [Binding("escape", "dismiss_none", "Close", id="saved.close")]

    def __init__(
        self, searches: Sequence[SavedSearch], problems: Sequence[str], count: CountPending
    ) -> None:
        super().__init__()
        self.searches = list(searches)
        self.problems = list(problems)
        self._count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="saved"):
            if self.searches:
                yield OptionList(
                    *(
                        Option(_prompt(s, None, None, False), id=str(i))
                        for i, s in enumerate(self.searches)
                    ),
                    id="saved-list",
                )
            else:
                yield Static(
                    Content.assemble(
                        "No saved searches yet: ",
                        ("ctrl+n", "bold"),
                        " saves the current one.",
                    ),
                    id="saved-empty",
                )
            for problem in self.problems:
                yield Static(
                    Content.styled(one_line(problem), "$text-error"), classes="saved-problem"
                )
            yield Static(
                Content.assemble(("enter", "bold"), " run    ", ("esc", "bold"), " close"),
                id="saved-keys",
            )
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#saved")
        box.border_title = "Saved searches"
        if self.searches:
            self.query_one(OptionList).focus()
            self._counts()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _counts(self) -> None:
        found = list(self._count())
        self.app.call_from_thread(self._show_counts, found)

    def _show_counts(self, found: list[Pending]) -> None:
        if not self.is_attached:
            return
        options = self.query_one(OptionList)
        by_name = {p.search.name: p for p in found}
        for i, search in enumerate(self.searches):
            p = by_name.get(search.name)
            prompt = _prompt(search, p.count if p else None, p.error if p else None, True)
            options.replace_option_prompt_at_index(i, prompt)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.searches[int(event.option.id or 0)])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class SaveSearchScreen(ModalScreen[str | None]):
    """Asks a name for the current search: enter saves (the app writes the file), escape
    cancels. A name already saved is replaced, and the dialog says so as it is typed."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="save_search.cancel")]

    def __init__(self, query: str, filters: Filters, taken: Sequence[str]) -> None:
        super().__init__()
        self.search_query = query
        self.filters = filters
        self.taken = set(taken)

    def compose(self) -> ComposeResult:
        with Vertical(id="save-search"):
            yield Static(Content.styled(describe(self.search_query, self.filters), "dim"))
            yield Input(self.search_query.strip()[:40], placeholder="a name", id="save-name")
            yield Static(id="save-hint")
            yield Static(
                Content.assemble(("enter", "bold"), " save    ", ("esc", "bold"), " cancel"),
                id="save-keys",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#save-search").border_title = "Save this search as"
        self._hint(self.query_one(Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._hint(event.value)

    def _hint(self, value: str) -> None:
        name = " ".join(value.split())
        hint = self.query_one("#save-hint", Static)
        if not name:
            hint.update(Content.styled("a name, please", "$text-warning"))
        elif name in self.taken:
            hint.update(Content.styled(f"replaces the saved search {name}", "$text-warning"))
        else:
            hint.update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        if name:
            self.dismiss(name)
        else:
            self.app.bell()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
