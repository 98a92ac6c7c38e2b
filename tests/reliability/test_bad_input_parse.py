"""Bad input through the parser (`search.parse` and `cerca parse`): nothing crashes, each bad
file is reported once with a reason, every good file comes out whole (SPEC §2, §3).
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import (
    PERMISSIONS_ENFORCED,
    ROOT,
    BadCorpus,
    build_bad_corpus,
    mentions,
    run_cerca,
    skipped_lines,
)

CONTROL = {chr(c) for c in range(32) if c != 10} | {chr(c) for c in range(0x7F, 0xA0)}


def _clean(value: str | None) -> bool:
    """True when a field has no control character, no U+FFFD and is NFC."""
    if value is None:
        return True
    return (
        not (set(value) & CONTROL)
        and "\ufffd" not in value
        and unicodedata.is_normalized("NFC", value)
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> BadCorpus:
    return build_bad_corpus(tmp_path_factory.mktemp("bad") / "corpus", big=True)


def _abs(p: str | Path) -> str:
    # not Path.resolve(): it raises on the symlink loops this corpus holds
    return os.path.abspath(p)


def _files(c: BadCorpus) -> list[Path]:
    return [c.path(rel) for rel in c.all_ids]


# ------------------------------------------------------------------ library level


def test_good_files_parse_whole(corpus: BadCorpus) -> None:
    from search.parse import parse_file

    for rel, title in corpus.good.items():
        a = parse_file(corpus.path(rel), corpus.root)
        assert a.id == rel
        assert a.title == title, rel
        assert a.body.strip(), rel
        for name in ("title", "subtitle", "author", "section", "body"):
            assert _clean(getattr(a, name)), (rel, name, getattr(a, name))


@pytest.mark.parametrize(
    "rel",
    [
        "bad/empty",
        "bad/image",
        "bad/zeros",
        "bad/boilerplate",
        "bad/whitespace",
        "bad/loop_a",
        "bad/loop_b",
        "bad/dangling",
        "bad/fifo",
        "either/huge",
    ],
)
def test_bad_file_raises_skipfile_with_reason(corpus: BadCorpus, rel: str) -> None:
    from search.parse import SkipFile, parse_file

    with pytest.raises(SkipFile) as e:
        parse_file(corpus.path(rel), corpus.root)
    reason = str(e.value)
    assert reason.strip() and "\n" not in reason
    assert "Traceback" not in reason


def test_unreadable_file_skipped_in_process(corpus: BadCorpus) -> None:
    if ROOT:
        pytest.skip("root reads a chmod 000 file in-process; the CLI test covers it")
    from search.parse import SkipFile, parse_file

    with pytest.raises(SkipFile, match="(?i)permission"):
        parse_file(corpus.path("bad/unreadable"), corpus.root)


def test_file_deleted_after_listing(tmp_path: Path) -> None:
    """The indexer lists the folder, then reads: a file can vanish in between."""
    from search.parse import SkipFile, parse_file

    p = tmp_path / "gone.txt"
    p.write_text("Il 3 marzo 2024 a Roma.\nTitolo\nCorpo dell'articolo.\n", encoding="utf-8")
    p.unlink()
    with pytest.raises(SkipFile):
        parse_file(p, tmp_path)


def test_huge_file_is_skipped_fast(corpus: BadCorpus) -> None:
    """50 MB must not be read whole nor parsed: the reason comes from the size alone."""
    import time

    from search.parse import SkipFile, parse_file

    assert corpus.path("either/huge").stat().st_size >= 50 * 1024 * 1024
    t = time.perf_counter()
    with pytest.raises(SkipFile, match="(?i)large"):
        parse_file(corpus.path("either/huge"), corpus.root)
    assert time.perf_counter() - t < 2.0


@pytest.mark.parametrize("rel", ["either/nul_padded", "either/english", "either/russian"])
def test_borderline_files_parse_or_skip_cleanly(corpus: BadCorpus, rel: str) -> None:
    from search.parse import SkipFile, parse_file

    try:
        a = parse_file(corpus.path(rel), corpus.root)
    except SkipFile as e:
        assert str(e).strip()
        return
    assert a.title == corpus.either[rel]
    assert all(_clean(getattr(a, n)) for n in ("title", "subtitle", "author", "body"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000) | st.text(max_size=2000).map(lambda s: s.encode("utf-8")))
def test_any_bytes_parse_or_skip(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    """The parser is total over bytes: an Article or SkipFile, never another exception."""
    from search.parse import SkipFile, parse_file

    root = tmp_path_factory.mktemp("fuzz", numbered=True)
    p = root / "x.txt"
    p.write_bytes(data)
    try:
        a = parse_file(p, root)
    except SkipFile as e:
        assert str(e).strip()
        return
    assert a.id == "x"
    assert all(_clean(getattr(a, n)) for n in ("title", "subtitle", "author", "section"))


# ------------------------------------------------------------------ `cerca parse`


def test_cli_parse_reports_each_bad_file_once(corpus: BadCorpus, tmp_path: Path) -> None:
    r = run_cerca("parse", "--format", "json", *_files(corpus), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    articles = json.loads(r.stdout)
    by_path = {}
    for a in articles:
        by_path.setdefault(_abs(a["path"]), []).append(a)
    # Every good file once, with its title.
    for rel, title in corpus.good.items():
        got = by_path.get(_abs(corpus.path(rel)), [])
        assert len(got) == 1, (rel, len(got))
        assert got[0]["title"] == title
    skips = skipped_lines(r.stderr)
    bad = dict(corpus.bad)
    if not PERMISSIONS_ENFORCED:
        bad.pop("bad/unreadable")
    for rel in [*bad, "either/huge"]:
        lines = mentions(skips, rel)
        assert len(lines) == 1, (rel, skips)
        reason = lines[0].split(f"{rel}.txt", 1)[1].strip(" :")
        assert reason, lines[0]
        assert _abs(corpus.path(rel)) not in by_path
    # Borderline files: in the output or reported, exactly once.
    for rel in ("either/nul_padded", "either/english", "either/russian"):
        n_out = len(by_path.get(_abs(corpus.path(rel)), []))
        n_skip = len(mentions(skips, rel))
        assert n_out + n_skip == 1, (rel, n_out, n_skip)


def test_cli_parse_unreadable_file(corpus: BadCorpus, tmp_path: Path, needs_permissions) -> None:
    r = run_cerca("parse", "--format", "json", corpus.path("bad/unreadable"), cwd=tmp_path)
    lines = mentions(skipped_lines(r.stderr), "bad/unreadable")
    assert len(lines) == 1 and "permission" in lines[0].lower(), r.stderr
    assert json.loads(r.stdout or "[]") == []


def test_cli_parse_only_bad_files_no_traceback(corpus: BadCorpus, tmp_path: Path) -> None:
    r = run_cerca("parse", "--format", "text", *[corpus.path(b) for b in corpus.bad], cwd=tmp_path)
    assert r.returncode in (0, 1)
    assert r.stdout.strip() == ""


def test_cli_parse_missing_file_is_one_line(tmp_path: Path) -> None:
    r = run_cerca("parse", tmp_path / "nope.txt", cwd=tmp_path)
    assert r.returncode != 0 or "nope.txt" in r.stderr
    assert len([ln for ln in r.stderr.splitlines() if ln.strip()]) <= 3


def test_cli_parse_undecodable_file_name(tmp_path: Path) -> None:
    """A file name that is not UTF-8 (old archives copied from Windows/latin-1 disks)."""
    from .articles import article

    text, spec = article(7, layout="dated")
    name = os.fsencode(tmp_path) + b"/articolo_citt\xe0.txt"
    with open(name, "wb") as f:
        f.write(text.encode("utf-8"))
    for fmt in ("json", "text"):
        r = run_cerca("parse", "--format", fmt, os.fsdecode(name), cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert spec.title in r.stdout
    assert json.loads(run_cerca("parse", "--format", "json", os.fsdecode(name)).stdout)
