"""Where a query matches a text, for the article view: the spans the library's lemma-aware
highlighter marks (the same one that marks the snippets), without overlaps."""

from __future__ import annotations

from search.query.highlight import Highlighter


def match_spans(
    highlighter: Highlighter | None, text: str, in_body: bool = False
) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of the matches in `text`; `in_body`: the
    text is the article's body, where `titolo:` clauses mark nothing."""
    if highlighter is None or not text:
        return []
    out: list[tuple[int, int]] = []
    for start, end in sorted(highlighter.spans(text, in_body=in_body)):
        if out and start < out[-1][1]:
            continue  # a phrase already covers this word
        out.append((start, end))
    return out
