"""The index stage: build and update a tantivy index from a corpus, open it for reading.

The writer (`run`) loads the parser and the people extractor; the reading side (`reader`,
`schema`, `vocabulary`, `facet_bounds`) must not, so this package imports nothing eagerly
and names its public entry points lazily. See docs/internals/index-format.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from search.index.reader import open_index
    from search.index.run import update_index

__all__ = ["open_index", "update_index"]

_HOMES = {"open_index": "search.index.reader", "update_index": "search.index.run"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'search.index' has no attribute {name!r}")
