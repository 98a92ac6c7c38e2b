"""The TUI over a real index of the seed corpus: what it shows is what the library answers.

Expected lists come from `search.query.searcher.Searcher` on the same index, so these tests check
the TUI's part (search, filter, sort, open, highlight, build) and not the parser's.
"""

from __future__ import annotations

from pathlib import Path

from search.models import Filters, IndexPhase
from search.query import Searcher
from tests.tui.helpers import open_first_hit, settle, shown, type_text
from tui.app import make_app
from tui.screens.article import ArticleScreen
from tui.screens.facet_values import FacetValuesScreen, ValueList
from tui.widgets.chips import Chip
from tui.widgets.facet_sidebar import FacetList
from tui.widgets.index_progress import IndexProgress
from tui.widgets.results_list import ResultItem, ResultsList
from tui.widgets.results_status import ResultsStatus
from tui.widgets.search_box import SearchBox


def shown_ids(app) -> list[str]:
    return [hit.id for hit in app.query_one(ResultsList).hits]


def expected_ids(index: Path, text: str = "", **kwargs) -> list[str]:
    return [h.id for h in Searcher(index).search(text, limit=20, **kwargs).hits]


async def test_no_index_builds_it_with_progress_then_searches(seed_corpus, tmp_path):
    index = tmp_path / "fresh-index"
    seen: list[tuple[IndexPhase, int, int]] = []

    def build(corpus, index_path, progress):
        from search.index import update_index

        def spy(phase: IndexPhase, done: int, total: int) -> None:
            seen.append((phase, done, total))
            progress(phase, done, total)

        return update_index(corpus, index_path, progress=spy)

    app = make_app(index, seed_corpus, build_index=build)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app, timeout=60)
        reading = [(done, total) for phase, done, total in seen if phase is IndexPhase.READING]
        assert reading and reading[-1][0] == reading[-1][1]  # every file was read
        assert seen[-1][0] is IndexPhase.SAVING  # and the build ran to its end
        assert not app.query_one(IndexProgress).display  # and its panel made way
        assert shown_ids(app) == expected_ids(index)
        assert shown_ids(app)


async def test_typing_shows_the_hits_with_highlighted_snippets(real_app, tui_index):
    async with real_app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "incontrare")
        await settle(pilot, real_app)
        assert shown_ids(real_app) == expected_ids(tui_index, "incontrare")
        status = shown(real_app.query_one(ResultsStatus))
        total = Searcher(tui_index).search("incontrare").total
        assert f"{total} article" in status and " ms" in status
        for item in list(real_app.query(ResultItem))[: real_app.query_one(ResultsList).count]:
            snippet = item.query_one(".result-snippet").visual
            marked = {snippet.plain[s.start : s.end].lower() for s in snippet.spans}
            expected = {item.hit.snippet[s:e].lower() for s, e in item.hit.highlights}
            assert marked == expected and marked  # lemma-aware: incontra, incontro…


async def test_titles_are_highlighted_as_snippets_are(real_app, tui_index):
    async with real_app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "incontrare")
        await settle(pilot, real_app)
        listing = real_app.query_one(ResultsList)
        style = listing.get_visual_style("results-list--match")
        titles = set()
        for item in list(real_app.query(ResultItem))[: listing.count]:
            title = item.query_one(".result-title").visual
            titles |= {title.plain[s.start : s.end] for s in title.spans if s.style == style}
        assert titles and all(t.lower().startswith("incontr") for t in titles)  # incontra


async def test_toggling_a_person_filters_and_the_chip_clears_it(real_app, tui_index):
    async with real_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, real_app)
        people = real_app.query_one("#facet-people", FacetList)
        person = people.values[-1]  # the least frequent: it narrows the list
        people.focus()
        await pilot.press("end", *(["up"] if people.has_more else []), "space")
        await settle(pilot, real_app)
        assert real_app.filters.people == (person,)
        assert shown_ids(real_app) == expected_ids(tui_index, filters=Filters(people=(person,)))
        assert [c.value for c in real_app.query(Chip)] == [person]
        await pilot.click(Chip)
        await settle(pilot, real_app)
        assert real_app.filters == Filters()
        assert shown_ids(real_app) == expected_ids(tui_index)


async def test_sort_toggle_reorders(real_app, tui_index):
    async with real_app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "putin")
        await settle(pilot, real_app)
        assert shown_ids(real_app) == expected_ids(tui_index, "putin")
        await pilot.press("ctrl+s", "ctrl+s")
        await settle(pilot, real_app)
        assert shown_ids(real_app) == expected_ids(tui_index, "putin", sort="oldest")


async def test_a_person_alone_is_listed_newest_first_and_says_so(real_app, tui_index):
    async with real_app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "persona:putin")
        await settle(pilot, real_app)
        results = Searcher(tui_index).search("persona:putin", limit=20)
        assert results.sort == "newest" and len(results.hits) > 1
        assert shown_ids(real_app) == [h.id for h in results.hits]
        status = shown(real_app.query_one(ResultsStatus))
        assert "newest first" in status and "relevance" not in status


async def test_article_view_marks_every_match_and_jumps_between_them(real_app, tui_index):
    async with real_app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_hit(pilot, real_app, "incontrare")
        article = Searcher(tui_index).get(shown_ids(real_app)[0])
        assert screen.article == article
        words = {screen.body[s:e].lower() for s, e in screen.matches}
        assert len(screen.matches) >= 2 and all(w.startswith("incontr") for w in words)
        await pilot.pause(0.1)
        assert screen.current == 0
        position = shown(screen.query_one("#match-position"))
        assert f"match 1 of {len(screen.matches)}" in position
        await pilot.press("n")
        assert screen.current == 1
        await pilot.press("N")
        assert screen.current == 0
        await pilot.press("N")  # wraps round to the last match
        assert screen.current == len(screen.matches) - 1
        await pilot.press("escape")
        assert not isinstance(real_app.screen, ArticleScreen)
        assert real_app.query_one(SearchBox).value == "incontrare"


async def test_bad_query_gives_a_message_and_a_lenient_reading(real_app, tui_index):
    async with real_app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, '"putin')
        await settle(pilot, real_app)
        warning = real_app.query_one("#query-warning")
        # one short sentence, whole at 80x24 (it said the problem twice, and was cut)
        assert warning.display
        assert shown(warning).strip() == "Unclosed quote at column 1; read leniently."
        lenient = Searcher(tui_index).search('"putin', limit=20, lenient=True)
        assert shown_ids(real_app) == [h.id for h in lenient.hits]


async def test_the_article_view_marks_only_what_the_search_counted(real_app, tui_index):
    """Marks come from the corpus vocabulary, as the search's do: an article found through
    one word gets no marks for look-alikes of another word in its own text."""
    searcher = Searcher(tui_index)
    counted = {w.lower() for w in searcher.vocab.expand("incontrare").words} | {"lukashenko"}
    async with real_app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "incontrare OR lukashenko")
        await pilot.press("enter")
        await settle(pilot, real_app)
        ids = shown_ids(real_app)
        assert len(ids) >= 2
        for position in range(len(ids)):
            if position:
                await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
            screen = real_app.screen
            assert isinstance(screen, ArticleScreen)
            assert screen.article.id == ids[position]
            words = {screen.body[s:e].lower() for s, e in screen.matches}
            assert words and words <= counted, words
            await pilot.press("escape")
            await pilot.pause()


async def test_more_view_finds_a_person_by_part_of_a_name_and_filters(real_app, tui_index):
    searcher = Searcher(tui_index)
    person = searcher.facet_values("people")[-1].value  # the least frequent
    part = person.split()[-1][1:4].lower()  # from inside the surname, in another case
    expected = [v.value for v in searcher.facet_values("people", contains=part)]
    async with real_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, real_app)
        real_app.query_one("#facet-people", FacetList).focus()
        await pilot.press("m")
        await settle(pilot, real_app)
        listing = real_app.screen.query_one(ValueList)
        assert len(listing.values) == len(searcher.facet_values("people"))
        await type_text(pilot, part)
        assert [v.value for v in listing.values] == expected
        await pilot.press(*["down"] * expected.index(person), "enter")
        await settle(pilot, real_app)
        assert not isinstance(real_app.screen, FacetValuesScreen)
        assert real_app.filters.people == (person,)
        assert shown_ids(real_app) == expected_ids(tui_index, filters=Filters(people=(person,)))


async def test_a_title_clause_marks_the_title_not_the_body(real_app, tui_index):
    """`titolo:` counts only title words: the article view marks none in the body."""
    async with real_app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_hit(pilot, real_app, "titolo:putin")
        assert screen.title_matches
        assert "putin" in screen.body.lower()  # the body names him: it could be marked
        assert screen.matches == []
