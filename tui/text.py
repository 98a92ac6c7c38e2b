"""Article text made safe to show: literal, one cell per character, highlights by offset.

Article text comes from scraped pages, so it may hold anything: `[bold]`, `[/]`, terminal
escape sequences, bidi overrides. Everything the TUI shows from an article goes through
`literal()`, which returns a textual `Content` (never parsed as markup) in which every
control character is replaced, one for one, by a visible stand-in. One for one matters:
highlight spans are character offsets, and they must still point at the same words.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.style import Style

# Characters that would change the terminal's state or the text's direction.
_BIDI = {*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C}


def _stand_in(code: int) -> str:
    if code in (0x09, 0x0D):  # tab, carriage return: read as a plain space
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and bidi overrides


_TABLE = {c: _stand_in(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), *_BIDI] if c != 0x0A}


def clean(text: str | None) -> str:
    """`text` with every control character (newline excepted) replaced one for one."""
    return (text or "").translate(_TABLE)


def one_line(text: str | None) -> str:
    """Like `clean`, and newlines read as spaces (titles, names, snippets)."""
    return clean(text).replace("\n", " ")


def literal(text: str | None, *, single_line: bool = False) -> Content:
    """Content that shows `text` exactly as written, markup-looking text included."""
    return Content(one_line(text) if single_line else clean(text), strip_control_codes=False)


def highlighted(
    text: str | None,
    spans: Iterable[tuple[int, int]],
    style: Style | str,
    *,
    single_line: bool = False,
) -> Content:
    """`literal(text)` with `style` applied to each (start, end) character span."""
    content = literal(text, single_line=single_line)
    length = len(content.plain)
    for start, end in spans:
        start, end = max(0, start), min(length, end)
        if start < end:
            content = content.stylize(style, start, end)
    return content
