"""The help screen: keys and the query language, one screenful."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# cerca — help

## Keys

| key | where | what |
|---|---|---|
| type | search box | search as you type |
| enter, ↓ | search box | go to the results |
| / | anywhere | back to the search box |
| enter, click | results | open the article |
| tab / shift+tab | anywhere | next / previous region |
| space, enter, click | facet lists | filter on a value (again: stop) |
| click a chip, enter | filter chips | remove that filter |
| ctrl+r | anywhere | remove every filter |
| ctrl+s | anywhere | sort: relevance → newest → oldest |
| ctrl+b | anywhere | show / hide the sidebar |
| n / N (p) | article | next / previous match |
| esc | article, help | back |
| ? or f1 | anywhere but the box | this help |
| q | anywhere but the box | quit (ctrl+c quits everywhere) |

The date range under the month sparkline takes `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

## Query language

| you type | it finds |
|---|---|
| `putin zelensky` | both words (lemmas: `colloquio` finds `colloqui`) |
| `putin OR lavrov` | either |
| `NOT mosca`, `-mosca` | without |
| `"accordo di pace"` | the phrase |
| `ucrain*` | words starting with `ucrain` |
| `persona:lavrov`, `tag:USA`, `sezione:Esteri`, `autore:…`, `titolo:…` | fields |
| `data:2025-12`, `data:2025-12-01..2026-01-31`, `data:>=2025-12-01` | dates |

Press **esc** to close.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)
