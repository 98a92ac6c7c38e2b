"""Regenerate ``data/first_names.txt`` and ``data/first_names_rare.txt`` from
gender-guesser's name dictionary.

Development tool, not imported at run time (the generated lists ship in the package)::

    pip install gender-guesser==0.4.0
    python -m search.people._build_gazetteer

Source: ``gender_guesser/data/nam_dict.txt`` (Jörg Michael's ``gender`` dictionary,
GNU FDL), ~45,000 first names with a 1-13 popularity figure for each of 55 countries.
We keep a name when it reaches ``MIN_FREQ`` in at least one country: rarer entries are
mostly archaic spellings that collide with ordinary words and places more often than
they name anyone in the news. The rarer entries that are no Italian or English word,
no Italian place and no word of the extractor's lists go to the second file: first
names that may open a full name ("Woody Allen"-like) but never stand alone.
"""

from __future__ import annotations

import unicodedata
from importlib import resources
from pathlib import Path

MIN_FREQ = 2  # "rare" (1) entries are mostly archaic spellings
RARE_MIN_LENGTH = 4  # shorter rare entries are mostly abbreviations and numerals ("Tre")
FIRST_COL, LAST_COL = 30, 85  # the frequency columns, one per country
DATA = Path(__file__).with_name("data")
OUT = DATA / "first_names.txt"
OUT_RARE = DATA / "first_names_rare.txt"


def names_from(text: str, min_freq: int = MIN_FREQ) -> set[str]:
    names: set[str] = set()
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        name = line[3:29].strip()
        freqs = [
            int(c, 16) for c in line[FIRST_COL:LAST_COL] if c.strip() and c in "0123456789ABCDEF"
        ]
        if not name or not freqs or max(freqs) < min_freq:
            continue
        # "Jean-Pierre" / "Anna Maria": each part is a first name of its own
        for part in name.replace("-", " ").split():
            if len(part) > 1 and part[0].isupper():
                names.add(unicodedata.normalize("NFC", part))
    return names


def rare_names(text: str, common: set[str]) -> set[str]:
    """The names rated below ``MIN_FREQ`` everywhere that no word list of the extractor
    or the dictionaries claims: lowercase, as ``names.RARE_FIRST_NAMES`` reads them."""
    from search.analyze import simplemma_module

    from . import names as lists

    simplemma = simplemma_module()
    taken = (
        {n.lower() for n in common}
        | lists.FIRST_NAMES
        | lists.ITALIAN_PLACES
        | lists.NEVER_NAMES
        | lists.ORG_WORDS
        | lists.TITLES
        | lists.FUNCTION_WORDS
        | lists.NAME_PARTICLES
    )
    return {
        low
        for low in (n.lower() for n in names_from(text, 1))
        if len(low) >= RARE_MIN_LENGTH
        and "+" not in low  # "Jun+Wei": the source's mark for "Jun-Wei", "Jun Wei", "Junwei"
        and low not in taken
        and not simplemma.is_known(low, lang="it")
        and not simplemma.is_known(low, lang="en")
    }


def main() -> None:
    src = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    text = src.read_text(encoding="utf-8")
    names = names_from(text)
    OUT.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} first names -> {OUT}")
    rare = rare_names(text, names)
    OUT_RARE.write_text("\n".join(sorted(rare)) + "\n", encoding="utf-8")
    print(f"{len(rare)} rare first names -> {OUT_RARE}")


if __name__ == "__main__":
    main()
