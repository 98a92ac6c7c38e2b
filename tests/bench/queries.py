"""The fixed query set of the benchmark (SPEC §8): 36 Italian queries.

Words are chosen from the generated corpus (`make_corpus.py` builds it from DICE, real
crime news of the Gazzetta di Modena, plus fixed tag, section and author lists); the
counts in the comments are occurrences in a 2,000-file sample of a 10k corpus. `droni`
does not occur at all: a query with no hits is part of any real workload. Every query
runs with facets on and top-10 snippets.
"""

from __future__ import annotations

QUERIES: tuple[tuple[str, str], ...] = (
    # single words
    ("word", "carabinieri"),  # 3,782: one of the most frequent content words
    ("word", "furto"),  # 4,754
    ("word", "tribunale"),  # 3,223 (also in every footer: "al tribunale di Roma")
    ("word", "cocaina"),  # 396
    ("word", "ambulanza"),  # 97
    ("word", "perché"),  # accent folding
    # inflected forms: lemma lookups, and the holes of simplemma
    ("inflected", "incontrato"),  # 39
    ("inflected", "droni"),  # 0: simplemma leaves it alone
    ("inflected", "arrestati"),  # 276
    ("inflected", "rubata"),
    ("inflected", "denunciati"),
    ("inflected", "aggredito"),  # 101
    ("inflected", "condannato"),  # 157
    # two words (AND)
    ("two words", "furto auto"),
    ("two words", "spaccio cocaina"),
    ("two words", "rapina negozio"),
    ("two words", "polizia municipale"),
    # phrases and operators
    ("phrase", '"vigili del fuoco"'),
    ("phrase", '"arresti domiciliari"'),
    ("phrase", '"incidente stradale"'),
    ("operator", "furto OR rapina"),
    ("operator", "carabinieri -polizia"),
    ("operator", "rapin*"),
    # fields
    ("field", "persona:putin"),
    ("field", "persona:lavrov"),
    ("field", 'persona:"Giorgia Meloni"'),
    ("field", "tag:Carabinieri"),
    ("field", 'tag:"Guerra in Ucraina"'),
    ("field", "sezione:Cronaca"),
    ("field", "sezione:Sport"),  # includes Sport/Calcio
    ("field", "titolo:modena"),
    ("field", 'autore:"Marco Viscomi"'),
    # dates, alone and with words
    ("date", "data:2025-12"),
    ("date", "furto data:2024-01-01..2024-06-30"),
    ("date", "carabinieri data:>=2026-01-01"),
    ("mixed", "sezione:Esteri persona:putin data:2025"),
)

# A few queries for the whole-process figure (`cerca query` including startup).
CLI_QUERIES: tuple[str, ...] = ("carabinieri", "arrestati", "tag:Carabinieri furto")

# Keystrokes for the TUI figure: typed one by one, each one a new search.
TUI_TEXT = "carabinieri arresto"
