"""What the words around one mention of a name say it is: a place, a street or building,
a firm or brand, a saint's church or parish, or a person.

The extractor reports these counts per name and article (``extract_people(...,
evidence=...)``); the canon pools them over the archive and decides once per name
(``canonical.PeopleCanon``). One mention gets one kind at most; most get none.
Rules and figures: docs/internals/people.md#deciding-per-name-across-the-archive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

from .names import CUE_FILLERS, NAMED_AFTER, SAINTS, THING_CUES, TITLES

# Indexes of an evidence row: [mentions, place, street, firm, saint, person].
MENTIONS, PLACE, STREET, FIRM, SAINT, PERSON = range(6)
KINDS = ("mentions", "place", "street", "firm", "saint", "person")
Evidence = dict[str, list[int]]

# Right before a name: where, not who ("a Serramazzoni", "in località Cà Marta").
_PLACE_WORDS = frozenset("in nel nella località frazione loc".split())
# "a", "ad", "verso" before a lone word: where; before two words as often to whom ("ha
# scritto a Mario Rossi"; a two-word town is in the extractor's gazetteer)
_DATIVE = frozenset(("a", "ad", "verso"))
# Before "di"/"da" + name: a town's office or people ("sindaco di X", "comune di X").
_PLACE_HEADS = frozenset(
    """sindaco sindaca comune comuni frazione frazioni provincia paese abitanti cittadini
    territorio località zona parti quartiere quartieri commissariato stazione polizia
    carabinieri questura tribunale procura prefettura ospedale""".split()
)
# A church or parish named after a saint ("chiesa di San Giovanni Evangelista").
_CHURCH_WORDS = frozenset(
    "chiesa chiese basilica cattedrale santuario parrocchia parrocchie pieve oratorio "
    "convento monastero abbazia duomo".split()
)
# A firm, brand or make ("il gruppo Hera", "una Alfa Romeo", "marchio Liu Jo").
_FIRM_WORDS = (
    frozenset(
        """gruppo azienda aziende ditta società marchio brand negozio negozi supermercato
        catena colosso multiutility multinazionale holding coop cooperativa
        concessionaria stabilimento boutique fabbrica capannone capannoni""".split()
    )
    | THING_CUES
)
# Streets, squares, schools and buildings named after someone ("via Cialdini", "la
# primaria Marconi"); "ex" before a name is a former site ("l'area dell'ex Corradini").
# Not "carcere", "caserma": "in carcere Yuri Sabattini" is about the man.
_STREET_WORDS = (
    NAMED_AFTER - _CHURCH_WORDS - _FIRM_WORDS - SAINTS - {"carcere", "caserma"}
) | frozenset(
    "primaria primarie elementare elementari medie materna scuole istituti plesso "
    "autogrill casello ex".split()
)
_PLURAL_SAINTS = frozenset("santi sante ss beati".split())
# An article before a name of two or more words: Italian puts none before a person's
# full name ("la Liu Jo", "della Alfa Romeo"; a lone surname is another matter, "la
# Meloni")
_ARTICLES = frozenset(
    """il lo la i gli le del dello della dei degli delle al allo alla ai agli alle dal
    dallo dalla dai dagli dalle sul sullo sulla""".split()
)
# Words no context reaches across ("il negozio di Gianfranco Magnani" is about the man)
_LINKS = frozenset("di da e ed o a ad in con per tra fra su che".split()) | _ARTICLES
# Words between a street, school or title word and the name ("l'istituto tecnico
# Marconi", "il professore bolognese Daniele Benati"); not just any word ("la villa
# dove dormivano Micol Pifferi" is about her).
_MODIFIERS = frozenset(
    """tecnico tecnica professionale tecnico-professionale statale comunale comunali
    civico civica superiore superiori primaria media medie elementare elementari
    nuovo nuova vecchio vecchia ex storico storica regionale provinciale nazionale
    comprensivo privato privata""".split()
) | (CUE_FILLERS - _LINKS - frozenset(("suo", "sua")))
# A masculine article before a lone surname names a building or school after someone
# ("al Cialdini", "il Ramazzini"; see extract._MASCULINE).
_MASCULINE = frozenset("il lo al allo del dello dal dallo nel nello sul sullo col".split())
_ELIDED_ARTICLES = frozenset("l dell nell all dall sull coll un quest quell".split())

# Right after a name: its age, a verb of saying, a role in apposition; or a firm's form.
_SAYING = """detto dice dichiarato dichiara spiegato spiega affermato afferma commentato
    commenta sottolineato sottolinea raccontato racconta aggiunto aggiunge concluso conclude
    osservato osserva precisato precisa replicato replica ammesso ammette annunciato annuncia
    dichiarava diceva spiegava raccontava""".split()


def _by_first_letter(words: list[str]) -> str:
    """An alternation of ``words`` grouped by first letter (``d(?:etto|ice)|s(?:...)``):
    a word that starts otherwise fails once per letter, not once per word."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in sorted(groups.items()))


# The branches share their first characters: a name followed by " e" or " di" fails in
# a few steps.
_AFTER = re.compile(
    r"(?:, (?:(?P<age>\d{1,3}(?: anni|enne)\b)|(?P<role>\w+))"
    r"| (?:\((?P<paren>\d{1,3})\)"
    rf"|(?:ha |aveva |avrebbe )?(?P<says>{_by_first_letter(_SAYING)})\b"
    r"|(?P<firm>(?i:s\.?p\.?a\.?|s\.?r\.?l\.?|s\.?n\.?c\.?)(?!\w))))"
)
# The first two characters of every ``_AFTER`` match: a mention followed by anything else
# (" e", " i", ". ", half of them) is not matched at all. "ſ" is an "s" to ``(?i:)``.
_AFTER_HEADS = frozenset(
    [", ", " ("]
    + [" " + w[0] for w in [*_SAYING, "ha", "aveva", "avrebbe"]]
    + [" " + c for c in "sSſ"]  # s.p.a., srl, snc
)
# What the word before "di"/"da"/"del" + name gives, looked up once (lower case).
_OFFICES = dict.fromkeys(_PLACE_HEADS, PLACE) | dict.fromkeys(_CHURCH_WORDS, SAINT)
_FIRM_APPOSITIONS = frozenset("azienda ditta società impresa negozio srl spa snc".split())

# What the word right before a name gives, once per distinct word (``_before_code``):
# its kind, or _READ when the words around it must be read too (``_around``).
_BEFORE: dict[str, int] = {}
_TITLE = -1  # a title or role word: a person, unless a place word stands before it
_TO = -2  # "a"/"ad"/"verso": a place before a lone word
_READ = 8  # a title, a modifier, an article, "e", "di"...: read the words before it
_LOOK_AROUND = _MODIFIERS | _ARTICLES | _MASCULINE | frozenset(("e", "di", "da", "del"))
# What ``_around`` reads past such a word: the word before it for a title or modifier
# (_OUTER); the words before "e" (_AND); else the bits of an article before a firm
# (_ART), of a masculine article before a building (_MASC), of "di"/"da"/"del" after a
# town's office or a church (_DI).
_OUTER, _AND, _ART, _MASC, _DI = 1, 2, 4, 8, 16
# Every word ``_before_code`` read: its kind, what ``_around`` reads past it, and what it
# gives as the word before a title or modifier ("via" in "via don Minzoni": a street).
_WORDS: dict[str, tuple[int, int, int]] = {}


def _before_code(word: str) -> int:
    """The code of ``word`` in ``_BEFORE``, worked out and kept."""
    if len(_BEFORE) >= 65536:
        _BEFORE.clear()
        _WORDS.clear()
    kind, mode, _ = _word_kind(word)
    code = _BEFORE[word] = _READ if mode else kind
    return code


def _word_kind(word: str) -> tuple[int, int, int]:
    """What ``word`` says as the word right before a name, kept in ``_WORDS``."""
    known = _WORDS.get(word)
    if known is not None:
        return known
    low = word.lower()
    if low[-1:] == ",":  # an apposition: only a role says something across a comma
        kind = _TITLE if low[:-1] in TITLES else 0
    elif low[-1:] in ("'", "’"):
        kind = FIRM if low[:-1] in _ELIDED_ARTICLES else 0  # "un'Alfa", "dell'Hera"
    elif low in _PLACE_WORDS:
        kind = PLACE
    elif low in _DATIVE:
        kind = _TO
    elif low in SAINTS or low in _CHURCH_WORDS:
        kind = SAINT
    elif low in _STREET_WORDS:
        kind = STREET
    elif low in _FIRM_WORDS:
        kind = FIRM
    elif low in TITLES:
        kind = _TITLE
    else:
        kind = 0
    mode = 0
    if kind == _TITLE or (kind == 0 and word in _MODIFIERS):
        mode = _OUTER
    elif kind == 0 and low in _LOOK_AROUND:
        if word == "e":
            mode = _AND
        else:
            mode = (
                (_ART if low in _ARTICLES else 0)
                | (_MASC if low in _MASCULINE else 0)
                | (_DI if word in ("di", "da", "del") else 0)
            )
    if kind in (STREET, SAINT) or (kind == FIRM and word not in THING_CUES):
        outer = kind
    else:
        outer = _TITLE if kind == _TITLE else 0
    known = _WORDS[word] = (kind, mode, outer)
    return known


# A role word after a name and its comma, once per distinct word: a firm's (", azienda
# di...") or a person's (", sindaco di...") or nothing.
_ROLES: dict[str, int] = {}


def _role_kind(word: str) -> int:
    if len(_ROLES) >= 65536:
        _ROLES.clear()
    low = word.lower()
    kind = _ROLES[word] = FIRM if low in _FIRM_APPOSITIONS else PERSON if low in TITLES else 0
    return kind


class Mention(Protocol):
    """A candidate name as the extractor found it: its text, its words, whether it is a
    first name and more (``full``), whether a title led it in its run (``titled``)."""

    @property
    def name(self) -> str: ...
    @property
    def words(self) -> Sequence[object]: ...
    @property
    def full(self) -> bool: ...
    @property
    def titled(self) -> bool: ...


def count(
    text: str,
    mentions: Sequence[tuple[Mention, int, str]],
    cues: Iterable[tuple[str, int]],
    found: Iterable[str],
    evidence: Evidence,
) -> None:
    """Count into ``evidence`` what ``mentions`` say, for the names ``found`` and those
    with a context (a name rejected without one says nothing the archive needs).

    ``mentions``: ``(mention, start, word)``, the name at ``text[start:]`` and the word
    right before it; ``cues``: ``(name, kind)``, a mention in no context (kind 0, a tag)
    or, with a negative kind, a cue that adds to a mention already counted. What a
    mention says: what ``word`` says (past a title: ``via don Minzoni`` is a street),
    then a firm's form or a person's age, role or verb of saying right after.

    The indexer reads some 14 mentions per article: one loop that counts them and
    their kinds, no call for most of them (CPU time: docs/performance.md)."""
    times: dict[str, int] = {}  # mentions per name, in first-seen order
    seen = times.get
    rows: dict[str, list[int]] = {}  # the rows of the names seen in a context
    before = _BEFORE
    after = _AFTER.match
    heads = _AFTER_HEADS
    for mention, start, word in mentions:
        name = mention.name
        times[name] = seen(name, 0) + 1
        try:
            kind = before[word]
        except KeyError:
            kind = _before_code(word)
        if kind:
            if kind == _READ:
                kind = _around(text, start, word, mention)
            if kind == _TO and len(mention.words) == 1:
                kind = PLACE
        if kind <= 0:  # then a firm's form or a person's age, role or verb right after
            end = start + len(name)
            m = after(text, end) if text[end : end + 2] in heads else None
            if m is None:
                kind = PERSON if kind == _TITLE or mention.titled else 0
            elif (what := m.lastgroup) != "role":
                kind = FIRM if what == "firm" else PERSON
            else:
                role = m.group("role")
                try:
                    cue = _ROLES[role]
                except KeyError:
                    cue = _role_kind(role)
                kind = cue or (PERSON if kind == _TITLE or mention.titled else 0)
        if kind > 0:
            row = rows.get(name)
            if row is None:
                row = rows[name] = [0, 0, 0, 0, 0, 0]
            row[kind] += 1
    for name, kind in cues:
        if kind >= 0:
            times[name] = seen(name, 0) + 1
        else:
            row = rows.get(name)
            if row is None:
                row = rows[name] = [0, 0, 0, 0, 0, 0]
            row[-kind] += 1
    kept = set(found)
    if not evidence:  # the indexer's case: every row goes in as it is
        for name, n in times.items():
            row = rows.get(name)
            if row is not None:
                row[MENTIONS] = n
                evidence[name] = row
            elif name in kept:
                evidence[name] = [n, 0, 0, 0, 0, 0]
        return
    for name, n in times.items():
        row = rows.get(name)
        if row is not None:
            row[MENTIONS] = n
        elif name in kept:
            row = [n, 0, 0, 0, 0, 0]
        else:
            continue
        old = evidence.get(name)
        if old is None:
            evidence[name] = row
        else:
            for i, k in enumerate(row):
                old[i] += k


def context(
    text: str, start: int, end: int, word: str, lone: bool, full: bool, titled: bool
) -> int:
    """The kind of the one mention ``text[start:end]`` (0: none said), ``word`` the word
    right before it; ``lone``: a one-word name; ``full``: a first name and more;
    ``titled``: a title led it in its run. What ``count`` counts for it."""
    one = _One(text[start:end], ("",) if lone else ("", ""), full, titled)
    seen: Evidence = {}
    count(text, [(one, start, word)], (), (), seen)
    row = seen.get(one.name)
    return row.index(1, PLACE) if row else 0  # a name seen in no context is not counted


class _One(NamedTuple):
    name: str
    words: Sequence[object]
    full: bool
    titled: bool


def _around(text: str, start: int, last: str, mention: Mention) -> int:
    """The kind of a mention past the word right before it, ``last``: what the words
    before ``last`` give, else what ``last`` gives."""
    kind, mode, _ = _WORDS.get(last) or _word_kind(last)
    said = 0  # what an article or "di" says, if a word stands before it
    if mode >= _ART:  # decided on the mention first: most say nothing, no text to slice
        lone = len(mention.words) == 1
        if mode & _ART and not lone and not mention.full:
            said = FIRM  # "la Liu Jo"
        elif mode & _MASC and lone:
            said = STREET  # "al Cialdini"
        elif not mode & _DI:
            return kind
    window = text[start - 60 if start > 60 else 0 : start]
    if mode == _AND:
        before = window.rsplit(None, 5)[:-1]  # less ``last``
        if any(w.lower() in _PLURAL_SAINTS for w in before):
            return SAINT  # "i santi Giovanni Evangelista e Gregorio Taumaturgo"
        return kind
    words = window.rsplit(None, 2)
    if len(words) < 2:
        return kind
    outer_word = words[-2]  # the word before ``last``
    if mode == _OUTER:
        # "via don Minzoni", "la scuola primaria Marconi", "il ministro russo X"
        outer = (_WORDS.get(outer_word) or _word_kind(outer_word))[2]
        if outer > 0:
            return outer
        if outer == _TITLE and kind == 0:
            return PERSON
        return kind
    # "sindaco di Serramazzoni", "chiesa di San..."
    return said or _OFFICES.get(outer_word.lower(), kind)


def is_thing(row: list[int] | tuple[int, ...]) -> bool:
    """Whether an evidence row pooled over the archive says the name is no person: most
    of its mentions in a place, street, firm or church context, and no more than a few
    with a person cue."""
    mentions = row[MENTIONS]
    other = row[PLACE] + row[STREET] + row[FIRM] + row[SAINT]
    return (
        other >= MIN_OTHER
        and other * OTHER_SHARE >= mentions
        and row[PERSON] * PERSON_SHARE <= mentions
    )


# A name is decided on at least this many non-person contexts (fewer say too little).
MIN_OTHER = 3
# ... when at least one mention in this many has one: most mentions of any name have no
# context at all, so a quarter placed is already most of what its contexts say ...
OTHER_SHARE = 4
# ... and when no more than one mention in this many has a person cue.
PERSON_SHARE = 10
