"""Full-page scrapes of news sites: menus, breadcrumb, article, trailers.

The `Home ...` breadcrumb anchors the layout: title, subtitle, author and publication
date follow it, then an optional image, the body and the trailers (Tags, Related Posts,
footer, menus). The page shape: docs/internals/parsing.md#layouts-layoutspy.
"""

from __future__ import annotations

import re
from itertools import islice

from search.parse import body as B
from search.parse.dates import find_date, parse_date_line
from search.parse.fields import Fields
from search.parse.linescan import LineStartPattern
from search.parse.sections import Menu, cached_section_path
from search.parse.tags import split_tags

BREADCRUMB = re.compile(r"^Home(?:\s+(?P<crumb>\S.*?))?\s*$")
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'’.-]*|de|di|da|del|della|von|van|der|la|le|dos|el|al)"
AUTHOR = re.compile(
    r"^(?:[Bb]y|[Dd]i|A cura di|Autore:?)\s+"
    rf"(?P<name>[A-ZÀ-Ý][\w'’.-]*(?:\s+{_NAME_WORD}){{0,5}})\s*$"
)
_COPYRIGHT = re.compile(
    r"^[ \t]*(?:Copyright\s+)?©\s*(?:\d{4}\s+)?(?P<name>[^–—|\n-]+?)\s+[–—|-]\s", re.MULTILINE
)
_HEADER_SCAN = 4  # non-empty lines after the title that may hold subtitle, author, date


_BREADCRUMB_IN_TEXT = LineStartPattern(r"^Home(?:[ \t]+\S[^\n]*)?$")
_BULLET_IN_TEXT = LineStartPattern(r"^[ \t\u00a0]*[•·▪◦‣*-][ \t]")
_BREADCRUMB_WITHIN = 20_000  # characters: the breadcrumb sits under the page's header
_MENU_BULLETS = 3  # bullet lines above the breadcrumb


def find_breadcrumb(text: str) -> tuple[int, int]:
    """(line index, character offset) of the ``Home ...`` breadcrumb that follows a
    bullet menu, or (-1, -1)."""
    start = breadcrumb_offset(text)
    return (text.count("\n", 0, start), start) if start >= 0 else (-1, -1)


def breadcrumb_offset(text: str) -> int:
    """The character offset of `find_breadcrumb`, or -1."""
    if "Home" not in text:  # most pages of other layouts: no regex scan at all
        return -1
    for start, _ in _BREADCRUMB_IN_TEXT.finditer(text, 0, _BREADCRUMB_WITHIN):
        # a menu above: its third bullet line is found (counting stops there)
        bullets = _BULLET_IN_TEXT.finditer(text, 0, start)
        if next(islice(bullets, _MENU_BULLETS - 1, None), None) is not None:
            return start
    return -1


def source_of(text: str) -> str | None:
    """The publisher named on the copyright line (``© 2025 Alanews – ...``)."""
    i = text.find("©")  # a plain find first: the regex alone scans the whole page
    if i < 0:
        return None
    m = _COPYRIGHT.search(text, text.rfind("\n", 0, i) + 1)
    return m.group("name").strip() if m else None


def parse(text: str, offset: int) -> Fields:
    """Fields of a page whose breadcrumb line starts at ``offset`` in ``text`` (see
    `find_breadcrumb`).

    The page is never split into lines as a whole: the breadcrumb, title and header are
    read line by line, then the body up to the first trailer is split in one go. The
    menus above and the trailers below, most of the page, stay one string.
    """
    menu = Menu.from_header(text[:offset])
    lines = B.lines_from(text, offset)
    _, breadcrumb = next(lines)
    crumb = BREADCRUMB.match(breadcrumb.strip()).group("crumb") or ""  # type: ignore[union-attr]
    section = cached_section_path(crumb, menu)

    # the title: the first line that is not blank
    title = ""
    header_end = len(text) + 1  # where the header ends: the start of the line after it
    for start, line in lines:
        if line.strip():
            title = line.strip()
            header_end = start + len(line) + 1
            break

    # Header: subtitle, author and date line, in this order, each optional.
    subtitle = author = date = None
    seen: list[tuple[int, str]] = []  # (where the line after it starts, stripped line)
    if header_end <= len(text):
        for start, line in lines:
            s = line.strip()
            if s:
                if B.is_trailer(s):
                    break
                seen.append((start + len(line) + 1, s))
                if len(seen) == _HEADER_SCAN:
                    break
    candidate = None
    for k, (after, s) in enumerate(seen):
        d = parse_date_line(s)
        if d:
            date, header_end = d, after
            break
        m = AUTHOR.match(s)
        if m and author is None:
            author, header_end = m.group("name"), after
        elif k == 0:
            candidate = s  # a subtitle, if an author or date line confirms the header
        else:
            break
    if author or date:
        subtitle = candidate

    body_lines, trailer = B.lines_to_trailer(text, header_end)
    paras = B.body_paragraphs(body_lines)
    if date is None and paras:
        date = find_date(paras[0][:200])

    tags_value = B.find_tags_line(B.lines_at(text, trailer, 3)) if trailer >= 0 else None
    body = B.join(paras)
    tags = split_tags(tags_value, (title, subtitle or "", body)) if tags_value else []
    return Fields(
        format="alanews",
        title=title,
        subtitle=subtitle,
        author=author,
        date=date,
        section=section,
        tags=tags,
        source=source_of(text),
        body=body,
    )
