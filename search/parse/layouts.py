"""Which layout a page has, decided from its content (never its file name).

* ``dated``: the first line is `` date YYYY-MM Title``;
* ``alanews``: a ``Home ...`` breadcrumb line after a bullet menu (full-page scrape);
* ``plain``: anything else.
"""

from __future__ import annotations

from search.parse import alanews, dated, plain
from search.parse.fields import Fields

FORMATS = ("alanews", "dated", "plain")


def _detect(text: str) -> tuple[str, int]:
    """The layout, and for ``alanews`` the offset of the breadcrumb line."""
    if dated.matches_text(text):
        return "dated", -1
    offset = alanews.breadcrumb_offset(text)
    if offset >= 0:
        return "alanews", offset
    return "plain", -1


def detect_format(text: str) -> str:
    """``alanews``, ``dated`` or ``plain`` for the (decoded) text of a page."""
    return _detect(text)[0]


def parse_layout(text: str) -> Fields:
    """Fields of a decoded page, whatever its layout."""
    fmt, offset = _detect(text)
    if fmt == "alanews":
        return alanews.parse(text, offset)  # splits only the body into lines
    lines = text.split("\n")
    if fmt == "dated":
        return dated.parse(lines)
    return plain.parse(lines, text=text)
