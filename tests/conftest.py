"""Shared fixtures: a real index built once per session by the real indexer.

`seed_corpus` is a temporary copy of the five bundled seed files plus the small fixture
articles in tests/data/articles (droni, Zelenskyy/Lavrov/Peskov spelling variants, a
sports piece); `seed_index` is the index `search.index.update_index` builds from it.
Both are session-scoped and must be treated as read-only: a test that changes a corpus
or an index builds its own with `build_index` (function scope).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "corpus"
FIXTURE_ARTICLES = Path(__file__).resolve().parent / "data" / "articles"

SEED_IDS = tuple(sorted(p.stem for p in SEED_DIR.glob("*.txt")))
FIXTURE_IDS = tuple(sorted(p.stem for p in FIXTURE_ARTICLES.glob("*.txt")))


def copy_seed_corpus(dest: Path) -> Path:
    """Write the seed files and the fixture articles into `dest` (created)."""
    dest.mkdir(parents=True, exist_ok=True)
    for src in (*SEED_DIR.glob("*.txt"), *FIXTURE_ARTICLES.glob("*.txt")):
        shutil.copy2(src, dest / src.name)
    return dest


def write_dated(root: Path, rel: str, title: str, body: str, date: str = "2025-12") -> Path:
    """Write one small article in the `dated` layout (` date YYYY-MM Title`, then the body)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {date} {title}\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A read-only corpus: the five seeds plus tests/data/articles."""
    return copy_seed_corpus(tmp_path_factory.mktemp("seed") / "corpus")


@pytest.fixture(scope="session")
def seed_index(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a read-only index built from `seed_corpus` by the real indexer."""
    from search.index import update_index

    path = tmp_path_factory.mktemp("seed_index") / "index"
    update_index(seed_corpus, path)
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private, writable copy of the seed corpus."""
    return copy_seed_corpus(tmp_path / "corpus")


@pytest.fixture
def build_index(tmp_path: Path) -> Callable[..., Path]:
    """`build_index(corpus, **kw)` -> a private index path, built by update_index."""
    from search.index import update_index

    def build(corpus: Path, **kw: object) -> Path:
        path = tmp_path / "index"
        update_index(corpus, path, **kw)  # type: ignore[arg-type]
        return path

    return build
