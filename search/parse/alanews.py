"""Full-page scrapes of news sites (seeds 000, 002, 004): menus, breadcrumb, article, trailers.

Page shape::

    Chi siamo / Redazione / <crawl date> / menus (bullets) / No Result ...
    Home Esteri                      <- breadcrumb: the anchor of the layout
    <title>
    <subtitle>                       (optional)
    by <author>                      (optional)
    31 Dicembre 2025                 <- publication date (the crawl date is above)
    <caption> / <caption | credit>   (optional image)
    <body paragraphs, headings, inline images>
    Tags: <glued tags>               (optional)
    Related Posts / Articoli recenti / © footer / login box / menus
"""

from __future__ import annotations

import re

from search.parse import body as B
from search.parse.dates import find_date, parse_date_line
from search.parse.fields import Fields
from search.parse.sections import Menu, section_path
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


_BREADCRUMB_IN_TEXT = re.compile(r"^Home(?:[ \t]+\S[^\n]*)?$", re.MULTILINE)
_BULLET_IN_TEXT = re.compile(r"^[ \t\u00a0]*[•·▪◦‣*-][ \t]", re.MULTILINE)
_BREADCRUMB_WITHIN = 20_000  # characters: the breadcrumb sits under the page's header


def find_breadcrumb(text: str) -> tuple[int, int]:
    """(line index, character offset) of the ``Home ...`` breadcrumb that follows a
    bullet menu, or (-1, -1)."""
    for m in _BREADCRUMB_IN_TEXT.finditer(text, 0, _BREADCRUMB_WITHIN):
        start = m.start()
        if len(_BULLET_IN_TEXT.findall(text, 0, start)) >= 3:
            return text.count("\n", 0, start), start
    return -1, -1


def source_of(text: str) -> str | None:
    """The publisher named on the copyright line (``© 2025 Alanews – ...``)."""
    i = text.find("©")  # a plain find first: the regex alone scans the whole page
    if i < 0:
        return None
    m = _COPYRIGHT.search(text, text.rfind("\n", 0, i) + 1)
    return m.group("name").strip() if m else None


def parse(text: str, lines: list[str], h: int, offset: int) -> Fields:
    """Fields of a page whose breadcrumb is line ``h``, at ``offset`` in ``text`` (see
    `find_breadcrumb`)."""
    menu = Menu.from_header(text[:offset])
    crumb = BREADCRUMB.match(lines[h].strip()).group("crumb") or ""  # type: ignore[union-attr]
    section = section_path(crumb, menu)

    i = h + 1
    n = len(lines)
    while i < n and not lines[i].strip():
        i += 1
    title = lines[i].strip() if i < n else ""
    i += 1

    # Header: subtitle, author and date line, in this order, each optional.
    subtitle = author = date = None
    header_end = i
    seen: list[tuple[int, str]] = []
    j = i
    while j < n and len(seen) < _HEADER_SCAN:
        s = lines[j].strip()
        if s:
            if B.is_trailer(s):
                break
            seen.append((j, s))
        j += 1
    candidate = None
    for k, (j, s) in enumerate(seen):
        d = parse_date_line(s)
        if d:
            date, header_end = d, j + 1
            break
        m = AUTHOR.match(s)
        if m and author is None:
            author, header_end = m.group("name"), j + 1
        elif k == 0:
            candidate = s  # a subtitle, if an author or date line confirms the header
        else:
            break
    if author or date:
        subtitle = candidate

    end = B.text_body_end(text, lines, header_end)
    body_lines = B.strip_captions(lines[header_end:end])
    paras = B.paragraphs(body_lines)
    if date is None and paras:
        date = find_date(paras[0][:200])

    tags_value = B.find_tags_line(lines, end, min(n, end + 3))
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
