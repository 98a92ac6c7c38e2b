"""Where a query matches a text, for the article view: the library's lemma-aware highlighter
(the same one that marks the snippets), plus the people the user filters on."""

from __future__ import annotations

from collections.abc import Iterable

from search.query.highlight import Highlighter


def match_spans(query: str, text: str, people: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of `query`'s matches in `text`."""
    people = tuple(people)
    if not (query.strip() or people) or not text:
        return []
    out: list[tuple[int, int]] = []
    for start, end in sorted(Highlighter.from_query(query, people).spans(text)):
        if out and start < out[-1][1]:
            continue  # a phrase already covers this word
        out.append((start, end))
    return out
