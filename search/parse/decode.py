"""Bytes -> clean text: encoding detection, mojibake repair, line ends, stray characters.

The rules, in order:
1. Refuse what cannot be an article (empty, binary, too large) with a one-line reason.
2. Decode UTF-8 (a BOM is dropped; UTF-16 with a BOM is accepted too); a file that is
   mostly UTF-8 with a few broken bytes stays UTF-8 (the broken bytes become U+FFFD);
   otherwise cp1252, where the five bytes cp1252 leaves undefined become spaces.
3. Repair mojibake (UTF-8 read as cp1252: ``perchÃ©`` -> ``perché``) with ftfy, but only
   on the lines that show the tell-tale pairs, so clean text costs one regex scan.
4. CRLF / CR -> LF; tabs and other control characters -> a space; U+FFFD between two
   letters becomes an apostrophe (in this corpus it replaces a lost ``’``:
   ``dall�atteggiamento`` -> ``dall’atteggiamento``), elsewhere a space, so a lost
   character never glues two words together.
5. Unicode NFC.
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


class SkipFile(CercaError):
    """A file that cannot be an article; ``str(e)`` is the one-line reason."""


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


# every C0 control but LF and CR (handled as line ends), and DEL: cleaned to spaces
_TEXT_CONTROL_BYTES = bytes(b for b in range(32) if b not in (10, 13)) + b"\x7f"
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def _control_share(head: bytes) -> float:
    bad = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bad / max(1, len(head))


def _sniff_binary(data: bytes) -> str | None:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return f"binary file ({kind})"
    head = data[:_SNIFF]
    if b"\x00" in head:
        # UTF-16 text would also have NUL bytes; it is not an encoding this corpus uses.
        return "binary file (contains NUL bytes)"
    if _control_share(head) > _BINARY_CONTROL_SHARE:
        return "binary file (control bytes)"
    return None


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
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


# Cheap pre-check: the lead characters of mojibake in Western and Cyrillic text.
_MOJIBAKE_LEADS = ("Ã", "Â", "â€", "Ä", "Å", "Ð", "Ñ", "Ë", "Î", "Ï", "Å")


def _repair_mojibake(text: str) -> str:
    if not any(lead in text for lead in _MOJIBAKE_LEADS) or not _MOJIBAKE.search(text):
        return text
    import ftfy  # ~70 ms to import: only for the rare text that needs it

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            lines[i] = ftfy.fix_encoding(line)
    return "\n".join(lines)


def clean_text(text: str, controls: bool = True) -> str:
    """Normalize decoded text: line ends, mojibake, stray characters, NFC.

    ``controls=False`` tells that the text has no control characters (checked faster on
    the bytes by `decode_bytes`).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _repair_mojibake(text)
    if controls and _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    if "\u200b" in text or "\ufeff" in text or "\u200c" in text or "\u200d" in text:
        text = _ZERO_WIDTH.sub("", text)
    if "\ufffd" in text:
        apostrophe = "\u2019" if text.count("\u2019") >= text.count("'") else "'"
        text = _FFFD_BETWEEN_LETTERS.sub(apostrophe, text)
        text = _FFFD_ELSEWHERE.sub(" ", text)
    if not unicodedata.is_normalized("NFC", text):
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
    reason = _sniff_binary(data)
    if reason:
        raise SkipFile(reason)
    # control bytes (tabs included) or C1 controls: the slower per-character pass
    controls = len(data.translate(None, _TEXT_CONTROL_BYTES)) != len(data) or bool(
        b"\xc2" in data and _C1_UTF8.search(data)
    )
    text = clean_text(_decode(data), controls)
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
