"""Saved searches in the TUI (issue 21): ctrl+o lists them with their new-hit counts and
enter runs one, its new hits marked, `c` compares its months with the query's; ctrl+n
saves the current search under a name.

Each test has its own corpus and index (an update adds a run to the history) and its own
user file (CERCA_CONFIG in tmp_path).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Label, OptionList

from search.follow import read_marks, write_marks
from search.index import history, update_index
from search.saved import load_saved
from tests.conftest import write_dated
from tests.tui.helpers import footer_keys, settle, shown, type_text
from tui.app import CercaApp, make_app
from tui.messages import ComparisonCounted, ComparisonFailed
from tui.screens.saved import SavedSearchesScreen, SaveSearchScreen
from tui.widgets.histogram import MonthHistogram, MonthSparkline
from tui.widgets.results_list import ResultItem, ResultsList

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO / "corpus", tmp_path / "corpus"))


@pytest.fixture
def index(corpus: Path, tmp_path: Path) -> Path:
    path = tmp_path / "index"
    update_index(corpus, path)
    return path


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cerca.toml"
    monkeypatch.setenv("CERCA_CONFIG", str(path))
    return path


async def open_list(pilot, app: CercaApp) -> None:
    """Wait for the first search, then open the saved searches (ctrl+o)."""
    await settle(pilot, app)
    await pilot.press("ctrl+o")
    await settle(pilot, app)


def option_texts(app: CercaApp) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_list_counts_new_hits_and_enter_marks_them(
    corpus: Path, index: Path, config: Path
) -> None:
    config.write_text(
        '[saved.lavrov]\nquery = "lavrov"\n\n[saved.nessuno]\nquery = "zzzqqq"\n\n'
        '[saved.rotta]\nquery = "lavrov AND"\n',
        encoding="utf-8",
    )
    write_marks(index, {"lavrov": history.latest(index), "nessuno": history.latest(index)})
    write_dated(corpus, "nuovo.txt", "Lavrov a Roma", "Sergei Lavrov arriva a Roma.", "2026-07")
    update_index(corpus, index)
    app = make_app(index, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_list(pilot, app)
        assert isinstance(app.screen, SavedSearchesScreen)
        lavrov, nessuno, rotta = option_texts(app)
        assert lavrov.startswith("lavrov  1 new")
        assert nessuno.startswith("nessuno  nothing new")
        assert rotta.startswith("rotta  cannot run")
        await pilot.press("enter")  # the first: lavrov
        await settle(pilot, app)
        assert not isinstance(app.screen, SavedSearchesScreen)
        assert app.query_one("#search", Input).value == "lavrov"
        items = [i for i in app.query(ResultItem) if i.display]
        assert len(items) == 3  # two seeds and the new one
        assert {i.hit.id for i in items if i.new} == {"nuovo"}
        new_item = next(i for i in items if i.new)
        assert shown(new_item.query_one(".result-meta", Label)).startswith("new · 2026-07")
        old = next(i for i in items if not i.new)
        assert not shown(old.query_one(".result-meta", Label)).startswith("new")
        assert read_marks(index)["lavrov"] == history.latest(index)  # seen now
        assert isinstance(app.focused, ResultsList)
        await pilot.press("slash")
        await type_text(pilot, " roma")
        await settle(pilot, app)
        assert not any(i.new for i in app.query(ResultItem) if i.display)  # another query


async def test_new_from_now_on_and_an_empty_list(index: Path, corpus: Path, config) -> None:
    app = make_app(index, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app)
        assert "No saved searches yet" in shown(app.screen.query_one("#saved-empty"))
        await pilot.press("escape")
        config.write_text('[saved.putin]\nquery = "putin"\n', encoding="utf-8")  # by hand
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        (putin,) = option_texts(app)
        assert putin.startswith("putin  new from now on")


async def test_a_broken_file_is_a_notice_not_a_crash(index: Path, corpus: Path, config) -> None:
    config.write_text("[saved.x\n", encoding="utf-8")
    app = make_app(index, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app)
        assert not isinstance(app.screen, SavedSearchesScreen)
        (notice,) = app._notifications
        assert "line 1" in notice.message and str(config) in notice.message
        assert config.read_text(encoding="utf-8") == "[saved.x\n"


async def test_ctrl_n_saves_the_search_and_its_filters(index: Path, corpus: Path, config) -> None:
    config.write_text("# nostre ricerche\n", encoding="utf-8")
    app = make_app(index, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await type_text(pilot, "putin")
        await settle(pilot, app)
        app.toggle_filter("section", "Esteri")
        await settle(pilot, app)
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        assert isinstance(app.screen, SaveSearchScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, "esteri")
        await pilot.press("enter")
        await settle(pilot, app)
        assert not isinstance(app.screen, SaveSearchScreen)
    (search,) = load_saved(config).searches
    assert (search.name, search.query, search.filters.sections) == ("esteri", "putin", ("Esteri",))
    assert config.read_text(encoding="utf-8").startswith("# nostre ricerche\n")
    assert read_marks(index) == {"esteri": history.latest(index)}


async def test_a_query_that_does_not_parse_is_not_saved(index: Path, corpus: Path, config) -> None:
    app = make_app(index, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await type_text(pilot, "putin AND")
        await settle(pilot, app)
        await pilot.press("ctrl+n", "enter")
        await settle(pilot, app)
        assert any(n.title == "Not saved" for n in app._notifications)
    assert not config.exists()


def months_of(index: Path, query: str) -> dict[str, int]:
    """What the library counts per month for `query` (the comparison must show that)."""
    from search.query import Searcher

    results = Searcher(index).search(query, limit=0)
    return {v.value: v.count for v in results.facets["month"]}


async def test_c_compares_the_months_and_c_again_stops(index: Path, corpus: Path, config) -> None:
    config.write_text(
        '[saved.lavrov]\nquery = "lavrov"\n\n[saved.putin]\nquery = "putin"\n', encoding="utf-8"
    )
    app = make_app(index, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await type_text(pilot, "trump")
        await settle(pilot, app)
        histogram = app.query_one(MonthHistogram)
        alone = list(histogram.months)
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        assert "c Compare months" in footer_keys(app)
        await pilot.press("down", "c")  # the second: putin
        await settle(pilot, app)
        assert not isinstance(app.screen, SavedSearchesScreen)
        assert app.query_one("#search", Input).value == "trump"  # the query stays
        putin = months_of(index, "putin")
        assert histogram.comparison == ("putin", putin)
        assert app.query_one("#compare-sparkline").display
        assert shown(app.query_one("#compare-label", Label)).startswith(
            f"vs putin  {sum(putin.values())}"
        )
        # one month axis for both: from the first month of either to the last
        trump = months_of(index, "trump")
        assert histogram.months[0] == min(alone[0], min(putin))
        assert histogram.months[-1] == max(alone[-1], max(putin))
        lines = app.query_one("#month-sparkline", MonthSparkline)
        other = app.query_one("#compare-sparkline", MonthSparkline)
        axis = histogram.months
        assert lines.data == [trump.get(m, 0) for m in axis]
        assert other.data == [putin.get(m, 0) for m in axis]
        assert lines.top == other.top == max(*trump.values(), *putin.values())  # one scale

        # an answer to an older count (overtaken by a newer one) is dropped
        app.post_message(ComparisonCounted(app._compare_serial - 1, {"1999-01": 9}))
        app.post_message(ComparisonFailed(app._compare_serial - 1, "putin", "old"))
        await settle(pilot, app)
        assert histogram.comparison == ("putin", putin) and not app._notifications

        # a date range filters the results, not the months (as the query's, the
        # comparison keeps every month, to pick others from)
        await pilot.click("#since")
        await type_text(pilot, "2025-12")
        await settle(pilot, app)
        assert app.filters.since == "2025-12"
        assert histogram.comparison == ("putin", putin)
        assert histogram.months == axis

        # another query: the comparison stays, over the new query's months
        await pilot.press("slash")
        await type_text(pilot, "lavrov")
        await settle(pilot, app)
        lavrov = months_of(index, "lavrov")
        assert histogram.comparison == ("putin", putin)
        assert lines.data == [lavrov.get(m, 0) for m in histogram.months]
        assert other.data == [putin.get(m, 0) for m in histogram.months]

        await pilot.press("ctrl+o")
        await settle(pilot, app)
        assert "compared" in option_texts(app)[1]
        await pilot.press("down", "c")  # the same key on the same search: stop comparing
        await settle(pilot, app)
        assert histogram.comparison is None and app.comparing is None
        assert not app.query_one("#compare-sparkline").display
        assert not app.query_one("#compare-label").display


async def test_a_comparison_that_no_longer_parses_is_a_notice(
    index: Path, corpus: Path, config
) -> None:
    config.write_text('[saved.rotta]\nquery = "lavrov AND"\n', encoding="utf-8")
    app = make_app(index, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot, app)
        await pilot.press("c")
        await settle(pilot, app)
        assert app.comparing is None
        assert app.query_one(MonthHistogram).comparison is None
        assert not app.query_one("#compare-sparkline").display
        (notice,) = app._notifications
        assert notice.message.startswith("cannot compare with rotta: ")
        assert "\n" not in notice.message
        assert app.query_one(ResultsList).display  # the results stay
