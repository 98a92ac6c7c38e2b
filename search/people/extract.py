"""Find the persons one article mentions, by rules and word lists (no downloaded model).

Candidates are runs of capitalized words, trimmed of titles and place or organisation
words, kept as persons on evidence: a known first name, a role cue, a foreign-looking
word, or a surname already found in the article. The indexer runs this on every
article, so what depends on a word's spelling alone is cached. The rules, their
accuracy and how they stay cheap: docs/internals/people.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from operator import attrgetter, itemgetter

from search.analyze import simplemma_module

from . import contexts
from .contexts import PERSON, Evidence
from .names import (
    CABINET_NOUNS,
    CUE_FILLERS,
    EPONYM_NOUNS,
    FAMILY_NOUNS,
    FIRM_APPOSITIONS,
    FIRST_NAMES,
    FUNCTION_WORDS,
    ITALIAN_PLACES,
    KIN_NOUNS,
    NAME_PARTICLES,
    NAMED_AFTER,
    NAMED_PLURALS,
    NEVER_NAMES,
    NOT_FIRST_NAMES,
    ORG_WORDS,
    PLACE_NOUNS,
    RARE_FIRST_NAMES,
    SAINTS,
    SCORING_WORDS,
    SURNAME_PLACES,
    THING_CUES,
    THING_NOUNS,
    TITLE_ABBREVIATIONS,
    TITLES,
)
from .variants import SURNAME_PREFIXES, token_key

simplemma = simplemma_module()  # with cerca's dictionary cache installed (search.analyze)

_UPPER = "".join(re.escape(c) for c in map(chr, range(0x3000)) if c.isupper())
# A capitalized word not glued to a letter before it; apostrophes and hyphens inside
# ("D'Alema", "Jean-Claude"); "dell'Ucraina" matches at "Ucraina". The capital comes
# first and the look-behind after it (``(?<!\w.)`` = "no letter before the capital"):
# a pattern that starts with a character class lets the regex engine skip to the next
# capital in C, three times faster than testing the look-behind at every position.
# Possessive repeats: what follows a word never needs its letters back, so the engine
# keeps no places to backtrack to.
_WORD_PATTERN = rf"[{_UPPER}](?<!\w.)\w*+(?:['’-]\w+)*+"
_CAP_WORD = re.compile(_WORD_PATTERN)
# Elided articles and prepositions whose capitalized form starts a sentence
# (``L'attacco``, ``Dell'Ucraina``); ``D'`` and ``O'`` also start surnames, so they stay.
_ELISIONS = frozenset("l dell nell all dall sull coll un quest quell c s n m t v tutt bell".split())
_ARTICLE_ELISIONS = frozenset("l dell nell all dall sull coll un quest quell".split())
_ROMAN = frozenset("II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split())
# After these signs a capital letter says nothing about names.
_SENTENCE_START = frozenset('.!?\n:;"“”«»‘(–—-…|•')
_PREPOSITIONS = frozenset(
    "di del dello della dei degli delle da dal dalla dai dagli in nel nella per su sul "
    "sulla a al alla ai agli dell nell dall sull all d".split()
)
# Particles that open a surname or a name when capitalized at a run's head ("De
# Gasperi", "Van Gogh", "Ben Smith"); "Da" there is the preposition ("Da Vicenza").
_HEAD_PARTICLES = NAME_PARTICLES - NEVER_NAMES - ORG_WORDS - {"da", "de"}
# Organisation words that end a name they follow ("Oprah Winfrey Network", "Sinan
# Erdem Dome"); titles, places and Italian calendar words do not ("Napolitano
# Presidente", a byline glued to "Lunedì").
_ORG_TAILS = ORG_WORDS - TITLES - NEVER_NAMES - FUNCTION_WORDS
_GLUED_PARTICLES = frozenset("al el ad as ash at az ar an".split())  # "Bashar al-Assad"
_NEVER_ALONE = NEVER_NAMES | ORG_WORDS | TITLES | FUNCTION_WORDS
_CUE_WINDOW = 6
_AND = frozenset({" e ", " ed "})
_PLURAL_SAINTS = frozenset({"santi", "sante", "beati", "ss"})
# After "a"/"in" a lone capitalized word is far more often a place (KIND Wikinews).
_PLACE_PREPOSITIONS = frozenset("a ad in nel nella verso presso".split())
_COMPOUND_HEADS = frozenset("pier gian gianni anna maria mari rosa carlo luigi franco".split())
_COMPOUND_HEAD_LENGTHS = sorted({len(head) for head in _COMPOUND_HEADS})
_QUOTES = "\"“”«»‘’'()[].;:!?"
_ABBREV = frozenset({"jr", "sr"})
# The text between two capitalized words when it is one or two name particles
# (" von der ", " da "). Most gaps are whole clauses of lowercase words: the pattern
# gives up at their first letters, where splitting them into words would read them all.
# ``\s`` and ``str.split()`` agree on what whitespace is (both use Unicode's list).
_PARTICLE = "|".join(sorted(map(re.escape, NAME_PARTICLES), key=len, reverse=True))
_PARTICLES = rf"(?:{_PARTICLE})(?:\s+(?:{_PARTICLE}))?"
_PARTICLE_GAP = re.compile(rf"\s+{_PARTICLES}\s+")
# Capitalized words with every gap `_word_runs` might join them across: a space, after
# the dot of an initial (a one-letter word, "Jr", "Sr"), one or two particles, a glued
# "al-" (loosely: a chain may still split into several runs). A match without a space is
# one word that no other joins.
_GLUED = "|".join(sorted(_GLUED_PARTICLES, key=len, reverse=True))
# Written for the regex engine, which tries every capitalized word's end: the "." is
# tested before the look-behinds, and the particles only after a space or a letter one
# can start with (most words are followed by a lowercase word that starts none).
_INITIAL_DOT = r"\.(?:(?<!\w\w\.)|(?<=[JjSs][Rr]\.))"
_PARTICLE_FIRSTS = "".join(sorted({re.escape(p[0]) for p in NAME_PARTICLES}))
_GLUED_FIRSTS = "".join(sorted({re.escape(p[0]) for p in _GLUED_PARTICLES}))
_JOIN = (
    rf"(?:{_INITIAL_DOT})?[ ]"
    rf"(?:(?=[\s{_PARTICLE_FIRSTS}])"
    rf"(?:\s*{_PARTICLES}\s*[ ]|(?i:{_GLUED})-))?"
)
# Possessive: nothing follows the repeat, so giving words back never helps a match.
_CHAIN = re.compile(rf"{_WORD_PATTERN}(?:{_JOIN}{_WORD_PATTERN})*+")


def _is_first(low: str) -> bool:
    if "-" in low:  # "Jean-Claude", "Anne-Marie"
        return all(p in FIRST_NAMES for p in low.split("-"))
    if low in FIRST_NAMES:
        return low not in NOT_FIRST_NAMES
    return len(low) >= 7 and _compound_first(low)


def _compound_first(low: str) -> bool:
    """Italian compound first names: ``Pierferdinando``, ``Gianmarco``, ``Mariangela``.

    A head is 3 or more letters and leaves 3 or more; only the lengths heads have are
    tried, not every cut of the word."""
    for i in _COMPOUND_HEAD_LENGTHS:
        if not 3 <= i < len(low) - 2:
            continue
        head, tail = low[:i], low[i:]
        if head in _COMPOUND_HEADS and (tail in FIRST_NAMES or low[i - 1 :] in FIRST_NAMES):
            return True
    return False


def _bad(low: str) -> bool:
    # function words inside a run are surname prefixes ("Di Maio", "Dalla", "La Russa")
    if "-" in low:  # "Friuli-Venezia Giulia", "Emilia-Romagna"
        return any(p in NEVER_NAMES or p in ORG_WORDS for p in low.split("-"))
    if low.partition("'")[0] in SAINTS or low.partition("’")[0] in SAINTS:
        return True  # "San", "Sant'Anna": a saint's title, so a church or a place
    return low in NEVER_NAMES or low in ORG_WORDS or low in TITLES


_CAMEL = re.compile(r"\w[a-zà-ÿ]+[A-Z]")
_CAMEL_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|Del|La|Le|Lo|Van|Von|Fitz|O')[A-Z]")


class _Word:
    """One word of a run (or a particle group, ``von der``) and what the rules ask of it.

    Built once per distinct spelling and shared by all its occurrences (``_word``): the
    same capitalized words ("Il", "Russia", "Putin") recur in every article, so the
    lookups in the word lists are paid once, not once per token. Where a word occurs
    is kept apart, in the run's list of start offsets.
    """

    __slots__ = (
        "text",
        "low",
        "acronym",
        "dotted",
        "roman",
        "first",
        "head",
        "bad",
        "never_alone",
        "title",
        "function",
        "particle",
        "named_after",
        "camel",
    )

    def __init__(self, text: str) -> None:
        low = text.lower()
        self.text = text
        self.low = low
        self.acronym = len(text) > 1 and text.isupper()  # "NATO": never in a name
        self.dotted = len(text) == 1 or low in _ABBREV  # takes a following "." ("W.", "Jr.")
        self.roman = text in _ROMAN
        self.first = _is_first(low)
        # opens a full name: a first name, or a rare one that opens a name but is no
        # first name alone or inside a run (``RARE_FIRST_NAMES``: "Esterino Montino")
        self.head = self.first or low in RARE_FIRST_NAMES
        self.bad = _bad(low)
        self.never_alone = low in _NEVER_ALONE
        self.title = low in TITLES
        self.function = low in FUNCTION_WORDS
        self.particle = low in NAME_PARTICLES
        self.named_after = low in NAMED_AFTER
        # a capital inside the word, past a surname's prefix: a firm's or a brand's
        # ("AstraZeneca", "WideCast", "MediaGroup"), not "McCain", "DiCaprio", "LeBron"
        self.camel = _CAMEL.search(text) is not None and not _CAMEL_PREFIX.match(text)


_IS_BAD = attrgetter("bad")
_TEXT = attrgetter("text")


@lru_cache(maxsize=16384)
def _word(text: str) -> _Word:
    return _Word(text)


@lru_cache(maxsize=16384)
def _match_word(match: str) -> tuple[_Word | None, int]:
    """The word a ``_CAP_WORD`` match stands for and its offset in the match.

    ``Dell'Ucraina`` -> ``Ucraina`` at 5; ``None`` for what is no word of a name and
    ends the current run: an elided ordinary word (``L'attacco``) or a handle
    (``Iuliia_Leonteva``). Depends on the match alone, so it is cached.
    """
    word, offset = match, 0
    if "'" in word or "’" in word:
        word, offset = _split_elision(word)
        if not word:
            return None, 0
    if "_" in word or word[0].isdigit():
        return None, 0  # "Iuliia_Leonteva": a handle, not a name
    return _word(word), offset


@lru_cache(maxsize=16384)
def _lone_word(chain: str) -> tuple[_Word, int] | None:
    """``_match_word`` of a one-word chain, or ``None`` when that word makes no run by
    itself: no word, an acronym, a word that never names anyone alone (but ``E`` may
    still become the initial ``E.``, so words that take a dot are kept)."""
    word, offset = _match_word(chain)
    if word is None or word.acronym or (word.never_alone and not word.dotted):
        return None
    return word, offset


def _starts_sentence(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\xa0":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_START


def _split_elision(word: str) -> tuple[str, int]:
    """``L'Ucraina`` -> ``("Ucraina", 2)``; ``L'attacco`` -> ``("", 0)``; ``D'Alema`` stays."""
    for i, c in enumerate(word):
        if c in "'’":
            if word[:i].lower() in _ELISIONS:
                tail = word[i + 1 :]
                return (tail, i + 1) if tail[:1].isupper() else ("", 0)
            break
    return word, 0


# A run of capitalized words: the words, where each starts, and where the match of its
# head word starts (a sentence start there makes the head "initial"); ``_word_runs``
# counts from the start of the text it reads, a ``_Shape`` from its chain's start.
_Run = tuple[tuple[_Word, ...], tuple[int, ...], int]


class _Shape:
    """A run as its chain spells it: words, starts and head counted from the chain's
    start. Shared by every occurrence of the chain (``_chain_plan``), with the names its
    words hold (``candidates``), worked out once for a head inside a sentence and once
    for a head starting one."""

    __slots__ = ("words", "starts", "head", "known", "eponym", "names_in_row")

    def __init__(self, run: _Run) -> None:
        self.words, self.starts, self.head = run
        # the surname in a run opened by a capitalized eponym noun ("Governo Renzi"),
        # else "" (``_eponym_run``): it depends on the words alone
        self.eponym = _eponym_run(self.words) if self.words[0].low in EPONYM_NOUNS else ""
        # ``candidates(initial)`` once worked out, by ``initial``: ``extract_people``
        # reads it directly (one call less per occurrence; an empty tuple falls back to
        # the call)
        self.known: list[tuple[_Candidate, ...] | None] = [None, None]
        # two full names or more in a row, no comma ("Paola Ducci Lucia Roda"): once
        # the candidates are worked out
        self.names_in_row = False

    def candidates(self, initial: bool) -> tuple[_Candidate, ...]:
        """The names in the run, its head starting a sentence (``initial``) or not."""
        found = self.known[initial]
        if found is None:
            spans = _name_spans(self.words, initial)
            found = tuple(_Candidate(self, span, initial) for span in spans)
            self.known[initial] = found
            if len(found) > 1 and all(c.full for c in found):
                self.names_in_row = True
        return found


# One run in the text: its shape and where its chain starts.
_Found = tuple[_Shape, int]


def _runs(text: str) -> list[_Found]:
    """Maximal runs of capitalized words, less the lone words that never name anyone
    alone (``Il``, ``Russia``, ``Cremlino``; ``_name_spans`` finds no name in them).

    The same runs as ``_word_runs`` over the whole text, found faster. What a
    ``_CHAIN`` match holds depends on its spelling alone (and on a "." after it), so
    it is worked out once (``_chain_plan``, kept in ``_PLANS``): most chains (``Il``,
    ``Russia``) hold no run and cost one dict lookup, the others hand over their
    cached shapes.
    """
    runs: list[_Found] = []
    plans = _PLANS
    for m in _CHAIN.finditer(text):
        chain = m.group()
        try:
            plan = plans[chain]
        except KeyError:
            plan = _chain_plan(chain)
        if plan is None:
            continue
        shapes, dotted = plan
        if dotted is not shapes and text[m.end() : m.end() + 1] == ".":
            shapes = dotted
        pos = m.start()
        for shape in shapes:
            runs.append((shape, pos))
    return runs


# What a chain holds: its runs when no "." follows it, and when one does (the same
# tuple unless its last word takes the dot: "George W.").
_Plan = tuple[tuple[_Shape, ...], tuple[_Shape, ...]]
# A "." after a chain changes its runs only when its last word takes it: a word of one
# or two characters ("W.", "Jr."; ``_Word.dotted``). Such a word follows a character
# that is no ``\w`` (the look-behind of ``_WORD_PATTERN``, or the apostrophe of an
# elision), so a chain ending in three ``\w`` ends in a longer word, and its runs after
# a "." need not be worked out a second time.
_LONG_LAST_WORD = re.compile(r"\w\w\w\Z")
# The plan of every chain seen. A plain dict rather than lru_cache: ``_runs`` asks it
# for every chain, and a dict look-up is cheaper there than a cached call. Distinct
# chains stay far below the cap, which only guards against pathological input.
_PLANS: dict[str, _Plan | None] = {}
_PLANS_MAX = 200_000


def _chain_plan(chain: str) -> _Plan | None:
    """The runs of one ``_CHAIN`` match, or ``None`` when it holds none either way;
    kept in ``_PLANS``.

    Depends on the chain alone: a chain never starts after a letter, and the rules
    look past its end only for a "." that a last word may take ("W.")."""
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    plan = _PLANS[chain] = _new_plan(chain)
    return plan


def _new_plan(chain: str) -> _Plan | None:
    """``_chain_plan``, worked out."""
    plain = _chain_runs(chain, False)
    # no "." changes the runs of a chain ending in a long word: not read twice
    dotted = plain if _LONG_LAST_WORD.search(chain) else _chain_runs(chain, True)
    if not (plain or dotted):
        return None
    shapes = tuple(map(_Shape, plain))
    return shapes, shapes if dotted == plain else tuple(map(_Shape, dotted))


def _chain_runs(chain: str, dot_after: bool) -> list[_Run]:
    """The runs of ``chain``, offsets from its start; ``dot_after``: a "." follows it."""
    runs: list[_Run] = []
    if " " not in chain:  # one word, which no other joins: most chains
        lone = _lone_word(chain)
        if lone is not None:
            word, offset = lone
            if word.dotted and dot_after:
                word = _word(word.text + ".")  # initial: "W."
            if not word.never_alone:
                runs.append(((word,), (offset,), 0))
    elif (plain := _plain_chain(chain)) is not None:
        # the common case: "Vladimir Putin", plain words that make one run
        words, offsets = plain
        if words[-1].dotted and dot_after:
            words = (*words[:-1], _word(words[-1].text + "."))  # "Paolo V."
        _add_run(runs, words, offsets, 0)
    else:
        _word_runs(chain + "." if dot_after else chain, 0, len(chain), runs)
    return runs


def _word_runs(text: str, pos: int, endpos: int, runs: list[_Run]) -> None:
    """Add to ``runs`` the runs of the words in ``text[pos:endpos]``: the joining rules,
    applied word by word (what ``_runs`` must agree with)."""
    words: list[_Word] = []
    starts: list[int] = []
    head = 0
    prev_end = -1
    for m in _CAP_WORD.finditer(text, pos, endpos):
        word, offset = _match_word(m.group())
        if word is None:
            prev_end = -1
            continue
        start = m.start() + offset
        end = m.end()
        acronym = word.acronym
        if word.dotted and text[end : end + 1] == ".":
            word = _word(word.text + ".")  # initial: "George W. Bush"
            end += 1
        joined = False
        if words and prev_end >= 0 and (not acronym or word.roman):
            gap = text[prev_end:start]
            if gap == " ":
                joined = True
            elif gap[:1] == " " and gap[-1:] == " " and _PARTICLE_GAP.fullmatch(gap):
                words.append(_word(" ".join(gap.split())))
                starts.append(prev_end + 1)
                joined = True
            elif gap[:1] == " " and gap[-1:] == "-" and gap[1:-1].lower() in _GLUED_PARTICLES:
                word = _word(gap[1:] + word.text)
                start = prev_end + 1
                joined = True
        if joined:
            words.append(word)
            starts.append(start)
        else:
            _add_run(runs, words, starts, head)
            words, starts = [], []
            if not acronym:
                words, starts, head = [word], [start], m.start()
        prev_end = end if words else -1
    _add_run(runs, words, starts, head)


@lru_cache(maxsize=16384)
def _plain_chain(chain: str) -> tuple[tuple[_Word, ...], tuple[int, ...]] | None:
    """The words of a chain and their offsets when it is plain words joined by single
    spaces (``_word_runs`` would join them all into one run); ``None`` for chains with
    dots, particles, elisions, handles or acronyms, left to ``_word_runs``."""
    if "." in chain:
        return None
    words: list[_Word] = []
    offsets: list[int] = []
    offset = 0
    for part in chain.split(" "):
        if not _CAP_WORD.fullmatch(part):
            return None
        word, elided = _match_word(part)
        if word is None or elided or word.acronym:
            return None
        words.append(word)
        offsets.append(offset)
        offset += len(part) + 1
    return tuple(words), tuple(offsets)


def _add_run(runs: list[_Run], words: Sequence[_Word], starts: Sequence[int], head: int) -> None:
    if len(words) > 1 or (words and not words[0].never_alone):
        runs.append((tuple(words), tuple(starts), head))


@lru_cache(maxsize=131072)
def _known_word(low: str) -> bool:
    return simplemma.is_known(low, lang="it")


@lru_cache(maxsize=131072)
def _english(low: str) -> bool:
    # English titles of films, songs, firms and acts ("Black Lives Matter", "Open Fiber")
    return simplemma.is_known(low, lang="en")


def _has_cue(text: str, start: int) -> bool:
    """A role word (``ministro``, ``portavoce``) shortly before ``start``; the caller has
    ruled out a preposition right before it (``_PREPOSITION``: ``il ministro degli
    Esteri`` names a portfolio, not a person)."""
    # the last words of the 100 characters before (the first maybe cut); ``rsplit``
    # reads them from the end instead of splitting all 100 characters
    before = text[max(0, start - 100) : start].rsplit(None, _CUE_WINDOW)[-_CUE_WINDOW:]
    for word in reversed(before):
        verdict = _cue_verdict(word)
        if verdict is not None:
            return verdict
    return False


# A nationality or an adjective between a role and a name ("il velocista giamaicano
# Usain Bolt", "il giudice sportivo Tosel"): Italian demonyms and such adjectives end
# so; the lowercase words that end so and are neither rarely stand between a role and
# a name. Not "-ale": "l'istituto tecnico commerciale Meucci" is a school.
_DEMONYM = re.compile(r"(?:ano|ana|ese|ense|ivo|iva)$")


@lru_cache(maxsize=16384)
def _cue_verdict(word: str) -> bool | None:
    """What one word before a name says, reading back from the name: ``True`` for a
    role word, ``False`` for a word no cue reaches across, ``None`` to read on
    (``russo``, ``degli``, ``Esteri``). Depends on the word alone, so it is cached."""
    core = word.rstrip(",").strip(_QUOTES)
    if core != word.rstrip(",") or not core:
        # an abbreviated title ("Prof.", "Mr.", "dott."); else a quote or a sign
        # between the cue and the name
        return word[-1:] == "." and word[:-1].lower() in TITLE_ABBREVIATIONS
    low = core.lower()
    if low in TITLES:
        return True
    if not (
        low in CUE_FILLERS or low in NAME_PARTICLES or core[0].isupper() or _DEMONYM.search(low)
    ):
        return False
    if core[-1] in _SENTENCE_START:
        return False
    return None


# What the word right before a name says of it, one bit each (``_before_flags``):
_THING = 1  # an indefinite article or a make-and-model word: "una Alfa Romeo"; an
# article elided onto it ("dell'Ospedale"): Italian puts none before a person's name
_DI = 2  # "di": a byline when it opens a paragraph ("di Saverio Cioce")
_NAMED = 4  # a place named after someone: "via Olof Palme", "all'aeroporto Leonardo"
_SAINTS = 8  # a plural saints' title: "i santi Pietro e Paolo"
# A masculine singular article, bare or joined to a preposition: before a lone surname
# it names a place or institution called after someone ("al Cialdini", "il Ramazzini");
# Italian news puts the article before women's surnames ("la Meloni"), not men's.
_MASCULINE = 16
_PLACE = 32  # "a Cittanova", "in Serramazzoni": where, not who (KIND Wikinews)
_PREPOSITION = 64  # "il ministro degli Esteri": no role cue reaches across it
# A plural article before a lone surname: a family or a place named after one ("ai
# Torrazzi", "i Di Lauro"), not one person; only a strong cue makes it a person.
_PLURAL = 128
_PLURAL_ARTICLES = frozenset("i gli ai agli dei degli nei negli dai dagli sui sugli coi".split())
# A noun that takes a person's surname as its name ("governo Prodi", "legge Fornero",
# "clan Moccia"): the surname is a person's, unless it is an Italian word ("decreto
# Sviluppo").
_EPONYM = 256
# A cabinet's noun ("governo Letta", "giunta Muzzarelli"): the capitalized word after it
# is its head's surname even when it is an Italian word ("governo Monti").
_CABINET = 512
# A dash before a run of names that ends the paragraph, a full stop before the dash: a
# journalist's sign-off ("... in casa. — Valentina Corsini"), not a person mentioned.
_DASH = 1024
_DASHES = frozenset("—–-")
# A singular definite article, bare or joined to a preposition ("la", "della", "al",
# "the"): Italian puts none before a person's full name, so a name of two or more words
# after one is a thing's ("il Wanda Metropolitano", "la Sveriges Riksbank", "alla Lorne
# Greene Academy"), and so is a lone first name ("della Virginia", "la Yvonne", a
# ship). A plural one names a family ("i Di Lauro", "dei Marino Mckay").
_DEFINITE = 2048
# A noun of ``THING_NOUNS`` ("il partito X", "l'agenzia X"), and a lowercase word that
# may stand between such a noun, or a named-after one, and the name ("la scuola
# elementare X"): where ``_noun_before`` looks further back.
_THING_NOUN = 4096
_MODIFIER = 8192
_NOUN_LOOK = _THING_NOUN | _MODIFIER
_DEFINITE_ARTICLES = frozenset(
    ["il", "lo", "la", "the"]
    + [f"{p}{a}" for p in ("de", "a", "da", "ne", "su") for a in ("l", "llo", "lla")]
)
# A particle written lowercase: in Italian text it opens a foreign surname ("du Toit").
_LOWER_PARTICLE = 16384
_LOWER_PARTICLES = frozenset("de du van von ter dos das zu ibn".split())
# A family's noun: "i fratelli Pagot" (``FAMILY_NOUNS``), unless itself after a street
# or firm word ("via fratelli Rosselli").
_FAMILY = 65536
# A relative's noun: "il figlio Umair", a lone word after it is a first name (``KIN_NOUNS``)
_KIN = 524288
# An age written as an adjective right before a name, maybe with a comma: "il 45enne
# Brumakis", "una 90enne, Vilelma Bozzo": only persons are said so.
_AGE = 32768
# A year and a comma ("2024,"): the end of a dateline ("Il 3 marzo 2024, "), after which
# a name opening the paragraph may be a byline (``_dateline``).
_YEAR = 131072
_YEAR_COMMA = re.compile(r"\d{4},")
# A word in capitals ("L'INTERVISTA", "LE INDAGINI"): a kicker opening the paragraph
# before the byline
_CAPITALS = 262144
_OPENING = _DASH | _YEAR | _CAPITALS
_AGE_WORD = re.compile(
    r"(?:\d{1,3}|vent|trent|quarant|cinquant|sessant|settant|ottant|novant|undic|dodic"
    r"|tredic|quattordic|quindic|sedic|diciassett|diciott|diciannov)enne,?"
)
_MASCULINE_ARTICLES = frozenset("il lo al allo del dello dal dallo nel nello sul sullo col".split())
# Prepositions joined to an article: Italian puts none before a person's full name
_ARTICULATED = frozenset(
    f"{p}{a}" for p in ("de", "a", "da", "ne", "su") for a in ("l", "llo", "lla", "i", "gli", "lle")
)
# The bits of every word seen before a name: a plain dict, asked once per candidate.
_FLAGS: dict[str, int] = {}
# How far back the word before a name is looked for: a longer word is read cut.
_BEFORE_WINDOW = 30


def _before_flags(word: str) -> int:
    """The bits of ``word`` (the last one before a name, "" for none); kept in
    ``_FLAGS``. Depends on the word alone."""
    if len(_FLAGS) >= 65536:
        _FLAGS.clear()
    low = word.lower()
    flags = 0
    if low[-1:] in ("'", "’"):
        flags |= _THING * (low[:-1] in _ARTICLE_ELISIONS)
    elif low in THING_CUES or _after_elision(low) in THING_CUES:
        flags |= _THING  # "un Audi", "dell'uragano Gustav"
    if word == "di":
        flags |= _DI
    if word in _DASHES:
        flags |= _DASH
    if _names_a_place(low):
        flags |= _NAMED
    if low in _PLURAL_SAINTS:
        flags |= _SAINTS
    noun = _after_elision(low)
    if noun in EPONYM_NOUNS:
        flags |= _EPONYM  # "governo Prodi", "dell'era Pallotta"
    if word in FAMILY_NOUNS:
        flags |= _FAMILY
    elif low in KIN_NOUNS:
        flags |= _KIN
    if noun in CABINET_NOUNS:
        flags |= _CABINET
    if low in _PLURAL_ARTICLES:
        flags |= _PLURAL
    if low in _MASCULINE_ARTICLES:
        flags |= _MASCULINE
    if low in _DEFINITE_ARTICLES:
        flags |= _DEFINITE
    if noun in THING_NOUNS:
        flags |= _THING_NOUN
    if word.isalpha() and word.islower() and low not in FUNCTION_WORDS and low not in TITLES:
        flags |= _MODIFIER
    if word in _LOWER_PARTICLES:
        flags |= _LOWER_PARTICLE
    if _AGE_WORD.fullmatch(low):
        flags |= _AGE
    if _YEAR_COMMA.fullmatch(low):
        flags |= _YEAR
    if len(word) > 1 and word.isupper():
        flags |= _CAPITALS
    if low in _PLACE_PREPOSITIONS:
        flags |= _PLACE
    if low.rstrip("'’") in _PREPOSITIONS:
        flags |= _PREPOSITION
    _FLAGS[word] = flags
    return flags


def _after_elision(low: str) -> str:
    """The word after an elided article or preposition (``dell'era`` -> ``era``)."""
    for apostrophe in "'’":
        low = low.rpartition(apostrophe)[2] or low
    return low


def _names_a_place(low: str) -> bool:
    return _after_elision(low) in NAMED_AFTER


# An age right after a name: "Domenica Zani, 72 anni", "Aurecchione (56 anni)".
_AGE_AFTER = re.compile(r"(?:, (?:di )?| \()\d{1,3} anni\b")


def _apposition(text: str, end: int) -> bool:
    """An age or a role right after a name (``_AGE_AFTER``; ``Chacon, direttore di
    WideCast``: a lowercase role with no article before it, since ``Tmz, la cantante
    ...`` opens a clause). Most names are followed by neither ", " nor " (": two
    characters tell."""
    after = text[end : end + 2]
    if after == " (":
        return _AGE_AFTER.match(text, end) is not None
    if after != ", ":
        return False
    if _AGE_AFTER.match(text, end) is not None:
        return True
    words = text[end + 2 : end + 30].split(None, 1)
    return bool(words) and words[0].rstrip(",") in TITLES


# Lowercase words that open a clause, not a role's modifier: "Tmz, la cantante ..." and
# "Collegara, è presidente ..." are about someone else; "X, unico gregario" and "X, già
# candidato" are X's roles.
_NOT_MODIFIERS = frozenset(
    "il lo la i gli le un una uno di a ad da in con su per tra fra e ed o ma che chi cui "
    "del della dei degli delle al alla ai agli alle dal dalla nel nella sul sulla "
    "come dove quando mentre se non qualche alcuni alcune ogni tanti molti "
    "è ha hanno sono era fu sarà".split()
)
# Titles that are no role after a modifier: abbreviations ("sito on line") and
# nickname words ("Reagire, ha detto")
_NOT_ROLES = TITLE_ABBREVIATIONS | frozenset("detto detta alias".split())


def _modified_role(text: str, end: int) -> bool:
    """A role after one lowercase modifier in apposition after the comma at ``end``
    (``Hincapie, unico gregario``, ``Mitt Romney, già candidato``, ``Fiorello, suo
    collega``). An article or a
    conjunction opens a clause instead. The caller keeps it from towns and from a
    sentence's first word: a headline's place is followed so too (``Soliera, nuovo
    sindaco``)."""
    words = text[end + 2 : end + 50].split(None, 2)
    return (
        len(words) >= 2
        and words[0].isalpha()
        and words[0].islower()
        and words[0] not in _NOT_MODIFIERS
        and words[1].rstrip(",") in TITLES
        and words[1].rstrip(",") not in _NOT_ROLES
    )


def _eponym(candidate: _Candidate) -> bool:
    """A candidate after an eponym noun that names a person: inside the sentence, no
    Italian word ("decreto Sviluppo")."""
    return not (candidate.initial or candidate.place) and not any(
        _known_word(w.low) for w in candidate.words
    )


# A goal's or an assist's word and "di" right before a name ("i gol di Cazorla e
# Ramsey", "la doppietta di Negro"): a team follows "del"/"della", a place is no scorer.
def _scored_by(text: str, start: int) -> bool:
    """A goal's word and `` di `` right before ``start`` (``il gol di Negro``); the
    caller has seen the ``di`` (``_DI``)."""
    if text[start - 4 : start] != " di ":
        return False
    before = text[max(0, start - 20) : start - 4].rsplit(None, 1)
    return bool(before) and before[-1] in SCORING_WORDS


def _named_nearby(text: str, start: int) -> bool:
    """A word naming a place after someone among the lowercase words right before
    ``start`` (``l'istituto tecnico commerciale Meucci``)."""
    for word in reversed(text[max(0, start - 40) : start].split()[-4:]):
        if _names_a_place(word.lower()):
            return True
        if not word.islower() or word in _PREPOSITIONS:
            return False
    return False


def _noun_before(text: str, start: int, word: str, flags: int) -> bool:
    """A thing's noun (``THING_NOUNS``) right before the name at ``start``, or such a
    noun or a named-after one past one or two modifiers (``la scuola elementare Sandy
    Hook``, ``l'agenzia irachena Nina``); ``word`` and ``flags`` are the word right
    before and its bits. An article, a preposition or a title between ends the
    look-back (``in piazza il giovane X``, ``la sala stampa padre Federico Lombardi``).

    Reads one word further back per step, with the bits ``_before_flags`` keeps: most
    names follow a word that is neither noun nor modifier and cost nothing here."""
    for _ in range(3):
        if flags & _THING_NOUN:
            return not _PREPOSITION_BEFORE.search(text, max(0, start - 40), start)
        if not flags & _MODIFIER:
            return False
        start = text.rfind(word, max(0, start - 80), start)
        before = text[start - _BEFORE_WINDOW if start > _BEFORE_WINDOW else 0 : start]
        words = before.rsplit(None, 1)
        word = words[-1] if words else ""
        got = _FLAGS.get(word)
        flags = _before_flags(word) if got is None else got
        if flags & _NAMED:
            return True
    return False


# A preposition, joined to an article or elided, before a thing's noun and the name:
# "dell'organizzazione islamica X", "del partito X".
_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:di|del|della|dello|dei|degli|delle|da|dal|dalla|per)\s+|"
    r"\b(?:dell|nell|dall|sull|all)['’])\w+(?:\s+[a-zà-ÿ]+){0,2}\s*\Z"
)


def _place_of(text: str, start: int) -> bool:
    """A place noun and ``di`` right before ``start``, maybe with a modifier between
    (``la città petrolifera di Warri``); the caller has seen the ``di`` (``_DI``)."""
    words = text[max(0, start - 40) : start - 4].split()[-2:]
    for k, word in enumerate(reversed(words)):
        low = word.lower()
        if _after_elision(low) in PLACE_NOUNS:  # "sull'isola di"
            return True
        if k or not word.isalpha() or not word.islower() or low in FUNCTION_WORDS:
            return False
    return False


# A word and "e"/"ed" right before a name: the previous item of a list.
_AND_ITEM = re.compile(r"(\w+) ed? \Z")


def _listed_after_place(text: str, start: int) -> bool:
    """A place and ``e``/``ed`` right before ``start`` (``in Toscana ed Emilia``): the
    items of a list are of one kind. A comma is as often an apposition (``a Teheran,
    Nazak Afshar``)."""
    m = _AND_ITEM.search(text, max(0, start - 30), start)
    return m is not None and m.group(1).lower() in NEVER_NAMES


def _word_before(text: str, start: int) -> str:
    """The last word before ``start`` (maybe cut, "" for none)."""
    before = text[start - _BEFORE_WINDOW if start > _BEFORE_WINDOW else 0 : start]
    words = before.rsplit(None, 1)
    return words[-1] if words else ""


def _byline(text: str, start: int) -> bool:
    """``di`` opening a paragraph before ``start``, or right after its dateline
    (``Carpi, 3 marzo 2024 – di Saverio Cioce``): no sentence starts with a lowercase
    "di", so the name is the author's, not someone the article mentions."""
    if start == 3 and text[:3] == "di " or text[start - 4 : start] == "\ndi ":
        return True
    return text[start - 5 : start - 3] in _DATELINE_ENDS and _dateline(text, start - 3)


# A dateline or a kicker opening a paragraph: a place or a date, ending in a year and a
# comma or in a dash ("Carpi, 3 marzo 2024 – ", "Il 3 marzo 2024, ", "MODENA – "), no
# sentence end, colon or quote in it; or words in capitals ("L'INTERVISTA"). Matched on
# the text from the line's start to the name.
_DATELINE = re.compile(
    r"[^\W\d_][^\n.!?;:«»“”\"]{0,50}?(?:\d{4},|\s[–—-]) "
    r"|(?:[^\W\da-zà-ÿ_][^\W\da-zà-ÿ_'’]*['’]?)+(?: [^\W\da-zà-ÿ_]+)* "
)
_DATELINE_ENDS = frozenset({", ", "– ", "— ", "- "})
# What may follow a byline glued to the first sentence: an opening quote, or a slash
# and the place of the dateline ("Daniele Montanari/PAVULLO")
_BYLINE_QUOTES = frozenset('«“"')


def _dateline(text: str, end: int) -> bool:
    """Whether the text of the line before ``end`` is a dateline (not on the title's
    line, the first of ``text``)."""
    begin = text.rfind("\n", 0, end) + 1
    return 0 < begin and end - begin <= 60 and _DATELINE.fullmatch(text, begin, end) is not None


def _glued(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is glued to the start of a sentence: a
    capitalized word, an opening quote or a slash and a capital right after it, with no
    punctuation or verb between. A capitalized word followed by an apposition or a
    bracket is more likely the name's last word."""
    after = text[end : end + 2]
    if after[:1] == "/":
        return after[1:2].isupper()  # "Daniele Montanari/PAVULLO Colpita a tradimento"
    if after[:1] != " ":
        return False
    if after[1:] in _BYLINE_QUOTES:
        return True
    if not after[1:].isupper():
        return False
    words = text[end + 1 : end + 50].split(None, 2)
    core = words[0].strip(_QUOTES).rstrip(",")
    if core.isupper():
        return True  # a dateline in capitals ("Mattia Vernelli SAN CESARIO.")
    low = core.lower()
    if low in TITLES:
        return False  # the name's role ("Mario Rossi Presidente", "Mario Rossi Don Bosco")
    if low in ITALIAN_PLACES:
        return True  # a town opening the sentence ("Carlo Gregori Modena, crocevia")
    if _word(core).bad:
        # an office or a body is the name's ("Angelino Alfano Ministero dell'Interno:"
        # in a list)
        return False
    # "Maria Bianca Barbieri, la farmacista": a name of three words the rules cut
    # short, then an apposition; but a sentence may open with a list ("Fabbro,
    # falegname, idraulico")
    return not (
        len(words) > 1 and (words[1][0] == "(" or words[0][-1] == "," and words[1][-1] != ",")
    )


def _glued_byline(
    text: str,
    shape: _Shape,
    pos: int,
    found: tuple[_Candidate, ...],
    candidate: _Candidate,
    flags: int,
) -> bool:
    """Whether a full name is a byline glued to the first sentence of its paragraph
    (``Paola Ducci Attimi di paura in via Emilia``): it opens the paragraph, past a
    dateline or a kicker (``Carpi, 3 marzo 2024 – ``, ``L'INTERVISTA``), or follows
    names in a row that do (``Alfonso Scibona Serena Arbizzi «Mio fratello...»``), and a
    sentence starts right after it (``_glued``). A paragraph does not open with a bare
    full name followed by another sentence's start; the author is no person of the
    article. ``flags`` are those of the word before the name."""
    start = pos + candidate.offset
    head = pos + shape.starts[0]
    if text[head - 1 : head] == "\n":
        # the run's head opens the line: the name is its head or names in a row start
        # there ("Per Marco Ballerini «...»" is no byline)
        at_opening = start == head or (shape.names_in_row and found[0].offset == shape.starts[0])
    else:
        at_opening = start == head and bool(flags & _OPENING) and _dateline(text, start)
    return at_opening and (
        _glued(text, start + len(candidate.name)) or _sentence_inside(candidate.words)
    )


def _sentence_inside(words: Sequence[_Word]) -> bool:
    """A first name, a surname and a capitalized article or preposition that is no
    surname's prefix: the name ends before it, which opens a sentence (``Ilaria
    Bonuccelli A Pistoia l'ordinanza``, ``Giovanni Medici La Cgil ha``); ``Carla Del
    Ponte`` and ``Mario Rossi Di Pietro`` keep theirs."""
    return (
        len(words) >= 3
        and words[0].head
        and not (words[1].first or words[1].function or words[1].particle)
        and words[2].function
        and words[2].text[0].isupper()  # "Silvano Ferrari da Sassuolo" is his
        and words[2].low not in SURNAME_PREFIXES
    )


def _signatures(text: str, shape: _Shape, pos: int) -> bool:
    """Whether a run of full names in a row closing its paragraph is the signatures of
    the article's authors: on a line of its own, after a sentence's end or after a dash
    that follows one (``... in casa. — Azzurra Belletti Ludovica Malagoli``)."""
    head = pos + shape.starts[0]
    if text[head - 1 : head] in ("", "\n") or text[head - 2 : head] == ". ":
        return _closes_paragraph(text, shape, pos)
    return _signed_off(text, shape, pos)


def _signed_off(text: str, shape: _Shape, pos: int) -> bool:
    """Whether a run opens after ``. — `` and closes its paragraph: a sign-off, whatever
    the words of its head (``— Azzurra Belletti``, a first name that is an Italian word
    and no name the run's candidates start with)."""
    head = pos + shape.starts[0]
    return (
        text[head - 2 : head - 1] in _DASHES
        and text[head - 4 : head - 3] == "."
        and _closes_paragraph(text, shape, pos)
    )


def _closes_paragraph(text: str, shape: _Shape, pos: int) -> bool:
    """Whether the run ends its line."""
    end = pos + shape.starts[-1] + len(shape.words[-1].text)
    return text[end : end + 1] in ("", "\n")


def _firm_apposition(text: str, end: int) -> bool:
    """``Malagoli Davide, azienda di giardinaggio``: the name (ending at ``end``, before
    ", ") is a firm's."""
    after = text[end + 2 : end + 14].split(None, 1)
    return bool(after) and after[0].lower() in FIRM_APPOSITIONS


class _Candidate:
    """A name in a run's shape, with what its words alone say: its display form,
    whether it is a full name, the key of its last word (``last_key``). Where it starts
    is the chain's start plus ``offset``."""

    __slots__ = (
        "words",
        "name",
        "offset",
        "full",
        "whole_run",
        "titled",
        "initial",
        "place",
        "camel",
        "_last",
        "_reads",
        "_shape",
        "_span",
    )

    def __init__(self, shape: _Shape, span: _Span, initial: bool) -> None:
        i, j, self.titled, self.whole_run = span
        self.words = shape.words[i:j]
        self.name = _render(self.words)
        self.offset = shape.starts[i]
        self.full = _full_name(self.words)
        # exactly the name of an Italian town or hamlet ("Lama Mocogno", "Serramazzoni"),
        # or a town's name with a qualifier, no first name in front ("Saliceto Panaro",
        # "Castelfranco Emilia": how Italian names a hamlet or tells two towns apart)
        lows = [w.low.replace("’", "'") for w in self.words]
        self.place = " ".join(lows) in ITALIAN_PLACES or (
            len(lows) >= 2 and lows[0] in ITALIAN_PLACES and not self.words[0].first
        )
        self.initial = initial and i == 0  # its first word starts a sentence
        self.camel = any(w.camel for w in self.words)  # "AstraZeneca": a firm's
        self._last: str | None = None
        self._reads: bool | None = None
        self._shape, self._span = shape, span

    def last_key(self) -> str:
        """The key of the last word, worked out when first asked: only an article with a
        full name compares it, and ``token_key`` is costly (a dozen rewrites) for a word
        not seen before."""
        key = self._last
        if key is None:
            key = self._last = token_key(self.words[-1].text)
        return key

    def past_complement(self) -> _Candidate | None:
        """The name less its first word when that word is an Italian word followed by a
        first name (``degli Esteri Sergei Lavrov``, ``delle Finanze Anna Rossi``): after a
        preposition it completes an office, it does not open the name. None otherwise."""
        words = self.words
        if len(words) < 3 or not words[1].first or not _known_word(words[0].low):
            return None
        i, j, titled, whole = self._span
        return _Candidate(self._shape, (i + 1, j, titled, False), False)

    def reads_as_name(self) -> bool:
        """``_reads_as_name`` of its words, asked once per candidate rather than once
        per occurrence (which hashed the words for the cache each time)."""
        reads = self._reads
        if reads is None:
            reads = self._reads = _reads_as_name(self.words, self.initial)
        return reads


def _second_name(words: Sequence[_Word]) -> int:
    """Where a second full name starts in a run of four words or more (``Giovanni
    Balugani Paola Ducci``, signatures or a list without commas), or 0: a first name
    after a surname and before a word that is no first name. ``Antonio Di Pietro``,
    ``Maria Elena Boschi`` and ``José Luis Rodríguez Zapatero`` stay one name."""
    if len(words) < 4:
        return 0
    for m in range(2, len(words) - 1):
        w, before, after = words[m], words[m - 1], words[m + 1]
        if (
            w.first
            and not (before.first or before.particle or before.function)
            and not (after.first or after.particle or after.function)
        ):
            return m
    return 0


# A name found in a run: ``words[i:j]``, whether a title led it, whether it is the
# whole run (less trimmed words), which a place word before the run may still veto.
_Span = tuple[int, int, bool, bool]


@lru_cache(maxsize=16384)
def _name_spans(run_words: tuple[_Word, ...], initial: bool) -> tuple[_Span, ...]:
    """Where the names are in a run of words, its head starting a sentence or not.

    Leading titles, function words and sentence-initial ordinary words are trimmed.
    A run holding an organisation, place or calendar word keeps only the parts that
    start with a first name (``Repubblica Giorgio Napolitano`` -> ``Giorgio
    Napolitano``); so does a run whose head is not a first name (``Al-Qaeda Osama bin
    Laden`` -> ``Osama bin Laden``).

    Depends on the words alone, not on the text around them, so it is cached: the
    same runs ("Vladimir Putin", "Stati Uniti", "Secondo") recur from article to article.
    """
    cue = False
    i = 0
    while i < len(run_words):
        t = run_words[i]
        if i == len(run_words) - 2 and _surname_prefix(t, run_words[i + 1], initial and not i):
            cue = True  # "Di Pietro", "De Gasperi": the prefix is the surname's
            break
        if t.title:
            cue = True
        elif not (
            t.function
            or (t.particle and not (i < len(run_words) - 1 and t.low in _HEAD_PARTICLES))
            or (i == 0 and initial and not t.first and _known_word(t.low))
        ):
            break
        i += 1
    first = i  # the candidate is run_words[first:last]
    last = len(run_words)
    n = _town_prefix(run_words, first)
    if n and last - first - n >= 2:
        # "il sindaco di Castelfranco Emilia Giovanni Gargano": a town's name of two
        # or more words opens the run (its last word may be a first name), a name follows
        first += n
    while last - first > 1 and run_words[last - 1].function and not run_words[last - 1].roman:
        last -= 1  # "Alfonso Scibona Oltre settecento": a glued sentence start
    if (
        last - first > 2
        and run_words[first].first
        and (
            run_words[last - 1].first
            or _known_word(run_words[last - 1].low)
            or _NUMBER_WORD.fullmatch(run_words[last - 1].low) is not None
        )
        and not (run_words[last - 2].first or run_words[last - 2].function)
        and not run_words[last - 2].particle
    ):
        # "Francesco Dondi Andrea ha 46 anni", "Stefano Luppi Giovani": a byline glued
        # to the first word of the next sentence
        last -= 1
    if first == last:
        return ()
    words = run_words[first:last]
    whole = not any(map(_IS_BAD, words))
    if (
        not whole
        and 2 <= len(words) <= 3
        and all(w.first and not w.bad for w in words[:-1])
        and words[-1].low in SURNAME_PLACES
    ):
        # "Giuliano Ferrara", "Whitney Elizabeth Houston": a surname that is a place
        whole = True
    elif (
        not whole
        and len(words) >= 3
        and all(w.first and not w.bad for w in words[:-1])
        and words[-1].low in ORG_WORDS
        and not (words[-1].low in NEVER_NAMES or words[-1].title)
    ):
        whole = True  # "Michela Anna Guerra": after two first names, the surname
    if whole and (len(words) == 1 or words[0].head):
        if words[-1].particle:
            return ()
        m = _second_name(words)
        if m:  # "Giovanni Balugani Paola Ducci": signatures in a row
            names: list[_Span] = [(first, first + m, cue, True)]
            while m:
                begin = names[-1][1]
                m = _second_name(run_words[begin:last])
                names.append((begin, begin + m if m else last, False, False))
            return tuple(names)
        return ((first, last, cue, True),)
    out: list[_Span] = []
    segment = first  # the segment is run_words[segment:j], between two bad words
    after: _Word | None = None  # the word before the segment
    for j in range(first, last + 1):
        word = run_words[j] if j < last else None
        if word is not None and not word.bad:
            continue
        if (after is not None and after.named_after) or (
            word is not None and word.low in _ORG_TAILS and not run_words[j - 1].function
        ):
            # "Policlinico Agostino Gemelli", "Beverly Hilton Hotel": a place or a
            # body named after someone
            segment, after = j + 1, word
            continue
        # keep the part of the segment from its first first name on
        k = next((x for x in range(segment, j) if run_words[x].head), None)
        if k is not None and j == last - 1 and j - k >= 2 and run_words[j - 1].function:
            # "Carla Del Ponte", "Guido Lo Porto": after a capitalized article or
            # preposition, the last word is the surname's, even a place's or a thing's
            out.append((k, last, cue and whole and k == segment, False))
        elif k is not None and j - k >= 2:
            end = j
            while run_words[end - 1].particle:
                end -= 1
            if end - k >= 2:
                titled = cue and whole and k == segment
                m = _second_name(run_words[k:end])
                while m:  # "Azzurra Belletti Ludovica Malagoli Angela Napoletano"
                    out.append((k, k + m, titled, False))
                    k, titled = k + m, False
                    m = _second_name(run_words[k:end])
                out.append((k, end, titled, False))
        elif whole and len(words) >= 2:
            out.append((first, last, cue, True))  # no first name anywhere: "Xi Jinping"
        elif after is not None and _foreign_segment(run_words[segment:j]):
            # "Perù Ollanta Humala": no first name known, but a foreign-looking pair
            # after a place or an office; a cue or ``_unknown_pair`` still decides
            out.append((segment, j, False, False))
        segment, after = j + 1, word
    return tuple(out)


def _town_prefix(words: tuple[_Word, ...], start: int) -> int:
    """How many words from ``start`` spell an Italian town of two or more words whose
    first word is no first name (``Castelfranco Emilia``); 0 when none does."""
    if start >= len(words) - 2 or words[start].first:
        return 0
    lows = [w.low.replace("’", "'") for w in words[start : start + 5]]
    for n in range(len(lows) - 1, 1, -1):
        if " ".join(lows[:n]) in ITALIAN_PLACES:
            return n
    return 0


# A number written out ("Tre", "Nove", "Ottomila", "Trentacinque"): it opens a sentence
# ("Tre hanno deciso di non rispondere"), it ends no name; the dictionary lacks most.
_NUMBER_WORD = re.compile(
    r"(?:un|uno|due|tre|tré|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|tredici"
    r"|quattordici|quindici|sedici|diciassette|diciotto|diciannove|venti|vent|trenta|trent"
    r"|quaranta|quarant|cinquanta|cinquant|sessanta|sessant|settanta|settant|ottanta"
    r"|ottant|novanta|novant|cento|mille|mila)+"
)


def _foreign_segment(words: Sequence[_Word]) -> bool:
    """Two or three words, none an Italian or English word, a particle, a function
    word or an initial."""
    return 2 <= len(words) <= 3 and not any(
        w.particle or w.function or w.dotted or _known_word(w.low) or _english(w.low) for w in words
    )


def _surname_prefix(prefix: _Word, word: _Word, initial: bool) -> bool:
    """A capitalized ``Di``/``De``/``Della``... before one word that opens a surname
    (``Di Pietro``, ``Della Valle``): inside a sentence a preposition is lowercase; at
    its start only ``De``, which is no Italian word, tells."""
    return (
        prefix.low in SURNAME_PREFIXES
        and (prefix.low == "de" or not initial)
        and not (word.bad or word.function)
    )


def _render(words: Sequence[_Word]) -> str:
    return " ".join(map(_TEXT, words))


def _unknown_pair(words: Sequence[_Word], initial: bool) -> bool:
    """Two to four capitalized words inside a sentence, none an Italian word nor a
    place or organisation: read as a foreign name (``Usain Bolt``, ``Xi Jinping``)."""
    return (
        2 <= len(words) <= 4
        and not initial
        and all(
            len(t.text) > 1 and t.text[-1] != "." and not _known_word(t.low) and not _english(t.low)
            for t in words
        )
    )


# Endings far more common in surnames than in places or firms (Italian plural-form
# surnames, Slavic patronymic and adjectival forms, Turkish -oğlu).
# "-ani" is left out: it ends demonyms and groups as often ("Talebani", "Saveriani").
_SURNAME_END = re.compile(
    r"(?:oni|ini|nzi|etti|elli|ati|ali|azzi|arri|oli|atti|otti|cci"
    r"|ov|ova|ev|eva|enko|sky|ski|skij|vich|vić|ić|uk|yuk|chuk|oglu|oğlu)$"
)


def _lone_surname(words: Sequence[_Word]) -> bool:
    """One capitalized word, no Italian or English word, with a surname ending
    (``Renzi``, ``Ivanov``, ``Tymoshenko``), even at the start of a sentence.

    A verb of saying after the word (``X ha detto``) is not used: on KIND Wikinews it
    is wrong one time in three."""
    if len(words) != 1:
        return False
    w = words[0]
    if len(w.text) < 3 or _known_word(w.low) or _english(w.low):
        return False
    return bool(_SURNAME_END.search(w.low)) and not w.low.endswith("poli")  # "Simferopoli"


def _lone_first(words: Sequence[_Word], initial: bool) -> bool:
    """A first name alone inside a sentence (``Noemi``, ``Peter``): a person named
    familiarly, unless a full name in the article starts with it.

    Rejecting English words too ("Sandy", "Max") trades more recall than precision
    on KIND Wikinews, so it is not done."""
    w = words[0]
    return len(words) == 1 and not initial and w.first and not _known_word(w.low)


@lru_cache(maxsize=16384)
def _reads_as_name(words: tuple[_Word, ...], initial: bool) -> bool:
    """Whether a candidate no cue and no full name vouches for still reads as a name:
    a foreign pair, a lone surname, a lone first name. Depends on the words alone, so
    it is cached."""
    return (
        _unknown_pair(words, initial)
        or _lone_surname(words)
        or _lone_first(words, initial)
        or _particle_surname(words)
        or _initialed(words)
    )


def _particle_surname(words: Sequence[_Word]) -> bool:
    """A surname led by its particle (``Van Gogh``, ``De Gasperi``, ``Ben Williams``):
    the particle, then one or two words neither Italian nor English."""
    return (
        2 <= len(words) <= 3
        and words[0].low in _HEAD_PARTICLES
        and all(
            len(t.text) > 1 and not t.particle and not _known_word(t.low) and not _english(t.low)
            for t in words[1:]
        )
    )


def _initialed(words: Sequence[_Word]) -> bool:
    """An initial and a surname that is no Italian word nor a first name (``B. Foley``,
    ``K. Read``); ``S. Giovanni`` is a saint's abbreviated title, not an initial."""
    return (
        2 <= len(words) <= 3
        and len(words[0].text) == 2
        and words[0].text[1] == "."
        and all(
            len(t.text) > 2 and not t.first and not t.dotted and not _known_word(t.low)
            for t in words[1:]
        )
    )


def _full_name(words: Sequence[_Word]) -> bool:
    return len(words) >= 2 and words[0].head


@lru_cache(maxsize=16384)
def _person(name: str) -> tuple[int, str, str]:
    """How many words a name has, the keys of its first and last: what ``_merge``
    compares. Cached: the same names recur from article to article."""
    parts = name.split()
    last = token_key(parts[-1])
    head = parts[0].lower()
    # "De Piaz", "Di Maio": a surname, like "Piaz", "Maio"
    if head in NAME_PARTICLES or (len(parts) == 2 and head in SURNAME_PREFIXES):
        return 1, last, last
    return len(parts), token_key(parts[0]), last


def _merge(found: list[str]) -> list[str]:
    """One entry per person, fullest form, first-seen order."""
    people: list[tuple[str, tuple[int, str, str]]] = []
    longest = 0
    for name in found:
        p = _person(name)
        tokens, first, last = p
        if tokens > longest:
            longest = tokens
        for i, (_, q) in enumerate(people):
            if q[2] != last:
                continue
            if tokens == 1 or q[0] == 1 or q[1] == first:
                if tokens > q[0]:
                    people[i] = (name, p)
                break
        else:
            people.append((name, p))
    names = [name for name, _ in people]
    if longest > 2 and len(names) > 1:  # only a name of three words or more is longer
        names = _fullest(names)
    return names


def _fullest(names: list[str]) -> list[str]:
    """``names`` less a name of two or more words that opens a longer one (``Jairo
    Mora`` beside ``Jairo Mora Sandoval``: the same person, a surname left out)."""
    longer = [n for n in names if n.count(" ") >= 2]
    if not longer:
        return names
    return [n for n in names if " " not in n or not any(m.startswith(n + " ") for m in longer)]


def extract_people(
    title: str,
    subtitle: str | None,
    body: str,
    tags: Sequence[str] = (),
    evidence: Evidence | None = None,
) -> list[str]:
    """Persons mentioned in one article, fullest form seen in it, in first-seen order.

    Args:
        title: the headline.
        subtitle: the standfirst, if any.
        body: the clean body (no captions, credits or related posts).
        tags: the article's tags; those that are person names count as mentions.
        evidence: if given, filled with what the article says of each name it saw,
            kept or not: ``{name: [mentions, place, street, firm, saint, person]}``
            (``contexts.py``), for the names kept and those with a context.

    Returns:
        One display name per person, e.g. ``["Vladimir Putin", "Dmitry Peskov"]``.
    """
    text = "\n".join(t for t in (title, subtitle or "", body) if t)
    full: list[str] = []
    # resolved once full names are known, with the bits of the word before them
    single: list[tuple[_Candidate, int, int, str]] = []
    spans: list[tuple[int, int]] = []  # where the persons found start and end
    waiting: list[tuple[_Candidate, int]] = []  # no evidence yet but a list (``_listed_beside``)
    named_end = -100  # where the last run named after someone ends
    flag_of = _FLAGS.get
    # every candidate mention with the word before it, and the tags and cues counted with
    # them: what ``contexts.count`` reads for the evidence
    mentions: list[tuple[_Candidate, int, str]] = []
    cues: list[tuple[str, int]] = []
    for shape, pos in _runs(text):
        # The run's candidates (``_name_spans``), less a whole run that names a place
        # after someone (``via Olof Palme``). Read in this loop, not by a helper that
        # builds a list per run: an article has about 20 runs.
        if shape.eponym:
            name = shape.eponym
            # "Governo Renzi", "Amministrazione Trump": the head's surname; not after a
            # street word ("via Fratelli Rosselli"), while an article elided onto the
            # noun is the noun's ("dell'Amministrazione Trump")
            if name and not _before_flags(_word_before(text, pos + shape.head)) & _NAMED:
                start = pos + shape.starts[1]
                full.append(name)
                spans.append((start, start + len(name)))
                continue
        initial = _starts_sentence(text, pos + shape.head)
        found_here = shape.known[initial] or shape.candidates(initial)
        if shape.names_in_row and _signatures(text, shape, pos):
            continue  # "Stefano Totaro Gabriele Farina" on a line of its own: signatures
        for candidate in found_here:
            start = pos + candidate.offset
            # what the word before the name says (a thing, a byline, a place...), looked
            # up once per candidate: most names follow the same few words
            before = text[start - _BEFORE_WINDOW if start > _BEFORE_WINDOW else 0 : start]
            words = before.rsplit(None, 1)  # ``_word_before``, inlined: the hot path
            word = words[-1] if words else ""
            flags = flag_of(word)
            if flags is None:
                flags = _before_flags(word)
            if evidence is not None:  # what the words around say of it: contexts.py
                mentions.append((candidate, start, word))
            if (
                flags & _DASH
                and text[start - 4 : start - 3] == "."
                and _closes_paragraph(text, shape, pos)
            ) or (
                initial and candidate.offset != shape.starts[0] and _signed_off(text, shape, pos)
            ):
                # "in casa. — Valentina Corsini Paola Ducci", "— Azzurra Belletti": the
                # run signs off
                break
            if (
                candidate.full
                and (text[start - 1 : start] == "\n" or flags & _OPENING or shape.names_in_row)
                and _glued_byline(text, shape, pos, found_here, candidate, flags)
            ):
                continue  # "Paola Ducci Attimi di paura in via Emilia": a byline
            if (
                flags & _THING
                or (flags & _NAMED and not candidate.whole_run)
                or (flags & _DI and _byline(text, start))
                or (
                    text.startswith(", ", start + len(candidate.name))
                    and _firm_apposition(text, start + len(candidate.name))
                )
            ):
                continue
            if candidate.whole_run:
                # the word before the run, past a leading title ("via Don Minzoni")
                head = pos + shape.starts[0]
                if head != start:
                    word = _word_before(text, head)
                    head_flags = flag_of(word)
                    if head_flags is None:
                        head_flags = _before_flags(word)
                else:
                    head_flags = flags
                # "i santi Giovanni Evangelista e Gregorio Taumaturgo": both saints
                if head_flags & _SAINTS or (head - named_end <= 4 and text[named_end:head] in _AND):
                    named_end = pos + shape.starts[-1] + len(shape.words[-1].text)
                    continue
                if head_flags & _NAMED:
                    continue
            if candidate.full and (
                word.lower() in _ARTICULATED or candidate.offset != shape.starts[0]
            ):
                rest = candidate.past_complement()
                if rest is not None:
                    start += rest.offset - candidate.offset
                    candidate = rest
                    flags = 0  # the word before it is the office's
            if candidate.full:
                if (
                    (candidate.place and not candidate.titled)
                    or flags & _DEFINITE
                    or (flags & _NOUN_LOOK and _noun_before(text, start, word, flags))
                ):
                    continue
                full.append(candidate.name)
                spans.append((start, start + len(candidate.name)))
            else:
                # a first name alone may be followed by a nickname in quotes
                if (
                    candidate.words[0].first
                    and text[(end := start + len(candidate.name)) : end + 2] in _NICK_OPENERS
                ):
                    name = _nicknamed(text, end, candidate)
                    if name:  # 'Gaetano "Manuzza" Marino': Gaetano Marino
                        full.append(name)
                        spans.append((start, start + len(name)))
                        continue
                single.append((candidate, start, flags, word))
    for tag in tags:
        if is_person_name(tag):
            full.append(" ".join(tag.split()))
            if evidence is not None:  # a tag is a mention, in no context
                cues.append((full[-1], 0))
    known_last = {_person(n)[2] for n in full}
    known_first = {_person(n)[1] for n in full}
    found = list(full)
    for candidate, start, flags, word in single:
        if full:  # else there are no keys to compare with
            key = candidate.last_key()
            if key in known_last:
                found.append(candidate.name)  # "Putin" after "Vladimir Putin"
                spans.append((start, start + len(candidate.name)))  # a list may start here
                if evidence is not None:  # a first name in front elsewhere: a person cue
                    cues.append((candidate.name, -PERSON))
                continue
            if key in known_first:
                continue  # "Anna" after "Anna Rossi"
        if flags & _KIN and len(candidate.words) == 1 and not candidate.words[0].first:
            # "il figlio Umair": a first name the gazetteer lacks, not a surname (a known
            # one stays a mention, which the canon makes no value)
            continue
        if flags & _MASCULINE or (flags & _DEFINITE and _article_thing(candidate.words)):
            continue
        if candidate.camel:
            continue
        if (
            candidate.titled
            or (not flags & _PREPOSITION and _has_cue(text, start))
            or (flags & _EPONYM and _eponym(candidate))
            or (flags & _CABINET and not (candidate.initial or candidate.place))
            or _apposition(text, start + len(candidate.name))
            or (
                candidate.reads_as_name()
                and not (candidate.place or flags & (_PLACE | _PLURAL))
                and not _named_nearby(text, start)
                and not (flags & _DI and _place_of(text, start))
                and not _listed_after_place(text, start)
            )
            or (flags & _DI and not candidate.place and _scored_by(text, start))
            or (flags & _AGE and _aged(candidate.words))
            or (flags & _FAMILY and _family(text, start, candidate))
            or (
                # most names are followed by no comma: two characters tell
                text[(end := start + len(candidate.name)) : end + 2] == ", "
                and _modified_role(text, end)
                and not (candidate.initial or candidate.place or _has_initial(candidate.words))
            )
        ):
            if flags & _NOUN_LOOK and _noun_before(text, start, word, flags):
                continue  # "il partito Nea Dimokratia", "l'agenzia irachena Nina"
            found.append(candidate.name)
            spans.append((start, start + len(candidate.name)))
        elif not candidate.place:
            if flags & _LOWER_PARTICLE:
                begin = _particle_opens(text, start, candidate)
                if begin >= 0:  # "du Toit": the particle is the surname's
                    found.append(f"{text[begin:start].rstrip()} {candidate.name}")
                    spans.append((begin, start + len(candidate.name)))
                    continue
            waiting.append((candidate, start))
    if waiting and spans:
        _listed_beside(text, waiting, spans, found)
    if evidence is not None:
        contexts.count(text, mentions, cues, found, evidence)
    return _merge(found)


def _article_thing(words: Sequence[_Word]) -> bool:
    """A name that a definite article before it makes a thing's: two or more words
    (``la Sveriges Riksbank``) or a lone first name (``della Virginia``); a lone
    surname takes the article when it is a woman's (``la Meloni``)."""
    return len(words) > 1 or words[0].first


# A nickname in quotes between a first name and a surname: 'Saul "Canelo" Alvarez'.
_NICK_OPENERS = frozenset({' "', " “", " «"})
_NICK = re.compile(r' ["“«]([^\W\d_][\w\'’]*)["”»] (' + _WORD_PATTERN + ")")


def _nicknamed(text: str, end: int, candidate: _Candidate) -> str:
    """The full name of a first name alone followed by a nickname in quotes and a
    surname (``Francesco "Kekko" Silvestre`` -> ``Francesco Silvestre``), or "": the
    quotes cut the run, so the parts are read here. The surname is no place,
    organisation or function word."""
    if len(candidate.words) != 1 or not candidate.words[0].first:
        return ""
    m = _NICK.match(text, end)
    if m is None:
        return ""
    surname = _word(m.group(2))
    if surname.bad or surname.function or surname.acronym:
        return ""
    return f"{candidate.name} {surname.text}"


def _eponym_run(words: Sequence[_Word]) -> str:
    """The surname in a run opened by a capitalized eponym noun (``Governo Renzi``,
    ``Amministrazione Trump``, ``Lodo Alfano``, ``Governo Prodi II``), or "": one word,
    maybe with a Roman numeral, that is no place, organisation or first name, and no
    Italian word unless the noun is a cabinet's (``Governo Monti``), as after the
    lowercase noun (``_eponym``)."""
    n = len(words)
    if not (n == 2 or (n == 3 and words[2].roman)):
        return ""
    surname = words[1]
    if surname.bad or surname.function or surname.first or surname.acronym or surname.roman:
        return ""
    if _known_word(surname.low) and words[0].low not in CABINET_NOUNS:
        return ""
    return _render(words[1:])


def _family(text: str, start: int, candidate: _Candidate) -> bool:
    """Whether the family noun before a candidate names the family's surname
    (``i fratelli Pagot``): no Italian word, as after an eponym noun (``_eponym``), no
    initials (``i cugini S. M. e F. M.``: names kept back), and no street or firm word
    before the noun (``via fratelli Rosselli``)."""
    if not _eponym(candidate) or _has_initial(candidate.words):
        return False
    noun = _word_before(text, start)
    before = _word_before(text, text.rindex(noun, 0, start))
    return not _before_flags(before) & (_NAMED | _THING)


def _has_initial(words: Sequence[_Word]) -> bool:
    """Whether a name holds an initial (``N. F.``, ``A. M. Personaggio``): local news
    keeps names back so, which makes no facet value worth having."""
    return any(len(w.text.rstrip(".")) == 1 for w in words)


def _aged(words: Sequence[_Word]) -> bool:
    """Whether an age before a candidate (``una 90enne, Vilelma Bozzo``) makes it a
    person worth a value: two words or more, no initial (``il 45enne A. C.``, a name
    kept back; ``il 30enne A. M. Personaggio`` runs into the next sentence); a lone
    word after an age is most often a first name the article uses for a family's
    member (``il 25enne Cinziano``)."""
    return len(words) >= 2 and not _has_initial(words)


def _particle_opens(text: str, start: int, candidate: _Candidate) -> int:
    """Where the lowercase particle before a candidate of one or two words starts when
    it opens a foreign surname (``Fuser placca alto du Toit``, a line-up's ``de
    Klerk``), else -1: Italian writes no ``de``, ``du``, ``van``, ``von`` of its own.
    Not after a foreign word (``circuit de Catalunya``: a foreign place's name), not
    before an Italian word or a first name."""
    if len(candidate.words) > 2 or any(_known_word(w.low) or w.first for w in candidate.words):
        return -1
    begin = text.rindex(_word_before(text, start), 0, start)
    before = _word_before(text, begin)
    if before.isalpha() and before.islower() and not _known_word(before):
        return -1
    return begin


def _listable(words: Sequence[_Word]) -> bool:
    """A name that a list may vouch for: no Italian word (``Verde``, ``Panico`` may be
    ordinary words capitalized) and no first name after its first word (``Chiletti
    Antonio`` is a surname-first form, a name's wrong span)."""
    return not (
        any(w.camel for w in words)
        or words[0].first
        and len(words) == 1
        or any(w.first for w in words[1:])
        or any(_known_word(w.low) and not w.first for w in words)
    )


def _line_up_item(words: Sequence[_Word]) -> bool:
    """A name that a line-up or a long list vouches for: what ``_listable`` admits, and a
    first name alone (``Fei 15``, ``Aurelio, Elia, Elisa e Linde``), which beside two
    other persons names one too (a mention: the canon makes no facet value of it)."""
    return _listable(words) or (len(words) == 1 and words[0].first)


# What may stand between two items of a list: a player's number or a note in brackets
# (``Wlazly 14, Swiderski 9``, ``Gacel (L), Bakiewicz``), then a comma or "e"/"ed".
_LIST_GAP = re.compile(r"( \d{1,3})?( ?\([^()\n]{0,40}\))?(?:(, )|( ed? ))")
_LIST_GAP_MAX = 4 + 43 + 4  # its longest match: " 123", " (...)", " ed "


def _listed_beside(
    text: str, waiting: list[tuple[_Candidate, int]], spans: list[tuple[int, int]], found: list[str]
) -> None:
    """Add to ``found`` the names of ``waiting`` listed right beside a person found
    (``Tosatto e Nibali``, ``Gaber, Jannacci e Paolo Rossi``, ``Wlazly 14, Swiderski
    9``): items of one list are of one kind. A name whose words are Italian words
    (``Verde``, ``Panico``) is left out: it may be an ordinary word capitalized."""
    # the persons found and the names waiting, in text order: (start, end, candidate)
    items = sorted(
        [(start, end, None) for start, end in spans]
        + [(start, start + len(c.name), c) for c, start in waiting],
        key=_FIRST,
    )
    # how each item is joined to the next: "e", ",", "#" (a comma after a number), "n"
    # (after a note), or not at all; most items are further apart than any gap of a list
    links: list[str | None] = [None] * len(items)
    joined = numbered = long = False
    for i in range(len(items) - 1):
        end = items[i][1]
        start = items[i + 1][0]
        if start - end > _LIST_GAP_MAX:
            continue
        m = _LIST_GAP.fullmatch(text, end, start)
        if m is not None:
            # two links in a row: a list of three items or more (``_long_lists``)
            long = long or (joined and links[i - 1] is not None)
            joined = True
            if not m.group(3):
                links[i] = "e"
            else:  # a number or a note before the comma: a line-up, no apposition
                if m.group(1):
                    links[i] = "#"
                    numbered = True
                else:
                    links[i] = "n" if m.group(2) else ","
    if not joined:
        return
    person = [c is None for _, _, c in items]
    if numbered:
        _numbered_lineup(items, links, person, found)
    if long:
        _long_lists(text, items, links, person, found)
    added = True
    while added:  # a list read from a person outwards
        added = False
        for i, (start, _, candidate) in enumerate(items):
            if person[i] or candidate is None:
                continue
            # after a person, or before one with "e"; a comma before a person is as
            # often an apposition ("il tesoriere dei Saveriani, Franco Bordignon"),
            # so it counts only inside a list (a comma before the name too)
            link = links[i]
            beside = (
                (i and person[i - 1] and links[i - 1])
                or (
                    person[i + 1 : i + 2] == [True]
                    and (
                        link in ("e", "n", "#")
                        or (
                            link == ","
                            and (
                                text.startswith(", ", start - 2)
                                # the head of a list of three: "Celentano, Ornella
                                # Muti e Renato Pozzetto"
                                or (links[i + 1] is not None and person[i + 2 : i + 3] == [True])
                            )
                        )
                    )
                )
            )
            if beside and _listable(candidate.words):
                found.append(candidate.name)
                person[i] = True
                added = True


_FIRST = itemgetter(0)


_LINEUP_NUMBERS = 3  # "Papi 6, Semenzato 10, Fei 15, Cisolla": players and their points


def _numbered_lineup(
    items: Sequence[tuple[int, int, _Candidate | None]],
    links: list[str | None],
    person: list[bool],
    found: list[str],
) -> None:
    """Add to ``found`` the names of a list in which three or more items carry a
    number (``Papi 6, Semenzato 10, Fei 15, Cisolla 15``): a line-up with the players'
    points or shirts, persons even when none is known. Places and teams are no
    candidates, and Italian words are left out (``_listable``)."""
    i, n = 0, len(items)
    while i < n:
        j = i  # the list is items[i..j]
        while j < n - 1 and links[j] is not None:
            j += 1
        if sum(link == "#" for link in links[i:j]) >= _LINEUP_NUMBERS:
            _all_persons(items, i, j, person, found)
        i = j + 1


def _all_persons(
    items: Sequence[tuple[int, int, _Candidate | None]],
    i: int,
    j: int,
    person: list[bool],
    found: list[str],
) -> None:
    """Add to ``found`` the items ``i..j`` of a line-up or a long list that are no
    person yet and that ``_line_up_item`` admits."""
    for k in range(i, j + 1):
        candidate = items[k][2]
        if candidate is not None and not person[k] and _line_up_item(candidate.words):
            found.append(candidate.name)
            person[k] = True


_LIST_ITEMS = 3  # "Cernic, Cozzi, Coscione, Lasko": a list, not a pair or an apposition
_YEAR_NOTE = re.compile(r"\(\d{4}\)")  # "Superman II (1980)": a work and its year


def _long_lists(
    text: str,
    items: Sequence[tuple[int, int, _Candidate | None]],
    links: list[str | None],
    person: list[bool],
    found: list[str],
) -> None:
    """Add to ``found`` the names of a list of three or more items (commas, then at
    most one "e") that holds a person found (``Cutrone, Parigini e Orsolini``), or
    that fills a line of its own or the rest of a line after a colon or a semicolon
    (``non entrati: Cernic, Cozzi, Coscione, Lasko.``), as line-ups are printed:
    items of one list are of one kind. Italian words stay out (``_listable``)."""
    i, n = 0, len(items)
    while i < n:
        j = i  # the list is items[i..j]
        while j < n - 1 and links[j] is not None and links[j] != "e":
            j += 1
        if j < n - 1 and links[j] == "e":
            j += 1
        if (
            j - i + 1 >= _LIST_ITEMS
            and not _names_things(text, items[i][0])
            and (
                any(person[i : j + 1])
                # numbers are the numbered line-up's to judge (fewer than three may be
                # distances or figures: "Chillovar 100, Talcaria 105 e Sunderby")
                or ("#" not in links[i:j] and _lineup_line(text, items[i : j + 1]))
            )
        ):
            _all_persons(items, i, j, person, found)
        i = j + 1


def _names_things(text: str, start: int) -> bool:
    """Whether the word before a list's first item says its items are streets,
    schools or brands, singular or plural (``le vie Pasteur, Corsini, Curie e
    Fleming``, ``marchi come Chanel, Louis Vuitton e Gucci``)."""
    word = _word_before(text, start)
    if word.lower() in NAMED_PLURALS:
        return True
    flags = _FLAGS.get(word)
    if flags is None:
        flags = _before_flags(word)
    return bool(flags & (_NAMED | _THING))


def _lineup_line(text: str, items: Sequence[tuple[int, int, _Candidate | None]]) -> bool:
    """Whether a list of no known person is printed as a line-up: alone on its line or
    after a heading's colon or semicolon, ending the line (a full stop, a semicolon or
    a note may close it), no year in brackets (``Superman (1978), Superman II
    (1980)``: works), and at least three items, two in three, that ``_listable``
    admits (``Oca, Lupa, Civetta, Istrice e Torre`` is mostly Italian words)."""
    start, end = items[0][0], items[-1][1]
    head = text[text.rfind("\n", 0, start) + 1 : start].rstrip()
    if head and head[-1] not in ":;":
        return False
    line_end = text.find("\n", end)
    tail = text[end : line_end if line_end >= 0 else len(text)].strip()
    if tail not in ("", ".", ";") and not tail.startswith("("):
        return False
    if _YEAR_NOTE.search(text, start, end):
        return False
    listable = sum(c is not None and _listable(c.words) for _, _, c in items)
    return listable >= _LIST_ITEMS and 3 * listable >= 2 * len(items)


@lru_cache(maxsize=16384)
def is_person_name(text: str) -> bool:
    """Whether ``text`` alone reads as a person's name (``Volodymyr Zelensky``).

    Cached: it is asked of every tag of every article, and tags repeat."""
    text = " ".join(text.split())
    runs = _runs(text)
    if len(runs) != 1 or _render(runs[0][0].words) != text:
        return False
    shape, pos = runs[0]
    # its candidates as extract_people keeps them, the head read as inside a sentence
    kept = [
        c
        for c in shape.candidates(False)
        if not (c.whole_run and _names_a_place(_word_before(text, pos + c.offset).lower()))
    ]
    return len(kept) == 1 and len(kept[0].words) == len(shape.words) and kept[0].full
