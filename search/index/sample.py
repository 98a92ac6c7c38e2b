"""The sample levels: nested pseudo-random subsets of the documents.

Level L (1 to LEVELS) holds about 1 / 2**L of any set of documents, and each level holds
the next: a document carries the term of every level it is in. Which levels comes from a
hash of the article's id, so it never changes with an edit or a rebuild. Facets of a
query with hundreds of thousands of hits are estimated over one level: a single posting
list to intersect with the query (search.query.facets, docs/internals/facets.md).
"""

from __future__ import annotations

import hashlib

LEVELS = 8


def rank(doc_id: str) -> int:
    """Where a document stands in the sample order (0-255): level L holds the ranks
    below 256 / 2**L."""
    return hashlib.blake2b(doc_id.encode("utf-8"), digest_size=1).digest()[0]


def levels_of(doc_id: str) -> list[str]:
    """The level terms of a document, as indexed ("1" holds half the documents)."""
    byte = rank(doc_id)
    return [str(level) for level in range(1, LEVELS + 1) if byte < 256 >> level]
