"""People: who an article mentions, and one canonical name per person across a corpus.

- ``extract_people`` finds persons in one article (``extract.py``),
- ``PeopleCanon`` merges their spellings across the corpus (``canonical.py``),
- ``name_key`` is the transliteration-independent key both use (``variants.py``).
"""

from __future__ import annotations

from .canonical import PeopleCanon
from .extract import extract_people, is_person_name
from .variants import name_key

__all__ = ["PeopleCanon", "extract_people", "is_person_name", "name_key"]
