"""Lemma-aware highlighting on the original text, snippets and their offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import analyze
from search.analyze import WORD_RE
from search.index.vocabulary import Vocabulary
from search.query import highlight
from search.query.highlight import Highlighter, lead

BODY = (
    "Il presidente ha incontrato ieri il ministro degli Esteri. Domani incontra il papa.\n\n"
    "I droni russi hanno colpito Kiev; un drone è caduto vicino alla residenza "
    "presidenziale. Perché nessuno ne parla? L’attacco è stato respinto."
)


def marked(query: str, text: str = BODY, people: tuple[str, ...] = ()) -> list[str]:
    h = Highlighter.from_query(query, people)
    return [text[s:e] for s, e in h.spans(text)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("incontrare", ["incontrato", "incontra"]),  # lemma-aware
        ("incontrato", ["incontrato", "incontra"]),
        ("droni", ["droni", "drone"]),  # `droni` stays `droni` in simplemma: the stem marks it
        ("perche", ["Perché"]),  # accents folded
        ("attacco", ["attacco"]),  # after an elision
        ("respingere", ["respinto"]),
        ('"residenza presidenziale"', ["residenza presidenziale"]),
        ('"presidenziale residenza"', []),
        ("incontr*", ["incontrato", "incontra"]),
        ("droni -kiev", ["droni", "drone"]),  # negated words are not marked
        ("NOT incontrare", []),
        ("il", ["Il", "il", "il", "I"]),  # only stop words: they are the query
        ("il papa", ["papa"]),  # otherwise stop words are not marked
        ("sezione:esteri data:2025", []),  # metadata clauses mark nothing
        ("", []),
    ],
)
def test_spans(query: str, expected: list[str]) -> None:
    assert marked(query) == expected


def test_acronyms_are_names_not_inflections() -> None:
    text = "La NATO si riunisce. Il nipote è nato ieri; gli USA votano."
    assert marked("NATO", text) == ["NATO"]  # not `nato` (born): no stem for an acronym
    assert "nato" in marked("nascere", text)


def test_person_names_are_marked() -> None:
    text = "Il ministro Sergej Lavrov ha parlato. Lavrov ha poi lasciato la sala."
    assert marked("persona:lavrov", text, people=("Sergej Lavrov",)) == [
        "Sergej",
        "Lavrov",
        "Lavrov",
    ]


def test_person_names_are_marked_as_written_never_lemmatized(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a name needs no lemma: computing one would load simplemma's table (~0.6 s of a
    # `cerca query persona:putin` process) for a word the vocabulary holds capitalized
    def no_lemma(word: str) -> str:
        raise AssertionError(f"lemmatized {word!r}")

    monkeypatch.setattr(analyze, "_compute_lemma", no_lemma)
    text = "José Ramírez e JOSÉ RAMIREZ: due grafie, una persona."
    vocab = Vocabulary()
    vocab.add(["José", "JOSÉ", "Ramírez", "RAMIREZ", "Jose"], ["x"] * 5, ["x"] * 5)
    h = Highlighter.from_ast(
        highlight.ql.parse("persona:ramirez"), people=("José Ramírez",), vocab=vocab
    )
    assert [text[s:e] for s, e in h.spans(text)] == ["José", "Ramírez", "JOSÉ", "RAMIREZ"]


def test_snippet_offsets_point_into_the_snippet() -> None:
    body = ("parole di contorno " * 30) + "qui si incontrano i ministri. " + ("altro " * 60)
    snippet, spans = Highlighter.from_query("incontrare").snippet(body)
    assert [snippet[s:e] for s, e in spans] == ["incontrano"]
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= 230


def test_snippet_prefers_the_passage_with_more_query_words() -> None:
    body = (
        "Putin parla a Mosca. "
        + "riempitivo " * 40
        + "Putin e Lavrov insieme a Ginevra. "
        + "riempitivo " * 40
    )
    snippet, spans = Highlighter.from_query("putin lavrov").snippet(body)
    assert [snippet[s:e] for s, e in spans][:2] == ["Putin", "Lavrov"]


def test_snippet_is_one_line_with_offsets_kept() -> None:
    body = "Primo paragrafo con droni.\n\n\tSecondo\x1b[2J paragrafo con un drone."
    snippet, spans = Highlighter.from_query("droni").snippet(body)
    assert "\n" not in snippet and "\x1b" not in snippet and "  " not in snippet
    assert [snippet[s:e] for s, e in spans] == ["droni", "drone"]


def test_snippet_keeps_paragraphs_apart() -> None:
    # a heading and the paragraph after it must not read as one sentence
    body = (
        "Lavrov incontra il suo omologo bielorusso\n\n"
        "Il ministro degli Esteri russo ha incontrato il suo omologo a Minsk."
    )
    snippet, spans = Highlighter.from_query("incontrare").snippet(body)
    assert "omologo bielorusso · Il ministro" in snippet
    assert [snippet[s:e] for s, e in spans] == ["incontra", "incontrato"]
    assert lead(body) == snippet


def test_title_is_the_snippet_when_only_the_title_matches() -> None:
    snippet, spans = Highlighter.from_query("cremlino").snippet("Testo.", "Il Cremlino tace")
    assert snippet == "Il Cremlino tace" and spans == [(3, 11)]


def test_lead_when_nothing_matches() -> None:
    snippet, spans = Highlighter.from_query("garlasco").snippet(BODY)
    assert spans == [] and snippet.startswith("Il presidente ha incontrato")
    assert lead("a " * 300).endswith("…")


WORDS = st.sampled_from(
    ["incontra", "incontrato", "droni", "drone", "perché", "Perche", "residenza",
     "presidenziale", "il", "L’attacco", "dell'Ucraina", "x_y", "İstanbul", "ǅ", "ﷺ"]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=4)), max_size=80).map(" ".join),
)
QUERIES = st.sampled_from(
    ["incontrare", "droni", "perche", '"residenza presidenziale"', "ucrain*", "il", "x",
     "istanbul", "attacco OR droni"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(QUERIES, TEXTS)
def test_fast_path_agrees_with_the_word_by_word_reference(query: str, text: str) -> None:
    h = Highlighter.from_query(query)
    fast = [(s, e) for s, e, _ in h.matches(text)]
    slow = [(s, e) for s, e, _ in h.matches_by_token(text)]
    assert fast == slow


@settings(max_examples=400, deadline=None)
@given(QUERIES, TEXTS)
def test_vocabulary_path_agrees_with_the_word_by_word_reference(query: str, text: str) -> None:
    # the vocabulary of a corpus made of this one text: what the index would hold
    vocab = Vocabulary(sorted(set(WORD_RE.findall(text))))
    h = Highlighter.from_query(query)
    compiled = Highlighter.from_query(query, vocab=vocab)
    slow = [(s, e) for s, e, _ in h.matches_by_token(text)]
    assert [(s, e) for s, e, _ in compiled.matches(text)] == slow  # few words: str.find
    saved = highlight.FIND_WORDS
    highlight.FIND_WORDS = 0  # many words: the text's word set is intersected
    try:
        assert [(s, e) for s, e, _ in compiled.matches(text)] == slow
    finally:
        highlight.FIND_WORDS = saved


@pytest.mark.parametrize(
    ("query", "text"),
    [
        # heads that start with a shorter head (`I`, `Il`, `IL`): each word once
        ("il", "Il giudice e i testimoni: IL verdetto, il fatto. Ilario e Iliade no."),
        # one head for many forms, found inside other words too (`spac` in `spaccato`)
        ("spacciare", "Spacciava, spaccio, spacciatori: uno spaccato. spacciavano"),
        # a word at the very end and at the very start, and beside punctuation
        ("rubata", "rubata la bici;rubate le auto, RUBATA!rubato"),
    ],
)
def test_vocabulary_path_finds_each_word_once(query: str, text: str) -> None:
    vocab = Vocabulary(sorted(set(WORD_RE.findall(text))))
    slow = Highlighter.from_query(query).matches_by_token(text)
    fast = Highlighter.from_query(query, vocab=vocab).matches(text)
    assert [(s, e) for s, e, _ in fast] == [(s, e) for s, e, _ in slow]
    assert len({s for s, _, _ in fast}) == len(fast) > 1


def squash_reference(text: str, lo: int, hi: int, spans: list[tuple[int, int]]):
    """squash the plain way: every run of white space and control characters becomes one
    space, or ` · ` when it holds two line breaks and text on both sides; a position keeps
    its place unless it falls inside a run."""
    part = text[lo:hi]
    runs = [m.span() for m in re.finditer(r"[\s\x00-\x1f\x7f-\x9f]+", part)]
    gaps = [
        " · " if part.count("\n", s, e) >= 2 and 0 < s and e < len(part) else " " for s, e in runs
    ]
    head = "…" if lo > 0 else ""
    out, last = head, 0
    for (s, e), gap in zip(runs, gaps, strict=True):
        out += part[last:s] + gap
        last = e
    out += part[last:] + ("…" if hi < len(text) else "")

    def moved(pos: int) -> int | None:
        pos -= lo
        if any(s < pos < e for s, e in runs):
            return None
        shift = sum(e - s - len(g) for (s, e), g in zip(runs, gaps, strict=True) if e <= pos)
        return len(head) + pos - shift

    new = [(moved(s), moved(e)) for s, e in spans]
    return out, [(s, e) for s, e in new if s is not None and e is not None]


SQUASH_TEXT = st.one_of(
    # anything white or invisible
    st.lists(
        st.sampled_from(["a", "bé", " ", "  ", "\n", "\n\n", "\t", "\x00", "\x85", "\xa0",
                         "\u2028", "\u200b", "\u3000", "😀", "\r\n"]),
        max_size=40,
    ).map("".join),
    # prose: spaces and paragraph breaks only (the common case, taken without a regex)
    st.lists(st.sampled_from(["a", "bé", " ", "  ", "\n", " \n", "\n "]), max_size=40).map(
        "".join
    ),
)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(SQUASH_TEXT, st.data())
def test_squash_agrees_with_the_plain_way(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    ends = st.integers(lo, hi)
    spans = sorted(data.draw(st.lists(st.tuples(ends, ends).map(sorted), max_size=4)))
    spans = [(s, e) for s, e in spans]
    assert highlight.squash(text, lo, hi, spans) == squash_reference(text, lo, hi, spans)


@settings(max_examples=400, deadline=None)
@given(QUERIES, TEXTS, st.text(max_size=40))
def test_snippet_spans_are_inside_the_snippet_and_on_words(
    query: str, body: str, title: str
) -> None:
    snippet, spans = Highlighter.from_query(query).snippet(body, title)
    for s, e in spans:
        assert 0 <= s < e <= len(snippet)
        assert snippet[s:e].strip() == snippet[s:e]
    assert "\n" not in snippet


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # only past the lead: the rest is read
        ("parola " * 400 + "un drone abbattuto. " + "altro " * 100, ["drone"]),
        # in the lead and further on: the lead's passage is enough
        ("Un drone nel cielo. " + "parola " * 400 + "droni ovunque.", ["drone"]),
        # a phrase across the end of the lead is still found
        (
            "parola " * 171 + "residenza presidenziale " + "altro " * 300,
            ["residenza presidenziale"],
        ),
    ],
)
def test_long_bodies(body: str, expected: list[str]) -> None:
    query = '"residenza presidenziale"' if "residenza" in body else "droni"
    snippet, spans = Highlighter.from_query(query).snippet(body)
    assert [snippet[s:e] for s, e in spans] == expected
