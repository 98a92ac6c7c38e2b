"""Pilot tests of the main screen over a fake searcher: layout, keys and states.

The fake answers instantly and predictably, so these tests pin the UI's behaviour; the
same flows run on a real index of the seed corpus in test_real_index.py.
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from textual import events
from textual.widgets import Input, Label

from search.models import Filters
from tests.tui.fakes import FakeSearcher, article
from tests.tui.helpers import footer_keys, open_first_hit, settle, shown, type_text
from tui.app import CercaApp, make_app
from tui.messages import SearchCompleted, SearchRequest
from tui.screens.article import ArticleScreen, Paragraph
from tui.screens.facet_values import FacetValuesScreen, ValueList
from tui.screens.help import HelpScreen, help_text
from tui.widgets import search_box
from tui.widgets.chips import Chip, FilterChips
from tui.widgets.facet_sidebar import SHOWN, FacetList
from tui.widgets.notice import Notice
from tui.widgets.results_list import ResultItem, ResultsList
from tui.widgets.results_status import ResultsStatus
from tui.widgets.search_box import SearchBox


def ids(app: CercaApp) -> list[str]:
    """The ids of the hits the results list shows (its hidden pool of items excluded)."""
    return [hit.id for hit in app.query_one(ResultsList).hits]


def searched(fake) -> list[str]:
    """The texts the fake was asked for, in order."""
    return [text for text, _, _ in fake.calls]


async def type_fast(app: CercaApp, text: str) -> None:
    """Keys 10 ms apart, as a fast typist's, whatever the app is doing (Pilot waits for
    the app to be idle between keys, up to seconds on a loaded machine)."""
    for ch in text:
        app.post_message(events.Key(ch, ch))
        await asyncio.sleep(0.01)


async def until(condition, timeout: float = 10.0) -> None:
    """Wait for `condition()` (a timer or a thread worker brings it; generous when loaded)."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert condition()


class TestTyping:
    async def test_start_lists_every_article_newest_first(self, fake_app, fake):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            assert ids(fake_app) == ["a001", "a002", "a003"]
            assert "3 articles" in shown(fake_app.query_one(ResultsStatus))

    async def test_a_key_after_a_pause_searches_at_once(self, fake_app, fake, monkeypatch):
        # A burst window far longer than the test: only the leading edge can search.
        monkeypatch.setattr(search_box, "BURST_SECONDS", 30.0)
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            fake.calls.clear()
            await pilot.press("k")
            await until(lambda: ids(fake_app) == ["a001"])  # only Lukashenko has a k
            assert searched(fake) == ["k"]

    async def test_a_fast_burst_searches_its_first_key_and_its_final_text(
        self, fake_app, fake, monkeypatch
    ):
        # A window far above the gaps between the keys, even on a loaded machine.
        monkeypatch.setattr(search_box, "BURST_SECONDS", 1.0)
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            fake.calls.clear()
            await type_fast(fake_app, "calcio")
            assert fake_app.query_one(SearchBox).value == "calcio"
            await until(lambda: "calcio" in searched(fake))
            await settle(pilot, fake_app)
            assert searched(fake) == ["c", "calcio"]
            assert ids(fake_app) == ["a003"]
            assert "1 article" in shown(fake_app.query_one(ResultsStatus))

    async def test_keys_during_a_search_are_searched_once_it_ends(
        self, fake_app, fake, monkeypatch
    ):
        # Every key is sent at once; the app must still run one search at a time, and the
        # text the box ends with must be searched last.
        monkeypatch.setattr(search_box, "BURST_SECONDS", 0.001)
        fake.delay = 1.0  # far longer than typing the other four keys takes
        running, most = 0, 0
        lock = threading.Lock()
        search = fake.search

        def counted(*args, **kwargs):
            nonlocal running, most
            if kwargs.get("limit") == 0:  # a facet pass: it may run beside the next search
                return search(*args, **kwargs)
            with lock:
                running += 1
                most = max(most, running)
            try:
                return search(*args, **kwargs)
            finally:
                with lock:
                    running -= 1

        fake.search = counted
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            fake.calls.clear()
            await type_fast(fake_app, "putin")
            await until(lambda: searched(fake)[-1:] == ["putin"])
            await settle(pilot, fake_app)
            # "uti" came while "p" ran: not searched one by one; "putin" once "p" ended
            assert searched(fake) == ["p", "putin"]
            assert most == 1
            assert ids(fake_app) == ["a001", "a003"]
            assert "searching" not in shown(fake_app.query_one(ResultsStatus))

    async def test_stale_results_are_dropped(self, fake_app, fake):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await type_text(pilot, "calcio")
            await settle(pilot, fake_app)
            old = fake.search("putin")
            request = SearchRequest("putin", Filters(), "relevance")
            fake_app.post_message(SearchCompleted(request, old))
            await pilot.pause()
            assert ids(fake_app) == ["a003"]

    async def test_typing_stays_responsive_while_a_search_is_slow(self, fake_app, fake):
        fake.delay = 0.3
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await type_text(pilot, "putin")
            await pilot.pause(0.2)  # a search is running in its thread now
            await type_text(pilot, " minsk")
            assert fake_app.query_one(SearchBox).value == "putin minsk"
            await settle(pilot, fake_app)
            assert ids(fake_app) == ["a001"]

    async def test_fewer_hits_hide_the_rest_of_the_list(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            await type_text(pilot, "calcio")
            await settle(pilot, fake_app)
            assert ids(fake_app) == ["a003"]
            listing = fake_app.query_one(ResultsList)
            hidden = [item for item in fake_app.query(ResultItem) if not item.display]
            assert len(hidden) == 2  # kept for the next search, out of reach of the cursor
            await pilot.press("down", "end", "down")
            assert listing.index == 0
            await pilot.press("enter")
            await pilot.pause()
            assert fake_app.screen.article.id == "a003"

    async def test_enter_and_down_go_to_the_results(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await type_text(pilot, "putin")
            await pilot.press("enter")
            await settle(pilot, fake_app)
            assert isinstance(fake_app.focused, ResultsList)
            await pilot.press("slash")
            assert isinstance(fake_app.focused, SearchBox)
            await pilot.press("down")
            assert isinstance(fake_app.focused, ResultsList)


class TestQuitAndHelp:
    async def test_q_is_text_in_the_search_box(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await pilot.press("q", "question_mark")
            assert fake_app.is_running
            assert fake_app.query_one(SearchBox).value == "q?"
            assert not isinstance(fake_app.screen, HelpScreen)

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    async def test_the_footer_always_shows_how_to_quit(self, fake_app, size):
        async with fake_app.run_test(size=size) as pilot:
            await settle(pilot, fake_app)
            assert "^c Quit" in footer_keys(fake_app)  # typing in the box
            await pilot.press("down")  # the results
            await pilot.pause()
            assert "^c Quit" in footer_keys(fake_app)
            await pilot.press("enter")  # an article
            await settle(pilot, fake_app)
            assert isinstance(fake_app.screen, ArticleScreen)
            assert "^c Quit" in footer_keys(fake_app)

    async def test_a_query_given_at_start_is_not_selected(self, fake, tmp_path):
        # `cerca tui putin`: the first key adds to the query instead of replacing it.
        app = make_app(
            tmp_path / "index", tmp_path / "corpus", "putin", open_searcher=lambda _: fake
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            await pilot.press("space", "l")
            assert app.query_one(SearchBox).value == "putin l"

    async def test_slash_selects_the_query_for_a_new_one(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await type_text(pilot, "putin")
            await settle(pilot, fake_app)
            await pilot.press("down", "slash", "x")
            assert fake_app.query_one(SearchBox).value == "x"

    async def test_messages_that_arrive_during_shutdown_are_ignored(self, fake_app, fake):
        # The search box's timer and the workers can deliver a message after the app has
        # removed its widgets; handling it then must not raise (it did: NoMatches).
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            box = fake_app.query_one(SearchBox)
        assert not fake_app.is_running
        fake_app.on_search_box_query_changed(SearchBox.QueryChanged(box, "q"))
        request = SearchRequest("q", Filters(), "relevance")
        await fake_app.on_search_completed(SearchCompleted(request, fake.search("q")))

    async def test_q_quits_outside_the_box(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            await pilot.press("down", "q")
            await pilot.pause()
            assert not fake_app.is_running

    async def test_ctrl_c_quits_while_typing(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await pilot.press("a", "ctrl+c")
            await pilot.pause()
            assert not fake_app.is_running

    async def test_help_opens_with_f1_and_closes_with_escape(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f1")
            assert isinstance(fake_app.screen, HelpScreen)
            await pilot.press("escape")
            assert not isinstance(fake_app.screen, HelpScreen)
            await pilot.press("down", "question_mark")
            assert isinstance(fake_app.screen, HelpScreen)


def looks(widget) -> list:
    """How `widget` draws itself now: its lines with their styles (children aside)."""
    return list(widget.render_lines(widget.region.reset_offset))


class TestTabStops:
    async def test_every_tab_stop_shows_that_it_has_the_focus(self, fake_app):
        async with fake_app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, fake_app)
            fake_app.toggle_filter("section", "Esteri")  # a chip to tab to
            await settle(pilot, fake_app)
            for box in fake_app.query(Input):
                box.cursor_blink = False  # a blinking cursor would differ by itself
            stops = []
            await pilot.press("tab")
            while fake_app.focused is not fake_app.query_one(SearchBox) and len(stops) < 30:
                widget = fake_app.focused
                stops.append(widget)
                with_focus = looks(widget)
                await pilot.press("tab")
                await pilot.pause()
                assert looks(widget) != with_focus, f"{widget!r} shows no focus"
            names = [type(w).__name__ for w in stops]
            assert "Chip" in names and "ResultsList" in names and "FacetList" in names


class TestFacets:
    async def test_toggle_a_value_filters_and_shows_a_chip(self, fake_app, fake):
        async with fake_app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, fake_app)
            sections = fake_app.query_one("#facet-section", FacetList)
            assert sections.values == ["Esteri", "Sport/Calcio"]
            sections.focus()
            await pilot.press("down", "space")  # the cursor starts on the first value
            await settle(pilot, fake_app)
            assert fake_app.filters.sections == ("Sport/Calcio",)
            assert fake.calls[-1][1].sections == ("Sport/Calcio",)
            assert ids(fake_app) == ["a003"]
            chips = list(fake_app.query(Chip))
            assert [(c.facet, c.value) for c in chips] == [("section", "Sport/Calcio")]
            assert fake_app.query_one(FilterChips).display
            # disjunctive: the other section still shows its count, ticked value stays ticked
            sections = fake_app.query_one("#facet-section", FacetList)
            assert sections.values == ["Esteri", "Sport/Calcio"]
            assert sections.selected == ["Sport/Calcio"]

    async def test_results_show_before_their_facets_are_counted(self, fake_app, fake):
        """A slow facet count never holds the results back, and counts for text the box
        no longer holds are never shown."""
        async with fake_app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, fake_app)
            sections = fake_app.query_one("#facet-section", FacetList)
            assert sections.values == ["Esteri", "Sport/Calcio"]
            fake.facets_gate = threading.Event()
            await pilot.press("k")
            await until(lambda: ids(fake_app) == ["a001"])  # the hits, facets still counting
            assert fake.facet_calls[-1][0] == "k"
            assert sections.values == ["Esteri", "Sport/Calcio"]  # the last counts stand
            fake.facets_gate.set()
            await settle(pilot, fake_app)
            assert sections.values == ["Esteri"]  # Lukashenko's article only

    async def test_estimated_counts_are_marked_and_ctrl_t_counts_exactly(self, fake_app, fake):
        fake.sampling = True
        async with fake_app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, fake_app)
            await type_text(pilot, "k")
            await settle(pilot, fake_app)
            assert fake.estimates[-1] is True  # the sidebar's pass accepts estimates
            note = fake_app.query_one("#estimated", Label)
            assert note.display
            rows = fake_app.query_one("#facet-section", FacetList)
            assert str(rows.get_option_at_index(0).prompt).strip().startswith("~1 ")
            await pilot.press("ctrl+t")
            await settle(pilot, fake_app)
            assert fake.estimates[-1] is False and fake.facet_calls[-1][0] == "k"
            assert not note.display
            assert str(rows.get_option_at_index(0).prompt).strip().startswith("1 ")

    async def test_clicking_a_value_toggles_it(self, fake_app):
        async with fake_app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, fake_app)
            await pilot.click("#facet-section", offset=(4, 1))  # the second row: Sport/Calcio
            await settle(pilot, fake_app)
            assert fake_app.filters.sections == ("Sport/Calcio",)
            await pilot.click("#facet-section", offset=(4, 1))
            await settle(pilot, fake_app)
            assert fake_app.filters.sections == ()

    async def test_clicking_a_chip_removes_its_filter(self, fake_app):
        async with fake_app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, fake_app)
            fake_app.toggle_filter("people", "Sergei Lavrov")
            await settle(pilot, fake_app)
            assert ids(fake_app) == ["a002"]
            await pilot.click(Chip)
            await settle(pilot, fake_app)
            assert fake_app.filters == Filters()
            assert len(ids(fake_app)) == 3
            assert not fake_app.query_one(FilterChips).display

    async def test_ctrl_r_clears_every_filter_and_the_dates(self, fake_app):
        async with fake_app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, fake_app)
            fake_app.toggle_filter("tags", "Russia")
            since = fake_app.query_one("#since", Input)
            since.value = "2025-12"
            await settle(pilot, fake_app)
            assert fake_app.filters.since == "2025-12"
            assert ids(fake_app) == ["a001"]
            assert {c.facet for c in fake_app.query(Chip)} == {"tags", "since"}
            await pilot.press("ctrl+r")
            await settle(pilot, fake_app)
            assert fake_app.filters == Filters()
            assert since.value == ""
            assert len(ids(fake_app)) == 3

    async def test_no_results_suggests_removing_filters(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            fake_app.toggle_filter("section", "Sport/Calcio")
            await type_text(pilot, "lavrov")
            await settle(pilot, fake_app)
            notice = fake_app.query_one(Notice)
            assert notice.display and not fake_app.query_one(ResultsList).display
            text = shown(notice)
            assert "No articles match" in text and "section: Sport/Calcio" in text
            assert "ctrl+r" in text


class TestSortAndBadQuery:
    async def test_no_words_say_newest_first(self, fake_app):
        # Without words to rank by, the searcher lists newest first: the status says so.
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            status = shown(fake_app.query_one(ResultsStatus))
            assert "newest first" in status and "relevance" not in status
            await type_text(pilot, "putin")
            await settle(pilot, fake_app)
            assert "by relevance" in shown(fake_app.query_one(ResultsStatus))

    async def test_filters_alone_say_newest_first(self, fake_app):
        # `persona:lavrov` has no words to rank by either: the list is newest first.
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await type_text(pilot, "persona:lavrov")
            await settle(pilot, fake_app)
            assert ids(fake_app) == ["a002"]
            status = shown(fake_app.query_one(ResultsStatus))
            assert "newest first" in status and "relevance" not in status

    async def test_ctrl_s_cycles_the_sort(self, fake_app, fake):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            await pilot.press("ctrl+s")
            await settle(pilot, fake_app)
            assert fake.calls[-1][2] == "newest"
            assert "newest first" in shown(fake_app.query_one(ResultsStatus))
            await pilot.press("ctrl+s")
            await settle(pilot, fake_app)
            assert fake.calls[-1][2] == "oldest"
            assert ids(fake_app) == ["a003", "a002", "a001"]
            await pilot.press("ctrl+s")
            await settle(pilot, fake_app)
            assert fake_app.sort == "relevance"

    async def test_unreadable_query_says_so_and_shows_a_lenient_reading(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await type_text(pilot, '"calcio')
            await settle(pilot, fake_app)
            warning = fake_app.query_one("#query-warning")
            assert warning.display
            said = " ".join(shown(warning).split())
            assert said == "Unbalanced quotes or parentheses; read leniently."
            assert ids(fake_app) == ["a003"]
            await pilot.press("quotation_mark")  # balanced again: the message goes
            await settle(pilot, fake_app)
            assert not fake_app.query_one("#query-warning").display

    async def test_an_unexpected_error_becomes_a_message(self, fake_app, fake):
        def broken(*args, **kwargs):
            raise RuntimeError("disk on fire")

        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            fake.search = broken
            await type_text(pilot, "x")
            await settle(pilot, fake_app)
            assert fake_app.is_running
            assert "disk on fire" in shown(fake_app.query_one(Notice))


class TestArticle:
    async def test_enter_opens_the_article_and_escape_returns(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            screen = await open_first_hit(pilot, fake_app, "putin")
            assert screen.article.id == "a001"
            assert "Putin incontra Lukashenko a Minsk" in shown(screen.query_one("#article-title"))
            assert "Marco Viscomi" in shown(screen.query_one("#article-meta"))
            await pilot.press("escape")
            assert not isinstance(fake_app.screen, ArticleScreen)

    async def test_clicking_a_result_opens_it(self, fake_app):
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            await pilot.click(ResultItem)
            await pilot.pause()
            assert isinstance(fake_app.screen, ArticleScreen)

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    async def test_markup_and_escapes_in_an_article_are_shown_literally(self, fake_app, size):
        async with fake_app.run_test(size=size) as pilot:
            await type_text(pilot, "lavrov")
            await settle(pilot, fake_app)
            title = shown(fake_app.query_one(ResultItem).query_one(".result-title"))
            assert title.startswith("Lavrov: [bold]negoziati[/] con gli USA ␛[31m")
            await pilot.press("down", "enter")
            await pilot.pause()
            screen = fake_app.screen
            body = shown(screen.query_one(Paragraph))
            assert "[red]negoziati[/red]" in body
            assert "␛[2J" in body and "␇" in body
            assert "\x1b" not in body
            head = shown(screen.query_one("#article-title"))
            assert "[bold]negoziati[/]" in head


class TestPaging:
    async def test_reaching_the_last_result_loads_the_next_page(self, tmp_path):
        from tests.tui.fakes import FakeSearcher, article
        from tui.app import PAGE_SIZE, make_app

        many = [
            article(n, f"Articolo {n}", "testo", date=f"2025-01-{n % 28 + 1:02d}")
            for n in range(45)
        ]
        fake = FakeSearcher(many)
        app = make_app(tmp_path / "i", tmp_path / "c", open_searcher=lambda _: fake)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            assert len(ids(app)) == PAGE_SIZE
            assert "20 of 45 articles" in shown(app.query_one(ResultsStatus))
            await pilot.press("down", "end")
            await settle(pilot, app)
            assert len(ids(app)) == 2 * PAGE_SIZE
            await pilot.press("end")
            await settle(pilot, app)
            listed = ids(app)
            assert len(listed) == 45 == len(set(listed))
            assert "45 articles ·" in shown(app.query_one(ResultsStatus))


class TestIndexStates:
    async def test_a_damaged_index_says_what_to_run(self, tmp_path):
        from search.errors import IndexCorruptError
        from tui.app import make_app

        def damaged(_):
            raise IndexCorruptError("index is damaged: run `cerca index --rebuild`")

        app = make_app(tmp_path / "i", tmp_path / "c", open_searcher=damaged)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            text = shown(app.query_one(Notice))
            assert "The index cannot be opened" in text and "--rebuild" in text
            await type_text(pilot, "putin")  # typing with no index is harmless
            await settle(pilot, app)
            assert app.is_running

    async def test_an_empty_corpus_gives_an_empty_index_and_says_so(self, tmp_path):
        from tui.app import make_app

        corpus = tmp_path / "corpus"
        corpus.mkdir()
        app = make_app(tmp_path / "index", corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            text = shown(app.query_one(Notice))
            assert app.is_running
            assert "empty" in text.lower() or "cannot" in text.lower()
            assert str(corpus) in text or "cerca index" in text

    async def test_no_index_and_no_corpus_says_where_to_point(self, tmp_path):
        from tui.app import make_app

        app = make_app(tmp_path / "index", tmp_path / "nowhere")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            text = shown(app.query_one(Notice))
            assert "could not be built" in text and "--corpus" in text

    async def test_an_index_that_cannot_be_written_points_at_the_index(self, tmp_path, corpus):
        from tui.app import make_app

        (tmp_path / "index").write_text("a file where the index folder should be")
        app = make_app(tmp_path / "index", corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            text = shown(app.query_one(Notice))
            assert "could not be built" in text and "not a folder" in text
            assert "--index" in text and "--corpus" not in text  # the corpus is fine


class TestMonthHistogram:
    async def test_two_clicks_on_the_sparkline_set_a_date_range(self, fake_app, fake):
        from textual.widgets import Sparkline

        from tui.widgets.histogram import MonthHistogram

        async with fake_app.run_test(size=(120, 30)) as pilot:
            await settle(pilot, fake_app)
            histogram = fake_app.query_one(MonthHistogram)
            assert histogram.months[0] == "2024-05" and histogram.months[-1] == "2025-12"
            width = fake_app.query_one(Sparkline).content_region.width
            await pilot.click(Sparkline, offset=(width - 1, 0))  # the last month: the start
            await pilot.click(Sparkline, offset=(0, 0))  # the first: the range is put in order
            await settle(pilot, fake_app)
            assert (fake_app.filters.since, fake_app.filters.until) == ("2024-05", "2025-12")
            assert fake.calls[-1][1].since == "2024-05"
            labels = [c.value for c in fake_app.query(Chip)]
            assert labels == ["2024-05", "2025-12"]


def said_about_dates(app: CercaApp) -> str:
    """What the line under the date boxes says ("" when it is hidden, or missing)."""
    lines = [" ".join(shown(w).split()) for w in app.query("#date-problem") if w.display]
    return " ".join(lines)


class TestDateRange:
    async def dates(self, pilot, app, box: str, text: str) -> str:
        """Type `text` into the from or to box; what the line under the boxes says."""
        app.query_one(f"#{box}", Input).focus()
        await type_text(pilot, text)
        await settle(pilot, app)
        return said_about_dates(app)

    async def test_an_impossible_date_says_what_is_wrong(self, fake_app, fake):
        async with fake_app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, fake_app)
            assert (
                await self.dates(pilot, fake_app, "until", "2025-13")
                == "to: 2025-13 is not a month"
            )
            assert fake_app.filters.until == "2025"  # the last date typed stays in force
            assert "2025-13" not in [filters.until for _, filters, _ in fake.calls]
            await pilot.press("backspace", "2")  # 2025-12: a month, applied
            await settle(pilot, fake_app)
            assert said_about_dates(fake_app) == ""
            assert fake_app.filters.until == "2025-12"

    async def test_letters_stay_in_the_box_and_are_explained(self, fake_app):
        async with fake_app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, fake_app)
            said = await self.dates(pilot, fake_app, "since", "dicembre")
            assert fake_app.query_one("#since", Input).value == "dicembre"
            assert said == "from: dicembre is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"

    async def test_a_date_being_typed_is_fine_until_the_box_is_left(self, fake_app):
        async with fake_app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, fake_app)
            assert await self.dates(pilot, fake_app, "since", "2025-") == ""
            await pilot.press("tab")
            await pilot.pause()
            assert said_about_dates(fake_app).startswith("from: 2025- is not a date")

    async def test_a_range_the_wrong_way_round_says_so(self, fake_app):
        async with fake_app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, fake_app)
            await self.dates(pilot, fake_app, "since", "2026")
            said = await self.dates(pilot, fake_app, "until", "2025-12")
            assert said == "from 2026 is after to 2025-12"
            assert fake_app.filters.until != "2025-12"

    async def test_slash_in_a_date_box_goes_back_to_the_search_box(self, fake_app):
        async with fake_app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, fake_app)
            fake_app.query_one("#since", Input).focus()
            await pilot.press("2", "0", "2", "5", "slash")
            assert isinstance(fake_app.focused, SearchBox)
            assert fake_app.query_one("#since", Input).value == "2025"


class TestArticleErrors:
    async def test_an_article_that_cannot_be_read_is_a_notification(self, fake_app, fake):
        def broken(article_id):
            raise OSError("segment file gone")

        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            fake.get = broken
            await pilot.press("down", "enter")
            await settle(pilot, fake_app)
            assert fake_app.is_running
            assert not isinstance(fake_app.screen, ArticleScreen)
            assert any("segment file gone" in n.message for n in fake_app._notifications)


class TestSidebarAndReload:
    async def test_narrow_terminals_start_without_the_sidebar(self, fake_app):
        from tui.widgets.facet_sidebar import FacetSidebar

        async with fake_app.run_test(size=(60, 24)) as pilot:
            await settle(pilot, fake_app)
            sidebar = fake_app.query_one(FacetSidebar)
            assert not sidebar.display
            await pilot.press("ctrl+b")
            assert sidebar.display
            await pilot.press("ctrl+b")
            assert not sidebar.display

    async def test_ctrl_l_reloads_the_index_and_searches_again(self, fake_app, fake):
        reloads = []
        fake.reload = lambda: reloads.append(1)
        async with fake_app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, fake_app)
            before = len(fake.calls)
            await pilot.press("ctrl+l")
            await settle(pilot, fake_app)
            # every new search also reloads (cheap when nothing changed): at least ctrl+l's
            assert len(reloads) >= 1 and len(fake.calls) == before + 1


# Thirty articles: 33 people (Zelensky in 6, Zelenska in 3, José Mourinho in 1, and one
# person of its own in each), more than a sidebar list shows.
CROWD = [
    article(
        100 + i,
        f"Notizia {i}",
        "Testo della notizia.",
        date=f"2025-{i % 12 + 1:02d}-01",
        section="Esteri" if i % 2 else "Cronaca",
        people=(
            *(["Volodymyr Zelensky"] if i < 6 else []),
            *(["Olena Zelenska"] if 6 <= i < 9 else []),
            *(["José Mourinho"] if i == 9 else []),
            f"Persona {i:02d}",
        ),
    )
    for i in range(30)
]


@pytest.fixture
def crowd() -> FakeSearcher:
    return FakeSearcher(CROWD)


@pytest.fixture
def crowd_app(crowd: FakeSearcher, tmp_path) -> CercaApp:
    return CercaApp(tmp_path / "index", tmp_path / "corpus", open_searcher=lambda _: crowd)


def backgrounds(facet_list: FacetList, row: int) -> set:
    """The background colours of one row as the list draws it now."""
    return {seg.style.bgcolor for seg in facet_list.render_line(row) if seg.style}


class TestSidebarLists:
    async def test_a_list_shows_its_top_values_whole_and_a_more_row(self, crowd_app):
        async with crowd_app.run_test(size=(100, 40)) as pilot:
            await settle(pilot, crowd_app)
            people = crowd_app.query_one("#facet-people", FacetList)
            assert people.values[:2] == ["Volodymyr Zelensky", "Olena Zelenska"]
            assert len(people.values) == SHOWN and people.has_more
            # as tall as its rows: the sidebar scrolls, no list scrolls on its own
            assert people.size.height == people.option_count == SHOWN + 1
            assert people.max_scroll_y == 0
            assert shown(people).splitlines()[-1].strip() == "more…"
            sections = crowd_app.query_one("#facet-section", FacetList)
            assert sections.values == ["Cronaca", "Esteri"] and not sections.has_more
            assert sections.size.height == 2
            people.focus()
            await pilot.pause()
            assert "m" in crowd_app.screen.active_bindings  # the footer shows the key
            assert "every value" in help_text().plain

    async def test_a_mark_only_on_the_selected_values(self, fake_app):
        async with fake_app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, fake_app)
            sections = fake_app.query_one("#facet-section", FacetList)
            assert not any(mark in shown(sections) for mark in "✓X▐▌")
            fake_app.toggle_filter("section", "Esteri")
            await settle(pilot, fake_app)
            first, second = shown(sections).splitlines()
            assert first.startswith("✓") and first.endswith("Esteri")
            assert second.split() == ["1", "Sport/Calcio"]  # no box, ticked or not

    async def test_only_the_focused_list_shows_its_cursor(self, fake_app):
        async with fake_app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, fake_app)
            sections = fake_app.query_one("#facet-section", FacetList)
            people = fake_app.query_one("#facet-people", FacetList)
            people.highlighted = 0
            sections.focus()
            await pilot.press("down")
            await pilot.pause()
            assert sections.highlighted == 1
            assert backgrounds(sections, 1) != backgrounds(sections, 0)
            assert backgrounds(people, 0) == backgrounds(people, 1)  # highlighted, unfocused
            people.focus()
            await pilot.pause()
            assert backgrounds(people, 0) != backgrounds(people, 1)
            assert backgrounds(sections, 1) == backgrounds(sections, 0)


class TestFacetValues:
    async def test_m_lists_every_value_the_filter_narrows_enter_filters(self, crowd_app, crowd):
        async with crowd_app.run_test(size=(100, 40)) as pilot:
            await type_text(pilot, "notizia")
            await settle(pilot, crowd_app)
            crowd_app.toggle_filter("section", "Cronaca")
            await settle(pilot, crowd_app)
            people = crowd_app.query_one("#facet-people", FacetList)
            people.focus()
            await pilot.press("m")
            await settle(pilot, crowd_app)
            screen = crowd_app.screen
            assert isinstance(screen, FacetValuesScreen)
            # counted for the search shown: its text and its filters
            assert crowd.value_calls == [("people", "notizia", Filters(sections=("Cronaca",)))]
            listing = screen.query_one(ValueList)
            status = screen.query_one("#facet-values-status")
            assert len(listing.values) == 17  # Cronaca: 15 people of their own, 2 Zelensky
            assert "17 people" in shown(status)
            await type_text(pilot, "zel")
            assert [v.value for v in listing.values] == ["Volodymyr Zelensky", "Olena Zelenska"]
            assert "2 of 17 people match “zel”" in shown(status)
            await pilot.press("down", "enter")
            await settle(pilot, crowd_app)
            assert not isinstance(crowd_app.screen, FacetValuesScreen)
            assert crowd_app.filters.people == ("Olena Zelenska",)
            assert sorted(ids(crowd_app)) == ["a106", "a108"]  # Zelenska in Cronaca
            assert [c.value for c in crowd_app.query(Chip)] == ["Cronaca", "Olena Zelenska"]
            assert crowd_app.focused is people
            assert "Olena Zelenska" in people.selected

    async def test_tab_and_clicks_tick_several_enter_keeps_a_ticked_one(self, crowd_app):
        async with crowd_app.run_test(size=(100, 40)) as pilot:
            await settle(pilot, crowd_app)
            await pilot.click("#facet-people", offset=(8, SHOWN))  # the "more…" row
            await settle(pilot, crowd_app)
            screen = crowd_app.screen
            assert isinstance(screen, FacetValuesScreen)
            listing = screen.query_one(ValueList)
            await type_text(pilot, "xyz")
            assert not listing.values
            assert "No people match “xyz”" in shown(screen.query_one("#facet-values-status"))
            await pilot.press("enter")  # nothing to filter on: the view and its text stay
            assert crowd_app.screen is screen and crowd_app.filters.people == ()
            await pilot.press(*["backspace"] * 3)
            await type_text(pilot, "jose")  # accents and case aside
            assert [v.value for v in listing.values] == ["José Mourinho"]
            await pilot.press("tab")
            await settle(pilot, crowd_app)
            assert crowd_app.screen is screen  # ticked, still open
            assert crowd_app.filters.people == ("José Mourinho",)
            assert ids(crowd_app) == ["a109"]  # the search behind has run
            assert shown(listing).splitlines()[0].startswith("✓")
            await pilot.press(*["backspace"] * 4)
            assert len(listing.values) == 33
            assert not shown(listing).splitlines()[0].startswith("✓")  # Zelensky: not yet
            await pilot.click(ValueList, offset=(10, 0))
            await settle(pilot, crowd_app)
            assert crowd_app.filters.people == ("José Mourinho", "Volodymyr Zelensky")
            assert shown(listing).splitlines()[0].startswith("✓")
            await pilot.press("enter")  # on Zelensky, ticked: enter keeps the filter
            await settle(pilot, crowd_app)
            assert crowd_app.screen is not screen
            assert crowd_app.filters.people == ("José Mourinho", "Volodymyr Zelensky")
            people = crowd_app.query_one("#facet-people", FacetList)
            assert set(people.selected) == {"José Mourinho", "Volodymyr Zelensky"}
            crowd_app.show_facet_values("people")
            await settle(pilot, crowd_app)
            await pilot.press("tab")  # the first row, Zelensky, ticked: tab unticks it
            await pilot.press("escape")
            await settle(pilot, crowd_app)
            assert not isinstance(crowd_app.screen, FacetValuesScreen)
            assert crowd_app.filters.people == ("José Mourinho",)

    async def test_values_are_counted_in_a_worker_while_the_box_takes_keys(self, crowd_app, crowd):
        crowd.values_gate = threading.Event()
        async with crowd_app.run_test(size=(100, 40)) as pilot:
            await settle(pilot, crowd_app)
            crowd_app.show_facet_values("people")
            await pilot.pause()
            screen = crowd_app.screen
            await pilot.press("z", "e", "l")
            # the keys are in the box before the count is done
            assert screen.query_one("#facet-filter", Input).value == "zel"
            assert "Counting people" in shown(screen.query_one("#facet-values-status"))
            assert not screen.query_one(ValueList).values
            crowd.values_gate.set()
            await settle(pilot, crowd_app)
            values = screen.query_one(ValueList).values
            assert [v.value for v in values] == ["Volodymyr Zelensky", "Olena Zelenska"]
