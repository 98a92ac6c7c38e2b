"""Imported once by the forkserver that starts the indexer's workers (search.index.run).

Every worker then forks with the parser, the people extractor and simplemma's
dictionaries already in memory instead of loading them itself, which profiling showed
to be a large share of a build's CPU (docs/performance.md).
"""

from __future__ import annotations

import gc

from search import parse
from search.analyze import simplemma_module

_SAMPLE = (
    " date 2025-12 Il presidente Vladimir Putin incontra i ministri a Mosca\n\n"
    "I colloqui sono stati rinviati, ha detto il portavoce Dmitry Peskov all’agenzia Tass.\n"
)

try:
    parse.parse_text(parse.decode_bytes(_SAMPLE.encode()), "warm", "warm")
    # The extractor asks whether a capitalized word is an Italian word, and whether it is
    # English (`Center`, `Studies`). The sample need not reach either question, and
    # without these calls every worker would load both tables again on its first articles.
    simplemma_module().is_known("casa", lang="it")
    simplemma_module().is_known("the", lang="en")
except Exception:  # warming is only an optimization; a real failure shows in the workers
    pass
# What is loaded now lives as long as the workers: out of the cyclic GC's sight, its
# collections stop walking it, and its pages stay shared with the forkserver.
gc.freeze()
