"""Snapshots of the TUI on the seed corpus (pytest-textual-snapshot).

Clock readings (search time) are hidden and the cursor does not blink, so every run draws
the same picture. After an intended change of the look, or of what the parser extracts
from the seeds: `pytest tests/tui/test_snapshots.py --snapshot-update`, then look at the
SVGs before committing them.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.tui.helpers import settle, type_text
from tui.app import make_app
from tui.widgets.facet_sidebar import FacetList
from tui.widgets.results_status import ResultsStatus
from tui.widgets.search_box import SearchBox


def prepare(query: str, *keys: str):
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        app.query_one(ResultsStatus).show_timing = False
        app.query_one(SearchBox).cursor_blink = False
        await settle(pilot, app)
        await type_text(pilot, query)
        await settle(pilot, app)
        for key in keys:
            await pilot.press(key)
            await settle(pilot, app)
        if app.focused is not None and hasattr(app.focused, "cursor_blink"):
            app.focused.cursor_blink = False
        await pilot.pause()

    return run_before


class TestMainScreen:
    def test_putin_80x24(self, snap_compare, tui_index, seed_corpus):
        app = make_app(tui_index, seed_corpus)
        assert snap_compare(app, terminal_size=(80, 24), run_before=prepare("putin"))

    def test_putin_120x40(self, snap_compare, tui_index, seed_corpus):
        app = make_app(tui_index, seed_corpus)
        assert snap_compare(app, terminal_size=(120, 40), run_before=prepare("putin"))

    def test_no_results_80x24(self, snap_compare, tui_index, seed_corpus):
        app = make_app(tui_index, seed_corpus)
        assert snap_compare(app, terminal_size=(80, 24), run_before=prepare("zzzqqq"))


class TestArticleScreen:
    def test_article_with_matches_80x24(self, snap_compare, tui_index, seed_corpus):
        app = make_app(tui_index, seed_corpus)
        run_before = prepare("incontrare", "enter", "enter", "n")
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_article_120x40(self, snap_compare, tui_index, seed_corpus):
        app = make_app(tui_index, seed_corpus)
        run_before = prepare("incontrare", "enter", "enter")
        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


class TestHelpScreen:
    def test_help_80x24(self, snap_compare, tui_index, seed_corpus):
        app = make_app(tui_index, seed_corpus)
        assert snap_compare(app, terminal_size=(80, 24), run_before=prepare("", "f1"))


def facet_values(facet: str, typed: str):
    """The "more" view of `facet` over every article, `typed` in its filter box."""

    async def run_before(pilot: Pilot) -> None:
        await prepare("")(pilot)
        pilot.app.show_facet_values(facet)
        await settle(pilot, pilot.app)
        await type_text(pilot, typed)
        await settle(pilot, pilot.app)
        pilot.app.focused.cursor_blink = False
        await pilot.pause()

    return run_before


class TestFacetValuesScreen:
    def test_people_filtered_80x24(self, snap_compare, tui_index, seed_corpus):
        app = make_app(tui_index, seed_corpus)
        run_before = facet_values("people", "ser")
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_people_120x40(self, snap_compare, tui_index, seed_corpus):
        app = make_app(tui_index, seed_corpus)
        assert snap_compare(app, terminal_size=(120, 40), run_before=facet_values("people", ""))


class TestPeopleCorrection:
    def test_not_a_person_confirmation_80x24(
        self, snap_compare, tui_index, seed_corpus, monkeypatch: pytest.MonkeyPatch
    ):
        monkeypatch.delenv("CERCA_CONFIG", raising=False)  # the dialog names ./cerca.toml
        app = make_app(tui_index, seed_corpus)

        async def run_before(pilot: Pilot) -> None:
            await prepare("")(pilot)
            people = app.query_one("#facet-people", FacetList)
            people.focus()
            await pilot.pause()
            people.highlighted = people.values.index("Dmitry Peskov")
            await pilot.press("i")  # the dialog only asks: nothing is written
            await settle(pilot, app)

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


class TestSavedSearches:
    @pytest.fixture
    def followed(self, tui_index, tmp_path, monkeypatch: pytest.MonkeyPatch):
        """A copy of the index whose last run brought one seed in again, and three saved
        searches: two looked at before that run, one never."""
        import shutil

        from search.follow import write_marks
        from search.index import history

        index = tmp_path / "index"
        shutil.copytree(tui_index, index)
        write_marks(index, {"lavrov": history.latest(index), "meloni": history.latest(index)})
        history.write_run(index, "updated", ["002_c011ba515ee5af6f"], [])
        config = tmp_path / "cerca.toml"
        config.write_text(
            '[saved.lavrov]\nquery = "lavrov"\nsection = ["Esteri"]\n\n'
            '[saved.meloni]\nquery = "meloni"\nsince = "2025"\n\n'
            '[saved.putin]\nquery = "putin"\n',
            encoding="utf-8",
        )
        monkeypatch.setenv("CERCA_CONFIG", str(config))
        return index

    def test_list_80x24(self, snap_compare, followed, seed_corpus):
        app = make_app(followed, seed_corpus)
        assert snap_compare(app, terminal_size=(80, 24), run_before=prepare("", "ctrl+o"))

    def test_new_hit_marked_80x24(self, snap_compare, followed, seed_corpus):
        app = make_app(followed, seed_corpus)
        run_before = prepare("", "ctrl+o", "enter")
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_save_dialog_80x24(self, snap_compare, followed, seed_corpus):
        app = make_app(followed, seed_corpus)
        assert snap_compare(app, terminal_size=(80, 24), run_before=prepare("putin", "ctrl+n"))
