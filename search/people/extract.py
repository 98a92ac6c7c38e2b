"""Find the persons one article mentions.

Rules, in order:

1. Candidates are maximal runs of capitalized words, with name particles
   (``von der``, ``da``, ``al-``) and initials (``W.``) inside. Elided articles are
   split off (``dell'Ucraina`` -> ``Ucraina``). Only capitalized words are looked
   at, which keeps a 400-word article well under a millisecond.
2. Leading titles (``Presidente``), function words and sentence-initial ordinary
   words (``Secondo``) are trimmed. A run holding a place, agency, month, holiday or
   organisation word keeps only a part that starts with a first name
   (``Repubblica Giorgio Napolitano`` -> ``Giorgio Napolitano``).
3. Two or more words starting with a known first name are a person. Other candidates
   are persons after a role cue (``il portavoce Peskov``, ``il ministro degli Esteri
   russo, Sergei Lavrov``), when foreign-looking inside a sentence (``Xi Jinping``,
   ``Renzi``, ``Noemi``), or when they repeat the surname of a person already found
   in the article (document-level propagation).
4. Each person is reported once, in the fullest form the article gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from search.analyze import simplemma_module

from .names import (
    CUE_FILLERS,
    FIRST_NAMES,
    FUNCTION_WORDS,
    NAME_PARTICLES,
    NAMED_AFTER,
    NEVER_NAMES,
    NOT_FIRST_NAMES,
    ORG_WORDS,
    SURNAME_PLACES,
    TITLES,
)
from .variants import token_key

simplemma = simplemma_module()  # with cerca's dictionary cache installed (search.analyze)

_UPPER = "".join(re.escape(c) for c in map(chr, range(0x3000)) if c.isupper())
# A capitalized word not glued to a letter before it; apostrophes and hyphens inside
# ("D'Alema", "Jean-Claude"); "dell'Ucraina" matches at "Ucraina".
_CAP_WORD = re.compile(rf"(?<!\w)[{_UPPER}]\w*(?:['’-]\w+)*")
# Elided articles and prepositions whose capitalized form starts a sentence
# (``L'attacco``, ``Dell'Ucraina``); ``D'`` and ``O'`` also start surnames, so they stay.
_ELISIONS = frozenset("l dell nell all dall sull coll un quest quell c s n m t v tutt bell".split())
_ROMAN = frozenset("II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split())
# After these signs a capital letter says nothing about names.
_SENTENCE_START = frozenset('.!?\n:;"“”«»‘(–—-…|•')
_PREPOSITIONS = frozenset(
    "di del dello della dei degli delle da dal dalla dai dagli in nel nella per su sul "
    "sulla a al alla ai agli dell nell dall sull all d".split()
)
_GLUED_PARTICLES = frozenset("al el ad as ash at az ar an".split())  # "Bashar al-Assad"
_NEVER_ALONE = NEVER_NAMES | ORG_WORDS | TITLES | FUNCTION_WORDS
_CUE_WINDOW = 6
# Measured on KIND Wikinews: a lone capitalized word after "a"/"in" is a place 4 to 1.
_PLACE_PREPOSITIONS = frozenset("a ad in nel nella verso".split())
_COMPOUND_HEADS = frozenset("pier gian gianni anna maria mari rosa carlo luigi franco".split())
_QUOTES = "\"“”«»‘’'()[].;:!?"
_ABBREV = frozenset({"jr", "sr"})


class _Tok:
    __slots__ = ("text", "low", "initial", "start")

    def __init__(self, text: str, start: int, initial: bool = False) -> None:
        self.text = text
        self.low = text.lower()
        self.start = start
        self.initial = initial


def _starts_sentence(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\xa0":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_START


def _split_elision(word: str, start: int) -> tuple[str, int]:
    """``L'Ucraina`` -> ``Ucraina``; ``L'attacco`` -> ``""``; ``D'Alema`` stays."""
    for i, c in enumerate(word):
        if c in "'’":
            if word[:i].lower() in _ELISIONS:
                tail = word[i + 1 :]
                return (tail, start + i + 1) if tail[:1].isupper() else ("", start)
            break
    return word, start


def _particles(gap: str) -> bool:
    """``" von der "``, ``" da "``: name particles between two capitalized words."""
    parts = gap.split()
    return 0 < len(parts) <= 2 and all(p in NAME_PARTICLES for p in parts)


def _runs(text: str) -> list[list[_Tok]]:
    """Maximal runs of capitalized words, each word a ``_Tok``."""
    runs: list[list[_Tok]] = []
    run: list[_Tok] = []
    prev_end = -1
    for m in _CAP_WORD.finditer(text):
        start, end = m.span()
        word = m.group(0)
        if "'" in word or "’" in word:
            initial = _starts_sentence(text, start)
            word, start = _split_elision(word, start)
            if not word:
                prev_end = -1
                continue
        else:
            initial = None  # computed only when the word starts a run
        if "_" in word or word[0].isdigit():
            prev_end = -1  # "Iuliia_Leonteva": a handle, not a name
            continue
        acronym = len(word) > 1 and word.isupper()
        if len(word) == 1 and text[end : end + 1] == ".":
            word += "."  # initial: "George W. Bush"
            end += 1
        elif word.lower() in _ABBREV and text[end : end + 1] == ".":
            word += "."
            end += 1
        gap = text[prev_end:start] if run and prev_end >= 0 else None
        joined = False
        if gap is not None and not acronym or (gap is not None and word in _ROMAN):
            if gap == " ":
                joined = True
            elif gap[:1] == " " and gap[-1:] == " " and _particles(gap):
                run.append(_Tok(" ".join(gap.split()), prev_end + 1))
                joined = True
            elif gap[:1] == " " and gap[-1:] == "-" and gap[1:-1].lower() in _GLUED_PARTICLES:
                word = gap[1:] + word
                start = prev_end + 1
                joined = True
        if joined:
            run.append(_Tok(word, start))
        else:
            if run:
                runs.append(run)
            run = []
            if not acronym:
                if initial is None:
                    initial = _starts_sentence(text, start)
                run = [_Tok(word, start, initial)]
        prev_end = end if run else -1
    if run:
        runs.append(run)
    return runs


@lru_cache(maxsize=131072)
def _known_word(low: str) -> bool:
    return simplemma.is_known(low, lang="it")


@lru_cache(maxsize=131072)
def _english(low: str) -> bool:
    # English titles of films, songs, firms and acts ("Black Lives Matter", "Open Fiber")
    return simplemma.is_known(low, lang="en")


def _has_cue(text: str, start: int) -> bool:
    """A role word (``ministro``, ``portavoce``) shortly before ``start``."""
    before = text[max(0, start - 100) : start].split()[-_CUE_WINDOW:]
    if not before or before[-1].rstrip("'’").lower() in _PREPOSITIONS:
        return False  # "il ministro degli Esteri": a portfolio, not a name
    for word in reversed(before):
        core = word.rstrip(",").strip(_QUOTES)
        if core != word.rstrip(",") or not core:
            return False  # a quote or a sign between the cue and the name
        low = core.lower()
        if low in TITLES:
            return True
        if not (low in CUE_FILLERS or low in NAME_PARTICLES or core[0].isupper()):
            return False
        if core[-1] in _SENTENCE_START:
            return False
    return False


def _named_after(text: str, start: int) -> bool:
    """``via Olof Palme``, ``all'aeroporto Leonardo da Vinci``: a place, not a person."""
    before = text[max(0, start - 30) : start].split()
    if not before:
        return False
    word = before[-1].lower()
    for apostrophe in "'’":
        word = word.rpartition(apostrophe)[2] or word
    return word in NAMED_AFTER


def _is_first(t: _Tok) -> bool:
    low = t.low
    if "-" in low:  # "Jean-Claude", "Anne-Marie"
        return all(p in FIRST_NAMES for p in low.split("-"))
    if low in FIRST_NAMES:
        return low not in NOT_FIRST_NAMES
    return len(low) >= 7 and _compound_first(low)


def _compound_first(low: str) -> bool:
    """Italian compound first names: ``Pierferdinando``, ``Gianmarco``, ``Mariangela``."""
    for i in range(3, len(low) - 2):
        head, tail = low[:i], low[i:]
        if head in _COMPOUND_HEADS and (tail in FIRST_NAMES or low[i - 1 :] in FIRST_NAMES):
            return True
    return False


def _bad(t: _Tok) -> bool:
    # function words inside a run are surname prefixes ("Di Maio", "Dalla", "La Russa")
    low = t.low
    if "-" in low:  # "Friuli-Venezia Giulia", "Emilia-Romagna"
        return any(p in NEVER_NAMES or p in ORG_WORDS for p in low.split("-"))
    return low in NEVER_NAMES or low in ORG_WORDS or low in TITLES


def _clean(text: str, run: list[_Tok]) -> list[tuple[list[_Tok], bool]]:
    """Split a run into name candidates ``(words, after_title)``.

    Leading titles, function words and sentence-initial ordinary words are trimmed.
    A run holding an organisation, place or calendar word keeps only the parts that
    start with a first name (``Repubblica Giorgio Napolitano`` -> ``Giorgio
    Napolitano``); so does a run whose head is not a first name (``Al-Qaeda Osama bin
    Laden`` -> ``Osama bin Laden``).
    """
    if len(run) == 1 and run[0].low in _NEVER_ALONE:
        return []  # the common case: "Russia", "Il", "Cremlino"
    cue = False
    i = 0
    while i < len(run):
        t = run[i]
        if t.low in TITLES:
            cue = True
        elif not (
            t.low in FUNCTION_WORDS
            or t.low in NAME_PARTICLES
            or (t.initial and not _is_first(t) and _known_word(t.low))
        ):
            break
        i += 1
    words = run[i:]
    while len(words) > 1 and words[-1].low in FUNCTION_WORDS and words[-1].text not in _ROMAN:
        words = words[:-1]  # "Alfonso Scibona Oltre settecento": a glued sentence start
    if not words:
        return []
    whole = not any(_bad(t) for t in words)
    if (
        not whole
        and len(words) == 2
        and _is_first(words[0])
        and words[1].low in SURNAME_PLACES
        and not _bad(words[0])
    ):
        whole = True  # "Giuliano Ferrara", "Michael Bloomberg": a surname that is a place
    if whole and (len(words) == 1 or _is_first(words[0])):
        if words[-1].low in NAME_PARTICLES or _named_after(text, words[0].start):
            return []
        return [(words, cue)]
    out = []
    segment: list[_Tok] = []
    after: _Tok | None = None  # the word before the segment
    for t in [*words, None]:
        if t is not None and not _bad(t):
            segment.append(t)
            continue
        if after is not None and after.low in NAMED_AFTER:
            segment = []  # "Policlinico Agostino Gemelli": a place named after someone
            after = t
            continue
        # keep the part of the segment from its first first name on
        k = next((i for i, w in enumerate(segment) if _is_first(w)), None)
        if k is not None and len(segment) - k >= 2:
            name = segment[k:]
            while name[-1].low in NAME_PARTICLES:
                name.pop()
            if len(name) >= 2:
                out.append((name, cue and whole and k == 0))
        elif whole and len(words) >= 2:
            out.append((words, cue))  # no first name anywhere: "Xi Jinping", cue decides
        segment = []
        after = t
    return out


def _render(words: list[_Tok]) -> str:
    return " ".join(t.text for t in words)


def _unknown_pair(words: list[_Tok]) -> bool:
    """Two to four capitalized words inside a sentence, none an Italian word nor a
    place or organisation: read as a foreign name (``Usain Bolt``, ``Xi Jinping``)."""
    return (
        2 <= len(words) <= 4
        and not words[0].initial
        and all(
            len(t.text) > 1 and t.text[-1] != "." and not _known_word(t.low) and not _english(t.low)
            for t in words
        )
    )


# Endings far more common in surnames than in places or firms (Italian plural-form
# surnames, Slavic patronymic and adjectival forms, Turkish -oğlu).
_SURNAME_END = re.compile(
    r"(?:oni|ini|nzi|etti|elli|ov|ova|ev|eva|enko|sky|ski|skij|vich|vić|ić|uk|yuk|chuk|oglu|oğlu)$"
)


def _after_place_preposition(text: str, start: int) -> bool:
    """``a Cittanova``, ``in Serramazzoni``: the word is where, not who."""
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in _PLACE_PREPOSITIONS


def _lone_surname(words: list[_Tok]) -> bool:
    """One capitalized word, no Italian or English word, with a surname ending
    (``Renzi``, ``Ivanov``, ``Tymoshenko``), even at the start of a sentence.

    Measured on KIND Wikinews: a verb of saying after the word (``X ha detto``) is
    right only two times in three, so it is not used."""
    if len(words) != 1:
        return False
    w = words[0]
    if len(w.text) < 3 or _known_word(w.low) or _english(w.low):
        return False
    return bool(_SURNAME_END.search(w.low))


def _lone_first(words: list[_Tok]) -> bool:
    """A first name alone inside a sentence (``Noemi``, ``Peter``): a person named
    familiarly, unless a full name in the article starts with it.

    Rejecting English words too ("Sandy", "Max") trades more recall than precision
    on KIND Wikinews, so it is not done."""
    w = words[0]
    return len(words) == 1 and not w.initial and _is_first(w) and not _known_word(w.low)


def _full_name(words: list[_Tok]) -> bool:
    return len(words) >= 2 and _is_first(words[0])


class _Person:
    __slots__ = ("name", "first", "last", "tokens")

    def __init__(self, name: str) -> None:
        self.name = name
        parts = name.split()
        self.tokens = len(parts)
        self.first = token_key(parts[0])
        self.last = token_key(parts[-1])


def _merge(found: list[str]) -> list[str]:
    """One entry per person, fullest form, first-seen order."""
    people: list[_Person] = []
    for name in found:
        p = _Person(name)
        for i, q in enumerate(people):
            if q.last != p.last:
                continue
            if p.tokens == 1 or q.tokens == 1 or q.first == p.first:
                if p.tokens > q.tokens:
                    people[i] = p
                break
        else:
            people.append(p)
    return [p.name for p in people]


def extract_people(
    title: str, subtitle: str | None, body: str, tags: Sequence[str] = ()
) -> list[str]:
    """Persons mentioned in one article, fullest form seen in it, in first-seen order.

    Args:
        title: the headline.
        subtitle: the standfirst, if any.
        body: the clean body (no captions, credits or related posts).
        tags: the article's tags; those that are person names count as mentions.

    Returns:
        One display name per person, e.g. ``["Vladimir Putin", "Dmitry Peskov"]``.
    """
    text = "\n".join(t for t in (title, subtitle or "", body) if t)
    full: list[str] = []
    single: list[tuple[str, list[_Tok], bool]] = []  # resolved once full names are known
    for run in _runs(text):
        for words, titled in _clean(text, run):
            name = _render(words)
            if _full_name(words):
                full.append(name)
            else:
                single.append((name, words, titled))
    for tag in tags:
        if is_person_name(tag):
            full.append(" ".join(tag.split()))
    known_last = {token_key(n.split()[-1]) for n in full}
    known_first = {token_key(n.split()[0]) for n in full}
    found = list(full)
    for name, words, titled in single:
        key = token_key(words[-1].text)
        if key in known_last:
            found.append(name)  # "Putin" after "Vladimir Putin"
        elif key in known_first:
            continue  # "Anna" after "Anna Rossi"
        elif titled or _has_cue(text, words[0].start):
            found.append(name)
        elif (
            _unknown_pair(words) or _lone_surname(words) or _lone_first(words)
        ) and not _after_place_preposition(text, words[0].start):
            found.append(name)
    return _merge(found)


def is_person_name(text: str) -> bool:
    """Whether ``text`` alone reads as a person's name (``Volodymyr Zelensky``)."""
    text = " ".join(text.split())
    runs = _runs(text)
    if len(runs) != 1 or _render(runs[0]) != text:
        return False
    runs[0][0].initial = False
    cleaned = _clean(text, runs[0])
    return len(cleaned) == 1 and len(cleaned[0][0]) == len(runs[0]) and _full_name(cleaned[0][0])
