"""The reading side of an index folder: pointer files, opening the current generation,
its version token and its corpus vocabulary. Apart from the writer (`run`) so readers
never import the parser, the people extractor or the indexer.
"""

from __future__ import annotations

import re
from pathlib import Path

import tantivy

from search.errors import CercaError, IndexCorruptError, IndexMissingError
from search.index import schema
from search.index.manifest import REBUILD_HINT, Manifest
from search.index.vocabulary import Vocabulary, is_current

CURRENT, BUILDING, PREVIOUS = "CURRENT", "BUILDING", "PREVIOUS"
GEN_RE = re.compile(r"gen-(\d{6})")


def read_pointer(index_path: Path, name: str) -> str | None:
    """The generation a pointer file names, None when absent; IndexCorruptError if garbled."""
    try:
        value = (index_path / name).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise IndexCorruptError(f"index is damaged ({name}: {e}): {REBUILD_HINT}") from None
    if not GEN_RE.fullmatch(value):
        raise IndexCorruptError(f"index is damaged ({name} is garbled): {REBUILD_HINT}")
    return value


def current_dir(index_path: Path) -> Path:
    if not index_path.is_dir():
        raise IndexMissingError(f"no index at {index_path}: run `cerca index` to build it")
    gen = read_pointer(index_path, CURRENT)
    if gen is None:
        if (index_path / "meta.json").exists():
            raise IndexCorruptError(f"index at {index_path} has an older layout: {REBUILD_HINT}")
        raise IndexMissingError(f"no index at {index_path}: run `cerca index` to build it")
    gen_dir = index_path / gen
    if not gen_dir.is_dir():
        raise IndexCorruptError(f"index is damaged ({gen} is missing): {REBUILD_HINT}")
    return gen_dir


def open_tantivy(gen_dir: Path) -> tantivy.Index:
    try:
        index = tantivy.Index.open(str(gen_dir))
    except Exception as e:  # tantivy reports every failure as a bare ValueError/OSError
        raise IndexCorruptError(f"index is damaged ({e}): {REBUILD_HINT}") from None
    schema.register_tokenizers(index)
    return index


# -- reading -----------------------------------------------------------------------------


def open_index(index_path: Path) -> tuple[tantivy.Index, Manifest]:
    """Open the current generation for searching.

    Raises:
        IndexMissingError: nothing built yet (the message says to run `cerca index`).
        IndexCorruptError: damaged, or built by another schema version (the message says
            to run `cerca index --rebuild`).
    """
    index_path = Path(index_path)
    gen_dir = current_dir(index_path)
    manifest = Manifest.read(gen_dir)
    index = open_tantivy(gen_dir)
    check_readable(index)
    return index, manifest


def check_readable(index: tantivy.Index) -> None:
    """Open every segment and read a document, so truncated or missing files show up now."""
    try:
        searcher = index.searcher()
        result = searcher.search(tantivy.Query.all_query(), 1)
        for _score, address in result.hits:
            searcher.doc(address)
    except Exception as e:  # tantivy reports damage as bare ValueError/OSError
        raise IndexCorruptError(f"index is damaged ({e}): {REBUILD_HINT}") from None


def index_version(index_path: Path) -> tuple[str, int]:
    """Cheap token that changes whenever a reader should reopen (new commit or new generation)."""
    try:
        gen = read_pointer(Path(index_path), CURRENT) or ""
        return gen, (Path(index_path) / gen / "cerca.json").stat().st_mtime_ns if gen else 0
    except (OSError, CercaError):
        return "", 0


# -- the corpus vocabulary ---------------------------------------------------------------


def current_vocabulary(index_path: Path) -> tuple[Vocabulary | None, bool]:
    """The saved vocabulary of the generation readers see now (None when there is none:
    the caller derives it from the index), and whether it is current (see
    `vocabulary.is_current`; when not, the caller completes it from the index)."""
    try:
        gen_dir = current_dir(Path(index_path))
    except CercaError:
        return None, False
    return Vocabulary.load(gen_dir), is_current(gen_dir)
