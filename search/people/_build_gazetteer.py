"""Regenerate ``data/first_names.txt`` from gender-guesser's name dictionary.

Development tool, not imported at run time (the generated list ships in the package)::

    pip install gender-guesser==0.4.0
    python -m search.people._build_gazetteer

Source: ``gender_guesser/data/nam_dict.txt`` (Jörg Michael's ``gender`` dictionary,
GNU FDL), ~45,000 first names with a 1-13 popularity figure for each of 55 countries.
We keep a name when it reaches ``MIN_FREQ`` in at least one country: rarer entries are
mostly archaic spellings that collide with ordinary words and places more often than
they name anyone in the news.
"""

from __future__ import annotations

import unicodedata
from importlib import resources
from pathlib import Path

MIN_FREQ = 2  # "rare" (1) entries are mostly archaic spellings
FIRST_COL, LAST_COL = 30, 85  # the frequency columns, one per country
OUT = Path(__file__).with_name("data") / "first_names.txt"


def names_from(text: str) -> set[str]:
    names: set[str] = set()
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        name = line[3:29].strip()
        freqs = [
            int(c, 16) for c in line[FIRST_COL:LAST_COL] if c.strip() and c in "0123456789ABCDEF"
        ]
        if not name or not freqs or max(freqs) < MIN_FREQ:
            continue
        # "Jean-Pierre" / "Anna Maria": each part is a first name of its own
        for part in name.replace("-", " ").split():
            if len(part) > 1 and part[0].isupper():
                names.add(unicodedata.normalize("NFC", part))
    return names


def main() -> None:
    src = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    names = names_from(src.read_text(encoding="utf-8"))
    OUT.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} first names -> {OUT}")


if __name__ == "__main__":
    main()
