"""The Italian analyzer: splitting, folding, lemmas, offsets (SPEC §4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.analyze import (
    WORD_RE,
    fold,
    is_acronym,
    lemma,
    normalize,
    query_lemmas,
    stem,
    term,
    tokens,
    verb_readings,
)
from search.index.schema import words_analyzer
from search.index.vocabulary import Vocabulary

TANTIVY_WORDS = words_analyzer()  # what the index splits the stored text with


def surfaces(text: str) -> list[str]:
    return [t.surface for t in tokens(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l’attacco", ["l", "attacco"]),
        ("dell'Ucraina", ["dell", "Ucraina"]),
        ("all’incontro", ["all", "incontro"]),
        ("Ultim'ora", ["Ultim", "ora"]),
        ("«Non vogliamo»", ["Non", "vogliamo"]),
        ("dall\ufffdatteggiamento", ["dall", "atteggiamento"]),  # a lost ’ never glues words
        ("Kiev😀Mosca", ["Kiev", "Mosca"]),
        ("nord_est", ["nord", "est"]),
        ("Putin–Lukashenko", ["Putin", "Lukashenko"]),
        ("3,5 miliardi", ["3", "5", "miliardi"]),
        ("perché   città", ["perché", "città"]),
        ("", []),
        ("— … «» ’", []),
    ],
)
def test_words_split(text: str, expected: list[str]) -> None:
    assert surfaces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Perché", "perche"),
        ("CITTÀ", "citta"),
        ("però", "pero"),
        ("Zelenskyj", "zelenskyj"),
        ("naïve", "naive"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("colloqui", "colloquio"),
        ("accolto", "accogliere"),
        ("incontra", "incontrare"),
        ("incontrato", "incontrare"),
        ("respinta", "respingere"),  # simplemma: respinta -> respinto -> respingere
        ("respinto", "respingere"),
        ("perché", "perche"),  # lemmas are folded too
        ("presidenti", "presidente"),
        ("russa", "russo"),
        ("è", "essere"),
        # enclitic pronouns split off infinitives, gerunds and short imperatives
        ("farlo", "fare"),
        ("farci", "fare"),  # not farcire
        ("dirgli", "dire"),
        ("andarsene", "andare"),
        ("mandarglielo", "mandare"),
        ("dimmi", "dire"),
        # irregular past participles reach their verb
        ("iscritti", "iscrivere"),
        ("ridotta", "ridurre"),
        ("concesse", "concedere"),
        ("sopravvissuti", "sopravvivere"),
        # superlatives are forms of their adjective
        ("bellissima", "bello"),
        ("bianchissime", "bianco"),
        ("vietnamitissima", "vietnamita"),  # a positive in -a
        ("migratorissimi", "migratorio"),  # a positive in -io
        # plural nouns stay nouns: a chain stops at a participle used as a noun
        ("dati", "dato"),
        ("fatti", "fatto"),
        # frequent irregular verbs simplemma gives to another word
        ("so", "sapere"),  # not essere
        ("vai", "andare"),  # not vaio
        ("detto", "dire"),  # not dettare
        ("dette", "dire"),
        ("dante", "dante"),  # the name, not dare
        ("gran", "grande"),  # an apocope
        ("fuor", "fuori"),  # not essere
        # a participle's superlative is a form of its verb
        ("aggiornatissimo", "aggiornare"),
        # state, stata: the participle essere and stare share, not every form of essere
        ("state", "stata"),
        ("stata", "stata"),
    ],
)
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("porta", ["portare"]),  # the door first, the verb as a second reading
        ("riforma", ["riformare"]),
        ("giro", ["girare", "girere", "girire"]),
        ("chiese", ["chiedere"]),  # past tense of chiedere, plural of chiesa
        ("porte", []),  # no present-tense ending: a noun only
        ("legge", []),  # a final -e opens no verb reading (legge, law)
        ("portano", []),
        ("incontra", []),  # its lemma is already the verb
    ],
)
def test_verb_readings(word: str, expected: list[str]) -> None:
    assert verb_readings(word, lemma(word)) == expected


@pytest.mark.parametrize(
    ("word", "reading", "opened"),
    [
        ("isolano", "isolare", True),  # third plural; the adjective isolano
        ("provino", "provare", True),  # subjunctive; the noun provino
        ("impieghi", "impiegare", True),  # the h only keeps the g hard
        ("incendi", "incendiare", True),  # the verb's own i
        ("bacino", "baciare", True),
        ("risultato", "risultare", True),  # a participle used as a noun
        ("ristoranti", "ristorare", True),  # a present participle used as a noun
        ("perdente", "perdere", True),
        ("sovietica", "sovietico", True),  # an adjective's other gender
        ("sovietici", "sovietica", True),
        ("volontaria", "volontario", True),
        ("lavori", "lavoro", True),  # simplemma: lavorio; the plural of both
        ("dati", "dare", False),  # a plural noun a table of this module decided
        ("state", "stare", False),  # decided by IRREGULAR
        ("casa", "caso", False),  # no adjective suffix: never another noun's gender
        ("porta", "porto", False),
        ("legge", "leggere", False),
    ],
)
def test_second_readings(word: str, reading: str, opened: bool) -> None:
    assert (reading in verb_readings(word, lemma(word))) is opened


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("NATO", "nato"),  # not `nascere`
        ("USA", "usa"),  # not `uso`
        ("UE", "ue"),
        ("nato", "nascere"),
        ("Colloqui", "colloquio"),
        ("È", "essere"),  # one capital letter is not an acronym
    ],
)
def test_term_keeps_acronyms(surface: str, expected: str) -> None:
    assert term(surface) == expected
    assert is_acronym(surface) == (expected == fold(surface) and surface.isupper())


def test_token_offsets_and_fields() -> None:
    text = "L’attacco «dell'Ucraina» perché"
    got = [(t.position, t.start, t.end, t.surface, t.term, t.lemma) for t in tokens(text)]
    assert got == [
        (0, 0, 1, "L", "l", "l"),
        (1, 2, 9, "attacco", "attacco", "attacco"),
        (2, 11, 15, "dell", "dell", "dell"),
        (3, 16, 23, "Ucraina", "ucraina", "ucraina"),
        (4, 25, 31, "perché", "perche", "perche"),
    ]


def test_the_index_splits_words_like_the_analyzer() -> None:
    text = "Il presidente ha accolto a Mosca il suo alleato: «colloqui» sull’Ucraina."
    assert TANTIVY_WORDS.analyze(text) == [t.surface for t in tokens(text)]
    assert [t.lemma for t in tokens(text)][3] == "accogliere"


# Every character of the scripts European news are written in (Latin with its
# extensions, Greek, Cyrillic), general punctuation, symbols and emoji: tantivy's tokenizer
# and WORD_RE must agree on each, or highlights would drift from what the index matched.
_SCRIPTS = [
    *range(0x20, 0x250),  # ASCII, Latin-1, Latin Extended-A/B
    *range(0x370, 0x530),  # Greek, Cyrillic
    *range(0x1E00, 0x2070),  # Latin Extended Additional, Greek Extended, punctuation
    *range(0x20A0, 0x2200),  # currency, letterlike symbols, number forms, arrows
    *range(0x1F300, 0x1F650),  # emoji
    0xFFFD,
]


def test_tantivy_and_word_re_split_every_character_alike() -> None:
    differ = [
        hex(c)
        for c in _SCRIPTS
        if TANTIVY_WORDS.analyze(f"a{chr(c)}b") != WORD_RE.findall(f"a{chr(c)}b")
    ]
    assert differ == []


def test_query_lemmas_match_index_terms() -> None:
    assert query_lemmas("Colloqui NATO perche") == ["colloquio", "nato", "perche"]
    assert query_lemmas("colloquio") == [term("colloqui")]


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("droni", "drone"),  # simplemma leaves `droni` alone: the stem field joins them
        ("drone", "droni"),
        ("perche", "perché"),
        ("città", "citta"),
        ("attacchi", "attacco"),
    ],
)
def test_stems_close_lemma_holes(query: str, document: str) -> None:
    assert stem(query) == stem(document)


# Text made of the characters articles actually contain, plus the troublesome ones.
_ALPHABET = st.sampled_from(
    list("aeiouàèéìòùAEIOUÀÈbcdfglmnprstvzBCDFGLMNPRSTVZ0123456789")
    + [" ", " ", "\n", "’", "'", "«", "»", "\ufffd", "😀", "-", ".", ",", "_", "\u0301", "İ", "ǆ"]
)
texts = st.lists(_ALPHABET, max_size=80).map("".join)


@given(texts | st.text(max_size=60))
def test_offsets_slice_to_the_surface(text: str) -> None:
    text = normalize(text)
    toks = tokens(text)
    for i, t in enumerate(toks):
        assert text[t.start : t.end] == t.surface
        assert t.position == i
        assert t.lemma and not any(c.isspace() for c in t.lemma)


@given(texts)
def test_the_index_sees_the_same_words(text: str) -> None:
    text = normalize(text)
    assert TANTIVY_WORDS.analyze(text) == [t.surface for t in tokens(text)]


@given(texts)
def test_analysis_is_deterministic(text: str) -> None:
    text = normalize(text)  # what parse hands over; query_lemmas normalizes by itself
    assert [t.lemma for t in tokens(text)] == [t.lemma for t in tokens(text)]
    assert [t.lemma for t in tokens(text)] == query_lemmas(text)


# -- recall on inflected variants, precision on look-alikes ---------------------------------
# A query word finds a document word when their lemma-field terms are equal, or (at a lower
# weight) their stem-field terms are. Groups: forms of one lexeme, each should find the
# others. Look-alikes: words of different lexemes that should not find each other.
RECALL_GROUPS = [
    "drone droni",
    "respingere respinge respinta respinto respinti respingono",
    "incontrare incontra incontrato incontrati incontrò incontreranno",
    "colloquio colloqui",
    "accogliere accolto accolse accoglie accolti",
    "attacco attacchi",
    "cyberattacco cyberattacchi",
    "jihadista jihadisti",
    "missile missili",
    "negoziato negoziati",
    "presidente presidenti",
    "russo russa russi russe",
    "ucraino ucraini",
    "sanzione sanzioni",
    "guerra guerre",
    "dire disse dice dicono",
    "ministro ministri",
    "bombardamento bombardamenti",
    "tregua tregue",
    "elezione elezioni",
    "alleato alleati alleata",
    "difesa difese",
    "vertice vertici",
    "soldato soldati",
    "tariffa tariffe",
    "dazio dazi",
    "intercettare intercettato intercettati",
    "stato stati",
    "partito partiti",
    "governo governi",
    "legge leggi",
    "perché perche",
    "città citta",
]
LOOKALIKES = [
    ("stato", "è"),  # the State is not "is"
    ("stati", "sono"),
    ("partito", "partire"),
    ("morte", "morire"),
    ("NATO", "nato"),
    ("USA", "usa"),
    ("porta", "porto"),
    ("parte", "partito"),
    ("pace", "pacco"),
    ("legge", "leggere"),
    ("governo", "governatore"),
    ("corte", "corto"),
    ("campo", "campagna"),
    ("fine", "finanza"),
    ("vite", "vita"),
    ("capo", "capitale"),
]


# The corpus of these tests: every word of the groups and the look-alikes.
CORPUS = Vocabulary(
    sorted({w for g in RECALL_GROUPS for w in g.split()} | {w for p in LOOKALIKES for w in p})
)


def _match(a: str, b: str) -> tuple[bool, bool]:
    """(lemma fields match, query word a finds document word b) in CORPUS: by lemma, or
    through the stem fallback when the lemmatizer left both words alone."""
    lem = term(a) == term(b)
    return lem, b in CORPUS.expand(a).words


def _pairs() -> list[tuple[str, str]]:
    return [(a, b) for g in RECALL_GROUPS for a in g.split() for b in g.split() if a != b]


def test_recall_on_inflected_variants() -> None:
    pairs = _pairs()
    lemma_only = sum(_match(a, b)[0] for a, b in pairs) / len(pairs)
    found = sum(_match(a, b)[1] for a, b in pairs) / len(pairs)
    # simplemma's holes (droni, cyberattacchi, jihadisti) are closed by the stem fallback
    assert lemma_only < 1.0
    assert found == 1.0


def test_precision_on_lookalikes() -> None:
    by_lemma = {(a, b) for a, b in LOOKALIKES if _match(a, b)[0]}
    found = {(a, b) for a, b in LOOKALIKES if _match(a, b)[1] or _match(b, a)[1]}
    # porta and porto name their plurals (porte, porti): nouns, no longer both portare.
    # The stem fallback joins only words the lemmatizer left alone and never an acronym:
    # in this small corpus, where no other form of corto, vita or porta occurs, that
    # leaves 3 pairs, where commit 0291c3a joined 9 (1 by lemma, 8 by stem).
    assert by_lemma == set()
    assert found == {("corte", "corto"), ("vite", "vita"), ("porta", "porto")}
