"""A short message shown where the results would be: no results, bad query, no index."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.text import one_line


class Notice(Static):
    def say(self, headline: str, *hints: str) -> None:
        """Show `headline` (user text is shown literally) and a hint per line."""
        lines = [Content.styled(one_line(headline), "bold")]
        lines += [Content(one_line(h), strip_control_codes=False) for h in hints]
        self.update(Content("\n").join(lines))
