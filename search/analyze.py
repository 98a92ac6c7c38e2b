"""The one Italian analyzer: used at index time, at query time and for highlighting.

A token is a run of letters or digits, lowercased, lemmatized by simplemma and folded
of its accents; short all-capital words (`NATO`) are names and keep their letters.
Tokens keep their character offsets so the highlighter marks the original words. The
index never runs this per word: `term` and `stem` are applied once per distinct corpus
word (search.index.vocabulary). The rules and their reasons: docs/internals/analysis.md.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

# Letters and digits only: `_`, apostrophes, U+FFFD and punctuation separate words. The
# same split as tantivy's `simple` tokenizer (Rust `char::is_alphanumeric`), which indexes
# the text: tests/unit/test_analyze.py checks it character by character. One divergence,
# outside Latin, Greek and Cyrillic text: combining marks that Unicode counts as
# alphabetic (Hebrew points, Indic vowel signs) stay inside a tantivy word and split a
# Python one, which only changes what the highlighter marks in such words.
WORD_RE = re.compile(r"[^\W_]+")

# Function words that carry no meaning on their own. They stay in the index (phrases need
# their positions) but are dropped from free-text queries so they never drive ranking.
STOPWORDS = frozenset(
    """a ad al allo ai agli all alla alle c che chi ci col con cui d da dal dallo dai dagli dall
    dalla dalle de degli dei del dell della delle dello di e ed gli ha hanno ho i il in l la le
    lo ma ne negli nei nel nell nella nelle nello non o per po quel quella quelle quelli quello
    questa queste questi questo s se si sia sono su sua sue sugli sui sul sull sulla sulle
    sullo suo suoi tra fra un una uno essere avere""".split()
)


def _install_dictionary_cache() -> None:
    """Keep simplemma's decoded dictionaries in the user's cache folder.

    simplemma decodes its compressed dictionary on every process start, paid by every
    `cerca index` run and every worker; the decoded table loads from a marshal file in a
    fraction of that time. marshal, not pickle: loading it cannot run code. Any problem
    with the cache falls back to simplemma's own loader.
    """
    try:
        from simplemma.strategies.dictionaries import dictionary_factory as factory

        original = factory._load_dictionary_from_disk
        supported = factory.SUPPORTED_LANGUAGES
    except (ImportError, AttributeError):  # another simplemma layout: keep its loader
        return
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "cerca"
    version = getattr(sys.modules.get("simplemma"), "__version__", "unknown")

    def load(langcode: str) -> dict[bytes, bytes]:
        if langcode not in supported:
            return original(langcode)  # raises simplemma's own error
        path = folder / f"simplemma-{version}-{langcode}.marshal"
        try:
            with open(path, "rb") as fh:
                table = marshal.load(fh)
            if isinstance(table, dict) and table:
                return table
        except (OSError, EOFError, ValueError, TypeError):
            pass
        table = original(langcode)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                marshal.dump(table, fh)
            os.replace(tmp, path)
        except OSError:
            pass  # read-only home: just slower
        return table

    factory._load_dictionary_from_disk = load


_SIMPLEMMA: list[ModuleType] = []


def simplemma_module() -> ModuleType:
    """simplemma, imported (with the dictionary cache installed) on first use only.

    A `cerca query` whose words are all in the corpus vocabulary (`terms.marshal`) never
    needs it, and its import is a visible share of a query process's start.
    """
    if not _SIMPLEMMA:
        import simplemma

        _install_dictionary_cache()
        _SIMPLEMMA.append(simplemma)
    return _SIMPLEMMA[0]


def fold(text: str) -> str:
    """Lowercase and strip accents: `Perché` -> `perche`."""
    low = text.lower()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Caches shared by every call in a process: lowercase word -> lemma, and surface word ->
# index term. Plain dicts rather than lru_cache: the indexing hot path maps whole word
# lists through `dict.__getitem__` in C, cheaper than one cached call per word. News
# vocabularies are small; the cap only guards against pathological input such as
# random strings.
_LEMMAS: dict[str, str] = {}
_TERMS: dict[str, str] = {}
_STEMS: dict[str, str] = {}
_CACHE_MAX = 1_000_000


# Homographs whose noun reading is what news searches mean, where simplemma picks the
# verb: `Stato`/`Stati Uniti` -> `essere` made every "è" match a search for the State;
# `partito` -> `partire`; `morte` -> `morire`.
LEMMA_OVERRIDES = {
    "stato": "stato",
    "stati": "stato",
    "partito": "partito",
    "partiti": "partito",
    "morte": "morte",
}

# Forms of frequent irregular verbs that simplemma gives to another word, from the verbs'
# conjugation tables (a grammar fact, no lexicon): `so` is sapere (simplemma: essere),
# `vai` andare (vaio), `detto` the participle of dire (dettare); `dante` is the name, the
# present participle of dare being obsolete. `state`/`stata` are forms of essere and of
# stare: they expand to what both readings share, the participle, and of it only the
# feminine (`stato`/`stati` are the noun Stato, LEMMA_OVERRIDES), instead of every form
# of essere, which is in every article. Apocopes: `gran` is grande, `fuor` fuori (not
# essere); `po'` (poco) and `fan` are left alone, being also the river Po and the noun fan.
IRREGULAR = {
    "so": "sapere",
    "vai": "andare",
    "detto": "dire", "detta": "dire", "detti": "dire", "dette": "dire",
    "dante": "dante",
    "state": "stata", "stata": "stata",
    "gran": "grande", "fuor": "fuori",
}  # fmt: skip

# Forms with a second reading of another lemma that no grammar rule derives (the past
# tense `chiese` of chiedere is also the plural of chiesa): word -> second lemma. The
# regular noun/verb homographs (`porta`, `riforma`, `giro`) are found by
# `verb_readings`.
AMBIGUOUS = {"chiese": "chiedere"}


# Participles that news use mostly as nouns: a chain stops there, so `dati`, `fatti` find
# dato, fatto and not every form of dare, fare.
NOUN_PARTICIPLES = frozenset({"dato", "fatto", "stato", "partito"})

# Enclitic pronouns after an infinitive or a gerund, longest first (`mandarglielo`,
# `andarsene`, `darmelo`, `dirgli`).
_ENCLITIC = re.compile(
    r"^([a-z]{2,}?(?:ar|er|ir|r|ando|endo))((?:glie|me|te|ce|ve|se)(?:lo|la|li|le|ne)|gli|lo|la|li|le|ne|mi|ti|ci|vi|si)$"
)
# Short infinitives whose forms with a pronoun are also forms of other words (`farci` is a
# form of farcire to simplemma): for them the pronoun reading wins.
# (`por` is not: `porti`, `porci` are harbours and pigs first)
_SHORT_INFINITIVES = frozenset({"far", "dir", "dar", "star", "aver", "esser", "andar"})
# Monosyllabic imperatives with a pronoun (the consonant doubles): `dimmi`, `facci`.
IMPERATIVES = {
    "dimmi": "dire", "dicci": "dire", "dillo": "dire", "digli": "dire",
    "fammi": "fare", "facci": "fare", "fagli": "fare",
    "dammi": "dare", "dacci": "dare", "vattene": "andare", "stammi": "stare",
}  # fmt: skip
# Irregular past participles (masculine singular ending -> infinitive ending), longest
# first: simplemma takes `iscritti`, `ridotta`, `concesse` for adjectives of their own.
_PARTICIPLES = (
    ("risposto", "rispondere"), ("nascosto", "nascondere"), ("scritto", "scrivere"),
    ("dotto", "durre"), ("cesso", "cedere"), ("vissuto", "vivere"), ("messo", "mettere"),
    ("preso", "prendere"), ("corso", "correre"), ("posto", "porre"), ("tratto", "trarre"),
    ("scelto", "scegliere"), ("colto", "cogliere"), ("volto", "volgere"),
    ("chiuso", "chiudere"), ("viso", "videre"), ("ciso", "cidere"), ("rotto", "rompere"),
    ("stretto", "stringere"), ("spinto", "spingere"), ("vinto", "vincere"),
    ("giunto", "giungere"), ("visto", "vedere"), ("sceso", "scendere"),
    ("ceso", "cendere"), ("feso", "fendere"), ("speso", "spendere"), ("reso", "rendere"),
    ("presso", "primere"), ("mosso", "muovere"), ("scosso", "scuotere"),
    ("fitto", "figgere"), ("aperto", "aprire"), ("ferto", "frire"), ("perto", "prire"),
    ("parso", "parire"), ("rimasto", "rimanere"), ("chiesto", "chiedere"),
    ("detto", "dire"), ("letto", "leggere"), ("dipinto", "dipingere"),
)  # fmt: skip
_SUPERLATIVE = re.compile(r"^([a-z]{2,}?)h?issim[oaie]$")


def _is_lemma(word: str) -> bool:
    """Whether simplemma knows `word` as a lemma of its own."""
    sm = simplemma_module()
    return sm.is_known(word, lang="it") and sm.lemmatize(word, lang="it") == word


def _is_verb(word: str) -> bool:
    return word.endswith(("are", "ere", "ire", "rre")) and _is_lemma(word)


def _rule_lemma(word: str, known: bool) -> str | None:
    """The lemma of a form simplemma misses: a verb with enclitic pronouns, a superlative."""
    if word in IMPERATIVES:
        return IMPERATIVES[word]
    m = _ENCLITIC.match(word)
    if m and (not known or m.group(1) in _SHORT_INFINITIVES):
        base = m.group(1)
        if base.endswith(("ando", "endo")):
            verb = simplemma_module().lemmatize(base, lang="it")
            if _is_verb(verb):
                return verb
        else:
            for verb in (base + "e", base + "re"):
                if _is_verb(verb):
                    return verb
    m = _SUPERLATIVE.match(word)
    if m:
        bases = [m.group(1) + end for end in ("o", "io", "e", "a")]
        for base in bases:
            if _is_lemma(base):
                return base
        # a positive simplemma knows only as a form (`scarno`, `vietnamita`): its chain
        # then ends where the positive's does
        for base in bases:
            if simplemma_module().is_known(base, lang="it"):
                return base
        # a participle's superlative (`aggiornatissimo`): the participle, whose lemma
        # chain then reaches its verb
        base = m.group(1) + "o"
        if base.endswith(("ato", "uto", "ito")) and simplemma_module().is_known(base, lang="it"):
            return base
    return None


def _participle_verb(word: str) -> str | None:
    """The verb of an irregular past participle (`ridotto` -> ridurre)."""
    if word in NOUN_PARTICIPLES or not word.endswith(("o", "a", "i", "e")):
        return None
    masculine = word[:-1] + "o"
    for ending, infinitive in _PARTICIPLES:
        if masculine.endswith(ending):
            verb = masculine[: -len(ending)] + infinitive
            return verb if _is_verb(verb) else None
    return None


def _names_its_plural(word: str) -> bool:
    """Whether `word` is a singular noun simplemma takes as the lemma of its plural: a
    chain stops there, so `porta` (its plural `porte` -> porta) is the door and not porto,
    `porto` (porti -> porto) the harbour and not portare. The verb comes back as a second
    reading (`verb_readings`)."""
    if len(word) < 4 or not word.endswith(("a", "o")) or word[-3:-1] in ("at", "ut", "it"):
        return False  # a regular participle's chain goes on to its verb
    stem, plural = word[:-1], "e" if word.endswith("a") else "i"
    sm = simplemma_module()
    for form in (stem + plural, stem + "h" + plural):
        if sm.is_known(form, lang="it") and sm.lemmatize(form, lang="it") == word:
            return True
    return False


def _compute_lemma(word: str) -> str:
    if word in LEMMA_OVERRIDES:
        return LEMMA_OVERRIDES[word]
    if word in IRREGULAR:
        return IRREGULAR[word]
    sm = simplemma_module()
    lemmatize = sm.lemmatize
    current = word
    ruled = _rule_lemma(word, sm.is_known(word, lang="it")) if word.isalpha() else None
    if ruled is not None:
        current = ruled
    for _ in range(3):  # follow lemma chains to their end; 3 steps covers every chain seen
        if current in NOUN_PARTICIPLES or _names_its_plural(current):
            break
        nxt = lemmatize(current, lang="it")
        if nxt == current or " " in nxt:
            break
        current = nxt.lower()
    verb = _participle_verb(current) if current.isalpha() else None
    if verb is not None:
        current = verb
    # NFKD can expand a letter into several words (U+FDFA): a term never holds whitespace,
    # or the whitespace tokenizer would shift every later position.
    return "".join(fold(current).split()) or word


def lemma(word: str) -> str:
    """The folded lemma of one lowercase surface word (cached: corpora repeat their words)."""
    try:
        return _LEMMAS[word]
    except KeyError:
        pass
    if len(_LEMMAS) >= _CACHE_MAX:
        _LEMMAS.clear()
    result = _LEMMAS[word] = _compute_lemma(word)
    return result


# Verb endings and the infinitive endings they belong to: a noun or adjective form ending
# so may also be a form of the verb of the same stem: present tense and subjunctive
# (`porta`, `giro`, `isolano`, `provino`: he carries, I turn, they isolate, they try),
# participles (`risultato`, `ristorante`). A final -e (the third person of -ere/-ire
# verbs) is left out: it joins `legge` (law) with leggere. Longest endings first; every
# ending that fits gives its candidates.
_VERB_ENDINGS = (
    ("anti", ("are",)), ("ante", ("are",)),
    ("enti", ("ere", "ire")), ("ente", ("ere", "ire")),
    ("ato", ("are",)), ("ata", ("are",)), ("ati", ("are",)), ("ate", ("are",)),
    ("uto", ("ere",)), ("uta", ("ere",)), ("uti", ("ere",)), ("ute", ("ere",)),
    ("ito", ("ire",)), ("ita", ("ire",)), ("iti", ("ire",)), ("ite", ("ire",)),
    ("ano", ("are",)), ("ino", ("are",)), ("ono", ("ere", "ire")),
    ("a", ("are",)), ("o", ("are", "ere", "ire")), ("i", ("are", "ere", "ire")),
)  # fmt: skip

# Adjective suffixes whose feminine the lemmatizer keeps as a lemma of its own (the noun
# `politica`, `sovietica`, `volontaria`): such a feminine and its masculine are second
# readings of each other. Nouns of other endings (`casa`/`caso`, `porta`/`porto`) never.
_ADJECTIVE = re.compile(r"^[a-z]{3,}(?:ic|iv|i?an|ari|ori|os|esc|ens|ign)[oa]$")


def _verb_candidates(low: str) -> list[str]:
    out: list[str] = []
    for ending, infinitives in _VERB_ENDINGS:
        if not low.endswith(ending):
            continue
        stem = low[: -len(ending)]
        if stem.endswith(("ch", "gh")) and ending[0] in "ie":
            stem = stem[:-1]  # `impieghi`, `giochino`: the h only keeps the sound hard
        for inf in infinitives:
            out.append(stem + inf)
            if ending[0] in "iea" and stem.endswith(("c", "g")):
                out.append(stem + "i" + inf)  # `bacino`, `mangiante`: baciare, mangiare
            if ending[0] == "i" and inf == "are":
                out.append(stem + "iare")  # `incendi`, `fogli`: incendiare, fogliare
    return out


# Endings only verb forms have (gerunds, third plurals of the imperfect, the past and the
# future, the imperfect subjunctive), folded: a lemma in -are, -ere, -ire is a verb of
# the corpus only when some form of it ends so (`solare` the adjective is not).
_VERB_ONLY = (
    "ando", "endo", "avano", "evano", "ivano", "arono", "erono", "irono", "eranno",
    "iranno", "assero", "essero", "issero",
)  # fmt: skip


def shows_verb(forms: Iterable[str]) -> bool:
    """Whether corpus words of one lemma include a form only a verb has."""
    return any(fold(w).endswith(_VERB_ONLY) for w in forms)


def verb_homographs(verb: str) -> list[str]:
    """The forms of `verb` (a lemma) that `verb_readings` gives the verb as a second
    reading when the lemmatizer read them as nouns (`portare` -> porta, porto, porti):
    candidates, which the caller checks both ways."""
    if len(verb) < 5 or not verb.endswith(("are", "ere", "ire")) or verb in STOPWORDS:
        return []
    stem, inf = verb[:-3], verb[-3:]
    # not the third plurals (-ano, -ino, -ono): the nouns that end so are diminutives,
    # demonyms and surnames (`rubino`, `Rubino`), rarely what a verb search means
    return [
        stem + ending
        for ending, infs in _VERB_ENDINGS
        if inf in infs and ending not in ("ano", "ino", "ono")
    ]


def verb_readings(word: str, term: str) -> list[str]:
    """The second readings of a query word: the lemmas of the verbs it is also a form of,
    when its own lemma `term` is not a verb (`porta` -> portare, `chiese` -> chiedere),
    the other gender of an adjective the lemmatizer split (`sovietica` <->
    sovietico), and the -o singular of a plural it gave to an -io noun (`lavori`:
    lavorio, lavoro). Candidates only: the caller keeps those the corpus has forms of.
    Words a table of this module already decided (`dati`, `stato`, `state`) have none."""
    low = fold(word)
    if low in AMBIGUOUS:
        return [AMBIGUOUS[low]]
    if (
        len(low) < 4
        or not low.isalpha()
        or term.endswith(("are", "ere", "ire", "rre"))
        or term in NOUN_PARTICIPLES
        or low in IRREGULAR
        or low in LEMMA_OVERRIDES
    ):
        return []
    out = [v for v in dict.fromkeys(_verb_candidates(low)) if v != term and v not in STOPWORDS]
    if low.endswith("i") and term == low[:-1] + "io":
        out.append(low[:-1] + "o")  # `lavori`: of lavorio, and of lavoro
    if len(term) >= 6 and _ADJECTIVE.match(term):
        out.append(term[:-1] + ("o" if term.endswith("a") else "a"))
    return out


def is_acronym(surface: str) -> bool:
    """`NATO`, `USA`, `UE`, `G7`: short all-capital words, which are names, not inflections.

    simplemma would read them as Italian words (`NATO` -> `nascere`, `USA` -> `uso`), so a
    search for NATO would find every article about someone born somewhere.
    """
    return 2 <= len(surface) <= 5 and surface.isupper()


def term(surface: str) -> str:
    """The lemma term of one word as written (acronyms keep their letters)."""
    try:
        return _TERMS[surface]
    except KeyError:
        pass
    if len(_TERMS) >= _CACHE_MAX:
        _TERMS.clear()
    known = _known(surface) if _KNOWN else None
    if known is not None:
        result = _TERMS[surface] = known[0]
        return result
    low = surface.lower()
    result = _TERMS[surface] = fold(low) if is_acronym(surface) else lemma(low)
    return result


# Where readers find the term and stem of a corpus word before computing them: the
# vocabulary the indexer saved (search.index.vocabulary), so a query or a snippet never loads
# simplemma's table for a word the corpus contains.
_KNOWN: list[Callable[[str], tuple[str, str] | None]] = []


def _known(surface: str) -> tuple[str, str] | None:
    """The known analysis of `surface`, or of a case variant of it: a word's term depends
    only on its lowercase form unless it is an acronym, so `lavrov` typed in a query has
    the term of the corpus's `Lavrov` without loading simplemma's table."""
    lookup = _KNOWN[0]
    found = lookup(surface)
    if found is not None or is_acronym(surface):
        return found
    low = surface.lower()
    for variant in dict.fromkeys((low, low.capitalize(), low.title(), low.upper())):
        if variant != surface and not is_acronym(variant):
            found = lookup(variant)
            if found is not None:
                return found
    return None


def use_known(lookup: Callable[[str], tuple[str, str] | None]) -> None:
    """Consult `lookup` (word -> (term, stem) or None) on a cache miss."""
    _KNOWN[:] = [lookup]


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the original text."""

    position: int
    start: int  # character offset into the analyzed text
    end: int
    surface: str  # the original characters
    term: str  # folded surface
    lemma: str  # folded lemma


def normalize(text: str) -> str:
    """NFC, the form every stored text and every offset refers to."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def tokens(text: str) -> list[Token]:
    """All tokens of `text` (expected NFC, as parse produces) with offsets into it."""
    out = []
    for pos, m in enumerate(WORD_RE.finditer(text)):
        surface = m.group()
        out.append(Token(pos, m.start(), m.end(), surface, fold(surface), term(surface)))
    return out


_STEMMER: list = []  # the tantivy analyzer, built on first use


def stem(surface: str) -> str:
    """The stem of one word: tantivy's Italian Snowball stem of its folded form.

    Computed by tantivy's own analyzer (`schema.stem_analyzer`), once per distinct word
    (cached): words with the same stem are the lower-weight expansion of a query word.
    """
    try:
        return _STEMS[surface]
    except KeyError:
        pass
    known = _KNOWN[0](surface) if _KNOWN else None
    if known is not None:
        if len(_STEMS) >= _CACHE_MAX:
            _STEMS.clear()
        result = _STEMS[surface] = known[1]
        return result
    if not _STEMMER:
        from search.index.schema import stem_analyzer  # schema imports nothing from here

        _STEMMER.append(stem_analyzer())
    if len(_STEMS) >= _CACHE_MAX:
        _STEMS.clear()
    parts = _STEMMER[0].analyze(surface)
    result = _STEMS[surface] = "".join((parts[0] if parts else surface.lower()).split()) or "_"
    return result


def query_lemmas(text: str) -> list[str]:
    """Lemma termss of the words of a query fragment, in order (stop words kept)."""
    return [term(w) for w in WORD_RE.findall(normalize(text))]
