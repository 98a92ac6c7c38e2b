"""People: who an article mentions, and one canonical name per person across a corpus.

- ``extract_people`` finds persons in one article (``extract.py``),
- ``PeopleCanon`` merges their spellings across the corpus (``canonical.py``),
- ``PeopleCorrections`` holds the user's corrections to it (``corrections.py``),
- ``name_key`` is the transliteration-independent key both use (``variants.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .canonical import PeopleCanon, Where, where_of
from .corrections import PeopleCorrections
from .variants import name_key

if TYPE_CHECKING:
    from .extract import extract_people, is_person_name

__all__ = [
    "PeopleCanon",
    "PeopleCorrections",
    "Where",
    "extract_people",
    "is_person_name",
    "name_key",
    "where_of",
]


def __getattr__(name: str) -> Any:
    # The extractor (its word lists, simplemma) loads on first use: an index run with
    # nothing to read needs only the canon.
    if name in ("extract_people", "is_person_name"):
        from . import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
