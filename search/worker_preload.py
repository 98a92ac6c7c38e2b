"""Imported once by the forkserver that starts the indexer's workers (search.index).

Every worker then forks with the parser, the people extractor and simplemma's
dictionaries (the extractor asks simplemma whether a capitalized word is an Italian word)
already in memory, instead of importing and loading them itself: a py-spy profile of a
10k build showed the workers' dictionary loads alone at 13% of all CPU time.
"""

from __future__ import annotations

from search import parse
from search.analyze import simplemma_module

_SAMPLE = (
    " date 2025-12 Il presidente Vladimir Putin incontra i ministri a Mosca\n\n"
    "I colloqui sono stati rinviati, ha detto il portavoce Dmitry Peskov all’agenzia Tass.\n"
)

try:
    parse.parse_text(parse.decode_bytes(_SAMPLE.encode()), "warm", "warm")
    # the extractor also asks whether a word is English (`Center`, `Studies`): without
    # this, every worker loaded that table on its first article (0.4 s each)
    simplemma_module().is_known("the", lang="en")
except Exception:  # warming is only an optimization; a real failure shows in the workers
    pass
