"""Spelling-independent keys for names, so transliteration variants compare equal.

Italian, English and German news transliterate the same Cyrillic name differently
(Serghei/Sergei/Sergej/Sergey, Zelensky/Zelenskyy/Zelenskij, Lukashenko/Lukašenko).
``name_key`` maps all of them to one key with a few general rewrite rules, none of
which mentions a particular name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Ordered rewrites on the accent-folded lowercase form. Each pair is a family of
# transliteration choices for one Cyrillic letter or ending.
_REWRITES = (
    (re.compile(r"shch|sch|tsch"), "sc"),  # щ: Khrushchev / Chruschtschow
    (re.compile(r"tch|tsch|ch"), "c"),  # ч: Tchaikovsky / Chaikovsky / Čajkovskij
    (re.compile(r"sh|sz"), "s"),  # ш: Lukashenko / Lukašenko (š folds to s)
    (re.compile(r"zh"), "z"),  # ж: Zhukov / Žukov
    (re.compile(r"kh"), "h"),  # х: Kharkiv / Charkiv handled by ch above
    (re.compile(r"gh(?=[eiy])"), "g"),  # Italian "gh" keeps g hard: Serghei / Sergei
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),  # Wladimir / Vladimir
    (re.compile(r"[jy]"), "i"),  # й/ы/ий: Sergej / Sergey / Sergei, Yuri / Jurij
    (re.compile(r"ks"), "x"),  # Aleksei / Alexei
    (re.compile(r"enka$"), "enko"),  # Belarusian -enka / Russian -enko
    (re.compile(r"(.)\1+"), r"\1"),  # Zelenskyy / Zelenskii / Zelenski
    (re.compile(r"[^a-z]"), ""),  # hyphens, apostrophes
)


def fold(text: str) -> str:
    """Lowercase without accents: ``Lukašenko`` -> ``lukasenko``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """Key of one name token; equal for transliteration variants."""
    key = fold(token)
    for pattern, repl in _REWRITES:
        key = pattern.sub(repl, key)
    return key


# The Ukrainian and Belarusian forms of East Slavic first names, with the Russian form
# of the same name: news writes one person both ways (Volodymyr / Vladimir Zelensky).
# Spelling rules cannot bridge them (Ukrainian full vowels "olo", "o" for "e", h for g),
# so the pairs are listed; each is a first name, never a particular person.
_SLAVIC_FIRST_NAMES = (
    ("volodymyr", "vladimir"),
    ("oleksandr", "alexander"),
    ("aleksandr", "alexander"),
    ("oleksiy", "aleksei"),
    ("oleksii", "aleksei"),
    ("mykola", "nikolai"),
    ("mykhailo", "mikhail"),
    ("mykhaylo", "mikhail"),
    ("andriy", "andrei"),
    ("andrii", "andrei"),
    ("serhiy", "sergei"),
    ("serhii", "sergei"),
    ("dmytro", "dmitri"),
    ("yuriy", "yuri"),
    ("petro", "pyotr"),
    ("pavlo", "pavel"),
    ("ihor", "igor"),
    ("oleh", "oleg"),
    ("olha", "olga"),
    ("hennadiy", "gennadi"),
    ("heorhiy", "georgi"),
    ("vasyl", "vasili"),
    ("yevhen", "evgeni"),
    ("kostiantyn", "konstantin"),
    ("anatoliy", "anatoli"),
    ("vitaliy", "vitali"),
    ("valeriy", "valeri"),
    ("bohdan", "bogdan"),
    ("tetiana", "tatiana"),
    ("iryna", "irina"),
    ("yuliia", "yulia"),
)
_FIRST_NAME_KEYS: dict[str, str] = {}


def _first_key(token: str) -> str:
    """Key of a first name: ``token_key``, the Russian form's for a Ukrainian form."""
    key = token_key(token)
    if not _FIRST_NAME_KEYS:
        for ukrainian, russian in _SLAVIC_FIRST_NAMES:
            _FIRST_NAME_KEYS[token_key(ukrainian)] = token_key(russian)
    return _FIRST_NAME_KEYS.get(key, key)


# Capitalized prepositions that open an Italian surname ("Di Pietro", "De Gasperi",
# "Della Valle", "Dalla Chiesa"); lowercase in a text they are prepositions.
SURNAME_PREFIXES = frozenset("de di del della dalla".split())


@lru_cache(maxsize=262144)
def name_key(name: str) -> tuple[str, ...]:
    """Key of a whole name, one entry per token (cached: an indexer asks for the names of
    every article, far fewer distinct ones, again and again). The first word of a name
    of two or more words is a first name: its Ukrainian and Russian forms key alike."""
    words = name.split()
    if len(words) >= 2 and words[-2].lower() in SURNAME_PREFIXES:
        # "Di Maio" is one surname: "Luigi Di Maio" keys as ("luigi", "dimaio"), so
        # "Di Maio" alone is his surname and "Giorgio" no part of "Giuseppe Di Giorgio"
        words[-2:] = [words[-2] + words[-1]]
    keys = [k for k in map(token_key, words) if k]
    if len(keys) >= 2:
        first = words[0]
        if token_key(first) == keys[0]:
            keys[0] = _first_key(first)
    return tuple(keys)
