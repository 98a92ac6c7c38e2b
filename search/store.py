"""The reading side of an index folder: pointer files, opening the current generation,
its version token and its corpus vocabulary.

Split from search.index so `cerca query` and the TUI open an index without importing the
parser, the people extractor and the indexer (0.08-0.19 s of every query process).
search.index re-exports every name here.
"""

from __future__ import annotations

import marshal
import re
from pathlib import Path

import tantivy

from search import schema
from search.errors import CercaError, IndexCorruptError, IndexMissingError
from search.manifest import REBUILD_HINT, Manifest

CURRENT, BUILDING, PREVIOUS = "CURRENT", "BUILDING", "PREVIOUS"
_GEN_RE = re.compile(r"gen-(\d{6})")


def _read_pointer(index_path: Path, name: str) -> str | None:
    """The generation a pointer file names, None when absent; IndexCorruptError if garbled."""
    try:
        value = (index_path / name).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise IndexCorruptError(f"index is damaged ({name}: {e}): {REBUILD_HINT}") from None
    if not _GEN_RE.fullmatch(value):
        raise IndexCorruptError(f"index is damaged ({name} is garbled): {REBUILD_HINT}")
    return value


def _current_dir(index_path: Path) -> Path:
    if not index_path.is_dir():
        raise IndexMissingError(f"no index at {index_path}: run `cerca index` to build it")
    gen = _read_pointer(index_path, CURRENT)
    if gen is None:
        if (index_path / "meta.json").exists():
            raise IndexCorruptError(f"index at {index_path} has an older layout: {REBUILD_HINT}")
        raise IndexMissingError(f"no index at {index_path}: run `cerca index` to build it")
    gen_dir = index_path / gen
    if not gen_dir.is_dir():
        raise IndexCorruptError(f"index is damaged ({gen} is missing): {REBUILD_HINT}")
    return gen_dir


def _open_tantivy(gen_dir: Path) -> tantivy.Index:
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
    gen_dir = _current_dir(index_path)
    manifest = Manifest.read(gen_dir)
    index = _open_tantivy(gen_dir)
    _check_readable(index)
    return index, manifest


def _check_readable(index: tantivy.Index) -> None:
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
        gen = _read_pointer(Path(index_path), CURRENT) or ""
        return gen, (Path(index_path) / gen / "cerca.json").stat().st_mtime_ns if gen else 0
    except (OSError, CercaError):
        return "", 0


# -- the corpus vocabulary ---------------------------------------------------------------
# Every word the indexer lemmatized, with its lemma-field term, saved beside the index so
# query processes (`cerca query`, the TUI) find the terms of query and snippet words
# without loading simplemma's table (0.3-0.8 s of a ~1 s `cerca query` process). Only a
# cache: a missing or damaged file costs speed, never results.
VOCABULARY = "terms.marshal"


# Stored as two newline-joined strings (words, terms), not a marshal dict: loading a dict
# of 70k word -> term pairs took 0.2-0.3 s in a fresh process (marshal interns every
# string), the two strings + split + dict(zip) ~0.03 s (100k index). Words and terms never
# hold a newline (letters and digits only); an older dict-format file still loads.


def vocabulary_payload(vocab: dict[str, str]) -> tuple[str, str] | dict[str, str]:
    """What `_write_vocabulary` marshals for `vocab`."""
    words, terms = "\n".join(vocab), "\n".join(vocab.values())
    if words.count("\n") != len(vocab) - 1 or terms.count("\n") != len(vocab) - 1:
        return vocab  # a newline inside an entry: keep the (slower) dict format
    return words, terms


def read_vocabulary(gen_dir: Path) -> dict[str, str]:
    try:
        with open(gen_dir / VOCABULARY, "rb") as fh:
            data = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if isinstance(data, tuple) and len(data) == 2 and all(type(x) is str for x in data):
        if not data[0]:
            return {}
        words, terms = data[0].split("\n"), data[1].split("\n")
        return dict(zip(words, terms, strict=True)) if len(words) == len(terms) else {}
    return data if isinstance(data, dict) else {}


def current_vocabulary(index_path: Path) -> dict[str, str]:
    """The vocabulary of the generation readers see now (empty when there is none)."""
    try:
        return read_vocabulary(_current_dir(Path(index_path)))
    except CercaError:
        return {}
