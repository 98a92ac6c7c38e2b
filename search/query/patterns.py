"""Phrase positions as tantivy regular expressions, shared by the compiler and the
highlighter so a snippet marks in a phrase only the words the index could match."""

from __future__ import annotations

# The longest pattern for one phrase position (tantivy: at most 1,000 automaton states).
MAX_PATTERN_CHARS = 600


def regex_escape(text: str) -> str:
    """Escape for tantivy's regex syntax (Rust `regex`)."""
    return "".join("\\" + c if c in "\\.+*?()|[]{}^$#&-~" else c for c in text)


def alternation(words: list[str]) -> str:
    """A regular expression (tantivy's, matched against whole terms) for any of `words`."""
    return "|".join(regex_escape(w) for w in words)


def position_forms(forms: list[str], surface: str) -> list[str] | None:
    """The words one phrase position matches: `forms` (of the typed word's lemma), or,
    when they make a longer pattern than tantivy compiles (a verb such as `essere` has
    hundreds of forms), the word as typed in its case variants; None when even that is
    too long (a "word" of hundreds of letters)."""
    if len(alternation(forms)) <= MAX_PATTERN_CHARS:
        return forms
    s = surface
    variants = list(dict.fromkeys([s, s.lower(), s.capitalize(), s.upper()]))
    return variants if len(alternation(variants)) <= MAX_PATTERN_CHARS else None
