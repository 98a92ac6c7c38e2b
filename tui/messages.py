"""Messages the app's workers send back to the UI thread (past tense: things that happened).

Widgets keep their own messages beside them (e.g. `FacetList.ValueToggled`); these
are the ones whose sender is a worker of `CercaApp`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from search.errors import CercaError
from search.models import Article, Filters, IndexPhase, Results, Sort
from search.query.highlight import Highlighter
from search.saved import SavedSearch


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """Everything that decides a result page; results for any other request are stale."""

    text: str
    filters: Filters
    sort: Sort


class SearchCompleted(Message):
    """`results` answer `request`; `offset` > 0 means a further page of the same request.

    `problem` is the parser's complaint when the text could not be read as typed (the
    results are then those of a lenient reading).
    """

    def __init__(
        self, request: SearchRequest, results: Results, offset: int = 0, problem: str | None = None
    ) -> None:
        super().__init__()
        self.request = request
        self.results = results
        self.offset = offset
        self.problem = problem


class FacetsCounted(Message):
    """The facet counts of `request`, counted after its first page was shown."""

    def __init__(self, request: SearchRequest, facets: dict) -> None:
        super().__init__()
        self.request = request
        self.facets = facets


class SearchFailed(Message):
    """The query could not be read (or the index could not answer): show `reason` in place."""

    def __init__(self, request: SearchRequest, reason: str, *, bad_query: bool) -> None:
        super().__init__()
        self.request = request
        self.reason = reason
        self.bad_query = bad_query


class IndexProgressed(Message):
    """The first build is in `phase`, `done` of `total` steps (0: a phase without a count)."""

    def __init__(self, phase: IndexPhase, done: int, total: int) -> None:
        super().__init__()
        self.phase = phase
        self.done = done
        self.total = total


class IndexReady(Message):
    """A searcher is open (after building the index, or because one was already there)."""

    def __init__(self, summary: str | None = None) -> None:
        super().__init__()
        self.summary = summary


class IndexUnavailable(Message):
    """No searcher could be opened (`building`: nor could the index be built from the
    corpus); `reason` is the library's message, `error` the error it came with."""

    def __init__(
        self, reason: str, building: bool = False, error: CercaError | None = None
    ) -> None:
        super().__init__()
        self.reason = reason
        self.building = building
        self.error = error


class ArticleLoaded(Message):
    """`article` was read from the index; `highlighter` marks what the search matched
    (None: nothing to mark)."""

    def __init__(self, article: Article, highlighter: Highlighter | None) -> None:
        super().__init__()
        self.article = article
        self.highlighter = highlighter


class PeopleCorrected(Message):
    """The user's correction (`name` is not a person when `target` is None, else it is
    `target`) is in their file and the index was updated with it: `summary` says what
    changed, for a notice."""

    def __init__(self, name: str, target: str | None, summary: str) -> None:
        super().__init__()
        self.name = name
        self.target = target
        self.summary = summary


class PeopleCorrectionFailed(Message):
    """A people correction could not be recorded, or recorded but not applied (`reason`,
    one line)."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class FollowStarted(Message):
    """The saved search `search` was opened from the list: `new` holds the ids of the
    documents the index runs since its last look brought in (its hits among them are new)."""

    def __init__(self, search: SavedSearch, new: frozenset[str]) -> None:
        super().__init__()
        self.search = search
        self.new = new
