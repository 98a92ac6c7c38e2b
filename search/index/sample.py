"""The sample buckets: every document falls in one of BUCKETS pseudo-random buckets.

A bucket comes from a hash of the article's id, so it never changes with an edit or a
rebuild. The first k buckets hold about k / BUCKETS of any set of documents: facets of a
query with hundreds of thousands of hits are estimated over them (search.query.facets,
docs/internals/facets.md).
"""

from __future__ import annotations

import hashlib

BUCKETS = 256


def bucket_of(doc_id: str) -> str:
    """The bucket of a document, as indexed (two hex digits)."""
    return hashlib.blake2b(doc_id.encode("utf-8"), digest_size=1).hexdigest()


def first_buckets(k: int) -> list[str]:
    """The terms of the first `k` buckets (1 <= k <= BUCKETS)."""
    return [f"{b:02x}" for b in range(max(1, min(k, BUCKETS)))]
