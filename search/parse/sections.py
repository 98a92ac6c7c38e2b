"""Section of an article: the breadcrumb after ``Home``, placed in the site's own hierarchy.

The page's menu shows the hierarchy by indentation::

      • Sport
        • Calcio

so a breadcrumb ``Home Calcio`` means ``Sport/Calcio``, as does ``Home Sport Calcio``.
Breadcrumb levels are separated by spaces on these pages; menu items made of several
words (``Prima pagina``) are recognised as one level.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_BULLET = re.compile(r"^(?P<indent>[ \t\u00a0]*)[•·▪◦‣\-*]\s+(?P<item>\S.*?)\s*$")
_BULLET_LINE = re.compile(r"^[ \t\u00a0]*[•·▪◦‣*-][ \t].*$", re.MULTILINE)
_EXPLICIT_SEPARATOR = re.compile(r"\s*[>»›/|]\s*")


class Menu:
    """Menu items of a page and which item nests under which."""

    def __init__(self) -> None:
        self.items: dict[str, None] = {}
        self.parent: dict[str, str] = {}
        self._by_words: list[list[str]] | None = None
        self._sections: dict[str, str | None] = {}  # see `cached_section_path`

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Menu:
        menu = cls()
        stack: list[tuple[int, str]] = []  # (indent, item) of the open levels
        for line in lines:
            m = _BULLET.match(line)
            if not m:
                stack.clear()  # a non-menu line ends the current menu
                continue
            indent = len(m.group("indent").expandtabs(4))
            item = m.group("item")
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if stack:
                menu.parent.setdefault(item, stack[-1][1])
            menu.items[item] = None
            stack.append((indent, item))
        return menu

    @classmethod
    def from_header(cls, header: str) -> Menu:
        """`from_lines` over the bullet lines of a page's header text, cached: a site's
        menus repeat on every page."""
        # Keyed on the text from the first bullet line on: the header above it (the crawl
        # date) changes from page to page, the menus below it do not.
        first = _BULLET_LINE.search(header)
        return _menu_of_text(header[first.start() :] if first else "")

    def items_by_words(self) -> list[list[str]]:
        """Menu items as word lists, longest first (computed once per menu)."""
        if self._by_words is None:
            self._by_words = sorted((it.split() for it in self.items), key=len, reverse=True)
        return self._by_words

    def ancestors(self, item: str) -> list[str]:
        out: list[str] = []
        seen = {item}
        while item in self.parent and self.parent[item] not in seen:
            item = self.parent[item]
            seen.add(item)
            out.append(item)
        return out[::-1]


def breadcrumb_levels(crumb: str, menu: Menu) -> list[str]:
    """Levels of a breadcrumb text (what follows ``Home``)."""
    crumb = crumb.strip()
    if not crumb:
        return []
    if _EXPLICIT_SEPARATOR.search(crumb):
        return [p for p in _EXPLICIT_SEPARATOR.split(crumb) if p]
    words = crumb.split()
    by_words = menu.items_by_words()
    levels: list[str] = []
    loose: list[str] = []  # words that match no menu item form one level together
    i = 0
    while i < len(words):
        for item_words in by_words:
            n = len(item_words)
            if words[i : i + n] == item_words:
                if loose:
                    levels.append(" ".join(loose))
                    loose = []
                levels.append(" ".join(item_words))
                i += n
                break
        else:
            loose.append(words[i])
            i += 1
    if loose:
        levels.append(" ".join(loose))
    return levels


def section_path(crumb: str, menu: Menu) -> str | None:
    """``Sport/Calcio`` for ``Home Calcio`` when the menu nests Calcio under Sport."""
    levels = breadcrumb_levels(crumb, menu)
    if not levels:
        return None
    levels = menu.ancestors(levels[0]) + levels
    return "/".join(dict.fromkeys(levels))


def cached_section_path(crumb: str, menu: Menu) -> str | None:
    """`section_path`, remembered per menu: for the menus of `Menu.from_header`, which
    are shared between the pages of a site and never change."""
    sections = menu._sections
    if crumb not in sections:
        if len(sections) >= 256:  # a site has a few dozen sections; odd pages: no growth
            sections.clear()
        sections[crumb] = section_path(crumb, menu)
    return sections[crumb]


@lru_cache(maxsize=64)
def _menu_cached(bullets: str) -> Menu:
    return Menu.from_lines(bullets.split("\n"))


@lru_cache(maxsize=64)
def _menu_of_text(text: str) -> Menu:
    return _menu_cached("\n".join(_BULLET_LINE.findall(text)))
