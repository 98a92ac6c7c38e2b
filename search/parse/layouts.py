"""Which layout a page has, decided from its content (never its file name).

* ``dated``: the first line is `` date YYYY-MM Title``;
* ``alanews``: a ``Home ...`` breadcrumb line after a bullet menu (full-page scrape);
* ``plain``: anything else.
"""

from __future__ import annotations

from search.parse import alanews, dated, plain
from search.parse.fields import Fields

FORMATS = ("alanews", "dated", "plain")


def _detect(text: str, lines: list[str]) -> tuple[str, tuple[int, int]]:
    if dated.matches(lines):
        return "dated", (-1, -1)
    where = alanews.find_breadcrumb(text)
    if where[0] >= 0:
        return "alanews", where
    return "plain", where


def detect_format(text: str) -> str:
    """``alanews``, ``dated`` or ``plain`` for the (decoded) text of a page."""
    return _detect(text, text.split("\n"))[0]


def parse_layout(text: str) -> Fields:
    """Fields of a decoded page, whatever its layout."""
    lines = text.split("\n")
    fmt, where = _detect(text, lines)
    if fmt == "dated":
        return dated.parse(lines)
    if fmt == "alanews":
        return alanews.parse(text, lines, *where)
    return plain.parse(lines)
