"""People: who an article mentions, and one canonical name per person across a corpus.

Provisional naive implementation (capitalized pairs); replaced by the people work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_PAIR = re.compile(r"\b([A-Z][a-zà-ÿ]+) ([A-Z][a-zà-ÿ]+)\b")


def extract_people(
    title: str, subtitle: str | None, body: str, tags: Sequence[str] = ()
) -> list[str]:
    """Persons mentioned in one article, fullest form seen in it, in first-seen order."""
    text = "\n".join(t for t in (title, subtitle or "", body) if t)
    seen: dict[str, None] = {}
    for m in _PAIR.finditer(text):
        seen[m.group(0)] = None
    for t in tags:
        if is_person_name(t):
            seen[t] = None
    return list(seen)


def is_person_name(text: str) -> bool:
    return bool(_PAIR.fullmatch(text))


class PeopleCanon:
    """Corpus-wide canonical names: `add` every article's names, then `canonical(name)`."""

    def __init__(self) -> None:
        self._names: dict[str, None] = {}

    def add(self, names: Iterable[str]) -> None:
        for n in names:
            self._names[n] = None

    def canonical(self, name: str) -> str:
        return name

    def lookup(self, query: str) -> list[str]:
        """Canonical names a user query (`lavrov`, `Serghei Lavrov`) refers to."""
        q = query.lower()
        return [n for n in self._names if q in n.lower()]

    def to_dict(self) -> dict:
        return {"names": list(self._names)}

    @classmethod
    def from_dict(cls, data: dict) -> PeopleCanon:
        c = cls()
        c.add(data.get("names", []))
        return c
