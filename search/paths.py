"""Default locations (SPEC §2, §9): ./corpus, ./index and ./cerca.toml, overridden by
CERCA_CORPUS, CERCA_INDEX and CERCA_CONFIG."""

from __future__ import annotations

import os
from pathlib import Path

# Which corpus files are articles (matched case-insensitively by the indexer). Here, not in
# search.parse, so that an index run with nothing to read never imports the parser.
ARTICLE_SUFFIXES = (".txt",)


def default_corpus() -> Path:
    return Path(os.environ.get("CERCA_CORPUS") or "corpus")


def default_index() -> Path:
    return Path(os.environ.get("CERCA_INDEX") or "index")


def default_config() -> Path:
    """The user's own file: corrections and saved searches (search.config)."""
    return Path(os.environ.get("CERCA_CONFIG") or "cerca.toml")
