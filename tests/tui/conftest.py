"""Fixtures for the TUI tests: a real index of the seed corpus, and apps over it or a fake."""

from __future__ import annotations

import asyncio
import inspect
import shutil
from pathlib import Path

import pytest

from tests.tui.fakes import FakeSearcher
from tui.app import CercaApp, make_app

REPO = Path(__file__).resolve().parents[2]


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (Pilot needs one; no plugin required)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{n: pyfuncitem.funcargs[n] for n in names}))
    return True


@pytest.fixture(scope="session", autouse=True)
def italian_dictionary() -> None:
    """Load simplemma's Italian data once per session (seconds), not inside a test's wait."""
    from search.query.highlight import Highlighter

    Highlighter.from_query("incontrare").spans("incontra")


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the bundled corpus (tests never touch the repository's files)."""
    corpus = tmp_path_factory.mktemp("tui") / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    return corpus


@pytest.fixture(scope="session")
def tui_index(seed_corpus: Path) -> Path:
    """The seed corpus indexed once by the real indexer."""
    from search.index import update_index

    index = seed_corpus.parent / "index"
    update_index(seed_corpus, index)
    return index


@pytest.fixture
def real_app(tui_index: Path, seed_corpus: Path) -> CercaApp:
    return make_app(tui_index, seed_corpus)


@pytest.fixture
def fake() -> FakeSearcher:
    return FakeSearcher()


@pytest.fixture
def fake_app(fake: FakeSearcher, tmp_path: Path) -> CercaApp:
    return make_app(tmp_path / "index", tmp_path / "corpus", open_searcher=lambda _: fake)
