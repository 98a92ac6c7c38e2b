"""What the words around one mention of a name say it is: a place, a street or building,
a firm or brand, a saint's church or parish, or a person.

The extractor reports these counts per name and article (``extract_people(...,
evidence=...)``); the canon pools them over the archive and decides once per name
(``canonical.PeopleCanon``). One mention gets one kind at most; most get none.
Rules and figures: docs/internals/people.md#deciding-per-name-across-the-archive.
"""

from __future__ import annotations

import re

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
_FIRM_APPOSITIONS = frozenset("azienda ditta società impresa negozio srl spa snc".split())

# What the word right before a name gives, once per distinct word: its kind, and
# whether the words around must be read too (a title, a modifier, an article...).
_BEFORE: dict[str, tuple[int, bool]] = {}
_TITLE = -1  # a title or role word: a person, unless a place word stands before it
_TO = -2  # "a"/"ad"/"verso": a place before a lone word
_LOOK_AROUND = _MODIFIERS | _ARTICLES | _MASCULINE | frozenset(("e", "di", "da", "del"))


def _before_kind(word: str) -> tuple[int, bool]:
    code = _BEFORE.get(word)
    if code is not None:
        return code
    if len(_BEFORE) >= 65536:
        _BEFORE.clear()
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
    code = _BEFORE[word] = (kind, kind == _TITLE or (kind == 0 and low in _LOOK_AROUND))
    return code


def context(
    text: str, start: int, end: int, word: str, lone: bool, full: bool, titled: bool
) -> int:
    """The kind of the mention ``text[start:end]`` (0: none said): what ``word``, the
    word right before it, says (past a title: ``via don Minzoni`` is a street), then a
    firm's form or a person's age, role or verb of saying right after. ``lone``: a
    one-word name; ``full``: a first name and more; ``titled``: a title led it in its
    run. Most mentions cost two dict look-ups and one regular-expression match."""
    kind, around = _BEFORE.get(word) or _before_kind(word)
    if around:
        kind = _around(text, start, word, kind, lone, full)
    if kind > 0:
        return kind
    if kind == _TO and lone:
        return PLACE
    m = _AFTER.match(text, end)
    if m is not None:
        what = m.lastgroup
        if what == "firm":
            return FIRM
        if what != "role":
            return PERSON
        low = m.group("role").lower()
        if low in _FIRM_APPOSITIONS:
            return FIRM
        if low in TITLES:
            return PERSON
    return PERSON if kind == _TITLE or titled else 0


def _around(text: str, start: int, last: str, kind: int, lone: bool, full: bool) -> int:
    """``context`` past the word right before the name, ``last`` (of kind ``kind``):
    the kind the words before it give, else ``kind``."""
    before = text[max(0, start - 60) : start].rsplit(None, 5)[:-1]  # less ``last``
    if not before:
        return kind
    if kind == _TITLE or last in _MODIFIERS:
        # "via don Minzoni", "la scuola primaria Marconi", "il ministro russo X"
        outer_word = before[-1]
        outer = _before_kind(outer_word)[0]
        if outer in (STREET, SAINT) or (outer == FIRM and outer_word not in THING_CUES):
            return outer
        if outer == _TITLE and kind == 0:
            return PERSON
        return kind
    if last == "e":
        if any(w.lower() in _PLURAL_SAINTS for w in before):
            return SAINT  # "i santi Giovanni Evangelista e Gregorio Taumaturgo"
        return kind
    low = last.lower()
    if not full and not lone and low in _ARTICLES:
        return FIRM  # "la Liu Jo"
    if lone and low in _MASCULINE:
        return STREET  # "al Cialdini"
    if last in ("di", "da", "del"):
        head = before[-1].lower()
        if head in _PLACE_HEADS:
            return PLACE  # "sindaco di Serramazzoni"
        if head in _CHURCH_WORDS:
            return SAINT  # "chiesa di San..."
    return kind


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
