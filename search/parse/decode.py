"""Bytes -> clean text: encoding detection, mojibake repair, line ends, stray characters.

Refuses what cannot be an article (empty, binary, too large) with a one-line reason,
then decodes (UTF-8, else cp1252), repairs mojibake only on the lines that show it,
normalizes line ends and control characters so a lost character never glues two words,
and returns NFC text. The rules in order: docs/internals/parsing.md#decoding-decodepy.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from search.errors import CercaError

#: Files above this size are skipped: a news article is a few KB; a 10 MB "article" is
#: a dump, a log or a mistake, and parsing it would stall an index run.
MAX_BYTES = 10_000_000

#: Share of control bytes (other than tab/CR/LF/FF) above which a file is called binary.
_BINARY_CONTROL_SHARE = 0.05
_SNIFF = 8192

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
}
_MAGIC_PREFIXES = tuple(_MAGIC)


class SkipFile(CercaError):
    """A file that cannot be an article; ``str(e)`` is the one-line reason."""


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


# every C0 control but LF and CR (handled as line ends), and DEL: cleaned to spaces
_TEXT_CONTROL_BYTES = bytes(b for b in range(32) if b not in (10, 13)) + b"\x7f"
# The rest of a text's bytes without these is its `_TEXT_CONTROL_BYTES` and the UTF-8 of
# its non-ASCII characters: a few percent of an Italian text, and what the checks for
# controls, mojibake, stray marks and NFC need to look at.
_PLAIN_ASCII_BYTES = bytes(b for b in range(0x80) if b not in _TEXT_CONTROL_BYTES)
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def _control_share(head: bytes) -> float:
    bad = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bad / max(1, len(head))


def _sniff_binary(data: bytes, controls: bool = True) -> str | None:
    """Why ``data`` is binary, or None. ``controls=False`` tells that it has none of the
    `_TEXT_CONTROL_BYTES` (a superset of NUL and `_CONTROL_BYTES`): then only the magic
    numbers need a look."""
    if data.startswith(_MAGIC_PREFIXES):  # one call for the common case: none of them
        for magic, kind in _MAGIC.items():
            if data.startswith(magic):
                return f"binary file ({kind})"
    if not controls:
        return None
    head = data[:_SNIFF]
    if b"\x00" in head:
        # UTF-16 text would also have NUL bytes; it is not an encoding this corpus uses.
        return "binary file (contains NUL bytes)"
    if _control_share(head) > _BINARY_CONTROL_SHARE:
        return "binary file (control bytes)"
    return None


def _decode_utf8(data: bytes) -> tuple[str, bool]:
    """The text, and whether it is exactly the UTF-8 ``data`` (without a BOM)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    return _decode_not_utf8(data), False


def _decode_not_utf8(data: bytes) -> str:
    # Mostly valid UTF-8 with a few broken bytes (a truncated character, one pasted
    # latin-1 byte): keep UTF-8; the broken bytes become U+FFFD, handled as separators.
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    good = sum(1 for c in lenient if c > "\x7f") - broken
    if good > 4 * broken:
        return lenient
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # 0x81 0x8D 0x8F 0x90 0x9D are undefined in cp1252: they become spaces.
        return data.decode("cp1252", errors="replace").replace("\ufffd", " ")


# A cp1252-decoded UTF-8 lead byte (Â..ô) followed by a cp1252-decoded continuation byte
# (0x80-0xBF): the signature of mojibake. Legitimate text rarely has it (``è»`` does, and
# ftfy then leaves the line alone).
_CONT = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")
_MOJIBAKE = re.compile("[\u00c2-\u00f4][" + re.escape(_CONT) + "]")

# Control characters (C0 except LF, C1, DEL) and tabs -> space; zero-width marks dropped.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_FFFD_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])\ufffd+(?=[^\W\d_])")
_FFFD_ELSEWHERE = re.compile("[ \u00a0]*\ufffd[\ufffd \u00a0]*")


# Characters that NFC leaves alone wherever they stand (canonical combining class 0,
# NFC_Quick_Check=Yes): ASCII, Latin-1, Latin Extended-A and -B, IPA, spacing modifier
# letters; general punctuation from EN SPACE on (EN QUAD and EM QUAD are not: NFC makes
# them EN SPACE and EM SPACE), super- and subscripts, currency symbols; letterlike
# symbols up to ™ (OHM SIGN is not). A text of these only is NFC (a unit test checks the
# ranges against unicodedata).
_NFC_SAFE_RANGES = "\x00-\u02ff\u2002-\u20cf\u2100-\u2125"
_NFC_UNSAFE = re.compile(f"[^{_NFC_SAFE_RANGES}]")

# Cheap pre-check: the lead characters of mojibake in Western and Cyrillic text.
_MOJIBAKE_LEADS = ("Ã", "Â", "â€", "Ä", "Å", "Ð", "Ñ", "Ë", "Î", "Ï", "Å")
# Each lead with a byte of its UTF-8 form (its lowest: bytes 0x82-0x91 are rare in
# Italian UTF-8). A text holds a lead only if its UTF-8 bytes hold that byte, and a byte
# is found in bytes with one memchr, where a search for a character in a str of accented
# text is a slow loop (and a regex is slower still): most leads are ruled out at once.
_MOJIBAKE_LEAD_BYTES = tuple(
    (lead, min(lead.encode()[1:])) for lead in dict.fromkeys(_MOJIBAKE_LEADS)
)


def _mojibake_leads_in(text: str, utf8_rest: bytes) -> bool:
    """``any(lead in text for lead in _MOJIBAKE_LEADS)``; ``utf8_rest`` holds (at least)
    the bytes above 0x7F of the UTF-8 ``text``."""
    return any(lead in text for lead, byte in _MOJIBAKE_LEAD_BYTES if byte in utf8_rest)


def _repair_mojibake(text: str, leads: bool | None = None) -> str:
    """``leads``: whether the text has one of `_MOJIBAKE_LEADS` (None: look)."""
    if leads is None:
        leads = any(lead in text for lead in _MOJIBAKE_LEADS)
    if not leads or not _MOJIBAKE.search(text):
        return text
    import ftfy  # slow to import: only for the rare text that needs it

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            lines[i] = ftfy.fix_encoding(line)
    return "\n".join(lines)


def clean_text(text: str, controls: bool = True, utf8_rest: bytes | None = None) -> str:
    """Normalize decoded text: line ends, mojibake, stray characters, NFC.

    ``controls=False`` tells that the text has no control characters; ``utf8_rest`` is
    the UTF-8 of ``text`` less its printable ASCII, LF and CR: with it the checks for
    mojibake, stray marks and NFC look at a few bytes instead of the whole text (both
    from `decode_bytes`, which has the bytes).
    """
    if "\r" in text:
        # (turning CR into LF neither makes nor breaks a mojibake lead)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    leads = None if utf8_rest is None else _mojibake_leads_in(text, utf8_rest)
    repaired = _repair_mojibake(text, leads)
    if repaired is not text:  # ftfy may have written any character: look at the text
        text, utf8_rest = repaired, None
    # (from here on characters are only dropped or replaced with " ", "'" or "’": the
    # bytes of utf8_rest still hold every non-ASCII character of the text)
    if controls and _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    # a byte of each of U+200B, U+200C, U+200D (E2 80 8B-8D), U+FEFF (EF BB BF) and
    # U+FFFD (EF BF BD), each found with a memchr
    rest = utf8_rest
    if rest is None or 0x8B in rest or 0x8C in rest or 0x8D in rest or 0xEF in rest:
        if "\u200b" in text or "\ufeff" in text or "\u200c" in text or "\u200d" in text:
            text = _ZERO_WIDTH.sub("", text)
        if "\ufffd" in text:
            apostrophe = "\u2019" if text.count("\u2019") >= text.count("'") else "'"
            text = _FFFD_BETWEEN_LETTERS.sub(apostrophe, text)
            text = _FFFD_ELSEWHERE.sub(" ", text)
    nfc_safe = utf8_rest is not None and not _NFC_UNSAFE.search(utf8_rest.decode("utf-8"))
    if not nfc_safe and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def decode_bytes(data: bytes) -> str:
    """Decode and clean one file's bytes; raise SkipFile when they cannot be an article."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte order mark
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise SkipFile("binary file (broken UTF-16)") from None
    # NUL padding after the text (a preallocated or crash-truncated file) is not content
    if data.endswith(b"\x00"):
        data = data.rstrip(b"\x00")
        if not data:
            raise SkipFile("binary file (only NUL bytes)")
    if not data.strip():
        raise SkipFile("empty file")
    rest = data.translate(None, _PLAIN_ASCII_BYTES)
    # control bytes (tabs included), looked for first: without them the binary sniffing
    # has nothing to count
    c0 = bool(rest.translate(None, _NON_ASCII_BYTES))
    reason = _sniff_binary(data, c0)
    if reason:
        raise SkipFile(reason)
    # control bytes or C1 controls: the slower per-character pass (C1 looked for in rest,
    # where bytes that were apart may meet: a false alarm only costs that pass)
    controls = c0 or bool(0xC2 in rest and _C1_UTF8.search(rest))
    text, utf8 = _decode_utf8(data)
    text = clean_text(text, controls, rest if utf8 else None)
    if not any(c.isalpha() for c in text):
        raise SkipFile("no text")
    return text


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, or SkipFile with a one-line reason (missing, directory, too large)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise SkipFile("no such file") from None
    except PermissionError:
        raise SkipFile("permission denied") from None
    except OSError as e:
        raise SkipFile(f"cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise SkipFile("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise SkipFile("not a regular file")
    if st.st_size > max_bytes:
        raise SkipFile(
            f"too large ({st.st_size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)"
        )
    try:
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except PermissionError:
        raise SkipFile("permission denied") from None
    except OSError as e:
        raise SkipFile(f"cannot read: {e.strerror or e}") from None


def read_text(path: Path) -> str:
    """Decoded, cleaned text of one file (SkipFile when it cannot be an article)."""
    return decode_bytes(read_bytes(Path(path)))
