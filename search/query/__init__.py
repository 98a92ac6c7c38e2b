"""The query stage: the query language, compiled to tantivy, answered with hits, facets
and lemma-aware snippets. The public door is `Searcher`."""

from search.query.searcher import Searcher

__all__ = ["Searcher"]
