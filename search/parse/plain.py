"""Plain article text (seed 001), and the fallback for any layout not recognised.

The title is the more headline-like of the first two paragraphs (`heading_score`: short,
no final stop, one sentence, not opening with a dateline). Seed 001 puts the first
paragraph first and the headline second; most text files put the headline first. When
neither looks like a headline, the title is the first sentence of the text (which stays
in the body too).

The date is the first explicit date in the first body paragraph (``Il 27 settembre 2025,
...``, ``L’8 marzo 2024``, ``Carpi, 1º marzo 2024 – ...``).
"""

from __future__ import annotations

import re

from search.parse import body as B
from search.parse.dates import find_date
from search.parse.decode import SkipFile
from search.parse.fields import Fields
from search.parse.tags import split_tags

MAX_TITLE = 200
# Three bullet lines make a site menu: the page is a scrape, not article text.
_FRAME_BULLETS = 3
_MENU_ITEM = re.compile(r"^[ \t\u00a0]*•")
_CHROME = re.compile(
    r"^\s*(?:Chi siamo|Redazione|No Result|View All Result|Login|Log In|Cerca|Menu|×)\s*$",
    re.IGNORECASE,
)
_PROSE_WORDS = 12
_FINAL_STOPS = (".", ";", ",", ":")  # at the end, or before a final newline (as `[.;,:]$`)
_FIRST_SENTENCE = re.compile(r"^.+?[.!?…](?=\s+[\"“«]?[A-ZÀ-Ý])")
# A lede opens with a dateline ("Il 3 marzo 2024, ...", "Carpi, 3 marzo 2024 – ..."); a
# headline almost never does.
_LEDE_WINDOW = 45


def heading_score(text: str, first: bool) -> float:
    """How much a paragraph looks like a headline (>= 2: it can be the title)."""
    if len(text) > MAX_TITLE:
        return 0.0
    score = 0.0
    if not (text[:-1] if text.endswith("\n") else text).endswith(_FINAL_STOPS):
        score += 2
    if not B.has_sentence_break(text):
        score += 1
    if first:
        score += 0.5
    if find_date(text[:_LEDE_WINDOW], month_precision=False):  # "nel 2019" is no dateline
        score -= 2
    return score


def _title_from_sentence(text: str) -> str:
    m = _FIRST_SENTENCE.match(text)
    s = m.group(0) if m else text
    if len(s) > 120:
        s = s[:120].rsplit(" ", 1)[0] + "…"
    return s


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= _PROSE_WORDS or B.has_sentence_break(paragraph)


def parse(lines: list[str], fmt: str = "plain", text: str | None = None) -> Fields:
    """Fields of a page's lines; ``text``, if given, is ``"\\n".join(lines)``."""
    # a menu item needs a bullet: most texts have none, and then no line needs a look
    framed = (text is None or "•" in text) and sum(
        1 for line in lines if _MENU_ITEM.match(line)
    ) >= _FRAME_BULLETS
    if framed:
        # A scraped page whose breadcrumb is missing: drop its menus and chrome, and
        # keep it only if some prose is left.
        lines = [ln for ln in lines if not _MENU_ITEM.match(ln) and not _CHROME.match(ln)]
    end = B.body_end(lines)
    tags_value = B.find_tags_line(lines, end, min(len(lines), end + 3))
    paras = B.body_paragraphs(lines[:end])
    if framed and not any(map(_is_prose, paras)):
        raise SkipFile("page frame without an article")
    title = ""
    scores = [heading_score(p, i == 0) for i, p in enumerate(paras[:2])]
    if scores and max(scores) >= 2:
        title = paras.pop(scores.index(max(scores)))
    elif paras:
        title = _title_from_sentence(paras[0])
    date = find_date(paras[0]) if paras else None
    return Fields(
        format=fmt,
        title=title,
        date=date,
        tags=split_tags(tags_value, (title, B.join(paras))) if tags_value else [],
        body=B.join(paras),
    )
