"""Find the persons one article mentions.

Rules, in order:

1. Tokenize; split elisions (``dell'Ucraina`` -> ``dell'`` + ``Ucraina``).
2. Candidates are maximal runs of capitalized words, with name particles
   (``von der``, ``da``) and initials (``W.``) inside.
3. Leading titles (``Presidente``) and sentence-initial ordinary words (``Secondo``)
   are trimmed; a run holding a place, agency, month, holiday or organisation word is
   dropped whole.
4. A run of two or more words whose first word is a known first name is a person.
   Other runs are persons only after a role cue (``il portavoce Peskov``,
   ``il ministro degli Esteri russo, Sergei Lavrov``) or when they repeat the surname
   of a person already found in the article (document-level propagation).
5. Each person is reported once, in the fullest form the article gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import simplemma

from .names import (
    CUE_FILLERS,
    FIRST_NAMES,
    FUNCTION_WORDS,
    NAME_PARTICLES,
    NEVER_NAMES,
    NOT_FIRST_NAMES,
    ORG_WORDS,
    TITLES,
)
from .variants import token_key

_TOKEN = re.compile(
    r"[^\W\d_]+(?:[-'’][^\W\d_]+)*[’']?"  # words, with inner hyphens and apostrophes
    r"|\d[\d.,:]*"  # numbers
    r"|\n"
    r"|[^\w\s]"  # any other single sign
)
_APOSTROPHES = "'’"
# Elided articles and prepositions whose capitalized form starts a sentence
# (``L'attacco``, ``Dell'Ucraina``); ``D'`` and ``O'`` also start surnames, so they stay.
_ELISIONS = frozenset(
    "l dell nell all dall sull coll un quest quell c s n m t v tutt sant bell".split()
)
_ROMAN = frozenset("II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split())
# After these signs a capital letter says nothing about names.
_SENTENCE_START = frozenset('.!?\n:;"“”«»‘(–—-…|•')
_CUE_SKIP = frozenset(",")
_PREPOSITIONS = frozenset(
    "di del dello della dei degli delle da dal dalla dai dagli in nel nella per su sul "
    "sulla a al alla ai agli".split()
)
_CUE_WINDOW = 6
_ABBREV = frozenset("abcdefghijklmnopqrstuvwxyz") | {"jr", "sr"}


class _Tok:
    __slots__ = ("text", "low", "cap", "initial", "is_word")

    def __init__(self, text: str, initial: bool) -> None:
        self.text = text
        self.low = text.lower()
        self.is_word = text[0].isalpha()
        self.cap = self.is_word and text[0].isupper()
        self.initial = initial


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    initial = True
    for m in _TOKEN.finditer(text):
        t = m.group(0)
        if t[0].isalpha() and any(a in t for a in _APOSTROPHES):
            head, _, tail = re.split(r"(['’])", t, maxsplit=1)
            if tail and (head.islower() or head.lower() in _ELISIONS):
                out.append(_Tok(head + "'", initial))
                initial = False
                t = tail
            elif not tail:
                t = head  # trailing apostrophe is a closing quote
        if not t:
            continue
        tok = _Tok(t, initial)
        if t == "." and out and len(out[-1].text) == 1 and out[-1].cap:
            out.append(tok)  # the dot of an initial ("George W. Bush") ends no sentence
            initial = False
            continue
        out.append(tok)
        initial = (not tok.is_word and t in _SENTENCE_START) or (initial and not tok.is_word)
    return out


def _is_acronym(t: _Tok) -> bool:
    return len(t.text) > 1 and t.text.isupper()


def _name_word(t: _Tok) -> bool:
    return t.cap and not _is_acronym(t)


def _runs(toks: list[_Tok]) -> list[tuple[int, int]]:
    """Spans [start, end) of capitalized name-like runs."""
    runs = []
    i, n = 0, len(toks)
    while i < n:
        if not _name_word(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = toks[j]
            if _name_word(t) and not t.initial:
                j += 1
            elif t.low in NAME_PARTICLES and j + 1 < n and _name_word(toks[j + 1]):
                j += 2
            elif t.text == "." and len(toks[j - 1].text) == 1 and toks[j - 1].cap:
                j += 1  # initial: "George W. Bush"
            elif t.text in _ROMAN:
                j += 1
            else:
                break
        end = j
        while end > i and not toks[end - 1].is_word and toks[end - 2].low not in _ABBREV:
            end -= 1  # keep the dot of a final initial ("Carlo O.", "Eubank Jr.")
        runs.append((i, end))
        i = j
    return runs


def _known_word(low: str) -> bool:
    return simplemma.is_known(low, lang="it")


def _english(low: str) -> bool:
    # English titles of films, songs, firms and acts ("Black Lives Matter", "Open Fiber")
    return simplemma.is_known(low, lang="en")


def _has_cue(toks: list[_Tok], start: int) -> bool:
    """A role word (``ministro``, ``portavoce``) shortly before ``start``."""
    k = start - 1
    if k >= 0 and toks[k].low in _PREPOSITIONS:
        return False  # "il ministro degli Esteri": a portfolio, not a name
    seen = 0
    while k >= 0 and seen < _CUE_WINDOW:
        t = toks[k]
        if t.low in TITLES:
            return True
        if not (t.low in CUE_FILLERS or t.text in _CUE_SKIP or t.cap or t.low in NAME_PARTICLES):
            return False
        k -= 1
        seen += 1
    return False


def _is_first(t: _Tok) -> bool:
    low = t.low
    if "-" in low:  # "Jean-Claude", "Anne-Marie"
        return all(p in FIRST_NAMES for p in low.split("-"))
    return low in FIRST_NAMES and low not in NOT_FIRST_NAMES


def _bad(t: _Tok) -> bool:
    # function words inside a run are surname prefixes ("Di Maio", "Dalla", "La Russa")
    low = t.low
    return low in NEVER_NAMES or low in ORG_WORDS or low in TITLES


def _clean(toks: list[_Tok], start: int, end: int) -> list[tuple[list[_Tok], bool]]:
    """Split a run into name candidates ``(words, has_cue)``.

    Leading titles, function words and sentence-initial ordinary words are trimmed.
    A run holding an organisation, place or calendar word keeps only the parts that
    start with a first name (``Repubblica Giorgio Napolitano`` -> ``Giorgio
    Napolitano``); so does a run whose head is not a first name (``Al-Qaeda Osama bin
    Laden`` -> ``Osama bin Laden``).
    """
    cue = False
    while start < end:
        t = toks[start]
        if t.low in TITLES:
            cue = True
        elif not (
            t.low in FUNCTION_WORDS
            or t.low in NAME_PARTICLES
            or (t.initial and not _is_first(t) and _known_word(t.low))
        ):
            break
        start += 1
    words = [t for i, t in enumerate(toks[start:end], start) if t.is_word or toks[i - 1].cap]
    if not words:
        return []
    cue = cue or _has_cue(toks, start)
    if not any(_bad(t) for t in words) and (len(words) == 1 or _is_first(words[0])):
        return [(words, cue)] if words[-1].low not in NAME_PARTICLES else []
    out = []
    whole = not any(_bad(t) for t in words)
    segment: list[_Tok] = []
    for t in [*words, None]:
        if t is not None and not _bad(t):
            segment.append(t)
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
    return out


def _render(words: list[_Tok]) -> str:
    out = []
    for t in words:
        if t.text == "." and out:
            out[-1] += "."
        else:
            out.append(t.text)
    return " ".join(out)


def _unknown_pair(words: list[_Tok]) -> bool:
    """Two to four capitalized words inside a sentence, none an Italian word nor a
    place or organisation: read as a foreign name (``Usain Bolt``, ``Xi Jinping``)."""
    return (
        2 <= len(words) <= 4
        and not words[0].initial
        and all(
            t.is_word and len(t.text) > 1 and not _known_word(t.low) and not _english(t.low)
            for t in words
        )
    )


# Endings far more common in surnames than in places or firms (Italian plural-form
# surnames, Slavic patronymic and adjectival forms, Turkish -oğlu).
_SURNAME_END = re.compile(
    r"(?:oni|ini|nzi|etti|elli|ov|ova|ev|eva|enko|sky|ski|skij|vich|vić|ić|uk|yuk|chuk|oglu|oğlu)$"
)


def _lone_surname(words: list[_Tok]) -> bool:
    """One capitalized word inside a sentence that is no Italian or English word and
    has a surname ending (``Renzi``, ``Ivanov``, ``Tymoshenko``).

    Measured on KIND Wikinews: a verb of saying after the word (``X ha detto``) is
    right only two times in three, so it is not used."""
    if len(words) != 1:
        return False
    w = words[0]
    if w.initial or len(w.text) < 3 or _known_word(w.low) or _english(w.low):
        return False
    return bool(_SURNAME_END.search(w.low))


def _lone_first(words: list[_Tok]) -> bool:
    """A first name alone inside a sentence (``Noemi``, ``Peter``): a person named
    familiarly, unless a full name in the article starts with it."""
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
    toks = _tokens(text)
    full: list[str] = []
    single: list[tuple[str, bool]] = []  # (name, has cue), resolved after the full names
    for start, end in _runs(toks):
        for words, cue in _clean(toks, start, end):
            name = _render(words)
            if _full_name(words):
                full.append(name)
            else:
                single.append(
                    (
                        name,
                        cue or _unknown_pair(words) or _lone_surname(words) or _lone_first(words),
                    )
                )
    for tag in tags:
        if is_person_name(tag):
            full.append(tag.strip())
    known_last = {token_key(n.split()[-1]) for n in full}
    known_first = {token_key(n.split()[0]) for n in full}
    found = list(full)
    for name, cue in single:
        key = token_key(name.split()[-1])
        if key in known_last or (cue and key not in known_first):
            found.append(name)
    return _merge(found)


def is_person_name(text: str) -> bool:
    """Whether ``text`` alone reads as a person's name (``Volodymyr Zelensky``)."""
    toks = _tokens(text.strip())
    if not toks or any(not (t.is_word or t.text == ".") for t in toks):
        return False
    for t in toks:
        t.initial = False
    runs = _runs(toks)
    if len(runs) != 1 or runs[0] != (0, len(toks)):
        return False
    cleaned = _clean(toks, 0, len(toks))
    return len(cleaned) == 1 and len(cleaned[0][0]) == len(toks) and _full_name(cleaned[0][0])
