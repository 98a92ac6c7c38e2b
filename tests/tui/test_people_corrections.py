"""People corrections from the TUI (issue 18): `i` (not a person) and `a` (merge into…)
on the people list write the user's file, update a real index and show the result.

Each test works on its own copy of the seed index (a correction rewrites documents), with
CERCA_CONFIG pointing at a file in tmp_path.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest
from textual.widgets import Label

from search.config import load_corrections
from search.index.lock import LOCK_NAME
from search.models import Filters
from search.query import Searcher
from tests.tui.helpers import footer_keys, settle, type_text
from tui.app import CercaApp, make_app
from tui.screens.people import ConfirmScreen, PersonPickerScreen
from tui.widgets.facet_sidebar import FacetList


@pytest.fixture
def index(tui_index: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(tui_index, copy)
    return copy


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cerca.toml"
    monkeypatch.setenv("CERCA_CONFIG", str(path))
    return path


@pytest.fixture
def app(index: Path, seed_corpus: Path, config: Path) -> CercaApp:
    return make_app(index, seed_corpus)


def people_counts(app: CercaApp) -> dict[str, int]:
    assert app.results is not None
    return {v.value: v.count for v in app.results.facets["people"]}


async def highlight_person(pilot, app: CercaApp, name: str) -> FacetList:
    people = app.query_one("#facet-people", FacetList)
    people.focus()
    await pilot.pause()
    people.highlighted = people.values.index(name)
    await pilot.pause()
    return people


async def test_the_people_list_shows_the_two_keys_and_the_others_do_not(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await highlight_person(pilot, app, "Dmitry Peskov")
        assert {"i Not a person", "a Merge into…"} <= set(footer_keys(app))
        app.query_one("#facet-section", FacetList).focus()
        await pilot.pause()
        keys = footer_keys(app)
        assert not any("Not a person" in k or "Merge" in k for k in keys)


async def test_not_a_person_writes_the_file_and_drops_the_value(app, config):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        assert "Dmitry Peskov" in people_counts(app)
        await highlight_person(pilot, app, "Dmitry Peskov")
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Dmitry Peskov is not a person?" in app.screen.question
        await pilot.press("enter")
        await settle(pilot, app)
        assert "Dmitry Peskov" not in people_counts(app)
        people = app.query_one("#facet-people", FacetList)
        assert "Dmitry Peskov" not in people.values
        assert people.current is not None  # the next row is highlighted: the keys still work
        assert load_corrections(config).ignore == ("Dmitry Peskov",)
        headline = app.query_one("#index-headline", Label).visual  # the panel the update used
        assert "Updating the index" in str(headline)
        messages = [n.message for n in app._notifications]
        assert any("Dmitry Peskov is no longer a person: 2 articles updated" in m for m in messages)


async def test_merge_into_another_person_sums_the_articles(app, index, config):
    both = Searcher(index).search("", filters=Filters(people=("Steve Witkoff", "Donald Trump")))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await highlight_person(pilot, app, "Steve Witkoff")
        await pilot.press("a")
        await settle(pilot, app)
        picker = app.screen
        assert isinstance(picker, PersonPickerScreen)
        await type_text(pilot, "trump")
        await settle(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Merge Steve Witkoff into Donald Trump?"
        await pilot.press("enter")
        await settle(pilot, app)
        counts = people_counts(app)
        assert "Steve Witkoff" not in counts
        assert counts["Donald Trump"] == both.total
        assert dict(load_corrections(config).alias) == {"Steve Witkoff": "Donald Trump"}


@pytest.mark.parametrize(
    "keys, dialog",
    [(("i",), ConfirmScreen), (("a",), PersonPickerScreen), (("a", "enter"), ConfirmScreen)],
)
async def test_escape_cancels_and_changes_nothing(app, config, keys, dialog):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        before = people_counts(app)
        await highlight_person(pilot, app, "Dmitry Peskov")
        for key in keys:
            await pilot.press(key)
            await settle(pilot, app)
        assert isinstance(app.screen, dialog)
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is app.main  # every dialog closed
        assert people_counts(app) == before
        assert not config.exists()


async def test_a_broken_file_gives_a_notice_and_changes_nothing(app, config):
    config.write_text('[people]\nignore = ["Hera"\n', encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        before = people_counts(app)
        await highlight_person(pilot, app, "Dmitry Peskov")
        await pilot.press("i", "enter")
        await settle(pilot, app)
        assert people_counts(app) == before
        assert config.read_text(encoding="utf-8") == '[people]\nignore = ["Hera"\n'
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "\n" not in errors[0]
        assert errors[0].startswith(f"Nothing changed: {config}, line ")


async def test_a_busy_index_keeps_the_decision_and_says_so(app, index, config):
    fd = os.open(index / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another indexer at work
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, app)
            before = people_counts(app)
            await highlight_person(pilot, app, "Dmitry Peskov")
            await pilot.press("i", "enter")
            await settle(pilot, app)
            assert people_counts(app) == before  # the index was not touched
            assert load_corrections(config).ignore == ("Dmitry Peskov",)
            errors = [n.message for n in app._notifications if n.severity == "error"]
            assert len(errors) == 1 and "index is busy" in errors[0]
    finally:
        os.close(fd)
