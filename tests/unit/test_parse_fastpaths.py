"""The shortcuts of search.parse give what the plain rules give.

Parsing takes shortcuts for speed: newline-anchored regex searches, a fast path beside
the tag splitter's search, checks on a text's bytes instead of its characters, one pass
for captions and paragraphs. Each test here sets a shortcut against the slower rule it
stands for (written out in the test where the module no longer has it).
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.parse import body, dated, decode, tags
from search.parse.linescan import LineStartPattern

# --- decode: byte-level hints --------------------------------------------------------


def _composition_seconds() -> set[int]:
    """Code points that NFC may compose with the character before them."""
    seconds = set()
    for cp in range(sys.maxunicode + 1):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 2:
            seconds.add(int(d.split()[1], 16))
    seconds.update(range(0x1161, 0x1176))  # Hangul vowels and trailing consonants compose
    seconds.update(range(0x11A8, 0x11C3))  # algorithmically (no decomposition listed)
    return seconds


def test_nfc_safe_ranges_hold_only_characters_nfc_leaves_alone() -> None:
    seconds = _composition_seconds()
    safe = [cp for cp in range(sys.maxunicode + 1) if not decode._NFC_UNSAFE.match(chr(cp))]
    assert len(safe) > 700
    for cp in safe:
        c = chr(cp)
        assert unicodedata.combining(c) == 0, hex(cp)
        assert unicodedata.normalize("NFC", c) == c, hex(cp)
        assert cp not in seconds, hex(cp)


def _rest(text: str) -> bytes:
    return text.encode().translate(None, decode._PLAIN_ASCII_BYTES)


TEXT_PIECES = [
    "Perché la città è così",
    "l’8 marzo “già” – «no» … €",
    "perchÃ© Ã¨",  # mojibake
    "â€™",
    "e\u0301",  # decomposed é: not NFC
    "\u2000\u2126\u212b",  # NFC changes these
    "\u200b\u200c\u200d\ufeff",
    "dall\ufffdatteggiamento \ufffd x",
    "\t\x0c\x01 \x7f",
    "\x85\x9f",
    "\r\n\r",
    "™ ½ ² Ω",
    "ĳ ǅ ʰ ˆ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TEXT_PIECES + [" ", "\n", "a", "Z"]), max_size=12))
def test_clean_text_with_the_bytes_is_clean_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert decode.clean_text(text, True, _rest(text)) == decode.clean_text(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TEXT_PIECES + [" ", "\n", "a"]), min_size=1, max_size=12))
def test_mojibake_leads_from_the_bytes(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = any(lead in text for lead in decode._MOJIBAKE_LEADS)
    assert decode._mojibake_leads_in(text, _rest(text)) == expected


# --- newline-anchored searches -------------------------------------------------------

LINE_PATTERNS = [
    (r"^Home(?:[ \t]+\S[^\n]*)?$", 0),
    (r"^[ \t\u00a0]*[•·▪◦‣*-][ \t]", 0),
    (r"^[ \t\u00a0]*[•·▪◦‣*-][ \t].*$", 0),
    (body._TRAILER_IN_TEXT.pattern, re.IGNORECASE),  # \s may cross lines here
]
LINE_TEXT = st.lists(
    st.sampled_from(
        [
            "Home",
            "Home Esteri",
            "Home ",
            "xHome",
            " • a",
            "• b",
            "-\tc",
            "*",
            "Tags",
            ":",
            "Tags: x",
            "  Related Posts",
            "©",
            "Copyright",
            " 2024",
            "leggi anche ",
            "\n",
            "\n",
            "",
            " ",
            "\t",
        ]
    ),
    max_size=14,
).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(LINE_TEXT, st.integers(0, 60), st.integers(0, 80), st.sampled_from(LINE_PATTERNS))
def test_line_start_pattern_is_the_multiline_pattern(
    text: str, pos: int, endpos: int, pattern: tuple[str, int]
) -> None:
    source, flags = pattern
    slow = re.compile(source, flags | re.MULTILINE)
    fast = LineStartPattern(source, flags)
    m = slow.search(text, pos, endpos)
    assert fast.search(text, pos, endpos) == (m.span() if m else None)
    assert list(fast.finditer(text, pos, endpos)) == [
        m.span() for m in slow.finditer(text, pos, endpos)
    ]
    if "\\s" not in source and not fast.at_line_start.groups:  # findall: within one line
        assert fast.findall(text) == slow.findall(text)


def test_line_start_pattern_needs_a_caret() -> None:
    with pytest.raises(ValueError):
        LineStartPattern("Home")


# --- tags ----------------------------------------------------------------------------

GLUED_PIECES = [
    "Russia",
    "Ucraina",
    "USA",
    "UE",
    "NATO",
    "ONU",
    "PD",
    "M5S",
    "OpenAI",
    "TikTok",
    "ChatGPT",
    "BarFoo",
    "Guerra in Ucraina",
    "Donald Trump",
    "G7",
    "5G",
    "Covid-19",
    "'Ndrangheta",
    "Ultim'ora",
    "ABCD",
    "XY",
    "Serie A",
    "iPhone",
    "eBay",
    "ß",
    "Straße",
    "Åland",
    "ÉÈ",
    "x",
    "A",
    "Q7Q",
    "SkyTG24",
    "MilanoToday",
]


def _search_only(s: str, known: frozenset[str]) -> list[str]:
    with pytest.MonkeyPatch.context() as m:
        m.setattr(tags, "_strong_cuts_only", lambda *a: None)
        return tags.split_glued(s, known)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(GLUED_PIECES), min_size=1, max_size=7),
    st.booleans(),
    st.sets(st.sampled_from(GLUED_PIECES + ["OpenAI", "NA", "AT", "Foo", "RussiaUcraina"])),
)
def test_split_glued_fast_path_is_the_search(
    pieces: list[str], ordered: bool, extra: set[str]
) -> None:
    if ordered:
        pieces.sort(key=str.casefold)
    s = "".join(pieces)
    for known in (tags.KNOWN_WORDS, frozenset(extra), tags.KNOWN_WORDS | extra):
        assert tags.split_glued(s, known) == _search_only(s, known)


def _all_pieces_in_context(value: str, context: tuple[str, ...]) -> set[str]:
    """The pieces `_words_in_context` looked for before it kept only possible tags."""
    cuts = [i for i, _ in tags._boundaries(value)]
    candidates = set()
    for word in re.finditer(r"\S+", value):
        a, b = word.span()
        pts = [a, *(c for c in cuts if a < c < b), b]
        for x in range(len(pts) - 2):
            for y in range(x + 2, min(len(pts), x + 4)):
                candidates.add(value[pts[x] : pts[y]])
    found = set()
    for text in context:
        for piece in candidates:
            i = text.find(piece)
            while i >= 0:
                j = i + len(piece)
                if not text[i - 1 : i].isalnum() and not text[j : j + 1].isalnum():
                    found.add(piece)
                i = text.find(piece, i + 1)
    return found - tags.KNOWN_WORDS


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(GLUED_PIECES), min_size=1, max_size=6),
    st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=3),
    st.lists(st.sampled_from(GLUED_PIECES + [" ", ", ", ".", "x", "Parla "]), max_size=6),
)
def test_split_tags_looks_for_the_pieces_that_matter(
    pieces: list[str], slices: list[tuple[int, int]], words: list[str]
) -> None:
    pieces.sort(key=str.casefold)
    value = "".join(pieces)
    # the article writes runs of the glued tags as one word, and other words
    written = [" " + "".join(pieces[i:j]) + " " for i, j in slices]
    context = ("Titolo " + "".join(written), "", " ".join(words) + "".join(written[::-1]))
    extra = _all_pieces_in_context(value, context)
    expected = tags.split_glued(value, tags.KNOWN_WORDS | extra) if extra else None
    assert tags.split_tags(value, context) == list(
        dict.fromkeys(expected if expected is not None else tags.split_glued(value))
    )


@given(st.text(alphabet="ab ,;|#·•\t\u00a0", max_size=12))
def test_separator_class_finds_what_the_separator_pattern_finds(value: str) -> None:
    assert bool(tags._SEPARATOR.search(value)) == bool(tags._SEPARATORS.search(value))


# --- body and dated --------------------------------------------------------------------

BODY_LINES = [
    "",
    "",
    " ",
    "\u00a0",
    "Un paragrafo del corpo. Con due frasi.",
    "Titoletto",
    "Didascalia breve",
    "Didascalia breve | Pixabay @x - alanews",
    "EPA/RAMIL SITDIKOV / POOL",
    "USA/Cina",
    "Foto: Mario Rossi",
    "Leggi anche: altro",
    "Condividi",
    "x | y",
]
WRAPPED = ["parole " * 8 + "senza fine", "parole " * 8 + "a capo", "parole " * 8 + "con fine."]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(BODY_LINES[2:] + WRAPPED * 4), min_size=1, max_size=4)),
    st.lists(st.sampled_from([[""], [" "], ["", ""], ["\u00a0", ""], []]), min_size=8, max_size=8),
)
def test_body_paragraphs_is_paragraphs_of_strip_captions(
    blocks: list[list[str]], gaps: list[list[str]]
) -> None:
    lines = [line for block, gap in zip(blocks, gaps, strict=False) for line in block + gap]
    assert body.strip_captions(lines) == _strip_captions_as_written(lines)
    assert body.body_paragraphs(lines) == body.paragraphs(body.strip_captions(lines))


def _strip_captions_as_written(lines: list[str]) -> list[str]:
    """`strip_captions` before its rules moved into `_credit_line` (the caption rules)."""
    out = list(lines)
    drop = [False] * len(out)
    last = -1  # index of the previous non-empty line
    for i, raw in enumerate(out):
        line = raw.strip()
        if not line:
            continue
        split = body._credit_split(line)
        if split is not None:
            drop[i] = True
            if last >= 0 and out[last].strip() == split[0]:
                drop[last] = True
        elif body.is_credit(line):
            drop[i] = True
            if last >= 0 and not drop[last] and len(out[last].strip()) <= body.MAX_CAPTION:
                if all(not s.strip() for s in out[last + 1 : i]) and i - last <= 2:
                    drop[last] = True
        last = i
    return [line for line, d in zip(out, drop, strict=True) if not d]


@given(LINE_TEXT, st.integers(0, 40))
def test_lines_helpers_are_split(text: str, pos: int) -> None:
    pos = text.rfind("\n", 0, pos) + 1  # a line start
    starts = [pos + len("\n".join(text[pos:].split("\n")[:i])) + (i > 0) for i in range(99)]
    got = list(body.lines_from(text, pos))
    assert got == list(zip(starts, text[pos:].split("\n"), strict=False))
    assert body.lines_at(text, pos, 3) == text[pos:].split("\n")[:3]
    lines = text[pos:].split("\n")
    m = re.compile(body._TRAILER_IN_TEXT.pattern, re.IGNORECASE | re.MULTILINE).search(text, pos)
    end = text.count("\n", pos, m.start()) if m else len(lines)
    assert body.lines_to_trailer(text, pos) == (lines[:end], m.start() if m else -1)


@given(st.text(alphabet=" \t\n\u2003dateDATE:0123-4x", max_size=30))
def test_dated_header_found_without_splitting(text: str) -> None:
    assert dated.matches_text(text) == dated.matches(text.split("\n"))
