"""Helpers for the reliability tests: the `cerca` CLI in a subprocess, and a corpus of bad input.

Every CLI run goes through `run_cerca`, which fails the test when a traceback reaches
stderr: SPEC §2 says none ever does, for any input.
"""

from __future__ import annotations

import ctypes
import os
import struct
import subprocess
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .articles import article, boilerplate_page

CERCA = [sys.executable, "-m", "search.cli"]
REPO = Path(__file__).resolve().parents[2]

# Linux capability numbers (linux/capability.h) and prctl option (linux/prctl.h).
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2
PR_CAPBSET_DROP = 24
NOBODY = 65534


def _drop_file_read_override() -> None:
    """In the child, before exec: give up root's power to read any file.

    Tests often run as root (containers, CI), where `chmod 000` blocks nothing. Dropping
    CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH from the bounding set makes the exec'd `cerca`
    obey file permissions like an ordinary user, so an unreadable file is really unreadable.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _can_drop_caps() -> bool:
    try:
        r = subprocess.run(
            [sys.executable, "-c", "pass"],
            preexec_fn=_drop_file_read_override,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


ROOT = os.geteuid() == 0
PERMISSIONS_ENFORCED = not ROOT or _can_drop_caps()


def run_cerca(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    allow_traceback: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run `cerca ARGS` as a separate process, like a user or cron would.

    As root, the process runs without the capabilities that bypass file permissions.
    """
    full_env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", **(env or {})}
    full_env.setdefault("CERCA_INDEX", str((cwd or Path.cwd()) / "index"))
    r = subprocess.run(
        [*CERCA, *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        preexec_fn=_drop_file_read_override if ROOT and PERMISSIONS_ENFORCED else None,
    )
    if not allow_traceback:
        assert "Traceback" not in r.stderr, f"traceback from cerca {args}:\n{r.stderr[-3000:]}"
        assert "Traceback" not in r.stdout, f"traceback on stdout from cerca {args}"
    return r


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def invoke_cerca(*args: str | os.PathLike[str], cwd: Path | None = None) -> Ran:
    """`cerca ARGS` in this process (Typer's CliRunner): fast, for large test matrices.

    Any exception other than the CLI's own exit escapes the command is a failure: it is
    what would have printed a traceback.
    """
    from typer.testing import CliRunner

    from search.cli import app

    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True)
    finally:
        os.chdir(old)
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), (
        f"cerca {' '.join(map(str, args))} raised {exc!r}"
    )
    assert "Traceback" not in result.stderr
    return Ran(result.exit_code, result.stdout, result.stderr)


# ----------------------------------------------------------------- the bad-input corpus


def png_bytes() -> bytes:
    """A real 16x16 PNG (the kind of file a scraper saves with the wrong extension)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + bytes(range(i * 3, i * 3 + 48)) for i in range(16))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


ENGLISH = (
    "Kremlin says talks with Kyiv will continue after the New Year\n\n"
    "Moscow, December 31, 2025 - The Kremlin spokesman said on Wednesday that negotiations "
    "with Ukraine would resume in January, after a phone call between the two delegations. "
    "Officials in Kyiv denied that any date had been agreed.\n\n"
    "Analysts in Washington said the statement was meant for a domestic audience and that "
    "no breakthrough was expected before the spring.\n"
)
RUSSIAN = (
    "Песков: переговоры с Киевом продолжатся после Нового года\n\n"
    "Москва, 31 декабря 2025 года. Пресс-секретарь президента России Дмитрий Песков "
    "заявил, что переговоры с Украиной возобновятся в январе. В Киеве эту информацию "
    "опровергли.\n\n"
    "Эксперты считают, что прорыва до весны ждать не стоит.\n"
)
# A plain article written with accented letters and typographic quotes: the bytes differ
# between UTF-8, cp1252 and latin-1, so a wrong guess shows up as mojibake in the title.
ACCENTED_TITLE = "Perché la città è più cara: l’inflazione a Bologna"
ACCENTED = (
    "Il 3 marzo 2024 a Bologna il sindaco ha presentato i dati sui prezzi: "
    "l’aumento è stato più forte del previsto, perché l’energia è cresciuta del 12%.\n"
    f"{ACCENTED_TITLE}\n"
    "Secondo l’Istat la città è tra le più care d’Italia. "
    "«Non è più sostenibile», ha detto un commerciante di via Indipendenza.\n"
)
LATIN1_TITLE = "Perché la città è più cara: l'inflazione a Bologna"
LATIN1 = (
    ACCENTED.replace("’", "'")
    .replace("«", '"')
    .replace("»", '"')
    .replace(ACCENTED_TITLE, LATIN1_TITLE)
)


@dataclass
class BadCorpus:
    """A corpus folder holding good, bad and borderline files, and what each must become."""

    root: Path
    good: dict[str, str] = field(default_factory=dict)  # id -> expected title
    bad: dict[str, str] = field(default_factory=dict)  # id (or name) -> what is wrong
    either: dict[str, str] = field(default_factory=dict)  # id -> kind; parsed or reported
    big: str | None = None  # id of the 50 MB file, when built

    def path(self, rel: str) -> Path:
        return self.root / f"{rel}.txt"

    @property
    def all_ids(self) -> list[str]:
        return [*self.good, *self.bad, *self.either]


def build_bad_corpus(root: Path, *, big: bool = False, n_good: int = 12) -> BadCorpus:
    """Write the corpus of bad input (SPEC §2/§3, issue 8) under `root`."""
    c = BadCorpus(root)
    root.mkdir(parents=True, exist_ok=True)

    def write(rel: str, data: bytes) -> Path:
        p = c.path(rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        return p

    # Good generated articles, in the three layouts.
    for i in range(n_good):
        text, spec = article(i, seed=8)
        rel = f"good/{i:03d}_{spec.layout}"
        write(rel, text.encode("utf-8"))
        c.good[rel] = spec.title

    # Encodings: must be decoded right, not skipped.
    write("enc/cp1252", ACCENTED.encode("cp1252"))
    c.good["enc/cp1252"] = ACCENTED_TITLE
    write("enc/latin1", LATIN1.encode("latin-1"))
    c.good["enc/latin1"] = LATIN1_TITLE
    # Mostly UTF-8 with a few stray bytes (a truncated multibyte char, a lone 0xff).
    text, spec = article(100, seed=8, layout="dated")
    body = text.encode("utf-8").replace(b"Nel corso", b"Nel \xe2\x80 corso\xff", 1)
    write("enc/invalid_utf8", body)
    c.good["enc/invalid_utf8"] = spec.title

    # A deeply nested folder (60 levels): the article in it is an ordinary good one.
    text, spec = article(101, seed=8, layout="alanews")
    deep = "/".join(f"d{k}" for k in range(60)) + "/deep_article"
    write(deep, text.encode("utf-8"))
    c.good[deep] = spec.title

    # Files that can never be articles.
    write("bad/empty", b"")
    c.bad["bad/empty"] = "empty file"
    write("bad/image", png_bytes())
    c.bad["bad/image"] = "PNG image renamed .txt"
    write("bad/zeros", b"\x00" * 8192)
    c.bad["bad/zeros"] = "only NUL bytes"
    write("bad/boilerplate", boilerplate_page().encode("utf-8"))
    c.bad["bad/boilerplate"] = "page frame without an article"
    write("bad/whitespace", b" \n\t\n\r\n  \n")
    c.bad["bad/whitespace"] = "only white space"

    # Unreadable: owned by someone else, mode 000 (see _drop_file_read_override for root).
    text, _ = article(102, seed=8)
    p = write("bad/unreadable", text.encode("utf-8"))
    if ROOT:
        os.chown(p, NOBODY, NOBODY)
    p.chmod(0)
    c.bad["bad/unreadable"] = "no read permission"

    # A symlink loop between two files, a dangling link (file deleted), a FIFO (reading
    # it would block for ever), and a folder whose name ends in .txt.
    (root / "bad").mkdir(exist_ok=True)
    os.symlink("loop_b.txt", root / "bad" / "loop_a.txt")
    os.symlink("loop_a.txt", root / "bad" / "loop_b.txt")
    c.bad["bad/loop_a"] = "symlink loop"
    c.bad["bad/loop_b"] = "symlink loop"
    os.symlink("was_deleted.txt", root / "bad" / "dangling.txt")
    c.bad["bad/dangling"] = "symlink to a deleted file"
    os.mkfifo(root / "bad" / "fifo.txt")
    c.bad["bad/fifo"] = "named pipe, not a regular file"
    # A directory symlink loop: walking must not follow it for ever. It holds no file
    # of its own, so nothing is expected from it (besides terminating).
    os.symlink("..", root / "bad" / "up_loop")

    # Borderline: a good article padded with NULs (a download cut short), foreign languages.
    text, spec = article(103, seed=8, layout="dated")
    write("either/nul_padded", text.encode("utf-8") + b"\x00" * 4096)
    c.either["either/nul_padded"] = spec.title
    write("either/english", ENGLISH.encode("utf-8"))
    c.either["either/english"] = "Kremlin says talks with Kyiv will continue after the New Year"
    write("either/russian", RUSSIAN.encode("utf-8"))
    c.either["either/russian"] = "Песков: переговоры с Киевом продолжатся после Нового года"

    if big:
        # 50 MB: a runaway scrape (the same page concatenated thousands of times).
        text, _ = article(104, seed=8, layout="plain")
        chunk = text.encode("utf-8")
        p = c.path("either/huge")
        with p.open("wb") as f:
            for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
                f.write(chunk)
        c.either["either/huge"] = "50 MB file"
        c.big = "either/huge"
    return c


def skipped_lines(stderr: str) -> list[str]:
    """The per-file report lines (`cerca: skipped PATH: REASON`), not the summary line."""
    return [line for line in stderr.splitlines() if line.startswith("cerca: skipped ")]


def mentions(lines: Sequence[str], rel: str) -> list[str]:
    """Lines that name the file `rel` (by id or by path)."""
    name = f"{rel}.txt"
    return [line for line in lines if name in line or f"{rel}:" in line or f"{rel} " in line]


@pytest.fixture
def needs_permissions() -> None:
    if not PERMISSIONS_ENFORCED:
        pytest.skip(
            "running as root without CAP_SETPCAP: cannot drop CAP_DAC_OVERRIDE, so a "
            "chmod 000 file stays readable and the unreadable-file case cannot be shown"
        )


# ----------------------------------------------------------------- reading an index back


def dump_index(index_path: Path) -> dict[str, dict[str, object]]:
    """Every stored document of the index readers see: {id: {field: value}}.

    Goes through `search.index.open_index`, the same door `cerca query` uses, so a
    damaged index fails here as it would for a user.
    """
    import tantivy

    from search.index import open_index

    index, _manifest = open_index(index_path)
    index.reload()
    searcher = index.searcher()
    n = searcher.num_docs
    out: dict[str, dict[str, object]] = {}
    if n == 0:
        return out
    for _score, address in searcher.search(tantivy.Query.all_query(), n).hits:
        d = searcher.doc(address).to_dict()
        fields = {k: (v if len(v) != 1 else v[0]) for k, v in d.items()}
        doc_id = str(fields["id"])
        assert doc_id not in out, f"document {doc_id} is in the index twice"
        out[doc_id] = fields
    return out
