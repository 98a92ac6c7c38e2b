"""Bytes -> text (search.parse.decode): encodings, stray characters, files that are not
articles."""

import os
import unicodedata
from pathlib import Path

import pytest

from search.parse import SkipFile, read_text
from search.parse.decode import MAX_BYTES, clean_text, decode_bytes

ITALIAN = "Perché la città è già così? L’8 marzo “più” forte – ne parlò"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (ITALIAN.encode("utf-8"), ITALIAN),
        (ITALIAN.encode("cp1252"), ITALIAN),
        (b"\xef\xbb\xbf" + ITALIAN.encode("utf-8"), ITALIAN),  # BOM
        ("città".encode("latin-1"), "città"),
        # mojibake: UTF-8 read as cp1252 somewhere upstream
        ("perché la città".encode().decode("cp1252").encode("utf-8"), "perché la città"),
        ("l’attacco".encode().decode("cp1252").encode("utf-8"), "l’attacco"),
        # a cp1252 file holding a mojibake paragraph
        ("è ok\nperché".encode().decode("cp1252").encode("cp1252") + b"\n\x92", "è ok\nperché\n’"),
        # line ends
        (b"uno\r\ndue\r\n\r\ntre", "uno\ndue\n\ntre"),
        (b"uno\rdue", "uno\ndue"),
        (b"Titolo\n\ntesto\n" + b"\x00" * 4096, "Titolo\n\ntesto\n"),  # NUL padding
        # undefined cp1252 byte: a space, never a glued word
        (b"caf\xe8 e\x81basta", "cafè e basta"),
        # mostly UTF-8 with one broken byte stays UTF-8; the broken byte separates words
        (
            "Perché città già più è così".encode() + b" uno\xe0due",
            "Perché città già più è così uno’due",
        ),
        # a few UTF-8 characters among latin-1 bytes: cp1252, then mojibake repair
        ("Perché".encode() + b" uno\xe0due", "Perché unoàdue"),
        # UTF-16 with a byte order mark
        ("\ufeffcittà è".encode("utf-16"), "città è"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode_bytes(data) == text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("dall\ufffdatteggiamento costruttivo", "dall’atteggiamento costruttivo"),
        ("l\ufffdattacco di un'auto", "l'attacco di un'auto"),  # the text's own apostrophe
        ("citt\ufffd e paese", "citt e paese"),
        ("fine \ufffd\ufffd inizio", "fine inizio"),
        ("uno\x00due\x07tre", "uno due tre"),
        ("uno\tdue", "uno due"),
        ("uno\fdue\vtre", "uno due tre"),
        ("uno\x85due", "uno due"),  # C1 control
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_stray_characters_never_glue_words(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_text_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "perché città")
    assert decomposed != "perché città"
    assert decode_bytes(decomposed.encode()) == "perché città"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\r\n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"%PDF-1.7\n", "binary file (PDF document)"),
        (b"testo\x00con\x00nul", "binary file (contains NUL bytes)"),
        (b"\x00" * 100, "binary file (only NUL bytes)"),
        (bytes(range(1, 32)) * 10, "binary file (control bytes)"),
        (b"12345 -- 67 / 89", "no text"),
    ],
)
def test_not_an_article(data: bytes, reason: str) -> None:
    with pytest.raises(SkipFile) as e:
        decode_bytes(data)
    assert str(e.value) == reason


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="^no such file$"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(SkipFile, match="^is a directory$"):
        read_text(tmp_path)


def test_too_large_is_skipped_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50_000_000)  # sparse: no 50 MB written
    with pytest.raises(SkipFile, match=r"^too large \(50\.0 MB; the limit is 10 MB\)$"):
        read_text(big)
    ok = tmp_path / "ok.txt"
    ok.write_bytes(b"Titolo\n\n" + b"parola " * ((MAX_BYTES - 100) // 7))
    assert read_text(ok).startswith("Titolo")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("Titolo")
    f.chmod(0)
    with pytest.raises(SkipFile, match="^permission denied$"):
        read_text(f)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SkipFile, match="^not a regular file$"):
        read_text(fifo)
