"""Fast searches for patterns anchored at the start of a line (``^...`` in MULTILINE mode).

`re` tries such a pattern at every character; written ``\\n...`` it opens with a literal
that `re` finds with a fast scan, so it is tried only at line starts (the first line is
tried separately). `LineStartPattern.search` and `finditer` give the spans the ``^``
pattern would give on the same ``pos`` / ``endpos``. See docs/internals/parsing.md#speed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator


class LineStartPattern:
    """``source``: ``^`` and what must follow at a line start (``^a|b`` is ``^(?:a|b)``)."""

    def __init__(self, source: str, flags: int = 0) -> None:
        if not source.startswith("^") or flags & re.VERBOSE:
            raise ValueError("a pattern anchored with ^, not verbose")
        rest = source[1:]
        self.at_line_start = re.compile(f"^(?:{rest})", flags | re.MULTILINE)
        self._after_newline = re.compile(f"\\n(?:{rest})", flags | re.MULTILINE)
        # for findall: the match without its newline as the only group
        self._lines_after_newline = (
            re.compile(f"\\n({rest})", flags | re.MULTILINE)
            if self.at_line_start.groups == 0
            else None
        )

    @property
    def pattern(self) -> str:
        return self.at_line_start.pattern

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> tuple[int, int] | None:
        """(start, end) of the first match at a line start at or after ``pos``."""
        # ^ matches at pos only when pos is a line start, like in re.search
        m = self.at_line_start.match(text, pos, endpos)
        if m is None:
            m = self._after_newline.search(text, pos, endpos)  # line starts after pos
            if m is None:
                return None
            return m.start() + 1, m.end()
        return m.span()

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[tuple[int, int]]:
        """(start, end) of the non-overlapping matches, as `re.finditer` finds them (the
        pattern must not match an empty string)."""
        while (span := self.search(text, pos, endpos)) is not None:
            if span[0] == span[1]:
                raise ValueError("the pattern matched an empty string")
            yield span
            pos = span[1]

    def findall(self, text: str) -> list[str]:
        """The matches, as `re.findall` gives them for a pattern without groups that
        matches within one line (a match ending after a newline would hide a match on
        the next line from the newline-anchored search)."""
        if self._lines_after_newline is None:
            raise ValueError("findall needs a pattern without groups")
        first = self.at_line_start.match(text)
        found = self._lines_after_newline.findall(text, first.end() if first else 0)
        return [first.group(), *found] if first else found
