"""The screens of a people correction (`i` and `a` on the people list): the picker of the
person to merge into, and the confirmation before the user's file is written.

Both only answer (dismiss with the choice); the app writes the file and updates the index.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.screens.facet_values import CountValues, FacetValuesScreen, ValueList
from tui.text import one_line


class PersonPickerScreen(FacetValuesScreen):
    """Every other person of the archive, with the filter box of the "more" view: enter
    (or a click) picks the highlighted one, escape cancels. Dismissed with the value
    picked, or None."""

    BINDINGS = [
        Binding("enter", "choose", "Merge into it", priority=True, id="people_picker.choose"),
        # nothing to tick here: tab does what enter does not, nothing
        Binding("tab", "nothing", "", show=False, priority=True),
    ]

    def __init__(self, name: str, count_values: CountValues) -> None:
        super().__init__(
            "people",
            f"Merge {one_line(name)} into…",
            count_values,
            (),
            noun="people",
            scope="in the archive",
        )
        self.person = name

    def action_choose(self) -> None:
        value = self.query_one(ValueList).current
        if value is None:  # nothing matches (or nothing counted yet): the text stays
            self.app.bell()
            return
        self.dismiss(value.value)

    def action_nothing(self) -> None:
        pass

    def on_value_list_clicked(self, message: ValueList.Clicked) -> None:
        message.stop()
        self.dismiss(message.value.value)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: enter (or `y`) says yes, escape (or `n`, a click beside the
    box) says no. Dismissed with the answer."""

    BINDINGS = [
        Binding("enter,y", "answer(True)", "Yes", priority=True, id="confirm.yes"),
        Binding("escape,n", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, *details: str) -> None:
        super().__init__()
        self.question = question
        self.details = details

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content.styled(self.question, "bold"), id="confirm-question")
            for detail in self.details:
                yield Static(Content(detail), classes="confirm-detail")
            yield Static(
                Content.assemble(("enter", "bold"), " yes    ", ("esc", "bold"), " no"),
                id="confirm-keys",
            )
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # a click beside the box says no, as escape does
            self.dismiss(False)
