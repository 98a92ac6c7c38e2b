"""The help screen: keys and the query language, one screenful at 80x24."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("type", "search as you type (the search box)"),
    ("enter, ↓", "from the box to the results"),
    ("/", "back to the search box"),
    ("enter, click", "open the highlighted article"),
    ("tab, shift+tab", "next / previous region"),
    ("space, enter, click", "in a facet list: filter on the value (again: stop)"),
    ("m, more…", "in a facet list: every value, with a filter box"),
    ("i, a", "in the people list: not a person / merge into…"),
    ("enter, click a chip", "remove that filter"),
    ("ctrl+r", "remove every filter"),
    ("ctrl+s", "sort: relevance → newest → oldest"),
    ("ctrl+b", "show / hide the sidebar (hidden below 70 columns)"),
    ("ctrl+l", "reload the index (after cerca index has run)"),
    ("ctrl+t", "count estimated facets (~) exactly"),
    ("ctrl+o, ctrl+n", "saved searches, new hits counted / save this search"),
    ("c in saved searches", "compare its months with this search's; again: stop"),
    ("n, N (p)", "in an article: next / previous match"),
    ("esc", "back from the article or this help"),
    ("? or f1", "this help (f1 also while typing)"),
    ("q, ctrl+c", "quit (q is a letter in a box; ctrl+c always quits)"),
]

QUERIES = [
    ("putin zelensky", "both words; lemmas match: colloquio finds colloqui"),
    ("putin OR lavrov", "either"),
    ("NOT mosca, -mosca", "without"),
    ('"accordo di pace"', "the phrase"),
    ("ucrain*", "words that start with ucrain"),
    ("persona:lavrov", "also tag:, sezione:, autore:, titolo:"),
    ("data:2025-12", "also data:2025-12-01..2026-01-31, data:>=2025-12-01"),
]


def _table(heading: str, rows: list[tuple[str, str]]) -> list[Content]:
    width = max(len(k) for k, _ in rows) + 2
    lines = [Content.styled(heading, "bold $text-primary")]
    lines += [Content.assemble((f"  {k:<{width}}", "bold"), v) for k, v in rows]
    return lines


def help_text() -> Content:
    lines = _table("Keys", KEYS) + [Content("")] + _table("Query language", QUERIES)
    lines += [
        Content(""),
        Content("Dates under the month sparkline: YYYY, YYYY-MM or YYYY-MM-DD."),
        Content.styled("esc closes this help", "dim"),
    ]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_text(), id="help-text")
