"""The cerca TUI: search as you type over the index, facets, article view.

Searching never blocks the UI: typing (see `SearchBox`) or a filter change starts an
exclusive thread worker; it posts `SearchCompleted` back, and the handler drops it when
the box, the filters or the sort no longer match the request it answered. One search runs
at a time: a change while it runs is searched when it ends (stale searches never queue
up, and the last state is always searched).

A people correction (`i`, `a` on the people list) asks for a confirmation, then a thread
worker writes it to the user's file and updates the index with the build's progress
panel; the search then runs again, and a notice says what changed.
"""

from __future__ import annotations

import functools
import inspect
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from search import follow
from search.errors import (
    CercaError,
    ConfigError,
    CorpusError,
    IndexBusyError,
    IndexCorruptError,
    IndexMissingError,
    IndexWriteError,
    QuerySyntaxError,
)
from search.index import history
from search.models import Filters, IndexPhase, Results, Sort
from search.paths import default_config
from search.query.language import parse as parse_query
from search.saved import SavedFile, SavedSearch, load_saved, save_search
from tui.messages import (
    ArticleLoaded,
    ComparisonCounted,
    ComparisonFailed,
    FacetsCounted,
    FollowStarted,
    IndexProgressed,
    IndexReady,
    IndexUnavailable,
    PeopleCorrected,
    PeopleCorrectionFailed,
    SearchCompleted,
    SearchFailed,
    SearchRequest,
)
from tui.screens.article import ArticleScreen
from tui.screens.facet_values import FacetValuesScreen
from tui.screens.help import HelpScreen
from tui.screens.people import ConfirmScreen, PersonPickerScreen
from tui.screens.saved import SavedChoice, SavedSearchesScreen, SaveSearchScreen
from tui.text import one_line
from tui.widgets.chips import FilterChips, filter_chips
from tui.widgets.facet_sidebar import FACETS, FacetList, FacetSidebar
from tui.widgets.histogram import MonthHistogram
from tui.widgets.index_progress import IndexProgress
from tui.widgets.notice import Notice
from tui.widgets.results_list import ResultsList
from tui.widgets.results_status import ResultsStatus
from tui.widgets.search_box import SearchBox

PAGE_SIZE = 20
SORTS = tuple(Sort)
# facet name -> Filters field
FILTER_FIELDS = {"section": "sections", "tags": "tags", "people": "people", "author": "authors"}

OpenSearcher = Callable[[Path], Any]
BuildIndex = Callable[..., Any]


def while_running(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Skip `handler` (a method of the app) once the app shuts down. A worker thread or
    the search box's timer can still deliver a message after the screen's widgets were
    removed; querying them then raises NoMatches, which Textual reports as a crash."""
    if inspect.iscoroutinefunction(handler):

        @functools.wraps(handler)
        async def guarded_async(app: CercaApp, *args: Any) -> Any:
            return await handler(app, *args) if app.is_running else None

        return guarded_async

    @functools.wraps(handler)
    def guarded(app: CercaApp, *args: Any) -> Any:
        return handler(app, *args) if app.is_running else None

    return guarded


def _open_real_searcher(index_path: Path) -> Any:
    from search.query import Searcher

    searcher = Searcher(index_path)
    threading.Thread(target=_load_lemmatizer, name="cerca-lemmas", daemon=True).start()
    return searcher


def _load_lemmatizer() -> None:
    """Load simplemma's dictionary while the user starts typing: the corpus vocabulary
    answers its own words, but the first word it lacks (one typed halfway) would wait
    about a second for the load."""
    from search.analyze import lemma

    lemma("cercacerca")


def _build_real_index(
    corpus: Path, index_path: Path, progress: Callable[[IndexPhase, int, int], None]
) -> Any:
    from search.config import load_corrections
    from search.index import update_index
    from search.paths import default_config

    # the user's corrections (cerca.toml) apply to a build from the TUI as to `cerca index`
    corrections = load_corrections(default_config())
    return update_index(corpus, index_path, progress=progress, corrections=corrections)


class BuildStopped(Exception):
    """Raised from the build's progress callback once the app is closing: a thread worker
    cannot be killed, and the exit would otherwise wait for the whole build."""


def summary_line(summary: Any) -> str:
    """`5 articles indexed · 1 skipped` from an IndexSummary (the TUI needs only that much)."""
    documents = getattr(summary, "documents", None)
    skipped = len(getattr(summary, "skipped", ()) or ())
    line = f"{documents:,} articles indexed" if documents is not None else "index built"
    return line + (f" · {skipped} file(s) skipped (see cerca index)" if skipped else "")


class CercaApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "cerca"
    ENABLE_COMMAND_PALETTE = False  # every action has a key of its own, listed in the footer

    BINDINGS = [
        # ctrl+c quits from anywhere, so the footer shows it everywhere (q is a letter
        # in a box: listed in the help only)
        Binding("ctrl+c", "quit", "Quit", priority=True, id="app.quit"),
        Binding("q", "quit_key", "Quit", show=False, id="app.quit_q"),
        Binding("question_mark", "help_key", "Help", id="app.help"),
        Binding("f1", "help", "Help", show=False, id="app.help_f1"),
        Binding("slash", "focus_search", "Search", id="app.focus_search"),
        Binding("ctrl+s", "cycle_sort", "Sort", id="app.sort"),
        Binding("ctrl+r", "clear_filters", "Clear filters", id="app.clear_filters"),
        Binding("ctrl+b", "toggle_sidebar", "Sidebar", id="app.sidebar"),
        Binding("ctrl+o", "saved_searches", "Saved", id="app.saved"),
        Binding("ctrl+n", "save_search", "Save search", show=False, id="app.save_search"),
        Binding("ctrl+l", "reload_index", "Reload index", show=False, id="app.reload"),
        Binding("ctrl+t", "exact_facets", "Exact counts", show=False, id="app.exact_facets"),
    ]

    NARROW = 70  # below this many columns the sidebar starts hidden (ctrl+b shows it)

    def __init__(
        self,
        index_path: Path,
        corpus: Path,
        query: str = "",
        *,
        open_searcher: OpenSearcher = _open_real_searcher,
        build_index: BuildIndex = _build_real_index,
    ) -> None:
        super().__init__()
        self.index_path = Path(index_path)
        self.corpus = Path(corpus)
        self.initial_query = query
        self.searcher: Any = None
        self.filters = Filters()
        self.sort = Sort.RELEVANCE
        self.results: Results | None = None
        self._open_searcher = open_searcher
        self._build_index = build_index
        self._focus_results_next = False
        self._main_screen: Screen | None = None
        # The first-page search running now, what it answers (the request and the index
        # state), and whether anything changed since it started.
        self._search_worker: Worker | None = None
        self._searching: tuple[SearchRequest, int] | None = None
        self._search_again = False
        self._index_state = 0  # counts IndexReady: a reload may change every answer
        self._sidebar_wanted: bool | None = None  # None: decided by the terminal's width
        self._correcting = False  # a people correction is being written and indexed
        # the saved search opened from the list, and the ids new since its last look
        self.following: tuple[SavedSearch, frozenset[str]] | None = None
        # the saved search whose months the histogram compares (`c` in the list), and
        # the number of its latest count: an answer to an older one is stale
        self.comparing: SavedSearch | None = None
        self._compare_serial = 0
        self._facets_lenient = False  # how the shown facets' query was read (ctrl+t again)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield SearchBox(self.initial_query, id="search")
        yield FilterChips(id="chips")
        with Horizontal(id="main"):
            with Vertical(id="results-pane"):
                yield ResultsStatus(id="status")
                yield Static(id="query-warning")
                yield ResultsList(id="results")
                yield Notice(id="notice")
                yield IndexProgress(str(self.corpus), str(self.index_path), id="index-progress")
            yield FacetSidebar(id="sidebar")
        yield Footer()

    def on_mount(self) -> None:
        self._main_screen = self.screen
        self.main.query_one("#chips").display = False
        self.main.query_one("#query-warning").display = False
        self.main.query_one("#index-progress").display = False
        self.main.query_one(FacetSidebar).display = False  # until there are facets to show
        self._show_notice("Opening the index…")
        self.main.query_one(SearchBox).focus()
        self._open_index()

    # ------------------------------------------------------------------ index

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def _open_index(self) -> None:
        building = False
        try:
            try:
                searcher = self._open_searcher(self.index_path)
                summary = None
            except IndexMissingError:
                building = True
                progress = self._progress_reporter()
                summary = self._build_index(self.corpus, self.index_path, progress=progress)
                searcher = self._open_searcher(self.index_path)
        except CercaError as e:
            self.post_message(IndexUnavailable(str(e), building=building, error=e))
            return
        except BuildStopped:
            return
        self.searcher = searcher
        self._warm_up()
        self.post_message(IndexReady(summary_line(summary) if summary is not None else None))

    def _progress_reporter(self) -> Callable[[IndexPhase, int, int], None]:
        """A progress callback for update_index, called in the current thread worker: it
        shows the progress panel (from now on) and stops the run once the app closes."""
        self.post_message(IndexProgressed(IndexPhase.LISTING, 0, 0))
        last = (0.0, IndexPhase.LISTING)
        worker = get_current_worker()

        def progress(phase: IndexPhase, done: int, total: int) -> None:
            nonlocal last  # at most ~20 updates a second, and every new phase
            if worker.is_cancelled:  # the app is closing: update_index cleans up
                raise BuildStopped
            now = time.monotonic()
            if now - last[0] >= 0.05 or done >= total or phase != last[1]:
                last = (now, phase)
                self.post_message(IndexProgressed(phase, done, total))

        return progress

    def _warm_up(self) -> None:
        """Load the Italian dictionary now, behind "Opening the index…": loading it takes
        seconds and holds the GIL, which would stutter the first keystrokes instead."""
        self.call_from_thread(self._show_notice, "Loading the Italian dictionary…")
        from search.query.highlight import Highlighter

        Highlighter.from_query("incontrare").spans("incontra")

    @while_running
    def on_index_progressed(self, message: IndexProgressed) -> None:
        self.main.query_one("#notice").display = False
        self.main.query_one("#results").display = False
        panel = self.main.query_one(IndexProgress)
        panel.display = True
        panel.progress(message.phase, message.done, message.total)

    @while_running
    def on_index_ready(self, message: IndexReady) -> None:
        self._index_state += 1
        self.main.query_one(IndexProgress).display = False
        if message.summary:
            self.notify(one_line(message.summary), title="Index", timeout=4)
        self.search_now()

    @while_running
    def on_index_unavailable(self, message: IndexUnavailable) -> None:
        self.main.query_one(IndexProgress).display = False
        if message.building:
            self._show_notice(
                "No index yet, and it could not be built",
                message.reason,
                self._build_hint(message.error),
            )
            return
        self._show_notice(
            "The index cannot be opened",
            message.reason,
            f"Build it with: cerca index {self.corpus} --index {self.index_path} --rebuild",
        )

    def _build_hint(self, error: CercaError | None) -> str:
        """What to do about a build that failed, by what failed."""
        corpus, index = self.corpus, self.index_path
        if isinstance(error, CorpusError):
            return f"Point --corpus (or CERCA_CORPUS) at your articles; now: {corpus}"
        if isinstance(error, IndexWriteError):
            return (
                f"Check that {index} can be written and the disk has room, "
                "or choose another folder with --index (or CERCA_INDEX)"
            )
        if isinstance(error, IndexBusyError):
            return "Another `cerca index` is building it: start cerca tui again once it ends"
        if isinstance(error, IndexCorruptError):
            return f"Build it with: cerca index {corpus} --index {index} --rebuild"
        if isinstance(error, ConfigError):
            return "Fix that line of your corrections file (or move it aside), then start again"
        return f"For the details, run in a terminal: cerca index {corpus} --index {index}"

    # ------------------------------------------------------------------ searching

    @property
    def main(self) -> Screen:
        """The search screen (queries go there even while the article or help is on top,
        and while the app shuts down with a search still in flight)."""
        return self._main_screen if self._main_screen is not None else self.screen

    def current_request(self) -> SearchRequest:
        return SearchRequest(self.main.query_one(SearchBox).value, self.filters, self.sort)

    @while_running
    def search_now(self) -> None:
        if self.searcher is None:
            return
        self.main.query_one(ResultsStatus).searching()
        if self._search_worker is not None:
            # Wait for it rather than start a second thread: on two cores two searches
            # would slow each other and the UI down, only for the older one to be dropped.
            self._search_again = True
            return
        self._start_search()

    def _start_search(self) -> None:
        request = self.current_request()
        self._searching = (request, self._index_state)
        self._search_again = False
        self._search_worker = self._search(request, 0)

    def _search_ended(self) -> None:
        """The first-page search finished (its answer, if still wanted, is shown by now):
        search again if the box, the filters, the sort or the index changed meanwhile."""
        self._search_worker = None
        if not self._search_again:
            return
        if self._searching != (self.current_request(), self._index_state):
            self._start_search()
        else:  # changed and changed back (or enter on the same text): the answer stands
            self._search_again = False
            self.main.query_one(ResultsStatus).searching(False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def _search(self, request: SearchRequest, offset: int) -> None:
        self._run_search(request, offset)

    @work(thread=True, exclusive=True, exit_on_error=False, group="page")
    def _search_page(self, request: SearchRequest, offset: int) -> None:
        """A further page of the shown results: apart from `_search`, so that neither
        cancels the other (a cancelled thread worker still runs to its end)."""
        self._run_search(request, offset)

    def _run_search(self, request: SearchRequest, offset: int) -> None:
        if get_current_worker().is_cancelled:
            return  # a newer request is already on its way

        def run(lenient: bool) -> Results:
            # the hits first: facets over many hits cost more than the page, and are
            # counted apart (_count_facets) so typing never waits for them
            return self.searcher.search(
                request.text,
                filters=request.filters,
                sort=request.sort,
                limit=PAGE_SIZE,
                offset=offset,
                facets=False,
                lenient=lenient,
            )

        if offset == 0:  # a new search sees what `cerca index` committed meanwhile
            try:
                self.searcher.reload()  # cheap when nothing changed (one small file read)
            except CercaError:
                pass  # replaced or damaged underneath: the old state stays searchable
        problem = None
        try:
            try:
                results = run(lenient=False)
            except QuerySyntaxError as e:
                # Half-typed queries are normal here: say what is wrong, and show what a
                # lenient reading finds meanwhile.
                problem = str(e)
                results = run(lenient=True)
        except QuerySyntaxError as e:
            self.post_message(SearchFailed(request, str(e), bad_query=True))
            return
        except CercaError as e:
            self.post_message(SearchFailed(request, str(e), bad_query=False))
            return
        self.post_message(SearchCompleted(request, results, offset, problem))
        if offset == 0:
            self._count_facets(request, lenient=problem is not None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="facets")
    def _count_facets(self, request: SearchRequest, lenient: bool, exact: bool = False) -> None:
        """The facets of the page just shown, unless the user has moved on meanwhile (a
        newer request's worker cancels this one; a cancelled thread still runs, so each
        step checks first). Counts of very many hits are estimated unless `exact` (ctrl+t):
        an exact count over most of a large archive takes a fraction of a second."""
        if get_current_worker().is_cancelled:
            return
        self._facets_lenient = lenient
        try:
            results = self.searcher.search(
                request.text,
                filters=request.filters,
                sort=request.sort,
                limit=0,
                facets=True,
                lenient=lenient,
                estimate=not exact,
            )
        except CercaError:
            return  # the search itself reported it
        if not get_current_worker().is_cancelled:
            self.post_message(FacetsCounted(request, results.facets))

    @while_running
    def on_facets_counted(self, message: FacetsCounted) -> None:
        if message.request != self.current_request() or self.results is None:
            return  # stale: the user has moved on
        self.results = replace(self.results, facets=message.facets)
        self.main.query_one(FacetSidebar).show(message.facets, self._selected())
        self._count_comparison()  # the query's months changed: the comparison follows

    @while_running
    async def on_search_completed(self, message: SearchCompleted) -> None:
        if message.request != self.current_request():
            return  # stale: the user has moved on
        results, listing = message.results, self.main.query_one(ResultsList)
        has_more = message.offset + len(results.hits) < results.total
        new = self._new_ids(message.request)
        if message.offset:
            await listing.show(results.hits, has_more=has_more, append=True, new=new)
            self.main.query_one(ResultsStatus).show(results, self.sort, shown=listing.count)
            return
        first, self.results = self.results is None, results
        self.main.query_one(ResultsStatus).show(results, self.sort)
        warning = self.main.query_one("#query-warning", Static)
        bad = message.problem
        warning.display = bool(bad)
        if bad:
            # one short sentence (the lenient reading's warnings repeat the problem)
            problem = one_line(bad)
            warning.update(
                Content.assemble((problem[:1].upper() + problem[1:], "bold"), "; read leniently.")
            )
        if first:
            self.main.query_one(FacetSidebar).display = self._sidebar_visible()

        await self.main.query_one(FilterChips).show(self.filters)
        self.refresh_bindings()
        await listing.show(results.hits, has_more=has_more, new=new)
        if results.hits:
            self.main.query_one("#notice").display = False
            listing.display = True
            if self._focus_results_next:
                listing.focus()
        elif bad:
            self._show_notice(
                "Can't read this query",
                bad,
                "Check quotes and parentheses; press f1 for the query language.",
            )
        else:
            self._show_empty(results)
        self._focus_results_next = False

    @while_running
    def on_search_failed(self, message: SearchFailed) -> None:
        if message.request != self.current_request():
            return
        self.main.query_one(ResultsStatus).show(None, self.sort)
        if message.bad_query:
            self._show_notice(
                "Can't read this query",
                message.reason,
                "Check quotes and parentheses; press f1 for the query language.",
            )
        else:
            self._show_notice("The search failed", message.reason)

    @while_running
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # exit_on_error=False keeps the app alive; say what went wrong instead of a traceback.
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            if event.worker.group == "people":
                self.post_message(PeopleCorrectionFailed(f"{type(error).__name__}: {error}"))
                return
            if event.worker.group == "article":
                self._article_failed(f"{type(error).__name__}: {error}")
                return
            if event.worker.group == "compare" and self.comparing is not None:
                name = self.comparing.name
                self.post_message(
                    ComparisonFailed(self._compare_serial, name, f"{type(error).__name__}: {error}")
                )
                return
            self.main.query_one(ResultsStatus).show(None, self.sort)
            self._show_notice(
                "Something went wrong", f"{type(error).__name__}: {error}", "Try another query."
            )
        if event.worker is self._search_worker and event.worker.is_finished:
            self._search_ended()

    @while_running
    def _show_notice(self, headline: str, *hints: str) -> None:
        self.main.query_one(ResultsList).display = False
        self.main.query_one(IndexProgress).display = False
        notice = self.main.query_one(Notice)
        notice.display = True
        notice.say(headline, *hints)

    def _show_empty(self, results: Results) -> None:
        text = self.main.query_one(SearchBox).value.strip()
        chips = [label for _, _, label in filter_chips(self.filters)]
        if chips:
            self._show_notice(
                f"No articles match “{text}” with these filters" if text else "No articles match",
                "Filters: " + ", ".join(chips),
                "Remove one (click its chip, or tab to it and press enter) or all (ctrl+r).",
            )
        elif text:
            self._show_notice(
                f"No articles match “{text}”",
                "Try fewer words, another spelling, or a prefix such as ucrain*.",
            )
        else:
            self._show_notice(
                "The index is empty",
                f"Add articles to {self.corpus} and run: cerca index {self.corpus}",
            )

    def _selected(self) -> dict[str, tuple[str, ...]]:
        return {facet: getattr(self.filters, field) for facet, field in FILTER_FIELDS.items()}

    # ------------------------------------------------------------------ events from widgets

    def on_search_box_query_changed(self, message: SearchBox.QueryChanged) -> None:
        self.search_now()
        self._focus_results_next = message.submitted  # enter: go to the results once they come

    def on_facet_list_value_toggled(self, message: FacetList.ValueToggled) -> None:
        self.toggle_filter(message.facet, message.value)

    def on_facet_list_more_wanted(self, message: FacetList.MoreWanted) -> None:
        self.show_facet_values(message.facet)

    def on_facet_values_screen_value_toggled(self, message: FacetValuesScreen.ValueToggled):
        self.toggle_filter(message.facet, message.value)

    def show_facet_values(self, facet: str) -> None:
        """Every value of `facet` for the search shown now, with a filter box."""
        if self.searcher is None:
            return
        searcher, request = self.searcher, self.current_request()

        def count() -> tuple:
            return searcher.facet_values(facet, request.text, request.filters, lenient=True)

        selected = getattr(self.filters, FILTER_FIELDS[facet])
        self.push_screen(FacetValuesScreen(facet, FACETS[facet], count, selected))

    def on_filter_chips_remove_filter(self, message: FilterChips.RemoveFilter) -> None:
        if message.facet in ("since", "until"):
            self.main.query_one(f"MonthHistogram #{message.facet}", Input).value = ""
            return  # the histogram reports the new range, which searches
        self.toggle_filter(message.facet, message.value)
        self.main.query_one(SearchBox).focus()

    def on_month_histogram_date_range_changed(self, message: MonthHistogram.DateRangeChanged):
        self.filters = replace(self.filters, since=message.since, until=message.until)
        self.search_now()

    def on_results_list_result_chosen(self, message: ResultsList.ResultChosen) -> None:
        query = self.main.query_one(SearchBox).value
        self._load_article(message.hit.id, query, self.filters.people)

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def _load_article(self, article_id: str, query: str, people: tuple[str, ...]) -> None:
        try:
            article = self.searcher.get(article_id)
            marking = bool(query.strip() or people)
            highlighter = self.searcher.highlighter(query, people) if marking else None
        except CercaError as e:
            self.call_from_thread(self._article_failed, str(e))
            return
        self.post_message(ArticleLoaded(article, highlighter))

    @while_running
    def on_article_loaded(self, message: ArticleLoaded) -> None:
        self.push_screen(ArticleScreen(message.article, message.highlighter))

    def _article_failed(self, reason: str) -> None:
        self.notify(one_line(reason), title="Cannot open the article", severity="error")

    def on_results_list_more_wanted(self, message: ResultsList.MoreWanted) -> None:
        self._search_page(self.current_request(), self.main.query_one(ResultsList).count)

    def toggle_filter(self, facet: str, value: str) -> None:
        field = FILTER_FIELDS[facet]
        values: tuple[str, ...] = getattr(self.filters, field)
        values = tuple(v for v in values if v != value) if value in values else (*values, value)
        changes: dict[str, Any] = {field: values}  # one field named at run time
        self.filters = replace(self.filters, **changes)
        self.search_now()

    # ------------------------------------------------------------------ people corrections

    def on_facet_list_ignore_wanted(self, message: FacetList.IgnoreWanted) -> None:
        name = one_line(message.value)
        self._confirm_correction(
            message.value,
            None,
            f"{name} is not a person?",
            f"{name} leaves the people facet, with every spelling merged into it.",
        )

    def on_facet_list_merge_wanted(self, message: FacetList.MergeWanted) -> None:
        if self.searcher is None or self._busy_correcting():
            return
        name, searcher = message.value, self.searcher

        def others() -> tuple:  # every person of the archive, this one aside
            values = searcher.facet_values("people", "", None, lenient=True)
            return tuple(v for v in values if v.value != name)

        def picked(target: str | None) -> None:
            if target is not None:
                shown_name, shown_target = one_line(name), one_line(target)
                self._confirm_correction(
                    name,
                    target,
                    f"Merge {shown_name} into {shown_target}?",
                    f"The articles of {shown_name} will list {shown_target}.",
                )

        self.push_screen(PersonPickerScreen(name, others), picked)

    def _busy_correcting(self) -> bool:
        if self._correcting:
            self.notify("A correction is being applied: wait for it to end", title="People")
        return self._correcting

    def _confirm_correction(self, name: str, target: str | None, question: str, effect: str):
        """Ask, then record that `name` is not a person (`target` None) or is `target`."""
        if self._busy_correcting():
            return
        from search.paths import default_config

        def answered(yes: bool | None) -> None:
            if yes and not self._correcting:
                self._correcting = True
                panel = self.main.query_one(IndexProgress)
                panel.start("Updating the index with your correction", str(self._indexed_corpus()))
                self._correct_people(name, target)

        where = f"This writes {default_config()} and updates the index."
        self.push_screen(ConfirmScreen(question, effect, where), answered)

    def _indexed_corpus(self) -> Path:
        """The corpus the open index was built from (the update must read that one, not
        whatever --corpus names now: another folder would replace the whole index)."""
        recorded = getattr(getattr(self.searcher, "manifest", None), "corpus", None)
        return Path(recorded) if isinstance(recorded, str) and recorded else self.corpus

    @work(thread=True, exclusive=True, exit_on_error=False, group="people")
    def _correct_people(self, name: str, target: str | None) -> None:
        """Write the correction to the user's file (as `cerca people ignore/alias` do),
        then update the index with it (as `cerca index` does)."""
        from search.config import alias_person, ignore_person
        from search.paths import default_config

        path = default_config()
        try:
            if target is None:
                ignore_person(path, name)
            else:
                alias_person(path, name, target)
        except CercaError as e:  # a broken file, a loop of aliases: nothing was written
            self.post_message(PeopleCorrectionFailed(f"Nothing changed: {e}"))
            return
        try:
            corpus = self._indexed_corpus()
            summary = self._build_index(corpus, self.index_path, progress=self._progress_reporter())
            self.searcher.reload()
        except IndexBusyError as e:
            self.post_message(
                PeopleCorrectionFailed(f"{path} records it, but {e}: run `cerca index` after it")
            )
            return
        except CercaError as e:
            self.post_message(
                PeopleCorrectionFailed(f"{path} records it, but the index was not updated: {e}")
            )
            return
        except BuildStopped:
            return
        changed = getattr(summary, "relinked", 0) + getattr(summary, "updated", 0)
        articles = f"{changed:,} article{'' if changed == 1 else 's'} updated"
        if target is None:
            summary_text = f"{name} is no longer a person: {articles}"
        else:
            summary_text = f"{name} merged into {target}: {articles}"
        self.post_message(PeopleCorrected(name, target, summary_text))

    def _refilter_people(self, name: str, target: str | None) -> None:
        """A filter on `name` becomes one on `target` (or goes): `name` is no value now."""
        if name in self.filters.people:
            people = [target if p == name else p for p in self.filters.people]
            kept = tuple(dict.fromkeys(p for p in people if p is not None))
            self.filters = replace(self.filters, people=kept)

    @while_running
    def on_people_corrected(self, message: PeopleCorrected) -> None:
        self._correcting = False
        self._index_state += 1
        self.main.query_one(IndexProgress).display = False
        self._refilter_people(message.name, message.target)
        self.notify(one_line(message.summary), title="People", timeout=6)
        self.search_now()

    @while_running
    def on_people_correction_failed(self, message: PeopleCorrectionFailed) -> None:
        self._correcting = False
        self.main.query_one(IndexProgress).display = False
        self.notify(one_line(message.reason), title="People", severity="error", timeout=10)
        self.search_now()  # the results again, where the progress panel was

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, Input)
        on_top = self.screen is not self.main
        if on_top and action in (
            "focus_search",
            "cycle_sort",
            "clear_filters",
            "toggle_sidebar",
            "saved_searches",
            "save_search",
        ):
            return False  # these act on the search screen only
        if action == "focus_search":
            return not isinstance(self.focused, SearchBox)  # a date holds no `/`
        if action in ("quit_key", "help_key"):
            return not typing  # q and ? are text while the cursor is in a box
        if action == "clear_filters":
            return bool(filter_chips(self.filters))
        return True

    def action_quit_key(self) -> None:
        self.exit()

    def action_help_key(self) -> None:
        self.action_help()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_focus_search(self) -> None:
        box = self.main.query_one(SearchBox)
        box.focus()
        box.select_all()  # `/` starts a new query: the first key replaces the old one

    def action_focus_results(self) -> None:
        listing = self.main.query_one(ResultsList)
        if listing.display and listing.count:
            listing.focus()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.main.query_one(ResultsStatus).show(self.results, self.sort)
        self.search_now()

    def action_clear_filters(self) -> None:
        self.main.query_one(MonthHistogram).clear_range()
        self.filters = Filters()
        self.search_now()

    def _sidebar_visible(self) -> bool:
        if self._sidebar_wanted is not None:
            return self._sidebar_wanted
        return self.size.width >= self.NARROW

    def on_resize(self) -> None:
        if self.results is not None:
            self.main.query_one(FacetSidebar).display = self._sidebar_visible()

    def action_toggle_sidebar(self) -> None:
        sidebar = self.main.query_one(FacetSidebar)
        self._sidebar_wanted = not sidebar.display
        sidebar.display = self._sidebar_wanted

    def action_exact_facets(self) -> None:
        """Count the facets shown exactly, when they are estimates."""
        facets = self.results.facets if self.results is not None else {}
        if any(v.estimated for values in facets.values() for v in values):
            self.notify("Counting exactly…", timeout=2)
            self._count_facets(self.current_request(), self._facets_lenient, exact=True)

    def action_reload_index(self) -> None:
        """See what `cerca index` has added since the TUI started."""
        if self.searcher is not None:
            self._reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def _reload(self) -> None:
        try:
            self.searcher.reload()
        except CercaError as e:
            self.post_message(IndexUnavailable(str(e)))
            return
        self.post_message(IndexReady("index reloaded"))

    # ------------------------------------------------------------------ saved searches

    def _new_ids(self, request: SearchRequest) -> frozenset[str]:
        """The ids to mark new: those of the saved search opened, while it is shown."""
        if self.following is None:
            return frozenset()
        search, new = self.following
        same = request.text.strip() == search.query.strip() and request.filters == search.filters
        return new if same else frozenset()

    def _saved(self) -> SavedFile | None:
        """The user's saved searches; None (and a notice) when the file is broken."""
        try:
            return load_saved(default_config())
        except ConfigError as e:
            self.notify(one_line(str(e)), title="Saved searches", severity="error")
            return None

    def action_saved_searches(self) -> None:
        saved = self._saved()
        if saved is None or self.searcher is None:
            return
        searcher, index_path = self.searcher, self.index_path

        def count() -> list:
            return follow.pending(searcher, index_path, saved.searches)

        def chosen(choice: SavedChoice | None) -> None:
            if choice is None:
                return
            if not choice.compare:
                self._open_saved(choice.search)
            elif self.comparing is not None and self.comparing.name == choice.search.name:
                self.compare_with(None)  # the same key again: stop comparing
            else:
                self.compare_with(choice.search)

        problems = [message for _, message in saved.problems]
        compared = self.comparing.name if self.comparing is not None else None
        screen = SavedSearchesScreen(saved.searches, problems, count, compared)
        self.push_screen(screen, chosen)

    def compare_with(self, search: SavedSearch | None) -> None:
        """Show the months of `search` under the query's (None: stop comparing)."""
        self.comparing = search
        self._compare_serial += 1  # whatever is being counted now is stale
        histogram = self.main.query_one(MonthHistogram)
        histogram.compare(search.name if search is not None else None)
        self._count_comparison()

    def _count_comparison(self) -> None:
        """Count the compared search's months (its own query and filters) in a worker:
        again after each search, which may have seen a newer index."""
        if self.comparing is None or self.searcher is None:
            return
        self._compare_serial += 1
        self._compare(self._compare_serial, self.comparing)

    @work(thread=True, exclusive=True, exit_on_error=False, group="compare")
    def _compare(self, serial: int, search: SavedSearch) -> None:
        if get_current_worker().is_cancelled:
            return  # a newer count is on its way
        try:
            profile = self.searcher.profile(search.query, search.filters, people=0)
        except CercaError as e:  # e.g. a query edited by hand that no longer parses
            self.post_message(ComparisonFailed(serial, search.name, str(e)))
            return
        counts = {month: count for month, count in profile.periods if count}
        self.post_message(ComparisonCounted(serial, counts))

    @while_running
    def on_comparison_counted(self, message: ComparisonCounted) -> None:
        if message.serial != self._compare_serial or self.comparing is None:
            return  # stale: another search compared, or counted again, since
        self.main.query_one(MonthHistogram).compare(self.comparing.name, message.counts)

    @while_running
    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        if message.serial != self._compare_serial:
            return
        self.compare_with(None)
        reason = one_line(f"cannot compare with {message.name}: {message.reason}")
        self.notify(reason, title="Saved searches", severity="error", timeout=8)

    @work(thread=True, exclusive=True, exit_on_error=False, group="saved")
    def _open_saved(self, search: SavedSearch) -> None:
        """Find what is new for `search` since its last look, then mark it seen."""
        marks = follow.read_marks(self.index_path)
        upto = history.latest(self.index_path)
        after = marks.get(search.name)
        new = follow.window(self.index_path, after, upto).ids if after is not None else frozenset()
        try:
            follow.mark_seen(self.index_path, search.name, upto)
        except CercaError as e:
            self.call_from_thread(self.notify, one_line(str(e)), severity="warning")
        self.post_message(FollowStarted(search, new))

    @while_running
    def on_follow_started(self, message: FollowStarted) -> None:
        search = message.search
        self.following = (search, message.new)
        self.main.query_one(MonthHistogram).clear_range()
        self.filters = search.filters
        box = self.main.query_one(SearchBox)
        if box.value != search.query:
            box.value = search.query  # its change runs the search
        else:
            self.search_now()
        self.action_focus_results()

    def action_save_search(self) -> None:
        saved = self._saved()
        if saved is None:
            return
        query, filters = self.main.query_one(SearchBox).value, self.filters

        def named(name: str | None) -> None:
            if name is not None:
                self._save_search(SavedSearch(name, query.strip(), filters))

        self.push_screen(SaveSearchScreen(query, filters, saved.names), named)

    @work(thread=True, exclusive=True, exit_on_error=False, group="saved")
    def _save_search(self, search: SavedSearch) -> None:
        """Write `search` to the user's file; what is new for it counts from now."""
        try:
            parse_query(search.query)  # the TUI reads leniently; a saved search must parse
            save_search(default_config(), search, replace=True)
            if self.index_path.is_dir():
                follow.mark_seen(self.index_path, search.name)
        except CercaError as e:
            self.call_from_thread(
                self.notify, one_line(str(e)), title="Not saved", severity="error"
            )
            return
        self.call_from_thread(self.notify, f"Saved as {search.name} (ctrl+o lists them)")


def make_app(index_path: Path, corpus: Path, query: str = "", **kwargs: Any) -> CercaApp:
    """The one way to build the app (the `cerca tui` command and the tests use it)."""
    return CercaApp(index_path, corpus, query, **kwargs)
