"""Default locations (SPEC §2): ./corpus and ./index, overridden by CERCA_CORPUS / CERCA_INDEX."""

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
