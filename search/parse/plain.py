"""Plain article text (seed 001), and the fallback for any layout not recognised.

The title is the first heading-like paragraph among the first two: a line with no final
period and no sentence break inside. Seed 001 puts the first paragraph first and the
headline second; most text files put the headline first. When neither is heading-like,
the title is the first sentence of the text (and stays in the body too).

The date is the first explicit date in the first body paragraph (``Il 27 settembre 2025,
...``, ``L’8 marzo 2024``, ``Carpi, 1º marzo 2024 – ...``).
"""

from __future__ import annotations

import re

from search.parse import body as B
from search.parse.dates import find_date
from search.parse.fields import Fields
from search.parse.tags import split_tags

MAX_TITLE = 200
_SENTENCE_END = re.compile(r"[.;,]$")
_FIRST_SENTENCE = re.compile(r"^.+?[.!?…](?=\s+[\"“«]?[A-ZÀ-Ý])")


def heading_like(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE
        and not _SENTENCE_END.search(text)
        and not B._SENTENCE_BREAK.search(text)
    )


def _title_from_sentence(text: str) -> str:
    m = _FIRST_SENTENCE.match(text)
    s = m.group(0) if m else text
    if len(s) > 120:
        s = s[:120].rsplit(" ", 1)[0] + "…"
    return s


def parse(lines: list[str], fmt: str = "plain") -> Fields:
    end = B.body_end(lines)
    tags_value = B.find_tags_line(lines, end, min(len(lines), end + 3))
    paras = B.paragraphs(B.strip_captions(lines[:end]))
    title = ""
    if paras and heading_like(paras[0]):
        title = paras.pop(0)
    elif len(paras) > 1 and heading_like(paras[1]):
        title = paras.pop(1)
    elif paras:
        title = _title_from_sentence(paras[0])
    date = find_date(paras[0]) if paras else None
    return Fields(
        format=fmt,
        title=title,
        date=date,
        tags=split_tags(tags_value, (title, *paras)) if tags_value else [],
        body=B.join(paras),
    )
