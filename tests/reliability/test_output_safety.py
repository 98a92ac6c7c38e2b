"""Rich markup and terminal escape sequences in articles, file names or queries are shown
literally (escape characters stripped) and never crash the output (SPEC §2, §6).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .articles import article
from .conftest import dump_index, run_cerca

ESC = "\x1b"
# Things a terminal or rich would act on: markup tags, an unbalanced closing tag (rich
# raises MarkupError on it), emoji codes, link markup, CSI clear-screen, an OSC title.
MARKUP_TITLE = "Il caso [red]Zorvmarkup[/] e [bold]x con [/] :thumbs_up: [link=http://x]y"
ESCAPE_BODY = (
    "Roma, 3 marzo 2024 – La vicenda Zorvescape\x1b[2J\x1b[31m rosso\x1b[0m e "
    "\x1b]0;pwned\x07 titolo \x9b31m e [/] chiuso."
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("safety")
    corpus = base / "corpus"
    corpus.mkdir()
    text, _ = article(1, layout="dated")
    body = text.split("\n", 1)[1]
    (corpus / "markup.txt").write_text(f" date 2024-03 {MARKUP_TITLE}\n{body}", encoding="utf-8")
    (corpus / "escape.txt").write_text(
        f" date 2024-03 Titolo con escape\x1b[2J finito\n\n{ESCAPE_BODY}\n{body}", encoding="utf-8"
    )
    index = base / "index"
    r = run_cerca("index", corpus, "--index", index, cwd=base)
    assert r.returncode == 0, r.stderr
    return {"base": base, "index": index, "docs": dump_index(index)}


@pytest.fixture(scope="module")
def evil_names(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """File names carry escapes too: they become ids and paths, and skip reports."""
    base = tmp_path_factory.mktemp("names")
    corpus = base / "corpus"
    corpus.mkdir()
    with open(os.fsencode(corpus) + b"/evil\x1b[2Jname.txt", "wb") as f:
        f.write(article(2, layout="dated")[0].encode("utf-8"))
    with open(os.fsencode(corpus) + b"/empty\x1b]0;pwned\x07.txt", "wb"):
        pass
    index = base / "index"
    r = run_cerca("index", corpus, "--index", index, cwd=base)
    assert r.returncode == 0, r.stderr
    return {"base": base, "index": index, "index_run": r, "docs": dump_index(index)}


def _clean_terminal_text(s: str) -> None:
    bad = [c for c in s if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0]
    assert not bad, f"control characters reach the terminal: {sorted(set(map(repr, bad)))}"


def test_index_report_has_no_escapes(evil_names: dict) -> None:
    r = evil_names["index_run"]
    assert "skipped" in r.stderr and "empty" in r.stderr
    _clean_terminal_text(r.stderr)


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_markup_in_article_is_shown_literally(hostile: dict, fmt: str) -> None:
    r = run_cerca(
        "query", "zorvmarkup", "--format", fmt, "--index", hostile["index"], cwd=hostile["base"]
    )
    assert r.returncode == 0, r.stderr
    if fmt == "table":
        for piece in ("[red]", "[/]", "[bold]x", ":thumbs_up:", "[link=http://x]"):
            assert piece in r.stdout, (piece, r.stdout)
        _clean_terminal_text(r.stdout)
    elif fmt == "json":
        assert json.loads(r.stdout)["hits"][0]["title"] == MARKUP_TITLE


def test_escapes_in_article_never_reach_the_terminal(hostile: dict) -> None:
    idx, base = hostile["index"], hostile["base"]
    for args in (
        ("query", "zorvescape", "--format", "table"),
        ("query", "escape", "--format", "table"),
        ("query", "", "--format", "table", "-n", "50"),
        ("show", "escape", "--format", "text"),
        ("show", "escape", "--format", "text", "--highlight", "rosso"),
        ("stats", "--format", "text"),
    ):
        r = run_cerca(*args, "--index", idx, cwd=base)
        assert r.returncode == 0, (args, r.stderr)
        _clean_terminal_text(r.stdout)
        _clean_terminal_text(r.stderr)
    r = run_cerca("show", "escape", "--format", "text", "--index", idx, cwd=base)
    assert "Zorvescape" in r.stdout and "rosso" in r.stdout


def test_escape_file_name_is_neutralised(evil_names: dict) -> None:
    evil_id = next(i for i in evil_names["docs"] if i.startswith("evil"))
    idx = evil_names["index"]
    r = run_cerca("query", "", "-n", "50", "--format", "table", "--index", idx)
    assert r.returncode == 0, r.stderr
    _clean_terminal_text(r.stdout)
    r = run_cerca("show", evil_id, "--format", "text", "--index", idx)
    assert r.returncode == 0, r.stderr
    _clean_terminal_text(r.stdout)


@pytest.mark.parametrize(
    "query",
    ["[red]", "[/]", "[bold]x", "\x1b[2J", "[red]zorvmarkup[/]", "\x1b]0;t\x07 x", ":smile: [/red"],
)
def test_markup_and_escapes_in_query(hostile: dict, query: str, tmp_path: Path) -> None:
    for fmt in ("table", "json"):
        r = run_cerca(
            "query", query, "--format", fmt, "--index", hostile["index"], cwd=hostile["base"]
        )
        assert r.returncode in (0, 2), (query, r.stderr)
        if r.returncode == 2:
            assert len(r.stderr.strip().splitlines()) == 1, r.stderr
        if fmt == "table":
            _clean_terminal_text(r.stdout)
        _clean_terminal_text(r.stderr)
