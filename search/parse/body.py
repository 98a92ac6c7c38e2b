"""Clean body text from the lines of a page: paragraphs, image captions, credits, trailers.

Captions and photo credits go (credits are recognised by shape, not by a list of
photographers), every line of a block is a paragraph unless the block is hard-wrapped
prose, and the trailers (``Tags:``, Related Posts, the copyright line) end the body.
The rules: docs/internals/parsing.md#fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from search.parse.linescan import LineStartPattern

# Agencies, stock libraries and photo labels that open a credit line.
_AGENCY = (
    r"(?:EPA|ANSA|Ansa|AFP|AP|Reuters|LaPresse|Imagoeconomica|Getty Images|Getty|Shutterstock|"
    r"Pixabay|Unsplash|Pexels|Wikimedia Commons|Wikipedia|IPA|Ipa|AGF|Agf|Fotogramma|Alamy|"
    r"Sintesi|Kontrolab|Xinhua|Sputnik|TASS|Tass|Imago|Kremlin\.ru)"
)
_CREDIT = re.compile(
    r"(?:(?:Foto|Photo|Credits?|Fonte foto)\s*:\s*.{1,60}"
    rf"|{_AGENCY}(?:\s*/\s*[^|]{{1,70}}|\s+@\S+.*|\s*[-–]\s*[\w.]+|\s+\([^)]*\))?)"
)
_FIRST_WORD = re.compile(r"[^\s/:(@,|–-]+")
# first words of the _CREDIT alternatives: a set lookup spares most lines the regex
_CREDIT_FIRST_WORDS = frozenset(
    re.sub(r"\\.", ".", w).split()[0]
    for w in _AGENCY.strip("(?:)").split("|") + ["Foto", "Photo", "Credit", "Credits", "Fonte"]
)
# ... and their first two characters: a line whose first word is one of them starts
# with these, and a set lookup of two characters rules out most lines before the regex
_CREDIT_FIRST_TWO = frozenset(w[:2] for w in _CREDIT_FIRST_WORDS)
# A photographer's name after a photo label, no other word: "Foto Mario Bianchi"
_NAME_WORD = r"[A-Z][\w'’.-]*"
_CREDIT_LABEL = re.compile(
    rf"(?:Foto|Photo|Credits?)\s*:?\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
)
_CREDIT_PATH = re.compile(r"[A-Z][\w.&]*(?:\s*/\s*[\w@.&' -]+)+")
_CREDIT_SITE_SUFFIX = re.compile(r"\s[-–]\s*[a-z][\w.]*$")
# A sentence ends and another starts; an initial ("A. K., 25 anni") is not a sentence.
SENTENCE_BREAK = re.compile(r"(?<!\b[A-ZÀ-Ý])[.!?…][\"”»’]?\s+[\"“«]?[A-ZÀ-Ý]")


def has_sentence_break(text: str) -> bool:
    """``SENTENCE_BREAK.search(text)``: the regex, which opens with a lookbehind and is
    tried at every character, only runs on a text with one of the stops it needs."""
    return ("." in text or "!" in text or "?" in text or "…" in text) and bool(
        SENTENCE_BREAK.search(text)
    )


_TRAILER = re.compile(
    r"^(?:Tags?\s*:|Related Posts\b|Articoli recenti\b|Articoli correlati\b|"
    r"Potrebbe interessarti\b|Leggi anche\s*$|©|Copyright\s+(?:©|\(c\)|\d{4})|Welcome Back!|"
    r"Login to your account|No Result\s*$)",
    re.IGNORECASE,
)
TAGS_LINE = re.compile(r"^Tags?\s*:\s*(?P<tags>.*)$", re.IGNORECASE)
_DROP_LINE = re.compile(r"^(?:Leggi anche\s*:|Condividi\s*$|Share\s*$)")
_DROP_LINE_PREFIXES = ("Leggi anche", "Condividi", "Share")  # what _DROP_LINE needs first

MAX_CAPTION = 300


def is_credit(line: str) -> bool:
    """A photo credit line: ``EPA/RAMIL SITDIKOV / POOL``, ``Pixabay @x - alanews``."""
    line = line.strip()
    if not line or len(line) > 90 or not line[0].isupper():
        return False
    if line[:2] in _CREDIT_FIRST_TWO:
        first = _FIRST_WORD.match(line)
        if first and first.group() in _CREDIT_FIRST_WORDS and _CREDIT.fullmatch(line):
            return True
    if "/" in line and _CREDIT_PATH.fullmatch(line):  # the path needs a slash
        # AGENCY/PHOTOGRAPHER NAME: the name after the slash is in capitals
        letters = [c for c in line.split("/", 1)[1] if c.isalpha()]
        return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return "@" in line and bool(_CREDIT_SITE_SUFFIX.search(line)) and len(line.split()) <= 6


def _credit_split(line: str) -> tuple[str, str] | None:
    """(caption, credit) for a ``caption | credit`` line."""
    if " | " not in line:
        return None
    left, right = line.rsplit(" | ", 1)
    right = right.strip()
    if is_credit(right) or (_CREDIT_SITE_SUFFIX.search(right) and len(right) <= 60):
        return left.strip(), right
    return None


def _caption_like(line: str) -> bool:
    # Captions may hold a quote of two sentences; a long paragraph is never a caption.
    return len(line) <= MAX_CAPTION


def strip_captions(lines: Sequence[str]) -> list[str]:
    """The lines without image captions and photo credits (blank lines kept)."""
    drop = _caption_lines([line.strip() for line in lines])
    return [line for line, d in zip(lines, drop, strict=True) if not d]


def _caption_lines(lines: Sequence[str]) -> list[bool]:
    """Which of these (stripped) lines are image captions and photo credits."""
    drop = [False] * len(lines)
    last = -1  # index of the previous non-empty line
    for i, line in enumerate(lines):
        if not line:
            continue
        if _may_be_credit(line):
            prev = lines[last] if last >= 0 else None
            drop[i], takes_prev = _credit_line(line, prev, last >= 0 and drop[last], i - last - 1)
            if takes_prev:
                drop[last] = True
        last = i
    return drop


def _may_be_credit(line: str) -> bool:
    # the first tests of `_credit_split` and `is_credit`: most lines are body paragraphs,
    # longer than any credit and without " | "
    return " | " in line or (len(line) <= 90 and line[0].isupper())


def _credit_line(line: str, prev: str | None, prev_dropped: bool, gap: int) -> tuple[bool, bool]:
    """Whether the (stripped, non-empty) ``line`` is a photo credit, and whether it takes
    the previous non-empty line ``prev``, ``gap`` blank lines above, as its caption."""
    split = _credit_split(line) if " | " in line else None
    if split is not None and not _CREDIT_LABEL.fullmatch(split[0]):
        return True, prev == split[0]
    # a credit, or a "caption | credit" line whose caption is a credit label too
    # ("Foto Mario Bianchi | Ansa - alanews"): a credit throughout, under its caption
    if split is not None or is_credit(line):
        # the caption sits right above, or one blank line above
        return True, prev is not None and not prev_dropped and _caption_like(prev) and gap <= 1
    return False, False


def body_paragraphs(lines: Sequence[str]) -> list[str]:
    """`paragraphs` of `strip_captions` of the lines, in one pass stripping each line once.

    Only the next non-empty line (its credit) can make a line a caption, so each non-empty
    line waits until the next one is seen before it goes into a paragraph.
    """
    paras: list[str] = []
    block: list[str] = []
    prev: str | None = None  # the previous non-empty line, waiting
    prev_i = -1
    prev_dropped = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        dropped = False
        if " | " in line or (len(line) <= 90 and line[0].isupper()):  # `_may_be_credit`
            dropped, takes_prev = _credit_line(line, prev, prev_dropped, i - prev_i - 1)
            prev_dropped = prev_dropped or takes_prev
        if prev is not None:
            # `_is_drop_line` and `_add_block` inlined (most blocks are one line: no
            # hard wrap to look for)
            if not prev_dropped and not (
                prev.startswith(_DROP_LINE_PREFIXES) and _DROP_LINE.match(prev)
            ):
                block.append(prev)
            if i - prev_i > 1 and block:  # blank lines in between end the block
                if len(block) < 3:
                    paras += block
                else:
                    _add_block(paras, block)
                block = []
        prev, prev_i, prev_dropped = line, i, dropped
    if prev is not None and not prev_dropped and not _is_drop_line(prev):
        block.append(prev)
    if block:
        _add_block(paras, block)
    return paras


_TRAILER_IN_TEXT = LineStartPattern(r"^[ \t\u00a0]*" + _TRAILER.pattern[1:], re.IGNORECASE)


def lines_from(text: str, pos: int) -> Iterator[tuple[int, str]]:
    """(start, line) for the lines of ``text`` from ``pos`` (a line start) on, as
    ``text[pos:].split("\\n")`` has them: for reading a few lines of a long text."""
    while (end := text.find("\n", pos)) >= 0:
        yield pos, text[pos:end]
        pos = end + 1
    yield pos, text[pos:]


def lines_at(text: str, pos: int, count: int) -> list[str]:
    """The first ``count`` lines of `lines_from`."""
    lines: list[str] = []
    while len(lines) < count:
        end = text.find("\n", pos)
        if end < 0:
            lines.append(text[pos:])
            break
        lines.append(text[pos:end])
        pos = end + 1
    return lines


def lines_to_trailer(text: str, pos: int) -> tuple[list[str], int]:
    """The lines from ``pos`` (a line start; past the end: none) up to the first trailer
    line (`body_end`, with one regex search over the text instead of one match per line),
    and where that line starts (-1: there is none)."""
    span = _TRAILER_IN_TEXT.search(text, pos)
    if span is None:
        return (text[pos:].split("\n") if pos <= len(text) else []), -1
    # span[0] - 1 is the newline that ends the last body line
    return (text[pos : span[0] - 1].split("\n") if span[0] > pos else []), span[0]


def is_trailer(line: str) -> bool:
    """A line that ends the article text (``Tags:``, ``Related Posts``, ``©``...)."""
    return _TRAILER.match(line.lstrip()) is not None


def body_end(lines: Sequence[str], start: int = 0) -> int:
    """Index of the first trailer line (``Tags:``, ``Related Posts``...) at or after start."""
    match = _TRAILER.match
    for i in range(start, len(lines)):
        if match(lines[i].lstrip()):
            return i
    return len(lines)


def find_tags_line(lines: Sequence[str], start: int = 0, stop: int | None = None) -> str | None:
    for i in range(start, len(lines) if stop is None else stop):
        m = TAGS_LINE.match(lines[i].strip())
        if m:
            return m.group("tags")
    return None


def _hard_wrapped(block: list[str]) -> bool:
    if len(block) < 3:  # (`body_paragraphs` relies on this)
        return False
    inner = block[:-1]
    shortest, longest = min(map(len, inner)), max(map(len, block))
    # wrapped lines fill the same width: all but the last within a quarter of the longest
    if shortest < 40 or longest > 100 or shortest < 0.75 * max(map(len, inner)):
        return False
    # wrapped prose breaks lines anywhere; one-line paragraphs end with punctuation
    open_ends = sum(1 for line in inner if not line.endswith((".", "!", "?", ":", "”", "»", '"')))
    return open_ends * 2 > len(inner)


def paragraphs(lines: Sequence[str]) -> list[str]:
    """Paragraphs of a run of lines (stripped, empty and whitespace-only ones dropped)."""
    paras: list[str] = []
    block: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            if block:
                _add_block(paras, block)
                block = []
        elif not _is_drop_line(line):
            block.append(line)
    if block:
        _add_block(paras, block)
    return paras


def _is_drop_line(line: str) -> bool:
    return line.startswith(_DROP_LINE_PREFIXES) and _DROP_LINE.match(line) is not None


def _add_block(paras: list[str], block: list[str]) -> None:
    if _hard_wrapped(block):
        paras.append(" ".join(block))
    else:
        paras.extend(block)


def join(paras: Sequence[str]) -> str:
    return "\n\n".join(paras)
