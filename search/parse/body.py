"""Clean body text from the lines of a page: paragraphs, image captions, credits, trailers.

* An image caption is a short line followed (directly or after a blank line) by its
  ``caption | credit`` line or by a bare credit line (``EPA/RAMIL SITDIKOV / POOL``);
  both go. A ``text | credit`` line goes even without its caption line.
* A credit is recognised by its shape, not by a list of photographers: an agency path
  with the photographer in capitals (``EPA/X / POOL``, ``ANSA/CIRO FUSCO``), a stock or
  agency name at the start (``Pixabay @handle - alanews``, ``Shutterstock – alanews``),
  or a handle with a trailing ``- site``.
* Paragraphs are blank-line separated blocks; inside a block every line is its own
  paragraph (headings sit on their own line) unless the block is hard-wrapped prose.
* Trailers end the body: ``Tags:``, ``Related Posts``, ``Articoli recenti``, the
  copyright line, the login box.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
_CREDIT_PATH = re.compile(r"[A-Z][\w.&]*(?:\s*/\s*[\w@.&' -]+)+")
_CREDIT_SITE_SUFFIX = re.compile(r"\s[-–]\s*[a-z][\w.]*$")
# A sentence ends and another starts; an initial ("A. K., 25 anni") is not a sentence.
SENTENCE_BREAK = re.compile(r"(?<!\b[A-ZÀ-Ý])[.!?…][\"”»’]?\s+[\"“«]?[A-ZÀ-Ý]")

_TRAILER = re.compile(
    r"^(?:Tags?\s*:|Related Posts\b|Articoli recenti\b|Articoli correlati\b|"
    r"Potrebbe interessarti\b|Leggi anche\s*$|©|Copyright\s+(?:©|\(c\)|\d{4})|Welcome Back!|"
    r"Login to your account|No Result\s*$)",
    re.IGNORECASE,
)
TAGS_LINE = re.compile(r"^Tags?\s*:\s*(?P<tags>.*)$", re.IGNORECASE)
_DROP_LINE = re.compile(r"^(?:Leggi anche\s*:|Condividi\s*$|Share\s*$)")

MAX_CAPTION = 300


def is_credit(line: str) -> bool:
    """A photo credit line: ``EPA/RAMIL SITDIKOV / POOL``, ``Pixabay @x - alanews``."""
    line = line.strip()
    if not line or len(line) > 90 or not line[0].isupper():
        return False
    first = _FIRST_WORD.match(line)
    if first and first.group() in _CREDIT_FIRST_WORDS and _CREDIT.fullmatch(line):
        return True
    if _CREDIT_PATH.fullmatch(line):
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
    out = list(lines)
    drop = [False] * len(out)
    last = -1  # index of the previous non-empty line
    last2 = -1
    for i, raw in enumerate(out):
        line = raw.strip()
        if not line:
            continue
        split = _credit_split(line)
        if split is not None:
            drop[i] = True
            if last >= 0 and out[last].strip() == split[0]:
                drop[last] = True
        elif is_credit(line):
            drop[i] = True
            if last >= 0 and not drop[last] and _caption_like(out[last].strip()):
                # the caption sits right above, or one blank line above
                if all(not s.strip() for s in out[last + 1 : i]) and i - last <= 2:
                    drop[last] = True
        last2, last = last, i
    del last2
    return [line for line, d in zip(out, drop, strict=True) if not d]


_TRAILER_IN_TEXT = re.compile(r"^[ \t\u00a0]*" + _TRAILER.pattern[1:], re.IGNORECASE | re.MULTILINE)


def text_body_end(text: str, lines: Sequence[str], start: int) -> int:
    """`body_end` with one regex search over the text instead of one match per line."""
    offset = sum(map(len, lines[:start])) + start  # + the newlines
    m = _TRAILER_IN_TEXT.search(text, offset)
    return len(lines) if m is None else text.count("\n", 0, m.start())


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
    if len(block) < 3:
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

    def flush() -> None:
        if not block:
            return
        if _hard_wrapped(block):
            paras.append(" ".join(block))
        else:
            paras.extend(block)
        block.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
        elif not _DROP_LINE.match(line):
            block.append(line)
    flush()
    return paras


def join(paras: Sequence[str]) -> str:
    return "\n\n".join(paras)
