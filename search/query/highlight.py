"""Lemma-aware highlighting and snippets, computed on the original text.

The stored title and body are read with search.analyze (the analyzer the query was
expanded with), so a query for `incontrare` marks `incontra` and `incontrato`, and the
offsets point into the text exactly as the user reads it. Words the index matched through
their stem are marked too. Given the corpus vocabulary (search.index.vocabulary), the words to
mark are listed once per query and found with one regular expression per text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from search.analyze import (
    STOPWORDS,
    WORD_RE,
    Token,
    fold,
    is_acronym,
    normalize,
    stem,
    term,
    tokens,
)
from search.index.vocabulary import Vocabulary, alone_in
from search.query import language as ql
from search.query.patterns import position_forms

SNIPPET_CHARS = 220
# what a paragraph break reads as inside a snippet, which is one line: a plain space
# would glue a heading to the paragraph after it
PARAGRAPH_BREAK = " · "
LEAD_CHARS = 1200  # a long body is searched for its snippet from this much of its lead
# a whole word: not preceded or followed by a word character (search.analyze.WORD_RE)
_WORD_START = r"(?<![^\W_])(?:"
_WORD_END = r")(?![^\W_])"
# the runs of white space and control characters that squashing changes into one space:
# all but a lone space
_CHANGED_RUN = re.compile(r"[\s\x00-\x1f\x7f-\x9f]{2,}|[^\S ]|[\x00-\x1f\x7f-\x9f]")


def word_tokens(text: str, keep_stop: bool) -> tuple[list[Token], list[Token]]:
    """(all tokens, tokens that count) of one query word; stop words do not count unless
    `keep_stop` (a query made only of stop words still means something)."""
    toks = tokens(normalize(text))
    content = toks if keep_stop else [t for t in toks if t.term not in STOPWORDS]
    return toks, content


def only_stopwords(ast: ql.Node | None) -> bool:
    """True when the query's free words are all stop words (then they are kept)."""
    words = [n for n, _ in ql.walk(ast) if isinstance(n, ql.Word)]
    return bool(words) and all(not word_tokens(w.text, keep_stop=False)[1] for w in words)


def _name_words(name: str) -> list[str]:
    """The folded words of a person's name, marked as written (never by lemma: a name
    needs no lemma, and computing one could load simplemma's whole table for a
    lowercase `persona:putin` the vocabulary only holds as `Putin`)."""
    return [fold(w) for w in WORD_RE.findall(normalize(name))]


@dataclass
class Highlighter:
    """What to mark in a text: built once per query, applied to many texts."""

    lemmas: set[str] = field(default_factory=set)
    # (stem, word as typed, its lemma): the word's stem fallback, which only joins words
    # that the lemmatizer left alone (Vocabulary.expand)
    stems: set[tuple[str, str, str]] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)  # exact folded words (people's names)
    prefixes: set[str] = field(default_factory=set)
    phrases: set[tuple[str, ...]] = field(default_factory=set)  # lemma sequences
    parts: dict[Any, int] = field(default_factory=dict)  # key -> which query part it is
    # the words as typed of each phrase: a position whose forms are too many for the index
    # matches only these (search.query.patterns.position_forms)
    surfaces: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    title_parts: set[int] = field(default_factory=set)  # parts of `titolo:` clauses
    _compiled: _Compiled | None = field(default=None, repr=False, compare=False)

    def __bool__(self) -> bool:
        return bool(self.lemmas or self.stems or self.terms or self.prefixes or self.phrases)

    @classmethod
    def from_query(
        cls, text: str, people: Iterable[str] = (), vocab: Vocabulary | None = None
    ) -> Highlighter:
        """Highlighter for a query string (read leniently: highlighting never fails)."""
        ast, _ = ql.parse_lenient(text)
        return cls.from_ast(ast, people, vocab)

    @classmethod
    def from_ast(
        cls, ast: ql.Node | None, people: Iterable[str] = (), vocab: Vocabulary | None = None
    ) -> Highlighter:
        """Marks every positive word, prefix and phrase of `ast`, and the words of `people`
        (the canonical names a `persona:` clause resolved to). With the corpus `vocab`,
        the words to mark are listed once, from the vocabulary, and found in each text
        with one regular expression (`_Compiled`)."""
        h = cls._parts(ast, people)
        if vocab is not None:
            h._compiled = _Compiled.of(h, vocab)
        return h

    @classmethod
    def _parts(cls, ast: ql.Node | None, people: Iterable[str]) -> Highlighter:
        h = cls()
        keep_stop = only_stopwords(ast)
        part = 0  # one id per query part: a word's lemma and stem are the same part
        for node, negated in ql.walk(ast):
            if negated:
                continue
            part += 1
            if getattr(node, "field", None) == "title":
                h.title_parts.add(part)
            if isinstance(node, ql.Word):
                toks, content = word_tokens(node.text, keep_stop)
                if len(content) == 1:
                    tok = content[0]
                    h._add(h.lemmas, tok.lemma, part)
                    if not is_acronym(tok.surface):  # as Vocabulary.expand
                        h._add(h.stems, (stem(tok.surface), tok.surface, tok.lemma), part)
                elif content:
                    h._add_phrase(toks, part)
            elif isinstance(node, ql.Phrase):
                toks = tokens(normalize(node.text))
                if len(toks) == 1:
                    h._add(h.lemmas, toks[0].lemma, part)
                elif toks:
                    h._add_phrase(toks, part)
            elif isinstance(node, ql.Prefix):
                toks = tokens(normalize(node.text))
                if toks:
                    h._add(h.prefixes, toks[-1].term, part)
                    for t in toks[:-1]:
                        if t.term not in STOPWORDS:
                            h._add(h.lemmas, t.lemma, part)
            elif isinstance(node, ql.Match) and node.field == "person":
                for word in _name_words(node.value):
                    h._add(h.terms, word, part)
        for name in people:
            part += 1
            for word in _name_words(name):
                if word not in STOPWORDS:
                    h._add(h.terms, word, part)
        return h

    def _add(self, kind: set, key: Any, part: int) -> None:
        kind.add(key)
        self.parts.setdefault(key, part)

    def _add_phrase(self, toks: list[Token], part: int) -> None:
        key = tuple(t.lemma for t in toks)
        self._add(self.phrases, key, part)
        self.surfaces.setdefault(key, tuple(t.surface for t in toks))

    def body_matches(self, text: str) -> list[tuple[int, int, int]]:
        """`matches` in a body: without the parts of `titolo:` clauses, which only the
        title's words satisfy."""
        found = self.matches(text)
        if not self.title_parts:
            return found
        return [m for m in found if m[2] not in self.title_parts]

    # ------------------------------------------------------------ matching

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, part) of every marked word or phrase in `text`, in order; `part`
        numbers the query part that matched (to prefer passages that match many parts).

        Runs for every hit shown, so it does little per word: each distinct word of the
        text is classified once, and the matching words are found with `str.find`.
        """
        if not self or not text:
            return []
        if self._compiled is not None:
            return self._compiled.matches(text)
        words = list(set(WORD_RE.findall(text)))
        keys, terms = self._keys(words)
        out: list[tuple[int, int, int]] = []
        taken: list[tuple[int, int]] = []
        for phrase in self.phrases:
            parts = []
            for lem in phrase:
                alts = [w for w, t in zip(words, terms, strict=True) if t == lem]
                if not alts:
                    break
                parts.append(f"(?:{_alternation(alts)})")
            else:
                pattern = _WORD_START + r"[\W_]+".join(parts) + _WORD_END
                for m in re.finditer(pattern, text):
                    out.append((m.start(), m.end(), self.parts[phrase]))
                    taken.append(m.span())
        for word, key in keys.items():
            for start, end in _occurrences(text, word):
                if not any(s <= start < e for s, e in taken):
                    out.append((start, end, key))
        out.sort(key=lambda m: m[0])
        return out

    def _keys(self, words: list[str]) -> tuple[dict[str, int], list[str]]:
        """The words that match a query part alone, with that part's key; and each
        word's lemma-field term (phrases look their words up there).

        Runs over every distinct word of every text shown, so each word costs only a
        cached `analyze.term` and C string methods; folding (NFKD) runs only on non-ASCII
        words, the stemmer only on words that start like a query stem (faster than
        bisecting sorted words or regular expressions over `term<TAB>word` lines).
        """
        terms = list(map(term, words))
        wanted = self.lemmas
        parts = self.parts
        keys: dict[str, int] = {
            w: parts[t] for w, t in zip(words, terms, strict=True) if t in wanted
        }
        if not (self.terms or self.prefixes or self.stems):
            return keys, terms
        lowered = "\n".join(words).lower().split("\n")
        if len(lowered) != len(words):
            lowered = [w.lower() for w in words]
        names = self.terms
        prefixes = tuple(self.prefixes)
        forms: dict[str, list[str]] = {}  # the text's words by lemma term
        if self.stems:
            for w, t in zip(words, terms, strict=True):
                forms.setdefault(t, []).append(w)
        # a query word falls back on its stem only when no word of the text is another
        # form of its lemma, as Vocabulary.expand does over the corpus
        stems = {
            key[0]: parts[key] for key in self.stems if alone_in(key[1], forms.get(key[2], ()))
        }
        # a Snowball stem is a prefix of its folded word, up to a final vowel it may
        # rewrite: only words that start with a query stem (minus that letter) can match
        heads = tuple({s[:-1] or s for s in stems})
        starts = prefixes + heads
        for w, low in zip(words, lowered, strict=True):
            if w in keys:
                continue
            if not low.isascii():
                low = fold(low)
            if low in names:
                keys[w] = parts[low]
            elif starts and low.startswith(starts):
                if prefixes and low.startswith(prefixes):
                    keys[w] = parts[next(p for p in prefixes if low.startswith(p))]
                elif stem(w) in stems and alone_in(w, forms.get(term(w), ())):
                    if low not in STOPWORDS and not is_acronym(w):
                        keys[w] = stems[stem(w)]
        return keys, terms

    def matches_by_token(self, text: str) -> list[tuple[int, int, int]]:
        """`matches` word by word: the slow reference the fast path is tested against."""
        toks = tokens(text)
        keys = self._keys(list({t.surface for t in toks}))[0]
        terms = [t.lemma for t in toks]
        out: list[tuple[int, int, int]] = []
        taken = [False] * len(toks)
        for phrase in self.phrases:
            k = len(phrase)
            for i in range(len(toks) - k + 1):
                if not any(taken[i : i + k]) and tuple(terms[i : i + k]) == phrase:
                    out.append((toks[i].start, toks[i + k - 1].end, self.parts[phrase]))
                    for j in range(i, i + k):
                        taken[j] = True
        for i, t in enumerate(toks):
            if not taken[i] and t.surface in keys:
                out.append((t.start, t.end, keys[t.surface]))
        out.sort(key=lambda m: m[0])
        return out

    def spans(self, text: str, in_body: bool = False) -> list[tuple[int, int]]:
        """Character spans to mark in a whole text (the article view); `in_body`: the
        text is a body, where `titolo:` clauses mark nothing."""
        found = self.body_matches(text) if in_body else self.matches(text)
        return [(s, e) for s, e, _ in found]

    def snippet(
        self, body: str, title: str = "", size: int = SNIPPET_CHARS
    ) -> tuple[str, list[tuple[int, int]]]:
        """The best passage of the body (or the title when only the title matches), with
        highlight offsets into the returned snippet.

        A long body is read from its lead first: when the lead already matches every part
        of the query (the usual case: news say what matters first), its best passage is
        the snippet and the rest of the body is not analyzed.
        """
        found: list[tuple[int, int, int]] = []
        cut = body.find(" ", LEAD_CHARS) if len(body) > 2 * LEAD_CHARS else -1
        if cut > 0:
            lead_found = self.body_matches(body[:cut])
            found = lead_found
            wanted = set(self.parts.values()) - self.title_parts
            if not found or len({p for _, _, p in found}) < len(wanted):
                found = []
            else:
                start, end = best_window(found, size)
                if frame(body, start, end, size)[1] > cut:  # the window runs past the lead
                    found = []
            if not found:  # read the rest (cut at a space: no word spans the two parts)
                rest = self.body_matches(body[cut:])
                found = lead_found + [(s + cut, e + cut, p) for s, e, p in rest]
                if self.phrases:  # a phrase may span the cut: read the whole body
                    found = self.body_matches(body)
        else:
            found = self.body_matches(body)
        if not found and title:
            in_title = self.matches(title)
            if in_title:
                return squash(title, 0, len(title), [(s, e) for s, e, _ in in_title])
        if not found:
            return lead(body or title, size), []
        start, end = best_window(found, size)
        lo, hi = frame(body, start, end, size)
        inside = [(s, e) for s, e, _ in found if s >= lo and e <= hi]
        return squash(body, lo, hi, inside)


# Up to this many groups of words to mark, each group is looked for with a substring
# search; past it, the text's words are listed once and intersected.
FIND_WORDS = 64
# Words are grouped by their first HEAD_CHARS characters: the forms of one lemma mostly
# share them (`spaccio`, `spacciato`, `spacciavano`), so one substring search finds where
# any of them may start, and the word that starts there is looked up.
HEAD_CHARS = 4


@dataclass
class _Compiled:
    """A highlighter's words as the corpus writes them: `words` maps each corpus word that
    matches a query part alone (a form of its lemma, a word with its stem, a word that
    starts with its prefix, a person's name) to that part; `phrases` are regular
    expressions of consecutive forms, with the forms each position may take. The same
    vocabulary expanded the query, so what is marked is what the index matched.

    A text is matched by looking for the first letters its words share (`spac`, `Spac`,
    `coca`...) with substring searches and reading the whole word at each place found
    that starts a word (or, for very many groups, by intersecting the text's set of words
    with them): faster than one alternation regex over the text, whose every position
    Python's `re` tries in turn, and than a substring search per word (the forms of a
    query share few first letters; docs/internals/analysis.md).
    """

    words: dict[str, int]
    phrases: list[tuple[re.Pattern[str], list[frozenset[str]], int]]
    heads: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        # a head that starts with a shorter one (`Il` after `I`) would find its words twice
        for head in sorted({w[:HEAD_CHARS] for w in self.words}, key=len):
            if not head.startswith(tuple(self.heads)):
                self.heads.append(head)

    @classmethod
    def of(cls, h: Highlighter, vocab: Vocabulary) -> _Compiled | None:
        words: dict[str, int] = {}
        for lem in h.lemmas:
            for w in vocab.forms(lem):
                words.setdefault(w, h.parts[lem])
        for name in h.terms:
            for w in vocab.prefix_forms(name):
                if fold(w) == name:
                    words.setdefault(w, h.parts[name])
        for prefix in h.prefixes:
            for w in vocab.prefix_forms(prefix):
                words.setdefault(w, h.parts[prefix])
        for key in h.stems:
            found = vocab.expand(key[1])
            for w in found.stemmed + found.readings:
                words.setdefault(w, h.parts[key])
        phrases = []
        for phrase in h.phrases:
            # the words the compiler's phrase positions list (search.query.compile)
            alts = [
                position_forms(vocab.expand(surface).forms, surface) or []
                for surface in h.surfaces.get(phrase, phrase)
            ]
            if all(alts):
                body = r"[\W_]+".join(f"(?:{_alternation(a)})" for a in alts)
                pattern = re.compile(_WORD_START + body + _WORD_END)
                phrases.append((pattern, [frozenset(a) for a in alts], h.parts[phrase]))
        return cls(words, phrases)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        words = self.words
        present: set[str] | None = None
        at: list[tuple[int, int, int]] = []  # whole words to mark: start, end, part
        if len(self.heads) <= FIND_WORDS:  # `find` is a C substring search: no word list
            word_at, is_word_char = WORD_RE.match, _WORD_CHAR.match
            for head in self.heads:
                i = text.find(head)
                while i >= 0:
                    if i == 0 or not is_word_char(text, i - 1):
                        m = word_at(text, i)
                        if m is not None and m.group() in words:
                            at.append((i, m.end(), words[m.group()]))
                    i = text.find(head, i + 1)
        else:
            present = set(WORD_RE.findall(text))
            for w in present.intersection(words):
                at += [(start, end, words[w]) for start, end in _occurrences(text, w)]
        out: list[tuple[int, int, int]] = []
        taken: list[tuple[int, int]] = []
        for pattern, alts, part in self.phrases:
            if present is None:
                possible = all(any(w in text for w in a) for a in alts)
            else:
                possible = all(not a.isdisjoint(present) for a in alts)
            if possible:
                for m in pattern.finditer(text):
                    out.append((m.start(), m.end(), part))
                    taken.append(m.span())
        for start, end, part in at:
            if not taken or not any(s <= start < e for s, e in taken):
                out.append((start, end, part))
        out.sort(key=lambda m: m[0])
        return out


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_CHAR = re.compile(r"[^\W_]")


def _occurrences(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Where `word` occurs in `text` as a whole word (as search.analyze.WORD_RE cuts)."""
    size, n = len(word), len(text)
    i = text.find(word)
    while i >= 0:
        j = i + size
        if (i == 0 or not _WORD_CHAR.match(text, i - 1)) and (
            j == n or not _WORD_CHAR.match(text, j)
        ):
            yield i, j
        i = text.find(word, j)
    return


def best_window(found: list[tuple[int, int, int]], size: int) -> tuple[int, int]:
    """Start and end of the run of matches that fits in `size` characters and covers the
    most distinct query parts (then the most matches; the earliest on ties)."""
    best = (-1, -1, 0, 0)
    j = 0
    for i in range(len(found)):
        j = max(j, i)
        while j + 1 < len(found) and found[j + 1][1] - found[i][0] <= size:
            j += 1
        window = found[i : j + 1]
        score = (len({k for _, _, k in window}), len(window))
        if score > best[:2]:
            best = (*score, found[i][0], found[j][1])
    return best[2], best[3]


def frame(text: str, start: int, end: int, size: int) -> tuple[int, int]:
    """A window of about `size` characters around [start, end), cut at word boundaries and
    starting at the beginning of the sentence when it is near."""
    slack = max(0, size - (end - start))
    lo = max(0, start - slack // 3)
    sentence = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start))
    if sentence >= 0:
        lo = sentence + 1
    elif lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    hi = min(len(text), max(end, lo + size))
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space > end else hi
    while lo < start and text[lo].isspace():
        lo += 1
    return lo, hi


def squash(
    text: str, lo: int, hi: int, spans: Sequence[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """text[lo:hi] on one line, with an ellipsis where it was cut, and `spans` moved to the
    new offsets. A paragraph break (a run of white space with two line breaks) inside it
    becomes PARAGRAPH_BREAK; any other run of white space and control characters, one
    space."""
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(text) else ""
    part = text[lo:hi]
    runs = _changed_runs(part)
    if not runs:
        return head + part + tail, [(len(head) + s - lo, len(head) + e - lo) for s, e in spans]
    gaps = [
        PARAGRAPH_BREAK
        if 0 < start and end < len(part) and part.count("\n", start, end) > 1
        else " "
        for start, end in runs
    ]
    pieces, last = [head], 0
    for (start, end), gap in zip(runs, gaps, strict=True):
        pieces += [part[last:start], gap]
        last = end
    out = "".join(pieces) + part[last:] + tail

    def moved(pos: int) -> int | None:
        pos -= lo
        shift = 0
        for (start, end), gap in zip(runs, gaps, strict=True):
            if end <= pos:
                shift += end - start - len(gap)
            elif start < pos:
                return None  # inside a run (now one space or a paragraph break)
            else:
                break
        return len(head) + pos - shift

    out_spans = []
    for s, e in spans:
        ns, ne = moved(s), moved(e)
        if ns is not None and ne is not None:
            out_spans.append((ns, ne))
    return out, out_spans


def _changed_runs(part: str) -> list[tuple[int, int]]:
    """Where `part` has runs of white space or control characters other than a lone space.

    Snippets are short windows of prose: most have no such run, and the rest mostly a
    paragraph break. Printable text has no white space but the space and no control
    characters (they all are in Unicode's Other and Separator categories), so those two
    cases are found with C string methods; anything else takes a regular expression,
    whose scan is far slower.
    """
    if part.isprintable():
        if "  " not in part:
            return []
        gaps = " "
    elif part.replace("\n", "").isprintable():
        gaps = " \n"
    else:
        return [m.span() for m in _CHANGED_RUN.finditer(part)]
    runs = []
    n = len(part)
    i = _next_gap(part, 0)
    while i < n:
        start, end = i, i + 1
        while start > 0 and part[start - 1] in gaps:
            start -= 1
        while end < n and part[end] in gaps:
            end += 1
        runs.append((start, end))
        i = _next_gap(part, end)
    return runs


def _next_gap(part: str, i: int) -> int:
    """The first place from `i` on where a run that squashing changes may be: a double
    space or a newline (len(part) when there is none)."""
    n = len(part)
    a, b = part.find("  ", i), part.find("\n", i)
    return min(a if a >= 0 else n, b if b >= 0 else n)


def lead(text: str, size: int = SNIPPET_CHARS) -> str:
    """The beginning of a text on one line, cut at a word boundary."""
    hi = len(text)
    if hi > size:
        space = text.rfind(" ", 0, size)
        hi = space if space > size // 2 else size
    return squash(text, 0, hi, [])[0]
