"""The corpus vocabulary: every word the index holds, with its lemma term and its stem.

The index holds words as written, so a query word is expanded here to the corpus words
that share its `analyze.term` (and, at a lower weight, its stem); the highlighter marks
by the same functions. The indexer keeps it in step after each commit and saves it
beside the index (`terms.marshal`); readers load it once and seed the analyzer's caches
with it. See docs/internals/analysis.md#the-corpus-vocabulary.
"""

from __future__ import annotations

import bisect
import marshal
import os
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search import analyze

FILE = "terms.marshal"
# sorted words / terms / stems newline-joined, two orders; bumped when the analysis
# rules change, so a saved vocabulary never keeps terms of older rules
_FORMAT = "cerca-vocabulary-7"


@dataclass(frozen=True, slots=True)
class Expansion:
    """The corpus words one query word matches."""

    forms: list[str]  # forms of its lemma, at full weight
    stemmed: list[str]  # other words with its stem, at a lower weight
    readings: list[str] = field(default_factory=list)  # forms of its second reading

    @property
    def words(self) -> list[str]:
        return self.forms + self.stemmed + self.readings


class Vocabulary:
    """Word -> (term, stem), with the reverse look-ups query expansion needs."""

    def __init__(
        self,
        words: Iterable[str] = (),
        terms: Iterable[str] | None = None,
        stems: Iterable[str] | None = None,
        orders: tuple[array, array] | None = None,
    ) -> None:
        self.words: list[str] = list(words)
        if terms is None or stems is None:
            self.terms: list[str] = [analyze.term(w) for w in self.words]
            self.stems: list[str] = [analyze.stem(w) for w in self.words]
        else:
            self.terms, self.stems = list(terms), list(stems)
        self._known: set[str] | None = None
        # word numbers sorted by term and by stem: a look-up is a bisection, with nothing
        # to build in a process that runs one query (saved with the file, else sorted on
        # first use)
        self._by_term: array | None = orders[0] if orders else None
        self._by_stem: array | None = orders[1] if orders else None
        self._sorted = orders is not None  # words in sorted order (as saved)
        self._position: dict[str, int] | None = None
        self._keys: list[tuple[str, str]] | None = None  # sorted (folded word, word)

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.known

    @property
    def known(self) -> set[str]:
        if self._known is None:
            self._known = set(self.words)
        return self._known

    # -- growing ----------------------------------------------------------------------
    def add(
        self,
        words: Iterable[str],
        terms: Iterable[str] | None = None,
        stems: Iterable[str] | None = None,
    ) -> int:
        """Add the words not known yet, with their terms and stems when the caller
        computed them (`analyze.term`, `analyze.stem`; else computed now). Returns how
        many were new."""
        words = list(words)
        if terms is None or stems is None:
            terms = map(analyze.term, words)
            stems = map(analyze.stem, words)
        new = {}
        for w, t, s in zip(words, terms, stems, strict=True):
            if w not in self.known and w not in new:
                new[w] = (t, s)
        if not new:
            return 0
        self.words.extend(new)
        self.terms.extend(t for t, _ in new.values())
        self.stems.extend(s for _, s in new.values())
        self.known.update(new)
        self._by_term = self._by_stem = self._keys = self._position = None
        self._sorted = False
        return len(new)

    # -- query expansion ----------------------------------------------------------------
    def forms(self, term: str) -> list[str]:
        """The corpus words whose lemma term is `term` (`colloquio` -> Colloqui, colloqui…)."""
        if self._by_term is None:
            self._by_term = _order(self.terms)
        return self._equal(self._by_term, self.terms, term)

    def stem_forms(self, stem: str) -> list[str]:
        """The corpus words whose stem is `stem`."""
        if self._by_stem is None:
            self._by_stem = _order(self.stems)
        return self._equal(self._by_stem, self.stems, stem)

    def expand(self, surface: str) -> Expansion:
        """What a query word matches: the corpus forms of its lemma, plus the word as typed
        and its case variants when the vocabulary does not know them (they can only be
        words indexed since it was saved; a known variant has its own lemma: `NATO` vs
        `nato`); and, at a lower weight, the words that share its stem, and the forms of
        its second reading (`readings`)."""
        term = analyze.term(surface)
        forms = dict.fromkeys(self.forms(term))
        for variant in (surface, surface.lower(), surface.capitalize(), surface.upper()):
            if variant not in forms and (variant == surface or variant not in self):
                forms[variant] = None
        stemmed: list[str] = []
        if not analyze.is_acronym(surface) and alone_in(surface, forms):
            stop = analyze.STOPWORDS
            stemmed = [
                w
                for w in self.stem_forms(analyze.stem(surface))
                if w not in forms
                and analyze.fold(w) not in stop
                and not analyze.is_acronym(w)
                and self.alone(w)
            ]
        readings = self.readings(surface, term, forms)
        if readings and stemmed:  # a word of both counts as the reading, the higher weight
            stemmed = [w for w in stemmed if w not in set(readings)]
        return Expansion(list(forms), stemmed, readings)

    def readings(self, surface: str, term: str, forms: Iterable[str]) -> list[str]:
        """The forms of the second readings of a query word that is itself ambiguous: a
        noun or adjective form that is also a present-tense form of the verb of its stem
        (`porta`, `riforma`, `giro`), or a listed irregular one (`chiese`), or an
        adjective's other gender (`sovietica`, sovietico). Only the typed ambiguous form
        opens its other reading (`porte`, `riforme` stay nouns); the other way a verb
        reaches only its own forms read as nouns (`portare` -> porta, porto, never
        porte). The caller weighs readings below the first reading, so ranking puts
        the meaning the lemmatizer chose first while the total counts every article
        that holds a form of either. A candidate lemma counts only when the corpus holds
        it as a word (no `bianchire` for `bianchi`)."""
        if analyze.is_acronym(surface):
            return []
        seen = set(forms)
        out: list[str] = []
        for lemma in analyze.verb_readings(surface, term):
            found = self.forms(lemma)
            if any(analyze.fold(w) == lemma for w in found) and self._is_lemma_of_kind(
                lemma, found
            ):
                out += [w for w in found if w not in seen]
                seen.update(found)
        # the other way: a verb finds its forms the lemmatizer read as nouns (`portare`
        # -> porta, porto), those alone, never the noun's other forms (porte)
        homographs = analyze.verb_homographs(term)
        if homographs and not analyze.shows_verb(forms):
            homographs = []
        if term.endswith("o") and len(term) >= 4:
            homographs.append(term[:-1] + "i")  # `lavoro` -> lavori, read as of lavorio
        for form in homographs:
            for w in dict.fromkeys((form, form.capitalize(), form.upper())):
                found_as = self.analysis(w)
                if (
                    found_as is not None
                    and w not in seen
                    and term in analyze.verb_readings(w, found_as[0])
                ):
                    out.append(w)
                    seen.add(w)
        return out

    @staticmethod
    def _is_lemma_of_kind(lemma: str, found: list[str]) -> bool:
        """Whether a candidate second reading is what it claims: a verb (`-are`, `-ere`,
        `-ire`) only when the corpus holds a form only a verb has (not the adjective
        `solare` for `solo`); an adjective's other gender always."""
        return not lemma.endswith(("are", "ere", "ire")) or analyze.shows_verb(found)

    def alone(self, word: str) -> bool:
        """Whether the lemmatizer left `word` alone: its lemma has no other corpus form.

        Only such words meet through their stem (simplemma does not know `droni` nor
        `drone`); a word it joined with its forms never takes, nor gives, words of other
        lemmas (`casa` -> caso, `comando` -> come, `liberamente` -> liberare)."""
        return alone_in(word, self.forms(analyze.term(word)))

    def _equal(self, order: array, keys: list[str], key: str) -> list[str]:
        i = bisect.bisect_left(order, key, key=keys.__getitem__)
        out = []
        while i < len(order) and keys[order[i]] == key:
            out.append(self.words[order[i]])
            i += 1
        return out

    def prefix_forms(self, prefix: str) -> list[str]:
        """The corpus words that start with `prefix`, in any case and with accents folded
        (`incontr*` -> incontrato, Incontro, incontrò)."""
        key = analyze.fold(prefix)
        if not key:
            return []
        if self._keys is None:
            self._keys = sorted((analyze.fold(w), w) for w in self.words)
        keys = self._keys
        out = []
        i = bisect.bisect_left(keys, (key, ""))
        while i < len(keys) and keys[i][0].startswith(key):
            out.append(keys[i][1])
            i += 1
        return out

    def analysis(self, word: str) -> tuple[str, str] | None:
        """(term, stem) of a corpus word, None for a word the corpus lacks."""
        if self._sorted:
            i = bisect.bisect_left(self.words, word)
            found = i < len(self.words) and self.words[i] == word
        else:
            if self._position is None:
                self._position = {w: i for i, w in enumerate(self.words)}
            i = self._position.get(word, -1)
            found = i >= 0
        return (self.terms[i], self.stems[i]) if found else None

    def use(self) -> None:
        """Let the analyzer take terms and stems from here: words of the corpus never need
        simplemma's table again. A bisection per word, nothing built up front: seeding the
        caches with every corpus word would cost a one-query process more than it saves."""
        analyze.use_known(self.analysis)

    def _sort(self) -> None:
        """Put the words in sorted order (what `save` writes, so readers can bisect)."""
        if self._sorted:
            return
        order = sorted(range(len(self.words)), key=self.words.__getitem__)
        self.words = [self.words[i] for i in order]
        self.terms = [self.terms[i] for i in order]
        self.stems = [self.stems[i] for i in order]
        self._by_term = self._by_stem = self._keys = self._position = None
        self._sorted = True

    # -- on disk --------------------------------------------------------------------------
    def payload(self) -> tuple:
        """What `save` marshals: newline-joined strings, which load much faster than lists
        of strings (marshal interns every string), and the two sort orders as machine
        integers. Words never hold a newline (letters and digits only); lists are the
        fallback should one ever do."""
        self._sort()
        if self._by_term is None:
            self._by_term = _order(self.terms)
        if self._by_stem is None:
            self._by_stem = _order(self.stems)
        orders = (self._by_term.typecode, self._by_term.tobytes(), self._by_stem.tobytes())
        joined = ["\n".join(x) for x in (self.words, self.terms, self.stems)]
        if all(j.count("\n") == max(0, len(self.words) - 1) for j in joined) and all(self.words):
            return (_FORMAT, *joined, *orders)
        return (_FORMAT, self.words, self.terms, self.stems, *orders)

    def save(self, folder: Path) -> None:
        """Write atomically; a failure only costs speed (readers rebuild from the index)."""
        tmp = Path(folder) / f"{FILE}.{os.getpid()}.tmp"
        try:
            with open(tmp, "wb") as fh:
                marshal.dump(self.payload(), fh)
            os.replace(tmp, Path(folder) / FILE)
        except OSError:
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, folder: Path) -> Vocabulary | None:
        """The saved vocabulary, or None when missing, damaged or of another format."""
        try:
            with open(Path(folder) / FILE, "rb") as fh:
                data = marshal.load(fh)
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not (isinstance(data, tuple) and len(data) == 7 and data[0] == _FORMAT):
            return None
        parts: Sequence[Any] = data[1:4]  # newline-joined strings, or lists of words
        if all(type(p) is str for p in parts):
            parts = [p.split("\n") if p else [] for p in parts]
        if not all(isinstance(p, list) for p in parts) or len({len(p) for p in parts}) != 1:
            return None
        try:
            by_term, by_stem = array(data[4], data[5]), array(data[4], data[6])
        except (TypeError, ValueError):
            return None
        n = len(parts[0])
        if len(by_term) != n or len(by_stem) != n or (n and max(max(by_term), max(by_stem)) >= n):
            return None
        words, terms, stems = parts
        return cls(words, terms, stems, orders=(by_term, by_stem))


def alone_in(word: str, forms: Iterable[str]) -> bool:
    """Whether `forms` (of `word`'s lemma) hold no other word than `word`, in any case."""
    typed = analyze.fold(word)
    return all(analyze.fold(w) == typed for w in forms)


def _order(keys: list[str]) -> array:
    """Positions of `keys` in sorted order."""
    typecode = "I" if len(keys) < 2**32 else "Q"
    return array(typecode, sorted(range(len(keys)), key=keys.__getitem__))


def is_current(folder: Path) -> bool:
    """Whether the saved vocabulary was written after the index's last commit (tantivy's
    `meta.json`). The indexer saves it right after each commit and touches it after a
    commit that added no word, so an older file means the indexer stopped in between (a
    crash) or is in between right now: the index may hold words the file lacks."""
    try:
        saved = (Path(folder) / FILE).stat().st_mtime_ns
        committed = (Path(folder) / "meta.json").stat().st_mtime_ns
    except OSError:
        return False
    return saved >= committed


def complete(vocab: Vocabulary | None, searcher: object) -> Vocabulary:
    """`vocab` with every word of the index it lacks added (all of them when None)."""
    if vocab is None:
        return from_searcher(searcher)
    vocab.add(sorted(index_words(searcher).difference(vocab.known)))
    return vocab


def index_words(searcher: object) -> set[str]:
    """Every word in the term dictionaries of the text fields of an index (a tantivy
    Searcher): the words a query can be expanded to."""
    from search.index.schema import TEXT_FIELDS

    words: set[str] = set()
    for name in TEXT_FIELDS:
        words.update(t for t, _ in searcher.terms_with_prefix(name, ""))  # type: ignore[attr-defined]
    return words


def from_searcher(searcher: object) -> Vocabulary:
    """The vocabulary of an index, computed from its term dictionaries (for an index
    without a saved one: built by hand in tests, or its file lost)."""
    vocab = Vocabulary()
    vocab.add(sorted(index_words(searcher)))
    return vocab
