"""Article text with a one-line header `` date YYYY-MM Title`` (seed 003).

The date has the precision of the header (``2022-12``); paragraphs and headings follow,
separated by blank lines.
"""

from __future__ import annotations

import re

from search.parse import body as B
from search.parse.dates import parse_iso
from search.parse.fields import Fields
from search.parse.tags import split_tags

HEADER = re.compile(
    r"^\s*date\s*:?\s+(?P<date>\d{4}(?:-\d{2}){0,2})(?:\s+(?P<title>\S.*?))?\s*$", re.IGNORECASE
)


def first_line(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if line.strip():
            return i
    return -1


def matches(lines: list[str]) -> bool:
    i = first_line(lines)
    if i < 0:
        return False
    return _is_header(lines[i])


def matches_text(text: str) -> bool:
    """`matches` for the lines of ``text``, without splitting it: the first line that is
    not blank is the one holding the first non-whitespace character."""
    j = 0 if text[:1] and not text[0].isspace() else len(text) - len(text.lstrip())
    if j == len(text):
        return False
    end = text.find("\n", j)
    return _is_header(text[text.rfind("\n", 0, j) + 1 : end if end >= 0 else len(text)])


def _is_header(line: str) -> bool:
    m = HEADER.match(line)
    return bool(m and parse_iso(m.group("date")))


def parse(lines: list[str]) -> Fields:
    i = first_line(lines)
    m = HEADER.match(lines[i])
    assert m is not None
    date = parse_iso(m.group("date"))
    rest = lines[i + 1 :]
    title = (m.group("title") or "").strip()
    if not title:
        j = first_line(rest)
        title = rest[j].strip() if j >= 0 else ""
        rest = rest[j + 1 :] if j >= 0 else []
    end = B.body_end(rest)
    tags_value = B.find_tags_line(rest, end, min(len(rest), end + 3))
    paras = B.body_paragraphs(rest[:end])
    return Fields(
        format="dated",
        title=title,
        date=date,
        tags=split_tags(tags_value, (title, B.join(paras))) if tags_value else [],
        body=B.join(paras),
    )
